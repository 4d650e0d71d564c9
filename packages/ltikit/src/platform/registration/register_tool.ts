/**
 * The platform's Dynamic Registration endpoint (`POST {baseUrl}/lti/register`): a sequence of
 * named checks — the registration token (DR-030), the JSON body, the client metadata (DR-031) —
 * then one insert-only write of a pending tool registration with a deployment (DR-032, DR-033),
 * answered with the registered metadata. A token created to replace an LTI 1.1 tool (DR-050)
 * registers the tool under the client id and deployment(s) reserved for it, with
 * `lti11ConsumerKey`. Refusals are RFC 7591 §3.2.2 error objects, always JSON; nothing is stored
 * unless every check passed.
 *
 * @example
 * ```ts
 * // POST /lti/register  Authorization: Bearer <registration token>  Content-Type: application/json
 * const response = await platform.fetch(request); // 200 { client_id, …, "https://purl.imsglobal.org/spec/lti-tool-configuration": { deployment_id, … } }
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-030..DR-033)
 */
import { LtiError, toLtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { readBodyText } from '../../lib/http.js';
import { type CheckedClientRegistration, type LtiMessageDescriptor, validateClientRegistrationRequest } from '../../messages/registration.js';
import type { Lti11CredentialStore, SingleUseStore, ToolRegistration, ToolRegistrationStore } from '../../stores/types.js';
import { DR_CONFIGURATION_KEY } from '../../vocab/claims.js';
import { MESSAGE_TYPE } from '../../vocab/message_types.js';
import type { ResolvedPlatformConfig } from '../config.js';
import { checkToolRegistration } from '../registry.js';
import { type ReplacedLti11Tool, reservedRegistrationOf } from './check_replaced_lti11_tool.js';
import { type RegistrationTokenGrant, spendRegistrationToken } from './registration_token.js';

const MAX_REGISTRATION_BYTES = 64 * 1024;
/** The messages this platform sends, as its OpenID configuration advertises them. */
const SUPPORTED_MESSAGES = new Set<string>([MESSAGE_TYPE.LtiResourceLinkRequest, MESSAGE_TYPE.LtiDeepLinkingRequest]);

export interface RegistrationEndpointContext {
  config: ResolvedPlatformConfig;
  tools: ToolRegistrationStore;
  singleUse: SingleUseStore;
  clock: Clock;
  /** The LTI 1.1 credentials, for registrations that replace a 1.1 tool (DR-050). */
  lti11?: Lti11CredentialStore | undefined;
}

/** The outcome, for the platform's observer. */
export interface RegistrationEndpointResult {
  response: Response;
  tool?: ToolRegistration;
  error?: LtiError;
}

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

function json(value: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...NO_STORE, ...headers } });
}

/**
 * Handles one client registration (DR-030..DR-033). The token is spent first, so a refused body
 * burns it and two requests racing with one token register at most once. The registration is
 * inserted only under a free client id: one replacing an LTI 1.1 tool whose reserved client id a
 * tool holds by now is refused with `ERR_LTI_DR_REPLACED_CLIENT_ID_TAKEN` (DR-050).
 *
 * @example
 * ```ts
 * const { response, tool } = await handleRegistrationRequest(request, { config, tools, singleUse, clock });
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-030, DR-031, DR-032, DR-033)
 */
export async function handleRegistrationRequest(request: Request, context: RegistrationEndpointContext): Promise<RegistrationEndpointResult> {
  try {
    const grant = await spendRegistrationToken(request, context.singleUse);
    const body = await readRegistrationBody(request);
    const checked = validateClientRegistrationRequest(body, { profile: 'registration', allowInsecureLoopback: context.config.allowInsecureLoopback });
    const replaced = grant.replaces === undefined ? undefined : await reservedRegistrationOf(grant.replaces.consumerKey, context.lti11);
    const tool = buildPendingRegistration(checked, grant, context, replaced);
    // Insert-only: never over a tool registered (or upgraded) since the token was created.
    if (!(await context.tools.createTool(tool))) {
      if (replaced !== undefined) throw new LtiError('ERR_LTI_DR_REPLACED_CLIENT_ID_TAKEN');
      throw new LtiError('ERR_LTI_INTERNAL', { message: 'A generated client id is already registered; nothing was registered.' });
    }
    return { response: json(registrationResponse(tool, checked), 200), tool };
  } catch (thrown) {
    const error = toLtiError(thrown);
    // RFC 7591 §3.2.2 (and RFC 6750 §3 for the token): JSON, whatever the client accepts.
    const headers: Record<string, string> = error.oauthError === 'invalid_token' ? { 'www-authenticate': `Bearer error="invalid_token"` } : {};
    return { response: json(error.toJSON(), error.status, headers), error };
  }
}

/**
 * DR-020: the body is one JSON object sent as `application/json`, at most 64 KiB (413 above).
 *
 * @example
 * ```ts
 * const body = await readRegistrationBody(request); // throws ERR_LTI_REQUEST_MALFORMED for a form body
 * ```
 */
