// The platform's Deep Linking return URL (deep-linking.md §4): one test per named check, each
// asserting its code (DL-050..055), then what a verified response hands the application.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LtiMessageEvent } from '../../../src/lib/observe.js';
import { checkResponseTimes } from '../../../src/platform/deep_linking/verify_deep_linking_response.js';
import { DL_CLAIM, LTI_CLAIM } from '../../../src/vocab/claims.js';
import { createPlatformKey, unsignedToken } from '../../support/platform_key.js';
import { throwsLtiError } from '../../support/assert_lti_error.js';
import { FULL_ITEMS, FULL_OFFER, OTHER_CLIENT_ID, PLATFORM_ISSUER, T0, TOOL_CLIENT_ID, createDeepLinkingPlatform, deepLinkingLaunch } from '../../support/deep_linking.js';

async function assertRefused(response: Response, code: string, status = 400): Promise<void> {
  const body = (await response.json()) as { code?: string };
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(body.code, code);
}

describe('Deep Linking return URL: accepted responses', () => {
  it('hands the application the checked items, the messages and the request it answers', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    const { response } = await fixture.respond(issued, {
      [DL_CLAIM.contentItems]: structuredClone(FULL_ITEMS),
      [DL_CLAIM.msg]: '5 items added',
      [DL_CLAIM.errorMsg]: 'one was skipped',
      [DL_CLAIM.log]: 'log line',
      [DL_CLAIM.errorLog]: 'error line',
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { received: 5 });
    const [result] = fixture.results;
    assert.ok(result);
    assert.deepEqual(result.contentItems, FULL_ITEMS);
    assert.equal(result.clientId, TOOL_CLIENT_ID);
    assert.equal(result.deploymentId, 'dep-01');
    assert.equal(result.contextId, 'ctx-991');
    assert.equal(result.userId, 'u-instructor');
    assert.equal(result.launchId, issued.launchId);
    assert.equal(result.msg, '5 items added');
    assert.equal(result.errormsg, 'one was skipped');
    assert.equal(result.log, 'log line');
    assert.equal(result.errorlog, 'error line');
    assert.equal(result.settings.data, 'opaque-7f2a91');
  });

  it('accepts an empty or absent content_items as nothing selected (DL-061)', async () => {
    const fixture = await createDeepLinkingPlatform();
    const first = await fixture.respond(await fixture.issue(), { [DL_CLAIM.contentItems]: [] });
    assert.equal(first.response.status, 200);
    const second = await fixture.respond(await fixture.issue(), { [DL_CLAIM.contentItems]: undefined, [DL_CLAIM.errorMsg]: 'cancelled' });
    assert.equal(second.response.status, 200);
    assert.deepEqual(
      fixture.results.map((result) => [result.contentItems, result.errormsg]),
      [
        [[], undefined],
        [[], 'cancelled'],
      ],
    );
  });

  it('accepts aud as an array holding the issuer, and azp equal to the client id', async () => {
    const fixture = await createDeepLinkingPlatform();
    const { response } = await fixture.respond(await fixture.issue(), { aud: ['https://elsewhere.example', PLATFORM_ISSUER], azp: TOOL_CLIENT_ID });
    assert.equal(response.status, 200);
  });

  it('drops a lineItem when the request said accept_lineitem false ("ignored", DL-058)', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue(deepLinkingLaunch({ deepLinking: { ...FULL_OFFER, accept_lineitem: false } }));
    const item = { type: 'ltiResourceLink', title: 'Graded', lineItem: { scoreMaximum: 10 } };
    const { response } = await fixture.respond(issued, { [DL_CLAIM.contentItems]: [item] });
    assert.equal(response.status, 200);
    assert.deepEqual(fixture.results[0]?.contentItems, [{ type: 'ltiResourceLink', title: 'Graded' }]);
  });

  it('needs no data echo when the request had no data (DL-054)', async () => {
    const { data: _data, ...offer } = FULL_OFFER;
    const fixture = await createDeepLinkingPlatform();
    const { response } = await fixture.respond(await fixture.issue(deepLinkingLaunch({ deepLinking: offer })));
    assert.equal(response.status, 200);
  });

  it('renders the default page when the application gives no callback: items and messages escaped, logs never shown', async () => {
    const fixture = await createDeepLinkingPlatform({ platform: { onDeepLinkingResponse: undefined } });
    const { response } = await fixture.respond(await fixture.issue(), {
      [DL_CLAIM.contentItems]: structuredClone(FULL_ITEMS),
      [DL_CLAIM.msg]: '<b>added</b>',
      [DL_CLAIM.log]: 'secret log',
    });
    const html = await response.text();
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.ok(html.includes('&lt;b&gt;added&lt;/b&gt;'));
    assert.ok(!html.includes('secret log'));
    assert.ok(html.includes('Fractions practice'));
    assert.ok(html.includes('&lt;p&gt;Read &lt;b&gt;chapter 2&lt;/b&gt;'), 'html items are shown as text');
    assert.ok(!html.includes('<b>chapter 2</b>'));
  });

  it('tells the observer of each accepted and rejected response, with the code', async () => {
    const events: LtiMessageEvent[] = [];
    const fixture = await createDeepLinkingPlatform({ platform: { observer: (event) => events.push(event) } });
    const issued = await fixture.issue();
    events.length = 0;
    await fixture.respond(issued, { [DL_CLAIM.data]: 'tampered' });
    await fixture.respond(issued);
    assert.deepEqual(
      events.map((event) => [event.kind, event.direction, event.outcome, event.errorCode, event.messageType]),
      [
        ['deep_linking_response', 'received', 'rejected', 'ERR_LTI_DL_DATA_MISMATCH', 'LtiDeepLinkingResponse'],
        ['deep_linking_response', 'received', 'accepted', undefined, 'LtiDeepLinkingResponse'],
      ],
    );
    assert.equal(events[1]?.clientId, TOOL_CLIENT_ID);
    assert.equal(events[1]?.claims?.nonce, '[redacted]');
  });
});

