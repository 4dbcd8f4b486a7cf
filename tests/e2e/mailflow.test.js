// Browser test of Microsoft 365 signatures in the mail flow: the Deploy tab of a Microsoft 365
// subscription shows Signet's mail server and the Exchange Online script (the same file its
// download button gives), and per person what their mail carried. Mail goes through a real
// Postfix instance (tests/support/postfix_instance.sh) that calls the server's milter and relays
// to an aiosmtpd sink; after each message the tab shows the person's signed version.
// Screenshots at 1360 and 390 px, English and Dutch: build/e2e/mailflow-*.png (and /tmp/shots/).
'use strict';
const { describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const L = require('./lib.js');

const ROOT = path.resolve(__dirname, '../..');
const RESELLER = { company: 'Café Brûlé IT B.V.', name: 'Anna de Vries', email: 'anna@cafe-brule.example', password: 'Tulpen-Fiets-2026!' };
const PEOPLE = [
  { email: 'ada@lindeboom.example', display_name: 'Ada Özdemir', job_title: 'Directeur' },
  { email: 'bram@lindeboom.example', display_name: 'Bram de Wit', job_title: 'Verkoop' },
];
const text = (s, label) => { const it = L.findItem(s, label); return it ? (it.text || '') : undefined; };

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// The tests' aiosmtpd sink (tests/support/smtp_sink.py): each message a file in `dir`.
async function startSink(port, dir) {
  const proc = spawn('/usr/bin/python3', [path.join(ROOT, 'tests/support/smtp_sink.py'), String(port), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('smtp sink did not start: ' + out)), 10000);
    const onData = (d) => { out += d; if (/ready/.test(out)) { clearTimeout(timer); resolve(); } };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
  });
  return proc;
}

