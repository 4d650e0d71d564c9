// L11-002 (lti11.md §1.1): a correctly signed launch without `resource_link_id`, or with an empty
// one, is refused with ERR_LTI11_RESOURCE_LINK_ID_MISSING.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { baselineLaunchFields, createLti11ToolHarness } from '../../support/lti11_harness.js';

for (const [name, value] of [
  ['left out', undefined],
  ['empty', ''],
] as const) {
  it(`refuses a launch whose resource_link_id is ${name} with ERR_LTI11_RESOURCE_LINK_ID_MISSING`, async () => {
    const harness = await createLti11ToolHarness();
    const body = await harness.signedLaunch({ fields: { ...baselineLaunchFields(), resource_link_id: value } });
    await assertRejectedWith(await harness.post(body), 'ERR_LTI11_RESOURCE_LINK_ID_MISSING');
    assert.equal(harness.launches.length, 0);
  });
}
