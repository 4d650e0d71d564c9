// AGS-020: a line item without a label or with a scoreMaximum not above 0 is refused with 400,
// the field named.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MEDIA_TYPE } from 'ltikit';
import { assertRejectedWith } from '../support/assertions.js';
import { LINE_ITEMS_URL, createAgsHarness } from '../support/ags_harness.js';

it('refuses scoreMaximum 0 and a missing label with 400 ERR_LTI_AGS_LINE_ITEM_INVALID', async () => {
  const harness = await createAgsHarness();
  for (const [body, field] of [
    [{ label: 'Quiz', scoreMaximum: 0 }, 'scoreMaximum'],
    [{ scoreMaximum: 10 }, 'label'],
  ] as const) {
    const response = await harness.send('POST', LINE_ITEMS_URL, { body, contentType: MEDIA_TYPE.lineItem });
    assert.equal(response.status, 400);
    assert.equal(((await response.clone().json()) as { detail: { field: string } }).detail.field, field);
    await assertRejectedWith(response, 'ERR_LTI_AGS_LINE_ITEM_INVALID');
  }
});
