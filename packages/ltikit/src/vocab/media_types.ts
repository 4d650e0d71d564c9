/**
 * Media types (`Content-Type` / `Accept` values) of the LTI services and message transports.
 *
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0
 */

/**
 * Every media type named by the LTI service specs, plus the generic ones the protocol transports use.
 * Send them exactly (AGS-014, NRPS-002, TOK-020); compare received ones without their parameters.
 *
 * @example
 * ```ts
 * await fetch(lineItemsUrl, { headers: { accept: MEDIA_TYPE.lineItemContainer, authorization: `Bearer ${token}` } });
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0 (ags.md §2, nrps.md §1, TOK-020)
 */
export const MEDIA_TYPE = {
  // Assignment and Grade Services 2.0 (ags.md §2)
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  lineItemContainer: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  resultContainer: 'application/vnd.ims.lis.v2.resultcontainer+json',
  score: 'application/vnd.ims.lis.v1.score+json',
  // Names and Role Provisioning Services 2.0 (NRPS-002, NRPS-003)
  membershipContainer: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
  // Proctoring Assessment Control Service (other-services.md §2)
  proctoringControl: 'application/vnd.ims.lti-ap.v1.control+json',
  // Basic Outcomes over OAuth 2 (BO-010)
  basicOutcome: 'application/vnd.ims.lti.v1.outcome+xml',
  // Content-Item 1.0 LTI link items (lti11.md §4)
  ltiLink: 'application/vnd.ims.lti.v1.ltilink',
  // Generic transports: OIDC login/launch and DL response forms (OIDC-001, DL-020), token endpoint
  // (TOK-003, TOK-014), Dynamic Registration (DR-010, DR-020), Basic Outcomes POX (BO-001), HTML pages (OIDC-030)
  formUrlEncoded: 'application/x-www-form-urlencoded',
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
} as const;

/**
 * Any media type of {@link MEDIA_TYPE}, e.g. `'application/vnd.ims.lis.v1.score+json'`.
 *
 * @example
 * ```ts
 * const accept: LtiMediaType = MEDIA_TYPE.lineItemContainer;
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0
 */
export type LtiMediaType = (typeof MEDIA_TYPE)[keyof typeof MEDIA_TYPE];
