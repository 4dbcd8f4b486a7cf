// Helpers for Signet's browser tests: start the real server on a free port with a temp
// database, launch Debian's Chromium through playwright-core, and drive the WASM UI with real
// mouse/keyboard events at the rectangles the app publishes in window.signetTest.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { it } = require('node:test');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = process.env.SIGNET_SERVER || path.join(ROOT, 'build', 'bin', 'signet-server');
const WEB_DIR = process.env.SIGNET_WEB_DIR || path.join(ROOT, 'build', 'web');
const SHOTS = path.join(ROOT, 'build', 'e2e');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Starts signet-server; resolves when it printed the setup link (first start). `extraArgs`
// are more flags (the deployment test points --google-token-url at its fake).
async function startServer(extraArgs = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const db = path.join(dir, 'signet.db');
  const args = ['--db', db, '--port', String(port), '--host', '127.0.0.1',
    '--web-dir', WEB_DIR, '--base-url', base, '--outbox-dir', path.join(dir, 'outbox'), ...extraArgs];
  const proc = spawn(SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const setupPath = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not print a setup link:\n' + out)), 15000);
    const onData = (d) => {
      out += d.toString();
      const m = out.match(/\/setup\/([A-Za-z0-9_\-]+)/);
      if (m) { clearTimeout(timer); resolve('/setup/' + m[1]); }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}:\n${out}`)); });
  });
  proc.removeAllListeners('exit');
  return {
    proc, dir, port, base, db, setupPath,
    log: () => out,
    // Stops whatever server process is current (a test may restart it on the same port).
    async stop() {
      const p = this.proc;
      if (p.exitCode === null && p.signalCode === null) {
        p.kill('SIGTERM');
        await new Promise((r) => { p.once('exit', r); setTimeout(r, 5000).unref(); });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// `mobile`: a phone or tablet (touch events, no mouse; the viewport meta tag applies).
async function launch({ dpr = 1, width = 1360, height = 860, mobile = false } = {}) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr,
    isMobile: mobile, hasTouch: mobile });
  await context.addInitScript(() => { window.SIGNET_TEST = true; });
  const page = await context.newPage();
  const logs = [];
  page.on('console', (m) => {
    const url = (m.location() && m.location().url) || '';
    logs.push(`[${m.type()}] ${m.text()}` + (m.type() === 'error' && url ? ` <${url}>` : ''));
  });
  page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
  // The signed-out session probe answers 401 on every first load: the one error always expected.
  const allowed = [/^\[error\] Failed to load resource: .*status of 401 .*<[^>]*\/api\/session>$/];
  return { browser, context, page, logs, allowed };
}

// ---- reading the app's published state ----
async function state(page) {
  return page.evaluate(() => {
    const t = window.signetTest || {};
    return { screen: t.screen, frames: t.frames, items: t.items || [], ready: !!t.ready };
  });
}

async function waitFor(page, predicate, what, timeout = 10000) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeout) {
    last = await state(page);
    const r = predicate(last);
    if (r) return r;
    await page.waitForTimeout(50);
  }
  const labels = (last && last.items || []).map((i) => i.label).join(' | ');
  throw new Error(`timed out waiting for ${what}; screen=${last && last.screen}; items: ${labels}`);
}

function findItem(s, label) {
  const matches = s.items.filter((i) => i.label === label);
  return matches.length ? matches[matches.length - 1] : null;
}

const waitScreen = (page, screen, timeout) =>
  waitFor(page, (s) => s.screen === screen && s.ready, `screen ${screen}`, timeout);
const waitItem = (page, label, timeout) =>
  waitFor(page, (s) => findItem(s, label), `item "${label}"`, timeout);
const waitNoItem = (page, label, timeout) =>
  waitFor(page, (s) => !findItem(s, label), `no item "${label}"`, timeout);

async function click(page, label) {
  const it = await steadyItem(page, label);
  await page.mouse.move(it.x + it.w / 2, it.y + it.h / 2);
  await page.waitForTimeout(30);
  await page.mouse.down();
  await page.waitForTimeout(30);
  await page.mouse.up();
  await page.waitForTimeout(80);
  return it;
}

// The item once its rectangle holds still between two reads a frame apart: a panel that
// scrolls a new message into view moves its buttons on the frame after they first appear, and a
// person clicks where the button is, not where it was.
async function steadyItem(page, label, timeout = 5000) {
  let it = await waitItem(page, label, timeout);
  const start = Date.now();
  while (Date.now() - start < timeout) {
    await page.waitForTimeout(50);
    const now = await waitItem(page, label, timeout);
    if (now.x === it.x && now.y === it.y && now.w === it.w && now.h === it.h) return now;
    it = now;
  }
  return it;
}

// Waits until the published rectangles stop moving (after a resize, a scroll): two reads 100 ms
// apart that agree, so a click or tap goes where the item is now.
async function settled(page, timeout = 5000) {
  const key = (s) => JSON.stringify(s.items.map((i) => [i.label, Math.round(i.x), Math.round(i.y)]));
  let last = key(await state(page));
  const start = Date.now();
  while (Date.now() - start < timeout) {
    await page.waitForTimeout(100);
    const now = key(await state(page));
    if (now === last) return;
    last = now;
  }
}

// A finger tap at the middle of an item (touch events, as a phone sends them).
async function tap(page, label) {
  const it = await steadyItem(page, label);
  await page.touchscreen.tap(it.x + it.w / 2, it.y + it.h / 2);
  await page.waitForTimeout(120);
  return it;
}

// Types text the way a browser delivers it: Playwright's own keyboard, which sends key events for
// US-keyboard characters and everything else as insertText (what an IME commit or an on-screen
// keyboard produces). The app must take both.
async function typeText(page, text) {
  await page.keyboard.type(text, { delay: 5 });
  await page.waitForTimeout(60);
}

// Scrolls with the mouse wheel over the item `over` until item `label` is in view (a form
// taller than its window). `deltaY` < 0 scrolls up.
async function scrollTo(page, label, over, deltaY) {
  for (let i = 0; i < 20; i++) {
    if (findItem(await state(page), label)) return;
    const it = await waitItem(page, over);
    await page.mouse.move(it.x + it.w / 2, it.y + it.h / 2);
    await page.mouse.wheel(0, deltaY);
    await page.waitForTimeout(80);
  }
  await waitItem(page, label, 1000);
}

async function fill(page, label, text) {
  await click(page, label);
  await selectAllAndDelete(page);
  await typeText(page, text);
}

async function selectAllAndDelete(page) {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.waitForTimeout(30);
}

async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, name + '.png');
  await page.waitForTimeout(150);
  await page.screenshot({ path: file });
  return file;
}

function api(base, method, p, body, cookie, csrf) {
  const headers = { 'Content-Type': 'application/json' };
  if (cookie) headers.Cookie = cookie;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  return fetch(base + p, { method, headers, body: body ? JSON.stringify(body) : undefined });
}

module.exports = {
  ROOT, SERVER, WEB_DIR, SHOTS, CHROMIUM, CHROMIUM_ARGS, startServer, launch, state, waitFor, findItem, waitScreen,
  waitItem, waitNoItem, settled, click, tap, typeText, fill, selectAllAndDelete, shot, api, scrollTo,
};

// ---- added for the customer entry point tests ----
// Creates the first reseller through the setup API; resolves { cookie, csrf }.
async function setupReseller(server, r) {
  const res = await api(server.base, 'POST', '/api' + server.setupPath,
    { company_name: r.company, name: r.name, email: r.email, password: r.password });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return { cookie: res.headers.get('set-cookie').split(';')[0], csrf: body.csrf_token, user: body.user };
}

// Waits for the server to log the invitation mail to `email`; resolves the /invite/{token} path.
async function waitInvitationLink(server, email, timeout = 15000) {
  const start = Date.now();
  const esc = email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`mail to ${esc}[^\\n]*?(/invite/[A-Za-z0-9_\\-]+)`, 'g');
  while (Date.now() - start < timeout) {
    const all = [...server.log().matchAll(re)];
    if (all.length) return all[all.length - 1][1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no invitation mail to ${email} logged:\n${server.log()}`);
}

