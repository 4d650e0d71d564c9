// Serves a web-standard fetch handler on 127.0.0.1 (a free port) for tests that are about sockets.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';

export interface TestServer {
  origin: string;
  /** Requests served, by path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** Starts a server whose handler is set later (URLs often need the port first). */
export async function serve(handler: { current: (request: Request) => Promise<Response> | Response }): Promise<TestServer> {
  const hits = new Map<string, number>();
  const listener = getRequestListener(async (request: Request) => {
    const path = new URL(request.url).pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    return handler.current(request);
  });
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
