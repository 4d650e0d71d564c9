// The tool's launch context for unit tests of launch validation, over in-memory stores: the
// platform's key is registered as `publicJwk`, so a JWKS fetch answers 500 ("no fetch expected").
import { RemoteJwksCache } from '../../src/keys/remote_jwks.js';
import type { Clock } from '../../src/lib/clock.js';
import type { createMemoryStores } from '../../src/stores/memory.js';
import type { ToolOptions } from '../../src/tool/config.js';
import { resolveToolConfig } from '../../src/tool/create_tool.js';
import type { LaunchContext } from '../../src/tool/launch/validate_launch.js';

/** The context of a tool at https://tool.example.com/lti over `stores`, `options` merged into its options. */
export function offlineLaunchContext(stores: ReturnType<typeof createMemoryStores>, clock: Clock, options: Partial<ToolOptions> = {}): LaunchContext {
  return {
    config: resolveToolConfig({ baseUrl: 'https://tool.example.com/lti', stores, onLaunch: () => new Response(), ...options }),
    singleUse: stores.singleUse,
    platforms: stores.platforms,
    jwksCache: new RemoteJwksCache({ clock, fetch: async () => new Response('no fetch expected', { status: 500 }) }),
    clock,
  };
}