// The build gives static files content-hashed names (portal.3f2a9c1e.wasm): the path of
// build/web/NAME.*EXT, or null.
function webFile(name, ext) {
  const re = new RegExp(`^${name}\\.[0-9a-f]+\\${ext}$`);
  const f = fs.existsSync(WEB_DIR) && fs.readdirSync(WEB_DIR).find((n) => re.test(n));
  return f ? path.join(WEB_DIR, f) : null;
}

// A suite's steps run in order and build on each other: after the first failure the rest are
// skipped rather than failing again, and the page at the failure is kept as a screenshot.
// `pageOf` gives the suite's page (made in before(), so it is read when a step fails).
function steps(shotPrefix, pageOf, shoot = shot) {
  let failed = null;
  return (name, fn) => it(name, async (t) => {
    if (failed) { t.skip(`after failure in "${failed}"`); return; }
    try { await fn(t); } catch (e) {
      failed = name;
      const page = pageOf();
      if (page) await shoot(page, shotPrefix + 'FAILED-' + name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)).catch(() => {});
      throw e;
    }
  });
}

// The body of POST /api/subscriptions; `invite` = [contact name, e-mail] lets the customer edit.
function newSubscription(name, { product = 'm365', users = 5, invite = null } = {}) {
  return {
    product, customer_name: name, user_count: users, customer_can_edit: !!invite,
    contact_name: invite ? invite[0] : '', contact_email: invite ? invite[1] : '',
  };
}

