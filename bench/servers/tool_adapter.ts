// The tool ceiling's work written as a web-standard handler (Request → Response) and served by
// @hono/node-server, as ltikit is: the floor that any fetch-handler library pays before doing
// anything of its own. Not a target; it shows how the gap between ceiling and ltikit splits.
import { getRequestListener } from '@hono/node-server';
import { importJWK, jwtVerify, type CryptoKey } from 'jose';
import { LAUNCHED_PAGE } from '../fixtures.js';
import type { BenchServer, StartOptions } from '../protocol.js';
import { listen } from './listen.js';

export async function startToolAdapter(options: StartOptions): Promise<BenchServer> {
  if (options.platformPublicJwk === undefined) throw new Error('tool-adapter needs the platform public key');
  const key = (await importJWK(options.platformPublicJwk, options.alg)) as CryptoKey;
  const algorithms = [options.alg];
  const server = await listen(
    getRequestListener(async (request: Request) => {
      try {
        const form = new URLSearchParams(await request.text());
        await jwtVerify(form.get('id_token') ?? '', key, { algorithms });
        return new Response(LAUNCHED_PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } });
      } catch {
        return new Response(null, { status: 401 });
      }
    }),
  );
  return { info: { port: server.port }, close: server.close };
}
