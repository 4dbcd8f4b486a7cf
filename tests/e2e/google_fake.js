// A local stand-in for Google's token endpoint and the Gmail API's sendAs update, for the
// browser test of live deployment (the C++ one, tests/server/google_fake.cpp, serves doctest).
// Like Google it checks each assertion's RS256 signature with the service account's public key,
// its issuer, audience, scope and lifetime, and that a sendAs update's bearer token was issued
// for that very user; it keeps the signature each address was given. deny() answers 403 for an
// address, as when the user is outside the delegation.
'use strict';
const crypto = require('node:crypto');
const http = require('node:http');

const SCOPE = 'https://www.googleapis.com/auth/gmail.settings.basic';

// A fresh RSA key and the service account key file Google Cloud would give for it.
function serviceAccount(clientEmail) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const file = {
    type: 'service_account', project_id: 'signet-e2e', private_key_id: 'e2e0123456789',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), client_email: clientEmail,
    client_id: '1234567890', token_uri: 'https://oauth2.googleapis.com/token',
  };
  return { file, publicKey };
}

const fromB64url = (s) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

async function startGoogleFake(publicKey, clientEmail) {
  const fake = {
    denied: new Set(), signatures: new Map(), updates: new Map(), refused: 0,
    deny(a) { this.denied.add(a); }, allow(a) { this.denied.delete(a); },
  };
  const owners = new Map();  // access token -> user
  let issued = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const send = (status, obj) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(obj));
      };
      const url = new URL(req.url, fake.url);
      if (req.method === 'POST' && url.pathname === '/token') {
        const form = new URLSearchParams(body);
        const parts = (form.get('assertion') || '').split('.');
        let claims = null;
        try { claims = JSON.parse(fromB64url(parts[1] || '').toString('utf8')); } catch (e) { claims = null; }
        const now = Math.floor(Date.now() / 1000);
        const signed = parts.length === 3 &&
          crypto.verify('sha256', Buffer.from(parts[0] + '.' + parts[1]), publicKey, fromB64url(parts[2]));
        const ok = signed && claims && form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' &&
          claims.iss === clientEmail && claims.aud === fake.tokenUrl && claims.scope === SCOPE &&
          claims.exp > now && claims.exp - claims.iat <= 3600 && claims.sub;
        if (!ok) { fake.refused++; return send(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }); }
        const token = 'ya29.e2e-' + (++issued);
        owners.set(token, claims.sub);
        return send(200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
      }
      const m = req.method === 'PUT' && url.pathname.match(/^\/gmail\/v1\/users\/([^/]+)\/settings\/sendAs\/([^/]+)$/);
      if (m) {
        const user = decodeURIComponent(m[1]), address = decodeURIComponent(m[2]);
        const auth = req.headers.authorization || '';
        const error = (status, message) => send(status, { error: { code: status, message } });
        if (owners.get(auth.replace(/^Bearer /, '')) !== user) return error(401, 'Request had invalid authentication credentials.');
        if (user !== address || fake.denied.has(address)) return error(403, 'Delegation denied for ' + user);
        let j = null;
        try { j = JSON.parse(body); } catch (e) { j = null; }
        if (!j || typeof j.signature !== 'string') return error(400, "Invalid value at 'send_as.signature'");
        fake.signatures.set(address, j.signature);
        fake.updates.set(address, (fake.updates.get(address) || 0) + 1);
        return send(200, { sendAsEmail: address, signature: j.signature });
      }
      send(404, { error: { code: 404, message: 'Not found' } });
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${server.address().port}`;
  fake.tokenUrl = fake.url + '/token';
  fake.close = () => new Promise((r) => server.close(r));
  return fake;
}

module.exports = { serviceAccount, startGoogleFake };
