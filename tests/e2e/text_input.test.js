// Typing as browsers deliver it, through the text agent (web_client/platform/text_agent.*):
// Playwright's own keyboard (key events for US characters, insertText for the rest, as IME
// commits and on-screen keyboards send them), IME composition and dead keys through CDP,
// native paste, editing keys, and autofill the way a password manager fills (value + input
// event, no keys). Names round-trip byte for byte into the API, the list and the e-mail.
'use strict';
const { describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const L = require('./lib.js');

const RESELLER = {
  company: 'Café Brûlé IT B.V.',
  name: 'Jørgen Großmann',
  email: 'jorgen@cafe-brule.example',
  password: 'Tulpen-Fiets-2026!',
};
// é ö ç ł ß ø, a CJK name (typed through an IME) and an emoji.
const CUSTOMER_TYPED = 'Łódź Ørsted Çelik Größe ';
const CUSTOMER_IME = '東京';
const CUSTOMER = `${CUSTOMER_TYPED}${CUSTOMER_IME} 😀`;
const CONTACT = { name: 'Zoë Ölçer', email: 'zoe@orsted.example' };

// Rows straight from the server's SQLite file (read-only; python3's own sqlite3 module).
const dbRows = (db, sql) => JSON.parse(execFileSync('python3', ['-c',
  'import json,sqlite3,sys; c=sqlite3.connect("file:"+sys.argv[1]+"?mode=ro", uri=True); print(json.dumps(c.execute(sys.argv[2]).fetchall()))',
  db, sql]).toString());
const sameBytes = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) === 0;

const text = (s, label) => { const it = L.findItem(s, label); return it ? (it.text || '') : undefined; };

// The DOM element that has the focus: what the text agent put there for the active field.
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  if (!e || (e.tagName !== 'INPUT' && e.tagName !== 'TEXTAREA')) return null;
  return { tag: e.tagName, type: e.type, autocomplete: e.getAttribute('autocomplete'),
    inputmode: e.getAttribute('inputmode'), enterkeyhint: e.getAttribute('enterkeyhint'),
    label: e.getAttribute('aria-label'), inForm: !!e.form, value: e.value };
});

