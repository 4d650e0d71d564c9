// Tool registration (DR-010..DR-040): opened with the platform's initiation URL, the tool fetches
// the configuration, registers, stores the platform (issuer, client id, endpoints, deployment)
// and answers the page that posts `{ subject: "org.imsglobal.lti.close" }` to its opener or parent.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { PLATFORM_ISSUER, createRegistrationHarness } from '../../support/registration_harness.js';

it('registers, stores the platform and posts the close message', async () => {
  const harness = createRegistrationHarness();
  const response = await harness.tool().fetch(new Request(await harness.initiationUrl()));
  assert.equal(response.status, 200);
  assert.match(await response.text(), /\(window\.opener \|\| window\.parent\)\.postMessage\(\{ subject: "org\.imsglobal\.lti\.close" \}, '\*'\)/);
  const [stored] = await harness.toolStores.platforms.findPlatforms(PLATFORM_ISSUER);
  const [registered] = await harness.platformStores.tools.listTools();
  assert.equal(stored?.clientId, registered?.clientId);
  assert.deepEqual(stored?.deploymentIds, registered?.deploymentIds);
  assert.equal(stored?.authorizationEndpoint, harness.platform.config.authorizationEndpoint);
  assert.equal(stored?.tokenEndpoint, harness.platform.config.tokenEndpoint);
  assert.equal(stored?.jwksUri, harness.platform.config.jwksUri);
});
