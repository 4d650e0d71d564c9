// The tool's Deep Linking response (deep-linking.md §2): the auto-submitting form POSTing only `JWT`
// to deep_link_return_url (DL-020), the JWT signed with the tool key and verifiable with the tool's
// JWKS (DL-021), every required claim (DL-030), each content item type, and each refusal before
// anything is signed (DL-011, DL-012).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose';
import { fixedClock } from '../../../src/lib/clock.js';
import type { LtiMessageEvent } from '../../../src/lib/observe.js';
import type { ContentItem, DeepLinkingSettingsClaim } from '../../../src/messages/deep_linking.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import type { ToolOptions } from '../../../src/tool/config.js';
import { createTool } from '../../../src/tool/create_tool.js';
import { DEEP_LINKING_RESPONSE_LIFETIME_SECONDS, buildDeepLinkingResponsePayload } from '../../../src/tool/deep_linking/create_deep_linking_response.js';
import type { LtiLaunch } from '../../../src/tool/launch/validate_launch.js';
import { DL_CLAIM, LTI_CLAIM } from '../../../src/vocab/claims.js';
import { rejectsLtiError, throwsLtiError } from '../../support/assert_lti_error.js';
import { parseForm } from '../../support/browser.js';
import { FULL_ITEMS } from '../../support/deep_linking.js';

const T0 = 1_767_225_600;
const ISSUER = 'https://lms.example.edu';
const CLIENT_ID = 'c-7731';
const RETURN_URL = `${ISSUER}/lti/deep-linking/return?launch=l-1&x=a%26b`;

const ALL_TYPES = ['link', 'ltiResourceLink', 'file', 'html', 'image'];

function deepLinkingLaunch(settings: Partial<DeepLinkingSettingsClaim> = {}, overrides: Partial<LtiLaunch> = {}): LtiLaunch {
  return {
    messageType: 'LtiDeepLinkingRequest',
    deploymentId: 'dep-01',
    userId: 'u-1',
    roles: [],
    contextRoles: [],
    targetLinkUri: 'https://tool.example.com/lti/launch',
    context: undefined,
    toolPlatform: undefined,
    launchPresentation: undefined,
    lis: undefined,
    custom: {},
    roleScopeMentor: undefined,
    person: {},
    issuer: ISSUER,
    clientId: CLIENT_ID,
    resourceLink: undefined,
    deepLinking: {
      deep_link_return_url: RETURN_URL,
      accept_types: ALL_TYPES,
      accept_presentation_document_targets: ['iframe', 'window', 'embed'],
      accept_multiple: true,
      accept_lineitem: true,
      data: 'opaque-7f2a91',
      ...settings,
    },
    claims: { iss: ISSUER },
    registration: { issuer: ISSUER, clientId: CLIENT_ID, deploymentIds: ['dep-01'], authorizationEndpoint: `${ISSUER}/lti/authorize` },
    ...overrides,
  } as LtiLaunch;
}

function toolWithKeys(options: Partial<ToolOptions> = {}) {
  const clock = fixedClock(T0);
  const stores = createMemoryStores(clock);
  return createTool({ baseUrl: 'https://tool.example.com/lti', stores, clock, onLaunch: () => new Response(), ...options });
}

/** Answers `launch` with `items` and reads what the browser would post, verified with the tool's own JWKS. */
async function respond(items: ContentItem[], options = {}, launch = deepLinkingLaunch()) {
  const tool = toolWithKeys();
  const response = await tool.createDeepLinkingResponse(launch, items, options);
  const html = await response.text();
  const form = parseForm(html);
  const jwks = (await (await tool.fetch(new Request('https://tool.example.com/lti/jwks'))).json()) as JSONWebKeySet;
  const jwt = form.fields.JWT!;
  const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
    issuer: CLIENT_ID,
    audience: ISSUER,
    currentDate: new Date(T0 * 1000),
  });
  return { response, html, form, payload, protectedHeader, jwks, jwt };
}

