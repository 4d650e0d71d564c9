// CERT-T-50 · "Deep Linking – Send Deep Linking Request Payload" (certification.md §3): the validator
// launches an LtiDeepLinkingRequest as an instructor to the tool's Deep Linking endpoint, with no
// `target_link_uri` and no `resource_link`. The tool accepts it (DL-010) and exposes the settings.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE } from 'ltikit/vocab';
import { assertLaunched } from '../../support/assertions.js';
import { certificationSettings, createDeepLinkingToolHarness, launchDeepLinking } from '../../support/deep_linking_harness.js';
import { INSTRUCTOR_SUB, TARGET_LINK_URI } from '../../support/tool_harness.js';

it('CERT-T-50 Deep Linking request payload: accepted, settings exposed as launch.deepLinking', async () => {
  const harness = await createDeepLinkingToolHarness();
  const { response } = await launchDeepLinking(harness);
  await assertLaunched(response);

  const launch = harness.lastLaunch();
  assert.equal(launch.messageType, 'LtiDeepLinkingRequest');
  assert.equal(launch.userId, INSTRUCTOR_SUB);
  assert.deepEqual(launch.contextRoles, [CONTEXT_ROLE.Instructor]);
  assert.equal(launch.resourceLink, undefined, 'a Deep Linking request has no resource link');
  assert.equal(launch.targetLinkUri, TARGET_LINK_URI, 'the login’s target_link_uri stands in for the missing claim');
  assert.deepEqual(launch.deepLinking, certificationSettings());
  assert.deepEqual(launch.launchPresentation, { document_target: 'window', height: 360, width: 480 });
});
