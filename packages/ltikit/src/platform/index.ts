/**
 * `ltikit/platform`: the platform (LMS) side of LTI 1.3.
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */
export { createPlatform, resolvePlatformConfig, type LtiPlatform } from './create_platform.js';
export type { PlatformOptions, ResolvedPlatformConfig, ReturnMessage } from './config.js';
export type { LaunchRequest, LaunchUser, PendingLaunch } from './launch/launch_request.js';
export { buildResourceLinkPayload, checkLaunchRequest } from './launch/launch_request.js';
export { substituteVariables } from './launch/substitute_variables.js';
export { issueLoginInitiation, type LoginInitiation } from './oidc/initiate_login.js';
export { authorize } from './oidc/authorize.js';
export { buildOpenidConfiguration } from './openid_configuration.js';
export { platformErrorResponse } from './error_response.js';
export { readReturnMessage, defaultReturnPage } from './return_url.js';
export { PLATFORM_ROUTES, matchRoute, type PlatformRoute, type PlatformRouteName } from './routes.js';
export { checkToolRegistration, checkDeploymentId, type ToolRegistrationInput } from './registry.js';
