/**
 * Runs the hub over HTTP with graceful shutdown: on SIGTERM or SIGINT the server stops accepting
 * connections, lets requests in flight finish (up to a deadline), then closes the database.
 */
import { type ServerType, serve } from '@hono/node-server';
import type { HubConfig } from './config.js';
import { type Hub, createHub } from './hub.js';
import type { Logger } from './logger.js';

export interface RunningHub {
  hub: Hub;
  /** The port actually bound (useful with PORT=0). */
  port: number;
  /** Stops taking connections, waits for requests in flight, closes the database. */
  stop(): Promise<void>;
}

export async function startHub(config: HubConfig, logger: Logger, options: { shutdownGraceMs?: number } = {}): Promise<RunningHub> {
  const hub = await createHub(config, logger);
  let server: ServerType;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: hub.fetch, port: config.port, hostname: config.host }, (info) => resolve(info.port));
    server.once('error', reject);
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const grace = options.shutdownGraceMs ?? 10_000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          // Requests still running past the deadline are cut off rather than waited for forever.
          if ('closeAllConnections' in server) server.closeAllConnections();
          resolve();
        }, grace);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await hub.close();
    })();
    return stopping;
  };
  return { hub, port, stop };
}
