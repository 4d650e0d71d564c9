// LTI 1.0/1.1 launches on the tool side (lti11.md §1, §2): every check by its code, the signed URL
// behind a proxy (OA-004), what the launch exposes, roles (L11-010), awkward parameter values, and
// the way back to the platform after a failure (L11-004, L11-020).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LtiError } from '../../../src/errors.js';
import { fixedClock } from '../../../src/lib/clock.js';
import type { LtiMessageEvent } from '../../../src/lib/observe.js';
import type { OAuthParameter } from '../../../src/lib/oauth1_signature.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import { type Lti11Launch, type Lti11ToolOptions, createTool } from '../../../src/tool/index.js';
import { CONTEXT_TYPE } from '../../../src/vocab/context_types.js';
import { CONTEXT_ROLE, CONTEXT_SUB_ROLE, INSTITUTION_ROLE, SYSTEM_ROLE, isInstructor, isLearner } from '../../../src/vocab/roles.js';
import { rejectsLtiError, throwsLtiError } from '../../support/assert_lti_error.js';
import { LTI11_CONSUMER_KEY, LTI11_SECRET, basicLaunchFields, formRequest, signLaunchForm, signedLaunchRequest } from '../../support/lti11_launch.js';

const T0 = 1_767_225_600;
const BASE = 'https://tool.example.com/lti';
const LAUNCH_URL = `${BASE}/lti11/launch`;
/** Where a reverse proxy forwards the platform's POST: not the URL the platform signed. */
const INTERNAL_URL = 'http://10.0.0.5:3000/lti/lti11/launch';

async function setup(lti11: Partial<Lti11ToolOptions> | false = {}) {
  const clock = fixedClock(T0);
  const stores = createMemoryStores(clock);
  await stores.lti11.saveCredential({ consumerKey: LTI11_CONSUMER_KEY, secret: LTI11_SECRET, name: 'Test LMS', createdAt: T0 });
  const launches: Lti11Launch[] = [];
  const errors: LtiError[] = [];
  const events: LtiMessageEvent[] = [];
  const tool = createTool({
    baseUrl: BASE,
    stores,
    clock,
    onLaunch: () => new Response('1.3'),
    onError: (error) => errors.push(error),
    observer: (event) => events.push(event),
    ...(lti11 === false
      ? {}
      : {
          lti11: {
            onLaunch: (launch) => {
              launches.push(launch);
              return Response.json({ userId: launch.userId });
            },
            ...lti11,
          },
        }),
  });
  const launch = (fields: readonly OAuthParameter[], options: Partial<Parameters<typeof signedLaunchRequest>[1]> = {}) =>
    signedLaunchRequest(fields, { signedUrl: LAUNCH_URL, timestamp: T0, ...options });
  const validate = async (fields: readonly OAuthParameter[], options: Partial<Parameters<typeof signedLaunchRequest>[1]> = {}) =>
    tool.lti11.validateLaunch(await launch(fields, options));
  return { tool, stores, clock, launches, errors, events, launch, validate };
}

async function jsonCode(response: Response): Promise<string> {
  return ((await response.json()) as { code: string }).code;
}

