// Browser test of live deployment to Google Workspace: the reseller opens a Google Workspace
// subscription's editor from the portal, connects a service account key through the browser's
// file chooser (a wrong file first), sees each person become Deployed with the template version,
// a person outside the delegation Failed with Google's words, retries the failed person, deploys
// again, and the portal's detail panel sums it up. The server talks to a local fake of Google
// (google_fake.js) that verifies every assertion and keeps each signature it was given.
// Screenshots at 1360 and 390 px, English and Dutch: build/e2e/deploy-*.png (and /tmp/shots/).
'use strict';
const { describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const L = require('./lib.js');
const { serviceAccount, startGoogleFake } = require('./google_fake.js');

const RESELLER = { company: 'Café Brûlé IT B.V.', name: 'Anna de Vries', email: 'anna@cafe-brule.example', password: 'Tulpen-Fiets-2026!' };
const CUSTOMER = 'Zoë & Söhne GmbH';
const CLIENT_EMAIL = 'signet-deployer@soehne-workspace.iam.gserviceaccount.com';
const PEOPLE = [
  { email: 'ada@soehne.example', display_name: 'Ada Özdemir', job_title: 'Geschäftsführerin' },
  { email: 'bram@soehne.example', display_name: 'Bram de Wit', job_title: 'Verkoop' },
  { email: 'carl@soehne.example', display_name: 'Carl Jäger', job_title: 'Werkstatt' },
];
const DENIED = 'carl@soehne.example';
const text = (s, label) => { const it = L.findItem(s, label); return it ? (it.text || '') : undefined; };

describe('live deployment to Google Workspace', () => {
  let server, fake, b, page, reseller, sub, dir, keyFile;
  const step = L.steps('deploy-', () => page);
  const call = (m, p, body) => L.api(server.base, m, p, body, reseller.cookie, reseller.csrf);
  const shot = L.keptShot;
  // Waits until the run line says `re`.
  const waitRun = (p, re, timeout = 20000) =>
    L.waitFor(p, (s) => re.test(text(s, 'live:run') || '') && s, `run ${re}`, timeout);
  const userState = (s, email) => (text(s, 'live-user:' + email) || '').split('|');

  const context = (width, height, lang) => L.resellerContext(b, server, reseller, width, height, lang);

  before(async () => {
    const account = serviceAccount(CLIENT_EMAIL);
    fake = await startGoogleFake(account.publicKey, CLIENT_EMAIL);
    server = await L.startServer(['--google-token-url', fake.tokenUrl, '--gmail-api-url', fake.url]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-deploy-e2e-'));
    keyFile = path.join(dir, 'soehne-workspace-e2e0123456789.json');
    fs.writeFileSync(keyFile, JSON.stringify(account.file, null, 2));
    fs.writeFileSync(path.join(dir, 'oauth-client.json'), JSON.stringify({ type: 'authorized_user', client_id: 'x' }));
    b = await L.launch({ width: 1360, height: 900 });
    reseller = await L.setupReseller(server, RESELLER);
    const [name, value] = reseller.cookie.split('=');
    await b.context.addCookies([{ name, value, url: server.base }]);
    page = b.page;
    const r = await call('POST', '/api/subscriptions', L.newSubscription(CUSTOMER, { product: 'google_workspace', users: 5 }));
    const created = await r.text();
    assert.equal(r.status, 201, created);
    sub = JSON.parse(created).id;
    for (const p of PEOPLE) assert.equal((await call('POST', `/api/subscriptions/${sub}/users`, p)).status, 201);
    const t = await call('POST', `/api/subscriptions/${sub}/templates`, {
      name: 'Standaard', blocks: [{ type: 'text', text: '{{display_name}}', bold: true }, { type: 'text', text: '{{job_title}} · {{company}}' }],
    });
    assert.equal(t.status, 201, await t.text());
    fake.deny(DENIED);
  });

  after(async () => {
    await L.shutdown(b, server);
    if (fake) await fake.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  step('the portal detail says the Google domain is not connected', async () => {
    await page.goto(server.base + `/subscriptions/${sub}`);
    await L.waitScreen(page, 'subscriptions');
    const s = await L.waitFor(page, (st) => text(st, 'detail:Live deployment') !== undefined && st, 'deployment summary');
    assert.equal(text(s, 'detail:Live deployment'), 'Not connected');
  });

  step('from "Open signature editor", the Deploy tab explains how to connect', async () => {
    await L.click(page, 'Open signature editor');
    await page.waitForURL((u) => u.pathname.startsWith('/editor/'), { timeout: 5000 });
    await L.waitScreen(page, 'editor', 15000);
    await L.click(page, 'tab:Deploy');
    const s = await L.waitItem(page, 'live:connect').then(() => L.state(page));
    assert.equal(text(s, 'live:status'), 'not connected');
    const texts = JSON.stringify(await page.evaluate(() => window.signetTest.texts || []));
    assert.match(texts, /gmail\.settings\.basic/);
    await shot(page, 'deploy-01-not-connected-en-1360');
  });

  step('a file that is not a service account key is refused with the reason', async () => {
    L.allowConsoleError(b, /status of 400 .*\/google>$/);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), L.click(page, 'live:connect')]);
    await chooser.setFiles(path.join(dir, 'oauth-client.json'));
    const start = Date.now();
    let texts = '';
    while (Date.now() - start < 8000) {
      texts = JSON.stringify(await page.evaluate(() => window.signetTest.texts || []));
      if (/not accepted/.test(texts)) break;
      await page.waitForTimeout(100);
    }
    assert.match(texts, /The key was not accepted: This is not a service account key/);
    assert.equal(fake.updates.size, 0);
  });

  step('connecting the key deploys: two people Deployed with the version, the one outside the delegation Failed', async () => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), L.click(page, 'live:connect')]);
    await chooser.setFiles(keyFile);
    let s = await waitRun(page, /^2 of 3 deployed, 1 failed · finished /);
    assert.equal(text(s, 'live:status'), 'connected');
    for (const p of PEOPLE) {
      const [state, version, error] = userState(s, p.email);
      if (p.email === DENIED) assert.deepEqual([state, version, error], ['failed', '', 'Delegation denied for ' + DENIED]);
      else assert.deepEqual([state, version, error], ['deployed', '1', '']);
    }
    // Google got exactly the signatures the editor renders, and the key never came back.
    const artefacts = await (await call('GET', `/api/subscriptions/${sub}/deployment`)).json();
    const expected = new Map(artefacts.gmail.requests.map((r) => [r.sendAsEmail, r.body.signature]));
    assert.equal(expected.size, 3);
    for (const p of PEOPLE.filter((x) => x.email !== DENIED)) assert.equal(fake.signatures.get(p.email), expected.get(p.email));
    assert.equal(fake.signatures.has(DENIED), false);
    assert.match(fake.signatures.get('ada@soehne.example'), /Ada Özdemir/);
    assert.equal(fake.refused, 0);
    const status = await (await call('GET', `/api/subscriptions/${sub}/google`)).text();
    assert.doesNotMatch(status, /PRIVATE KEY/);
    s = await L.state(page);
    await shot(page, 'deploy-02-connected-en-1360');
  });

  step('"Retry failed" deploys the failed person once the delegation lets them in', async () => {
    fake.allow(DENIED);
    await L.click(page, 'live:retry');
    const s = await waitRun(page, /^3 of 3 deployed · finished /);
    assert.deepEqual(userState(s, DENIED), ['deployed', '1', '']);
    assert.equal(fake.updates.get(DENIED), 1);
    assert.equal(fake.updates.get('ada@soehne.example'), 1, 'the deployed ones are not sent again');
  });

  step('"Deploy now" sets every signature again', async () => {
    await L.click(page, 'live:deploy');
    await L.waitFor(page, () => PEOPLE.every((p) => fake.updates.get(p.email) === 2), 'a second update for everyone');
    await waitRun(page, /^3 of 3 deployed · finished /);
    const texts = JSON.stringify(await page.evaluate(() => window.signetTest.texts || []));
    assert.match(texts, /Last run started with Deploy now/);
    const artefacts = await (await call('GET', `/api/subscriptions/${sub}/deployment`)).json();
    for (const r of artefacts.gmail.requests) assert.equal(fake.signatures.get(r.sendAsEmail), r.body.signature);
    await shot(page, 'deploy-03-deployed-en-1360');
  });

  step('the portal detail sums up the last run', async () => {
    await page.goto(server.base + `/subscriptions/${sub}`);
    await L.waitScreen(page, 'subscriptions');
    const s = await L.waitFor(page, (st) => text(st, 'detail:Live deployment') && st, 'deployment summary');
    assert.equal(text(s, 'detail:Live deployment'), 'Connected, last run 3 of 3 deployed');
    await shot(page, 'deploy-04-portal-summary-en-1360');
  });

  step('screenshots at 1360 and 390 px in English and Dutch', async () => {
    for (const [w, h] of [[1360, 900], [390, 844]]) for (const lang of ['en', 'nl']) {
      const { ctx, page: p } = await context(w, h, lang);
      await p.goto(server.base + `/editor/deploy?subscription=${sub}`);
      await L.waitScreen(p, 'editor', 15000);
      await L.waitItem(p, 'live:run');
      await L.settled(p);
      await shot(p, `deploy-05-editor-${lang}-${w}`);
      await p.goto(server.base + `/subscriptions/${sub}`);
      await L.waitScreen(p, 'subscriptions');
      await L.waitItem(p, 'detail:Live deployment');
      await shot(p, `deploy-06-portal-${lang}-${w}`);
      await ctx.close();
    }
    await call('PATCH', '/api/me', { language: 'en' });
  });

  step('"Disconnect" asks first, then removes the key', async () => {
    await page.goto(server.base + `/editor/deploy?subscription=${sub}`);
    await L.waitScreen(page, 'editor', 15000);
    await L.click(page, 'live:disconnect');
    await L.waitItem(page, 'live:confirm-disconnect');
    await shot(page, 'deploy-07-disconnect-confirm-en-1360');
    await L.click(page, 'live:confirm-disconnect');
    await L.waitFor(page, (s) => text(s, 'live:status') === 'not connected', 'disconnected');
    const status = await (await call('GET', `/api/subscriptions/${sub}/google`)).json();
    assert.equal(status.connected, false);
  });

  step('the page logged no unexpected errors', () => L.noUnexpectedConsoleErrors(b));
});
