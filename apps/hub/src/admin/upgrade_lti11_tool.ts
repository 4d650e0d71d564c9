/**
 * "Upgrade an LTI 1.1 tool to LTI 1.3": the tool's 1.3 registration document (the one the registry
 * accepts for 1.3 tools) registered under the client id and deployment(s) reserved when the 1.1
 * tool was registered, with `lti11ConsumerKey` naming its key, in one transaction with the hub rows
 * that go with it. The admin pages, the JSON API and the CLI all call {@link upgradeLti11Tool}.
 *
 * What continues (lti11.md §5):
 * - links: the tool's links are already placed under the reserved client id, so they keep their
 *   ids and launch through 1.3 from now on ({@link findLti11ToolOfLink} steps aside once a 1.3
 *   registration holds that client id); the hub's 1.3 launches send the same user, course and link
 *   ids as its 1.1 launches did (MIG-003), and every launch carries the `lti1p1` claim signed with
 *   the 1.1 secret (MIG-001, MIG-002);
 * - grades: Basic Outcomes grades are stored under the reserved client id, so the launch's AGS
 *   line item is the link's 1.1 column and new scores join its history;
 * - the 1.1 credential stays: the platform signs the claim with its secret, and outcomes sent to
 *   the `lis_result_sourcedid`s handed out before keep working (MIG-007).
 *
 * What the 1.3 tool receives when its document leaves it out: the 1.1 tool's personal data
 * (`claims`) and custom parameters, as the administrator granted them — the document may narrow
 * or widen them, and what it says wins; the services that replace Basic Outcomes (`scope`: AGS
 * scores and results). The document kept for the tool spells out what was filled in, so editing
 * it later changes nothing by surprise.
 */
import { createSqlStores } from '@ltikit/store-sql';
import { type PersonalDataClaim, SCOPE, type ToolRegistration } from 'ltikit';
import { HubError } from '../errors.js';
import { linksOfTool } from '../sandbox/directory.js';
import type { Lti11AdminContext } from './lti11_tools.js';
import { LTI_TOOL_CONFIGURATION, asFieldError, readToolDocument } from './registration_documents.js';
import { keepToolDocument, registrationFromDocument } from './tool_documents.js';

/**
 * The services an upgraded tool gets when its document names none: the AGS counterparts of Basic
 * Outcomes (replaceResult and deleteResult → scores, readResult → results).
 */
export const LTI11_UPGRADE_DEFAULT_SCOPES: readonly string[] = [SCOPE.score, SCOPE.resultReadonly];

/** The answer to an upgrade: the tool as the registry now holds it, and what was carried over. */
export interface Lti11ToolUpgraded {
  lti_version: '1.3';
  upgraded_from: { lti_version: '1.1'; consumer_key: string };
  client_id: string;
  deployment_ids: string[];
  /** The tool's links, unchanged ids, now launched through 1.3. */
  link_ids: string[];
  /** Personal data the 1.3 launches carry, and where that list came from. */
  claims: string[];
  claims_from: 'lti11' | 'document';
  custom_parameters: Record<string, string>;
  custom_parameters_from: 'lti11' | 'document';
  scopes: string[];
  scopes_from: 'default' | 'document';
}

/**
 * Registers the 1.3 version of the 1.1 tool with `consumerKey` from its registration document, in
 * one transaction: the 1.3 registration under the reserved client id and deployments (with
 * `lti11ConsumerKey`), the document kept for the registry, and the resource-link message's launch
 * URL on the links that had none. Refuses an unknown key (`ERR_HUB_NOT_FOUND`), a tool already
 * upgraded (`ERR_HUB_CONFLICT`), and a document with a bad field (`ERR_HUB_FIELD_INVALID`), each
 * naming the field; a refusal writes nothing.
 */
