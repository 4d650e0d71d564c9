/**
 * LTI 1.1 → 1.3 migration, tool side (lti11.md §5): checks the `lti1p1` claim of a validated launch
 * against the tool's 1.1 credentials (MIG-004) and, when it proves the platform holds the 1.1
 * secret, links the launch's 1.3 registration and deployment to that credential (MIG-005). A
 * failed check does not make the 1.3 launch invalid: it is reported as the launch's `lti1p1`
 * outcome, unless the tool enforces migration (`lti1p1Migration: 'enforce'`).
 *
 * @example
 * ```ts
 * if (launch.lti1p1?.status === 'verified') {
 *   const account = await accounts.findByLti11(launch.lti1p1.consumerKey, launch.lti1p1.userId);
 * }
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr#lti-1-1-migration-claim
 */
import { LtiError, type LtiErrorCode } from '../../errors.js';
import { type Lti1p1Claim, readLti1p1Claim, verifyLti1p1Signature } from '../../messages/lti1p1.js';
import type { Lti11Credential, Lti11CredentialStore } from '../../stores/types.js';

/**
 * A launch whose `lti1p1` claim proved the platform holds the 1.1 secret of `consumerKey`
 * (MIG-004). The legacy ids are the claim's where it sends them, else the launch's 1.3 ids, which
 * the platform kept unchanged across the upgrade (MIG-003): key 1.1 accounts, courses and links by
 * (`consumerKey`, id), the same names the LTI 1.1 launch result uses.
 *
 * @example
 * ```ts
 * const { consumerKey, userId, contextId, resourceLinkId } = launch.lti1p1 as Lti1p1MigrationVerified;
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr (MIG-003, MIG-004, MIG-005)
 */
export interface Lti1p1MigrationVerified {
  status: 'verified';
  consumerKey: string;
  /** The 1.1 `user_id`: the claim's `user_id`, else `sub`; `undefined` for an anonymous launch. */
  userId: string | undefined;
  /** The 1.1 `context_id`: the claim's `context_id`, else `context.id`. */
  contextId: string | undefined;
  /** The 1.1 `resource_link_id`: the claim's `resource_link_id`, else `resource_link.id`. */
  resourceLinkId: string | undefined;
}

/**
 * A launch whose `lti1p1` claim did not prove the migration (MIG-004): nothing was linked, and the
 * legacy ids must not be trusted. `code` names the failed check (`ERR_LTI_LTI1P1_*`).
 *
 * @example
 * ```ts
 * if (launch.lti1p1?.status === 'refused') log.warn({ code: launch.lti1p1.code }, 'LTI 1.1 migration refused');
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr (MIG-004)
 */
export interface Lti1p1MigrationRefused {
  status: 'refused';
  code: LtiErrorCode;
  message: string;
}

/**
 * The outcome of a launch's `lti1p1` claim (`launch.lti1p1`; absent when the launch has no claim).
 *
 * @example
 * ```ts
 * const legacyUserId = launch.lti1p1?.status === 'verified' ? launch.lti1p1.userId : undefined;
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr (MIG-004)
 */
export type Lti1p1Migration = Lti1p1MigrationVerified | Lti1p1MigrationRefused;

/** The verified launch, as far as migration needs it. */
export interface Lti1p1LaunchIds {
  issuer: string;
  clientId: string;
  deploymentId: string;
  userId: string | undefined;
  contextId: string | undefined;
  resourceLinkId: string | undefined;
}

/** MIG-004: the claim names a key and carries its proof. */
function checkLti1p1ClaimMembers(claim: Lti1p1Claim): { consumerKey: string; sign: string } {
  const consumerKey = claim.oauth_consumer_key;
  if (consumerKey === undefined || consumerKey === '') throw new LtiError('ERR_LTI_LTI1P1_CONSUMER_KEY_MISSING');
  const sign = claim.oauth_consumer_key_sign;
  if (sign === undefined || sign === '') throw new LtiError('ERR_LTI_LTI1P1_SIGN_MISSING');
  return { consumerKey, sign };
}

/** MIG-004: the tool holds a 1.1 credential with that key ("no key matched" otherwise). */
async function findLti11Credential(consumerKey: string, store: Lti11CredentialStore | undefined): Promise<Lti11Credential> {
  const credential = store === undefined ? undefined : await store.getCredential(consumerKey);
  if (credential === undefined) {
    throw new LtiError('ERR_LTI_LTI1P1_NO_KEY_MATCHED', {
      ...(store === undefined ? { message: 'The tool has no `stores.lti11`, so no LTI 1.1 credential can match the claim (MIG-004).' } : {}),
    });
  }
  return credential;
}

/** MIG-001, MIG-004: the sign is this token's, made with that credential's secret (constant time). */
async function checkLti1p1Signature(credential: Lti11Credential, sign: string, launch: Lti1p1LaunchIds, token: { exp: number; nonce: string }): Promise<void> {
  const input = {
    consumerKey: credential.consumerKey,
    deploymentId: launch.deploymentId,
    issuer: launch.issuer,
    clientId: launch.clientId,
    exp: token.exp,
    nonce: token.nonce,
  };
  if (!(await verifyLti1p1Signature(input, credential.secret, sign))) throw new LtiError('ERR_LTI_LTI1P1_SIGNATURE_MISMATCH');
}

