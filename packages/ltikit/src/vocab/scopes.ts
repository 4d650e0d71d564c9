/**
 * OAuth 2.0 scopes of the LTI services (client-credentials tokens, core-security.md §8).
 *
 * @see https://www.imsglobal.org/spec/security/v1p0/
 */

/**
 * Every scope of the scope catalogue (core-security.md §8.4). Keys name the last URI segment.
 *
 * @example
 * ```ts
 * const scope = [SCOPE.score, SCOPE.lineItem].join(' '); // TOK-003 space-separated
 * ```
 * @see https://www.imsglobal.org/spec/security/v1p0/ (core-security.md §8.4, TOK-003, TOK-013)
 */
export const SCOPE = {
  // Assignment and Grade Services 2.0 (ags.md §2)
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  resultReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  // Names and Role Provisioning Services 2.0 (nrps.md §1)
  contextMembershipReadonly: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
  // Basic Outcomes over OAuth 2 (BO-010, MIG-007)
  basicOutcome: 'https://purl.imsglobal.org/spec/lti-bo/scope/basicoutcome',
  // Proctoring Assessment Control Service (other-services.md §2)
  controlAll: 'https://purl.imsglobal.org/spec/lti-ap/scope/control.all',
  // Platform Notification Service (PNS-001)
  noticeHandlers: 'https://purl.imsglobal.org/spec/lti/scope/noticehandlers',
  // Asset Processor (AP-004, AP-005)
  assetReadonly: 'https://purl.imsglobal.org/spec/lti/scope/asset.readonly',
  report: 'https://purl.imsglobal.org/spec/lti/scope/report',
  // EULA service (AP-007); one implementation's test payload uses `.../scope/eula` instead [P]
  eulaUser: 'https://purl.imsglobal.org/spec/lti/scope/eula/user',
  eulaDeployment: 'https://purl.imsglobal.org/spec/lti/scope/eula/deployment',
  // Course Groups (other-services.md §5)
  contextGroupReadonly: 'https://purl.imsglobal.org/spec/lti-gs/scope/contextgroup.readonly',
  // Tool Settings (Moodle)
  toolSetting: 'https://purl.imsglobal.org/spec/lti-ts/scope/toolsetting',
  // Only in the OIDC authentication request and the platform configuration (OIDC-020, DR-012)
  openid: 'openid',
} as const;

/**
 * Any scope of the catalogue, e.g. `'https://purl.imsglobal.org/spec/lti-ags/scope/score'`.
 *
 * @example
 * ```ts
 * const requested: LtiScope[] = [SCOPE.lineItem, SCOPE.score];
 * ```
 * @see https://www.imsglobal.org/spec/security/v1p0/ (core-security.md §8.4)
 */
export type LtiScope = (typeof SCOPE)[keyof typeof SCOPE];
