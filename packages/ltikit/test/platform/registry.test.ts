import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LtiError } from '../../src/errors.js';
import { createPlatform } from '../../src/platform/index.js';
import { checkToolRegistration, type ToolRegistrationInput } from '../../src/platform/registry.js';
import { createMemoryStores } from '../../src/stores/memory.js';

const valid: ToolRegistrationInput = {
  name: ' Quiz tool ',
  initiateLoginUri: 'https://tool.example.com/lti/login',
  redirectUris: ['https://tool.example.com/lti/launch'],
  jwksUri: 'https://tool.example.com/lti/jwks',
  claims: ['name', 'email', 'name'],
};

function fieldOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof LtiError);
    assert.equal(error.code, 'ERR_LTI_TOOL_REGISTRATION_INVALID');
    return error.detail?.field;
  }
  assert.fail('expected a refusal');
}

describe('checkToolRegistration', () => {
  it('fills in a client id, a deployment and the target link, and de-duplicates claims', () => {
    const tool = checkToolRegistration(valid, { allowInsecureLoopback: false });
    assert.match(tool.clientId, /^[0-9a-f-]{36}$/);
    assert.equal(tool.deploymentIds.length, 1);
    assert.equal(tool.targetLinkUri, 'https://tool.example.com/lti/launch');
    assert.equal(tool.name, 'Quiz tool');
    assert.deepEqual(tool.claims, ['name', 'email']);
  });

  it('names the field that is wrong', () => {
    const options = { allowInsecureLoopback: false };
    assert.equal(fieldOf(() => checkToolRegistration({ ...valid, name: '' }, options)), 'name');
    assert.equal(fieldOf(() => checkToolRegistration({ ...valid, initiateLoginUri: 'http://tool.example.com/login' }, options)), 'initiateLoginUri');
    assert.equal(fieldOf(() => checkToolRegistration({ ...valid, redirectUris: [] }, options)), 'redirectUris');
    assert.equal(fieldOf(() => checkToolRegistration({ ...valid, redirectUris: ['https://a.example/x', 'ftp://b'] }, options)), 'redirectUris[1]');
    assert.equal(fieldOf(() => checkToolRegistration({ ...valid, jwksUri: 'http://tool.example.com/jwks' }, options)), 'jwksUri');
    assert.equal(fieldOf(() => checkToolRegistration({ ...valid, jwksUri: undefined, publicJwk: { kty: 'RSA', n: 'x', e: 'AQAB', d: 'secret' } }, options)), 'publicJwk');
    assert.equal(fieldOf(() => checkToolRegistration({ ...valid, claims: ['name', 'ssn' as 'name'] }, options)), 'claims[1]');
    assert.equal(fieldOf(() => checkToolRegistration({ ...valid, deploymentIds: ['a', 'a'] }, options)), 'deploymentIds');
    assert.equal(fieldOf(() => checkToolRegistration({ ...valid, deploymentIds: ['x'.repeat(256)] }, options)), 'deploymentIds[0]');
    assert.equal(fieldOf(() => checkToolRegistration({ ...valid, targetLinkUri: 'https://tool.example.com/#frag' }, options)), 'targetLinkUri');
  });

  it('accepts a launch-only tool without keys', () => {
    const tool = checkToolRegistration({ ...valid, jwksUri: undefined }, { allowInsecureLoopback: false });
    assert.equal(tool.jwksUri, undefined);
    assert.equal(tool.publicJwk, undefined);
  });

  it('allows http only on loopback and only when asked', () => {
    const local = { ...valid, initiateLoginUri: 'http://127.0.0.1:4000/login', redirectUris: ['http://localhost:4000/launch'], jwksUri: 'http://[::1]:4000/jwks' };
    assert.equal(fieldOf(() => checkToolRegistration(local, { allowInsecureLoopback: false })), 'initiateLoginUri');
    assert.equal(checkToolRegistration(local, { allowInsecureLoopback: true }).redirectUris[0], 'http://localhost:4000/launch');
    assert.equal(
      fieldOf(() => checkToolRegistration({ ...local, initiateLoginUri: 'http://10.0.0.5/login' }, { allowInsecureLoopback: true })),
      'initiateLoginUri',
    );
  });
});

describe('platform.registerTool and deployments', () => {
  it('stores nothing when the registration is refused, and keeps deployments on update', async () => {
    const stores = createMemoryStores();
    const platform = createPlatform({ issuer: 'https://lms.example.edu', stores, currentUser: 'message-hint-only' });
    await assert.rejects(platform.registerTool({ ...valid, clientId: 'c-1', redirectUris: [] }), { code: 'ERR_LTI_TOOL_REGISTRATION_INVALID' });
    assert.deepEqual(await stores.tools.listTools(), []);

    const tool = await platform.registerTool({ ...valid, clientId: 'c-1' });
    const second = await platform.addDeployment('c-1');
    assert.notEqual(second, tool.deploymentIds[0]);
    const updated = await platform.registerTool({ ...valid, clientId: 'c-1', name: 'Renamed' });
    assert.equal(updated.name, 'Renamed');
    assert.deepEqual(updated.deploymentIds, [tool.deploymentIds[0], second]);
    await platform.removeDeployment('c-1', second);
    assert.deepEqual((await stores.tools.getTool('c-1'))?.deploymentIds, [tool.deploymentIds[0]]);
    await assert.rejects(platform.addDeployment('nobody'), { code: 'ERR_LTI_TOOL_UNKNOWN' });
  });
});
