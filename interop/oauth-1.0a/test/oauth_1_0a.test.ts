// Interoperability with oauth-1.0a (2.x), an independent OAuth 1.0a implementation, over real HTTP
// on 127.0.0.1 (lti11.md §2, OA-001..OA-006; §3, BO-001..BO-003):
// - LTI 1.1 launches signed by oauth-1.0a (HMAC-SHA1 through node:crypto) and POSTed as forms to
//   our tool's launch endpoint, which must accept them — awkward values, empty values, repeated
//   names and a query string on the launch URL included — and refuse tampered ones;
// - the reverse: our signatures recomputed by oauth-1.0a for the same inputs, for launch forms and
//   for Basic Outcomes calls (Authorization header with oauth_body_hash) sent by our tool.
//
// How oauth-1.0a 2.2 builds the parameter string (oauth-1.0a.js, getParameterString): `data` is an
// object, so a repeated name is an array value; each value is percent-encoded, the array sorted
// (the encoded strings, as RFC 5849 §3.4.1.3.2 sorts them) and written `name=v1&name=v2`. What it
// cannot express: a name both in the URL's query and in the form (its merge lets the query's value
// replace the form's), and a query that is not plain `name=percent-encoded-value` pairs — it keeps
// query names undecoded and reads `+` as a plus, where RFC 5849 §3.4.1.3.1 reads the query as
// `application/x-www-form-urlencoded` (`+` is a space). The tests below stay within what it can
// express, and one shows the `+` difference.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import OAuth from 'oauth-1.0a';
import { createMemoryStores } from 'ltikit/stores';
import { type Lti11Launch, type LtiTool, createTool } from 'ltikit/tool';
import { CONTEXT_ROLE } from 'ltikit/vocab';
// The reverse check compares signOAuth1Request itself, an internal of the library, with oauth-1.0a.
import { signOAuth1Request } from '../../../packages/ltikit/src/lib/oauth1_request.js';
import { type TestServer, serve } from '../../../packages/ltikit/test/support/serve.js';

const CONSUMER_KEY = 'interop-ck';
const SECRET = 'interop s3cr3t & ü';

type FormData = Record<string, string | string[]>;

const hmac =
  (algorithm: 'sha1' | 'sha256') =>
  (baseString: string, key: string): string =>
    createHmac(algorithm, key).update(baseString).digest('base64');

function oauthClient(secret = SECRET, method: 'HMAC-SHA1' | 'HMAC-SHA256' = 'HMAC-SHA1'): OAuth {
  return new OAuth({
    consumer: { key: CONSUMER_KEY, secret },
    signature_method: method,
    hash_function: hmac(method === 'HMAC-SHA1' ? 'sha1' : 'sha256'),
    // BO-002: the body hash is a plain digest (oauth-1.0a would otherwise HMAC it with the key).
    body_hash_function: (body) => createHash(method === 'HMAC-SHA1' ? 'sha1' : 'sha256').update(body).digest('base64'),
  });
}

/** The launch form as the platform's page would post it: `data` plus oauth-1.0a's `oauth_*` parameters. */
function signedForm(url: string, data: FormData, secret = SECRET): URLSearchParams {
  // authorize() merges the URL's query into the object it is given, and `data` into its result.
  const authorization = oauthClient(secret).authorize({ url, method: 'POST', data: structuredClone(data) });
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(data)) for (const item of [value].flat()) form.append(name, item);
  for (const [name, value] of Object.entries(authorization)) {
    if (name.startsWith('oauth_') && !(name in data)) form.append(name, String(value));
  }
  return form;
}

function launchData(extra: FormData = {}): FormData {
  return {
    lti_message_type: 'basic-lti-launch-request',
    lti_version: 'LTI-1p0',
    resource_link_id: 'rl-interop',
    user_id: 'u-1',
    roles: 'Instructor,urn:lti:instrole:ims/lis/Faculty',
    context_id: 'ctx-1',
    oauth_callback: 'about:blank',
    ...extra,
  };
}

