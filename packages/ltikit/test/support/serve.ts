// Serves a web-standard fetch handler on 127.0.0.1 (a free port) for tests that are about sockets,
// or two: a platform's and a tool's.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';

type Handler = (request: Request) => Promise<Response> | Response;

export interface TestServer {
  origin: string;
  /** Requests served, by path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** Starts a server whose handler is set later (URLs often need the port first). */
export async function serve(handler: { current: Handler }): Promise<TestServer> {
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

/** A platform's server and a tool's server, both answering 503 until {@link ServerPair.route} gives them handlers. */
export interface ServerPair {
  platformServer: TestServer;
  toolServer: TestServer;
  /** Sets what answers on each server given (the handlers are often built once both ports are known). */
  route(handlers: { platform?: Handler; tool?: Handler }): void;
  close(): Promise<void>;
}

/** Starts a platform's server and a tool's server on 127.0.0.1. */
export async function servePair(): Promise<ServerPair> {
  const unavailable: Handler = () => new Response(null, { status: 503 });
  const platformHandler = { current: unavailable };
  const toolHandler = { current: unavailable };
  const platformServer = await serve(platformHandler);
  const toolServer = await serve(toolHandler);
  return {
    platformServer,
    toolServer,
    route(handlers) {
      if (handlers.platform !== undefined) platformHandler.current = handlers.platform;
      if (handlers.tool !== undefined) toolHandler.current = handlers.tool;
    },
    close: async () => {
      await platformServer.close();
      await toolServer.close();
    },
  };
}
