import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryStores } from '../../src/stores/memory.js';
import type { PlatformRegistration } from '../../src/stores/types.js';
import { createTool } from '../../src/tool/index.js';

const valid: PlatformRegistration = {
  issuer: 'https://lms.example.edu',
  clientId: 'c-7731',
  deploymentIds: ['dep-01', 'dep-01'],
  authorizationEndpoint: 'https://lms.example.edu/lti/authorize',
  jwksUri: 'https://lms.example.edu/.well-known/jwks.json',
};

describe('tool.registerPlatform', () => {
  const stores = createMemoryStores();
  const tool = createTool({ baseUrl: 'https://tool.example.com/lti', stores, onLaunch: () => new Response('ok') });

  it('stores a valid registration with de-duplicated deployments', async () => {
    const saved = await tool.registerPlatform(valid);
    assert.deepEqual(saved.deploymentIds, ['dep-01']);
    assert.equal((await stores.platforms.findPlatforms(valid.issuer)).length, 1);
  });

  it('refuses bad registrations naming the field, storing nothing', async () => {
    const cases: Array<[Partial<PlatformRegistration>, string]> = [
      [{ issuer: 'http://lms.example.edu' }, 'issuer'],
      [{ issuer: 'https://lms.example.edu/?tenant=1' }, 'issuer'],
      [{ clientId: '' }, 'clientId'],
      [{ authorizationEndpoint: 'javascript:alert(1)' }, 'authorizationEndpoint'],
      [{ jwksUri: undefined }, 'jwksUri'],
      [{ tokenEndpoint: 'http://lms.example.edu/token' }, 'tokenEndpoint'],
    ];
    for (const [change, field] of cases) {
      await assert.rejects(tool.registerPlatform({ ...valid, issuer: 'https://other.example', ...change }), (error: { code: string; detail: { field: string } }) => {
        assert.equal(error.code, 'ERR_LTI_PLATFORM_CONFIG_INVALID');
        assert.equal(error.detail.field, field);
        return true;
      });
    }
    assert.equal((await stores.platforms.findPlatforms('https://other.example')).length, 0);
  });
});
