/**
 * Registering an LTI 1.0/1.1 tool on the platform: its launch URL, consumer key and shared secret
 * (OA-006), the personal data its launches may carry (MSG-004 applied to 1.1), and — for migration
 * continuity — the client id (and deployment id) the tool will have once it moves to LTI 1.3.
 *
 * Every 1.1 grade is stored in the AGS store under that reserved client id from the first one on.
 * Upgrading the tool later is registering it for 1.3 under the same client id with
 * `lti11ConsumerKey` set (`platform.registerTool({ clientId: credential.lti13.clientId,
 * deploymentIds: credential.lti13.deploymentIds, lti11ConsumerKey: credential.consumerKey, … })`):
 * its AGS calls then see the line items and grades the 1.1 tool wrote, with no data to move, and
 * its launches carry the `lti1p1` claim (MIG-001, MIG-002, MIG-005).
 *
 * @example
 * ```ts
 * const tool = await platform.lti11.registerTool({ name: 'Legacy quiz', launchUrl: 'https://quiz.example.com/lti' });
 * show(tool.consumerKey, tool.secret); // once: the secret is generated (32 random bytes)
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (OA-006), https://www.imsglobal.org/spec/lti/v1p3/migr (MIG-005)
 */
import { LtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { checkHttpsUrlField, fieldFailure } from '../../lib/check_field.js';
import { randomId, randomToken } from '../../lib/random.js';
import type { Lti11Credential, Lti11CredentialStore, PersonalDataClaim } from '../../stores/types.js';
import { OIDC_PERSONAL_CLAIMS } from '../../vocab/claims.js';

/**
 * What an administrator supplies to register an LTI 1.1 tool with `platform.lti11.registerTool()`.
 * The consumer key and secret are generated when absent: give them to move an existing 1.1
 * integration over as it is.
 *
 * @example
 * ```ts
 * const input: Lti11ToolInput = { name: 'Legacy quiz', launchUrl: 'https://quiz.example.com/lti', claims: ['name'],
 *   customParameters: { 'Chapter-No': '3' } };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-001, L11-003, OA-006)
 */
export interface Lti11ToolInput {
  name: string;
  /** The tool's launch URL: https (plain http on loopback only with `allowInsecureLoopback`). */
  launchUrl: string;
  /** Default: a generated UUID. Unique among the platform's 1.1 tools. */
  consumerKey?: string;
  /** Default: 32 random bytes, base64url. */
  secret?: string;
  /** Sent on every launch as `custom_<name>` (L11-003), substituted like 1.3 custom parameters. */
  customParameters?: Record<string, string>;
  /** Personal data the launches may carry (MSG-004); none by default. */
  claims?: PersonalDataClaim[];
  /** The client id reserved for the tool's LTI 1.3 registration (its grades are stored under it). Default: a generated UUID. */
  clientId?: string;
  /** The deployment id reserved for the tool's LTI 1.3 registration. Default: a generated UUID. */
  deploymentId?: string;
}

const invalid: (field: string, message: string) => never = fieldFailure('ERR_LTI11_TOOL_REGISTRATION_INVALID');

/** Printable text without control characters, 1 to `max` characters, not only spaces. */
function checkText(field: string, value: unknown, max: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (typeof value !== 'string' || value.trim() === '' || value.length > max || /[\u0000-\u001f\u007f]/.test(value)) {
    invalid(field, `must be 1 to ${max} characters of text, without control characters.`);
  }
  return value;
}

/**
 * Checks an LTI 1.1 tool registration and fills in the generated values (consumer key, a secret of
 * 32 random bytes, the reserved 1.3 client and deployment ids). Throws
 * `ERR_LTI11_TOOL_REGISTRATION_INVALID` naming the first bad field. Uniqueness of the consumer key
 * is checked by {@link registerLti11Tool}, against the store.
 *
 * @example
 * ```ts
 * const credential = checkLti11ToolRegistration({ name: 'Legacy quiz', launchUrl: 'https://quiz.example.com/lti' }, { allowInsecureLoopback: false, now: 1767225600 });
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (OA-006, MIG-005)
 */
export function checkLti11ToolRegistration(input: Lti11ToolInput, options: { allowInsecureLoopback: boolean; now: number }): Lti11Credential {
  if (typeof input !== 'object' || input === null) invalid('registration', 'must be an object.');
  const name = checkText('name', input.name, 255).trim();
  const launchUrl = checkHttpsUrlField(invalid, 'launchUrl', input.launchUrl, options.allowInsecureLoopback);
  const consumerKey = input.consumerKey === undefined ? randomId() : checkText('consumerKey', input.consumerKey, 255);
  const secret = input.secret === undefined ? randomToken(32) : checkText('secret', input.secret, 1024);
  const clientId = input.clientId === undefined ? randomId() : checkText('clientId', input.clientId, 255);
  const deploymentId = input.deploymentId === undefined ? randomId() : checkText('deploymentId', input.deploymentId, 255);
  const custom = input.customParameters ?? {};
  if (typeof custom !== 'object' || custom === null || Array.isArray(custom)) invalid('customParameters', 'must be an object of strings.');
  for (const [key, value] of Object.entries(custom)) {
    if (typeof value !== 'string') invalid(`customParameters.${key}`, 'must be a string.');
    // L11-003: the name becomes `custom_` + its letters and digits; a name with none would be `custom_`.
    if (!/[A-Za-z0-9]/.test(key)) invalid(`customParameters.${key}`, 'must contain a letter or a digit.');
  }
  const allowedClaims = new Set<string>(OIDC_PERSONAL_CLAIMS);
  const claims = input.claims ?? [];
  if (!Array.isArray(claims)) invalid('claims', 'must be a list.');
  for (const [index, claim] of claims.entries()) {
    if (!allowedClaims.has(claim)) invalid(`claims[${index}]`, `is not one of ${[...allowedClaims].join(', ')}.`);
  }
  return {
    consumerKey,
    secret,
    name,
    launchUrl,
    ...(Object.keys(custom).length === 0 ? {} : { customParameters: { ...custom } }),
    claims: [...new Set(claims)],
    lti13: { clientId, deploymentIds: [deploymentId] },
    createdAt: options.now,
  };
}

/**
 * Checks and stores an LTI 1.1 tool (see {@link checkLti11ToolRegistration}); refuses a consumer key
 * already registered with `ERR_LTI11_CONSUMER_KEY_TAKEN`. Returns the stored credential, secret
 * included: show it to the administrator once.
 *
 * @example
 * ```ts
 * const credential = await registerLti11Tool(input, { store: stores.lti11, allowInsecureLoopback: false, clock });
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (OA-006)
 */
export async function registerLti11Tool(
  input: Lti11ToolInput,
  options: { store: Lti11CredentialStore; allowInsecureLoopback: boolean; clock: Clock },
): Promise<Lti11Credential> {
  const credential = checkLti11ToolRegistration(input, { allowInsecureLoopback: options.allowInsecureLoopback, now: options.clock.now() });
  // Insert-only: a key registered concurrently is refused, never overwritten with another secret.
  if (!(await options.store.createCredential(credential))) {
    throw new LtiError('ERR_LTI11_CONSUMER_KEY_TAKEN', { detail: { field: 'consumerKey', consumerKey: credential.consumerKey } });
  }
  return credential;
}