describe('oauth-1.0a signs LTI 1.1 launches that our tool accepts over HTTP', () => {
  let server: TestServer;
  let tool: LtiTool;
  let launchUrl: string;
  const launches: Lti11Launch[] = [];

  before(async () => {
    const handler = { current: (_request: Request): Promise<Response> | Response => new Response(null, { status: 503 }) };
    server = await serve(handler);
    const stores = createMemoryStores();
    await stores.lti11.saveCredential({ consumerKey: CONSUMER_KEY, secret: SECRET, createdAt: Math.floor(Date.now() / 1000) });
    tool = createTool({
      baseUrl: `${server.origin}/lti`,
      stores,
      allowInsecureLoopback: true,
      onLaunch: () => new Response('1.3'),
      lti11: {
        onLaunch: (launch) => {
          launches.push(launch);
          return Response.json({ ok: true });
        },
      },
    });
    handler.current = tool.fetch;
    launchUrl = tool.config.lti11.launchUrl;
  });
  after(() => server?.close());
  beforeEach(() => {
    launches.length = 0;
  });

  async function post(url: string, form: URLSearchParams): Promise<{ status: number; code?: string; launch?: Lti11Launch }> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    });
    const body = (await response.json()) as { code?: string };
    return { status: response.status, ...(body.code === undefined ? {} : { code: body.code }), ...(launches.length === 0 ? {} : { launch: launches.at(-1)! }) };
  }

  it('accepts a plain launch', async () => {
    const result = await post(launchUrl, signedForm(launchUrl, launchData()));
    assert.equal(result.status, 200, result.code);
    assert.equal(result.launch?.consumerKey, CONSUMER_KEY);
    assert.equal(result.launch?.userId, 'u-1');
    assert.equal(result.launch?.lti13Roles[0], CONTEXT_ROLE.Instructor);
  });

  it('accepts spaces, +, non-ASCII, &, =, %, reserved characters and empty values', async () => {
    const custom = {
      custom_space: 'two  words ',
      custom_plus: 'a+b + c',
      custom_accent: 'é è ê ü ß',
      custom_cjk: '中文',
      custom_emoji: '😀👩‍🏫',
      custom_ampersand: 'Q&A&&',
      custom_equals: 'x=y==z',
      custom_percent: '100% %20 %zz %',
      custom_reserved: "!*'();:@$,/?#[]~",
      custom_empty: '',
    };
    const result = await post(launchUrl, signedForm(launchUrl, launchData({ ...custom, lis_person_name_full: 'Zoë Ñúñez', context_title: '' })));
    assert.equal(result.status, 200, result.code);
    assert.deepEqual(result.launch?.custom, Object.fromEntries(Object.entries(custom).map(([name, value]) => [name.slice('custom_'.length), value])));
    assert.equal(result.launch?.user.name, 'Zoë Ñúñez');
  });

  it('accepts repeated names (oauth-1.0a array values) that are not LTI parameters', async () => {
    const result = await post(launchUrl, signedForm(launchUrl, launchData({ tag: ['b', 'a b', 'a', 'é', ''] })));
    assert.equal(result.status, 200, result.code);
    assert.deepEqual(
      result.launch?.parameters.filter(([name]) => name === 'tag').map(([, value]) => value),
      ['b', 'a b', 'a', 'é', ''],
    );
  });

  it('verifies the signature of repeated LTI parameters, then refuses them (ERR_LTI11_PARAMETER_REPEATED, L11-004)', async () => {
    const result = await post(launchUrl, signedForm(launchUrl, launchData({ custom_chapter: ['1', '2'] })));
    assert.equal(result.status, 400);
    assert.equal(result.code, 'ERR_LTI11_PARAMETER_REPEATED');
  });

  it('accepts a query string on the launch URL, signed with the form', async () => {
    const url = `${launchUrl}?course=9&section=a%20b%20%C3%A9&empty=`;
    const result = await post(url, signedForm(url, launchData()));
    assert.equal(result.status, 200, result.code);
    assert.deepEqual(
      result.launch?.parameters.filter(([name]) => ['course', 'section', 'empty'].includes(name)),
      [
        ['course', '9'],
        ['section', 'a b é'],
        ['empty', ''],
      ],
    );
  });

  it('differs on a `+` in the launch URL’s query: oauth-1.0a signs a plus, RFC 5849 §3.4.1.3.1 a space', async () => {
    const url = `${launchUrl}?q=a+b`;
    const result = await post(url, signedForm(url, launchData()));
    assert.equal(result.code, 'ERR_LTI11_SIGNATURE_INVALID');
    // Percent-encoded, the same value goes through.
    const encoded = `${launchUrl}?q=a%2Bb`;
    assert.equal((await post(encoded, signedForm(encoded, launchData()))).status, 200);
  });

  it('refuses a tampered value, another secret, a changed URL and a replay (OA-004, OA-005)', async () => {
    const form = signedForm(launchUrl, launchData({ custom_grade: '10' }));
    const tampered = new URLSearchParams(form);
    tampered.set('custom_grade', '100');
    assert.equal((await post(launchUrl, tampered)).code, 'ERR_LTI11_SIGNATURE_INVALID');
    const addedRole = new URLSearchParams(form);
    addedRole.set('roles', 'Administrator');
    assert.equal((await post(launchUrl, addedRole)).code, 'ERR_LTI11_SIGNATURE_INVALID');
    assert.equal((await post(launchUrl, signedForm(launchUrl, launchData(), 'not the secret'))).code, 'ERR_LTI11_SIGNATURE_INVALID');
    assert.equal((await post(launchUrl, signedForm(`${launchUrl}/other`, launchData()))).code, 'ERR_LTI11_SIGNATURE_INVALID');
    // The untouched form goes through once.
    assert.equal((await post(launchUrl, form)).status, 200);
    assert.equal((await post(launchUrl, form)).code, 'ERR_LTI11_NONCE_REPLAYED');
  });
});

