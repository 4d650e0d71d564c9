// The platform's Assignment and Grade Services endpoints under certification (certification.md
// CERT-P-32): the validator registered as a tool with a public key and every AGS scope, a second
// tool deployed in the same course, learners known to the application's member check, and access
// tokens from the platform's own token endpoint (service_harness.ts). No socket: requests go to
// `platform.fetch`.
import { MEDIA_TYPE, SCOPE } from 'ltikit';
import { PLATFORM_ISSUER } from './platform_harness.js';
import { createServiceHarness, type ServiceHarness } from './service_harness.js';

export const AGS_CONTEXT_ID = '8893483';
export const LINE_ITEMS_URL = `${PLATFORM_ISSUER}/lti/contexts/${AGS_CONTEXT_ID}/lineitems`;
export const AGS_RESOURCE_LINK_ID = '3622bed7314b4f9c8f0e533e158ff797';
export const AGS_SCOPES = [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score];
/** Another tool deployed in the same course. */
export const OTHER_TOOL_CLIENT_ID = 'imstester_other_grades';
/** Learners of the course (AGS-040). */
export const LEARNER_IDS = ['40899', '40900', '40901'];

export interface AgsHarness extends ServiceHarness {
  /** Sends `method url` with the token (default: the validator's, every AGS scope), a JSON body and headers. */
  send(method: string, url: string, options?: { token?: string; body?: unknown; contentType?: string; accept?: string }): Promise<Response>;
  /** Creates a line item as the validator and returns its `id` URL. */
  createLineItem(fields?: Record<string, unknown>): Promise<string>;
}

export async function createAgsHarness(): Promise<AgsHarness> {
  const harness = await createServiceHarness({
    tools: [{ scopes: AGS_SCOPES }, { clientId: OTHER_TOOL_CLIENT_ID, deploymentIds: ['otherdeploy'], scopes: AGS_SCOPES }],
    scopes: AGS_SCOPES,
    platform: (stores) => ({
      ags: { store: stores.ags, isMember: (contextId, userId) => contextId === AGS_CONTEXT_ID && LEARNER_IDS.includes(userId) },
      // TOK-016: both tools are deployed in the course.
      serviceContextAccess: (contextId) => contextId === AGS_CONTEXT_ID,
    }),
  });
  const { platform, token } = harness;

  async function send(method: string, url: string, options: { token?: string; body?: unknown; contentType?: string; accept?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? (await token())}` };
    if (options.contentType !== undefined) headers['content-type'] = options.contentType;
    if (options.accept !== undefined) headers.accept = options.accept;
    return platform.fetch(new Request(url, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) }));
  }

  async function createLineItem(fields: Record<string, unknown> = { label: 'Introduction Assignment', scoreMaximum: 100, resourceLinkId: AGS_RESOURCE_LINK_ID }): Promise<string> {
    const response = await send('POST', LINE_ITEMS_URL, { body: fields, contentType: MEDIA_TYPE.lineItem });
    if (response.status !== 201) throw new Error(`line item refused: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  }

  return { ...harness, send, createLineItem };
}

/** A valid score of learner `userId` at second `second` of the certification day. */
export function agsScore(userId: string, second: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    userId,
    timestamp: `2026-01-01T12:00:${String(second).padStart(2, '0')}.000Z`,
    scoreGiven: 80,
    scoreMaximum: 100,
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
    ...overrides,
  };
}
