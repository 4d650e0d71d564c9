/**
 * `ltikit/platform`: the platform (LMS) side of LTI 1.3. `createPlatform` is the whole surface an
 * app needs: `createLaunch`, `registerTool`, deployments, keys and `fetch` for the route table.
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */
export { createPlatform, type LtiPlatform } from './create_platform.js';
export type { PlatformOptions, ResolvedPlatformConfig, ReturnMessage } from './config.js';
export type { LaunchRequest, LaunchUser } from './launch/launch_request.js';
export type { DeepLinkingRequestSettings } from './launch/deep_linking_request.js';
export type { DeepLinkingResult } from './deep_linking/verify_deep_linking_response.js';
export { defaultDeepLinkingPage } from './deep_linking/deep_linking_page.js';
export type { ContentItem, DeepLinkingSettingsClaim } from '../messages/deep_linking.js';
export { substituteVariables } from './launch/substitute_variables.js';
export type { LoginInitiation } from './oidc/initiate_login.js';
export { buildOpenidConfiguration } from './openid_configuration.js';
export { platformErrorResponse } from './error_response.js';
export { readReturnMessage, defaultReturnPage } from './return_url.js';
export { PLATFORM_ROUTES, type PlatformRoute, type PlatformRouteName } from './routes.js';
export { checkToolRegistration, type ToolRegistrationInput } from './registry.js';
export { lti11CustomParameterName, lti11Roles, type Lti11Launch, type Lti11LaunchRequest } from './lti11/create_lti11_launch.js';
export { lti11LaunchResponse } from './lti11/lti11_launch_response.js';
export { checkLti11ToolRegistration, type Lti11ToolInput } from './lti11/register_lti11_tool.js';
export type { Lti11PlatformTools } from './lti11/lti11_platform.js';
export type { Lti11Options, Lti11ResultLink } from './lti11/options.js';
export { formatResultSourcedId, parseResultSourcedId, type ResultSourcedId } from './lti11/result_sourcedid.js';
export { buildRegistrationInitiationUrl, type RegistrationToken, type RegistrationTokenOptions } from './registration/registration_token.js';
export type { ReplacedLti11Tool, ReplacesLti11Tool } from './registration/check_replaced_lti11_tool.js';
export { approveToolRegistration, checkRegistrationPending, type RegistrationGrants } from './registration/review_registration.js';
export type { AccessTokenGrant } from './token/access_tokens.js';
export type { NrpsOptions, MembershipQuery, MembershipPage } from './nrps/options.js';
export type { NrpsMember, NrpsMessage, MembershipStatus } from '../messages/nrps.js';
export type { AgsOptions } from './ags/options.js';
export type { AgsStore, StoredLineItem, StoredScore, GradebookColumn } from '../stores/types.js';
export type { LineItem, LineItemFields, Score, Result } from '../messages/ags.js';
