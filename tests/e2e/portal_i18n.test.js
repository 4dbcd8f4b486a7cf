// The portal in English and Dutch: the EN | NL switch in the header, <html lang>, the choice
// saved per user (PATCH /api/me) and kept on this browser when signed out, a subscription
// created in Dutch (language of the invitation), the keyboard in the dialog, and screenshots
// of the main screens in both languages and at phone width (390 x 844) in build/e2e/.
'use strict';
const { describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const L = require('./lib.js');

const RESELLER = {
  company: 'Tulp & Co ICT B.V.',
  name: 'Joris van Dijk',
  email: 'joris@tulp-ict.example',
  password: 'Molen-Kaas-Fiets-77',
};

const text = (s, label) => { const it = L.findItem(s, label); return it ? (it.text || '') : undefined; };
const rows = (s) => s.items.filter((i) => i.label.startsWith('row:'));
const pageLang = (page) => page.evaluate(() => document.documentElement.lang);
const title = (page) => page.evaluate(() => document.title);
// Screenshots without a hover tooltip: the mouse rests in the bottom-left corner first.
const shot = async (p, name) => {
  const vp = p.viewportSize();
  await p.mouse.move(2, vp.height - 2);
  await p.waitForTimeout(100);
  return L.shot(p, name);
};
const announced = (page) => page.evaluate(() => (window.signetTest || {}).announced || '');

describe('portal in English and Dutch', () => {
  let server, b, page, cookie, csrf;
  const step = L.steps('i18n-', () => page, shot);
  const call = async (method, p, body, auth = { cookie, csrf }) => {
    const r = await L.api(server.base, method, p, body, auth.cookie, auth.csrf);
    const t = await r.text();
    return { status: r.status, body: t ? JSON.parse(t) : null };
  };
  // The user's saved language, read through a separate API session.
  const savedLanguage = async () => {
    const r = await L.api(server.base, 'POST', '/api/session', { email: RESELLER.email, password: RESELLER.password });
    const body = await r.json();
    return body.user.language;
  };
  const signIn = async (p, email = 'E-mail address', password = 'Password') => {
    await L.fill(p, email, RESELLER.email);
    await L.fill(p, password, RESELLER.password);
    await p.keyboard.press('Enter');
    await L.waitScreen(p, 'subscriptions');
    await L.waitFor(p, (s) => rows(s).length >= 3, 'rows');
  };
  const waitLang = (p, lang) => L.waitFor(p, () => true, 'frame').then(async () => {
    const start = Date.now();
    while (Date.now() - start < 5000) {
      if (await pageLang(p) === lang) return;
      await p.waitForTimeout(50);
    }
    throw new Error(`<html lang> stayed ${await pageLang(p)}, expected ${lang}`);
  });

  before(async () => {
    assert.ok(fs.existsSync(L.SERVER), `missing ${L.SERVER}`);
    assert.ok(L.webFile('portal', '.wasm'), `missing ${L.WEB_DIR}/portal.*.wasm`);
    server = await L.startServer();
    const s = await L.setupReseller(server, RESELLER);
    cookie = s.cookie;
    csrf = s.csrf;
    for (const [name, product, n, invite] of [
      ['Atlas Advies', 'm365', 1250, null],
      ['Bakkerij Van der Meulen-Schoonhoven', 'google_workspace', 30, null],
      ['Delta Design', 'm365', 4, ['Dirk Dekker', 'dirk@delta-design.example']],
    ]) {
      const c = await call('POST', '/api/subscriptions', {
        product, customer_name: name, user_count: n, customer_can_edit: !!invite,
        contact_name: invite ? invite[0] : '', contact_email: invite ? invite[1] : '',
      });
      assert.equal(c.status, 201, JSON.stringify(c.body));
    }
    b = await L.launch({ dpr: Number(process.env.SIGNET_E2E_DPR || 1) });
    page = b.page;
  });

  after(() => L.shutdown(b, server));

  step('signed out: EN | NL switches the sign-in screen and <html lang>, kept on this browser', async () => {
    await page.goto(server.base + '/signin');
    await L.waitScreen(page, 'signin');
    await L.waitItem(page, 'E-mail address');
    assert.equal(await pageLang(page), 'en');
    assert.equal(await title(page), 'Sign in · Signet');
    assert.equal(text(await L.state(page), 'lang:EN'), 'current');
    await shot(page, 'i18n-en-signin');

    await L.click(page, 'lang:NL');
    await L.waitItem(page, 'E-mailadres');
    await waitLang(page, 'nl');
    assert.equal(await title(page), 'Inloggen · Signet');
    assert.equal(text(await L.state(page), 'lang:NL'), 'current');
    assert.equal(await page.evaluate(() => localStorage.getItem('signet.language')), 'nl');
    await shot(page, 'i18n-nl-signin');

    // A wrong password: the message in Dutch.
    await L.fill(page, 'E-mailadres', RESELLER.email);
    await L.fill(page, 'Wachtwoord', 'verkeerd-wachtwoord-1');
    await page.keyboard.press('Enter');
    const msg = await L.waitItem(page, 'message');
    assert.equal(msg.text, 'Het e-mailadres of wachtwoord klopt niet.');
    assert.equal(await announced(page), 'Het e-mailadres of wachtwoord klopt niet.');

    // Reload: the browser remembers the choice.
    await page.reload();
    await L.waitScreen(page, 'signin');
    await L.waitItem(page, 'E-mailadres');
    assert.equal(await pageLang(page), 'nl');
  });

  step("after sign-in the user's own language applies; switching saves it for the user", async () => {
    await signIn(page, 'E-mailadres', 'Wachtwoord');
    // The account was created in English (API setup): its language wins after sign-in.
    await waitLang(page, 'en');
    assert.equal(await title(page), 'Subscriptions · Signet');
    await L.click(page, 'lang:NL');
    await L.waitItem(page, 'header:Klant');
    await waitLang(page, 'nl');
    assert.equal(await title(page), 'Abonnementen · Signet');
    const s = await L.state(page);
    assert.equal(text(s, 'count'), '3 abonnementen');
    // Counts and dates in Dutch.
    assert.ok(s.items.some((i) => i.label === 'Nieuw klantabonnement'), 'Dutch button');
    for (let i = 0; i < 50 && (await savedLanguage()) !== 'nl'; ++i) await page.waitForTimeout(100);
    assert.equal(await savedLanguage(), 'nl', 'PATCH /api/me saved the language');

    await page.reload();
    await L.waitScreen(page, 'subscriptions');
    await L.waitItem(page, 'header:Klant');
    assert.equal(await pageLang(page), 'nl');
  });

  step('a new sign-in starts in the saved language, whatever this browser last chose', async () => {
    await L.click(page, 'Uitloggen');
    await L.waitScreen(page, 'signin');
    await L.click(page, 'lang:EN');
    await L.waitItem(page, 'E-mail address');
    await waitLang(page, 'en');
    await signIn(page);
    await waitLang(page, 'nl');
    await L.waitItem(page, 'header:Klant');
    assert.equal(await title(page), 'Abonnementen · Signet');
    await shot(page, 'i18n-nl-list');
  });

  step('detail in Dutch: labels, dates dd-mm-jjjj and amounts € 1.234,56', async () => {
    await L.click(page, 'row:Atlas Advies');
    await L.waitItem(page, 'detail-title');
    let s = await L.state(page);
    assert.equal(text(s, 'detail:Number of users'), '1.250');
    assert.match(text(s, 'detail:Next payment date'), /^\d\d-\d\d-\d{4}$/);
    assert.equal(text(s, 'detail:Billing cycle'), 'Maandelijks');
    assert.ok(L.findItem(s, 'Handtekeningeditor openen'), 'editor button in Dutch');
    await shot(page, 'i18n-nl-detail');

    // A seat quote: Dutch sentence, euro amount with a decimal comma.
    await L.fill(page, 'Detail number of users', '1260');
    await L.click(page, 'Opslaan');
    const q = await L.waitItem(page, 'seat-quote');
    assert.match(q.text, /^10 gebruikers toevoegen kost nu € \d{1,3}(\.\d{3})*,\d\d \(naar rato tot \d\d-\d\d-\d{4}\)\.$/);
    await shot(page, 'i18n-nl-seat-quote');
    await L.click(page, 'Annuleren');
    await L.waitNoItem(page, 'seat-quote');
  });

  step('creates a subscription in Dutch with the keyboard; the invitation language is sent', async () => {
    await L.click(page, 'Nieuw klantabonnement');
    await L.waitScreen(page, 'new-subscription');
    // Escape closes the dialog.
    await page.keyboard.press('Escape');
    await L.waitScreen(page, 'subscriptions');
    await L.click(page, 'Nieuw klantabonnement');
    await L.waitScreen(page, 'new-subscription');
    // The company field has the focus: type, Tab to the number of users.
    await L.typeText(page, 'Hoogeveen Hoveniers');
    await page.keyboard.press('Tab');
    await L.typeText(page, '12');
    let s = await L.waitFor(page, (st) => text(st, 'Aantal gebruikers') === '12' && st, 'users typed');
    assert.equal(text(s, 'Bedrijfsnaam van de klant'), 'Hoogeveen Hoveniers');
    await L.click(page, 'Klanten handtekeningen laten bewerken?');
    await L.waitItem(page, 'Invitation language:nl');
    s = await L.state(page);
    // The reseller works in Dutch: the invitation defaults to Dutch.
    assert.equal(text(s, 'Invitation language:nl'), 'selected');
    await L.fill(page, 'Naam contactpersoon klant', 'Hanneke Hoogeveen');
    await L.fill(page, 'E-mailadres van de klant', 'hanneke@hoogeveen.example');
    await shot(page, 'i18n-nl-new-subscription');
    // Validation in Dutch: a bad e-mail address, then the fix.
    await L.fill(page, 'E-mailadres van de klant', 'hanneke@');
    await page.keyboard.press('Enter');
    const err = await L.waitItem(page, 'error:E-mailadres van de klant');
    assert.equal(err.text, 'Vul een e-mailadres in zoals naam@bedrijf.nl.');
    assert.match(await announced(page), /^Controleer de gemarkeerde velden\./);
    await shot(page, 'i18n-nl-new-subscription-error');
    await L.fill(page, 'E-mailadres van de klant', 'hanneke@hoogeveen.example');
    await page.keyboard.press('Enter');

    const toast = await L.waitItem(page, 'toast');
    assert.equal(toast.text, 'Abonnement voor Hoogeveen Hoveniers aangemaakt. Er is een uitnodiging gestuurd naar hanneke@hoogeveen.example.');
    assert.equal(await announced(page), toast.text);
    const list = await call('GET', '/api/subscriptions?q=Hoogeveen');
    assert.equal(list.status, 200);
    const created = list.body.items.find((x) => x.customer_name === 'Hoogeveen Hoveniers');
    assert.ok(created, JSON.stringify(list.body));
    assert.equal(created.language, 'nl');
  });

  step('billing in Dutch', async () => {
    await L.click(page, 'nav:Billing');
    await L.waitScreen(page, 'billing');
    await L.waitFor(page, (st) => /^€ \d/.test(text(st, 'billing:mrr') || ''), 'MRR in Dutch format');
    assert.equal(await title(page), 'Facturatie · Signet');
    await shot(page, 'i18n-nl-billing');
    await L.click(page, 'nav:Audit log');
    await L.waitScreen(page, 'audit');
    await L.waitFor(page, (st) => /regels/.test(text(st, 'audit-count') || ''), 'audit count in Dutch');
    await shot(page, 'i18n-nl-audit');
  });

  step('the same screens in English', async () => {
    await L.click(page, 'lang:EN');
    await waitLang(page, 'en');
    await L.waitFor(page, (st) => /entries/.test(text(st, 'audit-count') || ''), 'audit count in English');
    await L.click(page, 'nav:Billing');
    await L.waitScreen(page, 'billing');
    await L.waitFor(page, (st) => /^€\d/.test(text(st, 'billing:mrr') || ''), 'MRR in English format');
    await shot(page, 'i18n-en-billing');
    await L.click(page, 'nav:Subscriptions');
    await L.waitScreen(page, 'subscriptions');
    await L.waitItem(page, 'header:Customer');
    await shot(page, 'i18n-en-list');
    await L.click(page, 'row:Atlas Advies');
    await L.waitItem(page, 'detail-title');
    const s = await L.state(page);
    assert.equal(text(s, 'detail:Number of users'), '1,250');
    assert.match(text(s, 'detail:Next payment date'), /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    await shot(page, 'i18n-en-detail');
    await L.click(page, 'New customer subscription');
    await L.waitScreen(page, 'new-subscription');
    await L.click(page, 'Let customers edit signatures?');
    await L.waitItem(page, 'Invitation language:en');
    assert.equal(text(await L.state(page), 'Invitation language:en'), 'selected');
    await shot(page, 'i18n-en-new-subscription');
    await page.keyboard.press('Escape');
    await L.waitScreen(page, 'subscriptions');
    for (let i = 0; i < 50 && (await savedLanguage()) !== 'en'; ++i) await page.waitForTimeout(100);
    assert.equal(await savedLanguage(), 'en');
  });

  for (const lang of ['nl', 'en']) {
    step(`phone width 390 px (${lang}): list with fewer columns, detail as its own screen`, async () => {
      const phone = await b.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
      await phone.addInitScript(() => { window.SIGNET_TEST = true; });
      const p = await phone.newPage();
      try {
        await p.goto(server.base + '/signin');
        await L.waitScreen(p, 'signin');
        await L.waitItem(p, 'lang:NL');
        await shot(p, `i18n-${lang}-390-signin-before`);
        // The saved language (set by the previous step / here) applies after sign-in.
        await call('PATCH', '/api/me', { language: lang });
        await signIn(p);  // a fresh browser: English until the saved language arrives
        await waitLang(p, lang);
        let s = await L.state(p);
        // Nothing sticks out of the 390 px window.
        for (const it of s.items.filter((i) => i.label.startsWith('nav:') || i.label.startsWith('lang:') ||
          ['Signet', 'user', 'Status filter', 'Search'].includes(i.label) || i.label.startsWith('row:')))
          assert.ok(it.x >= 0 && it.x + it.w <= 390.5, `${it.label} at ${it.x}+${it.w}`);
        const headers = s.items.filter((i) => i.label.startsWith('header:')).map((i) => i.label);
        assert.ok(headers.length <= 4, headers.join(', '));
        assert.ok(!headers.some((h) => /Product|Invitation|Uitnodiging/.test(h)), headers.join(', '));
        await shot(p, `i18n-${lang}-390-list`);
        await L.click(p, 'row:Delta Design');
        await L.waitItem(p, 'detail-back');
        s = await L.state(p);
        assert.equal(rows(s).length, 0, 'the detail replaces the list');
        const title = L.findItem(s, 'detail-title');
        assert.ok(title.x >= 0 && title.x + title.w <= 390.5);
        await shot(p, `i18n-${lang}-390-detail`);
        await L.click(p, 'detail-back');
        await L.waitFor(p, (st) => rows(st).length >= 3, 'back to the list');
        assert.equal(new URL(p.url()).pathname, '/');
        if (lang === 'nl') {
          await L.click(p, 'Nieuw klantabonnement');
          await L.waitScreen(p, 'new-subscription');
          await L.click(p, 'Klanten handtekeningen laten bewerken?');
          await L.waitItem(p, 'Invitation language:nl');
          await shot(p, 'i18n-nl-390-new-subscription');
          await p.keyboard.press('Escape');
          await L.waitScreen(p, 'subscriptions');  // the dialog closed, as a person sees before clicking on
          await L.click(p, 'nav:Billing');
          await L.waitScreen(p, 'billing');
          await L.waitFor(p, (st) => /^€ \d/.test(text(st, 'billing:mrr') || ''), 'MRR');
          await shot(p, 'i18n-nl-390-billing');
        }
      } finally {
        await phone.close();
      }
    });
  }
  step('the page logged no unexpected errors', () => L.noUnexpectedConsoleErrors(b));
});
