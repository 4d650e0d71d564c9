/**
 * Claim names of LTI 1.3 messages and services, each spelled once as the spec spells it.
 * Values are the full URIs that go on the wire; keys are their camelCase names.
 *
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */

/**
 * Claims of the LTI Core namespace `https://purl.imsglobal.org/spec/lti/claim/`, including the
 * ones later specs (Submission Review, Platform Notification Service, Asset Processor, EULA) add
 * to that namespace.
 *
 * @example
 * ```ts
 * const messageType = payload[LTI_CLAIM.messageType]; // 'LtiResourceLinkRequest'
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/ (core-security.md §4, MSG-001..006)
 */
export const LTI_CLAIM = {
  // Required launch claims (core-security.md §4.1, VAL-012..016)
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
  resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  // Optional launch claims (core-security.md §4.2)
  context: 'https://purl.imsglobal.org/spec/lti/claim/context',
  toolPlatform: 'https://purl.imsglobal.org/spec/lti/claim/tool_platform',
  roleScopeMentor: 'https://purl.imsglobal.org/spec/lti/claim/role_scope_mentor',
  launchPresentation: 'https://purl.imsglobal.org/spec/lti/claim/launch_presentation',
  lis: 'https://purl.imsglobal.org/spec/lti/claim/lis',
  custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
  // LTI 1.1 migration (lti11.md §5.1, MIG-001)
  lti1p1: 'https://purl.imsglobal.org/spec/lti/claim/lti1p1',
  // Submission Review and Asset Processor (SR-003, AP-003)
  forUser: 'https://purl.imsglobal.org/spec/lti/claim/for_user',
  // Platform Notification Service (PNS-003, other-services.md §3)
  platformNotificationService: 'https://purl.imsglobal.org/spec/lti/claim/platformnotificationservice',
  notice: 'https://purl.imsglobal.org/spec/lti/claim/notice',
  originContexts: 'https://purl.imsglobal.org/spec/lti/claim/origin_contexts',
  // Asset Processor (AP-001, AP-003, AP-006)
  activity: 'https://purl.imsglobal.org/spec/lti/claim/activity',
  submission: 'https://purl.imsglobal.org/spec/lti/claim/submission',
  asset: 'https://purl.imsglobal.org/spec/lti/claim/asset',
  assetReport: 'https://purl.imsglobal.org/spec/lti/claim/assetreport',
  assetReportType: 'https://purl.imsglobal.org/spec/lti/claim/assetreport_type',
  assetService: 'https://purl.imsglobal.org/spec/lti/claim/assetservice',
  // EULA service (AP-007)
  eulaService: 'https://purl.imsglobal.org/spec/lti/claim/eulaservice',
} as const;

/**
 * An LTI Core namespace claim URI, e.g. `'https://purl.imsglobal.org/spec/lti/claim/roles'`.
 *
 * @example
 * ```ts
 * const claim: LtiClaim = LTI_CLAIM.roles;
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */
export type LtiClaim = (typeof LTI_CLAIM)[keyof typeof LTI_CLAIM];

/**
 * Deep Linking 2.0 claims (`https://purl.imsglobal.org/spec/lti-dl/claim/`).
 *
 * @example
 * ```ts
 * const returnUrl = payload[DL_CLAIM.deepLinkingSettings].deep_link_return_url;
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (deep-linking.md §1.1, §2.2, DL-010, DL-030)
 */
export const DL_CLAIM = {
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  data: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
  msg: 'https://purl.imsglobal.org/spec/lti-dl/claim/msg',
  errorMsg: 'https://purl.imsglobal.org/spec/lti-dl/claim/errormsg',
  log: 'https://purl.imsglobal.org/spec/lti-dl/claim/log',
  errorLog: 'https://purl.imsglobal.org/spec/lti-dl/claim/errorlog',
} as const;

/**
 * A Deep Linking claim URI, e.g. `'https://purl.imsglobal.org/spec/lti-dl/claim/content_items'`.
 *
 * @example
 * ```ts
 * const claim: DlClaim = DL_CLAIM.contentItems;
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0
 */
export type DlClaim = (typeof DL_CLAIM)[keyof typeof DL_CLAIM];

/**
 * Assignment and Grade Services 2.0 launch claim (`https://purl.imsglobal.org/spec/lti-ags/claim/`).
 *
 * @example
 * ```ts
 * const lineItemsUrl = payload[AGS_CLAIM.endpoint]?.lineitems;
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0 (ags.md §1, AGS-001)
 */