export async function upgradeLti11Tool(context: Lti11AdminContext, consumerKey: string, input: unknown): Promise<Lti11ToolUpgraded> {
  const now = context.clock();
  return context.db.transaction().execute(async (trx) => {
    const stores = createSqlStores(trx);
    const credential = await stores.lti11.getCredential(consumerKey);
    if (credential === undefined) throw new HubError('ERR_HUB_NOT_FOUND', `No LTI 1.1 tool is registered with the consumer key "${consumerKey}".`, 'consumer_key');
    const clientId = credential.lti13?.clientId;
    const deploymentIds = [...(credential.lti13?.deploymentIds ?? [])];
    if (clientId === undefined || deploymentIds.length === 0) {
      throw new HubError('ERR_HUB_CONFLICT', `The LTI 1.1 tool "${consumerKey}" has no client id and deployment reserved for LTI 1.3, so its links and grades have nothing to continue under.`, 'consumer_key');
    }
    const tools = await stores.tools.listTools();
    const existing = tools.find((tool) => tool.clientId === clientId || tool.lti11ConsumerKey === consumerKey);
    if (existing?.status === 'pending') {
      throw new HubError('ERR_HUB_CONFLICT', `A tool that registered itself to replace the LTI 1.1 tool "${consumerKey}" waits for review as "${existing.clientId}": enable or reject it first.`, 'consumer_key');
    }
    if (existing !== undefined) {
      throw new HubError('ERR_HUB_CONFLICT', `The LTI 1.1 tool "${consumerKey}" was upgraded already: it is the LTI 1.3 tool "${existing.clientId}".`, 'consumer_key');
    }

    const document = readToolDocument(input, context.urlPolicy);
    const configuration = (document.raw[LTI_TOOL_CONFIGURATION] ?? {}) as Record<string, unknown>;
    const claimsFrom = configuration.claims === undefined ? 'lti11' : 'document';
    const claims: PersonalDataClaim[] = claimsFrom === 'lti11' ? [...(credential.claims ?? [])] : document.claims;
    const customFrom = configuration.custom_parameters === undefined ? 'lti11' : 'document';
    const customParameters = customFrom === 'lti11' ? { ...credential.customParameters } : document.customParameters;
    const scopesFrom = document.raw.scope === undefined ? 'default' : 'document';
    const scopes = scopesFrom === 'default' ? [...LTI11_UPGRADE_DEFAULT_SCOPES] : document.scopes;

    let registration: ToolRegistration;
    try {
      registration = registrationFromDocument(document, { clientId, deploymentIds }, context.urlPolicy, { customParameters, claims, scopes, lti11ConsumerKey: credential.consumerKey });
    } catch (thrown) {
      throw asFieldError(thrown);
    }
    await stores.tools.saveTool(registration);

    // The document as the tool is now configured: what was carried over is written into it.
    const kept: Record<string, unknown> = {
      ...document.raw,
      ...(scopesFrom === 'default' ? { scope: scopes.join(' ') } : {}),
      [LTI_TOOL_CONFIGURATION]: {
        ...configuration,
        ...(claimsFrom === 'lti11' ? { claims: ['iss', 'sub', ...claims] } : {}),
        ...(customFrom === 'lti11' ? { custom_parameters: customParameters } : {}),
      },
    };
    await keepToolDocument(trx, clientId, kept, now);

    // 1.1 links launched at the tool's one launch URL; in 1.3 a resource link goes where the tool's
    // resource-link message says, as it does for links placed when a 1.3 tool is added.
    const messageTarget = document.messages.find((message) => message.type === 'LtiResourceLinkRequest')?.target_link_uri;
    if (messageTarget !== undefined) {
      await trx.updateTable('hub_links').set({ target_link_uri: messageTarget }).where('client_id', '=', clientId).where('target_link_uri', 'is', null).execute();
    }
    const links = await linksOfTool(trx, clientId);

    return {
      lti_version: '1.3',
      upgraded_from: { lti_version: '1.1', consumer_key: credential.consumerKey },
      client_id: clientId,
      deployment_ids: [...registration.deploymentIds],
      link_ids: links.map((link) => link.id),
      claims: [...registration.claims],
      claims_from: claimsFrom,
      custom_parameters: { ...registration.customParameters },
      custom_parameters_from: customFrom,
      scopes: [...(registration.scopes ?? [])],
      scopes_from: scopesFrom,
    };
  });
}

/** The "fill in the URLs" half of the upgrade form, as the page posts it. */
export interface Lti11UpgradeUrls {
  client_name: string;
  initiate_login_uri: string;
  /** One URL per line. */
  redirect_uris: string;
  target_link_uri: string;
  jwks_uri: string;
  /** The personal data ticked (the page ticks the 1.1 tool's). */
  claims: string[];
}

/**
 * The registration document the URL fields of the upgrade form stand for, checked like any other
 * document by {@link upgradeLti11Tool}, so a refusal names the same fields. Empty fields are left
 * out (a missing required one is then named); the domain is the login URL's host; no `scope`, so
 * the tool gets the services that replace Basic Outcomes (paste a document to choose others).
 */
export function upgradeDocumentFromUrls(urls: Lti11UpgradeUrls): Record<string, unknown> {
  const text = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());
  const redirectUris = urls.redirect_uris
    .split(/\s+/)
    .map((uri) => uri.trim())
    .filter(Boolean);
  const login = text(urls.initiate_login_uri);
  let domain: string | undefined;
  try {
    domain = login === undefined ? undefined : new URL(login).host;
  } catch {
    domain = undefined; // the login URL itself is refused first, naming initiate_login_uri
  }
  const targetLinkUri = text(urls.target_link_uri) ?? redirectUris[0];
  const jwksUri = text(urls.jwks_uri);
  const name = text(urls.client_name);
  return {
    ...(name === undefined ? {} : { client_name: name }),
    ...(login === undefined ? {} : { initiate_login_uri: login }),
    redirect_uris: redirectUris,
    ...(jwksUri === undefined ? {} : { jwks_uri: jwksUri }),
    [LTI_TOOL_CONFIGURATION]: {
      ...(domain === undefined ? {} : { domain }),
      ...(targetLinkUri === undefined ? {} : { target_link_uri: targetLinkUri }),
      claims: ['iss', 'sub', ...urls.claims],
      messages: [{ type: 'LtiResourceLinkRequest' }],
    },
  };
}
