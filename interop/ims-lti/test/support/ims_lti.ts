// ims-lti (an independent LTI 1.1 tool provider library, CommonJS, untyped) as these tests use it:
// the slice of its API they call, typed from its code (ims-lti 3.0.2, `lib/provider.js`,
// `lib/extensions/outcomes.js`), and a tool built on it: a node:http server whose launch URL hands
// the request and its parsed form to `provider.valid_request`, as an express app would.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

/** ims-lti's outcome service (`provider.outcome_service`), present when the launch carried outcomes. */
export interface ImsLtiOutcomeService {
  service_url: string;
  source_did: string;
  send_replace_result(score: number, callback: (error: Error | null, result: boolean) => void): void;
  send_read_result(callback: (error: Error | null, score: number | false) => void): void;
  send_delete_result(callback: (error: Error | null, result: boolean) => void): void;
}

/** `new lti.Provider(key, secret)` after `valid_request`: the launch as ims-lti read it. */
export interface ImsLtiProvider {
  valid_request(request: IncomingMessage, body: Record<string, unknown>, callback: (error: Error | null, valid: boolean) => void): void;
  body: Record<string, unknown>;
  userId: string | undefined;
  username: string;
  student: boolean;
  instructor: boolean;
  context_id: string | undefined;
  context_title: string | undefined;
  outcome_service: ImsLtiOutcomeService | false;
}

/** ims-lti's nonce store (`lti.Stores.MemoryStore`): nonces seen, each kept five minutes. */
export interface ImsLtiNonceStore {
  isNonceStore(): boolean;
}

interface ImsLti {
  Provider: new (consumerKey: string, consumerSecret: string, nonceStore?: ImsLtiNonceStore) => ImsLtiProvider;
  Stores: { MemoryStore: new () => ImsLtiNonceStore };
  /** Error classes; a platform's `failure` answer arrives as an `OutcomeResponseError` carrying its description. */
  Errors: { OutcomeResponseError: new (message: string) => Error; ParameterError: new (message: string) => Error };
  supported_versions: string[];
}

export const lti = createRequire(import.meta.url)('ims-lti') as ImsLti;

/** One launch the tool received: ims-lti's verdict and the provider it validated with. */
export interface ImsLtiLaunch {
  valid: boolean;
  error: Error | null;
  provider: ImsLtiProvider;
}

/** A tool built on ims-lti, on 127.0.0.1, with one consumer key and secret. */
export interface ImsLtiTool {
  launchUrl: string;
  launches: ImsLtiLaunch[];
  /** Sets the key and secret the tool validates with (known once the platform registered it). */
  trust(consumerKey: string, consumerSecret: string): void;
  close(): Promise<void>;
}

export async function startImsLtiTool(): Promise<ImsLtiTool> {
  const launches: ImsLtiLaunch[] = [];
  let credential: { key: string; secret: string } | undefined;
  // One nonce store for every launch, as a tool keeps one per process (ims-lti's default is one per Provider).
  const nonces = new lti.Stores.MemoryStore();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url?.split('?')[0] !== '/lti/launch' || credential === undefined) {
        response.writeHead(404).end();
        return;
      }
      // What body-parser's urlencoded parser gives an express app.
      const body = parseQuery(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const provider = new lti.Provider(credential.key, credential.secret, nonces);
      provider.valid_request(request, body, (error, valid) => {
        launches.push({ valid, error, provider });
        response.writeHead(valid ? 200 : 401, { 'content-type': 'text/plain' }).end(valid ? `Hello ${provider.username}` : `Invalid: ${error?.message}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    launchUrl: `http://127.0.0.1:${port}/lti/launch`,
    launches,
    trust: (key, secret) => {
      credential = { key, secret };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** An ims-lti callback API as a promise. */
export function promised<T>(call: (callback: (error: Error | null, result: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => call((error, result) => (error ? reject(error) : resolve(result))));
}
