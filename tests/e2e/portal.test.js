// End-to-end tests of the reseller portal: the real signet-server (temp database, free port)
// serving build/web, driven in headless Chromium with real mouse and keyboard events at the
// widget rectangles the WASM app publishes (window.signetTest). Screenshots: build/e2e/*.png.
'use strict';
const { describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const L = require('./lib.js');

const RESELLER = {
  company: 'Café Brûlé IT B.V.',
  name: 'Anna de Vries',
  email: 'anna@cafe-brule.example',
  password: 'Tulpen-Fiets-2026!',
};

function rows(s) {
  return s.items.filter((i) => i.label.startsWith('row:')).sort((a, b) => a.y - b.y)
    .map((i) => ({ name: i.label.slice(4), selected: i.text === 'selected', y: i.y }));
}
const text = (s, label) => { const it = L.findItem(s, label); return it ? (it.text || '') : undefined; };

describe('reseller portal', () => {
  let server, b, page;
  // The steps build on each other: after a failure the rest are skipped, not piled up.
  const step = L.steps('', () => page);

  before(async () => {
    assert.ok(fs.existsSync(L.SERVER), `missing ${L.SERVER}: build the server first`);
    assert.ok(L.webFile('portal', '.wasm'), `missing ${L.WEB_DIR}/portal.*.wasm`);
    server = await L.startServer();
    b = await L.launch({ dpr: Number(process.env.SIGNET_E2E_DPR || 1) });
    page = b.page;
    await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  });

  after(() => L.shutdown(b, server));

  step('first-run setup validates as you type and signs the new reseller in', async () => {
    await page.goto(server.base + server.setupPath);
    await L.waitScreen(page, 'setup');
    await L.waitItem(page, 'Company name');
    await L.shot(page, '01-setup');

    // Bad input: messages from the shared rules appear next to their fields.
    await L.fill(page, 'E-mail address', 'not-an-email');
    await page.keyboard.press('Tab');
    await L.fill(page, 'Password', 'short');
    await page.keyboard.press('Tab');
    let s = await L.waitItem(page, 'error:Password');
    assert.ok(L.findItem(await L.state(page), 'error:E-mail address'), 'e-mail message shown');
    await L.shot(page, '02-setup-validation');

    // Tab moves between fields; non-ASCII typing works.
    await L.fill(page, 'Company name', RESELLER.company);
    await page.keyboard.press('Tab');
    await L.typeText(page, RESELLER.name);
    await page.keyboard.press('Tab');
    await L.selectAllAndDelete(page);
    await L.typeText(page, RESELLER.email);
    await page.keyboard.press('Tab');
    await L.selectAllAndDelete(page);
    await L.typeText(page, RESELLER.password);
    s = await L.state(page);
    assert.equal(text(s, 'Company name'), RESELLER.company);
    assert.equal(text(s, 'Your name'), RESELLER.name);
    assert.equal(L.findItem(s, 'error:E-mail address'), null);
    assert.equal(L.findItem(s, 'error:Password'), null);
    await page.keyboard.press('Enter');  // Enter submits the focused form

    await L.waitScreen(page, 'subscriptions');
    await L.waitItem(page, 'empty-state');
    assert.equal(new URL(page.url()).pathname, '/');
    s = await L.state(page);
    assert.equal(text(s, 'user'), RESELLER.name);
    await L.shot(page, '03-subscriptions-empty');

    // The link is used up now.
    const r = await fetch(server.base + '/api' + server.setupPath);
    assert.equal(r.status, 410);
  });

  step('sign out, wrong password keeps the fields, then sign in with Enter', async () => {
    await L.click(page, 'Sign out');
    await L.waitScreen(page, 'signin');
    assert.equal(new URL(page.url()).pathname, '/signin');
    await L.fill(page, 'E-mail address', RESELLER.email);
    await L.fill(page, 'Password', 'wrong-password-123');
    await L.click(page, 'Sign in');
    const msg = await L.waitItem(page, 'message');
    assert.match(msg.text, /e-mail address or password is not correct/);
    const s = await L.state(page);
    assert.equal(text(s, 'E-mail address'), RESELLER.email, 'e-mail kept');
    assert.equal(s.screen, 'signin');
    await L.shot(page, '04-signin-wrong-password');

    await L.fill(page, 'Password', RESELLER.password);
    await page.keyboard.press('Enter');
    await L.waitScreen(page, 'subscriptions');
    await L.waitItem(page, 'empty-state');
  });

  step('creates a subscription the reseller manages (no customer editing)', async () => {
    await L.click(page, 'New customer subscription');
    await L.waitScreen(page, 'new-subscription');
    let s = await L.state(page);
    // Exactly the seed's fields, in the seed's order.
    const order = ['Product', 'Customer company name', 'Number of users', 'Let customers edit signatures?']
      .map((l) => { const it = L.findItem(s, l); assert.ok(it, `field ${l}`); return it.y; });
    assert.deepEqual([...order].sort((x, y) => x - y), order, 'fields in seed order');
    assert.equal(L.findItem(s, 'Customer contact name'), null);
    assert.equal(L.findItem(s, 'Customer e-mail address'), null);
    assert.equal(text(s, 'Product'), 'Signatures for Microsoft 365');
    await L.shot(page, '05-new-subscription');

    // Esc closes without saving.
    await L.typeText(page, 'Throwaway');
    await page.keyboard.press('Escape');
    await L.waitScreen(page, 'subscriptions');
    await L.waitItem(page, 'empty-state');

    await L.click(page, 'New customer subscription');
    await L.waitScreen(page, 'new-subscription');
    s = await L.state(page);
    assert.equal(text(s, 'Customer company name'), '', 'reopened empty');
    // Choose Google Workspace.
    await L.click(page, 'Product');
    await L.click(page, 'Signatures for Google Workspace');
    await L.waitFor(page, (st) => text(st, 'Product') === 'Signatures for Google Workspace', 'product chosen');
    await L.fill(page, 'Customer company name', 'Łódź Sp. z o.o.');
    await L.fill(page, 'Number of users', '0');
    await page.keyboard.press('Tab');
    const err = await L.waitItem(page, 'error:Number of users');
    assert.ok(err.text.length > 0);
    await L.shot(page, '06-new-subscription-validation');
    await L.fill(page, 'Number of users', '25');
    await L.waitNoItem(page, 'error:Number of users');
    await L.click(page, 'Create');

    const toast = await L.waitItem(page, 'toast');
    assert.equal(toast.text, 'Subscription for Łódź Sp. z o.o. created.');
    await L.waitScreen(page, 'subscriptions');
    s = await L.waitFor(page, (st) => rows(st).length === 1 && st, 'one row');
    assert.deepEqual(rows(s).map((r) => [r.name, r.selected]), [['Łódź Sp. z o.o.', true]]);
    assert.equal(text(s, 'detail-title'), 'Łódź Sp. z o.o.');
    assert.equal(text(s, 'detail:Number of users'), '25');
    await L.shot(page, '07-created-selected');
  });

  step('creates a subscription whose customer may edit, which sends an invitation', async () => {
    await L.click(page, 'New customer subscription');
    await L.waitScreen(page, 'new-subscription');
    await L.fill(page, 'Customer company name', 'Bakkerij Brood & Zoet');
    await L.fill(page, 'Number of users', '12');
    await L.click(page, 'Let customers edit signatures?');
    await L.waitItem(page, 'Customer e-mail address');
    let s = await L.state(page);
    const y = (l) => L.findItem(s, l).y;
    assert.ok(y('Let customers edit signatures?') < y('Customer contact name'));
    assert.ok(y('Customer contact name') < y('Customer e-mail address'));
    await L.fill(page, 'Customer contact name', 'Joke Bakker');
    await L.fill(page, 'Customer e-mail address', 'joke@@bakkerij');
    await page.keyboard.press('Tab');
    await L.waitItem(page, 'error:Customer e-mail address');
    await L.shot(page, '08-invite-validation');
    await L.fill(page, 'Customer e-mail address', 'joke@bakkerij-brood.example');
    await L.waitNoItem(page, 'error:Customer e-mail address');
    await page.keyboard.press('Enter');

    const toast = await L.waitItem(page, 'toast');
    assert.equal(toast.text, 'Subscription for Bakkerij Brood & Zoet created. '
      + 'An invitation e-mail was sent to joke@bakkerij-brood.example.');
    s = await L.waitFor(page, (st) => rows(st).length === 2 && st, 'two rows');
    const sel = rows(s).find((r) => r.selected);
    assert.equal(sel && sel.name, 'Bakkerij Brood & Zoet');
    // Invitation state and its e-mail delivery ("Pending · queued/sent/…").
    assert.match(text(s, 'detail:Invitation'), /^Pending( · (queued|sent|retrying))?$/);
    await L.shot(page, '09-created-with-invitation');
  });

  step('sorts by header click and searches server-side as you type', async () => {
    // A few more subscriptions through the API (same session as a script would use).
    const login = await L.api(server.base, 'POST', '/api/session', { email: RESELLER.email, password: RESELLER.password });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie').split(';')[0];
    const { csrf_token } = await login.json();
    for (const [name, n] of [['Alpha Advies', 3], ['Zeta Zorg', 140], ['Café de Kroon', 8]]) {
      const r = await L.api(server.base, 'POST', '/api/subscriptions', {
        product: 'm365', customer_name: name, user_count: n, customer_can_edit: false,
        contact_name: '', contact_email: '',
      }, cookie, csrf_token);
      assert.equal(r.status, 201, await r.text());
    }
    // Close the detail panel, then refresh by sorting.
    await L.click(page, 'Close');
    await L.click(page, 'header:Customer');  // ascending -> descending
    let s = await L.waitFor(page, (st) => rows(st).length === 5 && rows(st)[0].name === 'Zeta Zorg' && st, 'descending by customer');
    assert.equal(rows(s)[rows(s).length - 1].name, 'Alpha Advies');
    await L.click(page, 'header:Number of users');
    const byUsers = { 'Alpha Advies': 3, 'Zeta Zorg': 140, 'Café de Kroon': 8, 'Łódź Sp. z o.o.': 25, 'Bakkerij Brood & Zoet': 12 };
    const sortedByUsers = (st) => {
      const nums = rows(st).map((r) => byUsers[r.name]);
      const asc = [...nums].sort((x, y) => x - y);
      return nums.length === 5 && (JSON.stringify(nums) === JSON.stringify(asc) ||
        JSON.stringify(nums) === JSON.stringify([...asc].reverse()));
    };
    s = await L.waitFor(page, (st) => sortedByUsers(st) && st, 'sorted by users');
    await L.shot(page, '10-sorted-by-users');

    // Search: folded server-side ("lodz" finds "Łódź").
    await L.click(page, 'Search');
    await L.typeText(page, 'lodz');
    s = await L.waitFor(page, (st) => rows(st).length === 1 && st, 'search result');
    assert.equal(rows(s)[0].name, 'Łódź Sp. z o.o.');
    assert.match(text(s, 'count'), /^1 subscription found/);
    await L.shot(page, '11-search');

    // Nothing found: an empty state that says so.
    await L.typeText(page, 'xyz');
    await L.waitItem(page, 'empty-state');
    await L.selectAllAndDelete(page);
    await L.waitFor(page, (st) => rows(st).length === 5, 'all rows again');

    // Paste from the system clipboard into the search field.
    await page.evaluate(() => navigator.clipboard.writeText('Café'));
    await L.click(page, 'Search');
    await page.keyboard.press('Control+V');
    s = await L.waitFor(page, (st) => text(st, 'Search') === 'Café' && rows(st).length === 1 && st, 'pasted search');
    assert.equal(rows(s)[0].name, 'Café de Kroon');
    await L.click(page, 'Search');
    await L.selectAllAndDelete(page);
    await L.waitFor(page, (st) => rows(st).length === 5, 'all rows again');
  });

  step('detail panel changes the number of users and the status', async () => {
    await L.click(page, 'row:Alpha Advies');
    await L.waitItem(page, 'detail-title');
    await L.fill(page, 'Detail number of users', '42');
    await L.click(page, 'Save');
    // The price of the change comes first; only Confirm changes it.
    const quote = await L.waitItem(page, 'seat-quote');
    assert.match(quote.text, /^Adding 39 users costs €\d+\.\d\d now \(prorated until /);
    await L.click(page, 'Confirm change');
    await L.waitFor(page, (st) => text(st, 'detail:Number of users') === '42', 'users saved');
    await L.click(page, 'Set inactive');
    await L.waitItem(page, 'status-confirmation');
    await L.click(page, 'Yes, set inactive');
    await L.waitItem(page, 'Set active');
    const s = await L.state(page);
    assert.equal(text(s, 'detail:Next payment date'), '—');
    await L.shot(page, '12-detail-inactive');
    await L.click(page, 'Set active');
    await L.waitItem(page, 'status-confirmation');
    await L.click(page, 'Yes, set active');
    await L.waitItem(page, 'Set inactive');
  });

  step('stays idle: (almost) no frames are drawn without input', async () => {
    await page.mouse.move(5, 800);
    await page.waitForTimeout(8000);  // let the toast expire
    const f0 = (await L.state(page)).frames;
    await page.waitForTimeout(1500);
    const f1 = (await L.state(page)).frames;
    console.log(`# idle frames in 1.5 s: ${f1 - f0}`);
    assert.ok(f1 - f0 <= 3, `idle frames ${f1 - f0}`);
  });

  step('reload keeps the session; an expired session returns to sign-in and back', async () => {
    await page.reload();
    await L.waitScreen(page, 'subscriptions');
    await L.waitFor(page, (st) => rows(st).length === 5, 'rows after reload');

    // Expire the session server-side (sign out with a second client using the same cookie).
    const cookies = await b.context.cookies();
    const session = cookies.find((c) => c.name === 'session');
    assert.ok(session, 'session cookie');
    await b.context.clearCookies();
    L.allowConsoleError(b, /status of 401 .*\/api\/subscriptions\?[^>]*>$/);
    await L.click(page, 'header:Customer');  // triggers a request without a cookie -> 401
    await L.waitScreen(page, 'signin');
    const note = await L.waitItem(page, 'message');
    assert.match(note.text, /session ended/i);
    await L.shot(page, '13-session-expired');
    await L.fill(page, 'E-mail address', RESELLER.email);
    await L.fill(page, 'Password', RESELLER.password);
    await page.keyboard.press('Enter');
    await L.waitScreen(page, 'subscriptions');
    await L.waitFor(page, (st) => rows(st).length === 5, 'rows after sign-in');
  });

  step('shows a banner with Retry when the server is unreachable', async () => {
    const port = server.port;
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    L.allowConsoleError(b, /net::ERR_CONNECTION_REFUSED <[^>]*\/api\/subscriptions\?[^>]*>$/);
    await L.click(page, 'header:Customer');
    await L.waitItem(page, 'banner');
    await L.shot(page, '14-unreachable');
    // Same database, same port: Retry succeeds.
    const { spawn } = require('node:child_process');
    server.proc = spawn(L.SERVER, ['--db', server.db, '--port', String(port), '--host', '127.0.0.1',
      '--web-dir', L.WEB_DIR, '--outbox-dir', path.join(server.dir, 'outbox')], { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      try { await fetch(server.base + '/api/session'); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
    }
    await L.click(page, 'Retry');
    await L.waitNoItem(page, 'banner');
    await L.waitFor(page, (st) => rows(st).length === 5, 'rows after retry');
  });

  step('signs out', async () => {
    await L.click(page, 'Sign out');
    await L.waitScreen(page, 'signin');
    await L.shot(page, '15-signed-out');
    await page.reload();
    await L.waitScreen(page, 'signin');
    assert.equal(new URL(page.url()).pathname, '/signin');
  });
  step('the page logged no unexpected errors', () => L.noUnexpectedConsoleErrors(b));
});
