/**
 * The name of one platform endpoint in {@link PLATFORM_ROUTES}: the authorization endpoint
 * (OIDC-014), the return URL (RET-001), the JWKS (SEC-005), the OpenID configuration (DR-012) and
 * the Dynamic Registration endpoint (DR-020).
 *
 * @example
 * ```ts
 * const name: PlatformRouteName = 'jwks';
 * ```
 */
export type PlatformRouteName =
  | 'authorize'
  | 'return'
  | 'deep_linking_return'
  | 'token'
  | 'jwks'
  | 'openid_configuration'
  | 'registration'
  | 'ags_line_items'
  | 'ags_line_item'
  | 'ags_scores'
  | 'ags_results'
  | 'nrps_memberships'
  | 'lti11_outcomes';

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
  // DL-020: the browser POSTs the tool's Deep Linking response (`JWT`) here.
  { name: 'deep_linking_return', path: '/lti/deep-linking/return', methods: ['POST'] },
  { name: 'token', path: '/lti/token', methods: ['POST'] },
  { name: 'jwks', path: '/.well-known/jwks.json', methods: ['GET'] },
  { name: 'openid_configuration', path: '/.well-known/openid-configuration', methods: ['GET'] },
  // DR-020: tools POST their client registration here, with the registration token.
  { name: 'registration', path: '/lti/register', methods: ['POST'] },
  // Services: `:name` segments are parameters (one path segment each, URL-encoded).
  { name: 'ags_line_items', path: '/lti/contexts/:contextId/lineitems', methods: ['GET', 'POST'] },
  { name: 'ags_line_item', path: '/lti/contexts/:contextId/lineitems/:lineItemId', methods: ['GET', 'PUT', 'DELETE'] },
  { name: 'ags_scores', path: '/lti/contexts/:contextId/lineitems/:lineItemId/scores', methods: ['POST'] },
  { name: 'ags_results', path: '/lti/contexts/:contextId/lineitems/:lineItemId/results', methods: ['GET'] },
  { name: 'nrps_memberships', path: '/lti/contexts/:contextId/memberships', methods: ['GET'] },
  // BO-001: LTI 1.1 tools POST their signed POX Basic Outcomes requests here (`lis_outcome_service_url`).
  { name: 'lti11_outcomes', path: '/lti/lti11/outcomes', methods: ['POST'] },
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
export function matchRoute(path: string, method: string): RouteMatch | 'method' | undefined {
  let found: RouteMatch | undefined;
  for (const candidate of PLATFORM_ROUTES) {
    const params = matchPath(candidate.path, path);
    if (params !== undefined) {
      found = { ...candidate, params };
      break;
    }
  }
  if (found === undefined) return undefined;
  // HEAD is served like GET only where GET has no effect: a HEAD to the authorization endpoint
  // must not spend a single-use message hint.
  const effective = method === 'HEAD' && found.name !== 'authorize' ? 'GET' : method;
  return found.methods.includes(effective) ? found : 'method';
}

/** A matched route with its path parameters, decoded. */
export interface RouteMatch extends PlatformRoute {
  params: Record<string, string>;
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  if (!pattern.includes(':')) return pattern === path ? {} : undefined;
  const expected = pattern.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < expected.length; index++) {
    const part = expected[index]!;
    const value = actual[index]!;
    if (part.startsWith(':')) {
      if (value === '') return undefined;
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    } else if (part !== value) return undefined;
  }
  return params;
}

/** A service URL: the route's path with its parameters filled in (each URL-encoded). */
export function servicePath(name: PlatformRouteName, params: Record<string, string>): string {
  return routePath(name).replace(/:([A-Za-z]+)/g, (_match, key: string) => encodeURIComponent(params[key] ?? ''));
}

export function routePath(name: PlatformRouteName): string {
  return PLATFORM_ROUTES.find((route) => route.name === name)!.path;
}
