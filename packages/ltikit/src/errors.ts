/**
 * Every failure ltikit reports is an {@link LtiError} with a stable `code`.
 * Tests and applications compare `code`, never `message`.
 *
 * @example
 * ```ts
 * import { LtiError } from 'ltikit/errors';
 * try { await tool.validateLaunch(form, cookies); }
 * catch (error) { if (error instanceof LtiError && error.code === 'ERR_LTI_NONCE_REPLAYED') … }
 * ```
 * @see https://www.imsglobal.org/spec/security/v1p0/
 */

/**
 * OAuth 2.0 / OpenID Connect `error` values a platform endpoint may answer with (RFC 6749 §4.1.2.1,
 * §5.2; OIDC Core §3.1.2.6). The authorization endpoint posts one back to the tool (OIDC-024); the
 * token endpoint answers with one (TOK-015).
 *
 * @example
 * ```ts
 * new LtiError('ERR_LTI_AUTH_SCOPE_INVALID').oauthError; // 'invalid_scope'
 * ```
 */
export type OAuthErrorValue =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'login_required'
  | 'access_denied'
  | 'server_error'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'invalid_client_metadata'
  | 'invalid_redirect_uri';

interface CodeInfo {
  /** HTTP status the one error mapper answers with. */
  readonly status: number;
  /** OAuth error value for platform endpoints (absent for tool-side checks). */
  readonly oauth?: OAuthErrorValue;
  /** Default human sentence: says what failed and what to fix. */
  readonly message: string;
}