describe('Microsoft 365: signatures in the mail flow', () => {
  let server, sink, b, page, reseller, sub, dir, smtpPort, token, template;
  const step = L.steps('mailflow-', () => page);
  const call = (m, p, body) => L.api(server.base, m, p, body, reseller.cookie, reseller.csrf);
  const shot = L.keptShot;
  const postfix = (...args) => execFileSync(path.join(ROOT, 'tests/support/postfix_instance.sh'), args.map(String), { stdio: 'inherit' });
  const signedState = (s, email) => text(s, 'mailflow-user:' + email);

  // Sends a message as Exchange's transport rule would (the routing header on it) through Postfix
  // and waits until the sink has it; returns it as received.
  async function sendThroughPostfix(from, subject, body) {
    const message = `X-Signet-Route: ${token}\r\nFrom: <${from}>\r\nTo: <kees@example.com>\r\nSubject: ${subject}\r\n` +
      `Date: Fri, 4 Dec 2026 10:00:00 +0100\r\nMessage-ID: <${subject}@lindeboom.example>\r\nMIME-Version: 1.0\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}\r\n`;
    const file = path.join(dir, subject + '.eml');
    fs.writeFileSync(file, message);
    execFileSync('curl', ['-sS', `smtp://127.0.0.1:${smtpPort}`, '--mail-from', from, '--mail-rcpt', 'kees@example.com', '-T', file]);
    const start = Date.now();
    while (Date.now() - start < 15000) {
      for (const f of fs.readdirSync(path.join(dir, 'sink')).filter((n) => n.endsWith('.eml'))) {
        const m = fs.readFileSync(path.join(dir, 'sink', f), 'utf8');
        if (m.includes(`<${subject}@lindeboom.example>`)) return m;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the message did not come through Postfix: ' + fs.readFileSync(path.join(dir, 'postfix', 'maillog'), 'utf8'));
  }

  const context = (width, height, lang) => L.resellerContext(b, server, reseller, width, height, lang);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-mailflow-e2e-'));
    fs.chmodSync(dir, 0o755);  // Postfix's daemons (the postfix user) reach their queue through it
    const [milterPort, sinkPort] = [await freePort(), await freePort()];
    smtpPort = await freePort();
    sink = await startSink(sinkPort, path.join(dir, 'sink'));
    server = await L.startServer(['--milter', `inet:${milterPort}@127.0.0.1`, '--mailflow-host', 'mail.signet.test']);
    postfix('start', path.join(dir, 'postfix'), smtpPort, milterPort, sinkPort);
    b = await L.launch({ width: 1360, height: 900 });
    reseller = await L.setupReseller(server, RESELLER);
    const [name, value] = reseller.cookie.split('=');
    await b.context.addCookies([{ name, value, url: server.base }]);
    page = b.page;
    const r = await call('POST', '/api/subscriptions', L.newSubscription('Drukkerij De Lindeboom', { product: 'm365', users: 5 }));
    sub = (await r.json()).id;
    for (const p of PEOPLE) assert.equal((await call('POST', `/api/subscriptions/${sub}/users`, p)).status, 201);
    const t = await call('POST', `/api/subscriptions/${sub}/templates`, {
      name: 'Standaard', blocks: [{ type: 'text', text: '{{display_name}}', bold: true }, { type: 'text', text: '{{job_title}} · {{company}}' }],
    });
    template = await t.json();
    assert.equal(t.status, 201);
  });

  after(async () => {
    if (dir) postfix('stop', path.join(dir, 'postfix'));
    await L.shutdown(b, server);
    if (sink) sink.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  step('the Deploy tab shows the mail server and the Exchange Online script', async () => {
    await page.goto(server.base + `/editor/deploy?subscription=${sub}`);
    await L.waitScreen(page, 'editor', 15000);
    const s = await L.waitItem(page, 'mailflow:script').then(() => L.state(page));
    const status = await (await call('GET', `/api/subscriptions/${sub}/microsoft`)).json();
    token = status.route_token;
    assert.equal(text(s, 'mailflow:host'), 'mail.signet.test');
    const script = text(s, 'mailflow:script');
    assert.equal(script, status.powershell);
    assert.match(script, /New-OutboundConnector -Name 'Signet signatures' -ConnectorType OnPremises -SmartHosts 'mail\.signet\.test'/);
    assert.ok(script.includes(`-SetHeaderValue '${token}'`));
    for (const p of PEOPLE) assert.equal(signedState(s, p.email), '|0');  // no mail yet
    const texts = JSON.stringify(await page.evaluate(() => window.signetTest.texts || []));
    assert.doesNotMatch(texts, /not switched on/);  // this server runs the milter
  });

  step('"Download the script" gives the same script as a .ps1 file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), L.click(page, 'mailflow:download')]);
    assert.equal(download.suggestedFilename(), `signet-mailflow-${sub}.ps1`);
    const status = await (await call('GET', `/api/subscriptions/${sub}/microsoft`)).json();
    assert.equal(fs.readFileSync(await download.path(), 'utf8'), status.powershell);
  });

  step('a message through Postfix is signed, and the tab shows the signed version', async () => {
    const m = await sendThroughPostfix(PEOPLE[0].email, 'first', 'Goedemorgen Kees,\r\n\r\nde drukproef is klaar.');
    assert.match(m, /de drukproef is klaar\.\r\n\r\nAda Özdemir\r\nDirecteur · Drukkerij De Lindeboom/);
    assert.doesNotMatch(m, /X-Signet-Route/);
    await L.click(page, 'mailflow:refresh');
    const s = await L.waitFor(page, (st) => signedState(st, PEOPLE[0].email) === '1|1' && st, 'Ada signed with version 1');
    assert.equal(signedState(s, PEOPLE[1].email), '|0');
    await shot(page, 'mailflow-01-signed-en-1360');
  });

  step('after the template is saved, the next message carries the new signature', async () => {
    const edited = { ...template, blocks: [{ type: 'text', text: '{{display_name}} — nieuw adres: Kade 12' }] };
    const r = await call('PUT', `/api/subscriptions/${sub}/templates/${template.id}`, edited);
    assert.equal(r.status, 200, await r.text());
    const m = await sendThroughPostfix(PEOPLE[0].email, 'second', 'Nog een vraag.');
    assert.match(m, /Ada Özdemir — nieuw adres: Kade 12/);
    assert.doesNotMatch(m, /Directeur/);
    await L.click(page, 'mailflow:refresh');
    await L.waitFor(page, (st) => signedState(st, PEOPLE[0].email) === '2|2' && st, 'Ada signed with version 2');
  });

  step('screenshots at 1360 and 390 px in English and Dutch', async () => {
    for (const [w, h] of [[1360, 900], [390, 844]]) for (const lang of ['en', 'nl']) {
      const { ctx, page: p } = await context(w, h, lang);
      await p.goto(server.base + `/editor/deploy?subscription=${sub}`);
      await L.waitScreen(p, 'editor', 15000);
      await L.waitItem(p, 'mailflow:script');
      await L.settled(p);
      await shot(p, `mailflow-02-editor-${lang}-${w}`);
      await ctx.close();
    }
    await call('PATCH', '/api/me', { language: 'en' });
  });

  step('the page logged no unexpected errors', () => L.noUnexpectedConsoleErrors(b));
});