export const AGS_CLAIM = {
  endpoint: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
} as const;

/**
 * The AGS claim URI, `'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint'`.
 *
 * @example
 * ```ts
 * const claim: AgsClaim = AGS_CLAIM.endpoint;
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0
 */
export type AgsClaim = (typeof AGS_CLAIM)[keyof typeof AGS_CLAIM];

/**
 * Names and Role Provisioning Services 2.0 launch claim (`https://purl.imsglobal.org/spec/lti-nrps/claim/`).
 *
 * @example
 * ```ts
 * const membershipsUrl = payload[NRPS_CLAIM.namesRoleService]?.context_memberships_url;
 * ```
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0 (nrps.md §1, NRPS-001)
 */
export const NRPS_CLAIM = {
  namesRoleService: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
} as const;

/**
 * The NRPS claim URI, `'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice'`.
 *
 * @example
 * ```ts
 * const claim: NrpsClaim = NRPS_CLAIM.namesRoleService;
 * ```
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0
 */
export type NrpsClaim = (typeof NRPS_CLAIM)[keyof typeof NRPS_CLAIM];

/**
 * Basic Outcomes over LTI 1.3 claim (`https://purl.imsglobal.org/spec/lti-bo/claim/`), carrying
 * `lis_result_sourcedid` and `lis_outcome_service_url`.
 *
 * @example
 * ```ts
 * const sourcedId = payload[BO_CLAIM.basicOutcome]?.lis_result_sourcedid;
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr (lti11.md BO-010, MIG-007)
 */
export const BO_CLAIM = {
  basicOutcome: 'https://purl.imsglobal.org/spec/lti-bo/claim/basicoutcome',
} as const;

/**
 * The Basic Outcomes claim URI, `'https://purl.imsglobal.org/spec/lti-bo/claim/basicoutcome'`.
 *
 * @example
 * ```ts
 * const claim: BoClaim = BO_CLAIM.basicOutcome;
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr
 */
export type BoClaim = (typeof BO_CLAIM)[keyof typeof BO_CLAIM];

/**
 * Course Groups Service claim (`https://purl.imsglobal.org/spec/lti-gs/claim/groupsservice`).
 * Listed so it is recognised, not implemented: a tool ignores claims it does not use (VAL-020).
 *
 * @example
 * ```ts
 * const groupsService = payload[GS_CLAIM.groupsService];
 * ```
 * @see other-services.md §0, §5 (Course Groups, not certified)
 */
export const GS_CLAIM = {
  groupsService: 'https://purl.imsglobal.org/spec/lti-gs/claim/groupsservice',
} as const;

/**
 * The Course Groups claim URI, `'https://purl.imsglobal.org/spec/lti-gs/claim/groupsservice'`;
 * recognised, not implemented (VAL-020).
 *
 * @example
 * ```ts
 * const claim: GsClaim = GS_CLAIM.groupsService;
 * ```
 * @see other-services.md §5
 */
export type GsClaim = (typeof GS_CLAIM)[keyof typeof GS_CLAIM];

/**
 * LTI Proctoring Services 1.0 claims (`https://purl.imsglobal.org/spec/lti-ap/claim/`), used by
 * `LtiStartProctoring`, `LtiStartAssessment` and `LtiEndAssessment`.
 *
 * @example
 * ```ts
 * const attempt = payload[PROCTORING_CLAIM.attemptNumber]; // echoed unchanged (PROC-002)
 * ```
 * @see https://www.imsglobal.org/spec/proctoring/v1p0 (other-services.md §2, PROC-001..003)
 */
export const PROCTORING_CLAIM = {
  startAssessmentUrl: 'https://purl.imsglobal.org/spec/lti-ap/claim/start_assessment_url',
  sessionData: 'https://purl.imsglobal.org/spec/lti-ap/claim/session_data',
  attemptNumber: 'https://purl.imsglobal.org/spec/lti-ap/claim/attempt_number',
  proctoringSettings: 'https://purl.imsglobal.org/spec/lti-ap/claim/proctoring_settings',
  acs: 'https://purl.imsglobal.org/spec/lti-ap/claim/acs',
  endAssessmentReturn: 'https://purl.imsglobal.org/spec/lti-ap/claim/end_assessment_return',
  verifiedUser: 'https://purl.imsglobal.org/spec/lti-ap/claim/verified_user',
  errorMsg: 'https://purl.imsglobal.org/spec/lti-ap/claim/errormsg',
  errorLog: 'https://purl.imsglobal.org/spec/lti-ap/claim/errorlog',
} as const;