describe('oauth-1.0a computes the signatures we compute', () => {
  const oauthDataOf = (parameters: Array<readonly [string, string]>): OAuth.Data =>
    Object.fromEntries(parameters.filter(([name]) => name !== 'oauth_signature')) as unknown as OAuth.Data;

  for (const method of ['HMAC-SHA1', 'HMAC-SHA256'] as const) {
    it(`for a launch form with awkward, empty and repeated values and a query (${method})`, async () => {
      const url = 'https://tool.example.com/lti/lti11/launch?course=9&section=a%20b';
      const data: FormData = { ...launchData({ custom_text: 'a b+c&d=e% é 中文 😀', custom_empty: '', tag: ['z', 'a b', 'a'] }) };
      delete data.oauth_callback;
      const fields = Object.entries(data).flatMap(([name, value]) => [value].flat().map((item) => [name, item] as const));
      const ours = await signOAuth1Request({
        method: 'POST',
        url,
        parameters: fields,
        consumerKey: CONSUMER_KEY,
        consumerSecret: SECRET,
        signatureMethod: method,
        timestamp: 1_767_225_600,
        nonce: 'n0nce-é',
        callback: 'about:blank',
      });
      const theirs = oauthClient(SECRET, method).getSignature({ url, method: 'POST', data: structuredClone(data) }, '', oauthDataOf(ours));
      assert.equal(ours.at(-1)?.[0], 'oauth_signature');
      assert.equal(theirs, ours.at(-1)?.[1]);
    });
  }

  it('for the Basic Outcomes calls our tool sends: body hash and Authorization header (BO-001, BO-002)', async () => {
    const checked: Array<{ operation: string; signatureMatches: boolean; bodyHashMatches: boolean }> = [];
    const handler = {
      current: async (request: Request): Promise<Response> => {
        const body = await request.text();
        const header = request.headers.get('authorization') ?? '';
        const oauth: Record<string, string> = {};
        for (const match of header.matchAll(/([a-z_]+)="([^"]*)"/g)) oauth[decodeURIComponent(match[1]!)] = decodeURIComponent(match[2]!);
        const { oauth_signature: signature, realm: _realm, ...oauthData } = oauth;
        const client = oauthClient();
        const outcomesRequest = { url: request.url, method: request.method, data: body, includeBodyHash: true };
        const operation = /<(\w+)Request>/.exec(body)?.[1] ?? '?';
        checked.push({
          operation,
          signatureMatches: client.getSignature(outcomesRequest, '', oauthData as unknown as OAuth.Data) === signature,
          bodyHashMatches: client.getBodyHash(outcomesRequest, '') === oauthData.oauth_body_hash,
        });
        const score = operation === 'readResult' ? '<result><resultScore><language>en</language><textString>0.5</textString></resultScore></result>' : '';
        return new Response(
          `<?xml version="1.0" encoding="UTF-8"?><imsx_POXEnvelopeResponse xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0"><imsx_POXHeader><imsx_POXResponseHeaderInfo><imsx_version>V1.0</imsx_version><imsx_messageIdentifier>1</imsx_messageIdentifier><imsx_statusInfo><imsx_codeMajor>success</imsx_codeMajor><imsx_severity>status</imsx_severity><imsx_description/></imsx_statusInfo></imsx_POXResponseHeaderInfo></imsx_POXHeader><imsx_POXBody><${operation}Response>${score}</${operation}Response></imsx_POXBody></imsx_POXEnvelopeResponse>`,
          { headers: { 'content-type': 'application/xml' } },
        );
      },
    };
    const server = await serve(handler);
    try {
      const stores = createMemoryStores();
      await stores.lti11.saveCredential({ consumerKey: CONSUMER_KEY, secret: SECRET, createdAt: 0 });
      const tool = createTool({ baseUrl: 'https://tool.example.com/lti', stores, allowInsecureLoopback: true, onLaunch: () => new Response() });
      const target = { consumerKey: CONSUMER_KEY, serviceUrl: `${server.origin}/outcomes?course=9&x=a%20b`, sourcedId: 'rs-é & 1' };
      await tool.lti11.outcomes.replaceResult({ ...target, score: 0.5, resultData: { text: 'Très bien & more' } });
      assert.equal(await tool.lti11.outcomes.readResult(target), 0.5);
      await tool.lti11.outcomes.deleteResult(target);
    } finally {
      await server.close();
    }
    assert.deepEqual(checked, [
      { operation: 'replaceResult', signatureMatches: true, bodyHashMatches: true },
      { operation: 'readResult', signatureMatches: true, bodyHashMatches: true },
      { operation: 'deleteResult', signatureMatches: true, bodyHashMatches: true },
    ]);
  });
});
