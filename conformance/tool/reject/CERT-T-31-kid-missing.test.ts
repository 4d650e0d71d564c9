// CERT-T-31 · "Correct KID Required in Header" (certification.md §2): header `{"alg":"RS256"}` plus a
// junk member and no `kid`; otherwise a valid, correctly signed launch. SEC-004: every LTI JWT names
// its key, so `checkKidPresent` refuses it before any key is looked up.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness } from '../../support/tool_harness.js';

it('CERT-T-31 Correct KID Required in Header: refused with ERR_LTI_JWT_KID_MISSING', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', undefined, {
    header: { kid: undefined, typ: undefined, junk: 'badltilaunch' },
  });
  await assertRejectedWith(response, 'ERR_LTI_JWT_KID_MISSING');
  assert.deepEqual(harness.fetched, [], 'no key set is fetched for a token without kid');
});
