// One server under test, in its own process so that it has a core's worth of event loop to itself
// and the load generator's work never runs on its thread. Driven by run.ts over IPC.
import { PerformanceObserver } from 'node:perf_hooks';
import type { BenchServer, DriverMessage, ServerMessage, StartOptions } from './protocol.js';
import { startPlatformAdapter } from './servers/platform_adapter.js';
import { startPlatformCeiling } from './servers/platform_ceiling.js';
import { startPlatformLtikit } from './servers/platform_ltikit.js';
import { startToolAdapter } from './servers/tool_adapter.js';
import { startToolCeiling } from './servers/tool_ceiling.js';
import { startToolLtikit } from './servers/tool_ltikit.js';
import { startProfiler, stopProfiler } from './profiler.js';

function start(options: StartOptions): Promise<BenchServer> {
  switch (options.role) {
    case 'tool-ceiling':
      return startToolCeiling(options);
    case 'tool-adapter':
      return startToolAdapter(options);
    case 'tool-ltikit':
      return startToolLtikit(options);
    case 'platform-ceiling':
      return startPlatformCeiling(options);
    case 'platform-adapter':
      return startPlatformAdapter(options);
    case 'platform-ltikit':
      return startPlatformLtikit(options);
  }
}

function reply(message: ServerMessage): void {
  process.send?.(message);
}

let server: BenchServer | undefined;
let cpuAtStart: NodeJS.CpuUsage | undefined;
/** Time spent in garbage-collection pauses of the main thread during the current run. */
let gcMicros = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMicros += entry.duration * 1000;
}).observe({ entryTypes: ['gc'] });

async function handle(message: DriverMessage): Promise<void> {
  switch (message.type) {
    case 'start':
      server = await start(message.options);
      reply({ type: 'started', info: server.info });
      return;
    case 'prepare':
      if (server?.prepare === undefined) throw new Error('This server prepares nothing');
      reply({ type: 'prepared', items: await server.prepare(message.count) });
      return;
    case 'run-start':
      if (message.profile) await startProfiler();
      gcMicros = 0;
      cpuAtStart = process.cpuUsage();
      reply({ type: 'run-started' });
      return;
    case 'run-stop': {
      const used = process.cpuUsage(cpuAtStart);
      // GC entries are delivered asynchronously: let the last ones of the run arrive.
      await new Promise((resolve) => setImmediate(resolve));
      const gc = gcMicros;
      if (message.profileFile !== undefined) await stopProfiler(message.profileFile);
      reply({ type: 'run-stopped', userMicros: used.user, systemMicros: used.system, gcMicros: gc });
      return;
    }
    case 'stats':
      reply({ type: 'stats', stats: server?.stats?.() ?? {} });
      return;
    case 'stop':
      await server?.close();
      process.exit(0);
  }
}

// A driver that dies (Ctrl-C, a crash) must not leave servers behind.
process.on('disconnect', () => process.exit(0));

process.on('message', (message: DriverMessage) => {
  handle(message).catch((error: unknown) => reply({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
