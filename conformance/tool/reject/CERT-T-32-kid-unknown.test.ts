// CERT-T-32 · "Incorrect KID passed in JWT Header" (certification.md §2): `kid` = `imstester_66067`,
// which is not in the platform JWKS. The tool fetches the key set once (SEC-006, SEC-007) and refuses.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness, PLATFORM_JWKS_URI } from '../../support/tool_harness.js';

it('CERT-T-32 Incorrect KID passed in JWT Header: refused with ERR_LTI_JWT_KID_UNKNOWN', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', undefined, { header: { kid: 'imstester_66067' } });
  await assertRejectedWith(response, 'ERR_LTI_JWT_KID_UNKNOWN');
  assert.deepEqual(harness.fetched, [PLATFORM_JWKS_URI]);
});
