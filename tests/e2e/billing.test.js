// End-to-end tests of billing, seat changes, invitations and the audit log in the reseller
// portal: the real signet-server (temp database), `admin run-billing` to move time forward,
// and real mouse/keyboard events at the rectangles the WASM app publishes.
// Screenshots: build/e2e/billing-*.png.
'use strict';
const { describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const L = require('./lib.js');

const RESELLER = {
  company_name: 'Brûlé Reseller B.V.',
  name: 'Piet Jansen',
  email: 'piet@brule-reseller.example',
  password: 'Molen-Kaas-2026!',
};

function rows(s) {
  return s.items.filter((i) => i.label.startsWith('row:')).sort((a, b) => a.y - b.y)
    .map((i) => ({ name: i.label.slice(4), selected: i.text === 'selected', y: i.y }));
}
const text = (s, label) => { const it = L.findItem(s, label); return it ? (it.text || '') : undefined; };
const euro = (cents) => '€' + (Math.floor(cents / 100)).toLocaleString('en-US') + '.' + String(cents % 100).padStart(2, '0');

// YYYY-MM-DD of today (UTC) plus `months` and `days`.
function isoAhead(months, days) {
  const d = new Date();
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(d.getUTCDate(), last) + days);
  return t.toISOString().slice(0, 10);
}

