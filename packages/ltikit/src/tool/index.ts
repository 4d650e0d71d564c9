/**
 * `ltikit/tool`: the tool side of LTI 1.3. `createTool` is the whole surface an app needs: its
 * `fetch` serves login and launch, `validateLaunch(request)` suits apps that own their routing.
 * The individual checks stay internal so their order and codes can evolve without breaking apps.
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */
export { createTool, type LtiTool } from './create_tool.js';
export type { ToolOptions, ResolvedToolConfig } from './config.js';
export type { DynamicRegistrationOptions, DynamicRegistrationResult } from './config.js';
export type { Lti11ToolOptions, ResolvedLti11Config } from './config.js';
export type { Lti11Tool } from './lti11/lti11_tool.js';
export type { Lti11Launch, Lti11LaunchValidationOptions } from './lti11/validate_lti11_launch.js';
export type { Lti11OutcomesClient, Lti11OutcomeTarget, Lti11ResultInput } from './lti11/outcomes_client.js';
export { lti11ReturnUrl, type Lti11ReturnMessages } from './lti11/return_url.js';
export type { OAuthSignatureMethod } from '../lib/oauth1_signature.js';
export { toolErrorResponse, type ToolErrorResponseOptions } from './error_response.js';
export { isAllowedTargetLinkUri } from './login/initiate_login.js';
export type { LtiLaunch } from './launch/validate_launch.js';
export type { Lti1p1Migration, Lti1p1MigrationRefused, Lti1p1MigrationVerified } from './launch/verify_lti1p1_migration.js';
export type { DeepLinkingResponseOptions } from './deep_linking/create_deep_linking_response.js';
export type { ContentItem, DeepLinkingSettingsClaim } from '../messages/deep_linking.js';
export { checkPlatformRegistration } from './registry.js';
export type { AccessToken, ServiceRequest, ServiceTarget } from './token/access_token_client.js';
export type { NrpsClient } from './nrps/nrps_client.js';
export type { MembershipContainerPage, MembershipListOptions } from './nrps/fetch_membership_page.js';
export type { MemberIterator } from './nrps/list_memberships.js';
export type { AgsClient } from './ags/ags_client.js';
export type { LineItemListOptions, LineItemReadOptions } from './ags/line_items.js';
export type { ResultListOptions } from './ags/results.js';
export type { LineItem, LineItemFields, Score, Result } from '../messages/ags.js';
