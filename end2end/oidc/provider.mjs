// A real OpenID provider for the browser tests: oidc-provider (a certified
// implementation) with its own development sign-in page, standing in for a
// municipality's identity provider. Beside it, on /__test/, a control the
// tests use to make the next ID token wrong in the ways an attacker or a
// broken provider would (another audience, expired, another nonce,
// unsigned, signed with a key nobody published) and to rotate the signing
// key. Nothing here is part of Trechter.
//
//   PORT=3127 REDIRECT_URIS=…,… POST_LOGOUT_URIS=…,… node end2end/oidc/provider.mjs

import http from 'node:http';
import Provider from 'oidc-provider';
import * as jose from 'jose';

const port = Number(process.env.PORT ?? 3127);
const issuer = `http://127.0.0.1:${port}`;

async function signingKey(kid) {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  return { ...(await jose.exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}
const keys = {
  first: await signingKey('sleutel-1'),
  second: await signingKey('sleutel-2'),
  // Never published: a token signed with it must be refused.
  stranger: await signingKey('vreemde-sleutel'),
};
const publicPart = ({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use });

// The people the provider knows, by the name typed on its sign-in page.
// Anyone else signs in too, with a subject and no e-mail address.
const people = {
  regisseur: { email: 'regisseur@berkeloord.example', email_verified: true, name: 'Sanne de Vries' },
  onbevestigd: { email: 'beheer@berkeloord.example', email_verified: false, name: 'Niet bevestigd' },
  vreemde: { email: 'vreemde@elders.example', email_verified: true, name: 'Een Vreemde' },
  groep: {
    email: 'nieuw.medewerker@berkeloord.example',
    email_verified: true,
    name: 'Nieuwe Medewerker',
    groups: ['trechter-medewerkers'],
  },
  uitgenodigd: { email: 'uitgenodigd@berkeloord.example', email_verified: true, name: 'Uitgenodigde Partner' },
  // Some providers send booleans as strings.
  tekstwaar: {
    email: 'tekstwaar@berkeloord.example',
    email_verified: 'true',
    name: 'Tekst Waar',
    groups: ['trechter-medewerkers'],
  },
  sterk: { email: 'sterk@berkeloord.example', email_verified: true, name: 'Sterke Medewerker', groups: ['trechter-medewerkers'] },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'trechter',
    client_secret: 'alleen-voor-de-tests',
    redirect_uris: process.env.REDIRECT_URIS.split(','),
    post_logout_redirect_uris: process.env.POST_LOGOUT_URIS.split(','),
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  jwks: { keys: [keys.first] },
  cookies: { keys: ['alleen-voor-de-tests'] },
  scopes: ['openid', 'email', 'profile', 'groups'],
  acrValues: ['urn:berkeloord:loa2', 'urn:berkeloord:loa3'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  // The claims go in the ID token, as most municipal providers do.
  conformIdTokenClaims: false,
  async findAccount(ctx, sub) {
    return { accountId: sub, claims: async () => ({ sub, ...(people[sub] ?? {}) }) };
  },
  // No consent page: the municipality's own application is trusted.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile groups');
    await grant.save();
    return grant;
  },
});

// What the next token answer gets, set through the control; once.
let next = null;
let signingWith = keys.first;
let published = [keys.first];

async function sign(payload, key) {
  return new jose.SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .sign(await jose.importJWK(key, 'RS256'));
}

async function changed(idToken) {
  const payload = jose.decodeJwt(idToken);
  const change = next ?? {};
  next = null;
  Object.assign(payload, change.claims ?? {});
  if (change.alg === 'none') {
    const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
  }
  return sign(payload, change.key === 'stranger' ? keys.stranger : signingWith);
}

provider.use(async (ctx, nextMiddleware) => {
  await nextMiddleware();
  if (ctx.path === '/jwks' && ctx.status === 200) {
    ctx.body = { keys: published.map(publicPart) };
  }
  if (ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token) {
    if (next !== null || signingWith !== keys.first) {
      ctx.body = { ...ctx.body, id_token: await changed(ctx.body.id_token) };
    }
  }
});

function control(request, response) {
  let body = '';
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => {
    if (request.url === '/__test/next') {
      next = JSON.parse(body || '{}');
    } else if (request.url === '/__test/rotate') {
      signingWith = keys.second;
      published = [keys.second, keys.first];
    } else {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(204).end();
  });
}

const callback = provider.callback();
http.createServer((request, response) => {
  if (request.url.startsWith('/__test/')) control(request, response);
  else callback(request, response);
}).listen(port, '127.0.0.1');
