// CERT-P-14 (certification.md §5, core-security.md §4.2): optional claims, when present, have the
// right shapes — context with type URIs, tool_platform.guid, launch_presentation, custom (string
// values, variables substituted), lis, role_scope_mentor (only with a Mentor role).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decodeJwt } from 'jose';
import { CONTEXT_ROLE, CONTEXT_TYPE, LTI_CLAIM } from 'ltikit/vocab';
import {
  createPlatformHarness,
  INSTRUCTOR_ID,
  launchRequest,
  MENTEE_ID,
  parseForm,
  PLATFORM_ISSUER,
} from '../support/platform_harness.js';

it('CERT-P-14 a mentor launch with every optional claim has them well-formed', async () => {
  const harness = await createPlatformHarness();
  const initiation = await harness.createLaunch(
    launchRequest('instructor', {
      roles: [CONTEXT_ROLE.Mentor],
      roleScopeMentor: [MENTEE_ID],
      presentation: { documentTarget: 'iframe', height: 360, width: 480, locale: 'en-US' },
      lis: { person_sourcedid: 'sis:39890', course_section_sourcedid: 'sis:bio102-s1' },
      resourceLink: { id: '3622bed7314b4f9c8f0e533e158ff797', title: 'Introduction Assignment', custom: { chapter: '3' } },
    }),
  );
  const response = await harness.authorize(harness.authenticationRequest(initiation));
  const idToken = parseForm(await response.text())?.fields.id_token;
  assert.ok(idToken);
  const payload = decodeJwt(idToken) as Record<string, unknown>;

  const context = payload[LTI_CLAIM.context] as { id: string; type: string[]; label: string; title: string };
  assert.equal(context.id, '8893483');
  assert.deepEqual(context.type, [CONTEXT_TYPE.CourseSection]);
  for (const type of context.type) assert.ok(Object.values(CONTEXT_TYPE).includes(type as never), `${type} is a context type URI`);

  const toolPlatform = payload[LTI_CLAIM.toolPlatform] as { guid: string; name?: string; product_family_code?: string; version?: string };
  assert.equal(toolPlatform.guid, 'lms.example.edu');
  assert.ok(toolPlatform.guid.length <= 255);
  assert.equal(toolPlatform.product_family_code, 'examplelms');

  const presentation = payload[LTI_CLAIM.launchPresentation] as { document_target: string; height: number; width: number; return_url: string; locale: string };
  assert.ok(['frame', 'iframe', 'window'].includes(presentation.document_target));
  assert.equal(presentation.height, 360);
  assert.equal(presentation.width, 480);
  assert.equal(presentation.locale, 'en-US');
  assert.ok(presentation.return_url.startsWith(`${PLATFORM_ISSUER}/lti/return?`), 'the return URL is the platform’s own');

  const custom = payload[LTI_CLAIM.custom] as Record<string, unknown>;
  assert.deepEqual(custom, { user_id: INSTRUCTOR_ID, context_id: '8893483', literal: 'cert', chapter: '3' });
  for (const value of Object.values(custom)) assert.equal(typeof value, 'string');

  assert.deepEqual(payload[LTI_CLAIM.lis], { person_sourcedid: 'sis:39890', course_section_sourcedid: 'sis:bio102-s1' });
  assert.deepEqual(payload[LTI_CLAIM.roles], [CONTEXT_ROLE.Mentor]);
  assert.deepEqual(payload[LTI_CLAIM.roleScopeMentor], [MENTEE_ID]);
});

it('CERT-P-14 a launch outside any context omits the context claim instead of sending null', async () => {
  const harness = await createPlatformHarness();
  const initiation = await harness.createLaunch(launchRequest('learner', { context: undefined }));
  const response = await harness.authorize(harness.authenticationRequest(initiation));
  const payload = decodeJwt(parseForm(await response.text())?.fields.id_token ?? '') as Record<string, unknown>;
  assert.equal(LTI_CLAIM.context in payload, false);
  assert.equal(LTI_CLAIM.roleScopeMentor in payload, false);
});
