// End-to-end tests of the customer entry point (separate WASM: customer.js): the invitation
// link from the server's mail log, the accept screen filled by keyboard, the signature editor
// (CSV import, a three-block template, live preview in a sandboxed iframe for two people) and
// the deployment download. Real server, real mouse/keyboard. Screenshots: build/e2e/customer-*.png.
'use strict';
const { describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const L = require('./lib.js');

const RESELLER = { company: 'Café Brûlé IT B.V.', name: 'Anna de Vries', email: 'anna@cafe-brule.example', password: 'Tulpen-Fiets-2026!' };
const CUSTOMER = { company: 'Brouwerij De Hoop', contact: 'Eva Janssen', email: 'eva@dehoop.example', password: 'Hop-En-Mout-2026!' };
const text = (s, label) => { const it = L.findItem(s, label); return it ? (it.text || '') : undefined; };
const waitS = async (page, label, timeout) => { await L.waitItem(page, label, timeout); return L.state(page); };
// Waits until the preview's srcdoc matches `re` (typing reaches the app a few frames later).
async function waitSrcdoc(page, re, timeout = 8000) {
  const start = Date.now();
  let f;
  while (Date.now() - start < timeout) {
    f = await srcdoc(page);
    if (f && re.test(f.html)) return f;
    await page.waitForTimeout(100);
  }
  throw new Error(`preview never matched ${re}: ${f && f.html}`);
}
const srcdoc = (page) => page.evaluate(() => {
  const f = document.getElementById('signet-preview');
  return f ? { html: f.srcdoc, sandbox: f.getAttribute('sandbox'), display: f.style.display } : null;
});

describe('customer entry point', () => {
  let server, b, page, reseller, invitePath;
  const step = L.steps('customer-', () => page);

  before(async () => {
    assert.ok(L.webFile('customer', '.wasm'), `missing ${L.WEB_DIR}/customer.*.wasm`);
    server = await L.startServer();
    b = await L.launch({ dpr: Number(process.env.SIGNET_E2E_DPR || 1), width: 1440, height: 900 });
    page = b.page;
    await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
    reseller = await L.setupReseller(server, RESELLER);
    const r = await L.api(server.base, 'POST', '/api/subscriptions', {
      product: 'm365', customer_name: CUSTOMER.company, user_count: 10, customer_can_edit: true,
      contact_name: CUSTOMER.contact, contact_email: CUSTOMER.email,
    }, reseller.cookie, reseller.csrf);
    assert.equal(r.status, 201, await r.text());
    invitePath = await L.waitInvitationLink(server, CUSTOMER.email);
  });

  after(() => L.shutdown(b, server));

  step('an unknown invitation link shows a friendly page, not a blank canvas', async () => {
    L.allowConsoleError(b, /status of 404 .*\/api\/invitations\/not-a-real-token-123>$/);
    await page.goto(server.base + '/invite/not-a-real-token-123');
    await L.waitScreen(page, 'invite_invalid');
    const s = await waitS(page, 'invalid:body');
    assert.match(text(s, 'invalid:body'), /ask your reseller/i);
    await L.shot(page, 'customer-01-invalid-link');
  });

  step('the mailed link opens the accept screen; filled by keyboard it signs in and opens the editor', async () => {
    await page.goto(server.base + invitePath);
    await L.waitScreen(page, 'invite');
    let s = await waitS(page, 'Your name');
    assert.match(text(s, 'invite:intro'), /Café Brûlé IT B\.V\. invited Brouwerij De Hoop to Signatures for Microsoft 365/);
    assert.equal(text(s, 'Your name'), CUSTOMER.contact, 'name pre-filled from the invitation');
    assert.equal(text(s, 'User name'), CUSTOMER.email, 'user name is the invited e-mail');
    // The password policy shows as they type.
    await L.click(page, 'Password');
    await L.typeText(page, 'short');
    s = await waitS(page, 'error:Password');
    await L.shot(page, 'customer-02-accept-weak-password');
    await L.selectAllAndDelete(page);
    await L.typeText(page, CUSTOMER.password);
    s = await waitS(page, 'password:ok');
    assert.equal(L.findItem(s, 'error:Password'), null);
    // Tab back to the phone field and type it; Enter submits.
    await L.click(page, 'Phone (optional)');
    await L.typeText(page, '+31 20 555 0101');
    await L.shot(page, 'customer-03-accept-filled');
    await page.keyboard.press('Enter');
    await L.waitScreen(page, 'editor', 15000);
    assert.equal(new URL(page.url()).pathname, '/editor/');
    s = await waitS(page, 'tab:Templates');
    assert.equal(text(s, 'user'), CUSTOMER.contact);
    assert.match(text(s, 'header:area'), /Brouwerij De Hoop/);
    await L.shot(page, 'customer-04-editor-empty');
    // The link is used up now.
    const r = await fetch(server.base + '/api' + invitePath.replace('/invite/', '/invitations/'));
    assert.equal(r.status, 410);
  });

  step('imports people from pasted CSV text and lists them sortably', async () => {
    await L.click(page, 'tab:Users');
    await L.waitItem(page, 'Import CSV');
    await L.click(page, 'Import CSV');
    await L.waitItem(page, 'CSV text');
    await L.click(page, 'CSV text');
    const csv = 'email,display_name,job_title,department\n' +
      'bob@dehoop.example,Bob Brouwer,Head brewer,Production\n' +
      'carla@dehoop.example,Carla Smit,CEO,Board\n' +
      'broken-address,Nobody,,\n';
    // Paste, as the dialog says: the browser pastes into the field's own input, exactly once.
    await page.evaluate((t) => navigator.clipboard.writeText(t), csv);
    await page.keyboard.press('Control+V');
    await L.waitFor(page, (st) => text(st, 'CSV text') === csv, 'the pasted CSV');
    await page.waitForTimeout(300);
    assert.equal(text(await L.state(page), 'CSV text'), csv, 'pasted once, byte for byte');
    await L.click(page, 'Import');
    let s = await waitS(page, 'import:result');
    assert.match(text(s, 'import:result'), /2 created, 0 updated/);
    s = await waitS(page, 'import:errors');
    assert.match(text(s, 'import:errors'), /Line 4, email/);
    await L.shot(page, 'customer-05-import');
    await L.click(page, 'Close');
    s = await waitS(page, 'row:carla@dehoop.example');
    assert.ok(L.findItem(s, 'row:bob@dehoop.example'));
    await L.shot(page, 'customer-06-users');
  });

  step('builds a three-block template and previews it for two people', async () => {
    await L.click(page, 'tab:Templates');
    await L.click(page, 'New template');
    await L.waitItem(page, 'Create');
    await L.selectAllAndDelete(page);
    await L.typeText(page, 'Standard');
    await L.click(page, 'Create');
    let s = await waitS(page, 'template:Standard');
    await L.waitItem(page, 'block:2');
    // Third block: a legal disclaimer.
    await L.click(page, 'Block type');
    await L.click(page, 'Legal disclaimer');
    await L.click(page, 'Add block');
    s = await waitS(page, 'block:3');
    assert.equal(text(s, 'block:3'), 'disclaimer');
    await L.waitItem(page, 'unsaved');
    // Edit block 2's text by keyboard.
    await L.fill(page, 'Text 2', '{{job_title}}, {{department}} | {{company}}');
    let f = await waitSrcdoc(page, /Head brewer, Production \| Brouwerij De Hoop/);
    assert.ok(f, 'preview iframe exists');
    // Sandboxed: no allow-scripts (same-origin only so the page can apply the inline styles
    // the inherited CSP blocks; see js_glue.cpp).
    assert.ok(!/allow-scripts/.test(f.sandbox), 'no scripts in the preview');
    assert.equal(f.sandbox, 'allow-same-origin');
    const font = await page.waitForFunction(() => {
      const d = document.getElementById('signet-preview').contentDocument;
      const el = d && d.querySelector('table[style]');
      const f = el ? getComputedStyle(el).fontFamily : '';
      return /Arial/.test(f) && f;
    }, null, { timeout: 5000 }).then((h) => h.jsonValue()).catch(() => '');
    assert.match(font, /Arial/, 'template style applied in the preview');
    assert.equal(f.display, 'block');
    assert.match(f.html, /Bob Brouwer/);
    assert.match(f.html, /Head brewer, Production \| Brouwerij De Hoop/);
    assert.match(f.html, /confidential/);
    const bob = f.html;
    await L.shot(page, 'customer-07-template-bob');
    await L.click(page, 'Save');
    await L.waitNoItem(page, 'unsaved');

    await L.click(page, 'Preview for');
    await L.click(page, 'preview-user:carla@dehoop.example');
    f = await waitSrcdoc(page, /Carla Smit/);
    assert.match(f.html, /Carla Smit/);
    assert.match(f.html, /CEO, Board/);
    assert.notEqual(f.html, bob);
    await L.shot(page, 'customer-08-template-carla');
  });

  step('unsaved changes are guarded, and a stale save offers Reload', async () => {
    await L.scrollTo(page, 'Text 1', 'Text 2', -300);  // adding block 3 scrolled the form down
    await L.fill(page, 'Text 1', '{{display_name}} (v2)');
    await L.waitItem(page, 'unsaved');
    // Leaving asks first; "Keep editing" stays.
    await L.click(page, 'tab:Users');
    await L.waitItem(page, 'Discard changes');
    assert.equal(await srcdoc(page).then((x) => x && x.display), 'none', 'preview hidden under the dialog');
    await L.shot(page, 'customer-09-unsaved-guard');
    await L.click(page, 'Keep editing');
    await L.waitNoItem(page, 'Discard changes');
    let s = await L.state(page);
    assert.equal(text(s, 'Text 1'), '{{display_name}} (v2)');
    // Someone else saves the template meanwhile (through the API, as the reseller).
    const cs = await (await L.api(server.base, 'GET', '/api/session', null, reseller.cookie)).json();
    assert.ok(cs.user);
    const subs = await (await L.api(server.base, 'GET', '/api/subscriptions', null, reseller.cookie)).json();
    const sid = subs.items[0].id;
    const list = await (await L.api(server.base, 'GET', `/api/subscriptions/${sid}/templates`, null, reseller.cookie)).json();
    const tpl = list.items.find((t) => t.name === 'Standard');
    const { id, ...body } = tpl;
    body.name = 'Standard (reseller)';
    const put = await L.api(server.base, 'PUT', `/api/subscriptions/${sid}/templates/${id}`, body, reseller.cookie, reseller.csrf);
    assert.equal(put.status, 200, await put.text());
    L.allowConsoleError(b, /status of 409 .*\/api\/subscriptions\/\d+\/templates\/\d+>$/);  // the stale save
    await L.click(page, 'Save');
    await L.waitItem(page, 'Reload');
    await L.shot(page, 'customer-10-conflict');
    await L.click(page, 'Reload');
    await L.waitItem(page, 'template:Standard (reseller)');
    s = await L.state(page);
    assert.equal(text(s, 'Text 1'), '{{display_name}}', 'their version replaced the local edit');
    assert.equal(L.findItem(s, 'unsaved'), null);
  });

  step('deploy tab lists each person and downloads the PowerShell script', async () => {
    await L.click(page, 'tab:Deploy');
    await L.waitItem(page, 'mailflow:script');
    // The mail flow comes first; the table of signatures is further down: scroll there with the
    // wheel over the tab's own scrollbar (the script box inside would take the wheel itself).
    const vp = page.viewportSize();
    for (let i = 0; i < 20 && !L.findItem(await L.state(page), 'deploy:bob@dehoop.example'); i++) {
      await page.mouse.move(vp.width - 30, vp.height / 2);
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(80);
    }
    let s = await waitS(page, 'deploy:bob@dehoop.example');
    assert.equal(text(s, 'deploy:bob@dehoop.example'), 'Standard (reseller)');
    assert.equal(await srcdoc(page).then((x) => x && x.display), 'none', 'preview hidden on other tabs');
    await L.shot(page, 'customer-11-deploy');
    const [download] = await Promise.all([page.waitForEvent('download'), L.click(page, 'Download')]);
    const file = await download.path();
    const script = fs.readFileSync(file, 'utf8');
    assert.match(script, /Set-MailboxMessageConfiguration/);
    assert.match(script, /carla@dehoop\.example/);
  });

  step('sign out, then sign in again at /editor/', async () => {
    await L.click(page, 'Sign out');
    await L.waitScreen(page, 'signin');
    await L.fill(page, 'E-mail address', CUSTOMER.email);
    await L.fill(page, 'Password', CUSTOMER.password);
    await page.keyboard.press('Enter');
    await L.waitScreen(page, 'editor');
    await L.waitItem(page, 'template:Standard (reseller)');
  });
  step('the page logged no unexpected errors', () => L.noUnexpectedConsoleErrors(b));
});
