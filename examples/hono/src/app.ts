// An LTI platform and an LTI tool in one Hono 4 app. Hono speaks web-standard Request/Response, so
// the LTI handlers are mounted as they are: `platform.fetch(c.req.raw)`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { type ExampleOptions, createLti, lmsPage } from '../../shared/lti.js';

export async function createApp(options: ExampleOptions): Promise<Hono> {
  const { platform, tool, startLaunch } = await createLti(options);
  const app = new Hono();
  // The LMS.
  app.get('/', (c) => c.html(lmsPage()));
  app.post('/launch', async (c) => c.redirect(await startLaunch((await c.req.parseBody()).role), 303));
  // The LTI endpoints get the request unchanged (`app.mount()` would strip the prefix they expect).
  app.all('/lms/*', (c) => platform.fetch(c.req.raw));
  app.all('/tool/*', (c) => tool.fetch(c.req.raw));
  return app;
}

/** Listens first (port 0 picks a free one), then builds the app for the origin it got. */
export async function startExample(options: { host: string; port: number; allowInsecureLoopback?: boolean }) {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port, options.host, resolve));
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  const app = await createApp({ origin, allowInsecureLoopback: options.allowInsecureLoopback ?? false });
  server.on('request', getRequestListener(app.fetch));
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return { origin, close };
}