/** The registry of every code: one line per distinct check. */
const CODES = {
  // ---- input parsing (both sides)
  ERR_LTI_REQUEST_MALFORMED: { status: 400, oauth: 'invalid_request', message: 'The request body could not be read as the expected form or JSON.' },
  ERR_LTI_REQUEST_TOO_LARGE: { status: 413, oauth: 'invalid_request', message: 'The request body is larger than this endpoint accepts.' },
  ERR_LTI_METHOD_NOT_ALLOWED: { status: 405, oauth: 'invalid_request', message: 'This endpoint does not accept that HTTP method.' },
  ERR_LTI_NOT_FOUND: { status: 404, message: 'No LTI endpoint is served at this path.' },

  // ---- tool: login initiation (OIDC-001..005)
  ERR_LTI_LOGIN_ISS_MISSING: { status: 400, message: 'The login initiation request has no `iss` parameter (OIDC-003).' },
  ERR_LTI_LOGIN_HINT_MISSING: { status: 400, message: 'The login initiation request has no `login_hint` parameter (OIDC-003).' },
  ERR_LTI_LOGIN_TARGET_LINK_URI_MISSING: { status: 400, message: 'The login initiation request has no `target_link_uri` parameter.' },
  ERR_LTI_PLATFORM_UNKNOWN: { status: 400, message: 'No platform registration matches this issuer and client id (OIDC-003, VAL-004).' },
  ERR_LTI_PLATFORM_AMBIGUOUS: { status: 400, message: 'This issuer has several registrations and the request does not say which client id it is for (CORE-003).' },
  ERR_LTI_TARGET_LINK_URI_NOT_ALLOWED: { status: 400, message: 'The target_link_uri is not one of this tool\u2019s own launch URLs (OIDC-005).' },

  // ---- tool: launch (VAL-001..021)
  ERR_LTI_PLATFORM_REFUSED_LOGIN: { status: 400, message: 'The platform answered the authentication request with an error instead of an id_token (OIDC-024).' },
  ERR_LTI_ID_TOKEN_MISSING: { status: 400, message: 'The launch request has no `id_token` form field (VAL-001).' },
  ERR_LTI_STATE_MISSING: { status: 400, message: 'The launch request has no `state` form field (VAL-002).' },
  ERR_LTI_STATE_UNKNOWN: { status: 400, message: 'The `state` is unknown, expired or already used: start the launch again from the platform (VAL-002).' },
  ERR_LTI_STATE_MISMATCH: { status: 400, message: 'The `state` is not bound to this browser (no matching state cookie). The browser may block third-party cookies (VAL-002, OIDC-011).' },
  ERR_LTI_JWT_MALFORMED: { status: 400, message: 'The id_token is not a well-formed JWS compact JWT (VAL-001).' },
  ERR_LTI_JWT_ALG_NOT_ALLOWED: { status: 400, message: 'The JWT `alg` is not an approved asymmetric algorithm (SEC-002, SEC-003).' },
  ERR_LTI_JWT_KID_MISSING: { status: 400, message: 'The JWT header has no `kid` (SEC-004).' },
  ERR_LTI_JWT_KID_UNKNOWN: { status: 400, message: 'The JWT `kid` is not in the sender\u2019s key set, even after refreshing it (SEC-007).' },
  ERR_LTI_JWT_ALG_KEY_MISMATCH: { status: 400, message: 'The JWT `alg` does not fit the type of the key its `kid` names (SEC-003).' },
  ERR_LTI_JWT_SIGNATURE_INVALID: { status: 400, message: 'The JWT signature does not verify with the sender\u2019s key (VAL-005).' },
  ERR_LTI_ISSUER_MISMATCH: { status: 400, message: 'The JWT `iss` is not the issuer of the registration this launch started with (VAL-006).' },
  ERR_LTI_AUDIENCE_MISMATCH: { status: 400, message: 'The JWT `aud` does not contain this tool\u2019s client id (VAL-007).' },
  ERR_LTI_AUDIENCE_UNTRUSTED: { status: 400, message: 'The JWT `aud` names an audience this tool does not trust besides its client id (VAL-007).' },
  ERR_LTI_AZP_MISSING: { status: 400, message: 'The JWT has several audiences but no `azp` (VAL-008).' },
  ERR_LTI_AZP_MISMATCH: { status: 400, message: 'The JWT `azp` is not this tool\u2019s client id (VAL-008).' },
  ERR_LTI_TOKEN_EXPIRED: { status: 400, message: 'The JWT has expired (`exp` is in the past beyond the allowed clock skew) (VAL-009).' },
  ERR_LTI_TOKEN_EXP_MISSING: { status: 400, message: 'The JWT has no numeric `exp` claim (VAL-009).' },
  ERR_LTI_TOKEN_IAT_MISSING: { status: 400, message: 'The JWT has no numeric `iat` claim (VAL-010).' },
  ERR_LTI_TOKEN_ISSUED_IN_FUTURE: { status: 400, message: 'The JWT `iat` is in the future beyond the allowed clock skew: check the platform\u2019s clock (VAL-010).' },
  ERR_LTI_TOKEN_TOO_OLD: { status: 400, message: 'The JWT `iat` is older than this tool accepts (VAL-010).' },
  ERR_LTI_NONCE_MISSING: { status: 400, message: 'The JWT has no `nonce` claim (VAL-011).' },
  ERR_LTI_NONCE_MISMATCH: { status: 400, message: 'The JWT `nonce` is not the nonce this tool issued for this `state` (VAL-011).' },
  ERR_LTI_NONCE_REPLAYED: { status: 400, message: 'The JWT `nonce` was already used: a launch can be submitted once only (VAL-011).' },
  ERR_LTI_VERSION_MISSING: { status: 400, message: 'The LTI `version` claim is missing (VAL-012).' },
  ERR_LTI_VERSION_UNSUPPORTED: { status: 400, message: 'The LTI `version` claim is not "1.3.0" (VAL-012).' },
  ERR_LTI_MESSAGE_TYPE_MISSING: { status: 400, message: 'The LTI `message_type` claim is missing (VAL-013).' },
  ERR_LTI_MESSAGE_TYPE_UNSUPPORTED: { status: 400, message: 'This endpoint does not handle that LTI `message_type` (VAL-013).' },
  ERR_LTI_DEPLOYMENT_ID_MISSING: { status: 400, message: 'The LTI `deployment_id` claim is missing (VAL-014).' },
  ERR_LTI_DEPLOYMENT_UNKNOWN: { status: 400, message: 'The deployment id is not registered for this platform and client (VAL-014, CORE-005).' },
  ERR_LTI_DEPLOYMENT_MISMATCH: { status: 400, message: 'The `deployment_id` differs from the `lti_deployment_id` sent at login initiation.' },
  ERR_LTI_ROLES_MISSING: { status: 400, message: 'The LTI `roles` claim is missing (it may be empty, but must be present) (VAL-015).' },
  ERR_LTI_RESOURCE_LINK_MISSING: { status: 400, message: 'The LTI `resource_link` claim with a non-empty `id` is missing (VAL-016).' },
  ERR_LTI_SUBJECT_EMPTY: { status: 400, message: 'The `sub` claim is present but empty (VAL-017).' },
  ERR_LTI_SUBJECT_REQUIRED: { status: 400, message: 'The launch is anonymous (no `sub`) and this tool does not accept anonymous launches (VAL-017).' },
  ERR_LTI_TARGET_LINK_URI_MISSING: { status: 400, message: 'The LTI `target_link_uri` claim is missing; a resource link launch must carry it (§4.1).' },
  ERR_LTI_TARGET_LINK_URI_MISMATCH: { status: 400, message: 'The `target_link_uri` claim differs from the one sent at login initiation (VAL-018).' },
  ERR_LTI_CLAIM_INVALID: { status: 400, message: 'A claim does not have the shape the specification requires.' },

  // ---- keys and remote fetches (SEC-006, SEC-007)
  ERR_LTI_KEY_UNSUPPORTED_ALG: { status: 500, message: 'That signing algorithm is not one of RS256, RS384, RS512, ES256, ES384, ES512.' },
  ERR_LTI_KEY_INVALID: { status: 400, message: 'The key could not be imported as a public or private JWK.' },
  ERR_LTI_NO_ACTIVE_KEY: { status: 500, message: 'There is no active signing key: generate or rotate keys first.' },
  ERR_LTI_JWKS_INVALID: { status: 502, message: 'The key set document is not a JSON Web Key Set.' },
  ERR_LTI_FETCH_INSECURE_URL: { status: 400, message: 'The URL is not HTTPS (plain HTTP is allowed only for loopback addresses in development).' },
  ERR_LTI_FETCH_TIMEOUT: { status: 504, message: 'The remote server did not answer in time.' },
  ERR_LTI_FETCH_TOO_LARGE: { status: 502, message: 'The remote response is larger than allowed.' },
  ERR_LTI_FETCH_FAILED: { status: 502, message: 'The remote server could not be reached or answered with an error status.' },

  // ---- platform: authorization endpoint (OIDC-020..032)
  ERR_LTI_AUTH_CLIENT_ID_MISSING: { status: 400, oauth: 'invalid_request', message: 'The authentication request has no `client_id` (OIDC-021).' },
  ERR_LTI_AUTH_CLIENT_UNKNOWN: { status: 400, oauth: 'invalid_client', message: 'No tool is registered with that `client_id` (OIDC-021).' },
  ERR_LTI_AUTH_REDIRECT_URI_MISSING: { status: 400, oauth: 'invalid_request', message: 'The authentication request has no `redirect_uri` (OIDC-022).' },
  ERR_LTI_AUTH_REDIRECT_URI_NOT_REGISTERED: { status: 400, oauth: 'invalid_request', message: 'The `redirect_uri` is not exactly one of the tool\u2019s registered redirect URIs (OIDC-022).' },
  ERR_LTI_AUTH_SCOPE_INVALID: { status: 400, oauth: 'invalid_scope', message: 'The authentication request `scope` must be exactly "openid" (OIDC-020).' },
  ERR_LTI_AUTH_RESPONSE_TYPE_INVALID: { status: 400, oauth: 'unsupported_response_type', message: 'The authentication request `response_type` must be "id_token" (OIDC-020).' },
  ERR_LTI_AUTH_RESPONSE_MODE_INVALID: { status: 400, oauth: 'invalid_request', message: 'The authentication request `response_mode` must be "form_post" (OIDC-020).' },
  ERR_LTI_AUTH_PROMPT_INVALID: { status: 400, oauth: 'invalid_request', message: 'The authentication request `prompt` must be "none" (OIDC-020).' },
  ERR_LTI_AUTH_NONCE_MISSING: { status: 400, oauth: 'invalid_request', message: 'The authentication request has no `nonce` (OIDC-020).' },
  ERR_LTI_AUTH_LOGIN_HINT_MISSING: { status: 400, oauth: 'invalid_request', message: 'The authentication request has no `login_hint` (OIDC-020).' },
  ERR_LTI_AUTH_MESSAGE_HINT_MISSING: { status: 400, oauth: 'invalid_request', message: 'The authentication request has no `lti_message_hint`; echo the one sent at login initiation.' },
  ERR_LTI_AUTH_MESSAGE_HINT_INVALID: { status: 400, oauth: 'invalid_request', message: 'The `lti_message_hint` is unknown, expired or already used: start the launch again (CORE-023).' },
  ERR_LTI_AUTH_MESSAGE_HINT_CLIENT_MISMATCH: { status: 400, oauth: 'unauthorized_client', message: 'The `lti_message_hint` was issued for another client (OIDC-023).' },
  ERR_LTI_AUTH_LOGIN_HINT_MISMATCH: { status: 400, oauth: 'login_required', message: 'The `login_hint` does not match the user the launch was issued for (OIDC-023).' },
  ERR_LTI_AUTH_USER_MISMATCH: { status: 400, oauth: 'login_required', message: 'The signed-in user is not the user the launch was issued for (OIDC-023).' },
  ERR_LTI_AUTH_DEPLOYMENT_INACTIVE: { status: 400, oauth: 'unauthorized_client', message: 'The deployment of this launch no longer exists for the tool.' },

  // ---- platform: building launches
  ERR_LTI_LAUNCH_INPUT_INVALID: { status: 400, message: 'The launch to issue is missing a required field.' },
  ERR_LTI_TOOL_UNKNOWN: { status: 404, message: 'No tool is registered with that client id.' },
  ERR_LTI_TOOL_DEPLOYMENT_UNKNOWN: { status: 404, message: 'The tool has no deployment with that id.' },
  ERR_LTI_TOOL_REGISTRATION_INVALID: { status: 400, message: 'The tool registration is invalid.' },
  ERR_LTI_PLATFORM_CONFIG_INVALID: { status: 500, message: 'The platform or tool configuration is invalid.' },

  // ---- platform: token endpoint, client credentials with a JWT client assertion (TOK-010..016)
  ERR_LTI_TOKEN_GRANT_TYPE_UNSUPPORTED: { status: 400, oauth: 'unsupported_grant_type', message: 'The token request `grant_type` must be "client_credentials" (TOK-010).' },
  ERR_LTI_TOKEN_ASSERTION_TYPE_INVALID: { status: 400, oauth: 'invalid_request', message: 'The token request `client_assertion_type` must be "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" (TOK-010).' },
  ERR_LTI_TOKEN_ASSERTION_MISSING: { status: 400, oauth: 'invalid_request', message: 'The token request has no `client_assertion` (TOK-010).' },
  ERR_LTI_TOKEN_SCOPE_MISSING: { status: 400, oauth: 'invalid_request', message: 'The token request has no `scope` (TOK-010).' },
  ERR_LTI_TOKEN_SCOPE_NOT_GRANTED: { status: 400, oauth: 'invalid_scope', message: 'None of the requested scopes is granted to this tool (TOK-013).' },
  ERR_LTI_CLIENT_ASSERTION_MALFORMED: { status: 401, oauth: 'invalid_client', message: 'The client assertion is not a well-formed signed JWT (TOK-011).' },
  ERR_LTI_CLIENT_ASSERTION_ALG_NOT_ALLOWED: { status: 401, oauth: 'invalid_client', message: 'The client assertion `alg` is not an approved asymmetric algorithm (SEC-002).' },
  ERR_LTI_CLIENT_ASSERTION_KID_MISSING: { status: 401, oauth: 'invalid_client', message: 'The client assertion header has no `kid` (SEC-004).' },
  ERR_LTI_CLIENT_ASSERTION_SUBJECT_MISMATCH: { status: 401, oauth: 'invalid_client', message: 'The client assertion `iss` and `sub` must both be the tool\u2019s client id (TOK-011).' },
  ERR_LTI_CLIENT_ASSERTION_CLIENT_UNKNOWN: { status: 401, oauth: 'invalid_client', message: 'No tool is registered with the client id the assertion names (TOK-011).' },
  ERR_LTI_CLIENT_ASSERTION_KEYS_MISSING: { status: 401, oauth: 'invalid_client', message: 'The tool has no JWKS URL or public key registered, so its assertion cannot be verified (TOK-011).' },
  ERR_LTI_CLIENT_ASSERTION_KEY_UNKNOWN: { status: 401, oauth: 'invalid_client', message: 'The client assertion `kid` is not in the tool\u2019s key set, even after refreshing it (SEC-006).' },
  ERR_LTI_CLIENT_ASSERTION_SIGNATURE_INVALID: { status: 401, oauth: 'invalid_client', message: 'The client assertion signature does not verify with the tool\u2019s key (TOK-011).' },
  ERR_LTI_CLIENT_ASSERTION_AUDIENCE_INVALID: { status: 401, oauth: 'invalid_client', message: 'The client assertion `aud` does not name this platform\u2019s token endpoint (TOK-011).' },
  ERR_LTI_CLIENT_ASSERTION_EXPIRED: { status: 401, oauth: 'invalid_client', message: 'The client assertion has expired (TOK-011).' },
  ERR_LTI_CLIENT_ASSERTION_TIMES_INVALID: { status: 401, oauth: 'invalid_client', message: 'The client assertion needs numeric `iat` and `exp`, `iat` not in the future and a lifetime of at most an hour (TOK-011).' },
  ERR_LTI_CLIENT_ASSERTION_JTI_MISSING: { status: 401, oauth: 'invalid_client', message: 'The client assertion has no `jti` (TOK-001, TOK-012).' },
  ERR_LTI_CLIENT_ASSERTION_REPLAYED: { status: 401, oauth: 'invalid_client', message: 'The client assertion `jti` was already used: build a new assertion for every token request (TOK-012).' },
  ERR_LTI_CLIENT_ASSERTION_DEPLOYMENT_UNKNOWN: { status: 400, oauth: 'unauthorized_client', message: 'The client assertion names a deployment the tool does not have (TOK-002, TOK-016).' },

  // ---- platform: service requests with an access token (TOK-021)
  ERR_LTI_ACCESS_TOKEN_MISSING: { status: 401, oauth: 'invalid_token', message: 'The service request has no `Authorization: Bearer` access token (TOK-020, TOK-021).' },
  ERR_LTI_ACCESS_TOKEN_INVALID: { status: 401, oauth: 'invalid_token', message: 'The access token is unknown or has expired: request a new one (TOK-021).' },
  ERR_LTI_SERVICE_CONTEXT_UNKNOWN: { status: 404, message: 'No such context for this tool: it is unknown or the tool is not deployed in it (TOK-016).' },
  ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT: { status: 403, oauth: 'insufficient_scope', message: 'The access token was not granted the scope this service needs (TOK-021).' },

  // ---- tool: obtaining tokens and calling services (TOK-001..005, TOK-020..022)
  ERR_LTI_TOOL_KEYS_MISSING: { status: 500, message: 'The tool has no signing key store (`stores.keys`): it cannot sign client assertions or Deep Linking responses.' },
  ERR_LTI_SERVICE_TOKEN_ENDPOINT_MISSING: { status: 500, message: 'The platform registration has no `tokenEndpoint`, so no access token can be requested (TOK-003).' },
  ERR_LTI_SERVICE_TOKEN_REFUSED: { status: 502, message: 'The platform\u2019s token endpoint refused the token request (TOK-015); its `error` is in the detail.' },
  ERR_LTI_SERVICE_TOKEN_RESPONSE_INVALID: { status: 502, message: 'The platform\u2019s token endpoint answered without a usable `access_token` and `expires_in` (TOK-014).' },
  ERR_LTI_SERVICE_SCOPE_NOT_GRANTED: { status: 403, message: 'The platform did not grant the scope this service call needs (TOK-005).' },
  ERR_LTI_SERVICE_REQUEST_FAILED: { status: 502, message: 'The platform\u2019s service answered with an error status; the status and its body are in the detail.' },
  ERR_LTI_SERVICE_RATE_LIMITED: { status: 429, message: 'The platform is rate-limiting this tool and asked it to wait longer than it may (`Retry-After`).' },

  // ---- Names and Role Provisioning Services 2.0 (nrps.md): platform endpoint, then tool client
  ERR_LTI_NRPS_ACCEPT_UNSUPPORTED: { status: 406, message: 'The request\u2019s `Accept` header does not allow `application/vnd.ims.lti-nrps.v2.membershipcontainer+json` (NRPS-002, NRPS-003).' },
  ERR_LTI_NRPS_QUERY_INVALID: { status: 400, message: 'A query parameter of the memberships request (`role`, `rlid`) is repeated or too long (NRPS-010).' },
  ERR_LTI_NRPS_LIMIT_INVALID: { status: 400, message: 'The memberships `limit` must be a positive whole number (NRPS-010).' },
  ERR_LTI_NRPS_CURSOR_INVALID: { status: 400, message: 'The paging or differences cursor of the memberships URL is not one this platform issued: follow the `next` and `differences` links as given (NRPS-030, NRPS-032).' },
  ERR_LTI_NRPS_RESOURCE_LINK_UNKNOWN: { status: 400, message: 'The `rlid` names no resource link of this context (NRPS-011).' },
  ERR_LTI_NRPS_DIFFERENCES_UNSUPPORTED: { status: 400, message: 'This platform offers no membership differences, so `since` is not accepted (NRPS-031).' },
  ERR_LTI_NRPS_PROVIDER_PAGE_INVALID: { status: 500, message: 'The application\u2019s memberships provider returned a page that breaks NRPS: a member without `user_id` or `roles`, an unknown `status`, more members than the limit, or another context (NRPS-020, NRPS-030).' },
  ERR_LTI_NRPS_CONTAINER_INVALID: { status: 502, message: 'The platform\u2019s memberships answer is not a membership container: wrong media type, not JSON, or a member without `user_id` or `roles` (NRPS-003, NRPS-020).' },
  ERR_LTI_NRPS_LINK_UNTRUSTED: { status: 502, message: 'A `next` or `differences` link leaves the origin of the memberships URL, so the tool will not send its access token there (NRPS-032, TOK-020).' },
  ERR_LTI_NRPS_PAGING_LOOP: { status: 502, message: 'The platform\u2019s `next` link leads back to a page already read (NRPS-032).' },

  // ---- Assignment and Grade Services: platform endpoints (AGS-010..052) and the tool's client
  ERR_LTI_AGS_LINE_ITEM_UNKNOWN: { status: 404, message: 'No such line item for this tool in this context: it does not exist, was deleted, or belongs to another context or tool (AGS-012, AGS-049, TOK-016).' },
  ERR_LTI_AGS_CONTENT_TYPE_UNSUPPORTED: { status: 415, message: 'The body must be sent with this endpoint\u2019s exact AGS media type: `application/vnd.ims.lis.v2.lineitem+json` for line items, `application/vnd.ims.lis.v1.score+json` for scores (AGS-013, AGS-014).' },
  ERR_LTI_AGS_ACCEPT_UNSUPPORTED: { status: 406, message: 'The request\u2019s `Accept` header does not allow the AGS media type this endpoint answers with (AGS-013).' },
  ERR_LTI_AGS_JSON_MALFORMED: { status: 400, message: 'The request body is not a JSON object (AGS-049).' },
  ERR_LTI_AGS_LINE_ITEM_INVALID: { status: 400, message: 'A line item field is missing or invalid (`detail.field` names it): `label` non-empty, `scoreMaximum` a number above 0, dates ISO 8601 with an offset (AGS-020).' },
  ERR_LTI_AGS_RESOURCE_LINK_UNKNOWN: { status: 400, message: 'The line item\u2019s `resourceLinkId` names no resource link of this context (AGS-020).' },
  ERR_LTI_AGS_RESOURCE_LINK_IMMUTABLE: { status: 400, message: 'A line item\u2019s `resourceLinkId` cannot change after it was created (AGS-022).' },
  ERR_LTI_AGS_SCORE_INVALID: { status: 400, message: 'A score field is missing or invalid (`detail.field` names it): `userId`, an ISO 8601 `timestamp` with an offset, known `activityProgress` and `gradingProgress`, `scoreGiven` at least 0 with a `scoreMaximum` above 0 (AGS-049).' },
  ERR_LTI_AGS_SCORE_USER_NOT_MEMBER: { status: 400, message: 'The score\u2019s `userId` is not a member of this context: scores are only for the context\u2019s members, by their LTI `sub` (AGS-040).' },
  ERR_LTI_AGS_SCORE_STALE: { status: 409, message: 'A score for this user and line item with the same or a later `timestamp` is already stored: send scores with increasing timestamps (AGS-041, AGS-042).' },
  ERR_LTI_AGS_QUERY_INVALID: { status: 400, message: 'A query parameter of the AGS request is repeated (AGS-030).' },
  ERR_LTI_AGS_LIMIT_INVALID: { status: 400, message: 'The `limit` must be a positive whole number (AGS-030, AGS-050).' },
  ERR_LTI_AGS_CURSOR_INVALID: { status: 400, message: 'The paging cursor (`after`) is not one this platform issued: follow the `next` links as given (AGS-031, AGS-032).' },
  ERR_LTI_AGS_RESPONSE_INVALID: { status: 502, message: 'The platform\u2019s AGS answer is not what the spec defines: not JSON, not an array where one is due, or a line item or result without its required fields (AGS-014, AGS-021, AGS-050).' },
  ERR_LTI_AGS_LINK_UNTRUSTED: { status: 502, message: 'A `next` link leaves the origin of the AGS URL, so the tool will not send its access token there (AGS-032, TOK-020).' },
  ERR_LTI_AGS_PAGING_LOOP: { status: 502, message: 'The platform\u2019s `next` link leads back to a page already read (AGS-032).' },

  // ---- Deep Linking 2.0 (deep-linking.md): the request the tool receives, the response it builds,
  // and the platform's checks of that response at its return URL
  ERR_LTI_DL_SETTINGS_MISSING: { status: 400, message: 'The `LtiDeepLinkingRequest` has no `deep_linking_settings` claim object (DL-010).' },
  ERR_LTI_DL_RETURN_URL_MISSING: { status: 400, message: 'The `deep_linking_settings` claim has no non-empty `deep_link_return_url` (DL-010).' },
  ERR_LTI_DL_RETURN_URL_INVALID: { status: 400, message: 'The `deep_link_return_url` is not an absolute http(s) URL, so no response can be posted to it (DL-020).' },
  ERR_LTI_DL_ACCEPT_TYPES_MISSING: { status: 400, message: 'The `deep_linking_settings` claim has no `accept_types` array of strings (DL-001, DL-011).' },
  ERR_LTI_DL_NOT_DEEP_LINKING_LAUNCH: { status: 500, message: 'A Deep Linking response can only answer a validated `LtiDeepLinkingRequest` launch (DL-010).' },
  ERR_LTI_DL_CONTENT_ITEMS_INVALID: { status: 400, message: 'The `content_items` claim is not an array of content items (DL-061).' },
  ERR_LTI_DL_CONTENT_ITEM_INVALID: { status: 400, message: 'A content item lacks a required member or has one of the wrong shape (deep-linking.md \u00a73, DL-030); the detail names the item and the member.' },
  ERR_LTI_DL_CONTENT_ITEM_URL_INVALID: { status: 400, message: 'A content item URL is not an absolute http(s) URL (DL-060).' },
  ERR_LTI_DL_CONTENT_ITEM_TYPE_NOT_ACCEPTED: { status: 400, message: 'A content item\u2019s `type` is not one the platform listed in `accept_types` (DL-011, DL-040, DL-055).' },
  ERR_LTI_DL_MULTIPLE_NOT_ACCEPTED: { status: 400, message: 'More than one content item, but the platform did not set `accept_multiple` to true (DL-012, DL-055).' },
  ERR_LTI_DL_LINE_ITEM_NOT_ACCEPTED: { status: 400, message: 'An `ltiResourceLink` item carries a `lineItem`, but the platform set `accept_lineitem` to false (DL-058).' },
  ERR_LTI_DL_DOCUMENT_TARGET_NOT_ACCEPTED: { status: 400, message: 'A content item asks for an `iframe` or `window` presentation the platform did not list in `accept_presentation_document_targets` (DL-012).' },
  ERR_LTI_DL_JWT_MISSING: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response POST has no `JWT` form field (DL-050).' },
  ERR_LTI_DL_JWT_MALFORMED: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response `JWT` is not a well-formed JWS compact JWT (DL-051).' },
  ERR_LTI_DL_JWT_ALG_NOT_ALLOWED: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response `alg` is not an approved asymmetric algorithm (DL-021, SEC-002).' },
  ERR_LTI_DL_JWT_KID_MISSING: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response header has no `kid` (DL-051, SEC-004).' },
  ERR_LTI_DL_JWT_KID_UNKNOWN: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response `kid` is not in the tool\u2019s key set, even after refreshing it (DL-051, SEC-007).' },
  ERR_LTI_DL_JWT_SIGNATURE_INVALID: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response signature does not verify with the tool\u2019s key (DL-021, DL-051).' },
  ERR_LTI_DL_ISSUER_UNKNOWN: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response `iss` is not the client id of a registered tool (DL-051).' },
  ERR_LTI_DL_TOOL_KEYS_MISSING: { status: 400, oauth: 'invalid_request', message: 'The tool has no JWKS URL or public key registered, so its Deep Linking response cannot be verified (DL-051).' },
  ERR_LTI_DL_AUDIENCE_MISMATCH: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response `aud` does not contain this platform\u2019s issuer (DL-052).' },
  ERR_LTI_DL_AZP_MISMATCH: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response has an `azp` that is not the tool\u2019s client id (DL-051).' },
  ERR_LTI_DL_TOKEN_EXPIRED: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response has expired (`exp` is in the past beyond the allowed clock skew) (DL-052).' },
  ERR_LTI_DL_TOKEN_TIMES_INVALID: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response needs numeric `iat` and `exp`, `iat` not in the future and a lifetime of at most an hour (DL-052).' },
  ERR_LTI_DL_NONCE_MISSING: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response has no `nonce` (DL-052).' },
  ERR_LTI_DL_NONCE_REPLAYED: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response `nonce` was already used: a response is accepted once (DL-052).' },
  ERR_LTI_DL_MESSAGE_TYPE_INVALID: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response `message_type` is not "LtiDeepLinkingResponse" (DL-053).' },
  ERR_LTI_DL_VERSION_INVALID: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response `version` is not "1.3.0" (DL-053).' },
  ERR_LTI_DL_DEPLOYMENT_UNKNOWN: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response `deployment_id` is missing or not a deployment of that tool (DL-053).' },
  ERR_LTI_DL_DEPLOYMENT_MISMATCH: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response `deployment_id` differs from the deployment of the request it answers (DL-053).' },
  ERR_LTI_DL_SESSION_UNKNOWN: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response answers no pending Deep Linking request: it is unknown, expired or already answered (DL-052, DL-054).' },
  ERR_LTI_DL_SESSION_CLIENT_MISMATCH: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response comes from another tool than the one the request was sent to (DL-051, DL-054).' },
  ERR_LTI_DL_DATA_MISMATCH: { status: 400, oauth: 'invalid_request', message: 'The Deep Linking response does not echo the request\u2019s `data` exactly (DL-054).' },

  // ---- LTI 1.1 → 1.3 migration, the `lti1p1` claim (lti11.md §5): the platform signing it, then
  // the tool's check. A failed check does not fail the launch unless the tool enforces it.
  ERR_LTI_LTI1P1_CREDENTIAL_UNKNOWN: { status: 500, oauth: 'server_error', message: 'The tool registration names an LTI 1.1 consumer key (`lti11ConsumerKey`) that the platform\u2019s `stores.lti11` does not hold, so the `lti1p1` claim cannot be signed: add the key and secret, or remove the name (MIG-001).' },
  ERR_LTI_LTI1P1_CLAIM_INVALID: { status: 400, message: 'The `lti1p1` claim is not an object whose members are strings (MIG-004).' },
  ERR_LTI_LTI1P1_CONSUMER_KEY_MISSING: { status: 400, message: 'The `lti1p1` claim has no `oauth_consumer_key`, so the launch cannot be tied to an LTI 1.1 consumer key (MIG-004).' },
  ERR_LTI_LTI1P1_SIGN_MISSING: { status: 400, message: 'The `lti1p1` claim names an `oauth_consumer_key` without the `oauth_consumer_key_sign` that proves the platform holds its secret (MIG-004).' },
  ERR_LTI_LTI1P1_NO_KEY_MATCHED: { status: 400, message: 'No LTI 1.1 credential of this tool has the claim\u2019s `oauth_consumer_key` (MIG-004).' },
  ERR_LTI_LTI1P1_SIGNATURE_MISMATCH: { status: 400, message: 'The `oauth_consumer_key_sign` is not the HMAC-SHA256, with the 1.1 secret, of this id_token\u2019s consumer key, deployment, issuer, client id, `exp` and `nonce`: the secret or one of those values differs (MIG-001, MIG-004).' },
  ERR_LTI_LTI1P1_KEY_LINKED_ELSEWHERE: { status: 400, message: 'The LTI 1.1 consumer key is already linked to another platform registration (issuer or client id), so it cannot be migrated to this one (MIG-005).' },

  // ---- LTI 1.0/1.1: OAuth 1.0a signatures (OA-001..OA-006), both sides
  ERR_LTI11_OAUTH_HEADER_MALFORMED: { status: 401, message: 'The `Authorization: OAuth …` header is not a list of name="value" pairs (RFC 5849 §3.5.1).' },
  ERR_LTI11_OAUTH_PARAMETER_MISSING: { status: 401, message: 'A required OAuth parameter is missing or empty (`detail.parameter` names it) (OA-002).' },
  ERR_LTI11_OAUTH_PARAMETER_REPEATED: { status: 401, message: 'An OAuth parameter appears more than once (`detail.parameter` names it).' },
  ERR_LTI11_OAUTH_VERSION_UNSUPPORTED: { status: 401, message: '`oauth_version` must be `1.0` (OA-001).' },
  ERR_LTI11_SIGNATURE_METHOD_UNSUPPORTED: { status: 401, message: 'The `oauth_signature_method` is not one this endpoint accepts; LTI 1.1 uses HMAC-SHA1 (OA-001).' },
  ERR_LTI11_CONSUMER_KEY_UNKNOWN: { status: 401, message: 'No shared secret is registered for this `oauth_consumer_key` (OA-006).' },
  ERR_LTI11_TIMESTAMP_OUT_OF_WINDOW: { status: 401, message: 'The `oauth_timestamp` is not a whole number of seconds within the accepted window around now; check the sender’s clock (OA-005).' },
  ERR_LTI11_NONCE_REPLAYED: { status: 401, message: 'This `oauth_nonce` was already used with this consumer key: a signed request is accepted once only (OA-005).' },
  ERR_LTI11_SIGNATURE_INVALID: { status: 401, message: 'The OAuth signature does not match: the secret, the URL the request was signed for or a parameter differs (OA-004).' },
  ERR_LTI11_BODY_HASH_MISSING: { status: 401, message: 'The request has no `oauth_body_hash`, which signs its body (BO-002).' },
  ERR_LTI11_BODY_HASH_MISMATCH: { status: 401, message: 'The `oauth_body_hash` is not the SHA-1 digest of the body received: the body was changed or re-encoded (BO-003).' },

  // ---- LTI 1.1 Basic Outcomes XML (BO-004..BO-009), both sides
  ERR_LTI11_XML_MALFORMED: { status: 400, message: 'The XML body is not well-formed (`detail.position` says where).' },
  ERR_LTI11_XML_DTD_REFUSED: { status: 400, message: 'The XML body declares a DTD or an entity; they are refused without being read, so no entity is ever expanded.' },
  ERR_LTI11_OUTCOME_REQUEST_INVALID: { status: 400, message: 'The Basic Outcomes request lacks a required element or has a bad value (`detail.field` names it) (BO-004, BO-005).' },
  ERR_LTI11_OUTCOME_RESPONSE_INVALID: { status: 502, message: 'The platform’s Basic Outcomes response is not a POX envelope with a status (BO-008).' },
  ERR_LTI11_OUTCOME_FAILED: { status: 502, message: 'The platform answered the Basic Outcomes request with `imsx_codeMajor` other than success; its description is in the detail (BO-008).' },

  // ---- LTI 1.0/1.1 platform side: registering 1.1 tools, signed launches (L11-001..005) and the
  // Basic Outcomes endpoint (BO-003..BO-009). Outcome failures are answered in the POX envelope
  // (HTTP 200, BO-009), their code in `imsx_codeMinor`; the status here is the nominal one.
  ERR_LTI11_TOOL_REGISTRATION_INVALID: { status: 400, message: 'The LTI 1.1 tool registration has a missing or bad field (`detail.field` names it): an https launch URL, a non-empty consumer key and secret.' },
  ERR_LTI11_CONSUMER_KEY_TAKEN: { status: 409, message: 'Another LTI 1.1 tool is already registered with this consumer key: consumer keys are unique (OA-006).' },
  ERR_LTI11_TOOL_UNKNOWN: { status: 404, message: 'No LTI 1.1 tool is registered with this consumer key.' },
  ERR_LTI11_LAUNCH_INPUT_INVALID: { status: 400, message: 'The LTI 1.1 launch request lacks a required field or has a bad value (`detail.field` names it) (L11-001).' },
  ERR_LTI11_OUTCOME_SOURCEDID_UNKNOWN: { status: 400, message: 'The `lis_result_sourcedid` is not one this platform issued (BO-005).' },
  ERR_LTI11_OUTCOME_FORBIDDEN: { status: 403, message: 'The `lis_result_sourcedid` names a resource link of another tool, or a user who is not a member of its context: this tool may not grade it (L11-005, AGS-040).' },
  ERR_LTI11_OUTCOME_SCORE_INVALID: { status: 400, message: 'A replaceResult score must be a plain decimal from 0.0 to 1.0 (BO-006, BO-007).' },
  ERR_LTI11_OUTCOME_TOOL_NOT_LINKED: { status: 403, message: 'The tool holding this access token names no LTI 1.1 consumer key (`lti11ConsumerKey`) whose Basic Outcomes it continues (BO-010, MIG-007).' },
  ERR_LTI11_OUTCOME_OPERATION_UNSUPPORTED: { status: 400, message: 'The Basic Outcomes operation is not replaceResult, readResult or deleteResult (BO-008).' },

  // ---- tool: LTI 1.0/1.1 launches (L11-001..L11-020) and the Basic Outcomes client (BO-001..BO-006)
  ERR_LTI11_LAUNCH_CONTENT_TYPE_UNSUPPORTED: { status: 415, message: 'An LTI 1.1 launch must be a POST of an `application/x-www-form-urlencoded` form (L11-001).' },
  ERR_LTI11_PARAMETER_REPEATED: { status: 400, message: 'An LTI parameter appears more than once (`detail.parameter` names it); LTI 1.1 lists such as `roles` are comma-separated in one value (L11-004).' },
  ERR_LTI11_MESSAGE_TYPE_MISSING: { status: 400, message: 'The LTI 1.1 launch has no `lti_message_type` (L11-002).' },
  ERR_LTI11_MESSAGE_TYPE_UNSUPPORTED: { status: 400, message: 'This endpoint handles `lti_message_type` `basic-lti-launch-request` only (L11-002).' },
  ERR_LTI11_VERSION_MISSING: { status: 400, message: 'The LTI 1.1 launch has no `lti_version` (L11-002).' },
  ERR_LTI11_VERSION_UNSUPPORTED: { status: 400, message: 'The `lti_version` is not `LTI-1p0`, the value LTI 1.0, 1.1 and 1.1.1 launches carry (L11-002).' },
  ERR_LTI11_RESOURCE_LINK_ID_MISSING: { status: 400, message: 'The LTI 1.1 launch has no `resource_link_id` (L11-002).' },
  ERR_LTI11_NOT_CONFIGURED: { status: 500, message: 'LTI 1.1 needs `stores.lti11` (the consumer keys and secrets) in the tool\u2019s options (OA-006).' },
  ERR_LTI11_OUTCOME_SERVICE_MISSING: { status: 400, message: 'The launch carries no `lis_outcome_service_url` and `lis_result_sourcedid`: the platform takes no grade for this user on this link (L11-005).' },
  ERR_LTI11_OUTCOME_UNAUTHORIZED: { status: 502, message: 'The platform refused the Basic Outcomes request with HTTP 401 or 403: the consumer key, secret or signed URL is not the one it expects (BO-003, BO-009).' },

  // ---- Dynamic Registration (dynamic-registration.md): the platform's registration endpoint and
  // review, then the tool's side of the exchange
  ERR_LTI_DR_TOKEN_MISSING: { status: 401, oauth: 'invalid_token', message: 'The registration request has no `Authorization: Bearer` registration token (DR-020, DR-030).' },
  ERR_LTI_DR_TOKEN_INVALID: { status: 401, oauth: 'invalid_token', message: 'The registration token is unknown, expired or already used: start the registration again from the platform (DR-003, DR-030).' },
  ERR_LTI_DR_CLIENT_METADATA_INVALID: { status: 400, oauth: 'invalid_client_metadata', message: 'A member of the client registration is missing, malformed or contradicts another (`detail.field` names it) (DR-031).' },
  ERR_LTI_DR_REDIRECT_URI_INVALID: { status: 400, oauth: 'invalid_redirect_uri', message: 'A redirect URI is not an https URL of the tool\u2019s domain, or a target link URI is not one of the `redirect_uris` (`detail.field` names it) (DR-031).' },
  ERR_LTI_DR_REGISTRATION_NOT_PENDING: { status: 409, message: 'Only a tool registered by Dynamic Registration and still waiting for review can be approved or rejected (DR-033).' },
  ERR_LTI_DR_GRANT_NOT_REQUESTED: { status: 400, message: 'An approval may grant only scopes and claims the tool requested (`detail.field` names the other one) (DR-034).' },
  ERR_LTI_DR_REPLACED_TOOL_NOT_RESERVED: { status: 409, oauth: 'access_denied', message: 'The LTI 1.1 tool this registration replaces has no LTI 1.3 client id reserved (`credential.lti13.clientId`), or is no longer registered, so no 1.3 registration can continue its links and grades (DR-050, MIG-005).' },
  ERR_LTI_DR_REPLACED_CLIENT_ID_TAKEN: { status: 409, oauth: 'access_denied', message: 'A tool is already registered under the client id reserved for the LTI 1.1 tool this registration replaces (upgraded already, or another registration replacing it waits for review); nothing was registered (DR-050, MIG-005).' },
  ERR_LTI_AUTH_CLIENT_PENDING: { status: 400, oauth: 'unauthorized_client', message: 'The tool\u2019s registration is waiting for an administrator\u2019s review: it cannot be launched until it is approved (DR-033).' },
  ERR_LTI_CLIENT_ASSERTION_CLIENT_PENDING: { status: 400, oauth: 'unauthorized_client', message: 'The tool\u2019s registration is waiting for an administrator\u2019s review: it gets no service token until it is approved (DR-033).' },
  ERR_LTI_DR_OPENID_CONFIGURATION_MISSING: { status: 400, message: 'The registration request has no `openid_configuration` parameter: open the tool\u2019s registration URL from the platform (DR-002).' },
  ERR_LTI_DR_NOT_AUTHORIZED: { status: 403, message: 'The tool\u2019s own sign-in refused this registration request: sign in to the tool as its administrator first (DR-004).' },
  ERR_LTI_DR_PLATFORM_CONFIGURATION_INVALID: { status: 502, message: 'The platform\u2019s OpenID configuration is not JSON (by `Content-Type` or body), lacks a required member or has one of the wrong shape (`detail.field` names it) (DR-012).' },
  ERR_LTI_DR_ISSUER_MISMATCH: { status: 502, message: 'The `issuer` of the platform\u2019s OpenID configuration is not on the host the configuration was fetched from (DR-011).' },
  ERR_LTI_DR_REGISTRATION_REFUSED: { status: 502, message: 'The platform\u2019s registration endpoint refused the client registration; its `error` and `error_description` are in the detail (DR-030, DR-031).' },
  ERR_LTI_DR_REGISTRATION_RESPONSE_INVALID: { status: 502, message: 'The platform\u2019s answer is not a client registration response: not JSON (by `Content-Type` or body), not a JSON object, or without a usable `client_id` (`detail.field` names the member) (DR-032).' },
  ERR_LTI_DR_CONFIRMATION_INVALID: { status: 403, message: 'The registration confirmation is unknown, expired or already used: open the tool\u2019s registration URL from the platform again (DR-004).' },
  ERR_LTI_DR_PLATFORM_ALREADY_REGISTERED: { status: 409, message: 'This tool already holds a registration for this issuer and client id; it is not replaced (DR-036).' },

  // ---- internal (never a stack trace outward)
  ERR_LTI_INTERNAL: { status: 500, oauth: 'server_error', message: 'An unexpected error occurred; it has been logged.' },
} as const satisfies Record<string, CodeInfo>;

