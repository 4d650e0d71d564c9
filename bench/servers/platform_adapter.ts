// The platform ceiling's work written as a web-standard handler (Request → Response) and served
// by @hono/node-server, as ltikit is: the floor that any fetch-handler library pays before doing
// anything of its own. Not a target; it shows how the gap between ceiling and ltikit splits.
import { getRequestListener } from '@hono/node-server';
import type { BenchServer, StartOptions } from '../protocol.js';
import { listen } from './listen.js';
import { authorizationPage, createIdTokenSigner } from './platform_ceiling.js';

export async function startPlatformAdapter(options: StartOptions): Promise<BenchServer> {
  const signer = await createIdTokenSigner(options);
  const server = await listen(
    getRequestListener(async (request: Request) => {
      const query = new URL(request.url).searchParams;
      const page = authorizationPage(query, await signer.sign(query));
      return new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
    }),
  );
  return { info: { port: server.port, publicJwk: signer.publicJwk }, close: server.close };
}