export async function readRegistrationBody(request: Request): Promise<unknown> {
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw new LtiError('ERR_LTI_REQUEST_MALFORMED', { message: 'A client registration is sent as application/json (DR-020).', detail: { contentType: contentType || null } });
  }
  const text = await readBodyText(request, MAX_REGISTRATION_BYTES);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new LtiError('ERR_LTI_REQUEST_MALFORMED', { message: 'The client registration is not valid JSON.', cause });
  }
}

/** The message descriptors the platform keeps: the types it sends (its OpenID configuration lists them). */
function supportedMessages(checked: CheckedClientRegistration): LtiMessageDescriptor[] {
  return checked.messages.filter((message) => SUPPORTED_MESSAGES.has(message.type));
}

/**
 * DR-032, DR-033: the tool registration a valid request creates — a new client id and deployment
 * (or, replacing an LTI 1.1 tool, the ones reserved for it and its `lti11ConsumerKey`, DR-050),
 * `status: 'pending'` until an administrator approves it, the requested scopes (among those served)
 * and personal-data claims, the Deep Linking target as `deepLinkingUri`, and the request itself for
 * the review.
 *
 * @example
 * ```ts
 * const tool = buildPendingRegistration(checked, grant, context); // tool.status === 'pending'
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-032, DR-033, DR-034, DR-050)
 */
export function buildPendingRegistration(
  checked: CheckedClientRegistration,
  grant: RegistrationTokenGrant,
  context: RegistrationEndpointContext,
  replaced?: ReplacedLti11Tool,
): ToolRegistration {
  const requestedScopes = checked.scopes.filter((scope) => context.config.scopesSupported.includes(scope));
  const deepLinking = supportedMessages(checked).find((message) => message.type === MESSAGE_TYPE.LtiDeepLinkingRequest);
  const tool = checkToolRegistration(
    {
      ...(replaced === undefined
        ? {}
        : {
            clientId: replaced.clientId,
            ...(replaced.deploymentIds.length === 0 ? {} : { deploymentIds: replaced.deploymentIds }),
            lti11ConsumerKey: replaced.consumerKey,
          }),
      name: checked.name,
      initiateLoginUri: checked.initiateLoginUri,
      redirectUris: checked.redirectUris,
      targetLinkUri: checked.targetLinkUri,
      ...(deepLinking?.target_link_uri === undefined ? {} : { deepLinkingUri: deepLinking.target_link_uri }),
      ...(checked.jwksUri === undefined ? {} : { jwksUri: checked.jwksUri }),
      customParameters: checked.customParameters,
      claims: checked.claims,
      scopes: requestedScopes,
    },
    { allowInsecureLoopback: context.config.allowInsecureLoopback },
  );
  return {
    ...tool,
    status: 'pending',
    registration: {
      requestedScopes,
      requestedClaims: [...checked.claims],
      request: checked.raw,
      sessionId: grant.sessionId,
      ...(grant.requestedBy === undefined ? {} : { requestedBy: grant.requestedBy }),
      registeredAt: context.clock.now(),
    },
  };
}

/**
 * DR-032: the registered metadata echoed back, with the new `client_id`, and the deployment inside
 * the LTI tool configuration. `scope` and `claims` are what the registration holds; an
 * administrator may still grant fewer on approval (DR-034).
 *
 * @example
 * ```ts
 * registrationResponse(tool, checked)['https://purl.imsglobal.org/spec/lti-tool-configuration'].deployment_id;
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-032)
 */
export function registrationResponse(tool: ToolRegistration, checked: CheckedClientRegistration): Record<string, unknown> {
  const localized = Object.fromEntries(Object.entries(checked.localizedNames).map(([language, name]) => [`client_name#${language}`, name]));
  const optional = (name: string, value: string | undefined): Record<string, string> => (value === undefined ? {} : { [name]: value });
  return {
    client_id: tool.clientId,
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: tool.initiateLoginUri,
    redirect_uris: [...tool.redirectUris],
    client_name: tool.name,
    ...localized,
    ...optional('jwks_uri', tool.jwksUri),
    ...optional('logo_uri', checked.logoUri),
    ...optional('client_uri', checked.clientUri),
    ...optional('policy_uri', checked.policyUri),
    ...optional('tos_uri', checked.tosUri),
    ...(checked.contacts.length === 0 ? {} : { contacts: [...checked.contacts] }),
    token_endpoint_auth_method: 'private_key_jwt',
    scope: (tool.scopes ?? []).join(' '),
    [DR_CONFIGURATION_KEY.toolConfiguration]: {
      domain: checked.domain,
      ...(checked.secondaryDomains.length === 0 ? {} : { secondary_domains: [...checked.secondaryDomains] }),
      target_link_uri: tool.targetLinkUri,
      ...(tool.customParameters === undefined ? {} : { custom_parameters: { ...tool.customParameters } }),
      ...optional('description', checked.description),
      claims: ['iss', 'sub', ...tool.claims],
      messages: supportedMessages(checked),
      deployment_id: tool.deploymentIds[0],
    },
  };
}
