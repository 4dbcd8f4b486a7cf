// Phones and tablets: touch only, and an on-screen keyboard that appears only for a focused
// DOM input. A customer opens the invitation on a 390 px phone (DPR 3), taps into each field —
// a focused input with the keyboard that field needs exists while it is active —, completes the
// invitation and signs in; the keyboard (the visible viewport shrinking) never hides the field
// being typed in. On a tablet the signature editor's text fields are edited by touch.
'use strict';
const { describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const L = require('./lib.js');

const RESELLER = { company: 'Café Brûlé IT B.V.', name: 'Anna de Vries', email: 'anna@cafe-brule.example',
  password: 'Tulpen-Fiets-2026!' };
const CUSTOMER = { company: 'Brouwerij De Hoop', contact: 'Eva', email: 'eva@dehoop.example' };
const EVA = { name: 'Eva Ölçer', phone: '+31 6 1234 5678', password: 'Een-Lang-Wachtwoord-42' };

const text = (s, label) => { const it = L.findItem(s, label); return it ? (it.text || '') : undefined; };
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  if (!e || (e.tagName !== 'INPUT' && e.tagName !== 'TEXTAREA')) return null;
  return { tag: e.tagName, type: e.type, autocomplete: e.getAttribute('autocomplete'),
    inputmode: e.getAttribute('inputmode'), enterkeyhint: e.getAttribute('enterkeyhint') };
});
// The field's rectangle lies wholly inside the visible viewport.
async function visible(page, label) {
  const it = L.findItem(await L.state(page), label);
  const h = await page.evaluate(() => window.visualViewport.height);
  return !!it && it.y >= 0 && it.y + it.h <= h;
}

