// Extra negative case (certification.md §2, last paragraph): `iat` in the future beyond the allowed
// clock skew of 60 s (VAL-010) — here one hour ahead, with `exp` five minutes after that.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertLaunched, assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness, NOW, TOKEN_LIFETIME } from '../../support/tool_harness.js';

it('iat one hour ahead is refused with ERR_LTI_TOKEN_ISSUED_IN_FUTURE', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    payload.iat = NOW + 3600;
    payload.exp = NOW + 3600 + TOKEN_LIFETIME;
  });
  await assertRejectedWith(response, 'ERR_LTI_TOKEN_ISSUED_IN_FUTURE');
});

it('iat within the 60 s clock skew is still accepted (the boundary of the same check)', async () => {
  const harness = await createToolHarness();
  const { response } = await harness.launch('student', (payload) => {
    payload.iat = NOW + 60;
  });
  await assertLaunched(response);
  assert.equal(harness.launches.length, 1);
});
