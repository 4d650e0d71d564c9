// Tool registration (DR-012): the platform's OpenID configuration is served as JSON. A document
// whose Content-Type is not JSON (here an HTML sign-in page's type over a JSON-looking body) is
// refused before it is parsed, and nothing is posted or stored.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRegistrationPageRefused, createRegistrationHarness, platformConfiguration } from '../../support/registration_harness.js';

it('a configuration whose Content-Type is not JSON is refused with ERR_LTI_DR_PLATFORM_CONFIGURATION_INVALID', async () => {
  const harness = createRegistrationHarness();
  const posted: string[] = [];
  const tool = harness.tool((request) => {
    if (request.method === 'POST') posted.push(request.url);
    return new URL(request.url).pathname === '/.well-known/openid-configuration'
      ? new Response(JSON.stringify(platformConfiguration()), { headers: { 'content-type': 'text/html; charset=utf-8' } })
      : harness.platform.fetch(request);
  });
  const html = await assertRegistrationPageRefused(await tool.fetch(new Request(await harness.initiationUrl())), 'ERR_LTI_DR_PLATFORM_CONFIGURATION_INVALID', harness);
  assert.match(html, /Content-Type/);
  assert.deepEqual(posted, []);
});
