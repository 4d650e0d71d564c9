/**
 * DR-037: a platform that answered Dynamic Registration without a `deployment_id` announces its
 * deployment with the first launch. The registration (flagged `acceptFirstDeployment`) accepts
 * that launch's deployment once and records it; from then on it is an ordinary registration.
 *
 * @example
 * ```ts
 * if (acceptsFirstDeployment(registration)) registration = await recordFirstDeployment(registration, deploymentId, context);
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-037)
 */
import { LtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { PlatformRegistration, PlatformRegistrationStore, SingleUseStore } from '../../stores/types.js';

const FIRST_DEPLOYMENT_KIND = 'lti_dr_first_deployment';
const FIRST_DEPLOYMENT_VALUE_KIND = 'lti_dr_first_deployment_id';
/**
 * How long the claim on a registration's first deployment is held. It only has to outlast the
 * launches already past their registration lookup when the first one claimed: once saved, the
 * registration itself (its deployment recorded, the flag gone) refuses other deployments. A save
 * that failed therefore blocks other deployments for this long at most, never for good.
 */
const CLAIM_SECONDS = 3600;
/** How long a launch that lost the claim waits for the winner to name its deployment (rarely needed). */
const CLAIM_WAIT_MS = [10, 40, 150, 400];

/**
 * True when the registration has no deployment yet and takes the first launch's (DR-037).
 *
 * @example
 * ```ts
 * acceptsFirstDeployment({ ...registration, deploymentIds: [], acceptFirstDeployment: true }); // true
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-037)
 */
export function acceptsFirstDeployment(registration: PlatformRegistration): boolean {
  return registration.acceptFirstDeployment === true && registration.deploymentIds.length === 0;
}

/**
 * Records `deploymentId` as the registration's deployment (DR-037) and returns the updated
 * registration. The first launch claims the registration atomically (`remember`) and names its
 * deployment (`issue`); a concurrent launch with the same deployment is accepted too, one with
 * another deployment is refused with `ERR_LTI_DEPLOYMENT_UNKNOWN`. The save re-reads the stored
 * registration and is idempotent, so every launch of the claimed deployment may write it: a save
 * that failed is made good by the next launch instead of locking the registration out.
 *
 * @example
 * ```ts
 * const updated = await recordFirstDeployment(registration, 'dep-01', { platforms, singleUse, clock });
 * updated.deploymentIds; // ['dep-01']
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-037)
 */
export async function recordFirstDeployment(
  registration: PlatformRegistration,
  deploymentId: string,
  context: { platforms: PlatformRegistrationStore; singleUse: SingleUseStore; clock: Clock },
): Promise<PlatformRegistration> {
  const key = `${registration.issuer}\u0000${registration.clientId}`;
  const expiresAt = context.clock.now() + CLAIM_SECONDS;
  let claimed = await context.singleUse.peek(FIRST_DEPLOYMENT_VALUE_KIND, key);
  if (claimed === undefined) {
    if (await context.singleUse.remember(FIRST_DEPLOYMENT_KIND, key, expiresAt)) {
      await context.singleUse.issue(FIRST_DEPLOYMENT_VALUE_KIND, key, deploymentId, expiresAt);
      claimed = deploymentId;
    } else {
      claimed = await waitForClaimedDeployment(key, context.singleUse);
    }
  }
  if (claimed === deploymentId) return saveFirstDeployment(registration, deploymentId, context.platforms);
  // The claim's name lapsed or was never written: the stored registration is the record.
  const current = await findCurrent(registration, context.platforms);
  if (current?.deploymentIds.includes(deploymentId)) return current;
  throw new LtiError('ERR_LTI_DEPLOYMENT_UNKNOWN', { detail: { deployment_id: deploymentId } });
}

/** The deployment the winning launch named; it writes it right after its claim. */
async function waitForClaimedDeployment(key: string, singleUse: SingleUseStore): Promise<string | undefined> {
  for (const delay of CLAIM_WAIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const claimed = await singleUse.peek(FIRST_DEPLOYMENT_VALUE_KIND, key);
    if (claimed !== undefined) return claimed;
  }
  return undefined;
}

async function findCurrent(registration: PlatformRegistration, platforms: PlatformRegistrationStore): Promise<PlatformRegistration | undefined> {
  return (await platforms.findPlatforms(registration.issuer)).find((candidate) => candidate.clientId === registration.clientId);
}

/** Idempotent: adds the deployment to the registration as stored now (another launch may have saved it already). */
async function saveFirstDeployment(registration: PlatformRegistration, deploymentId: string, platforms: PlatformRegistrationStore): Promise<PlatformRegistration> {
  const current = (await findCurrent(registration, platforms)) ?? registration;
  if (current.deploymentIds.includes(deploymentId) && current.acceptFirstDeployment !== true) return current;
  const { acceptFirstDeployment: _accepted, ...rest } = current;
  const updated: PlatformRegistration = { ...rest, deploymentIds: current.deploymentIds.includes(deploymentId) ? [...current.deploymentIds] : [...current.deploymentIds, deploymentId] };
  await platforms.savePlatform(updated);
  return updated;
}