/**
 * MIG-005: a key links to one 1.3 registration. Checked after the signature, so only a platform
 * that proved it holds the secret learns the key is taken.
 */
function checkCredentialLink(credential: Lti11Credential, launch: Lti1p1LaunchIds): void {
  const link = credential.lti13;
  if (link === undefined) return;
  if (link.clientId !== launch.clientId || (link.issuer !== undefined && link.issuer !== launch.issuer)) {
    throw new LtiError('ERR_LTI_LTI1P1_KEY_LINKED_ELSEWHERE');
  }
}

/**
 * Checks the `lti1p1` claim of a launch whose id_token is already verified (MIG-004). Writes
 * nothing: once every other check of the launch has passed, {@link linkLti1p1Migration} links the
 * credential (MIG-005). Returns `undefined` when the payload has no claim. Failed checks become a
 * `refused` outcome; store failures are thrown.
 *
 * @example
 * ```ts
 * const lti1p1 = await verifyLti1p1Migration(payload, { issuer, clientId, deploymentId, userId, contextId, resourceLinkId }, stores.lti11);
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr (MIG-004, MIG-005)
 */
export async function verifyLti1p1Migration(
  payload: Record<string, unknown>,
  launch: Lti1p1LaunchIds,
  store: Lti11CredentialStore | undefined,
): Promise<Lti1p1Migration | undefined> {
  let claim: Lti1p1Claim | undefined;
  try {
    claim = readLti1p1Claim(payload);
    if (claim === undefined) return undefined;
    const { consumerKey, sign } = checkLti1p1ClaimMembers(claim);
    const credential = await findLti11Credential(consumerKey, store);
    await checkLti1p1Signature(credential, sign, launch, { exp: payload.exp as number, nonce: payload.nonce as string });
    checkCredentialLink(credential, launch);
  } catch (thrown) {
    if (!(thrown instanceof LtiError)) throw thrown;
    return refusal(thrown);
  }
  return {
    status: 'verified',
    consumerKey: claim.oauth_consumer_key as string,
    userId: claim.user_id ?? launch.userId,
    contextId: claim.context_id ?? launch.contextId,
    resourceLinkId: claim.resource_link_id ?? launch.resourceLinkId,
  };
}

/**
 * MIG-005: links the credential of a verified migration to the launch's registration and
 * deployment — the launch's last step, once it is accepted, so a launch refused later links
 * nothing. The credential is read again and checked again (signature and link) against what is
 * stored now, and only its `lti13` member changes: a secret rotated or a link made since the
 * verification is never overwritten. A check that now fails makes the outcome `refused`; saves
 * nothing when the deployment is already linked.
 *
 * @example
 * ```ts
 * if (outcome?.status === 'verified') outcome = await linkLti1p1Migration(outcome, payload, ids, stores.lti11);
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr (MIG-005)
 */
export async function linkLti1p1Migration(
  outcome: Lti1p1MigrationVerified,
  payload: Record<string, unknown>,
  launch: Lti1p1LaunchIds,
  store: Lti11CredentialStore,
): Promise<Lti1p1Migration> {
  try {
    const { sign } = checkLti1p1ClaimMembers(readLti1p1Claim(payload) ?? {});
    const credential = await findLti11Credential(outcome.consumerKey, store);
    await checkLti1p1Signature(credential, sign, launch, { exp: payload.exp as number, nonce: payload.nonce as string });
    checkCredentialLink(credential, launch);
    const link = credential.lti13;
    const deploymentIds = link?.deploymentIds ?? [];
    if (link?.issuer === launch.issuer && link.clientId === launch.clientId && deploymentIds.includes(launch.deploymentId)) return outcome;
    await store.saveCredential({
      ...credential,
      lti13: { issuer: launch.issuer, clientId: launch.clientId, deploymentIds: deploymentIds.includes(launch.deploymentId) ? deploymentIds : [...deploymentIds, launch.deploymentId] },
    });
    return outcome;
  } catch (thrown) {
    if (!(thrown instanceof LtiError)) throw thrown;
    return refusal(thrown);
  }
}

function refusal(error: LtiError): Lti1p1MigrationRefused {
  return { status: 'refused', code: error.code, message: error.message };
}

/**
 * The 1.1 credential a 1.3 registration (and deployment, when given) was linked to by a verified
 * migration (MIG-005): for launches that no longer carry the `lti1p1` claim.
 *
 * @example
 * ```ts
 * const credential = await findLinkedLti11Credential(stores.lti11, { issuer: launch.issuer, clientId: launch.clientId, deploymentId: launch.deploymentId });
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr (MIG-005)
 */
export async function findLinkedLti11Credential(
  store: Lti11CredentialStore,
  target: { issuer: string; clientId: string; deploymentId?: string },
): Promise<Lti11Credential | undefined> {
  return (await store.listCredentials()).find(
    ({ lti13 }) =>
      lti13 !== undefined &&
      lti13.issuer === target.issuer &&
      lti13.clientId === target.clientId &&
      (target.deploymentId === undefined || (lti13.deploymentIds ?? []).includes(target.deploymentId)),
  );
}
