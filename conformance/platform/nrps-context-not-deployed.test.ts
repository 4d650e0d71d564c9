// TOK-016: a valid NRPS token never reads a context the tool is not deployed in; the platform
// answers 404 (the context is not revealed) with ERR_LTI_SERVICE_CONTEXT_UNKNOWN.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createNrpsHarness, FOREIGN_CONTEXT_ID } from '../support/nrps_harness.js';
import { PLATFORM_ISSUER } from '../support/platform_harness.js';

it('memberships of a context the tool is not deployed in are answered 404 ERR_LTI_SERVICE_CONTEXT_UNKNOWN', async () => {
  const harness = await createNrpsHarness();
  const response = await harness.get(`${PLATFORM_ISSUER}/lti/contexts/${FOREIGN_CONTEXT_ID}/memberships`);
  assert.equal(response.status, 404);
  await assertRejectedWith(response, 'ERR_LTI_SERVICE_CONTEXT_UNKNOWN');
});
