// CERT-T-30 · "JWT Passed is Not LTI 1.3 JWT" (certification.md §2): header `{}` (no alg, no kid),
// payload `{"name":"badltilaunch"}`.
//
// Which code: the token has three base64url parts and a JSON header, so it passes the
// well-formedness check (VAL-001, `checkJwtWellFormed`); the next check, `checkAlgorithmApproved`
// (VAL-003, SEC-002), finds no `alg` and refuses it with ERR_LTI_JWT_ALG_NOT_ALLOWED (detail
// `alg: null`). Nothing of the payload is read. The browser (Accept: text/html) gets an error page
// naming the same code.
import { it } from 'node:test';
import { assertRejectedPageWith, assertRejectedWith } from '../../support/assertions.js';
import { assembleJwt, base64url, createToolHarness } from '../../support/tool_harness.js';

const notLtiJwt = assembleJwt({}, { name: 'badltilaunch' }, base64url('not a signature'));

it('CERT-T-30 JWT Passed is Not LTI 1.3 JWT: refused with ERR_LTI_JWT_ALG_NOT_ALLOWED', async () => {
  const harness = await createToolHarness();
  const login = await harness.login();
  const response = await harness.postLaunch({ idToken: notLtiJwt, state: login.state, cookie: login.cookie });
  await assertRejectedWith(response, 'ERR_LTI_JWT_ALG_NOT_ALLOWED');
});

it('CERT-T-30 JWT Passed is Not LTI 1.3 JWT: the browser gets an error page with ERR_LTI_JWT_ALG_NOT_ALLOWED', async () => {
  const harness = await createToolHarness();
  const login = await harness.login();
  const response = await harness.postLaunch({ idToken: notLtiJwt, state: login.state, cookie: login.cookie, accept: 'text/html' });
  await assertRejectedPageWith(response, 'ERR_LTI_JWT_ALG_NOT_ALLOWED');
});
