// Ceiling of the platform authorization endpoint: node:http, parse the query, jose `SignJWT` of
// the same claims ltikit's platform signs (nonce, subject and times from the request) with a key
// generated once, and answer the auto-submitting form page. No client, redirect URI or message
// hint checks, no store.
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { BenchServer, StartOptions } from '../protocol.js';
import { escapeAttribute, listen } from './listen.js';

export interface IdTokenSigner {
  publicJwk: JWK;
  /** Signs the template claims with this request's subject, nonce and times. */
  sign(query: URLSearchParams): Promise<string>;
}

export async function createIdTokenSigner(options: StartOptions): Promise<IdTokenSigner> {
  if (options.claimsTemplate === undefined) throw new Error('The platform ceiling needs the claims template');
  const template = options.claimsTemplate;
  const { privateKey, publicKey } = await generateKeyPair(options.alg, { modulusLength: 2048 });
  const kid = crypto.randomUUID();
  const header = { alg: options.alg, kid };
  return {
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: options.alg },
    sign: (query) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ ...template, sub: query.get('login_hint') ?? '', nonce: query.get('nonce') ?? '', iat: now, exp: now + 300 })
        .setProtectedHeader(header)
        .sign(privateKey);
    },
  };
}

export function authorizationPage(query: URLSearchParams, idToken: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Launching…</title></head><body><form method="post" action="${escapeAttribute(query.get('redirect_uri') ?? '')}"><input type="hidden" name="id_token" value="${idToken}"><input type="hidden" name="state" value="${escapeAttribute(query.get('state') ?? '')}"><button type="submit">Continue</button></form><script>document.forms[0].submit();</script></body></html>`;
}

export async function startPlatformCeiling(options: StartOptions): Promise<BenchServer> {
  const signer = await createIdTokenSigner(options);
  const server = await listen((request, response) => {
    void (async () => {
      const url = request.url ?? '';
      const query = new URLSearchParams(url.slice(url.indexOf('?') + 1));
      const page = authorizationPage(query, await signer.sign(query));
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(page) });
      response.end(page);
    })();
  });
  return { info: { port: server.port, publicJwk: signer.publicJwk }, close: server.close };
}
