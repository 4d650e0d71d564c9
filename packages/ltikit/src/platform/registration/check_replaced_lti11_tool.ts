/**
 * A Dynamic Registration that replaces an LTI 1.1 tool (DR-050, MIG-008): the administrator chooses,
 * before the tool registers, which 1.1 tool the registration continues, because the client id the
 * platform answers with is what the tool stores. The registration is then made under the client id
 * and deployment(s) reserved when the 1.1 tool was registered (`credential.lti13`), with
 * `lti11ConsumerKey` naming its key: the tool's links, the grades its 1.1 version sent (stored
 * under that client id) and the `lti1p1` launch claim all continue (MIG-001, MIG-002, MIG-005).
 *
 * @example
 * ```ts
 * const { token, replaces } = await platform.createRegistrationToken({ requestedBy: adminId, replaces: { consumerKey: 'ck-quiz' } });
 * replaces?.clientId; // the client id the tool will be registered under
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-050), https://www.imsglobal.org/spec/lti/v1p3/migr (MIG-005)
 */
import { LtiError } from '../../errors.js';
import type { Lti11Credential, Lti11CredentialStore, ToolRegistrationStore } from '../../stores/types.js';

/**
 * Which LTI 1.1 tool a registration token's registration replaces (DR-050): its consumer key in
 * `stores.lti11`.
 *
 * @example
 * ```ts
 * const replaces: ReplacesLti11Tool = { consumerKey: 'ck-quiz' };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-050)
 */
export interface ReplacesLti11Tool {
  consumerKey: string;
}

/**
 * The LTI 1.1 tool a registration replaces, as checked when the token was created: the client id
 * and deployments its 1.3 registration will have, and its name for the administrator.
 *
 * @example
 * ```ts
 * const { replaces } = await platform.createRegistrationToken({ replaces: { consumerKey: 'ck-quiz' } });
 * show(`Registers as the LTI 1.3 version of ${replaces?.name} (client id ${replaces?.clientId})`);
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-050), https://www.imsglobal.org/spec/lti/v1p3/migr (MIG-005)
 */
export interface ReplacedLti11Tool {
  consumerKey: string;
  /** The client id reserved for the tool's LTI 1.3 registration; its 1.1 grades are stored under it. */
  clientId: string;
  /** The reserved deployment ids; when none was reserved, the registration gets a generated one. */
  deploymentIds: string[];
  name?: string;
}

/** What the checks read: the platform's tools and LTI 1.1 credentials. */
export interface ReplacedLti11ToolContext {
  tools: ToolRegistrationStore;
  lti11: Lti11CredentialStore | undefined;
}

/** The consumer key of a `replaces` option: a non-empty string of at most 255 characters. */
function consumerKeyOf(replaces: unknown): string {
  const consumerKey = typeof replaces === 'object' && replaces !== null ? (replaces as { consumerKey?: unknown }).consumerKey : undefined;
  if (typeof consumerKey !== 'string' || consumerKey === '' || consumerKey.length > 255) {
    throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', { message: 'replaces.consumerKey must be the consumer key of an LTI 1.1 tool (1 to 255 characters).' });
  }
  return consumerKey;
}

function requireLti11Store(context: ReplacedLti11ToolContext): Lti11CredentialStore {
  if (context.lti11 === undefined) throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', { message: 'Replacing an LTI 1.1 tool needs `stores.lti11` (its consumer key and reserved client id).' });
  return context.lti11;
}

/** The reserved ids of a credential; `undefined` when it reserved no client id. */
function reservationOf(credential: Lti11Credential): ReplacedLti11Tool | undefined {
  const clientId = credential.lti13?.clientId;
  if (typeof clientId !== 'string' || clientId === '') return undefined;
  return {
    consumerKey: credential.consumerKey,
    clientId,
    deploymentIds: [...(credential.lti13?.deploymentIds ?? [])],
    ...(credential.name === undefined ? {} : { name: credential.name }),
  };
}

/**
 * DR-050, checked when the registration token is created: the 1.1 tool exists in `stores.lti11`
 * (`ERR_LTI11_TOOL_UNKNOWN`), has a reserved LTI 1.3 client id
 * (`ERR_LTI_DR_REPLACED_TOOL_NOT_RESERVED`), and no active tool holds that client id already
 * (`ERR_LTI_DR_REPLACED_CLIENT_ID_TAKEN`: it was upgraded). A registration still waiting for review
 * under it does not stop the token (the administrator may reject it first); the registration
 * endpoint refuses to register over it.
 *
 * @example
 * ```ts
 * const replaced = await checkReplacedLti11Tool({ consumerKey: 'ck-quiz' }, { tools: stores.tools, lti11: stores.lti11 });
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-050), https://www.imsglobal.org/spec/lti/v1p3/migr (MIG-005)
 */
export async function checkReplacedLti11Tool(replaces: ReplacesLti11Tool, context: ReplacedLti11ToolContext): Promise<ReplacedLti11Tool> {
  const consumerKey = consumerKeyOf(replaces);
  const credential = await requireLti11Store(context).getCredential(consumerKey);
  if (credential === undefined) throw new LtiError('ERR_LTI11_TOOL_UNKNOWN', { detail: { consumerKey } });
  const replaced = reservationOf(credential);
  if (replaced === undefined) throw new LtiError('ERR_LTI_DR_REPLACED_TOOL_NOT_RESERVED', { detail: { consumerKey } });
  const holder = await context.tools.getTool(replaced.clientId);
  if (holder !== undefined && holder.status !== 'pending') {
    throw new LtiError('ERR_LTI_DR_REPLACED_CLIENT_ID_TAKEN', { detail: { consumerKey, client_id: replaced.clientId } });
  }
  return replaced;
}

/**
 * DR-050, checked again when the tool registers: the 1.1 tool is still registered with its
 * reserved client id (`ERR_LTI_DR_REPLACED_TOOL_NOT_RESERVED` otherwise). Whether the client id is
 * still free is decided by the store's atomic `createTool`.
 *
 * @example
 * ```ts
 * const reserved = await reservedRegistrationOf(grant.replaces.consumerKey, stores.lti11);
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-050)
 */
export async function reservedRegistrationOf(consumerKey: string, lti11: Lti11CredentialStore | undefined): Promise<ReplacedLti11Tool> {
  const credential = lti11 === undefined ? undefined : await lti11.getCredential(consumerKey);
  const replaced = credential === undefined ? undefined : reservationOf(credential);
  if (replaced === undefined) throw new LtiError('ERR_LTI_DR_REPLACED_TOOL_NOT_RESERVED');
  return replaced;
}
