/**
 * `ltikit/tool`: the tool side of LTI 1.3.
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */
export { createTool, resolveToolConfig, type LtiTool } from './create_tool.js';
export type { ToolOptions, ResolvedToolConfig } from './config.js';
export { toolErrorResponse } from './error_response.js';
export { initiateLogin, isAllowedTargetLinkUri, stateCookieName, type LoginState, type LoginResult } from './login/initiate_login.js';
export { validateLaunch, checkStateBoundToBrowser, type LtiLaunch, type LaunchInput } from './launch/validate_launch.js';
export {
  validateIdToken,
  checkJwtWellFormed,
  checkAlgorithmApproved,
  checkKidPresent,
  checkSignature,
  checkIssuer,
  checkAudience,
  checkTimestamps,
  checkNoncePresent,
} from './launch/validate_id_token.js';
export { checkPlatformRegistration } from './registry.js';
