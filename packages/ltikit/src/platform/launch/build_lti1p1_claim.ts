/**
 * The `lti1p1` claim of a launch to a tool that used LTI 1.1 before (lti11.md §5): the tool's old
 * consumer key, signed with its 1.1 secret over the same id_token's deployment, issuer, client id,
 * `exp` and `nonce` (MIG-001), on every launch of that tool (MIG-002), with the 1.1 ids that differ
 * from the 1.3 ones (MIG-003).
 *
 * @example
 * ```ts
 * const credential = await findLti1p1Credential(tool, stores.lti11);
 * if (credential !== undefined) claims[LTI_CLAIM.lti1p1] = await buildLti1p1Claim(claims, pending.request, credential);
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr#lti-1-1-migration-claim
 */
import { LtiError } from '../../errors.js';
import { type Lti1p1Claim, signLti1p1 } from '../../messages/lti1p1.js';
import type { Lti11Credential, Lti11CredentialStore, ToolRegistration } from '../../stores/types.js';
import { LTI_CLAIM } from '../../vocab/claims.js';
import type { LaunchRequest } from './launch_request.js';

/**
 * The 1.1 credential whose key the tool's launches carry: `undefined` when the registration names
 * no `lti11ConsumerKey`; `ERR_LTI_LTI1P1_CREDENTIAL_UNKNOWN` when it names one the platform does
 * not hold (or has no `stores.lti11`), so a misconfiguration is reported instead of sending a claim
 * no tool can verify.
 *
 * @example
 * ```ts
 * await findLti1p1Credential({ ...tool, lti11ConsumerKey: 'ck-gone' }, stores.lti11); // throws ERR_LTI_LTI1P1_CREDENTIAL_UNKNOWN
 * ```
 */
export async function findLti1p1Credential(tool: ToolRegistration, store: Lti11CredentialStore | undefined): Promise<Lti11Credential | undefined> {
  const consumerKey = tool.lti11ConsumerKey;
  if (consumerKey === undefined) return undefined;
  const credential = store === undefined ? undefined : await store.getCredential(consumerKey);
  if (credential === undefined) {
    throw new LtiError('ERR_LTI_LTI1P1_CREDENTIAL_UNKNOWN', {
      ...(store === undefined ? { message: 'The tool registration names an LTI 1.1 consumer key, but the platform has no `stores.lti11` to find its secret in (MIG-001).' } : {}),
      detail: { client_id: tool.clientId, consumer_key: consumerKey },
    });
  }
  return credential;
}

/** A 1.3 id the claim carries, as a string when present. */
function idOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : undefined;
}

/**
 * Builds the `lti1p1` claim for the id_token `claims` (built, not yet signed) (MIG-001..003). The
 * signature covers that token's own `deployment_id`, `iss`, `aud`, `exp` and `nonce`, so build it
 * last. A legacy id of `request.lti1p1` is sent only when the token carries the 1.3 id it stands for
 * and the two differ.
 *
 * @example
 * ```ts
 * claims[LTI_CLAIM.lti1p1] = await buildLti1p1Claim(claims, { ...request, lti1p1: { userId: '34212' } }, credential);
 * ```
 */
export async function buildLti1p1Claim(claims: Record<string, unknown>, request: LaunchRequest, credential: Lti11Credential): Promise<Lti1p1Claim> {
  const legacy = request.lti1p1 ?? {};
  const claim: Lti1p1Claim = {};
  const sub = typeof claims.sub === 'string' ? claims.sub : undefined;
  if (legacy.userId !== undefined && sub !== undefined && legacy.userId !== sub) claim.user_id = legacy.userId;
  const contextId = idOf(claims[LTI_CLAIM.context]);
  if (legacy.contextId !== undefined && contextId !== undefined && legacy.contextId !== contextId) claim.context_id = legacy.contextId;
  const resourceLinkId = idOf(claims[LTI_CLAIM.resourceLink]);
  if (legacy.resourceLinkId !== undefined && resourceLinkId !== undefined && legacy.resourceLinkId !== resourceLinkId) {
    claim.resource_link_id = legacy.resourceLinkId;
  }
  claim.oauth_consumer_key = credential.consumerKey;
  // MIG-001: `client_id` is the token's `aud`, which the platform always sends as the one client id.
  claim.oauth_consumer_key_sign = await signLti1p1(
    {
      consumerKey: credential.consumerKey,
      deploymentId: claims[LTI_CLAIM.deploymentId] as string,
      issuer: claims.iss as string,
      clientId: claims.aud as string,
      exp: claims.exp as number,
      nonce: claims.nonce as string,
    },
    credential.secret,
  );
  return claim;
}
