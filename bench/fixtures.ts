// The registration, user and launch every scenario of the benchmark uses, and the id_token the
// benchmark signs as "the platform" for the tool-side scenario.
import { LTI_CLAIM, CONTEXT_ROLE, CONTEXT_TYPE, LTI_VERSION, MESSAGE_TYPE } from 'ltikit/vocab';

export const CLIENT_ID = 'bench-client-1';
export const DEPLOYMENT_ID = 'bench-deployment-1';
/** The platform issuer the tool trusts in the tool-side scenario (never contacted: only its JWKS is). */
export const PLATFORM_ISSUER = 'https://lms.bench.example';

/** The launch the platform side issues (and the claims the tool side receives). */
export const LAUNCH = {
  user: { name: 'Ada Lovelace', email: 'ada@example.edu' },
  roles: [CONTEXT_ROLE.Learner],
  context: { id: 'ctx-991', label: 'MATH101', title: 'Calculus I' },
  resourceLink: { id: 'rl-5c8e', title: 'Week 3 quiz' },
} as const;

export const userId = (index: number): string => `user-${index}`;

/**
 * The payload of a resource-link launch id_token with every required LTI claim and the usual
 * optional ones, shaped like the id_tokens ltikit's platform issues.
 */
export function launchClaims(options: { index: number; nonce: string; targetLinkUri: string; now: number }): Record<string, unknown> {
  return {
    iss: PLATFORM_ISSUER,
    aud: CLIENT_ID,
    azp: CLIENT_ID,
    sub: userId(options.index),
    exp: options.now + 300,
    iat: options.now,
    nonce: options.nonce,
    name: LAUNCH.user.name,
    email: LAUNCH.user.email,
    [LTI_CLAIM.messageType]: MESSAGE_TYPE.LtiResourceLinkRequest,
    [LTI_CLAIM.version]: LTI_VERSION,
    [LTI_CLAIM.deploymentId]: DEPLOYMENT_ID,
    [LTI_CLAIM.targetLinkUri]: options.targetLinkUri,
    [LTI_CLAIM.resourceLink]: { ...LAUNCH.resourceLink },
    [LTI_CLAIM.roles]: [...LAUNCH.roles],
    [LTI_CLAIM.context]: { ...LAUNCH.context, type: [CONTEXT_TYPE.CourseOffering] },
    [LTI_CLAIM.toolPlatform]: { guid: 'lms.bench.example', name: 'Bench LMS', version: '1' },
    [LTI_CLAIM.launchPresentation]: { document_target: 'iframe', return_url: `${PLATFORM_ISSUER}/lti/return?launch=l-${options.index}` },
    [LTI_CLAIM.custom]: { user_id: userId(options.index), context: LAUNCH.context.id },
  };
}

/** The page both tool-side servers answer a valid launch with. */
export const LAUNCHED_PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Quiz</title></head><body><p>Launched.</p></body></html>';
