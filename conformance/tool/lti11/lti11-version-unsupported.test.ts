// L11-002 (lti11.md §1.1): `lti_version` must be `LTI-1p0`, which 1.0, 1.1 and 1.1.1 launches all
// carry; a correctly signed launch with `LTI-2p0` or `LTI-1p3` is refused with
// ERR_LTI11_VERSION_UNSUPPORTED.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { baselineLaunchFields, createLti11ToolHarness } from '../../support/lti11_harness.js';

for (const version of ['LTI-2p0', 'LTI-1p3']) {
  it(`refuses lti_version ${version} with ERR_LTI11_VERSION_UNSUPPORTED`, async () => {
    const harness = await createLti11ToolHarness();
    const body = await harness.signedLaunch({ fields: { ...baselineLaunchFields(), lti_version: version } });
    await assertRejectedWith(await harness.post(body), 'ERR_LTI11_VERSION_UNSUPPORTED');
    assert.equal(harness.launches.length, 0);
  });
}
