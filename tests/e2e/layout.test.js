// Layout: no text runs past its panel. The ui:: widgets publish every block of text they draw
// with the panel that holds it (its card, dialog, table cell, button or window;
// window.signetTest.texts). Every main screen of both apps, at 1360 px and at 390 px (a phone),
// in English and in Dutch, is checked: a text whose left or right edge lies outside its panel
// fails, with the screen, the text and the overshoot. A screenshot of each state is kept.
'use strict';
const { describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const L = require('./lib.js');

const RESELLER = { company: 'Café Brûlé IT B.V.', name: 'Anna de Vries-van Oosterhout',
  email: 'anna@cafe-brule.example', password: 'Tulpen-Fiets-2026!' };
const CUSTOMER = { company: 'Bakkerij Van der Meulen-Schoonhoven en Zonen', contact: 'Eva Janssen',
  email: 'eva@bakkerij-vandermeulen.example', password: 'Een-Lang-Wachtwoord-42' };
const WIDTHS = [[1360, 860], [390, 844]];

// Texts that cross their panel's left or right edge (1 px of rounding allowed). A text outside
// its panel vertically is scrolled away, not cut off, and is not judged.
function overflowing(texts) {
  return texts.filter((t) => {
    const p = t.panel;
    if (p.w <= 0 || p.h <= 0 || t.y + t.h <= p.y || t.y >= p.y + p.h) return false;
    return t.x < p.x - 1 || t.x + t.w > p.x + p.w + 1;
  }).map((t) => `"${t.text.slice(0, 60)}" ${Math.round(t.x)}..${Math.round(t.x + t.w)} outside ${Math.round(t.panel.x)}..${Math.round(t.panel.x + t.panel.w)}`);
}

// Waits until the screen has drawn texts and the frames settled, then checks and screenshots.
async function check(page, name) {
  await L.waitFor(page, (s) => s.ready && s.items.length > 2, `${name} drawn`);
  await page.waitForTimeout(250);
  const texts = await page.evaluate(() => window.signetTest.texts || []);
  assert.ok(texts.length > 2, `${name}: the app published its texts`);
  await L.shot(page, `layout-${name}`);
  return overflowing(texts).map((o) => `${name}: ${o}`);
}

describe('layout: text stays inside its panel', () => {
  let server, reseller, invitePath, subscriptionId, b;
  const step = L.steps('layout-', () => b && b.page);

  before(async () => {
    server = await L.startServer();
    b = await L.launch();
  });
  after(() => L.shutdown(b, server));

  // One browser context per width and language, its session cookie set from an API sign-in.
  async function context(width, height, lang, cookie) {
    const ctx = await b.browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
    await ctx.addInitScript((l) => {
      window.SIGNET_TEST = true;
      try { localStorage.setItem('signet.language', l); } catch (e) {}
    }, lang);
    if (cookie) {
      const [name, value] = cookie.split('=');
      await ctx.addCookies([{ name, value, url: server.base }]);
    }
    const page = await ctx.newPage();
    return { ctx, page };
  }

  step('the first-run setup screen', async () => {
    const problems = [];
    for (const [w, h] of WIDTHS) for (const lang of ['en', 'nl']) {
      const { ctx, page } = await context(w, h, lang);
      await page.goto(server.base + server.setupPath);
      await L.waitScreen(page, 'setup');
      problems.push(...await check(page, `setup-${lang}-${w}`));
      await ctx.close();
    }
    assert.deepEqual(problems, []);
    reseller = await L.setupReseller(server, RESELLER);
    const call = (m, p, body) => L.api(server.base, m, p, body, reseller.cookie, reseller.csrf);
    for (const name of ['Atlas Advies', 'Zorggroep Noord-Holland Coöperatie U.A.', 'Delta Design'])
      assert.equal((await call('POST', '/api/subscriptions', L.newSubscription(name, { users: 12 }))).status, 201);
    const r = await call('POST', '/api/subscriptions',
      L.newSubscription(CUSTOMER.company, { users: 40, invite: [CUSTOMER.contact, CUSTOMER.email] }));
    subscriptionId = (await r.json()).id;
    invitePath = await L.waitInvitationLink(server, CUSTOMER.email);
    await call('POST', `/api/subscriptions/${subscriptionId}/users`,
      { email: 'bob@bakkerij-vandermeulen.example', display_name: 'Bob Brouwer', job_title: 'Hoofd productie en logistiek', department: 'Productie' });
    await call('POST', `/api/subscriptions/${subscriptionId}/templates`, {
      name: 'Standaard', style: { font_family: 'Arial', font_size: 13, text_color: '#1f2937', link_color: '#2563eb' },
      blocks: [{ type: 'text', text: '{{display_name}}', bold: true }, { type: 'text', text: '{{job_title}} · {{company}}' },
        { type: 'disclaimer', text: 'Dit bericht kan vertrouwelijke informatie bevatten.' }],
    });
  });

  step('the reseller portal: sign-in, list, detail, dialogs, billing, audit, team', async () => {
    const problems = [];
    for (const [w, h] of WIDTHS) for (const lang of ['en', 'nl']) {
      const tag = `${lang}-${w}`;
      let { ctx, page } = await context(w, h, lang);
      await page.goto(server.base + '/signin');
      await L.waitScreen(page, 'signin');
      problems.push(...await check(page, `portal-signin-${tag}`));
      await ctx.close();
      await L.api(server.base, 'PATCH', '/api/me', { language: lang }, reseller.cookie, reseller.csrf);
      ({ ctx, page } = await context(w, h, lang, reseller.cookie));
      await page.goto(server.base + '/');
      await L.waitScreen(page, 'subscriptions');
      await L.waitItem(page, 'row:Atlas Advies');
      problems.push(...await check(page, `portal-list-${tag}`));
      await L.click(page, `row:${CUSTOMER.company}`);
      await L.waitItem(page, 'detail-title');
      problems.push(...await check(page, `portal-detail-${tag}`));
      for (const [path, screen] of [['/billing', 'billing'], ['/audit', 'audit'], ['/team', 'team']]) {
        await page.goto(server.base + path);
        await L.waitScreen(page, screen);
        problems.push(...await check(page, `portal-${screen}-${tag}`));
      }
      await page.goto(server.base + '/');
      await L.waitScreen(page, 'subscriptions');
      await L.click(page, lang === 'nl' ? 'Nieuw klantabonnement' : 'New customer subscription');
      await L.waitScreen(page, 'new-subscription');
      await L.click(page, lang === 'nl' ? 'Klanten handtekeningen laten bewerken?' : 'Let customers edit signatures?');
      problems.push(...await check(page, `portal-new-subscription-${tag}`));
      await ctx.close();
    }
    assert.deepEqual(problems, []);
  });

  step('the customer app: invitation, sign-in, forgot, editor tabs', async () => {
    const problems = [];
    for (const [w, h] of WIDTHS) for (const lang of ['en', 'nl']) {
      const tag = `${lang}-${w}`;
      const { ctx, page } = await context(w, h, lang);
      await page.goto(server.base + invitePath);
      await L.waitScreen(page, 'invite');
      problems.push(...await check(page, `customer-invite-${tag}`));
      for (const [path, screen] of [['/editor/', 'signin'], ['/editor/forgot-password', 'forgot'], ['/reset/not-a-token', 'reset']]) {
        await page.goto(server.base + path);
        await L.waitScreen(page, screen);
        problems.push(...await check(page, `customer-${screen}-${tag}`));
      }
      await ctx.close();
    }
    // Accept once, then look at the editor as the customer.
    const accept = await L.api(server.base, 'POST', `/api${invitePath.replace('/invite/', '/invitations/')}/accept`,
      { name: CUSTOMER.contact, phone: '', password: CUSTOMER.password });
    assert.equal(accept.status, 201, await accept.text());
    const cookie = accept.headers.get('set-cookie').split(';')[0];
    for (const [w, h] of WIDTHS) for (const lang of ['en', 'nl']) {
      const tag = `${lang}-${w}`;
      const csrf = (await (await L.api(server.base, 'GET', '/api/session', null, cookie)).json()).csrf_token;
      await L.api(server.base, 'PATCH', '/api/me', { language: lang }, cookie, csrf);
      const { ctx, page } = await context(w, h, lang, cookie);
      for (const tab of ['templates', 'users', 'deploy', 'colleagues', 'profile']) {
        await page.goto(server.base + `/editor/${tab}`);
        await L.waitScreen(page, 'editor', 15000);
        problems.push(...await check(page, `customer-editor-${tab}-${tag}`));
      }
      await ctx.close();
    }
    assert.deepEqual(problems, []);
  });
});