describe('LTI 1.1 launch: a complete launch', () => {
  it('exposes every group of parameters, read from the signed set only (L11-004)', async () => {
    const { validate } = await setup();
    const launch = await validate([
      ['lti_message_type', 'basic-lti-launch-request'],
      ['lti_version', 'LTI-1p0'],
      ['resource_link_id', 'rl-42'],
      ['resource_link_title', 'Week 3 quiz'],
      ['resource_link_description', 'Ten questions'],
      ['user_id', 'u-7'],
      ['roles', 'Learner,urn:lti:instrole:ims/lis/Student'],
      ['role_scope_mentor', 'u-1, u-2'],
      ['user_image', 'https://lms.example.edu/u-7.png'],
      ['lis_person_name_full', 'Ada Lovelace'],
      ['lis_person_name_given', 'Ada'],
      ['lis_person_name_family', 'Lovelace'],
      ['lis_person_contact_email_primary', 'ada@example.edu'],
      ['lis_person_sourcedid', 'sis:ada'],
      ['context_id', 'ctx-1'],
      ['context_type', 'CourseSection'],
      ['context_title', 'Calculus I'],
      ['context_label', 'MATH101'],
      ['lis_course_offering_sourcedid', 'sis:math101'],
      ['lis_course_section_sourcedid', 'sis:math101-a'],
      ['launch_presentation_locale', 'en-GB'],
      ['launch_presentation_document_target', 'iframe'],
      ['launch_presentation_width', '800'],
      ['launch_presentation_height', '600.5'],
      ['launch_presentation_css_url', 'https://lms.example.edu/lti.css'],
      ['launch_presentation_return_url', 'https://lms.example.edu/return?course=9'],
      ['tool_consumer_info_product_family_code', 'moodle'],
      ['tool_consumer_info_version', '4.3'],
      ['tool_consumer_instance_guid', 'lms.example.edu'],
      ['tool_consumer_instance_name', 'Example LMS'],
      ['tool_consumer_instance_description', 'The example university'],
      ['tool_consumer_instance_url', 'https://lms.example.edu'],
      ['tool_consumer_instance_contact_email', 'lms@example.edu'],
      ['lis_outcome_service_url', 'https://lms.example.edu/outcomes'],
      ['lis_result_sourcedid', 'rs-77'],
      ['custom_chapter', '3 & 4'],
      ['custom_', 'no name'],
      ['ext_lms', 'moodle-2'],
    ]);
    assert.equal(launch.messageType, 'basic-lti-launch-request');
    assert.equal(launch.version, 'LTI-1p0');
    assert.equal(launch.consumerKey, LTI11_CONSUMER_KEY);
    assert.equal(launch.userId, 'u-7');
    assert.equal(launch.contextId, 'ctx-1');
    assert.equal(launch.resourceLinkId, 'rl-42');
    assert.deepEqual(launch.roles, ['Learner', 'urn:lti:instrole:ims/lis/Student']);
    assert.deepEqual(launch.lti13Roles, [CONTEXT_ROLE.Learner, INSTITUTION_ROLE.Student]);
    assert.deepEqual(launch.roleScopeMentor, ['u-1', 'u-2']);
    assert.deepEqual(launch.user, {
      name: 'Ada Lovelace',
      givenName: 'Ada',
      familyName: 'Lovelace',
      email: 'ada@example.edu',
      image: 'https://lms.example.edu/u-7.png',
      sourcedId: 'sis:ada',
    });
    assert.deepEqual(launch.context, {
      id: 'ctx-1',
      type: [CONTEXT_TYPE.CourseSection],
      label: 'MATH101',
      title: 'Calculus I',
      courseOfferingSourcedId: 'sis:math101',
      courseSectionSourcedId: 'sis:math101-a',
    });
    assert.deepEqual(launch.resourceLink, { id: 'rl-42', title: 'Week 3 quiz', description: 'Ten questions' });
    assert.deepEqual(launch.custom, { chapter: '3 & 4' });
    assert.deepEqual(launch.ext, { lms: 'moodle-2' });
    assert.deepEqual(launch.presentation, {
      locale: 'en-GB',
      documentTarget: 'iframe',
      returnUrl: 'https://lms.example.edu/return?course=9',
      width: 800,
      height: 600.5,
      cssUrl: 'https://lms.example.edu/lti.css',
    });
    assert.deepEqual(launch.toolConsumer, {
      productFamilyCode: 'moodle',
      version: '4.3',
      instanceGuid: 'lms.example.edu',
      instanceName: 'Example LMS',
      instanceDescription: 'The example university',
      instanceUrl: 'https://lms.example.edu',
      instanceContactEmail: 'lms@example.edu',
    });
    assert.deepEqual(launch.outcome, { serviceUrl: 'https://lms.example.edu/outcomes', sourcedId: 'rs-77' });
    assert.equal(launch.oauth.signatureMethod, 'HMAC-SHA1');
    assert.equal(launch.oauth.timestamp, T0);
    // The signed parameters, oauth_* included, the signature left out.
    assert.equal(launch.parameters.find(([name]) => name === 'oauth_consumer_key')?.[1], LTI11_CONSUMER_KEY);
    assert.equal(launch.parameters.find(([name]) => name === 'oauth_callback')?.[1], 'about:blank');
    assert.equal(
      launch.parameters.some(([name]) => name === 'oauth_signature'),
      false,
    );
  });

  it('leaves out what was not sent, or sent empty, and keeps the outcome only with both parameters (L11-005)', async () => {
    const { validate } = await setup();
    const minimal = await validate([
      ['lti_message_type', 'basic-lti-launch-request'],
      ['lti_version', 'LTI-1p0'],
      ['resource_link_id', 'rl-1'],
      ['user_id', ''],
      ['lis_outcome_service_url', 'https://lms.example.edu/outcomes'],
      ['launch_presentation_width', 'wide'],
      ['launch_presentation_return_url', 'javascript:alert(1)'],
    ]);
    assert.equal(minimal.userId, undefined);
    assert.equal(minimal.contextId, undefined);
    assert.equal(minimal.context, undefined);
    assert.deepEqual(minimal.roles, []);
    assert.deepEqual(minimal.lti13Roles, []);
    assert.equal(minimal.roleScopeMentor, undefined);
    assert.deepEqual(minimal.user, {});
    assert.deepEqual(minimal.resourceLink, { id: 'rl-1' });
    // A width that is no number, and a return URL that is no http(s) URL, are not offered.
    assert.deepEqual(minimal.presentation, {});
    assert.deepEqual(minimal.toolConsumer, {});
    assert.equal(minimal.outcome, undefined);
    assert.equal('outcome' in minimal, false);
  });

  it('serves the launch through tool.fetch at {baseUrl}/lti11/launch and reports it to the observer', async () => {
    const { tool, launch, launches, events } = await setup();
    const response = await tool.fetch(await launch(basicLaunchFields()));
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { userId: 'u-7' });
    assert.equal(launches.length, 1);
    assert.equal(tool.config.lti11.launchUrl, LAUNCH_URL);
    assert.deepEqual(
      events.map(({ kind, outcome, messageType, direction, side }) => ({ kind, outcome, messageType, direction, side })),
      [{ kind: 'launch', outcome: 'accepted', messageType: 'basic-lti-launch-request', direction: 'received', side: 'tool' }],
    );
  });

  it('serves it at a configured path', async () => {
    const { tool, launch } = await setup({ path: '/legacy/launch' });
    assert.equal(tool.config.lti11.launchUrl, `${BASE}/legacy/launch`);
    const response = await tool.fetch(await launch(basicLaunchFields(), { signedUrl: `${BASE}/legacy/launch` }));
    assert.equal(response.status, 200);
    assert.equal(await jsonCode(await tool.fetch(new Request(LAUNCH_URL, { method: 'POST', headers: { accept: 'application/json' } }))), 'ERR_LTI_NOT_FOUND');
  });
});

