/**
 * `npm start`: reads the configuration, opens the database (migrating and seeding it on the first
 * start), serves the hub and prints the URL to open. A bad configuration prints one line and exits 1.
 */
import { SqlStoreError } from '@ltikit/store-sql';
import { HubConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startHub } from './server.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof HubConfigError) fail(`ltikit hub: ${error.message}`);
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let running: Awaited<ReturnType<typeof startHub>>;
  try {
    running = await startHub(config, logger);
  } catch (error) {
    if (error instanceof SqlStoreError) fail(`ltikit hub: DATABASE_URL: ${error.message}`);
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') fail(`ltikit hub: PORT: ${config.port} is already in use on ${config.host}.`);
    if (error instanceof Error && 'code' in error && error.code === 'EACCES') fail(`ltikit hub: PORT: not allowed to listen on ${config.host}:${config.port}.`);
    throw error;
  }
  const url = config.publicUrl;
  logger.info({ url, mode: config.mode, database: running.hub.database.dialect, port: running.port }, 'hub started');
  process.stdout.write(`\nltikit hub (${config.mode} mode, ${running.hub.database.dialect}) is running.\nOpen ${url}/ in your browser.\n\n`);
  let signalled = false;
  const shutdown = (signal: string): void => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

function fail(line: string): never {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`ltikit hub: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
