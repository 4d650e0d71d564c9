// Extra negative case (certification.md §2, last paragraph): signature over a tampered payload
// (VAL-005). A valid learner token is taken and its payload swapped for one granting the
// Administrator and Instructor roles, keeping header and signature.
import { it } from 'node:test';
import { CONTEXT_ROLE, LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../../support/assertions.js';
import { base64url, baselinePayload, createToolHarness } from '../../support/tool_harness.js';

it('a token whose payload was changed after signing is refused with ERR_LTI_JWT_SIGNATURE_INVALID', async () => {
  const harness = await createToolHarness();
  const login = await harness.login();
  const payload = baselinePayload('student', login.nonce);
  const [header, , signature] = (await harness.sign(payload)).split('.');
  payload[LTI_CLAIM.roles] = [CONTEXT_ROLE.Administrator, CONTEXT_ROLE.Instructor];
  const tampered = `${header}.${base64url(JSON.stringify(payload))}.${signature}`;
  const response = await harness.postLaunch({ idToken: tampered, state: login.state, cookie: login.cookie });
  await assertRejectedWith(response, 'ERR_LTI_JWT_SIGNATURE_INVALID');
});