describe('LTI 1.1 launch: the signed URL (OA-004)', () => {
  it('verifies the signature over the public launch URL, whatever URL the request arrived at', async () => {
    const { tool, launch } = await setup();
    // tool.fetch routes by path, so the forwarded request still reaches the launch endpoint.
    const response = await tool.fetch(await launch(basicLaunchFields(), { requestUrl: INTERNAL_URL }));
    assert.equal(response.status, 200);
    // A proxy's internal URL is not a URL the platform signs for.
    const internal = await launch(basicLaunchFields(), { signedUrl: INTERNAL_URL });
    await rejectsLtiError(tool.lti11.validateLaunch(internal), 'ERR_LTI11_SIGNATURE_INVALID');
  });

  it('accepts the public URL’s signature on a request forwarded to an internal URL (validateLaunch)', async () => {
    const { tool, launch } = await setup();
    const request = await launch(basicLaunchFields(), { requestUrl: INTERNAL_URL });
    assert.equal((await tool.lti11.validateLaunch(request)).resourceLinkId, 'rl-42');
  });

  it('signs the launch URL’s query with the form, and refuses a changed query', async () => {
    const { tool, launch } = await setup();
    const launchWithQuery = await tool.lti11.validateLaunch(await launch(basicLaunchFields(), { signedUrl: `${LAUNCH_URL}?course=9&tag=a%20b&tag=c` }));
    assert.deepEqual(
      launchWithQuery.parameters.filter(([name]) => name === 'course' || name === 'tag'),
      [
        ['course', '9'],
        ['tag', 'a b'],
        ['tag', 'c'],
      ],
    );
    const signed = await signLaunchForm(basicLaunchFields(), { signedUrl: `${LAUNCH_URL}?course=9`, timestamp: T0 });
    await rejectsLtiError(tool.lti11.validateLaunch(formRequest(`${LAUNCH_URL}?course=10`, signed)), 'ERR_LTI11_SIGNATURE_INVALID');
    await rejectsLtiError(tool.lti11.validateLaunch(formRequest(LAUNCH_URL, signed)), 'ERR_LTI11_SIGNATURE_INVALID');
  });

  it('takes another public URL from apps that serve the launch elsewhere', async () => {
    const { tool, launch } = await setup(false);
    const elsewhere = 'https://tool.example.com/courses/lti11';
    const request = await launch(basicLaunchFields(), { signedUrl: elsewhere, requestUrl: 'http://127.0.0.1:8080/courses/lti11' });
    assert.equal((await tool.lti11.validateLaunch(request, { launchUrl: `${elsewhere}?ignored=1` })).userId, 'u-7');
  });
});

