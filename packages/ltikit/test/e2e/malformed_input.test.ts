// Malformed input is expected input: random and hostile forms, queries, JWTs (bad headers, claims of
// the wrong types, wrong encodings) thrown at every endpoint of both sides must each get a 4xx with
// a stable ERR_LTI_ code — never a 5xx, never a stack trace. The generator is seeded, so a failure
// reproduces.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/lib/clock.js';
import { createPlatform } from '../../src/platform/index.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import { createTool } from '../../src/tool/index.js';
import { LTI_CLAIM } from '../../src/vocab/claims.js';
import { createPlatformKey } from '../support/platform_key.js';

const T0 = 1_767_225_600;
// More rounds or another seed: LTIKIT_FUZZ_ROUNDS=5000 LTIKIT_FUZZ_SEED=7 node scripts/run-tests.mjs packages/ltikit/test/e2e
const ROUNDS = Number(process.env.LTIKIT_FUZZ_ROUNDS ?? 150);
const SEED = Number(process.env.LTIKIT_FUZZ_SEED ?? 20261127);
const ISSUER = 'https://lms.example.edu';
const CLIENT_ID = 'c-1';

/** A small seeded generator (mulberry32): test input only, never used for anything secret. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const text = (): string =>
    pick([
      '',
      ' ',
      'x',
      '%',
      '%zz',
      '\u0000',
      '\ud800',
      '<script>alert(1)</script>',
      '"quoted"',
      'a'.repeat(5000),
      '..',
      '.',
      '{}',
      '[]',
      'null',
      'eyJ',
      'https://evil.example/',
      'javascript:alert(1)',
      '😀',
      String(next()),
    ]);
  const value = (): unknown =>
    pick<() => unknown>([() => text(), () => next() * 1e9, () => null, () => true, () => [], () => ({}), () => [text()], () => ({ id: text() }), () => -1, () => 1e308])();
  return { next, pick, text, value };
}

function b64url(value: string): string {
  return Buffer.from(value).toString('base64url');
}

async function setup() {
  const clock = fixedClock(T0);
  const key = await createPlatformKey({ alg: 'RS256', kid: 'k-1' });
  const toolStores = createMemoryStores(clock);
  const tool = createTool({ baseUrl: 'https://tool.example.com/lti', stores: toolStores, clock, onLaunch: () => new Response('ok') });
  await tool.registerPlatform({
    issuer: ISSUER,
    clientId: CLIENT_ID,
    deploymentIds: ['d-1'],
    authorizationEndpoint: `${ISSUER}/lti/authorize`,
    publicJwk: key.publicJwk,
  });
  const platform = createPlatform({ issuer: ISSUER, stores: createMemoryStores(clock), clock, currentUser: 'message-hint-only' });
  await platform.registerTool({
    clientId: CLIENT_ID,
    name: 'Tool',
    initiateLoginUri: 'https://tool.example.com/lti/login',
    redirectUris: ['https://tool.example.com/lti/launch'],
    deploymentIds: ['d-1'],
  });
  /** A fresh login: its state, cookie and nonce. */
  async function login() {
    const response = await tool.fetch(
      new Request(`https://tool.example.com/lti/login?iss=${encodeURIComponent(ISSUER)}&login_hint=u&target_link_uri=${encodeURIComponent('https://tool.example.com/lti/launch')}`),
    );
    const location = new URL(response.headers.get('location')!);
    return { state: location.searchParams.get('state')!, nonce: location.searchParams.get('nonce')!, cookie: response.headers.getSetCookie()[0]!.split(';')[0]! };
  }
  return { tool, platform, key, login };
}

async function expectClientError(response: Response, what: string): Promise<void> {
  const body = await response.text();
  assert.ok(response.status >= 400 && response.status < 500, `${what}: status ${response.status}: ${body.slice(0, 300)}`);
  assert.doesNotMatch(body, /\bat .+\.(?:js|ts):\d+/, `${what}: a stack trace leaked`);
  const parsed = JSON.parse(body) as { code?: string };
  assert.match(parsed.code ?? '', /^ERR_LTI_[A-Z0-9_]+$/, `${what}: ${body.slice(0, 200)}`);
}