/**
 * Union of every stable error code ltikit can report. Each code names one check, and its default
 * sentence quotes the requirement the check enforces (`ERR_LTI_NONCE_REPLAYED` → VAL-011).
 * Compare codes, never messages.
 *
 * @example
 * ```ts
 * const hint = (code: LtiErrorCode): string =>
 *   code === 'ERR_LTI_STATE_MISMATCH' ? 'Open the tool in a new window.' : 'Start again from your course.';
 * ```
 */
export type LtiErrorCode = keyof typeof CODES;

/**
 * Every code, for documentation and exhaustive tests. Conformance cases assert one of these codes,
 * each enforcing one requirement (e.g. `ERR_LTI_VERSION_UNSUPPORTED`, VAL-012).
 *
 * @example
 * ```ts
 * for (const code of LTI_ERROR_CODES) assert.ok(describeErrorCode(code).status >= 400, code);
 * ```
 */
export const LTI_ERROR_CODES = Object.freeze(Object.keys(CODES)) as readonly LtiErrorCode[];

/**
 * Options of {@link LtiError}. `message` becomes the response's `error_description` (OIDC-024,
 * TOK-015) and `detail` is shown to the caller too, so neither may carry tokens or secrets;
 * `cause` stays server-side for logging.
 *
 * @example
 * ```ts
 * throw new LtiError('ERR_LTI_DEPLOYMENT_UNKNOWN', { detail: { deployment_id: deploymentId } });
 * ```
 */
