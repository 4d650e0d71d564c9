// Tool registration (DR-011): the platform configuration's `issuer` must be on the host the
// configuration was fetched from. A configuration at lms.example.edu claiming another issuer is
// refused before anything is posted or stored.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { PLATFORM_ISSUER, assertRegistrationPageRefused, createRegistrationHarness, platformConfiguration } from '../../support/registration_harness.js';

it('an issuer on another host than the configuration URL is refused with ERR_LTI_DR_ISSUER_MISMATCH', async () => {
  const harness = createRegistrationHarness();
  const posted: string[] = [];
  const tool = harness.tool((request) => {
    if (request.method === 'POST') posted.push(request.url);
    return new URL(request.url).pathname === '/.well-known/openid-configuration' ? Response.json(platformConfiguration('https://other-lms.example.org')) : harness.platform.fetch(request);
  });
  const url = await harness.initiationUrl();
  assert.equal(new URL(new URL(url).searchParams.get('openid_configuration')!).origin, PLATFORM_ISSUER);
  await assertRegistrationPageRefused(await tool.fetch(new Request(url)), 'ERR_LTI_DR_ISSUER_MISMATCH', harness);
  assert.deepEqual(posted, []);
});
