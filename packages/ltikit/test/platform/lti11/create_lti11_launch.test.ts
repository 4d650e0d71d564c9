// LTI 1.1 basic launches from the platform (lti11.md §1): the required parameters and a signature a
// verifier accepts (L11-001, OA-001..OA-003), 1.1 roles from 1.3 input, personal data only as the
// tool's claims allow (MSG-004), custom parameter names (L11-003), outcomes only when asked
// (L11-005), consumer info, and the auto-submitting form.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyOAuth1Request } from '../../../src/lib/oauth1_request.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import { lti11CustomParameterName, lti11Roles } from '../../../src/platform/lti11/create_lti11_launch.js';
import { lti11LaunchResponse } from '../../../src/platform/lti11/lti11_launch_response.js';
import { parseResultSourcedId } from '../../../src/platform/lti11/result_sourcedid.js';
import { CONTEXT_ROLE, CONTEXT_SUB_ROLE, INSTITUTION_ROLE } from '../../../src/vocab/roles.js';
import { CONTEXT_TYPE } from '../../../src/vocab/context_types.js';
import { rejectsLtiError } from '../../support/assert_lti_error.js';
import { COURSE, ISSUER, OUTCOMES_URL, TOOL_A, TOOL_B, createLti11Platform } from '../../support/lti11_platform.js';

const learner = { id: 'learner-1', name: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace', email: 'ada@example.edu', picture: 'https://lms.example.edu/ada.png', sourcedId: 'sis-1', locale: 'en-GB' };

function fieldsOf(fields: Array<[string, string]>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of fields) {
    assert.ok(!map.has(name), `${name} appears once`);
    map.set(name, value);
  }
  return map;
}

