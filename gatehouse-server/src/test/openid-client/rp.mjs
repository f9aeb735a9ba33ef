// A relying party built on openid-client (a certified OpenID Connect RP library), run by
// OpenIdClientLibraryTest against a live Gatehouse. It takes its settings from the environment
// and prints one JSON object with what the library verified; any failure is printed as
// {"error": ...} with exit status 1. The library does every check an app would rely on:
// discovery, PKCE, state, the RFC 9207 iss, the ID token's signature, iss, aud, nonce, exp and
// at_hash, and the userinfo subject. The user's part in the browser (the sign-in and consent
// forms) is played with fetch and the session cookie.
//
//   GH_ISSUER, GH_FLOW (code | client_credentials), GH_CLIENT_ID, GH_CLIENT_SECRET or GH_CLIENT_KEY
//   (a private P-256 JWK: private_key_jwt; neither for a public client), GH_REDIRECT_URI, GH_SCOPE,
//   GH_LOGIN, GH_PASSWORD, and GH_POST_LOGOUT_URI to sign out through the end-session endpoint
//   after the code flow; with GH_REGISTRATION_TOKEN the app first registers itself (RFC 7591)
//   with that initial access token instead of using GH_CLIENT_ID
import * as client from 'openid-client';

const env = (name) => process.env[name];

async function clientAuthentication() {
  if (env('GH_CLIENT_KEY')) {
    const jwk = JSON.parse(env('GH_CLIENT_KEY'));
    const key = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    return client.PrivateKeyJwt({ key, kid: jwk.kid });
  }
  const secret = env('GH_CLIENT_SECRET');
  return secret ? client.ClientSecretBasic(secret) : client.None();
}

async function discover() {
  if (env('GH_REGISTRATION_TOKEN')) {
    return client.dynamicClientRegistration(new URL(env('GH_ISSUER')), {
      redirect_uris: [env('GH_REDIRECT_URI')], client_name: 'Self-registered app', scope: env('GH_SCOPE'),
    }, undefined, { initialAccessToken: env('GH_REGISTRATION_TOKEN'), execute: [client.allowInsecureRequests] });
  }
  const auth = await clientAuthentication();
  // The test server listens on plain http on the loopback interface.
  return client.discovery(new URL(env('GH_ISSUER')), env('GH_CLIENT_ID'), undefined, auth,
    { execute: [client.allowInsecureRequests] });
}

/**
 * The browser's part: follows the answer to the sign-in page, signs in, allows the app; returns
 * the redirect to the app, and the session cookie.
 */
async function userAgent(authorizationUrl) {
  const base = env('GH_ISSUER');
  let cookie = '';
  const get = (url) => fetch(new URL(url, base), { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const post = (url, form) => fetch(new URL(url, base), {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(form),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
  });

  let answer = await get(authorizationUrl);
  let location = answer.headers.get('location');
  if (answer.status !== 303 || !location.startsWith('/login?')) {
    throw new Error(`expected the sign-in page, got ${answer.status} ${location}`);
  }
  const returnTo = new URL(location, base).searchParams.get('return_to');
  answer = await post('/login', { login: env('GH_LOGIN'), password: env('GH_PASSWORD'), return_to: returnTo });
  const session = answer.headers.getSetCookie().find((c) => c.startsWith('gatehouse_session='));
  if (answer.status !== 303 || !session) {
    throw new Error(`signing in answered ${answer.status}`);
  }
  cookie = session.split(';')[0];
  answer = await get(answer.headers.get('location'));
  if (answer.status === 200) {
    const ticket = (await answer.text()).match(/name="ticket" value="([^"]+)"/)[1];
    answer = await post('/authorize/consent', { ticket, decision: 'allow' });
  }
  location = answer.headers.get('location');
  if (answer.status !== 303 || !location.startsWith(env('GH_REDIRECT_URI'))) {
    throw new Error(`expected the redirect to the app, got ${answer.status} ${location}`);
  }
  return { callback: new URL(location), cookie };
}

/** RP-initiated logout: the browser, with its cookie, follows the library's end-session URL; then the session is tried. */
async function endSession(config, idToken, cookie) {
  const url = client.buildEndSessionUrl(config, {
    id_token_hint: idToken, post_logout_redirect_uri: env('GH_POST_LOGOUT_URI'), state: 'signed-out-state',
  });
  const answer = await fetch(url, { redirect: 'manual', headers: { cookie } });
  const me = await fetch(new URL('/api/v1/users/me', env('GH_ISSUER')), { headers: { cookie } });
  return { status: answer.status, location: answer.headers.get('location'), sessionAfter: me.status };
}

async function codeFlow(config) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: env('GH_REDIRECT_URI'),
    scope: env('GH_SCOPE'),
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const { callback, cookie } = await userAgent(url);
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true,
  });
  const claims = tokens.claims();
  const userInfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  // With offline_access the app renews its access with the refresh token, which rotates.
  let refreshed = null;
  if (tokens.refresh_token) {
    const renewed = await client.refreshTokenGrant(config, tokens.refresh_token);
    refreshed = { scope: renewed.scope, rotated: renewed.refresh_token !== tokens.refresh_token,
      userInfo: await client.fetchUserInfo(config, renewed.access_token, claims.sub) };
  }
  // A code is used once: the library sends the same callback again and must be refused.
  let replay = null;
  try {
    await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  } catch (e) {
    replay = e.error ?? e.code ?? e.message;
  }
  let userInfoAfterReplay = null;
  try {
    await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    userInfoAfterReplay = 'accepted';
  } catch (e) {
    userInfoAfterReplay = e.status ?? e.code ?? e.message;
  }
  const signedOut = env('GH_POST_LOGOUT_URI') ? await endSession(config, tokens.id_token, cookie) : null;
  return {
    iss: callback.searchParams.get('iss'), claims, userInfo, scope: tokens.scope, tokenType: tokens.token_type,
    expiresIn: tokens.expiresIn(), refreshed, replay, userInfoAfterReplay, signedOut,
  };
}

async function clientCredentials(config) {
  const tokens = await client.clientCredentialsGrant(config, { scope: env('GH_SCOPE') });
  return { scope: tokens.scope, tokenType: tokens.token_type, expiresIn: tokens.expiresIn(), accessToken: tokens.access_token };
}

try {
  const config = await discover();
  const result = env('GH_FLOW') === 'client_credentials' ? await clientCredentials(config) : await codeFlow(config);
  process.stdout.write(JSON.stringify(result) + '\n');
} catch (e) {
  process.stdout.write(JSON.stringify({ error: String(e.message ?? e), code: e.code ?? null, cause: String(e.cause?.message ?? '') }) + '\n');
  process.exit(1);
}
