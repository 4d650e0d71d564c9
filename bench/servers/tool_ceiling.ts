// Ceiling of the tool-side launch: node:http, read the urlencoded form, jose `jwtVerify` of the
// id_token with a key imported once, answer 200. No state, nonce, claim or registration checks:
// the least any tool must do to accept a launch.
import { importJWK, jwtVerify, type CryptoKey } from 'jose';
import { LAUNCHED_PAGE } from '../fixtures.js';
import type { BenchServer, StartOptions } from '../protocol.js';
import { listen, readBody } from './listen.js';

export async function startToolCeiling(options: StartOptions): Promise<BenchServer> {
  if (options.platformPublicJwk === undefined) throw new Error('tool-ceiling needs the platform public key');
  const key = (await importJWK(options.platformPublicJwk, options.alg)) as CryptoKey;
  const algorithms = [options.alg];
  const server = await listen((request, response) => {
    void (async () => {
      try {
        const form = new URLSearchParams(await readBody(request));
        await jwtVerify(form.get('id_token') ?? '', key, { algorithms });
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(LAUNCHED_PAGE) });
        response.end(LAUNCHED_PAGE);
      } catch {
        response.writeHead(401, { 'content-length': 0 });
        response.end();
      }
    })();
  });
  return { info: { port: server.port }, close: server.close };
}
