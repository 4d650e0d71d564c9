// NRPS-002, NRPS-003: a memberships request whose Accept does not allow the membership container
// (here `application/json`) is refused with 406 and ERR_LTI_NRPS_ACCEPT_UNSUPPORTED.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createNrpsHarness, MEMBERSHIPS_URL } from '../support/nrps_harness.js';

it('a memberships request with Accept: application/json is answered 406 ERR_LTI_NRPS_ACCEPT_UNSUPPORTED', async () => {
  const harness = await createNrpsHarness();
  const response = await harness.get(MEMBERSHIPS_URL, { accept: 'application/json' });
  assert.equal(response.status, 406);
  await assertRejectedWith(response, 'ERR_LTI_NRPS_ACCEPT_UNSUPPORTED');
});
