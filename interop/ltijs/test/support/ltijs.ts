// ltijs (an independent LTI 1.3 tool library, CommonJS, untyped) as these tests use it: the slice of
// its API they call, typed here from its code (ltijs 5.9, `dist/Provider/Provider.js` and
// `dist/Provider/Services/*.js`), and one function that starts it on 127.0.0.1 over a fresh
// PostgreSQL database through ltijs-sequelize.
import { createRequire } from 'node:module';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FreshDatabase } from './fresh_database.js';

/** The context token ltijs keeps per launch (`idtoken.platformContext`), built from the id_token claims. */
export interface LtijsContextToken {
  contextId: string;
  user: string;
  path: string;
  messageType: string;
  version: string;
  roles: string[];
  targetLinkUri: string;
  context?: { id: string; label?: string; title?: string; type?: string[] };
  resource?: { id: string; title?: string; description?: string };
  custom?: Record<string, string>;
  launchPresentation?: { return_url?: string; document_target?: string };
  /** The AGS endpoint claim. */
  endpoint?: { scope: string[]; lineitems?: string; lineitem?: string };
  /** The NRPS claim. */
  namesRoles?: { context_memberships_url: string; service_versions: string[] };
  deepLinkingSettings?: {
    deep_link_return_url: string;
    accept_types: string[];
    accept_presentation_document_targets?: string[];
    accept_multiple?: boolean;
    data?: string;
  };
}

/** What ltijs hands `onConnect`, `onDeepLinking` and routes (`res.locals.token`). */
export interface LtijsIdToken {
  iss: string;
  user: string;
  userInfo: { given_name?: string; family_name?: string; name?: string; email?: string };
  platformInfo?: { guid: string; name?: string; product_family_code?: string; version?: string };
  clientId: string;
  platformId: string;
  deploymentId: string;
  platformContext: LtijsContextToken;
}

/** The slice of an express 4 request and response the tests touch. */
export interface LtijsRequest {
  query: Record<string, string | undefined>;
}
export interface LtijsResponse {
  locals: { token?: LtijsIdToken; ltik?: string };
  status(code: number): LtijsResponse;
  json(body: unknown): void;
  send(body: string): void;
}
type LtijsHandler = (request: LtijsRequest, response: LtijsResponse) => unknown;