describe('Deep Linking return URL: one code per failed check', () => {
  it('DL-050: a POST without JWT is ERR_LTI_DL_JWT_MISSING', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    await assertRefused(await fixture.post(issued.returnUrl, {}), 'ERR_LTI_DL_JWT_MISSING');
    await assertRefused(await fixture.post(issued.returnUrl, { jwt: 'lower-case-name' }), 'ERR_LTI_DL_JWT_MISSING');
  });

  it('only POST is served at the return URL (405), and the body must be a form', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    await assertRefused(await fixture.platform.fetch(new Request(issued.returnUrl, { headers: { accept: 'application/json' } })), 'ERR_LTI_METHOD_NOT_ALLOWED', 405);
    const json = new Request(issued.returnUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: '{"JWT":"x"}' });
    await assertRefused(await fixture.platform.fetch(json), 'ERR_LTI_REQUEST_MALFORMED');
  });

  it('DL-051: a JWT that is not a compact JWS is ERR_LTI_DL_JWT_MALFORMED', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    for (const jwt of ['a.b', 'not-a-jwt', unsignedToken('not json', {}), unsignedToken({ alg: 'RS256', kid: 'tool-key-1' }, 'not an object')]) {
      await assertRefused(await fixture.post(issued.returnUrl, { JWT: jwt }), 'ERR_LTI_DL_JWT_MALFORMED');
    }
  });

  it('DL-021: alg none or HS256 is ERR_LTI_DL_JWT_ALG_NOT_ALLOWED', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    const payload = fixture.responsePayload(issued);
    for (const alg of ['none', 'HS256']) {
      await assertRefused(await fixture.post(issued.returnUrl, { JWT: unsignedToken({ alg, kid: 'tool-key-1' }, payload, '') }), 'ERR_LTI_DL_JWT_ALG_NOT_ALLOWED');
    }
  });

  it('DL-051: a header without kid is ERR_LTI_DL_JWT_KID_MISSING', async () => {
    const fixture = await createDeepLinkingPlatform();
    const { response } = await fixture.respond(await fixture.issue(), {}, { header: { kid: undefined } });
    await assertRefused(response, 'ERR_LTI_DL_JWT_KID_MISSING');
  });

  it('DL-051: a kid the tool does not have is ERR_LTI_DL_JWT_KID_UNKNOWN', async () => {
    const fixture = await createDeepLinkingPlatform();
    const { response } = await fixture.respond(await fixture.issue(), {}, { header: { kid: 'someone-elses-key' } });
    await assertRefused(response, 'ERR_LTI_DL_JWT_KID_UNKNOWN');
  });

  it('DL-051: another key under the tool kid, or a tampered payload, is ERR_LTI_DL_JWT_SIGNATURE_INVALID', async () => {
    const fixture = await createDeepLinkingPlatform();
    const attacker = await createPlatformKey({ alg: 'RS256', kid: 'tool-key-1' });
    await assertRefused((await fixture.respond(await fixture.issue(), {}, { key: attacker })).response, 'ERR_LTI_DL_JWT_SIGNATURE_INVALID');
    const issued = await fixture.issue();
    const jwt = await fixture.toolKey.sign(fixture.responsePayload(issued));
    const [header, , signature] = jwt.split('.');
    const tampered = Buffer.from(JSON.stringify(fixture.responsePayload(issued, { [DL_CLAIM.contentItems]: [{ type: 'link', url: 'https://evil.example' }] }))).toString('base64url');
    await assertRefused(await fixture.post(issued.returnUrl, { JWT: `${header}.${tampered}.${signature}` }), 'ERR_LTI_DL_JWT_SIGNATURE_INVALID');
  });

  it('DL-051: an iss that is no registered client id is ERR_LTI_DL_ISSUER_UNKNOWN', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    await assertRefused((await fixture.respond(issued, { iss: 'unknown-client' })).response, 'ERR_LTI_DL_ISSUER_UNKNOWN');
    await assertRefused((await fixture.respond(issued, { iss: undefined })).response, 'ERR_LTI_DL_ISSUER_UNKNOWN');
  });

  it('DL-051: a tool registered without keys is ERR_LTI_DL_TOOL_KEYS_MISSING', async () => {
    const fixture = await createDeepLinkingPlatform({ tool: { publicJwk: undefined } });
    await assertRefused((await fixture.respond(await fixture.issue())).response, 'ERR_LTI_DL_TOOL_KEYS_MISSING');
  });

  it('DL-052: an aud without the platform issuer is ERR_LTI_DL_AUDIENCE_MISMATCH', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    for (const aud of ['https://elsewhere.example', [`${PLATFORM_ISSUER}/`], undefined]) {
      await assertRefused((await fixture.respond(issued, { aud })).response, 'ERR_LTI_DL_AUDIENCE_MISMATCH');
    }
  });

  it('an azp that is not the client id is ERR_LTI_DL_AZP_MISMATCH', async () => {
    const fixture = await createDeepLinkingPlatform();
    await assertRefused((await fixture.respond(await fixture.issue(), { azp: OTHER_CLIENT_ID })).response, 'ERR_LTI_DL_AZP_MISMATCH');
  });

  it('DL-052: an expired response is ERR_LTI_DL_TOKEN_EXPIRED', async () => {
    const fixture = await createDeepLinkingPlatform();
    await assertRefused((await fixture.respond(await fixture.issue(), { iat: T0 - 700, exp: T0 - 100 })).response, 'ERR_LTI_DL_TOKEN_EXPIRED');
  });

  it('DL-052: missing iat or exp, iat in the future, or a long lifetime is ERR_LTI_DL_TOKEN_TIMES_INVALID', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    for (const overrides of [{ iat: undefined }, { exp: undefined }, { iat: T0 + 3600, exp: T0 + 3900 }, { exp: T0 + 86_400 }, { iat: 'now' }]) {
      await assertRefused((await fixture.respond(issued, overrides)).response, 'ERR_LTI_DL_TOKEN_TIMES_INVALID');
    }
  });

  it('checkResponseTimes allows 60 s of clock skew both ways', () => {
    checkResponseTimes({ iat: T0 + 60, exp: T0 + 360 }, T0);
    checkResponseTimes({ iat: T0 - 400, exp: T0 - 59 }, T0);
    throwsLtiError(() => checkResponseTimes({ iat: T0 + 61, exp: T0 + 361 }, T0), 'ERR_LTI_DL_TOKEN_TIMES_INVALID');
    throwsLtiError(() => checkResponseTimes({ iat: T0 - 400, exp: T0 - 60 }, T0), 'ERR_LTI_DL_TOKEN_EXPIRED');
  });

  it('DL-053: another message_type is ERR_LTI_DL_MESSAGE_TYPE_INVALID', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    for (const messageType of ['LtiDeepLinkingRequest', 'LtiResourceLinkRequest', undefined]) {
      await assertRefused((await fixture.respond(issued, { [LTI_CLAIM.messageType]: messageType })).response, 'ERR_LTI_DL_MESSAGE_TYPE_INVALID');
    }
  });

  it('DL-053: a version other than 1.3.0 is ERR_LTI_DL_VERSION_INVALID', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    for (const version of ['1.1', undefined]) {
      await assertRefused((await fixture.respond(issued, { [LTI_CLAIM.version]: version })).response, 'ERR_LTI_DL_VERSION_INVALID');
    }
  });

  it('DL-053: a deployment_id missing or not of that tool is ERR_LTI_DL_DEPLOYMENT_UNKNOWN', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    for (const deploymentId of ['dep-99', undefined, 7]) {
      await assertRefused((await fixture.respond(issued, { [LTI_CLAIM.deploymentId]: deploymentId })).response, 'ERR_LTI_DL_DEPLOYMENT_UNKNOWN');
    }
  });

  it('DL-053: another deployment of the tool than the request’s is ERR_LTI_DL_DEPLOYMENT_MISMATCH', async () => {
    const fixture = await createDeepLinkingPlatform();
    await assertRefused((await fixture.respond(await fixture.issue(), { [LTI_CLAIM.deploymentId]: 'dep-02' })).response, 'ERR_LTI_DL_DEPLOYMENT_MISMATCH');
  });

  it('DL-052: a response without nonce is ERR_LTI_DL_NONCE_MISSING', async () => {
    const fixture = await createDeepLinkingPlatform();
    await assertRefused((await fixture.respond(await fixture.issue(), { nonce: undefined })).response, 'ERR_LTI_DL_NONCE_MISSING');
  });

  it('DL-052: the same JWT posted twice is ERR_LTI_DL_NONCE_REPLAYED, and the application hears of it once', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    const { response, jwt } = await fixture.respond(issued);
    assert.equal(response.status, 200);
    await assertRefused(await fixture.post(issued.returnUrl, { JWT: jwt }), 'ERR_LTI_DL_NONCE_REPLAYED');
    assert.equal(fixture.results.length, 1);
  });

  it('DL-052: a nonce reused for another request is ERR_LTI_DL_NONCE_REPLAYED', async () => {
    const fixture = await createDeepLinkingPlatform();
    const first = await fixture.issue();
    const second = await fixture.issue();
    assert.equal((await fixture.respond(first, { nonce: 'same-nonce' })).response.status, 200);
    await assertRefused((await fixture.respond(second, { nonce: 'same-nonce' })).response, 'ERR_LTI_DL_NONCE_REPLAYED');
  });

  it('DL-054: a second response to an answered request is ERR_LTI_DL_SESSION_UNKNOWN', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    assert.equal((await fixture.respond(issued)).response.status, 200);
    await assertRefused((await fixture.respond(issued)).response, 'ERR_LTI_DL_SESSION_UNKNOWN');
  });

  it('DL-054: a return URL naming no pending request, or none at all, is ERR_LTI_DL_SESSION_UNKNOWN', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    for (const returnUrl of [`${PLATFORM_ISSUER}/lti/deep-linking/return?launch=never-issued`, `${PLATFORM_ISSUER}/lti/deep-linking/return`]) {
      const jwt = await fixture.toolKey.sign(fixture.responsePayload(issued));
      await assertRefused(await fixture.post(returnUrl, { JWT: jwt }), 'ERR_LTI_DL_SESSION_UNKNOWN');
    }
  });

  it('DL-054: a request past deepLinkingLifetimeSeconds is ERR_LTI_DL_SESSION_UNKNOWN', async () => {
    const fixture = await createDeepLinkingPlatform({ platform: { deepLinkingLifetimeSeconds: 600 } });
    const issued = await fixture.issue();
    fixture.clock.advance(601);
    await assertRefused((await fixture.respond(issued)).response, 'ERR_LTI_DL_SESSION_UNKNOWN');
  });

  it('a response of another tool to this tool’s request is ERR_LTI_DL_SESSION_CLIENT_MISMATCH', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    const { response } = await fixture.respond(issued, { iss: OTHER_CLIENT_ID }, { key: fixture.otherKey });
    await assertRefused(response, 'ERR_LTI_DL_SESSION_CLIENT_MISMATCH');
    assert.equal((await fixture.respond(issued)).response.status, 200, 'the rightful response is still accepted');
  });

  it('DL-054: data missing or changed is ERR_LTI_DL_DATA_MISMATCH, and the request stays open', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    for (const data of ['opaque-7f2a92', undefined, 'OPAQUE-7F2A91', ' opaque-7f2a91']) {
      await assertRefused((await fixture.respond(issued, { [DL_CLAIM.data]: data })).response, 'ERR_LTI_DL_DATA_MISMATCH');
    }
    assert.equal((await fixture.respond(issued)).response.status, 200);
  });

  it('DL-055: a type not offered is ERR_LTI_DL_CONTENT_ITEM_TYPE_NOT_ACCEPTED', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue(deepLinkingLaunch({ deepLinking: { ...FULL_OFFER, accept_types: ['ltiResourceLink'] } }));
    const { response } = await fixture.respond(issued, { [DL_CLAIM.contentItems]: [{ type: 'html', html: '<p>x</p>' }] });
    await assertRefused(response, 'ERR_LTI_DL_CONTENT_ITEM_TYPE_NOT_ACCEPTED');
  });

  it('DL-055: several items without accept_multiple is ERR_LTI_DL_MULTIPLE_NOT_ACCEPTED', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue(deepLinkingLaunch({ deepLinking: { ...FULL_OFFER, accept_multiple: false } }));
    const items = [
      { type: 'link', url: 'https://a.example' },
      { type: 'link', url: 'https://b.example' },
    ];
    await assertRefused((await fixture.respond(issued, { [DL_CLAIM.contentItems]: items })).response, 'ERR_LTI_DL_MULTIPLE_NOT_ACCEPTED');
  });

  it('DL-061: a content_items that is not an array is ERR_LTI_DL_CONTENT_ITEMS_INVALID', async () => {
    const fixture = await createDeepLinkingPlatform();
    await assertRefused((await fixture.respond(await fixture.issue(), { [DL_CLAIM.contentItems]: { type: 'link' } })).response, 'ERR_LTI_DL_CONTENT_ITEMS_INVALID');
  });

  it('DL-060: a javascript: or data: URL is ERR_LTI_DL_CONTENT_ITEM_URL_INVALID', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    for (const url of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>']) {
      await assertRefused((await fixture.respond(issued, { [DL_CLAIM.contentItems]: [{ type: 'link', url }] })).response, 'ERR_LTI_DL_CONTENT_ITEM_URL_INVALID');
    }
  });

  it('§3: a malformed item is ERR_LTI_DL_CONTENT_ITEM_INVALID', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    const items = [{ type: 'ltiResourceLink', lineItem: { scoreMaximum: -1 } }];
    await assertRefused((await fixture.respond(issued, { [DL_CLAIM.contentItems]: items })).response, 'ERR_LTI_DL_CONTENT_ITEM_INVALID');
  });

  it('answers a browser with the platform error page naming the code, never a 500', async () => {
    const fixture = await createDeepLinkingPlatform();
    const { response } = await fixture.respond(await fixture.issue(), { [DL_CLAIM.data]: 'tampered' }, { accept: 'text/html,application/xhtml+xml' });
    const html = await response.text();
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(/code <code>([A-Z_]+)<\/code>/.exec(html)?.[1], 'ERR_LTI_DL_DATA_MISMATCH');
    assert.doesNotMatch(html, /<form|<script/);
  });

  it('refuses a body larger than 256 KiB with ERR_LTI_REQUEST_TOO_LARGE', async () => {
    const fixture = await createDeepLinkingPlatform();
    const issued = await fixture.issue();
    await assertRefused(await fixture.post(issued.returnUrl, { JWT: 'x'.repeat(300 * 1024) }), 'ERR_LTI_REQUEST_TOO_LARGE', 413);
  });
});
