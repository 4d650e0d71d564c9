// An LTI platform and an LTI tool in one Express 5 server. Both are web-standard handlers
// (`fetch(request) => Promise<Response>`); toWebRequest and sendWebResponse below bridge them.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from 'express';
import { type ExampleOptions, createLti, lmsPage } from '../../shared/lti.js';

export async function createApp(options: ExampleOptions): Promise<express.Express> {
  const { platform, tool, startLaunch } = await createLti(options);
  const lti = (handler: (request: Request) => Promise<Response>) => async (req: ExpressRequest, res: ExpressResponse) =>
    sendWebResponse(res, await handler(toWebRequest(req, options.origin)));

  const app = express();
  // The LMS (app routes: a body parser is fine here).
  app.get('/', (_req, res) => {
    res.type('html').send(lmsPage());
  });
  app.post('/launch', express.urlencoded({ extended: false }), async (req, res) => {
    res.redirect(303, await startLaunch(req.body?.role));
  });
  // The LTI endpoints read the raw body themselves: mount them before any global body parser.
  app.use('/lms', lti(platform.fetch));
  app.use('/tool', lti(tool.fetch));
  return app;
}

/** Node request → web Request. The URL uses the configured public origin, not the Host header. */
export function toWebRequest(req: ExpressRequest, origin: string): Request {
  const headers = new Headers();
  for (let index = 0; index < req.rawHeaders.length; index += 2) headers.append(req.rawHeaders[index]!, req.rawHeaders[index + 1]!);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.originalUrl, origin), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    duplex: 'half', // Node's fetch requires it for a streamed body.
  } as RequestInit);
}

/** Web Response → Express: status, every header (each Set-Cookie separately) and the body. */
export async function sendWebResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.status(response.status);
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  // LTI pages and JSON are small: buffer rather than stream.
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Listens first (port 0 picks a free one), then builds the app for the origin it got. */
export async function startExample(options: { host: string; port: number; allowInsecureLoopback?: boolean }) {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port, options.host, resolve));
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  server.on('request', await createApp({ origin, allowInsecureLoopback: options.allowInsecureLoopback ?? false }));
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return { origin, close };
}