/**
 * A Proctoring claim URI, e.g. `'https://purl.imsglobal.org/spec/lti-ap/claim/session_data'`.
 *
 * @example
 * ```ts
 * const claim: ProctoringClaim = PROCTORING_CLAIM.sessionData;
 * ```
 * @see https://www.imsglobal.org/spec/proctoring/v1p0
 */
export type ProctoringClaim = (typeof PROCTORING_CLAIM)[keyof typeof PROCTORING_CLAIM];

/**
 * Caliper Endpoint Service claim (`https://purl.imsglobal.org/spec/lti-ces/claim/`), seen in
 * reference-implementation launches; listed so it is recognised, not implemented (VAL-020).
 *
 * @example
 * ```ts
 * const caliper = payload[CES_CLAIM.caliperEndpointService];
 * ```
 * @see other-services.md §5
 */
export const CES_CLAIM = {
  caliperEndpointService: 'https://purl.imsglobal.org/spec/lti-ces/claim/caliper-endpoint-service',
} as const;

/**
 * The Caliper Endpoint Service claim URI; recognised, not implemented (VAL-020).
 *
 * @example
 * ```ts
 * const claim: CesClaim = CES_CLAIM.caliperEndpointService;
 * ```
 * @see other-services.md §5
 */
export type CesClaim = (typeof CES_CLAIM)[keyof typeof CES_CLAIM];

/**
 * Member names of the Dynamic Registration documents that hold the LTI-specific configuration:
 * `toolConfiguration` in the client registration request/response, `platformConfiguration` in the
 * platform's OpenID configuration.
 *
 * @example
 * ```ts
 * const domain = registration[DR_CONFIGURATION_KEY.toolConfiguration].domain;
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (dynamic-registration.md §2, §3, DR-012, DR-020)
 */
export const DR_CONFIGURATION_KEY = {
  toolConfiguration: 'https://purl.imsglobal.org/spec/lti-tool-configuration',
  platformConfiguration: 'https://purl.imsglobal.org/spec/lti-platform-configuration',
} as const;

/**
 * A Dynamic Registration configuration member name, e.g. `'https://purl.imsglobal.org/spec/lti-tool-configuration'`.
 *
 * @example
 * ```ts
 * const key: DrConfigurationKey = DR_CONFIGURATION_KEY.platformConfiguration;
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0
 */
export type DrConfigurationKey = (typeof DR_CONFIGURATION_KEY)[keyof typeof DR_CONFIGURATION_KEY];

/**
 * Any claim URI defined above (every LTI namespace), e.g. `'https://purl.imsglobal.org/spec/lti-dl/claim/data'`.
 *
 * @example
 * ```ts
 * const wanted: LtiClaimUri[] = [LTI_CLAIM.context, AGS_CLAIM.endpoint, NRPS_CLAIM.namesRoleService];
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */
export type LtiClaimUri = LtiClaim | DlClaim | AgsClaim | NrpsClaim | BoClaim | GsClaim | ProctoringClaim | CesClaim;

/**
 * Standard OpenID Connect claims that carry personal data; a platform sends them only when the
 * deployment's privacy settings allow (MSG-004) and a tool must accept launches without them (VAL-019).
 *
 * @example
 * ```ts
 * const hasPii = OIDC_PERSONAL_CLAIMS.some((claim) => claim in payload);
 * ```
 * @see https://openid.net/specs/openid-connect-core-1_0.html#StandardClaims (core-security.md §4.2, MSG-004)
 */
export const OIDC_PERSONAL_CLAIMS = ['name', 'given_name', 'family_name', 'middle_name', 'email', 'picture', 'locale'] as const;

/**
 * One of the OIDC personal-data claim names, e.g. `'given_name'`.
 *
 * @example
 * ```ts
 * const released: OidcPersonalClaim[] = ['name', 'email'];
 * ```
 * @see https://openid.net/specs/openid-connect-core-1_0.html#StandardClaims
 */
export type OidcPersonalClaim = (typeof OIDC_PERSONAL_CLAIMS)[number];