export interface LtiErrorOptions {
  /** Replaces the default sentence; keep it human and specific. */
  message?: string;
  /** Extra detail safe to show the caller (claim name, expected value …). Never secrets. */
  detail?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The one error class of ltikit. `status` and `oauthError` come from the code's registry entry;
 * `toJSON()` is the RFC 6749 §5.2 body (`error`, `error_description`) both sides answer with
 * (OIDC-024, TOK-015).
 *
 * @example
 * ```ts
 * throw new LtiError('ERR_LTI_DEPLOYMENT_UNKNOWN', { detail: { deploymentId } });
 * ```
 */
export class LtiError extends Error {
  override readonly name = 'LtiError';
  readonly code: LtiErrorCode;
  readonly status: number;
  readonly oauthError: OAuthErrorValue | undefined;
  readonly detail: Record<string, unknown> | undefined;

  constructor(code: LtiErrorCode, options: LtiErrorOptions = {}) {
    const info: CodeInfo = CODES[code];
    super(options.message ?? info.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = info.status;
    this.oauthError = info.oauth;
    this.detail = options.detail;
  }

  /** The JSON body shape used by every ltikit error response. */
  toJSON(): { error: string; code: LtiErrorCode; error_description: string; detail?: Record<string, unknown> } {
    return {
      error: this.oauthError ?? 'invalid_request',
      code: this.code,
      error_description: this.message,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
    };
  }
}

/**
 * True when `value` is an {@link LtiError}, optionally with the given code: branch on one failed
 * check, e.g. a launch submitted twice (`ERR_LTI_NONCE_REPLAYED`, VAL-011).
 *
 * @example
 * ```ts
 * if (isLtiError(error, 'ERR_LTI_NONCE_REPLAYED')) return new Response('This launch was already used.', { status: 400 });
 * ```
 */
export function isLtiError(value: unknown, code?: LtiErrorCode): value is LtiError {
  return value instanceof LtiError && (code === undefined || value.code === code);
}

/**
 * Wraps anything thrown into an LtiError; unknown errors become `ERR_LTI_INTERNAL` (their message is
 * not exposed), so every failure answers with a stable code and never a stack trace (CORE-022).
 *
 * @example
 * ```ts
 * catch (thrown) { const error = toLtiError(thrown); return Response.json(error.toJSON(), { status: error.status }); }
 * ```
 */
export function toLtiError(value: unknown): LtiError {
  if (value instanceof LtiError) return value;
  return new LtiError('ERR_LTI_INTERNAL', { cause: value });
}

/**
 * The default sentence, HTTP status and OAuth `error` value of a code (OIDC-024, TOK-015); the
 * sentence names the requirement the check enforces.
 *
 * @example
 * ```ts
 * describeErrorCode('ERR_LTI_NONCE_REPLAYED'); // { status: 400, message: 'The JWT `nonce` was already used … (VAL-011).' }
 * ```
 */
export function describeErrorCode(code: LtiErrorCode): { status: number; message: string; oauth?: OAuthErrorValue } {
  return CODES[code];
}