describe('phones and tablets', () => {
  let server, reseller, subscriptionId, invitePath, phone, tablet;
  const step = L.steps('mobile-', () => (tablet || phone || {}).page);

  before(async () => {
    server = await L.startServer();
    reseller = await L.setupReseller(server, RESELLER);
    const r = await L.api(server.base, 'POST', '/api/subscriptions',
      L.newSubscription(CUSTOMER.company, { invite: [CUSTOMER.contact, CUSTOMER.email] }), reseller.cookie, reseller.csrf);
    assert.equal(r.status, 201);
    subscriptionId = (await r.json()).id;
    invitePath = await L.waitInvitationLink(server, CUSTOMER.email);
    const tpl = await L.api(server.base, 'POST', `/api/subscriptions/${subscriptionId}/templates`, {
      name: 'Standard', style: { font_family: 'Arial', font_size: 13, text_color: '#1f2937', link_color: '#2563eb' },
      blocks: [{ type: 'text', text: '{{display_name}}', bold: true }],
    }, reseller.cookie, reseller.csrf);
    assert.equal(tpl.status, 201, await tpl.text());
    phone = await L.launch({ width: 390, height: 844, dpr: 3, mobile: true });
  });
  after(async () => {
    if (tablet) await tablet.browser.close();
    await L.shutdown(phone, server);
  });

  step('a tap into a field focuses an input with that field\'s keyboard', async () => {
    const page = phone.page;
    await page.goto(server.base + invitePath);
    await L.waitScreen(page, 'invite');
    await L.shot(page, 'mobile-01-invite');
    assert.equal(await focused(page), null, 'no keyboard before a tap');
    await L.tap(page, 'Your name');
    assert.deepEqual(await focused(page), { tag: 'INPUT', type: 'text', autocomplete: 'name', inputmode: 'text', enterkeyhint: 'next' });
    await L.typeText(page, ' Ölçer');  // the caret is where the finger was: after "Eva"
    await L.tap(page, 'Phone (optional)');
    assert.deepEqual(await focused(page), { tag: 'INPUT', type: 'tel', autocomplete: 'tel', inputmode: 'tel', enterkeyhint: 'next' });
    await L.typeText(page, EVA.phone);
    await L.tap(page, 'Password');
    assert.deepEqual(await focused(page), { tag: 'INPUT', type: 'password', autocomplete: 'new-password', inputmode: 'text', enterkeyhint: 'go' });
    await L.typeText(page, EVA.password.slice(0, 8));
    const s = await L.state(page);
    assert.equal(text(s, 'Your name'), EVA.name);
    assert.equal(text(s, 'Phone (optional)'), EVA.phone);
  });

  step('the on-screen keyboard never hides the field being typed in', async () => {
    const page = phone.page;
    // The keyboard takes the lower half: the visual viewport shrinks to 450 px.
    await page.setViewportSize({ width: 390, height: 450 });
    await L.settled(page);
    let shown = false;
    for (let i = 0; i < 20 && !shown; i++) { shown = await visible(page, 'Password'); if (!shown) await page.waitForTimeout(50); }
    assert.ok(shown, 'the password field scrolled above the keyboard');
    assert.equal((await focused(page)).autocomplete, 'new-password', 'still typing in it');
    await L.typeText(page, EVA.password.slice(8));
    await L.waitItem(page, 'password:ok');
    await L.shot(page, 'mobile-02-keyboard-open');
    await page.setViewportSize({ width: 390, height: 844 });  // the keyboard closes
    await L.settled(page);
  });

  step('accepting by touch creates the account with what was typed', async () => {
    const page = phone.page;
    await L.tap(page, 'Accept invitation');
    await L.waitScreen(page, 'editor', 15000);
    await L.shot(page, 'mobile-03-editor');
    const me = await page.evaluate(() => fetch('/api/session').then((r) => r.json()));
    assert.equal(me.user.name, EVA.name);
    assert.equal(me.user.phone, EVA.phone);
    assert.equal(await focused(page), null, 'the keyboard closed with the form');
  });

  step('signs out and in again by touch', async () => {
    const page = phone.page;
    await L.tap(page, 'Sign out');
    await L.waitScreen(page, 'signin');
    // The address of the session that just ended is filled in; the tap puts the caret in it.
    assert.equal(text(await L.state(page), 'E-mail address'), CUSTOMER.email);
    await L.tap(page, 'E-mail address');
    assert.deepEqual(await focused(page), { tag: 'INPUT', type: 'text', autocomplete: 'username', inputmode: 'email', enterkeyhint: 'next' });
    await L.tap(page, 'Password');
    assert.equal((await focused(page)).autocomplete, 'current-password');
    await L.typeText(page, EVA.password);
    await L.shot(page, 'mobile-04-signin');
    await L.tap(page, 'Sign in');
    await L.waitScreen(page, 'editor', 15000);
  });

  step('a tablet edits a signature text field by touch', async () => {
    tablet = await L.launch({ width: 820, height: 1180, dpr: 2, mobile: true });
    const page = tablet.page;
    await page.goto(server.base + '/editor/');
    await L.waitScreen(page, 'signin');
    await L.tap(page, 'E-mail address');
    await L.typeText(page, CUSTOMER.email);
    await L.tap(page, 'Password');
    await L.typeText(page, EVA.password);
    await L.tap(page, 'Sign in');
    await L.waitScreen(page, 'editor', 15000);
    // Upright, the editor shows one pane: the default template opens by itself.
    await L.waitFor(page, (st) => text(st, 'Template') === 'Standard' && L.findItem(st, 'Text 1'), 'the template open');
    await L.tap(page, 'Text 1');
    assert.equal((await focused(page)).tag, 'TEXTAREA');
    await page.keyboard.press('End');
    await L.typeText(page, ' · Brouwerij');
    await L.waitFor(page, (st) => text(st, 'Text 1') === '{{display_name}} · Brouwerij', 'edited text');
    await L.tap(page, 'Save');
    await L.waitNoItem(page, 'unsaved');
    await L.shot(page, 'mobile-05-tablet-editor');
    const list = await (await L.api(server.base, 'GET', `/api/subscriptions/${subscriptionId}/templates`, null, reseller.cookie)).json();
    assert.equal(list.items[0].blocks[0].text, '{{display_name}} · Brouwerij');
  });

  step('the pages logged no unexpected errors', () => {
    L.noUnexpectedConsoleErrors(phone);
    L.noUnexpectedConsoleErrors(tablet);
  });
});
