// A tool built with `createTool` whose `fetch` goes straight into the AGS platform's `platform.fetch`
// (no sockets), every request recorded, for the tool's AGS client tests.
import { createMemoryStores } from '../../../src/stores/memory.js';
import { createTool, type LtiTool } from '../../../src/tool/create_tool.js';
import type { ServiceTarget } from '../../../src/tool/token/access_token_client.js';
import { type AgsPlatform, ISSUER, TOOL_A, createAgsPlatform, sharedKey } from '../../support/ags_platform.js';
import { registerPlatformOn } from '../../support/service_platform.js';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

export interface ToolEnvironment {
  env: AgsPlatform;
  tool: LtiTool;
  target: ServiceTarget;
  /** Service requests the tool sent (not the token requests). */
  requests: RecordedRequest[];
  /** The `scope` of every token request. */
  tokenScopes: string[];
}

export async function createToolEnvironment(options: { clientId?: string; platform?: Parameters<typeof createAgsPlatform>[0] } = {}): Promise<ToolEnvironment> {
  const env = await createAgsPlatform(options.platform);
  const clientId = options.clientId ?? TOOL_A.clientId;
  const stores = createMemoryStores(env.clock);
  await stores.keys.saveKey('tool', { ...(await sharedKey), status: 'active', activatedAt: env.clock.now() });
  const requests: RecordedRequest[] = [];
  const tokenScopes: string[] = [];
  const tool = createTool({
    baseUrl: `https://${clientId}.example.com/lti`,
    stores,
    clock: env.clock,
    onLaunch: () => new Response('launched'),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const body = await request.clone().text();
      if (request.url === env.platform.config.tokenEndpoint) tokenScopes.push(new URLSearchParams(body).get('scope') ?? '');
      else requests.push({ method: request.method, url: request.url, headers: request.headers, body });
      return env.platform.fetch(request);
    },
  });
  await registerPlatformOn(tool, env.platform, { clientId, deploymentIds: ['dep-a1', 'dep-b1', 'dep-x1'] });
  return { env, tool, target: { issuer: ISSUER, clientId }, requests, tokenScopes };
}