describe('LTI 1.1 launch: each check has its code', () => {
  it('refuses other methods than POST (ERR_LTI_METHOD_NOT_ALLOWED)', async () => {
    const { tool } = await setup();
    const response = await tool.fetch(new Request(`${LAUNCH_URL}?lti_message_type=basic-lti-launch-request`, { headers: { accept: 'application/json' } }));
    assert.equal(response.status, 405);
    assert.equal(await jsonCode(response), 'ERR_LTI_METHOD_NOT_ALLOWED');
  });

  it('refuses a body that is not a form (ERR_LTI11_LAUNCH_CONTENT_TYPE_UNSUPPORTED, 415)', async () => {
    const { tool } = await setup();
    for (const contentType of ['application/json', 'multipart/form-data; boundary=x', 'text/plain']) {
      const response = await tool.fetch(new Request(LAUNCH_URL, { method: 'POST', headers: { 'content-type': contentType, accept: 'application/json' }, body: '{}' }));
      assert.equal(response.status, 415);
      assert.equal(await jsonCode(response), 'ERR_LTI11_LAUNCH_CONTENT_TYPE_UNSUPPORTED');
    }
    await rejectsLtiError(tool.lti11.validateLaunch(new Request(LAUNCH_URL, { method: 'POST', body: null })), 'ERR_LTI11_LAUNCH_CONTENT_TYPE_UNSUPPORTED');
  });

  it('refuses a form over the size cap with 413 (ERR_LTI_REQUEST_TOO_LARGE)', async () => {
    const { tool, launch } = await setup({ maxBodyBytes: 2048 });
    const big = await launch(basicLaunchFields({ custom_essay: 'x'.repeat(4096) }));
    const response = await tool.fetch(new Request(big, { headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' } }));
    assert.equal(response.status, 413);
    assert.equal(await jsonCode(response), 'ERR_LTI_REQUEST_TOO_LARGE');
    // Without a declared length, reading stops at the cap too.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < 10; index++) controller.enqueue(new Uint8Array(1024).fill(97));
        controller.close();
      },
    });
    const streamed = new Request(LAUNCH_URL, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: stream, duplex: 'half' } as RequestInit);
    await rejectsLtiError(tool.lti11.validateLaunch(streamed), 'ERR_LTI_REQUEST_TOO_LARGE');
  });

  it('refuses a body that is not UTF-8 (ERR_LTI_REQUEST_MALFORMED)', async () => {
    const { tool } = await setup();
    const request = new Request(LAUNCH_URL, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new Uint8Array([0x61, 0x3d, 0xff, 0xfe]) });
    await rejectsLtiError(tool.lti11.validateLaunch(request), 'ERR_LTI_REQUEST_MALFORMED');
  });

  it('answers malformed forms with a code, never a 500', async () => {
    const { tool } = await setup();
    const cases: Array<[url: string, body: string, code: string]> = [
      [LAUNCH_URL, '%', 'ERR_LTI_REQUEST_MALFORMED'],
      [LAUNCH_URL, 'a=%ZZ', 'ERR_LTI_REQUEST_MALFORMED'],
      [LAUNCH_URL, 'oauth_signature=%E0%A4%A', 'ERR_LTI_REQUEST_MALFORMED'],
      [LAUNCH_URL, 'user_id=%FF', 'ERR_LTI_REQUEST_MALFORMED'],
      [`${LAUNCH_URL}?x=%zz`, '', 'ERR_LTI_REQUEST_MALFORMED'],
      [LAUNCH_URL, '=&=&&', 'ERR_LTI11_OAUTH_PARAMETER_MISSING'],
      [LAUNCH_URL, '&&&', 'ERR_LTI11_OAUTH_PARAMETER_MISSING'],
      [LAUNCH_URL, 'oauth_consumer_key', 'ERR_LTI11_OAUTH_PARAMETER_MISSING'],
    ];
    for (const [url, body, code] of cases) {
      const response = await tool.fetch(
        new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body }),
      );
      assert.ok(response.status >= 400 && response.status < 500, `${body}: ${response.status}`);
      assert.equal(await jsonCode(response), code, body);
    }
  });

  it('runs the OAuth checks: missing parameter, method, unknown key, timestamp, signature, nonce (OA-001..OA-006)', async () => {
    const { tool, validate } = await setup();
    const fields = basicLaunchFields();
    const signed = await signLaunchForm(fields, { signedUrl: LAUNCH_URL, timestamp: T0 });
    await rejectsLtiError(tool.lti11.validateLaunch(formRequest(LAUNCH_URL, signed.filter(([name]) => name !== 'oauth_signature'))), 'ERR_LTI11_OAUTH_PARAMETER_MISSING');
    await rejectsLtiError(tool.lti11.validateLaunch(formRequest(LAUNCH_URL, [...signed, ['oauth_nonce', 'again']])), 'ERR_LTI11_OAUTH_PARAMETER_REPEATED');
    await rejectsLtiError(validate(fields, { signatureMethod: 'HMAC-SHA256' }), 'ERR_LTI11_SIGNATURE_METHOD_UNSUPPORTED');
    await rejectsLtiError(validate(fields, { consumerKey: 'ck-nobody' }), 'ERR_LTI11_CONSUMER_KEY_UNKNOWN');
    await rejectsLtiError(validate(fields, { timestamp: T0 - 301 }), 'ERR_LTI11_TIMESTAMP_OUT_OF_WINDOW');
    await rejectsLtiError(validate(fields, { secret: 'guessed' }), 'ERR_LTI11_SIGNATURE_INVALID');
    const tampered = signed.map(([name, value]): OAuthParameter => [name, name === 'roles' ? 'Administrator' : value]);
    await rejectsLtiError(tool.lti11.validateLaunch(formRequest(LAUNCH_URL, tampered)), 'ERR_LTI11_SIGNATURE_INVALID');
    assert.equal((await tool.lti11.validateLaunch(formRequest(LAUNCH_URL, signed))).userId, 'u-7');
    const replay = await tool.fetch(formRequest(LAUNCH_URL, signed, { accept: 'application/json' }));
    assert.equal(replay.status, 401);
    assert.equal(await jsonCode(replay), 'ERR_LTI11_NONCE_REPLAYED');
  });

  it('applies the configured timestamp window and signature methods (OA-001, OA-005)', async () => {
    const { validate } = await setup({ timestampWindowSeconds: 5400, signatureMethods: ['HMAC-SHA256'] });
    assert.equal((await validate(basicLaunchFields(), { timestamp: T0 - 5400, signatureMethod: 'HMAC-SHA256' })).oauth.signatureMethod, 'HMAC-SHA256');
    await rejectsLtiError(validate(basicLaunchFields(), { timestamp: T0 - 5401, signatureMethod: 'HMAC-SHA256' }), 'ERR_LTI11_TIMESTAMP_OUT_OF_WINDOW');
    await rejectsLtiError(validate(basicLaunchFields()), 'ERR_LTI11_SIGNATURE_METHOD_UNSUPPORTED');
  });

  it('refuses a missing or unsupported message type; a Content-Item request is not served here (L11-002)', async () => {
    const { validate } = await setup();
    await rejectsLtiError(validate(basicLaunchFields().filter(([name]) => name !== 'lti_message_type')), 'ERR_LTI11_MESSAGE_TYPE_MISSING');
    await rejectsLtiError(validate(basicLaunchFields({ lti_message_type: '' })), 'ERR_LTI11_MESSAGE_TYPE_MISSING');
    const contentItem = await rejectsLtiError(validate(basicLaunchFields({ lti_message_type: 'ContentItemSelectionRequest' })), 'ERR_LTI11_MESSAGE_TYPE_UNSUPPORTED');
    assert.equal(contentItem.detail?.lti_message_type, 'ContentItemSelectionRequest');
    await rejectsLtiError(validate(basicLaunchFields({ lti_message_type: 'Basic-LTI-Launch-Request' })), 'ERR_LTI11_MESSAGE_TYPE_UNSUPPORTED');
  });

  it('refuses a missing or unsupported lti_version (L11-002)', async () => {
    const { validate } = await setup();
    await rejectsLtiError(validate(basicLaunchFields().filter(([name]) => name !== 'lti_version')), 'ERR_LTI11_VERSION_MISSING');
    for (const version of ['LTI-2p0', 'LTI-1p1', '1.0']) {
      await rejectsLtiError(validate(basicLaunchFields({ lti_version: version })), 'ERR_LTI11_VERSION_UNSUPPORTED');
    }
  });

  it('refuses a launch without resource_link_id (L11-002)', async () => {
    const { validate } = await setup();
    await rejectsLtiError(validate(basicLaunchFields().filter(([name]) => name !== 'resource_link_id')), 'ERR_LTI11_RESOURCE_LINK_ID_MISSING');
    await rejectsLtiError(validate(basicLaunchFields({ resource_link_id: '' })), 'ERR_LTI11_RESOURCE_LINK_ID_MISSING');
  });

  it('refuses repeated LTI parameters, signed or not, and keeps repeated names of its own (L11-004)', async () => {
    const { validate, tool } = await setup();
    for (const name of ['roles', 'user_id', 'custom_chapter', 'ext_lms', 'lis_result_sourcedid', 'launch_presentation_return_url', 'resource_link_id']) {
      const error = await rejectsLtiError(validate([...basicLaunchFields(), [name, 'one'], [name, 'two']]), 'ERR_LTI11_PARAMETER_REPEATED');
      assert.equal(error.detail?.parameter, name);
    }
    // Once in the query and once in the form is twice too.
    const twice = await signLaunchForm(basicLaunchFields(), { signedUrl: `${LAUNCH_URL}?user_id=u-8`, timestamp: T0 });
    await rejectsLtiError(tool.lti11.validateLaunch(formRequest(`${LAUNCH_URL}?user_id=u-8`, twice)), 'ERR_LTI11_PARAMETER_REPEATED');
    const own = await validate([...basicLaunchFields(), ['tag', 'a'], ['tag', 'b']]);
    assert.deepEqual(
      own.parameters.filter(([name]) => name === 'tag').map(([, value]) => value),
      ['a', 'b'],
    );
  });

  it('needs stores.lti11 (ERR_LTI11_NOT_CONFIGURED; the lti11 option without it is refused at start-up)', async () => {
    const clock = fixedClock(T0);
    const { lti11: _lti11, ...stores } = createMemoryStores(clock);
    throwsLtiError(
      () => createTool({ baseUrl: BASE, stores, clock, onLaunch: () => new Response(), lti11: { onLaunch: () => new Response() } }),
      'ERR_LTI_PLATFORM_CONFIG_INVALID',
    );
    const tool = createTool({ baseUrl: BASE, stores, clock, onLaunch: () => new Response() });
    await rejectsLtiError(tool.lti11.validateLaunch(new Request(LAUNCH_URL, { method: 'POST' })), 'ERR_LTI11_NOT_CONFIGURED');
    // Without the lti11 option the endpoint is not served.
    const response = await tool.fetch(new Request(LAUNCH_URL, { method: 'POST', headers: { accept: 'application/json' } }));
    assert.equal(response.status, 404);
  });

  it('refuses a path that shadows another endpoint, a bad window or an unknown method at start-up', () => {
    const stores = createMemoryStores();
    const make = (lti11: Partial<Lti11ToolOptions>) => () =>
      createTool({ baseUrl: BASE, stores, onLaunch: () => new Response(), lti11: { onLaunch: () => new Response(), ...lti11 } });
    for (const path of ['/launch', '/login', '/jwks', 'lti11', '/a b']) throwsLtiError(make({ path }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    throwsLtiError(make({ timestampWindowSeconds: 0 }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    throwsLtiError(make({ timestampWindowSeconds: 1.5 }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    throwsLtiError(make({ signatureMethods: [] }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    throwsLtiError(make({ signatureMethods: ['PLAINTEXT' as 'HMAC-SHA1'] }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
  });
});

describe('LTI 1.1 launch: failures answer with a page, JSON or the way back (L11-004, L11-020)', () => {
  const RETURN_URL = 'https://lms.example.edu/mod/lti/return.php?course=9&id=a%2Fb&name=x+y#top';

  it('redirects a launch that failed after its signature verified to the return URL, its query kept', async () => {
    const { tool, launch, errors, events } = await setup();
    const response = await tool.fetch(await launch(basicLaunchFields({ lti_version: 'LTI-2p0', launch_presentation_return_url: RETURN_URL })));
    assert.equal(response.status, 302);
    const location = response.headers.get('location')!;
    assert.ok(location.startsWith('https://lms.example.edu/mod/lti/return.php?course=9&id=a%2Fb&name=x+y&lti_errormsg='), location);
    assert.ok(location.endsWith('#top'));
    const query = new URL(location).searchParams;
    assert.equal(query.get('lti_errorlog'), 'ERR_LTI11_VERSION_UNSUPPORTED');
    assert.match(query.get('lti_errormsg')!, /LTI-1p0/);
    assert.equal(query.get('id'), 'a/b');
    assert.deepEqual(
      errors.map((error) => error.code),
      ['ERR_LTI11_VERSION_UNSUPPORTED'],
    );
    assert.deepEqual(
      events.map((event) => [event.outcome, event.errorCode]),
      [['rejected', 'ERR_LTI11_VERSION_UNSUPPORTED']],
    );
  });

  it('answers JSON to API clients instead of redirecting', async () => {
    const { tool, launch } = await setup();
    const response = await tool.fetch(
      await launch(basicLaunchFields({ resource_link_id: '', launch_presentation_return_url: RETURN_URL }), { headers: { accept: 'application/json' } }),
    );
    assert.equal(response.status, 400);
    assert.equal(await jsonCode(response), 'ERR_LTI11_RESOURCE_LINK_ID_MISSING');
  });

  it('never redirects to a return URL whose signature failed, or that is not http(s), or that was repeated', async () => {
    const { tool, launch } = await setup();
    const forged = await tool.fetch(await launch(basicLaunchFields({ launch_presentation_return_url: 'https://attacker.example/' }), { secret: 'guessed' }));
    assert.equal(forged.status, 401);
    assert.equal(forged.headers.get('location'), null);
    const page = await forged.text();
    assert.match(page, /ERR_LTI11_SIGNATURE_INVALID/);
    assert.doesNotMatch(page, /attacker/);

    const script = await tool.fetch(await launch(basicLaunchFields({ lti_version: 'x', launch_presentation_return_url: 'javascript:alert(1)' })));
    assert.equal(script.status, 400);
    assert.equal(script.headers.get('location'), null);

    const repeated = await tool.fetch(
      await launch([...basicLaunchFields(), ['launch_presentation_return_url', RETURN_URL], ['launch_presentation_return_url', 'https://other.example/']]),
    );
    assert.equal(repeated.status, 400);
    assert.equal(repeated.headers.get('location'), null);
    assert.match(await repeated.text(), /ERR_LTI11_PARAMETER_REPEATED/);
  });

  it('shows an HTML page naming the code to browsers when there is no return URL', async () => {
    const { tool, launch } = await setup();
    const response = await tool.fetch(await launch(basicLaunchFields({ lti_message_type: 'ContentItemSelectionRequest' })));
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type')!, /text\/html/);
    assert.match(await response.text(), /ERR_LTI11_MESSAGE_TYPE_UNSUPPORTED/);
  });
});

describe('LTI 1.1 launch: roles (L11-010)', () => {
  it('accepts short names and URNs, sub-roles, institution and system roles, and maps them to LTI 1.3', async () => {
    const { validate } = await setup();
    const launch = await validate(
      basicLaunchFields({
        roles: [
          'Instructor',
          ' urn:lti:role:ims/lis/Learner ',
          'urn:lti:role:ims/lis/Learner/NonCreditLearner',
          'TeachingAssistant',
          'URN:LTI:ROLE:IMS/LIS/Mentor',
          'urn:lti:instrole:ims/lis/Faculty',
          'urn:lti:sysrole:ims/lis/SysAdmin',
          'http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper',
          'urn:lti:role:ims/lis/Learner',
          'Chancellor',
          '',
        ].join(','),
      }),
    );
    assert.deepEqual(launch.roles, [
      'Instructor',
      'urn:lti:role:ims/lis/Learner',
      'urn:lti:role:ims/lis/Learner/NonCreditLearner',
      'TeachingAssistant',
      'URN:LTI:ROLE:IMS/LIS/Mentor',
      'urn:lti:instrole:ims/lis/Faculty',
      'urn:lti:sysrole:ims/lis/SysAdmin',
      'http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper',
      'urn:lti:role:ims/lis/Learner',
      'Chancellor',
    ]);
    assert.deepEqual(launch.lti13Roles, [
      CONTEXT_ROLE.Instructor,
      CONTEXT_ROLE.Learner,
      CONTEXT_SUB_ROLE.Learner.NonCreditLearner,
      CONTEXT_SUB_ROLE.Instructor.TeachingAssistant,
      CONTEXT_ROLE.Mentor,
      INSTITUTION_ROLE.Faculty,
      SYSTEM_ROLE.SysAdmin,
      CONTEXT_ROLE.ContentDeveloper,
    ]);
    assert.equal(isInstructor(launch.lti13Roles), true);
    assert.equal(isLearner(launch.lti13Roles), true);
  });

  it('knows a teaching assistant and a non-credit learner by their principal roles', async () => {
    const { validate } = await setup();
    const assistant = await validate(basicLaunchFields({ roles: 'urn:lti:role:ims/lis/TeachingAssistant' }));
    assert.equal(isInstructor(assistant.lti13Roles), true);
    const learner = await validate(basicLaunchFields({ roles: 'urn:lti:role:ims/lis/Learner/NonCreditLearner' }));
    assert.equal(isLearner(learner.lti13Roles), true);
    assert.equal(isInstructor(learner.lti13Roles), false);
  });
});

describe('LTI 1.1 launch: awkward values survive encoding and signing (OA-002)', () => {
  it('keeps spaces, +, non-ASCII, &, =, % and empty values exactly', async () => {
    const { validate } = await setup();
    const values: Record<string, string> = {
      custom_space: 'a b  c ',
      custom_plus: '1+1=2',
      custom_accent: 'é à ü ß',
      custom_cjk: '中文',
      custom_emoji: '😀 👩‍🏫',
      custom_ampersand: 'Q&A & more',
      custom_equals: 'a=b==c',
      custom_percent: '100% %20 %zz',
      custom_reserved: "!*'();:@$,/?#[]~",
      custom_empty: '',
    };
    const launch = await validate(basicLaunchFields({ ...values, context_title: 'Mathématiques: 1+1 & more' }));
    const expected = Object.fromEntries(Object.entries(values).map(([name, value]) => [name.slice('custom_'.length), value]));
    assert.deepEqual(launch.custom, expected);
    assert.equal(launch.context?.title, 'Mathématiques: 1+1 & more');
  });

  it('keeps awkward parameter names and a query with the same characters', async () => {
    const { tool } = await setup();
    const signedUrl = `${LAUNCH_URL}?q=${encodeURIComponent('a b+c&d=é')}&empty=`;
    const signed = await signLaunchForm([...basicLaunchFields(), ['custom_Chapter-No', 'x'], ['ü name', 'y']], { signedUrl, timestamp: T0 });
    const launch = await tool.lti11.validateLaunch(formRequest(signedUrl, signed));
    assert.equal(launch.custom['Chapter-No'], 'x');
    assert.equal(launch.parameters.find(([name]) => name === 'ü name')?.[1], 'y');
    assert.equal(launch.parameters.find(([name]) => name === 'q')?.[1], 'a b+c&d=é');
    assert.equal(launch.parameters.find(([name]) => name === 'empty')?.[1], '');
  });

  it('keeps custom_ and ext_ parameters named like Object.prototype members as own values, touching no prototype', async () => {
    const { validate } = await setup();
    const launch = await validate(
      basicLaunchFields({ custom___proto__: 'p', custom_constructor: 'c', custom_hasOwnProperty: 'h', custom_chapter: '3', ext___proto__: '{"polluted":true}', ext_toString: 't' }),
    );
    assert.deepEqual(Object.keys(launch.custom), ['__proto__', 'constructor', 'hasOwnProperty', 'chapter']);
    assert.ok(Object.hasOwn(launch.custom, '__proto__'));
    assert.equal(Object.getOwnPropertyDescriptor(launch.custom, '__proto__')?.value, 'p');
    assert.equal(launch.custom.constructor, 'c');
    assert.equal(launch.custom.chapter, '3');
    assert.equal(Object.getPrototypeOf(launch.custom), Object.prototype, 'still a plain object');
    assert.equal(Object.getOwnPropertyDescriptor(launch.ext, '__proto__')?.value, '{"polluted":true}');
    assert.equal(launch.ext.toString, 't');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    // As JSON.parse builds it, so it serialises, spreads and compares like any plain record.
    assert.deepEqual(launch.custom, JSON.parse('{"__proto__":"p","constructor":"c","hasOwnProperty":"h","chapter":"3"}'));
    assert.equal(JSON.stringify({ ...launch.custom }), '{"__proto__":"p","constructor":"c","hasOwnProperty":"h","chapter":"3"}');
  });

  it('URL-decodes each role_scope_mentor entry, so an id may hold a comma, and refuses a bad encoding after the signature', async () => {
    const { validate, tool, launch } = await setup();
    const mentor = await validate(basicLaunchFields({ roles: 'Mentor', role_scope_mentor: 'u%2C1, u%202 ,user+3,%E2%9C%93,,' }));
    assert.deepEqual(mentor.roleScopeMentor, ['u,1', 'u 2', 'user 3', '\u2713']);
    await rejectsLtiError(validate(basicLaunchFields({ roles: 'Mentor', role_scope_mentor: 'u-1,%zz' })), 'ERR_LTI_REQUEST_MALFORMED');
    const response = await tool.fetch(await launch(basicLaunchFields({ role_scope_mentor: '%E2%9C' }), { headers: { accept: 'application/json' } }));
    assert.equal(response.status, 400);
    assert.equal(await jsonCode(response), 'ERR_LTI_REQUEST_MALFORMED');
  });

  it('reads a `+` in the form as a space, as browsers encode spaces (and %2B as +)', async () => {
    const { tool } = await setup();
    const signed = await signLaunchForm(basicLaunchFields({ custom_text: 'a b+c' }), { signedUrl: LAUNCH_URL, timestamp: T0 });
    const body = new URLSearchParams(signed.map(([name, value]) => [name, value])).toString();
    assert.match(body, /custom_text=a\+b%2Bc/);
    const request = new Request(LAUNCH_URL, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }, body });
    assert.equal((await tool.lti11.validateLaunch(request)).custom.text, 'a b+c');
  });
});