describe('createLti11Launch (L11-001)', () => {
  it('sends the required parameters and a signature the tool verifies with the secret', async () => {
    const world = await createLti11Platform();
    const launch = await world.platform.createLti11Launch({ consumerKey: TOOL_A.consumerKey, user: { id: 'learner-1' }, roles: [CONTEXT_ROLE.Learner], resourceLink: { id: 'rl-a1' } });
    assert.equal(launch.url, TOOL_A.launchUrl);
    assert.equal(launch.clientId, TOOL_A.clientId);
    const fields = fieldsOf(launch.fields);
    assert.equal(fields.get('lti_message_type'), 'basic-lti-launch-request');
    assert.equal(fields.get('lti_version'), 'LTI-1p0');
    assert.equal(fields.get('resource_link_id'), 'rl-a1');
    assert.equal(fields.get('user_id'), 'learner-1');
    assert.equal(fields.get('oauth_callback'), 'about:blank');
    assert.equal(fields.get('oauth_version'), '1.0');
    assert.equal(fields.get('oauth_signature_method'), 'HMAC-SHA1');
    assert.equal(fields.get('oauth_consumer_key'), TOOL_A.consumerKey);
    assert.equal(fields.get('oauth_timestamp'), String(world.clock.now()));
    assert.equal(launch.fields.at(-1)?.[0], 'oauth_signature');
    const toolStores = createMemoryStores(world.clock);
    const verified = await verifyOAuth1Request({
      method: 'POST',
      url: launch.url,
      parameters: launch.fields,
      secretFor: async (key) => (key === TOOL_A.consumerKey ? TOOL_A.secret : undefined),
      singleUse: toolStores.singleUse,
      clock: world.clock,
    });
    assert.equal(verified.consumerKey, TOOL_A.consumerKey);
    // Every launch has its own nonce.
    const again = await world.platform.createLti11Launch({ consumerKey: TOOL_A.consumerKey, user: { id: 'learner-1' }, roles: [], resourceLink: { id: 'rl-a1' } });
    assert.notEqual(fieldsOf(again.fields).get('oauth_nonce'), fields.get('oauth_nonce'));
  });

  it('signs for a launch URL with a query string, and the link may name its own URL', async () => {
    const world = await createLti11Platform();
    const url = 'https://a.example.com/lti/launch?activity=7&x=a%20b';
    const launch = await world.platform.createLti11Launch({ consumerKey: TOOL_A.consumerKey, user: { id: 'u' }, roles: [], resourceLink: { id: 'rl-a1' }, launchUrl: url });
    assert.equal(launch.url, url);
    await verifyOAuth1Request({ method: 'POST', url, parameters: launch.fields, secretFor: async () => TOOL_A.secret, singleUse: createMemoryStores().singleUse, clock: world.clock });
    await rejectsLtiError(
      world.platform.createLti11Launch({ consumerKey: TOOL_A.consumerKey, user: { id: 'u' }, roles: [], resourceLink: { id: 'rl-a1' }, launchUrl: 'http://a.example.com/lti' }),
      'ERR_LTI11_LAUNCH_INPUT_INVALID',
    );
  });

  it('refuses an unknown consumer key and missing required input, naming the field', async () => {
    const world = await createLti11Platform();
    await rejectsLtiError(world.platform.createLti11Launch({ consumerKey: 'ck-nobody', user: { id: 'u' }, roles: [], resourceLink: { id: 'rl' } }), 'ERR_LTI11_TOOL_UNKNOWN');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ consumerKey: '' }, 'consumerKey'],
      [{ user: { id: '' } }, 'user.id'],
      [{ resourceLink: {} }, 'resourceLink.id'],
      [{ roles: 'Learner' }, 'roles'],
      [{ context: { title: 'x' } }, 'context.id'],
      [{ presentation: { width: -1 } }, 'presentation.width'],
      [{ custom: { a: 1 } }, 'custom.a'],
    ];
    for (const [change, field] of cases) {
      const request = { consumerKey: TOOL_A.consumerKey, user: { id: 'u' }, roles: [], resourceLink: { id: 'rl-a1' }, ...change };
      const error = await rejectsLtiError(world.platform.createLti11Launch(request as never), 'ERR_LTI11_LAUNCH_INPUT_INVALID');
      assert.equal(error.detail?.field, field);
    }
  });

  it('reports the launch to the observer with the tool\u2019s client id', async () => {
    const world = await createLti11Platform();
    await world.platform.createLti11Launch({ consumerKey: TOOL_A.consumerKey, user: { id: 'u' }, roles: [], resourceLink: { id: 'rl-a1' } });
    await world.platform.createLti11Launch({ consumerKey: 'ck-nobody', user: { id: 'u' }, roles: [], resourceLink: { id: 'rl-a1' } }).catch(() => undefined);
    assert.deepEqual(
      world.events.filter((event) => event.kind === 'launch').map((event) => [event.direction, event.outcome, event.messageType, event.clientId, event.errorCode]),
      [
        ['sent', 'accepted', 'basic-lti-launch-request', TOOL_A.clientId, undefined],
        ['sent', 'rejected', 'basic-lti-launch-request', undefined, 'ERR_LTI11_TOOL_UNKNOWN'],
      ],
    );
  });
});

