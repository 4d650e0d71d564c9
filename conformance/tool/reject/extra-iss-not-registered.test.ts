// Extra negative case (certification.md §2, last paragraph): `iss` not registered (VAL-004, VAL-006).
// The registration comes from the login (its state), so the token is verified with that platform's
// key; a token signed with that key but naming another issuer is refused on the issuer check. Exact
// comparison: a trailing slash is another issuer.
import { it } from 'node:test';
import { assertRejectedWith } from '../../support/assertions.js';
import { createToolHarness, ISSUER } from '../../support/tool_harness.js';

for (const iss of ['https://unregistered-platform.example.com', `${ISSUER}/`]) {
  it(`iss ${iss} is refused with ERR_LTI_ISSUER_MISMATCH`, async () => {
    const harness = await createToolHarness();
    const { response } = await harness.launch('student', (payload) => {
      payload.iss = iss;
    });
    await assertRejectedWith(response, 'ERR_LTI_ISSUER_MISMATCH');
  });
}