describe('tool.createDeepLinkingResponse: delivery (DL-020, DL-021)', () => {
  it('answers with an auto-submitting form that POSTs only JWT to deep_link_return_url, query string kept', async () => {
    const { response, html, form } = await respond([]);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(form.action, RETURN_URL);
    assert.deepEqual(Object.keys(form.fields), ['JWT']);
    assert.match(html, /<form id="ltikit-form" method="post"/);
    assert.match(html, /\.submit\(\)/);
    assert.match(response.headers.get('content-security-policy') ?? '', /form-action https:\/\/lms\.example\.edu/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('signs with the tool’s active key: RS256, kid in the tool JWKS, typ JWT', async () => {
    const { protectedHeader, jwks, jwt } = await respond([]);
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(protectedHeader.typ, 'JWT');
    assert.ok(jwks.keys.some((key) => key.kid === protectedHeader.kid));
    assert.deepEqual(decodeProtectedHeader(jwt), protectedHeader);
  });
});

describe('tool.createDeepLinkingResponse: claims (DL-030)', () => {
  it('carries iss, aud, azp, iat, exp, nonce, message_type, version, deployment_id and data echoed', async () => {
    const { payload } = await respond([{ type: 'link', url: 'https://example.com' }], { msg: 'added', errormsg: 'e', log: 'l', errorlog: 'el' });
    assert.equal(payload.iss, CLIENT_ID);
    assert.equal(payload.aud, ISSUER);
    assert.equal(payload.azp, CLIENT_ID);
    assert.equal(payload.iat, T0);
    assert.equal(payload.exp, T0 + DEEP_LINKING_RESPONSE_LIFETIME_SECONDS);
    assert.ok(DEEP_LINKING_RESPONSE_LIFETIME_SECONDS <= 600, 'a short lifetime');
    assert.equal(typeof payload.nonce, 'string');
    assert.ok((payload.nonce as string).length >= 16);
    assert.equal(payload[LTI_CLAIM.messageType], 'LtiDeepLinkingResponse');
    assert.equal(payload[LTI_CLAIM.version], '1.3.0');
    assert.equal(payload[LTI_CLAIM.deploymentId], 'dep-01');
    assert.equal(payload[DL_CLAIM.data], 'opaque-7f2a91');
    assert.deepEqual(payload[DL_CLAIM.contentItems], [{ type: 'link', url: 'https://example.com' }]);
    assert.equal(payload[DL_CLAIM.msg], 'added');
    assert.equal(payload[DL_CLAIM.errorMsg], 'e');
    assert.equal(payload[DL_CLAIM.log], 'l');
    assert.equal(payload[DL_CLAIM.errorLog], 'el');
  });

  it('sends no data when the request had none, and a fresh nonce every time', async () => {
    const first = await respond([], {}, deepLinkingLaunch({ data: undefined }));
    const second = await respond([], {}, deepLinkingLaunch({ data: undefined }));
    assert.ok(!(DL_CLAIM.data in first.payload));
    assert.notEqual(first.payload.nonce, second.payload.nonce);
  });

  it('DL-031: on cancel, content_items is an empty array and errormsg/errorlog are sent', async () => {
    const { payload } = await respond([], { errormsg: 'Nothing was selected.', errorlog: 'user cancelled' });
    assert.deepEqual(payload[DL_CLAIM.contentItems], []);
    assert.equal(payload[DL_CLAIM.errorMsg], 'Nothing was selected.');
    assert.equal(payload[DL_CLAIM.msg], undefined);
  });

  it('echoes data byte for byte, whatever characters it holds (DL-054)', async () => {
    const data = 'ctx=991&section=3 "quoted" <tag> é';
    const { payload } = await respond([], {}, deepLinkingLaunch({ data }));
    assert.equal(payload[DL_CLAIM.data], data);
  });
});

describe('tool.createDeepLinkingResponse: content items (deep-linking.md §3)', () => {
  for (const item of FULL_ITEMS) {
    it(`sends a ${item.type} item with the spec's field names`, async () => {
      const { payload } = await respond([structuredClone(item)]);
      assert.deepEqual(payload[DL_CLAIM.contentItems], [item]);
    });
  }

  it('sends the five types together when several are accepted', async () => {
    const { payload } = await respond(structuredClone(FULL_ITEMS));
    assert.deepEqual(payload[DL_CLAIM.contentItems], FULL_ITEMS);
  });
});

describe('tool.createDeepLinkingResponse: refusals before signing', () => {
  it('DL-011: a type not in accept_types is ERR_LTI_DL_CONTENT_ITEM_TYPE_NOT_ACCEPTED', async () => {
    const tool = toolWithKeys();
    await rejectsLtiError(
      tool.createDeepLinkingResponse(deepLinkingLaunch({ accept_types: ['ltiResourceLink'] }), [{ type: 'link', url: 'https://example.com' }]),
      'ERR_LTI_DL_CONTENT_ITEM_TYPE_NOT_ACCEPTED',
    );
  });

  it('DL-012: several items without accept_multiple true is ERR_LTI_DL_MULTIPLE_NOT_ACCEPTED', async () => {
    const tool = toolWithKeys();
    const two: ContentItem[] = [
      { type: 'link', url: 'https://a.example' },
      { type: 'link', url: 'https://b.example' },
    ];
    await rejectsLtiError(tool.createDeepLinkingResponse(deepLinkingLaunch({ accept_multiple: false }), two), 'ERR_LTI_DL_MULTIPLE_NOT_ACCEPTED');
    await rejectsLtiError(tool.createDeepLinkingResponse(deepLinkingLaunch({ accept_multiple: undefined }), two), 'ERR_LTI_DL_MULTIPLE_NOT_ACCEPTED');
  });

  it('DL-058: a lineItem under accept_lineitem false is ERR_LTI_DL_LINE_ITEM_NOT_ACCEPTED (absent: allowed)', async () => {
    const tool = toolWithKeys();
    const graded: ContentItem[] = [{ type: 'ltiResourceLink', lineItem: { scoreMaximum: 10 } }];
    await rejectsLtiError(tool.createDeepLinkingResponse(deepLinkingLaunch({ accept_lineitem: false }), graded), 'ERR_LTI_DL_LINE_ITEM_NOT_ACCEPTED');
    assert.equal((await tool.createDeepLinkingResponse(deepLinkingLaunch({ accept_lineitem: undefined }), graded)).status, 200);
  });

  it('DL-012: a presentation target not accepted is ERR_LTI_DL_DOCUMENT_TARGET_NOT_ACCEPTED', async () => {
    const tool = toolWithKeys();
    const windowOnly = deepLinkingLaunch({ accept_presentation_document_targets: ['window'] });
    await rejectsLtiError(
      tool.createDeepLinkingResponse(windowOnly, [{ type: 'ltiResourceLink', iframe: { width: 800, height: 600 } }]),
      'ERR_LTI_DL_DOCUMENT_TARGET_NOT_ACCEPTED',
    );
    await rejectsLtiError(
      tool.createDeepLinkingResponse(windowOnly, [{ type: 'link', url: 'https://a.example', embed: { html: '<i>x</i>' } }]),
      'ERR_LTI_DL_DOCUMENT_TARGET_NOT_ACCEPTED',
    );
    assert.equal((await tool.createDeepLinkingResponse(windowOnly, [{ type: 'link', url: 'https://a.example', window: { targetName: 'x' } }])).status, 200);
    // Targets unknown (the platform sent none): nothing to hold the item to.
    const unknown = deepLinkingLaunch({ accept_presentation_document_targets: undefined });
    assert.equal((await tool.createDeepLinkingResponse(unknown, [{ type: 'ltiResourceLink', iframe: { width: 1 } }])).status, 200);
  });

  it('§3, DL-060: malformed items are ERR_LTI_DL_CONTENT_ITEM_INVALID / ERR_LTI_DL_CONTENT_ITEM_URL_INVALID', async () => {
    const tool = toolWithKeys();
    await rejectsLtiError(tool.createDeepLinkingResponse(deepLinkingLaunch(), [{ type: 'ltiResourceLink', lineItem: { scoreMaximum: 0 } }]), 'ERR_LTI_DL_CONTENT_ITEM_INVALID');
    await rejectsLtiError(tool.createDeepLinkingResponse(deepLinkingLaunch(), [{ type: 'link', url: 'javascript:alert(1)' }]), 'ERR_LTI_DL_CONTENT_ITEM_URL_INVALID');
  });

  it('DL-010: a launch that is not a Deep Linking request is ERR_LTI_DL_NOT_DEEP_LINKING_LAUNCH', async () => {
    const tool = toolWithKeys();
    const resourceLinkLaunch = deepLinkingLaunch({}, { messageType: 'LtiResourceLinkRequest', deepLinking: undefined, resourceLink: { id: 'rl-1' } });
    await rejectsLtiError(tool.createDeepLinkingResponse(resourceLinkLaunch, []), 'ERR_LTI_DL_NOT_DEEP_LINKING_LAUNCH');
    throwsLtiError(() => buildDeepLinkingResponsePayload(resourceLinkLaunch, [], {}, { now: T0 }), 'ERR_LTI_DL_NOT_DEEP_LINKING_LAUNCH');
  });

  it('a tool without stores.keys is ERR_LTI_TOOL_KEYS_MISSING', async () => {
    const clock = fixedClock(T0);
    const { singleUse, platforms } = createMemoryStores(clock);
    const tool = createTool({ baseUrl: 'https://tool.example.com/lti', stores: { singleUse, platforms }, clock, onLaunch: () => new Response() });
    await rejectsLtiError(tool.createDeepLinkingResponse(deepLinkingLaunch(), []), 'ERR_LTI_TOOL_KEYS_MISSING');
  });

  it('tells the observer of each response sent or refused, with the code and the claims (nonce redacted)', async () => {
    const events: LtiMessageEvent[] = [];
    const tool = toolWithKeys({ observer: (event) => events.push(event) });
    await tool.createDeepLinkingResponse(deepLinkingLaunch(), [{ type: 'html', html: '<p/>' }]);
    await tool.createDeepLinkingResponse(deepLinkingLaunch({ accept_types: ['link'] }), [{ type: 'html', html: '<p/>' }]).catch(() => undefined);
    assert.deepEqual(
      events.map((event) => [event.side, event.kind, event.direction, event.outcome, event.errorCode]),
      [
        ['tool', 'deep_linking_response', 'sent', 'accepted', undefined],
        ['tool', 'deep_linking_response', 'sent', 'rejected', 'ERR_LTI_DL_CONTENT_ITEM_TYPE_NOT_ACCEPTED'],
      ],
    );
    assert.equal(events[0]?.claims?.nonce, '[redacted]');
    assert.deepEqual(events[0]?.claims?.[DL_CLAIM.contentItems], [{ type: 'html', html: '<p/>' }]);
  });
});
