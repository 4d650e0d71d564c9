// NRPS-011: an `rlid` that names no resource link of the context is answered 400 with
// ERR_LTI_NRPS_RESOURCE_LINK_UNKNOWN (the application's provider knows its links and says so).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createNrpsHarness, MEMBERSHIPS_URL } from '../support/nrps_harness.js';

it('memberships with the rlid of another context are answered 400 ERR_LTI_NRPS_RESOURCE_LINK_UNKNOWN', async () => {
  const harness = await createNrpsHarness();
  const response = await harness.get(`${MEMBERSHIPS_URL}?rlid=rl-of-another-course`);
  assert.equal(response.status, 400);
  await assertRejectedWith(response, 'ERR_LTI_NRPS_RESOURCE_LINK_UNKNOWN');
});
