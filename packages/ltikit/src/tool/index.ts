/**
 * `ltikit/tool`: the tool side of LTI 1.3. `createTool` is the whole surface an app needs: its
 * `fetch` serves login and launch, `validateLaunch(request)` suits apps that own their routing.
 * The individual checks stay internal so their order and codes can evolve without breaking apps.
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */
export { createTool, type LtiTool } from './create_tool.js';
export type { ToolOptions, ResolvedToolConfig } from './config.js';
export { toolErrorResponse, type ToolErrorResponseOptions } from './error_response.js';
export { isAllowedTargetLinkUri } from './login/initiate_login.js';
export type { LtiLaunch } from './launch/validate_launch.js';
export { checkPlatformRegistration } from './registry.js';
export type { AccessToken, ServiceRequest, ServiceTarget } from './token/access_token_client.js';
