// Dynamic Registration both ways (dynamic-registration.md). Platform: our platform with a frozen
// clock, `token()` (a registration token, DR-003) and `register(body, token)` (a POST to the
// registration endpoint through `platform.fetch`). Tool: our tool with the `registration` option,
// reaching that platform (or a stand-in answering `serve`) through its `fetch` option — no socket.
// The registration documents are the unit tests' fixtures (the examples of the spec).
import assert from 'node:assert/strict';
import { fixedClock } from 'ltikit';
import type { LtiErrorCode } from 'ltikit/errors';
import { createPlatform, type LtiPlatform } from 'ltikit/platform';
import { createMemoryStores } from 'ltikit/stores';
import { createTool, type LtiTool } from 'ltikit/tool';
import { NOW } from './tool_harness.js';

export { TOOL_CONFIGURATION, clientRegistration, platformConfiguration } from '../../packages/ltikit/test/support/registration.js';

export const PLATFORM_ISSUER = 'https://lms.example.edu';
export const TOOL_ORIGIN = 'https://tool.example.com';
export const REGISTRATION_URL = `${TOOL_ORIGIN}/lti/register`;

export interface RegistrationHarness {
  platform: LtiPlatform;
  platformStores: ReturnType<typeof createMemoryStores>;
  toolStores: ReturnType<typeof createMemoryStores>;
  clock: ReturnType<typeof fixedClock>;
  /** A fresh registration token (DR-003). */
  token(): Promise<string>;
  /** POSTs `body` (JSON) to the registration endpoint with `token` as the Bearer token, when given. */
  register(body: unknown, token?: string): Promise<Response>;
  /** Our tool, registering with the platform; `serve` replaces the platform's answers when given. */
  tool(serve?: (request: Request) => Response | Promise<Response>): LtiTool;
  /** The registration URL the platform opens (DR-001), with a fresh token. */
  initiationUrl(): Promise<string>;
}

export function createRegistrationHarness(): RegistrationHarness {
  const clock = fixedClock(NOW);
  const platformStores = createMemoryStores(clock);
  const toolStores = createMemoryStores(clock);
  const platform = createPlatform({ issuer: PLATFORM_ISSUER, stores: platformStores, clock, currentUser: 'message-hint-only' });
  const token = async (): Promise<string> => (await platform.createRegistrationToken({ requestedBy: 'conformance' })).token;
  return {
    platform,
    platformStores,
    toolStores,
    clock,
    token,
    register: (body, bearer) =>
      platform.fetch(
        new Request(`${PLATFORM_ISSUER}/lti/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }) },
          body: JSON.stringify(body),
        }),
      ),
    tool: (serve) =>
      createTool({
        baseUrl: `${TOOL_ORIGIN}/lti`,
        stores: toolStores,
        clock,
        onLaunch: () => new Response('launched'),
        registration: { clientName: 'Certified tool', claims: ['iss', 'sub', 'name'] },
        fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
          const request = new Request(input, init);
          return serve === undefined ? platform.fetch(request) : serve(request);
        }) as typeof fetch,
      }),
    initiationUrl: async () => platform.registrationInitiationUrl(REGISTRATION_URL, await token()),
  };
}

/** Asserts an RFC 7591 / RFC 6750 refusal of the registration endpoint: JSON, `status`, `error`, the code. */
export async function assertRegistrationRefused(response: Response, status: number, error: string, code: LtiErrorCode): Promise<{ detail?: { field?: string } }> {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = (await response.json()) as { error: string; code: string; error_description: string; detail?: { field?: string } };
  assert.equal(body.error, error);
  assert.equal(body.code, code);
  assert.equal(typeof body.error_description, 'string');
  return body;
}

/** Asserts the tool's registration error page: a 4xx/5xx HTML page naming `code`, no stack trace, nothing stored. */
export async function assertRegistrationPageRefused(response: Response, code: LtiErrorCode, harness: RegistrationHarness): Promise<string> {
  const html = await response.text();
  assert.ok(response.status >= 400, `expected a refusal, got ${response.status}`);
  assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
  assert.doesNotMatch(html, /\n\s+at\s|\.ts:\d+|node_modules/);
  assert.equal(/Error code: <code>([A-Z0-9_]+)<\/code>/.exec(html)?.[1], code);
  assert.deepEqual(await harness.toolStores.platforms.findPlatforms(PLATFORM_ISSUER), []);
  return html;
}
