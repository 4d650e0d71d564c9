/**
 * The one route table of the platform (STYLE habit 6): every endpoint, its methods and its handler.
 */
export type PlatformRouteName = 'authorize' | 'return' | 'jwks' | 'openid_configuration';

export interface PlatformRoute {
  name: PlatformRouteName;
  /** Path below the platform's base URL. */
  path: string;
  methods: readonly string[];
}

export const PLATFORM_ROUTES: readonly PlatformRoute[] = [
  { name: 'authorize', path: '/lti/authorize', methods: ['GET', 'POST'] },
  { name: 'return', path: '/lti/return', methods: ['GET'] },
  { name: 'jwks', path: '/.well-known/jwks.json', methods: ['GET'] },
  { name: 'openid_configuration', path: '/.well-known/openid-configuration', methods: ['GET'] },
];

/** The route a path and method select: a route, `'method'` when the path exists but not the method, or undefined. */
export function matchRoute(path: string, method: string): PlatformRoute | 'method' | undefined {
  const route = PLATFORM_ROUTES.find((candidate) => candidate.path === path);
  if (route === undefined) return undefined;
  // HEAD is served like GET only where GET has no effect: a HEAD to the authorization endpoint
  // must not spend a single-use message hint.
  const effective = method === 'HEAD' && route.name !== 'authorize' ? 'GET' : method;
  return route.methods.includes(effective) ? route : 'method';
}

export function routePath(name: PlatformRouteName): string {
  return PLATFORM_ROUTES.find((route) => route.name === name)!.path;
}
