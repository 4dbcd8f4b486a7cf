// The portal's subscription list goes through the browser's HTTP cache: a page asked for again
// is revalidated (If-None-Match) and answered 304 while nothing changed; after a write from
// elsewhere the next ask gets the new page and the table shows it. Real server, real Chromium;
// the status codes are what Chromium received on the wire (DevTools protocol), not the app's view.
'use strict';
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const L = require('./lib.js');

const OWNER = { company: 'Cache Compagnie B.V.', name: 'Carla Cache', email: 'carla@cache.example', password: 'Cache-Carla-2026!' };
const rows = (s) => s.items.filter((i) => i.label.startsWith('row:')).map((i) => i.label.slice(4));

describe('portal list: revalidated through the browser cache', () => {
  let server, b, page, owner;
  const listRequests = [];        // DevTools request ids of list fetches, in order
  const wireStatus = new Map();   // request id -> status received from the server
  const listStatuses = () => listRequests.map((id) => wireStatus.get(id)).filter((s) => s !== undefined);
  const create = async (name) => {
    const r = await L.api(server.base, 'POST', '/api/subscriptions', L.newSubscription(name), owner.cookie, owner.csrf);
    assert.equal(r.status, 201, await r.text());
  };

  before(async () => {
    server = await L.startServer();
    owner = await L.setupReseller(server, OWNER);
    for (const name of ['Alfa Advies', 'Bravo Bouw', 'Charlie Catering']) await create(name);
    b = await L.launch();
    page = b.page;
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('Network.enable');
    // responseReceived reports a revalidated page as the cached 200; the ExtraInfo event carries
    // what came over the wire (and may arrive before requestWillBeSent).
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.includes('/api/subscriptions?')) listRequests.push(e.requestId);
    });
    cdp.on('Network.responseReceivedExtraInfo', (e) => wireStatus.set(e.requestId, e.statusCode));
    const [name, value] = owner.cookie.split('=');
    await b.context.addCookies([{ name, value, url: server.base }]);
  });
  after(() => L.shutdown(b, server));

  test('the same page again is a 304; after a write elsewhere a 200 with the new row', async () => {
    await page.goto(server.base + '/');
    await L.waitScreen(page, 'subscriptions', 15000);
    await L.waitFor(page, (st) => rows(st).length === 3, 'three rows');
    await L.waitFor(page, () => listStatuses().length === 1, 'the first list request');
    assert.deepEqual(listStatuses(), [200]);

    // Sort the other way and back: the first order's page is asked for a second time.
    await L.click(page, 'header:Customer');
    await L.waitFor(page, (st) => rows(st)[0] === 'Charlie Catering' && st, 'descending');
    await L.click(page, 'header:Customer');
    await L.waitFor(page, (st) => rows(st)[0] === 'Alfa Advies' && st, 'ascending again');
    await L.waitFor(page, () => listStatuses().length === 3, 'three list requests');
    assert.deepEqual(listStatuses(), [200, 200, 304]);

    // Another client adds a customer: the held page is stale, and the browser is told so.
    await create('Delta Design');
    await L.click(page, 'header:Customer');
    await L.waitFor(page, (st) => rows(st)[0] === 'Delta Design' && st, 'descending with the new row');
    await L.click(page, 'header:Customer');
    const s = await L.waitFor(page, (st) => rows(st).length === 4 && rows(st)[0] === 'Alfa Advies' && st, 'four rows');
    assert.deepEqual(rows(s), ['Alfa Advies', 'Bravo Bouw', 'Charlie Catering', 'Delta Design']);
    await L.waitFor(page, () => listStatuses().length === 5, 'five list requests');
    assert.deepEqual(listStatuses(), [200, 200, 304, 200, 200]);
    L.noUnexpectedConsoleErrors(b);
  });
});
