// An LTI platform and an LTI tool in one Fastify 5 server. Both are web-standard handlers
// (`fetch(request) => Promise<Response>`); toWebRequest and sendWebResponse below bridge them.
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { type ExampleOptions, createLti, lmsPage } from '../../shared/lti.js';

export async function createApp(options: ExampleOptions, server?: Server): Promise<FastifyInstance> {
  const { platform, tool, startLaunch } = await createLti(options);
  // With `server`, Fastify serves requests on a server that is already listening.
  const app = Fastify(server === undefined ? {} : { serverFactory: (handler) => server.on('request', handler) });

  // The LMS (app routes: Fastify parses their form body).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(lmsPage()));
  app.post<{ Body: { role?: string } }>('/launch', async (request, reply) => reply.redirect(await startLaunch(request.body.role), 303));

  // The LTI endpoints read the raw body themselves. In this encapsulated plugin no parser consumes
  // it: every content type is accepted and left as the untouched stream on request.raw.
  await app.register(async (lti) => {
    lti.removeAllContentTypeParsers();
    lti.addContentTypeParser('*', (_request, _payload, done) => done(null));
    lti.all('/lms/*', async (request, reply) => sendWebResponse(reply, await platform.fetch(toWebRequest(request.raw, options.origin))));
    lti.all('/tool/*', async (request, reply) => sendWebResponse(reply, await tool.fetch(toWebRequest(request.raw, options.origin))));
  });
  return app;
}

/** Node request → web Request. The URL uses the configured public origin, not the Host header. */
export function toWebRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (let index = 0; index < req.rawHeaders.length; index += 2) headers.append(req.rawHeaders[index]!, req.rawHeaders[index + 1]!);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    duplex: 'half', // Node's fetch requires it for a streamed body.
  } as RequestInit);
}

/** Web Response → Fastify reply: status, every header (each Set-Cookie separately) and the body. */
export async function sendWebResponse(reply: FastifyReply, response: Response): Promise<FastifyReply> {
  reply.code(response.status);
  for (const [name, value] of response.headers) if (name !== 'set-cookie') reply.header(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) reply.header('set-cookie', cookies);
  // LTI pages and JSON are small: buffer rather than stream.
  return reply.send(Buffer.from(await response.arrayBuffer()));
}

/** Listens first (port 0 picks a free one), then builds the app for the origin it got. */
export async function startExample(options: { host: string; port: number; allowInsecureLoopback?: boolean }) {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port, options.host, resolve));
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  const app = await createApp({ origin, allowInsecureLoopback: options.allowInsecureLoopback ?? false }, server);
  await app.ready();
  const close = async () => {
    await app.close(); // runs Fastify's onClose hooks; the server is ours to close
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  };
  return { origin, close };
}