module.exports.steps = steps;
module.exports.newSubscription = newSubscription;
module.exports.setupReseller = setupReseller;
module.exports.webFile = webFile;
module.exports.waitInvitationLink = waitInvitationLink;

// Console errors a step provokes on purpose (a made-up invitation link answers 404): the step
// declares each with allowConsoleError(b, /pattern/). Every suite ends with a step that fails on
// any other error or uncaught exception (noUnexpectedConsoleErrors).
function allowConsoleError(b, re) { b.allowed.push(re); }
function noUnexpectedConsoleErrors(b) {
  const bad = b.logs.filter((l) => (l.startsWith('[error]') || l.startsWith('[pageerror]')) &&
    !b.allowed.some((re) => re.test(l)));
  if (bad.length) throw new Error('unexpected console errors:\n' + bad.join('\n'));
}
module.exports.allowConsoleError = allowConsoleError;
module.exports.noUnexpectedConsoleErrors = noUnexpectedConsoleErrors;

// The end of every suite: print the page's errors (the suite's last step has judged them),
// close the browser, stop the server.
async function shutdown(b, server) {
  if (b) {
    const errors = b.logs.filter((l) => l.startsWith('[pageerror]') || l.startsWith('[error]'));
    if (errors.length) console.log('CONSOLE ERRORS:\n' + errors.join('\n'));
    await b.browser.close();
  }
  if (server) await server.stop();
}
module.exports.shutdown = shutdown;

// The newest e-mail to `to` that the server wrote to its outbox folder (no --smtp-url), decoded:
// { subject, text, html }. Bodies are base64 parts of a multipart/alternative message; the
// subject may be an RFC 2047 encoded word.
function readMail(file) {
  const raw = fs.readFileSync(file, 'latin1');
  const [head, ...rest] = raw.split('\r\n\r\n');
  const header = (name) => { const m = head.match(new RegExp(`^${name}: (.*)$`, 'mi')); return m ? m[1] : ''; };
  const subject = header('Subject').replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
  const part = (type) => {
    const m = rest.join('\r\n\r\n').match(new RegExp(`Content-Type: ${type}[^\\r]*\\r\\nContent-Transfer-Encoding: base64\\r\\n\\r\\n([A-Za-z0-9+/=\\r\\n]*)`));
    return m ? Buffer.from(m[1].replace(/\r\n/g, ''), 'base64').toString('utf8') : '';
  };
  return { to: header('To'), subject, text: part('text/plain'), html: part('text/html') };
}
async function waitMail(server, to, timeout = 15000) {
  const dir = path.join(server.dir, 'outbox');
  const start = Date.now();
  while (Date.now() - start < timeout) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
    const mails = files.map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t).map(({ f }) => readMail(path.join(dir, f)))
      .filter((m) => m.to.includes(to));
    if (mails.length) return mails[0];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} in ${dir}`);
}
module.exports.waitMail = waitMail;

// A browser context of its own at `width` x `height` in `lang` (saved as the reseller's
// language too), signed in with the reseller's session cookie.
async function resellerContext(b, server, reseller, width, height, lang) {
  await api(server.base, 'PATCH', '/api/me', { language: lang }, reseller.cookie, reseller.csrf);
  const ctx = await b.browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  await ctx.addInitScript((l) => {
    window.SIGNET_TEST = true;
    try { localStorage.setItem('signet.language', l); } catch (e) {}
  }, lang);
  const [name, value] = reseller.cookie.split('=');
  await ctx.addCookies([{ name, value, url: server.base }]);
  return { ctx, page: await ctx.newPage() };
}
module.exports.resellerContext = resellerContext;

// A screenshot into build/e2e/NAME.png, copied to /tmp/shots/ to look at.
async function keptShot(page, name) {
  const file = await shot(page, name);
  fs.mkdirSync('/tmp/shots', { recursive: true });
  fs.copyFileSync(file, path.join('/tmp/shots', name + '.png'));
  return file;
}
module.exports.keptShot = keptShot;
