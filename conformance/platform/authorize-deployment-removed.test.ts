// Platform authorization endpoint: the deployment was removed from the tool between `createLaunch`
// and the authentication request. The pending launch must not be completed for a deployment that no
// longer exists (CORE-024).
import { it } from 'node:test';
import { assertErrorPostedBack, createPlatformHarness, launchRequest, toolRegistration } from '../support/platform_harness.js';

it('a launch whose deployment was removed is posted back as unauthorized_client with ERR_LTI_AUTH_DEPLOYMENT_INACTIVE', async () => {
  const harness = await createPlatformHarness();
  const initiation = await harness.createLaunch(launchRequest('learner'));
  await harness.stores.tools.saveTool(toolRegistration({ deploymentIds: [] }));
  const response = await harness.authorize(harness.authenticationRequest(initiation));
  await assertErrorPostedBack(response, { code: 'ERR_LTI_AUTH_DEPLOYMENT_INACTIVE', error: 'unauthorized_client' });
});