describe('text input: every way a browser delivers text', () => {
  let server, b, page, cdp;
  const step = L.steps('text-', () => page);

  before(async () => {
    server = await L.startServer();
    b = await L.launch();
    page = b.page;
    cdp = await b.context.newCDPSession(page);
    await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  });
  after(() => L.shutdown(b, server));

  step('setup: accented names typed with the keyboard are stored as typed', async () => {
    await page.goto(server.base + server.setupPath);
    await L.waitScreen(page, 'setup');
    await L.click(page, 'Company name');
    const f = await focused(page);
    assert.deepEqual([f.autocomplete, f.inForm, f.label], ['organization', true, 'Company name']);
    await L.typeText(page, RESELLER.company);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).autocomplete, 'name', 'Tab moved to the name field at once');
    await L.typeText(page, RESELLER.name);
    await page.keyboard.press('Tab');
    assert.deepEqual(Object.values(await focused(page)).slice(0, 5), ['INPUT', 'text', 'username', 'email', 'next']);
    await L.typeText(page, RESELLER.email);
    await page.keyboard.press('Tab');
    const pw = await focused(page);
    assert.deepEqual([pw.type, pw.autocomplete, pw.enterkeyhint], ['password', 'new-password', 'go']);
    await L.typeText(page, RESELLER.password);
    const s = await L.state(page);
    assert.equal(text(s, 'Company name'), RESELLER.company);
    assert.equal(text(s, 'Your name'), RESELLER.name);
    await L.shot(page, 'text-01-setup-typed');
    await page.keyboard.press('Enter');
    await L.waitScreen(page, 'subscriptions');
    const me = await page.evaluate(() => fetch('/api/session').then((r) => r.json()));
    assert.equal(me.user.name, RESELLER.name, 'the name, byte for byte');
  });

  step('an IME composes a CJK name: shown while composing, committed once', async () => {
    await L.click(page, 'New customer subscription');
    await L.waitScreen(page, 'new-subscription');
    await L.click(page, 'Customer company name');
    await L.typeText(page, CUSTOMER_TYPED);
    // What a Japanese IME sends: the reading while composing, then the chosen characters.
    await cdp.send('Input.imeSetComposition', { text: 'とうきょう', selectionStart: 5, selectionEnd: 5 });
    let s = await L.waitFor(page, (st) => text(st, 'ime-composition') === 'とうきょう' && st, 'the composition');
    assert.equal(text(s, 'Customer company name'), CUSTOMER_TYPED + 'とうきょう');
    await L.shot(page, 'text-02-ime-composing');
    await cdp.send('Input.insertText', { text: CUSTOMER_IME });
    s = await L.waitFor(page, (st) => !L.findItem(st, 'ime-composition') && st, 'composition committed');
    assert.equal(text(s, 'Customer company name'), CUSTOMER_TYPED + CUSTOMER_IME);
    await L.typeText(page, ' 😀');
    s = await L.state(page);
    assert.equal(text(s, 'Customer company name'), CUSTOMER);
  });

  step('a dead key composes an accent; Backspace, selection and paste edit exactly once', async () => {
    await page.keyboard.press('Tab');  // Number of users
    assert.equal((await focused(page)).inputmode, 'numeric', 'a digits keyboard on phones');
    await L.typeText(page, '25');
    await L.click(page, 'Let customers edit signatures?');
    await L.click(page, 'Customer contact name');
    // A dead key (´) then "e": browsers deliver a composition, committed as "é".
    await L.typeText(page, 'Zo');
    await cdp.send('Input.imeSetComposition', { text: '¨', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: 'ë' });
    await L.typeText(page, ' Xlçer');
    await L.waitFor(page, (st) => text(st, 'Customer contact name') === 'Zoë Xlçer', 'typed contact');
    // Replace the selected "Xl" by "Öl": select it with Shift+arrows, type over it.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Shift+ArrowLeft');
    await L.typeText(page, 'Öl');
    await L.waitFor(page, (st) => text(st, 'Customer contact name') === 'Zoë Ölçer', 'selection replaced');
    // One Backspace deletes one character; one paste inserts once.
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await L.waitFor(page, (st) => text(st, 'Customer contact name') === 'Zoë Ölçe', 'one character deleted');
    await page.evaluate(() => navigator.clipboard.writeText('r'));
    await page.keyboard.press('Control+V');
    let s = await L.waitFor(page, (st) => text(st, 'Customer contact name') === CONTACT.name && st, 'pasted once');
    await page.waitForTimeout(200);
    assert.equal(text(await L.state(page), 'Customer contact name'), CONTACT.name);
    await page.keyboard.press('Tab');
    await L.typeText(page, CONTACT.email);
    await L.shot(page, 'text-03-new-subscription');
    await L.click(page, 'Create');
    s = await L.waitFor(page, (st) => st.screen === 'subscriptions' && L.findItem(st, 'row:' + CUSTOMER) && st, 'the new row');
    assert.equal(text(s, 'detail-title'), CUSTOMER, 'the list shows the name as typed');
    await L.shot(page, 'text-04-list');
  });

  step('the name reaches the database and the invitation e-mail byte for byte', async () => {
    const list = await page.evaluate(() => fetch('/api/subscriptions').then((r) => r.json()));
    const sub = list.items.find((i) => i.customer_name === CUSTOMER);
    assert.ok(sub, `stored as typed: ${JSON.stringify(list.items.map((i) => i.customer_name))}`);
    assert.deepEqual([sub.contact_name, sub.contact_email], [CONTACT.name, CONTACT.email]);
    const [[stored, contact]] = dbRows(server.db, `SELECT customer_name, contact_name FROM subscriptions WHERE id = ${sub.id}`);
    assert.ok(sameBytes(stored, CUSTOMER) && sameBytes(contact, CONTACT.name), `stored: ${stored} / ${contact}`);
    const [[company]] = dbRows(server.db, 'SELECT company_name FROM resellers');
    assert.ok(sameBytes(company, RESELLER.company), `stored: ${company}`);
    const mail = await L.waitMail(server, CONTACT.email);
    assert.ok(mail.text.includes(RESELLER.company), 'the reseller, as typed at setup');
    assert.ok(mail.text.includes(CONTACT.name), 'greets the contact by name');
    assert.ok(mail.text.includes(CUSTOMER) || mail.html.includes(CUSTOMER), 'names the customer');
  });

  step('autofill: a password manager fills the sign-in form without key events', async () => {
    await L.click(page, 'Sign out');
    await L.waitScreen(page, 'signin');
    await L.waitItem(page, 'Password');
    // The form a password manager sees: a username and a current-password input, together.
    const form = await page.evaluate(() => {
      const u = document.querySelector('input[autocomplete="username"]');
      const p = document.querySelector('input[autocomplete="current-password"]');
      return { both: !!(u && p), sameForm: !!(u && p && u.form && u.form === p.form), type: p && p.type };
    });
    assert.deepEqual(form, { both: true, sameForm: true, type: 'password' });
    await page.evaluate(([email, password]) => {
      for (const [sel, v] of [['input[autocomplete="username"]', email], ['input[autocomplete="current-password"]', password]]) {
        const el = document.querySelector(sel);
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }, [RESELLER.email, RESELLER.password]);
    await L.waitFor(page, (st) => text(st, 'E-mail address') === RESELLER.email, 'the filled address');
    await L.click(page, 'Sign in');
    await L.waitScreen(page, 'subscriptions');
  });

  step('autofill: a password manager fills the new password on the invitation', async () => {
    const link = await L.waitInvitationLink(server, CONTACT.email);
    const guest = await b.browser.newContext({ viewport: { width: 1360, height: 860 } });
    await guest.addInitScript(() => { window.SIGNET_TEST = true; });
    const p = await guest.newPage();
    try {
      await p.goto(server.base + link);
      await L.waitScreen(p, 'invite');
      await L.waitItem(p, 'Password');
      // What it sees: the user name (read-only, the address) and a new-password input, together.
      const form = await p.evaluate(() => {
        const u = document.querySelector('input[autocomplete="username"]');
        const pw = document.querySelector('input[autocomplete="new-password"]');
        return { user: u && u.value, readOnly: u && u.readOnly, sameForm: !!(u && pw && u.form === pw.form) };
      });
      assert.deepEqual(form, { user: CONTACT.email, readOnly: true, sameForm: true });
      await p.evaluate((pw) => {
        const el = document.querySelector('input[autocomplete="new-password"]');
        el.value = pw;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }, 'Gegenereerd-Door-De-Kluis-7');
      await L.waitItem(p, 'password:ok');
      await L.click(p, 'Accept invitation');
      await L.waitScreen(p, 'editor', 15000);
      const me = await p.evaluate(() => fetch('/api/session').then((r) => r.json()));
      assert.equal(me.user.email, CONTACT.email);
      assert.ok(sameBytes(me.user.name, CONTACT.name), me.user.name);
    } finally {
      await guest.close();
    }
  });

  step('the page logged no unexpected errors', () => L.noUnexpectedConsoleErrors(b));
});
