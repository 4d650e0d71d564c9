// LTI 1.1 launches for tests: a platform's signed form (OAuth 1.0a over the tool's public launch
// URL, L11-001) posted as a web-standard Request, to any URL (a proxy's internal one, say).
import type { OAuthParameter, OAuthSignatureMethod } from '../../src/lib/oauth1_signature.js';
import { signOAuth1Request } from '../../src/lib/oauth1_request.js';

export const LTI11_CONSUMER_KEY = 'ck-123';
export const LTI11_SECRET = 's3cr3t';

/** The usual fields of a basic launch (lti11.md §1.1, §1.2). */
export function basicLaunchFields(overrides: Record<string, string> = {}): OAuthParameter[] {
  const fields: Record<string, string> = {
    lti_message_type: 'basic-lti-launch-request',
    lti_version: 'LTI-1p0',
    resource_link_id: 'rl-42',
    resource_link_title: 'Week 3 quiz',
    user_id: 'u-7',
    roles: 'Instructor',
    context_id: 'ctx-1',
    context_title: 'Calculus I',
    ...overrides,
  };
  return Object.entries(fields);
}

export interface SignedLaunchOptions {
  /** The URL the platform signs (the tool's public launch URL, with any query). */
  signedUrl: string;
  /** Where the request is sent; default `signedUrl` (a proxy rewrites it to an internal URL). */
  requestUrl?: string;
  consumerKey?: string;
  secret?: string;
  timestamp: number;
  nonce?: string;
  signatureMethod?: OAuthSignatureMethod;
  headers?: Record<string, string>;
}

/** The form with its `oauth_*` parameters, signed over `signedUrl` (its query included). */
export async function signLaunchForm(fields: readonly OAuthParameter[], options: SignedLaunchOptions): Promise<OAuthParameter[]> {
  const oauth = await signOAuth1Request({
    method: 'POST',
    url: options.signedUrl,
    parameters: fields,
    consumerKey: options.consumerKey ?? LTI11_CONSUMER_KEY,
    consumerSecret: options.secret ?? LTI11_SECRET,
    timestamp: options.timestamp,
    nonce: options.nonce ?? crypto.randomUUID(),
    callback: 'about:blank',
    ...(options.signatureMethod === undefined ? {} : { signatureMethod: options.signatureMethod }),
  });
  return [...fields, ...oauth];
}

/** A form body as a browser encodes it (`+` for spaces, UTF-8 percent-encoded). */
export function formBody(parameters: readonly OAuthParameter[]): string {
  return new URLSearchParams(parameters.map(([name, value]) => [name, value])).toString();
}

/** A POST of `parameters` as a form to `url`. */
export function formRequest(url: string, parameters: readonly OAuthParameter[], headers: Record<string, string> = {}): Request {
  return new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: formBody(parameters) });
}

/** A signed launch request. */
export async function signedLaunchRequest(fields: readonly OAuthParameter[], options: SignedLaunchOptions): Promise<Request> {
  const signed = await signLaunchForm(fields, options);
  const requestUrl = options.requestUrl ?? options.signedUrl;
  return formRequest(requestUrl, signed, options.headers);
}
