// Platform authorization endpoint (DR-033): a tool registered by Dynamic Registration is not
// launched before an administrator approves it. The refusal is answered directly, never posted to
// the tool; once approved, the same launch is issued. (Login initiation refuses a pending tool
// first, see login-initiation-client-pending.test.ts; here the launch was issued while it was active.)
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { TOOL_ORIGIN, clientRegistration, createRegistrationHarness } from '../support/registration_harness.js';

it('a pending tool is refused with ERR_LTI_AUTH_CLIENT_PENDING (unauthorized_client), and launched once approved', async () => {
  const harness = createRegistrationHarness();
  const { client_id: clientId } = (await (await harness.register(clientRegistration(TOOL_ORIGIN), await harness.token())).json()) as { client_id: string };
  const tool = (await harness.platformStores.tools.getTool(clientId))!;
  const issue = async (): Promise<string> =>
    (await harness.platform.createLaunch({ clientId, deploymentId: tool.deploymentIds[0]!, user: { id: 'u-1' }, roles: [], resourceLink: { id: 'rl-1' } })).loginUrl;
  const authorize = async (loginUrl: string): Promise<Response> => {
    const login = new URL(loginUrl).searchParams;
    const query = new URLSearchParams({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: clientId,
      redirect_uri: `${TOOL_ORIGIN}/lti/launch`,
      login_hint: login.get('login_hint')!,
      lti_message_hint: login.get('lti_message_hint')!,
      nonce: 'nonce-1',
      state: 'state-1',
    });
    return harness.platform.fetch(new Request(`${harness.platform.config.authorizationEndpoint}?${query}`, { headers: { accept: 'application/json' } }));
  };
  await harness.platformStores.tools.saveTool({ ...tool, status: 'active' });
  const issuedWhileActive = await issue();
  await harness.platformStores.tools.saveTool(tool);
  const refused = await authorize(issuedWhileActive);
  assert.equal(((await refused.clone().json()) as { error: string }).error, 'unauthorized_client');
  await assertRejectedWith(refused, 'ERR_LTI_AUTH_CLIENT_PENDING');
  await harness.platform.approveRegistration(clientId);
  assert.match(await (await authorize(await issue())).text(), /name="id_token"/);
});
