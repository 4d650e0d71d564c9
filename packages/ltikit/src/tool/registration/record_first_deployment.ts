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
/** The claim on a registration's first deployment is kept as long as a registration may live. */
const CLAIM_SECONDS = 100 * 365 * 24 * 3600;

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
 * registration. Of two first launches racing with different deployments one alone wins (an
 * atomic `remember` on the registration); the other is refused with `ERR_LTI_DEPLOYMENT_UNKNOWN`
 * unless it named the same deployment.
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
  if (!(await context.singleUse.remember(FIRST_DEPLOYMENT_KIND, key, context.clock.now() + CLAIM_SECONDS))) {
    const current = (await context.platforms.findPlatforms(registration.issuer)).find((candidate) => candidate.clientId === registration.clientId);
    if (current?.deploymentIds.includes(deploymentId)) return current;
    throw new LtiError('ERR_LTI_DEPLOYMENT_UNKNOWN', { detail: { deployment_id: deploymentId } });
  }
  const { acceptFirstDeployment: _accepted, ...rest } = registration;
  const updated: PlatformRegistration = { ...rest, deploymentIds: [deploymentId] };
  await context.platforms.savePlatform(updated);
  return updated;
}
