// Tool registration (DR-032): the platform's answer to the client registration is a JSON object.
// A refusal whose body is JSON `null` is still a refusal (a 4xx page, never a 500), and a success
// status with `null`, an array or a string is not a registration: nothing is stored either way.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { LtiErrorCode } from 'ltikit/errors';
import { assertRegistrationPageRefused, createRegistrationHarness } from '../../support/registration_harness.js';

it('a registration answer that is JSON but not an object is refused with its code, never a 500', async () => {
  const harness = createRegistrationHarness();
  const cases: Array<[number, string, LtiErrorCode]> = [
    [400, 'null', 'ERR_LTI_DR_REGISTRATION_REFUSED'],
    [200, 'null', 'ERR_LTI_DR_REGISTRATION_RESPONSE_INVALID'],
    [200, '[]', 'ERR_LTI_DR_REGISTRATION_RESPONSE_INVALID'],
    [200, '"c-1"', 'ERR_LTI_DR_REGISTRATION_RESPONSE_INVALID'],
  ];
  for (const [status, body, code] of cases) {
    const tool = harness.tool((request) =>
      request.method === 'POST' ? new Response(body, { status, headers: { 'content-type': 'application/json' } }) : harness.platform.fetch(request),
    );
    const response = await tool.fetch(new Request(await harness.initiationUrl()));
    assert.equal(response.status, 400, `${status} ${body}`);
    await assertRegistrationPageRefused(response, code, harness);
  }
});