export interface LtijsAccessToken {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

/** What `platform.platformJSON()` answers: the platform as ltijs stored it. */
export interface LtijsPlatformJson {
  /** ltijs's own id of the platform (the kid of the key pair it made for it). */
  id: string;
  url: string;
  clientId: string;
  name: string;
  authenticationEndpoint: string;
  accesstokenEndpoint: string;
  authorizationServer: string;
  authConfig: { method: string; key: string };
  publicKey: string;
  active: boolean;
}

/** A platform as ltijs stores it. */
export interface LtijsPlatform {
  /** Returns a cached token for exactly `scopes` (space-separated), or asks the platform's token endpoint. */
  platformAccessToken(scopes: string): Promise<LtijsAccessToken>;
  platformKid(): Promise<string>;
  platformJSON(): Promise<LtijsPlatformJson>;
  /** Reads the platform's status, or (given `active`) sets it: ltijs refuses logins from an inactive platform. */
  platformActive(active?: boolean): Promise<boolean>;
}

/** `setup`'s `dynReg` option: ltijs's Dynamic Registration service (`dist/Provider/Services/DynamicRegistration.js`). */
export interface LtijsDynamicRegistrationOptions {
  /** The tool's base URL; the login, app and keyset routes are built on it, `domain` is its host. */
  url: string;
  name: string;
  logo?: string;
  description?: string;
  /** Sent in `redirect_uris` before the app URL. */
  redirectUris?: string[];
  customParameters?: Record<string, string>;
  /** Default false: a platform registered dynamically stays inactive until activated. */
  autoActivate?: boolean;
  /** Default true: offers `LtiDeepLinkingRequest` too. */
  useDeepLinking?: boolean;
}

export interface LtijsLineItem {
  id?: string;
  label: string;
  scoreMaximum: number;
  resourceLinkId?: string;
  resourceId?: string;
  tag?: string;
  startDateTime?: string;
  endDateTime?: string;
}

export interface LtijsProvider {
  setup(
    encryptionKey: string,
    database: { plugin: unknown },
    options: {
      appRoute?: string;
      loginRoute?: string;
      keysetRoute?: string;
      devMode?: boolean;
      tokenMaxAge?: number | false;
      cookies?: { secure?: boolean; sameSite?: string };
      cors?: boolean;
      dynRegRoute?: string;
      dynReg?: LtijsDynamicRegistrationOptions;
    },
  ): LtijsProvider;
  deploy(options: { serverless: true; silent: boolean }): Promise<true>;
  close(options: { silent: boolean }): Promise<true>;
  registerPlatform(platform: {
    url: string;
    name: string;
    clientId: string;
    authenticationEndpoint: string;
    accesstokenEndpoint: string;
    authorizationServer?: string;
    authConfig: { method: 'JWK_SET' | 'JWK_KEY' | 'RSA_KEY'; key: string };
  }): Promise<LtijsPlatform>;
  getPlatform(url: string, clientId: string): Promise<LtijsPlatform | false>;
  getPlatform(url: string): Promise<LtijsPlatform[] | false>;
  /** Present when `setup` was given `dynReg`: fetches the configuration, registers, answers the close page. */
  DynamicRegistration?: {
    register(openidConfiguration: string, registrationToken?: string, options?: Record<string, unknown>): Promise<string>;
  };
  onConnect(callback: (token: LtijsIdToken, request: LtijsRequest, response: LtijsResponse) => unknown): true;
  onDeepLinking(callback: (token: LtijsIdToken, request: LtijsRequest, response: LtijsResponse) => unknown): true;
  onInvalidToken(callback: (request: LtijsRequest, response: LtijsResponse & { locals: { err?: unknown } }) => unknown): true;
  /** The express app: a request listener with routes. ltijs's session check runs before every route. */
  app: ((request: IncomingMessage, response: ServerResponse) => void) & { get(path: string, handler: LtijsHandler): void };
  NamesAndRoles: {
    getMembers(
      idtoken: LtijsIdToken,
      options?: { role?: string; limit?: number; pages?: number | false; url?: string; resourceLinkId?: boolean },
    ): Promise<{ id: string; context: { id: string }; members: Array<Record<string, unknown>>; next?: string; differences?: string }>;
  };
  Grade: {
    getLineItems(idtoken: LtijsIdToken, options?: { resourceLinkId?: boolean; tag?: string; limit?: number; label?: string }): Promise<{ lineItems: LtijsLineItem[]; next?: string }>;
    createLineItem(idtoken: LtijsIdToken, lineItem: LtijsLineItem, options?: { resourceLinkId?: boolean }): Promise<LtijsLineItem & { id: string }>;
    submitScore(idtoken: LtijsIdToken, lineItemId: string, score: Record<string, unknown>): Promise<Record<string, unknown>>;
    getScores(idtoken: LtijsIdToken, lineItemId: string, options?: { userId?: string }): Promise<{ scores: Array<Record<string, unknown>> }>;
  };
  DeepLinking: {
    createDeepLinkingForm(
      idtoken: LtijsIdToken,
      contentItems: Array<Record<string, unknown>>,
      options?: { message?: string; log?: string },
    ): Promise<string>;
  };
}

/** The ltijs singleton (one per process: node's test runner runs each test file in its own). */
export function loadLtijs(): LtijsProvider {
  const require = createRequire(import.meta.url);
  return (require('ltijs') as { Provider: LtijsProvider }).Provider;
}

type SequelizeDatabaseConstructor = new (
  database: string,
  user: string,
  password: string | undefined,
  options: { host: string; port: number; dialect: 'postgres'; logging: false },
) => unknown;

export interface RunningLtijs {
  lti: LtijsProvider;
  origin: string;
  /** Routes of the tool, as ltijs is configured here. */
  loginUrl: string;
  launchUrl: string;
  jwksUrl: string;
  /** ltijs's Dynamic Registration route (answers 403 unless started with `dynamicRegistration`). */
  registrationUrl: string;
  close(): Promise<void>;
}

/** Options of {@link startLtijs}. */
export interface StartLtijsOptions {
  /** ltijs's `dynReg` setup option, built from the origin it is served on. */
  dynamicRegistration?: (origin: string) => LtijsDynamicRegistrationOptions;
}

/**
 * Sets ltijs up over `database`, lets `configure` add callbacks and routes, deploys it without its
 * own server (`serverless`) and serves its express app on 127.0.0.1 (a free port, taken before the
 * setup so that `dynReg.url` can name it).
 */
export async function startLtijs(database: FreshDatabase, configure: (lti: LtijsProvider) => void, options: StartLtijsOptions = {}): Promise<RunningLtijs> {
  const app: { current?: (request: IncomingMessage, response: ServerResponse) => void } = {};
  const server: Server = createServer((request, response) => {
    if (app.current !== undefined) return app.current(request, response);
    response.statusCode = 503;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const require = createRequire(import.meta.url);
  const SequelizeDatabase = require('ltijs-sequelize') as SequelizeDatabaseConstructor;
  const plugin = new SequelizeDatabase(database.name, database.user, database.password, {
    host: database.host,
    port: database.port,
    dialect: 'postgres',
    logging: false,
  });
  const lti = loadLtijs();
  lti.setup('interop-test-cookie-and-ltik-secret', { plugin }, {
    appRoute: '/',
    loginRoute: '/login',
    keysetRoute: '/keys',
    // Over http on 127.0.0.1 the browser keeps ltijs's cookies (not `secure`, no SameSite=None);
    // devMode only relaxes a missing cookie, which these tests never have.
    devMode: true,
    cookies: { secure: false, sameSite: 'Lax' },
    ...(options.dynamicRegistration === undefined ? {} : { dynReg: options.dynamicRegistration(origin) }),
  });
  configure(lti);
  // ltijs-sequelize runs its migrations through umzug with `console` as the logger.
  const info = console.info;
  console.info = () => {};
  try {
    await lti.deploy({ serverless: true, silent: true });
  } finally {
    console.info = info;
  }
  app.current = lti.app;
  return {
    lti,
    origin,
    loginUrl: `${origin}/login`,
    launchUrl: `${origin}/`,
    jwksUrl: `${origin}/keys`,
    registrationUrl: `${origin}/register`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      // Stops ltijs-sequelize's cleanup job and closes its connection pool.
      await lti.close({ silent: true });
    },
  };
}

/**
 * Adds a GET route to the tool that runs `action` with the launch's id token (ltijs finds it from
 * the `ltik` query parameter) and answers its result as JSON, or `{ error }` with the HTTP status and
 * body of the platform's answer when ltijs's call failed.
 */
export function addJsonRoute(lti: LtijsProvider, path: string, action: (token: LtijsIdToken, request: LtijsRequest) => Promise<unknown>): void {
  lti.app.get(path, async (request, response) => {
    try {
      response.json({ result: await action(response.locals.token!, request) });
    } catch (thrown) {
      const error = thrown as Error & { response?: { statusCode?: number; body?: unknown } };
      response.status(502).json({ error: { message: error.message, status: error.response?.statusCode, body: error.response?.body } });
    }
  });
}
