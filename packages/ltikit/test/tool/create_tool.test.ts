import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LtiError } from '../../src/errors.js';
import { fixedClock } from '../../src/lib/clock.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import { createTool } from '../../src/tool/index.js';

const T0 = 1_767_225_600;

async function setup() {
  const clock = fixedClock(T0);
  const stores = createMemoryStores(clock);
  const errors: LtiError[] = [];
  const tool = createTool({
    baseUrl: 'https://tool.example.com/lti',
    stores,
    clock,
    onLaunch: () => new Response('ok'),
    onError: (error) => {
      errors.push(error);
      throw new Error('a broken reporter changes nothing');
    },
  });
  await tool.registerPlatform({
    issuer: 'https://lms.example.edu',
    clientId: 'c-1',
    deploymentIds: ['d-1'],
    authorizationEndpoint: 'https://lms.example.edu/lti/authorize',
    jwksUri: 'https://lms.example.edu/jwks',
  });
  return { tool, errors };
}

describe('createTool: failures', () => {
  it('clears the state cookie of a failed launch and reports the error', async () => {
    const { tool, errors } = await setup();
    const login = await tool.fetch(
      new Request('https://tool.example.com/lti/login?iss=https%3A%2F%2Flms.example.edu&login_hint=u&target_link_uri=https%3A%2F%2Ftool.example.com%2Flti%2Flaunch'),
    );
    assert.equal(login.status, 302);
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const state = cookie.slice(cookie.indexOf('=') + 1);
    const response = await tool.fetch(
      new Request('https://tool.example.com/lti/launch', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, accept: 'application/json' },
        body: new URLSearchParams({ id_token: 'not.a.jwt', state }).toString(),
      }),
    );
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { code: string }).code, 'ERR_LTI_JWT_MALFORMED');
    const cleared = response.headers.getSetCookie();
    assert.equal(cleared.length, 1);
    assert.match(cleared[0]!, new RegExp(`^${cookie.split('=')[0]}=; Path=/; Max-Age=0`));
    assert.deepEqual(
      errors.map((error) => error.code),
      ['ERR_LTI_JWT_MALFORMED'],
    );
  });

  it('answers a path outside the tool with ERR_LTI_NOT_FOUND and reports it', async () => {
    const { tool, errors } = await setup();
    const response = await tool.fetch(new Request('https://tool.example.com/lti/nothing', { headers: { accept: 'application/json' } }));
    assert.equal(response.status, 404);
    assert.equal(errors[0]?.code, 'ERR_LTI_NOT_FOUND');
  });
});
