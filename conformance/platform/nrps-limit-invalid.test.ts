// NRPS-010: `limit` must be a positive whole number; `limit=0` is answered 400 with
// ERR_LTI_NRPS_LIMIT_INVALID.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createNrpsHarness, MEMBERSHIPS_URL } from '../support/nrps_harness.js';

it('memberships with limit=0 are answered 400 ERR_LTI_NRPS_LIMIT_INVALID', async () => {
  const harness = await createNrpsHarness();
  const response = await harness.get(`${MEMBERSHIPS_URL}?limit=0`);
  assert.equal(response.status, 400);
  await assertRejectedWith(response, 'ERR_LTI_NRPS_LIMIT_INVALID');
});