describe('createLti11Launch: what the launch says', () => {
  it('sends roles as 1.1 URNs from 1.3 URIs or 1.1 values, principals added, the unmappable left out', async () => {
    assert.deepEqual(lti11Roles([CONTEXT_ROLE.Learner]), ['urn:lti:role:ims/lis/Learner']);
    assert.deepEqual(lti11Roles(['Instructor', 'urn:lti:role:ims/lis/Learner']), ['urn:lti:role:ims/lis/Instructor', 'urn:lti:role:ims/lis/Learner']);
    assert.deepEqual(lti11Roles([CONTEXT_SUB_ROLE.Instructor.TeachingAssistant]), ['urn:lti:role:ims/lis/TeachingAssistant', 'urn:lti:role:ims/lis/Instructor']);
    assert.deepEqual(lti11Roles([INSTITUTION_ROLE.Student, 'urn:lti:sysrole:ims/lis/SysAdmin']), ['urn:lti:instrole:ims/lis/Student', 'urn:lti:sysrole:ims/lis/SysAdmin']);
    assert.deepEqual(lti11Roles(['http://purl.imsglobal.org/vocab/lti/system/person#TestUser', 'Wizard']), []);
    const world = await createLti11Platform();
    const launch = await world.platform.createLti11Launch({ consumerKey: TOOL_A.consumerKey, user: { id: 'u' }, roles: [CONTEXT_ROLE.Instructor, CONTEXT_ROLE.Mentor], resourceLink: { id: 'rl-a1' } });
    assert.equal(fieldsOf(launch.fields).get('roles'), 'urn:lti:role:ims/lis/Instructor,urn:lti:role:ims/lis/Mentor');
  });

  it('sends personal data only as the tool\u2019s claims allow (MSG-004)', async () => {
    const world = await createLti11Platform();
    const request = { user: learner, roles: [CONTEXT_ROLE.Learner], resourceLink: { id: 'rl-a1' }, custom: { mail: '$Person.email.primary', who: '$Person.name.full', uid: '$User.id' } };
    // Tool A may receive name, given and family names and email; tool B nothing.
    const a = fieldsOf((await world.platform.createLti11Launch({ consumerKey: TOOL_A.consumerKey, ...request })).fields);
    assert.equal(a.get('lis_person_name_full'), 'Ada Lovelace');
    assert.equal(a.get('lis_person_name_given'), 'Ada');
    assert.equal(a.get('lis_person_name_family'), 'Lovelace');
    assert.equal(a.get('lis_person_contact_email_primary'), 'ada@example.edu');
    assert.equal(a.get('lis_person_sourcedid'), 'sis-1');
    assert.equal(a.has('user_image'), false, 'picture is not among tool A\u2019s claims');
    assert.equal(a.get('custom_mail'), 'ada@example.edu');
    const b = fieldsOf((await world.platform.createLti11Launch({ consumerKey: TOOL_B.consumerKey, ...request, resourceLink: { id: 'rl-b1' } })).fields);
    for (const name of ['lis_person_name_full', 'lis_person_name_given', 'lis_person_name_family', 'lis_person_contact_email_primary', 'lis_person_sourcedid', 'user_image']) {
      assert.equal(b.has(name), false, name);
    }
    assert.equal(b.get('user_id'), 'learner-1');
    assert.equal(b.get('custom_mail'), '$Person.email.primary', 'CUST-006: not substituted');
    assert.equal(b.get('custom_who'), '$Person.name.full');
    assert.equal(b.get('custom_uid'), 'learner-1');
  });

  it('names custom parameters per L11-003, the most specific value winning, with variables substituted', async () => {
    assert.equal(lti11CustomParameterName('Chapter-No'), 'custom_chapter_no');
    assert.equal(lti11CustomParameterName('a.b c/Ü'), 'custom_a_b_c__');
    const world = await createLti11Platform();
    await world.platform.lti11.registerTool({
      name: 'Custom',
      launchUrl: 'https://c.example.com/lti',
      consumerKey: 'ck-c',
      customParameters: { 'Chapter-No': '1', level: 'tool', course: '$Context.title', unknown: '$Foo.bar' },
    });
    const launch = await world.platform.createLti11Launch({
      consumerKey: 'ck-c',
      user: { id: 'u' },
      roles: [],
      context: { id: COURSE, title: 'Calculus I' },
      resourceLink: { id: 'rl-c', custom: { chapter_no: '2', level: 'link' } },
      custom: { Level: 'message' },
    });
    const fields = fieldsOf(launch.fields);
    assert.equal(fields.get('custom_chapter_no'), '2');
    assert.equal(fields.get('custom_level'), 'message');
    assert.equal(fields.get('custom_course'), 'Calculus I');
    assert.equal(fields.get('custom_unknown'), '$Foo.bar', 'CUST-003: unknown variables stay literal');
  });

  it('writes every line break as CR LF, as a browser posts the form, and signs that form', async () => {
    const world = await createLti11Platform();
    await world.platform.lti11.registerTool({ name: 'Lines', launchUrl: 'https://l.example.com/lti', consumerKey: 'ck-l', secret: 'secret-l', customParameters: { about: '$ResourceLink.description', note: 'p\nq' } });
    const launch = await world.platform.createLti11Launch({
      consumerKey: 'ck-l',
      user: { id: 'u' },
      roles: [],
      context: { id: COURSE, title: 'x\r\ny' },
      resourceLink: { id: 'rl-l', title: 'a\rb', description: 'Line one\nLine two\n\rthree' },
    });
    const fields = fieldsOf(launch.fields);
    assert.equal(fields.get('resource_link_description'), 'Line one\r\nLine two\r\n\r\nthree');
    assert.equal(fields.get('resource_link_title'), 'a\r\nb');
    assert.equal(fields.get('context_title'), 'x\r\ny');
    assert.equal(fields.get('custom_about'), 'Line one\r\nLine two\r\n\r\nthree');
    assert.equal(fields.get('custom_note'), 'p\r\nq');
    for (const [name, value] of launch.fields) assert.doesNotMatch(`${name}${value}`, /\r(?!\n)|(?<!\r)\n/, name);
    // What the browser sends (HTML form submission normalises line breaks to CR LF) verifies.
    const browserForm = new URLSearchParams(launch.fields.map(([name, value]) => [name.replace(/\r\n|\r|\n/g, '\r\n'), value.replace(/\r\n|\r|\n/g, '\r\n')])).toString();
    await verifyOAuth1Request({
      method: 'POST',
      url: launch.url,
      parameters: [...new URLSearchParams(browserForm)],
      secretFor: async () => 'secret-l',
      singleUse: createMemoryStores(world.clock).singleUse,
      clock: world.clock,
    });
  });

  it('sends the context, the presentation and the consumer information', async () => {
    const world = await createLti11Platform();
    const launch = await world.platform.createLti11Launch({
      consumerKey: TOOL_A.consumerKey,
      user: learner,
      roles: [],
      context: { id: COURSE, label: 'MATH101', title: 'Calculus I', type: [CONTEXT_TYPE.CourseSection, 'Group'], sourcedId: 'sis-course-1' },
      resourceLink: { id: 'rl-a1', title: 'Week 3 quiz', description: 'Ten questions' },
      presentation: { documentTarget: 'window', width: 800, height: 600, cssUrl: 'https://lms.example.edu/lti.css' },
      roleScopeMentor: ['u-1', 'u,2'],
    });
    const fields = fieldsOf(launch.fields);
    assert.equal(fields.get('context_id'), COURSE);
    assert.equal(fields.get('context_label'), 'MATH101');
    assert.equal(fields.get('context_title'), 'Calculus I');
    assert.equal(fields.get('context_type'), 'urn:lti:context-type:ims/lis/CourseSection,urn:lti:context-type:ims/lis/Group');
    assert.equal(fields.get('lis_course_offering_sourcedid'), 'sis-course-1');
    assert.equal(fields.get('resource_link_title'), 'Week 3 quiz');
    assert.equal(fields.get('resource_link_description'), 'Ten questions');
    assert.equal(fields.get('role_scope_mentor'), 'u-1,u%2C2');
    assert.equal(fields.get('launch_presentation_document_target'), 'window');
    assert.equal(fields.get('launch_presentation_width'), '800');
    assert.equal(fields.get('launch_presentation_height'), '600');
    assert.equal(fields.get('launch_presentation_locale'), 'en-GB');
    assert.equal(fields.get('launch_presentation_css_url'), 'https://lms.example.edu/lti.css');
    assert.equal(fields.get('launch_presentation_return_url'), `${ISSUER}/lti/return?launch=${launch.launchId}`);
    assert.equal(fields.get('tool_consumer_info_product_family_code'), 'examplelms');
    assert.equal(fields.get('tool_consumer_info_version'), '5.2');
    assert.equal(fields.get('tool_consumer_instance_guid'), 'lms.example.edu');
    assert.equal(fields.get('tool_consumer_instance_name'), 'Example LMS');
    // Defaults: CourseOffering, iframe, the application's return URL when given.
    const plain = fieldsOf((await world.platform.createLti11Launch({ consumerKey: TOOL_A.consumerKey, user: { id: 'u' }, roles: [], context: { id: COURSE }, resourceLink: { id: 'rl-a1' }, presentation: { returnUrl: 'https://lms.example.edu/back' } })).fields);
    assert.equal(plain.get('context_type'), 'urn:lti:context-type:ims/lis/CourseOffering');
    assert.equal(plain.get('launch_presentation_document_target'), 'iframe');
    assert.equal(plain.get('launch_presentation_return_url'), 'https://lms.example.edu/back');
  });
});