describe('billing, seat changes, invitations and the audit log', () => {
  let server, b, page, cookie, csrf;
  const ids = {};
  const step = L.steps('billing-', () => page);
  const call = async (method, p, body) => {
    const r = await L.api(server.base, method, p, body, cookie, csrf);
    const t = await r.text();
    return { status: r.status, body: t ? JSON.parse(t) : null };
  };

  before(async () => {
    assert.ok(fs.existsSync(L.SERVER), `missing ${L.SERVER}`);
    assert.ok(L.webFile('portal', '.wasm'), `missing ${L.WEB_DIR}/portal.*.wasm`);
    server = await L.startServer();
    // The reseller account and a few subscriptions through the API (as a script would).
    const r = await L.api(server.base, 'POST', '/api' + server.setupPath, RESELLER);
    const setup = await r.text();
    assert.equal(r.status, 201, setup);
    cookie = r.headers.get('set-cookie').split(';')[0];
    csrf = JSON.parse(setup).csrf_token;
    for (const [name, product, n, invite] of [
      ['Atlas Advies', 'm365', 10, null],
      ['Brugge Bouw', 'google_workspace', 30, null],
      ['Delta Design', 'm365', 4, ['Dirk Dekker', 'dirk@delta-design.example']],
    ]) {
      const c = await call('POST', '/api/subscriptions', L.newSubscription(name, { product, users: n, invite }));
      assert.equal(c.status, 201, JSON.stringify(c.body));
      ids[name] = c.body.id;
    }
    b = await L.launch({ dpr: Number(process.env.SIGNET_E2E_DPR || 1) });
    page = b.page;
  });

  after(() => L.shutdown(b, server));

  step('signs in and creates an annual subscription in the dialog', async () => {
    await page.goto(server.base + '/');
    await L.waitScreen(page, 'signin');
    await L.fill(page, 'E-mail address', RESELLER.email);
    await L.fill(page, 'Password', RESELLER.password);
    await page.keyboard.press('Enter');
    await L.waitScreen(page, 'subscriptions');
    await L.waitFor(page, (s) => rows(s).length === 3, 'three rows');
    let s = await L.state(page);
    assert.equal(text(s, 'nav:Subscriptions'), 'current');
    assert.ok(text(s, 'invitation:Delta Design').startsWith('Pending'), text(s, 'invitation:Delta Design'));

    await L.click(page, 'New customer subscription');
    await L.waitScreen(page, 'new-subscription');
    s = await L.state(page);
    const y = (l) => { const it = L.findItem(s, l); assert.ok(it, l); return it.y; };
    // Billing cycle sits after Number of users and before the checkbox; Monthly by default.
    assert.ok(y('Number of users') < y('Billing cycle:Monthly'));
    assert.ok(y('Billing cycle:Monthly') < y('Let customers edit signatures?'));
    assert.equal(text(s, 'Billing cycle:Monthly'), 'selected');
    await L.fill(page, 'Customer company name', 'Eindhoven Elektro');
    await L.fill(page, 'Number of users', '6');
    await L.click(page, 'Billing cycle:Annual');
    await L.waitFor(page, (st) => text(st, 'Billing cycle:Annual') === 'selected', 'annual chosen');
    await L.shot(page, 'billing-01-new-annual');
    await L.click(page, 'Create');
    await L.waitItem(page, 'toast');
    s = await L.waitFor(page, (st) => text(st, 'detail-title') === 'Eindhoven Elektro' && st, 'new row selected');
    assert.equal(text(s, 'detail:Billing cycle'), 'Annual');
    assert.match(new URL(page.url()).pathname, /^\/subscriptions\/\d+$/);
    const list = await call('GET', '/api/subscriptions?q=Eindhoven');
    assert.equal(list.body.items[0].billing_cycle, 'annual');
    ids['Eindhoven Elektro'] = list.body.items[0].id;
  });

  step('adding users shows the prorated price first, then changes on Confirm', async () => {
    await L.click(page, 'row:Atlas Advies');
    await L.waitFor(page, (st) => text(st, 'detail-title') === 'Atlas Advies', 'Atlas selected');
    assert.equal(new URL(page.url()).pathname, `/subscriptions/${ids['Atlas Advies']}`);
    await L.fill(page, 'Detail number of users', '12');
    await L.click(page, 'Save');
    const q = await L.waitItem(page, 'seat-quote');
    assert.match(q.text, /^Adding 2 users costs €\d+\.\d\d now \(prorated until \w{3} \d{1,2}, \d{4}\)\.$/);
    const quote = await call('GET', `/api/subscriptions/${ids['Atlas Advies']}/seat-quote?user_count=12`);
    assert.ok(quote.body.immediate && quote.body.amount_cents > 0);
    assert.ok(q.text.includes(euro(quote.body.amount_cents)), `${q.text} vs ${quote.body.amount_cents}`);
    // Nothing changed yet.
    assert.equal((await call('GET', `/api/subscriptions/${ids['Atlas Advies']}`)).body.user_count, 10);
    await L.shot(page, 'billing-02-seat-quote');
    await L.click(page, 'Confirm change');
    await L.waitFor(page, (st) => text(st, 'detail:Number of users') === '12', 'users saved');
    await L.waitNoItem(page, 'seat-quote');
    assert.equal((await call('GET', `/api/subscriptions/${ids['Atlas Advies']}`)).body.user_count, 12);
  });

  step('removing users waits for the renewal: "N users from DATE"', async () => {
    await L.click(page, 'row:Brugge Bouw');
    await L.waitFor(page, (st) => text(st, 'detail-title') === 'Brugge Bouw', 'Brugge selected');
    await L.fill(page, 'Detail number of users', '25');
    await L.click(page, 'Save');
    const q = await L.waitItem(page, 'seat-quote');
    assert.match(q.text, /^From \w{3} \d{1,2}, \d{4} the subscription has 25 users; no charge now\.$/);
    await L.click(page, 'Confirm change');
    const s = await L.waitFor(page, (st) => (text(st, 'detail:Scheduled change') || '').startsWith('25 users from') && st, 'pending change');
    assert.equal(text(s, 'detail:Number of users'), '30');
    await L.waitFor(page, (st) => /^→ 25 from \w{3} \d{1,2}, \d{4}$/.test(text(st, 'pending:Brugge Bouw') || ''), 'pending in the table');
    const sub = (await call('GET', `/api/subscriptions/${ids['Brugge Bouw']}`)).body;
    assert.equal(sub.pending_user_count, 25);
    await L.shot(page, 'billing-03-pending-decrease');
  });

  step('set inactive asks for confirmation first', async () => {
    await L.click(page, 'row:Eindhoven Elektro');
    await L.waitFor(page, (st) => text(st, 'detail-title') === 'Eindhoven Elektro', 'Eindhoven selected');
    await L.click(page, 'Set inactive');
    const c = await L.waitItem(page, 'status-confirmation');
    assert.match(c.text, /part of the current period used so far is billed; after that it is not billed and shows no next payment date/);
    await L.shot(page, 'billing-04-inactive-confirmation');
    // Cancel keeps it active.
    await L.click(page, 'Cancel');
    await L.waitNoItem(page, 'status-confirmation');
    assert.equal((await call('GET', `/api/subscriptions/${ids['Eindhoven Elektro']}`)).body.status, 'active');
    await L.click(page, 'Set inactive');
    await L.waitItem(page, 'status-confirmation');
    await L.click(page, 'Yes, set inactive');
    const s = await L.waitFor(page, (st) => L.findItem(st, 'Set active') && st, 'inactive');
    assert.equal(text(s, 'detail:Next payment date'), '—');
    const sub = (await call('GET', `/api/subscriptions/${ids['Eindhoven Elektro']}`)).body;
    assert.equal(sub.status, 'inactive');
    assert.equal(sub.next_payment_date, null);
  });

  step('resends an invitation; the old link stops working', async () => {
    // The server logs each mailed link (no SMTP in tests).
    const tokens = () => [...server.log().matchAll(/mail to dirk@delta-design\.example[^\n]*?\/invite\/([A-Za-z0-9_-]+)/g)]
      .map((x) => x[1]);
    let before = [];
    for (let i = 0; i < 50 && !before.length; i++) {
      before = [...new Set(tokens())];
      if (!before.length) await page.waitForTimeout(100);
    }
    assert.equal(before.length, 1, 'one invitation mailed at creation');
    await L.click(page, 'row:Delta Design');
    await L.waitFor(page, (st) => text(st, 'detail-title') === 'Delta Design', 'Delta selected');
    let s = await L.state(page);
    assert.match(text(s, 'detail:Invitation'), /^Pending( · (queued|sent|retrying))?$/);
    assert.ok(L.findItem(s, 'Open signature editor'));
    await L.click(page, 'Resend invitation');
    const info = await L.waitItem(page, 'message');
    assert.match(info.text, /new invitation was sent to dirk@delta-design\.example/);
    await L.shot(page, 'billing-05-resent');
    // A new token was mailed; the old one is dead.
    let after = [];
    for (let i = 0; i < 50 && after.length < 2; i++) {
      after = [...new Set(tokens())];
      if (after.length < 2) await page.waitForTimeout(100);
    }
    assert.equal(after.length, 2, 'a second invitation mail');
    const old = await fetch(`${server.base}/api/invitations/${before[0]}`);
    assert.ok([404, 410].includes(old.status), `old link: ${old.status}`);

    // Sending too often: the server's 429 (with Retry-After) is explained in the panel.
    let status = 202;
    for (let i = 0; i < 8 && status !== 429; i++)
      status = (await call('POST', `/api/subscriptions/${ids['Delta Design']}/invitation`)).status;
    assert.equal(status, 429);
    L.allowConsoleError(b, /status of 429 .*\/api\/subscriptions\/\d+\/invitation>$/);
    await L.click(page, 'Resend invitation');
    await L.waitFor(page, (st) => st.items.some((i) => i.label === 'message' && /sent too often.*Try again in \d+ seconds/.test(i.text)), 'rate-limit message');
  });

  step('billing screen: recurring total, upcoming payments, invoice with lines and downloads', async () => {
    const date = isoAhead(1, 3);
    const out = execFileSync(L.SERVER, ['admin', 'run-billing', '--db', server.db, '--date', date]).toString();
    assert.match(out, /1 invoice/);
    await L.click(page, 'nav:Billing');
    await L.waitScreen(page, 'billing');
    assert.equal(new URL(page.url()).pathname, '/billing');
    const summary = (await call('GET', '/api/billing/summary?days=30')).body;
    let s = await L.waitFor(page, (st) => text(st, 'billing:mrr') === euro(summary.monthly_recurring_cents) && st, 'MRR shown');
    assert.ok(summary.monthly_recurring_cents > 0);
    const invoices = (await call('GET', '/api/billing/invoices')).body.items;
    assert.equal(invoices.length, 1);
    const inv = invoices[0];
    s = await L.waitItem(page, `invoice:${inv.number}`);
    assert.equal(s.text, euro(inv.total_cents));
    await L.shot(page, 'billing-06-billing');

    // 30 -> 90 days.
    await L.click(page, 'Next 90 days');
    await L.waitFor(page, (st) => /over the next 90 days/.test(text(st, 'billing:upcoming-total') || ''), '90 days');
    const s90 = await L.state(page);
    const up = (await call('GET', '/api/billing/summary?days=90')).body.upcoming;
    assert.ok(up.length >= 1);
    for (const u of up) assert.ok(L.findItem(s90, `upcoming:${u.customer_name}`), u.customer_name);

    // The invoice: lines, subtotal, VAT, total.
    await L.click(page, `invoice:${inv.number}`);
    await L.waitItem(page, 'invoice-title');
    const detail = (await call('GET', `/api/billing/invoices/${inv.id}`)).body;
    s = await L.waitFor(page, (st) => L.findItem(st, 'invoice-line:Atlas Advies') && st, 'lines');
    const atlas = detail.lines.filter((l) => l.customer_name === 'Atlas Advies');
    assert.ok(atlas.length >= 1);
    assert.match(text(s, 'invoice-line:Atlas Advies'), /^\d+ users · €\d+\.\d\d$/);
    assert.equal(text(s, 'invoice:subtotal'), euro(detail.subtotal_cents));
    assert.equal(text(s, 'invoice:vat'), euro(detail.vat_cents));
    assert.equal(text(s, 'invoice:total'), euro(detail.total_cents));
    assert.equal(detail.subtotal_cents + detail.vat_cents, detail.total_cents);
    assert.equal(L.findItem(s, 'invoice-line:Eindhoven Elektro'), null, 'set inactive on its first day: nothing used, nothing billed');
    await L.shot(page, 'billing-07-invoice');

    // Downloads: CSV as an attachment, the printable page in a new tab.
    const [download] = await Promise.all([page.waitForEvent('download'), L.click(page, 'Download CSV')]);
    const csvPath = await download.path();
    const csv = fs.readFileSync(csvPath, 'utf8');
    assert.match(csv, /Atlas Advies/);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const [tab] = await Promise.all([b.context.waitForEvent('page'), L.click(page, 'Printable invoice')]);
    await tab.waitForLoadState();
    assert.match(tab.url(), new RegExp(`/api/billing/invoices/${inv.id}/html$`));
    assert.match(await tab.content(), /Atlas Advies/);
    await tab.screenshot({ path: path.join(L.SHOTS, 'billing-08-printable.png') });
    await tab.close();
    await L.click(page, '← All invoices');
    await L.waitItem(page, `invoice:${inv.number}`);
  });

  step('audit log lists subscription.create entries, filters and exports CSV', async () => {
    await L.click(page, 'nav:Audit log');
    await L.waitScreen(page, 'audit');
    assert.equal(new URL(page.url()).pathname, '/audit');
    const auditRows = (st) => st.items.filter((i) => i.label.startsWith('audit-row:'));
    // Newest first: the billing run and the resends are on top.
    let s = await L.waitFor(page, (st) => auditRows(st).some((r) => r.label === 'audit-row:invitation.resend') && st, 'entries');
    assert.equal(auditRows(s).sort((x, y) => x.y - y.y)[0].label, 'audit-row:billing.run');
    await L.shot(page, 'billing-09-audit');

    await L.click(page, 'Action filter');
    await L.click(page, 'Subscriptions (subscription.)');
    s = await L.waitFor(page, (st) => {
      const r = auditRows(st);
      return r.length > 0 && r.every((x) => x.label.startsWith('audit-row:subscription.')) && st;
    }, 'only subscription.*');
    // The four subscriptions created (three by API, one in the dialog).
    await L.waitFor(page, (st) => auditRows(st).filter((r) => r.label === 'audit-row:subscription.create').length === 4, 'create entries');
    await L.click(page, 'Audit filter');
    await L.typeText(page, 'Eindhoven');
    s = await L.waitFor(page, (st) => {
      const r = auditRows(st);
      return r.length > 0 && r.length < 4 && r.every((x) => x.text.includes('Eindhoven')) && st;
    }, 'filtered by text');
    await L.shot(page, 'billing-10-audit-filtered');
    const [download] = await Promise.all([page.waitForEvent('download'), L.click(page, 'Export CSV')]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    assert.match(csv.split('\n')[0], /^id,at,actor_email,action/);
    assert.match(csv, /subscription\./);
  });

  step('each screen has its URL: back/forward and reload', async () => {
    await page.goBack();
    await L.waitScreen(page, 'billing');
    await page.goBack();
    await L.waitScreen(page, 'subscriptions');
    await page.goForward();
    await L.waitScreen(page, 'billing');
    await page.goto(server.base + '/audit');
    await L.waitScreen(page, 'audit');
    await page.goto(server.base + `/subscriptions/${ids['Delta Design']}`);
    await L.waitScreen(page, 'subscriptions');
    await L.waitFor(page, (st) => text(st, 'detail-title') === 'Delta Design', 'deep link selects the row');
  });

  step('the signature editor button goes to the customer app for that subscription', async () => {
    await L.click(page, 'Open signature editor');
    await page.waitForURL((u) => u.pathname.startsWith('/editor/'), { timeout: 5000 });
    const u = new URL(page.url());
    assert.equal(u.searchParams.get('subscription'), String(ids['Delta Design']));
  });
  step('the page logged no unexpected errors', () => L.noUnexpectedConsoleErrors(b));
});