describe('malformed input gets a specific 4xx on every endpoint', () => {
  it('tool launch: random forms and hostile JWTs', async () => {
    const { tool, key, login } = await setup();
    const random = generator(SEED);
    for (let round = 0; round < ROUNDS; round++) {
      const { state, nonce, cookie } = await login();
      const claims: Record<string, unknown> = {
        iss: ISSUER,
        aud: CLIENT_ID,
        sub: 'u',
        iat: T0,
        exp: T0 + 300,
        nonce,
        [LTI_CLAIM.version]: '1.3.0',
        [LTI_CLAIM.messageType]: 'LtiResourceLinkRequest',
        [LTI_CLAIM.deploymentId]: 'd-1',
        [LTI_CLAIM.roles]: [],
        [LTI_CLAIM.resourceLink]: { id: 'r' },
        [LTI_CLAIM.targetLinkUri]: 'https://tool.example.com/lti/launch',
      };
      // Corrupt one or two claims with values of the wrong type, or add strange ones.
      const names = [...Object.keys(claims), LTI_CLAIM.context, LTI_CLAIM.custom, LTI_CLAIM.launchPresentation, LTI_CLAIM.toolPlatform, LTI_CLAIM.lis, LTI_CLAIM.roleScopeMentor, 'azp', 'crit'];
      for (let change = 0; change < 1 + Math.floor(random.next() * 2); change++) claims[random.pick(names)] = random.value();
      const kind = random.pick(['signed', 'header', 'segments', 'text'] as const);
      let idToken: string;
      if (kind === 'signed') idToken = await key.sign(claims as never);
      else if (kind === 'header') idToken = `${b64url(JSON.stringify({ alg: random.value(), kid: random.value(), crit: random.pick([undefined, ['x'], 'x']) }))}.${b64url(JSON.stringify(claims))}.c2ln`;
      else if (kind === 'segments') idToken = `${b64url(random.text())}.${b64url(random.text())}.${random.text()}`;
      else idToken = random.text();
      const form = new URLSearchParams({ id_token: idToken, state: random.next() < 0.9 ? state : random.text() });
      if (random.next() < 0.1) form.append('id_token', random.text());
      const response = await tool.fetch(
        new Request('https://tool.example.com/lti/launch', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', cookie: random.next() < 0.9 ? cookie : random.text().replace(/[^\x20-\x7e]/g, '') },
          body: form.toString(),
        }),
      );
      if (response.status === 200) {
        // Only a token whose corruption was harmless (e.g. an unknown extra claim) may pass.
        assert.equal(kind, 'signed');
        continue;
      }
      await expectClientError(response, `launch round ${round} (${kind})`);
    }
  });

  it('tool login and platform authorization: random parameters, methods and bodies', async () => {
    const { tool, platform } = await setup();
    const random = generator(42);
    const parameterNames = ['iss', 'login_hint', 'target_link_uri', 'client_id', 'lti_deployment_id', 'lti_message_hint', 'scope', 'response_type', 'response_mode', 'prompt', 'redirect_uri', 'nonce', 'state'];
    for (let round = 0; round < 200; round++) {
      const parameters = new URLSearchParams();
      for (const name of parameterNames) if (random.next() < 0.6) parameters.append(name, random.pick([random.text(), ISSUER, CLIENT_ID, 'openid', 'id_token', 'form_post', 'none', 'https://tool.example.com/lti/launch']));
      const target = random.pick(['https://tool.example.com/lti/login', `${ISSUER}/lti/authorize`]);
      const method = random.pick(['GET', 'POST', 'PUT']);
      const contentType = random.pick(['application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data; boundary=x']);
      const request =
        method === 'GET'
          ? new Request(`${target}?${parameters}`, { headers: { accept: 'application/json' } })
          : new Request(target, { method, headers: { accept: 'application/json', 'content-type': contentType }, body: random.next() < 0.8 ? parameters.toString() : random.text() });
      const response = target.startsWith(ISSUER) ? await platform.fetch(request) : await tool.fetch(request);
      if (response.status === 302 || response.status === 200) continue; // a login that happened to be valid, or an error posted back to a registered redirect URI
      await expectClientError(response, `round ${round}: ${method} ${target}`);
    }
  });
});