describe('createLti11Launch: outcomes (L11-005)', () => {
  it('sends the outcomes URL and a sourcedid unique per link and user only when asked', async () => {
    const world = await createLti11Platform();
    const base = { consumerKey: TOOL_A.consumerKey, roles: [CONTEXT_ROLE.Learner], context: { id: COURSE } };
    const without = fieldsOf((await world.platform.createLti11Launch({ ...base, user: { id: 'learner-1' }, resourceLink: { id: 'rl-a1' } })).fields);
    assert.equal(without.has('lis_outcome_service_url'), false);
    assert.equal(without.has('lis_result_sourcedid'), false);
    const launch = await world.platform.createLti11Launch({ ...base, user: { id: 'learner-1' }, resourceLink: { id: 'rl-a1' }, outcome: true });
    const fields = fieldsOf(launch.fields);
    assert.equal(fields.get('lis_outcome_service_url'), OUTCOMES_URL);
    assert.equal(fields.get('lis_result_sourcedid'), launch.resultSourcedId);
    assert.deepEqual(parseResultSourcedId(launch.resultSourcedId!), { contextId: COURSE, resourceLinkId: 'rl-a1', userId: 'learner-1' });
    const others = await Promise.all([
      world.platform.createLti11Launch({ ...base, user: { id: 'learner-2' }, resourceLink: { id: 'rl-a1' }, outcome: true }),
      world.platform.createLti11Launch({ ...base, user: { id: 'learner-1' }, resourceLink: { id: 'rl-a2' }, outcome: true }),
      world.platform.createLti11Launch({ ...base, user: { id: 'learner-1' }, resourceLink: { id: 'rl-a1' }, outcome: true }),
    ]);
    assert.deepEqual(
      others.map((other) => other.resultSourcedId === launch.resultSourcedId),
      [false, false, true],
    );
  });

  it('refuses outcomes without a context, or on a platform that cannot serve them', async () => {
    const world = await createLti11Platform();
    const error = await rejectsLtiError(world.platform.createLti11Launch({ consumerKey: TOOL_A.consumerKey, user: { id: 'u' }, roles: [], resourceLink: { id: 'rl-a1' }, outcome: true }), 'ERR_LTI11_LAUNCH_INPUT_INVALID');
    assert.equal(error.detail?.field, 'context');
    const request = { consumerKey: TOOL_A.consumerKey, user: { id: 'u' }, roles: [], context: { id: COURSE }, resourceLink: { id: 'rl-a1' }, outcome: true };
    await rejectsLtiError((await createLti11Platform({ ags: false })).platform.createLti11Launch(request), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    await rejectsLtiError((await createLti11Platform({ lti11: false })).platform.createLti11Launch(request), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    await world.stores.lti11.saveCredential({ consumerKey: 'ck-old', secret: 's', launchUrl: 'https://old.example.com/lti', createdAt: 0 });
    const old = await rejectsLtiError(world.platform.createLti11Launch({ ...request, consumerKey: 'ck-old' }), 'ERR_LTI11_TOOL_REGISTRATION_INVALID');
    assert.equal(old.detail?.field, 'lti13.clientId');
  });
});

describe('lti11LaunchResponse', () => {
  it('renders an auto-submitting form of the fields in order, escaped, repeated names kept', async () => {
    const response = lti11LaunchResponse({
      url: 'https://tool.example.com/lti?a=1&b=2',
      fields: [
        ['custom_x', '"<&>"'],
        ['ext_repeat', '1'],
        ['ext_repeat', '2'],
        ['oauth_signature', 'sig='],
      ],
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(response.headers.get('content-security-policy') ?? '', /form-action https:\/\/tool\.example\.com/);
    const html = await response.text();
    assert.match(html, /<form id="ltikit-form" method="post" action="https:\/\/tool\.example\.com\/lti\?a=1&amp;b=2">/);
    const inputs = [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((match) => [match[1], match[2]]);
    assert.deepEqual(inputs, [
      ['custom_x', '&quot;&lt;&amp;&gt;&quot;'],
      ['ext_repeat', '1'],
      ['ext_repeat', '2'],
      ['oauth_signature', 'sig='],
    ]);
  });
});
