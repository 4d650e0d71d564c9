/**
 * The name of one platform endpoint in {@link PLATFORM_ROUTES}: the authorization endpoint
 * (OIDC-014), the return URL (RET-001), the JWKS (SEC-005) and the OpenID configuration (DR-012).
 *
 * @example
 * ```ts
 * const name: PlatformRouteName = 'jwks';
 * ```
 */
export type PlatformRouteName = 'authorize' | 'return' | 'token' | 'jwks' | 'openid_configuration';

/**
 * One endpoint of the platform: its name, its path below the base URL and the methods it accepts
 * (GET and POST at the authorization endpoint, OIDC-014).
 *
 * @example
 * ```ts
 * const route: PlatformRoute = { name: 'return', path: '/lti/return', methods: ['GET'] };
 * ```
 */
export interface PlatformRoute {
  name: PlatformRouteName;
  /** Path below the platform's base URL. */
  path: string;
  methods: readonly string[];
}

/**
 * The one route table of the platform (STYLE habit 6): every endpoint, its path and its methods.
 * Frameworks mount these paths; the OpenID configuration publishes their URLs (DR-012).
 *
 * @example
 * ```ts
 * for (const route of PLATFORM_ROUTES) app.on([...route.methods], route.path, (c) => platform.fetch(c.req.raw));
 * ```
 */
export const PLATFORM_ROUTES: readonly PlatformRoute[] = [
  { name: 'authorize', path: '/lti/authorize', methods: ['GET', 'POST'] },
  { name: 'return', path: '/lti/return', methods: ['GET'] },
  { name: 'token', path: '/lti/token', methods: ['POST'] },
  { name: 'jwks', path: '/.well-known/jwks.json', methods: ['GET'] },
  { name: 'openid_configuration', path: '/.well-known/openid-configuration', methods: ['GET'] },
];

/**
 * The route a path and method select: a route, `'method'` when the path exists but not the method, or
 * undefined. HEAD is never served at the authorization endpoint, where it would spend a single-use
 * message hint (CORE-023).
 *
 * @example
 * ```ts
 * matchRoute('/lti/authorize', 'POST'); // the authorize route
 * matchRoute('/lti/return', 'POST'); // 'method' (405)
 * ```
 */
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
