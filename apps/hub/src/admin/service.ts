/**
 * What the registry can do, once: the admin pages, the JSON admin API and the CLI (through the
 * API) all call these functions, so the three never disagree.
 */
import { randomUUID } from 'node:crypto';
import { createSqlStores } from '@ltikit/store-sql';
import {
  type Lti11Credential,
  type PersonalDataClaim,
  type PlatformRegistration,
  type SigningKeySet,
  type SingleUseStore,
  type ToolRegistration,
  isLtiError,
  normalizeRole,
  validateClientRegistrationRequest,
} from 'ltikit';
import { type LtiPlatform, approveToolRegistration, checkRegistrationPending } from 'ltikit/platform';
import { SANDBOX_COURSE_ID } from '../db/seed.js';
import { HubError } from '../errors.js';
import { type HubDb, addLink, findCourse, findPerson, linksOfTool, listMembers } from '../sandbox/directory.js';
import { LTI_TOOL_CONFIGURATION, type ToolMessageConfiguration, type UrlPolicy, asFieldError, readGrants, readPlatformDocument, readRegistrationStart, readToolDocument } from './registration_documents.js';
import { keepToolDocument, registrationFromDocument } from './tool_documents.js';

export { type Lti11AdminContext, type Lti11ToolAdded, type Lti11ToolSummary, addLti11Tool, findLti11ToolOfLink, getLti11Tool, listLti11Tools, receivesOutcomes } from './lti11_tools.js';
export { type Lti11ToolUpgraded, type Lti11UpgradeUrls, LTI11_UPGRADE_DEFAULT_SCOPES, upgradeDocumentFromUrls, upgradeLti11Tool } from './upgrade_lti11_tool.js';

export const LAUNCH_TICKET_KIND = 'hub_launch_ticket';
const LAUNCH_TICKET_SECONDS = 300;

export interface AdminContext {
  db: HubDb;
  publicUrl: string;
  urlPolicy: UrlPolicy;
  singleUse: SingleUseStore;
  keySets: Record<string, SigningKeySet>;
  demoToolUrls: { login: string; launch: string; jwks: string; register: string };
  demoClientId: string;
  clock: () => number;
  /** Registration tokens and approvals of Dynamic Registration. */
  platform: Pick<LtiPlatform, 'createRegistrationToken' | 'registrationInitiationUrl'>;
}

export interface ToolSummary {
  /** LTI 1.1 tools (consumer key and secret) are listed apart, as `Lti11ToolSummary`. */
  lti_version: '1.3';
  client_id: string;
  name: string;
  deployment_ids: string[];
  initiate_login_uri: string;
  redirect_uris: string[];
  target_link_uri: string;
  jwks_uri?: string;
  claims: string[];
  scopes: string[];
  custom_parameters: Record<string, string>;
  links: { id: string; course_id: string; title: string; deployment_id: string }[];
  built_in: boolean;
  /** `pending`: registered by Dynamic Registration and waiting for an administrator (DR-033). */
  status: 'active' | 'pending';
  deep_linking_uri?: string;
  /** How the tool registered itself, for the review (DR-033, DR-034). */
  registration?: {
    requested_scopes: string[];
    requested_claims: string[];
    requested_by?: string;
    session_id?: string;
    registered_at: number;
    approved_at?: number;
    messages: ToolMessageConfiguration[];
  };
  /** The registration document the tool was added or last edited with (none for the built-in tool). */
  document?: Record<string, unknown>;
  /** An LTI 1.1 tool upgraded to 1.3: its links and grades continue, its launches carry the `lti1p1` claim. */
  upgraded_from?: { lti_version: '1.1'; consumer_key: string };
  /**
   * A tool that registered itself to replace an LTI 1.1 tool (DR-050), waiting for review: once
   * enabled, it is that tool upgraded, and the 1.1 tool's links and grades continue.
   */
  replaces?: { lti_version: '1.1'; consumer_key: string; name?: string; launch_url?: string };
}

function summarize(tool: ToolRegistration, links: Awaited<ReturnType<typeof linksOfTool>>, builtIn: boolean, replaced?: Lti11Credential): ToolSummary {
  const pending = tool.status === 'pending';
  return {
    lti_version: '1.3',
    client_id: tool.clientId,
    name: tool.name,
    deployment_ids: [...tool.deploymentIds],
    initiate_login_uri: tool.initiateLoginUri,
    redirect_uris: [...tool.redirectUris],
    target_link_uri: tool.targetLinkUri,
    ...(tool.jwksUri === undefined ? {} : { jwks_uri: tool.jwksUri }),
    claims: [...tool.claims],
    scopes: [...(tool.scopes ?? [])],
    custom_parameters: { ...tool.customParameters },
    links: links.map((link) => ({ id: link.id, course_id: link.courseId, title: link.title, deployment_id: link.deploymentId })),
    built_in: builtIn,
    status: pending ? 'pending' : 'active',
    ...(tool.deepLinkingUri === undefined ? {} : { deep_linking_uri: tool.deepLinkingUri }),
    ...(tool.lti11ConsumerKey === undefined || pending ? {} : { upgraded_from: { lti_version: '1.1' as const, consumer_key: tool.lti11ConsumerKey } }),
    ...(tool.lti11ConsumerKey === undefined || !pending
      ? {}
      : {
          replaces: {
            lti_version: '1.1' as const,
            consumer_key: tool.lti11ConsumerKey,
            ...(replaced?.name === undefined ? {} : { name: replaced.name }),
            ...(replaced?.launchUrl === undefined ? {} : { launch_url: replaced.launchUrl }),
          },
        }),
    ...(tool.registration === undefined
      ? {}
      : {
          registration: {
            requested_scopes: [...tool.registration.requestedScopes],
            requested_claims: [...tool.registration.requestedClaims],
            ...(tool.registration.requestedBy === undefined ? {} : { requested_by: tool.registration.requestedBy }),
            ...(tool.registration.sessionId === undefined ? {} : { session_id: tool.registration.sessionId }),
            registered_at: tool.registration.registeredAt,
            ...(tool.registration.approvedAt === undefined ? {} : { approved_at: tool.registration.approvedAt }),
            messages: messagesOf(tool.registration.request),
          },
        }),
  };
}

/**
 * The message descriptors of a registration request as the library reads them, never the raw
 * entries: a registration keeps members it does not check (a message type no platform offers,
 * DR-021, whose `placements` may be a string), so the review and the deployment use only checked,
 * typed descriptors. The request passed these checks when it arrived (under the hub's URL policy);
 * one that no longer does yields none.
 */
function messagesOf(request: Record<string, unknown>): ToolMessageConfiguration[] {
  try {
    return validateClientRegistrationRequest(request, { profile: 'registration', allowInsecureLoopback: true }).messages;
  } catch {
    return [];
  }
}

/** The LTI 1.1 tool a registration waiting for review replaces, if it replaces one (DR-050). */
async function replacedBy(context: AdminContext, tool: ToolRegistration): Promise<Lti11Credential | undefined> {
  if (tool.status !== 'pending' || tool.lti11ConsumerKey === undefined) return undefined;
  return createSqlStores(context.db).lti11.getCredential(tool.lti11ConsumerKey);
}

export async function listTools(context: AdminContext): Promise<ToolSummary[]> {
  const tools = await createSqlStores(context.db).tools.listTools();
  return Promise.all(tools.map(async (tool) => summarize(tool, await linksOfTool(context.db, tool.clientId), tool.clientId === context.demoClientId, await replacedBy(context, tool))));
}

export async function getTool(context: AdminContext, clientId: string): Promise<ToolSummary> {
  const tool = await createSqlStores(context.db).tools.getTool(clientId);
  if (tool === undefined) throw new HubError('ERR_HUB_NOT_FOUND', `No tool is registered with client_id "${clientId}".`, 'client_id');
  const summary = summarize(tool, await linksOfTool(context.db, clientId), clientId === context.demoClientId, await replacedBy(context, tool));
  const stored = await context.db.selectFrom('hub_tool_documents').select('document').where('client_id', '=', clientId).executeTakeFirst();
  if (stored !== undefined) summary.document = JSON.parse(stored.document) as Record<string, unknown>;
  else if (tool.registration !== undefined) summary.document = tool.registration.request;
  return summary;
}

/**
 * Registers a tool from its registration document and deploys it in the sandbox course with one
 * link, in one transaction: a refused document or a failed write leaves nothing behind.
 */
export async function addTool(context: AdminContext, input: unknown): Promise<{ client_id: string; deployment_id: string; link_id: string }> {
  const document = readToolDocument(input, context.urlPolicy);
  const clientId = randomUUID();
  const deploymentId = randomUUID();
  const registration = registrationFromDocument(document, { clientId, deploymentIds: [deploymentId] }, context.urlPolicy);
  const now = context.clock();
  const linkId = await context.db.transaction().execute(async (trx) => {
    await createSqlStores(trx).tools.saveTool(registration);
    return deployInSandbox(trx, { clientId, deploymentId, name: document.name, messages: document.messages, raw: document.raw, now });
  });
  return { client_id: clientId, deployment_id: deploymentId, link_id: linkId };
}

/**
 * Keeps a tool's registration document and deploys the tool in the sandbox course with one link,
 * named after its resource-link message (or the tool); run inside the caller's transaction.
 */
async function deployInSandbox(
  trx: HubDb,
  tool: { clientId: string; deploymentId: string; name: string; messages: ToolMessageConfiguration[]; raw: Record<string, unknown>; now: number },
): Promise<string> {
  const linkId = `link-${randomUUID()}`;
  await trx.insertInto('hub_tool_documents').values({ client_id: tool.clientId, document: JSON.stringify(tool.raw), created_at: tool.now, updated_at: tool.now }).execute();
  const resourceLink = tool.messages.find((message) => message.type === 'LtiResourceLinkRequest');
  await addLink(trx, {
    id: linkId,
    courseId: SANDBOX_COURSE_ID,
    clientId: tool.clientId,
    deploymentId: tool.deploymentId,
    title: resourceLink?.label ?? tool.name,
    description: undefined,
    targetLinkUri: resourceLink?.target_link_uri,
    custom: resourceLink?.custom_parameters ?? {},
    documentTarget: 'iframe',
  });
  return linkId;
}

/** The LTI 1.1 tool a registration will replace, as the start of the registration answers it. */
export interface ReplacedLti11ToolSummary {
  lti_version: '1.1';
  consumer_key: string;
  name: string;
  /** The client id and deployment(s) reserved for the tool: what the registering tool is told. */
  client_id: string;
  deployment_ids: string[];
}

/**
 * "Add a tool by its registration URL" (DR-001, DR-003): a single-use registration token bound to
 * the administrator, and the URL to open in a frame — the tool's registration URL with the hub's
 * OpenID configuration and the token. With `replaces` (a consumer key), the token binds the
 * registration to that LTI 1.1 tool (DR-050): the tool is registered under the client id and
 * deployment reserved for it, so its links and grades continue once the registration is enabled.
 * Refuses an unknown key (`ERR_HUB_NOT_FOUND`) and a tool upgraded already (`ERR_HUB_CONFLICT`),
 * naming `replaces`.
 */
export async function startRegistration(
  context: AdminContext,
  input: unknown,
  requestedBy: string,
): Promise<{ session_id: string; registration_url: string; expires_at: number; replaces?: ReplacedLti11ToolSummary }> {
  const { url, replaces } = readRegistrationStart(input, context.urlPolicy);
  let issued: Awaited<ReturnType<AdminContext['platform']['createRegistrationToken']>>;
  try {
    issued = await context.platform.createRegistrationToken({ requestedBy, ...(replaces === undefined ? {} : { replaces: { consumerKey: replaces } }) });
  } catch (thrown) {
    if (isLtiError(thrown, 'ERR_LTI11_TOOL_UNKNOWN')) throw new HubError('ERR_HUB_NOT_FOUND', `No LTI 1.1 tool is registered with the consumer key "${replaces}".`, 'replaces');
    if (isLtiError(thrown, 'ERR_LTI_DR_REPLACED_CLIENT_ID_TAKEN')) {
      throw new HubError('ERR_HUB_CONFLICT', `The LTI 1.1 tool "${replaces}" was upgraded already: it is the LTI 1.3 tool "${String(thrown.detail?.client_id)}".`, 'replaces');
    }
    if (isLtiError(thrown, 'ERR_LTI_DR_REPLACED_TOOL_NOT_RESERVED')) {
      throw new HubError('ERR_HUB_CONFLICT', `The LTI 1.1 tool "${replaces}" has no client id reserved for LTI 1.3, so its links and grades have nothing to continue under.`, 'replaces');
    }
    throw thrown;
  }
  const replaced = issued.replaces;
  return {
    session_id: issued.sessionId,
    registration_url: context.platform.registrationInitiationUrl(url, issued.token),
    expires_at: issued.expiresAt,
    ...(replaced === undefined
      ? {}
      : { replaces: { lti_version: '1.1' as const, consumer_key: replaced.consumerKey, name: replaced.name ?? replaced.consumerKey, client_id: replaced.clientId, deployment_ids: replaced.deploymentIds } }),
  };
}

/** An LTI 1.1 tool a registration may replace, as the "upgrade choice" offers it. */
export interface Lti11ReplacementChoice {
  consumer_key: string;
  name: string;
  launch_url: string;
  /** The host of its launch URL, shown to tell tools apart. */
  launch_host: string;
}

/**
 * The "upgrade choice" of "Add a tool by its registration URL" (DR-050, as Moodle offers it): the
 * LTI 1.1 tools a registration may replace — those with a client id reserved for LTI 1.3 that no
 * tool holds yet (one whose replacement waits for review is left out: enable or reject that
 * first) — and the one to pre-select, whose launch URL is on the registration URL's
 * host (none when no host matches: a new tool). The URL is checked as the registration's start
 * checks it.
 */
export async function registrationChoices(context: AdminContext, input: unknown): Promise<{ url: string; tools: Lti11ReplacementChoice[]; preselected?: string }> {
  const { url } = readRegistrationStart(input, context.urlPolicy);
  const stores = createSqlStores(context.db);
  const tools: Lti11ReplacementChoice[] = [];
  for (const credential of await stores.lti11.listCredentials()) {
    const clientId = credential.lti13?.clientId;
    if (clientId === undefined) continue;
    if ((await stores.tools.getTool(clientId)) !== undefined) continue;
    const launchUrl = credential.launchUrl ?? '';
    tools.push({ consumer_key: credential.consumerKey, name: credential.name ?? credential.consumerKey, launch_url: launchUrl, launch_host: hostOf(launchUrl) ?? launchUrl });
  }
  const host = hostOf(url);
  const preselected = tools.find((tool) => host !== undefined && hostOf(tool.launch_url) === host)?.consumer_key;
  return { url, tools, ...(preselected === undefined ? {} : { preselected }) };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** The tool that registered itself in a registration session, if it has yet. */
export async function findRegistration(context: AdminContext, sessionId: string): Promise<ToolSummary> {
  const tool = (await createSqlStores(context.db).tools.listTools()).find((candidate) => candidate.registration?.sessionId === sessionId);
  if (tool === undefined) throw new HubError('ERR_HUB_NOT_FOUND', 'No tool has registered in this registration session (yet): it may have failed or been closed early.', 'session_id');
  return getTool(context, tool.clientId);
}

/**
 * What enabling a registration did: a new tool is deployed in the sandbox course with a link
 * (`link_id`); a tool that replaces an LTI 1.1 tool takes over its links (`link_ids`, unchanged ids)
 * and grades (`upgraded_from`, DR-050).
 */
export interface RegistrationApproved {
  client_id: string;
  deployment_id: string;
  link_id?: string;
  link_ids?: string[];
  upgraded_from?: { lti_version: '1.1'; consumer_key: string };
}

/**
 * "Enable" on the review screen (DR-033, DR-034): approves the registration with the grants given
 * (fewer than requested if the administrator unticked some), keeps its request as the tool's
 * document and deploys it in the sandbox course with a link, in one transaction. A registration
 * that replaces an LTI 1.1 tool (DR-050) gets no new link: the 1.1 tool's links, placed under the
 * same client id, launch through it from now on (see {@link findLti11ToolOfLink}); the links with
 * no launch URL of their own get its resource-link message's, and the 1.1 tool's custom parameters
 * carry over when the registration asks for none (as the manual upgrade does).
 */
export async function approveRegistration(context: AdminContext, clientId: string, input: unknown): Promise<RegistrationApproved> {
  const grants = readGrants(input);
  const now = context.clock();
  return context.db.transaction().execute(async (trx) => {
    const stores = createSqlStores(trx);
    const tool = await stores.tools.getTool(clientId);
    if (tool === undefined) throw new HubError('ERR_HUB_NOT_FOUND', `No tool is registered with client_id "${clientId}".`, 'client_id');
    let approved: ToolRegistration;
    try {
      approved = approveToolRegistration(tool, { ...(grants.scopes === undefined ? {} : { scopes: grants.scopes }), ...(grants.claims === undefined ? {} : { claims: grants.claims as PersonalDataClaim[] }) }, now);
    } catch (thrown) {
      throw asFieldError(thrown);
    }
    const deploymentId = approved.deploymentIds[0];
    if (deploymentId === undefined) throw new HubError('ERR_HUB_CONFLICT', 'The tool has no deployment to place in the sandbox course.', 'client_id');
    const request = approved.registration?.request ?? {};
    if (approved.lti11ConsumerKey !== undefined) return enableReplacement(trx, approved, { consumerKey: approved.lti11ConsumerKey, deploymentId, request, now });
    await stores.tools.saveTool(approved);
    const linkId = await deployInSandbox(trx, { clientId, deploymentId, name: approved.name, messages: messagesOf(request), raw: request, now });
    return { client_id: clientId, deployment_id: deploymentId, link_id: linkId };
  });
}

/**
 * Enables a registration that replaces an LTI 1.1 tool (DR-050), inside the approval's
 * transaction: the tool as approved (with the 1.1 tool's custom parameters when it asked for
 * none), its request kept as its document, and the 1.1 tool's links pointed at its resource-link
 * message when they had no launch URL of their own.
 */
async function enableReplacement(
  trx: HubDb,
  approved: ToolRegistration,
  context: { consumerKey: string; deploymentId: string; request: Record<string, unknown>; now: number },
): Promise<RegistrationApproved> {
  const stores = createSqlStores(trx);
  const credential = await stores.lti11.getCredential(context.consumerKey);
  const configuration = (context.request[LTI_TOOL_CONFIGURATION] ?? {}) as Record<string, unknown>;
  const carried = configuration.custom_parameters === undefined && credential?.customParameters !== undefined && Object.keys(credential.customParameters).length > 0 ? { ...credential.customParameters } : undefined;
  await stores.tools.saveTool(carried === undefined ? approved : { ...approved, customParameters: carried });
  const document = carried === undefined ? context.request : { ...context.request, [LTI_TOOL_CONFIGURATION]: { ...configuration, custom_parameters: carried } };
  await keepToolDocument(trx, approved.clientId, document, context.now);
  const messageTarget = messagesOf(context.request).find((message) => message.type === 'LtiResourceLinkRequest')?.target_link_uri;
  if (messageTarget !== undefined) {
    await trx.updateTable('hub_links').set({ target_link_uri: messageTarget }).where('client_id', '=', approved.clientId).where('target_link_uri', 'is', null).execute();
  }
  const links = await linksOfTool(trx, approved.clientId);
  return {
    client_id: approved.clientId,
    deployment_id: context.deploymentId,
    link_ids: links.map((link) => link.id),
    upgraded_from: { lti_version: '1.1', consumer_key: context.consumerKey },
  };
}

/** "Reject" on the review screen: the registration waiting for review is removed (DR-033). */
export async function rejectRegistration(context: AdminContext, clientId: string): Promise<{ client_id: string; rejected: true }> {
  await context.db.transaction().execute(async (trx) => {
    const stores = createSqlStores(trx);
    const tool = await stores.tools.getTool(clientId);
    if (tool === undefined) throw new HubError('ERR_HUB_NOT_FOUND', `No tool is registered with client_id "${clientId}".`, 'client_id');
    checkRegistrationPending(tool);
    await stores.tools.deleteTool(clientId);
  });
  return { client_id: clientId, rejected: true };
}

/** Replaces a tool's registration document; its deployments and links stay. */
export async function editTool(context: AdminContext, clientId: string, input: unknown): Promise<ToolSummary> {
  if (clientId === context.demoClientId) throw new HubError('ERR_HUB_CONFLICT', 'The built-in demo tool is configured by the hub itself and cannot be edited.', 'client_id');
  const document = readToolDocument(input, context.urlPolicy);
  const now = context.clock();
  await context.db.transaction().execute(async (trx) => {
    const stores = createSqlStores(trx);
    const existing = await stores.tools.getTool(clientId);
    if (existing === undefined) throw new HubError('ERR_HUB_NOT_FOUND', `No tool is registered with client_id "${clientId}".`, 'client_id');
    if (existing.status === 'pending') throw new HubError('ERR_HUB_CONFLICT', 'This tool registered itself and waits for review: enable or reject it first.', 'client_id');
    const registration = registrationFromDocument(document, { clientId, deploymentIds: [...existing.deploymentIds] }, context.urlPolicy);
    // An upgraded 1.1 tool stays upgraded: its launches keep the `lti1p1` claim (MIG-002).
    await stores.tools.saveTool(existing.lti11ConsumerKey === undefined ? registration : { ...registration, lti11ConsumerKey: existing.lti11ConsumerKey });
    await keepToolDocument(trx, clientId, document.raw, now);
  });
  return getTool(context, clientId);
}

export interface PlatformSummary {
  issuer: string;
  client_id: string;
  deployment_ids: string[];
  authorization_endpoint: string;
  token_endpoint?: string;
  jwks_uri?: string;
  name?: string;
}

function summarizePlatform(platform: PlatformRegistration): PlatformSummary {
  return {
    issuer: platform.issuer,
    client_id: platform.clientId,
    deployment_ids: [...platform.deploymentIds],
    authorization_endpoint: platform.authorizationEndpoint,
    ...(platform.tokenEndpoint === undefined ? {} : { token_endpoint: platform.tokenEndpoint }),
    ...(platform.jwksUri === undefined ? {} : { jwks_uri: platform.jwksUri }),
    ...(platform.name === undefined ? {} : { name: platform.name }),
  };
}

/** Every platform the demo tool trusts (the hub itself included). */
export async function listPlatforms(context: AdminContext): Promise<PlatformSummary[]> {
  const rows = await context.db.selectFrom('ltikit_platforms').select('data').orderBy('issuer').orderBy('client_id').execute();
  return rows.map((row) => summarizePlatform(JSON.parse(row.data) as PlatformRegistration));
}

/** Lets a real LMS launch the demo tool; answers with the URLs to configure in that LMS. */
export async function addPlatform(
  context: AdminContext,
  input: unknown,
): Promise<{ issuer: string; client_id: string; login_url: string; launch_url: string; redirect_uri: string; target_link_uri: string; jwks_url: string; registration_url: string }> {
  const document = readPlatformDocument(input, context.urlPolicy);
  if (document.issuer === context.publicUrl) throw new HubError('ERR_HUB_CONFLICT', 'The hub itself is already registered with the demo tool.', 'issuer');
  const registration: PlatformRegistration = {
    issuer: document.issuer,
    clientId: document.clientId,
    deploymentIds: document.deploymentIds,
    authorizationEndpoint: document.authorizationEndpoint,
    jwksUri: document.jwksUri,
    ...(document.tokenEndpoint === undefined ? {} : { tokenEndpoint: document.tokenEndpoint }),
    ...(document.tokenAudience === undefined ? {} : { tokenAudience: document.tokenAudience }),
    ...(document.name === undefined ? {} : { name: document.name }),
  };
  await createSqlStores(context.db).platforms.savePlatform(registration);
  return {
    issuer: registration.issuer,
    client_id: registration.clientId,
    login_url: context.demoToolUrls.login,
    launch_url: context.demoToolUrls.launch,
    redirect_uri: context.demoToolUrls.launch,
    target_link_uri: context.demoToolUrls.launch,
    jwks_url: context.demoToolUrls.jwks,
    registration_url: context.demoToolUrls.register,
  };
}

export interface LaunchTicket {
  personId: string;
  courseId: string;
  linkId: string;
  roles?: string[];
  message?: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  clientId?: string;
}

/**
 * A one-time URL that signs its holder in as the person and starts the launch: for scripts and CI
 * jobs that drive a launch without clicking. It works once, for five minutes.
 */
export async function createLaunchUrl(
  context: AdminContext,
  input: unknown,
): Promise<{ url: string; expires_at: number; user: string; course: string; client_id: string; link_id: string; roles: string[] }> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new HubError('ERR_HUB_BODY_INVALID', 'The body must be a JSON object.');
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (!['client_id', 'user', 'course', 'role', 'message'].includes(key)) throw new HubError('ERR_HUB_FIELD_INVALID', `${key} is not a known field.`, key);
  }
  const field = (name: string): string | undefined => {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value.trim() === '') throw new HubError('ERR_HUB_FIELD_INVALID', `${name} must be a non-empty string.`, name);
    return value.trim();
  };
  const clientId = field('client_id') ?? context.demoClientId;
  const message = field('message') ?? 'LtiResourceLinkRequest';
  if (message !== 'LtiResourceLinkRequest' && message !== 'LtiDeepLinkingRequest') throw new HubError('ERR_HUB_FIELD_INVALID', `message must be LtiResourceLinkRequest or LtiDeepLinkingRequest, not "${message}".`, 'message');
  const courseName = field('course') ?? SANDBOX_COURSE_ID;
  const course = await findCourse(context.db, courseName);
  if (course === undefined) throw new HubError('ERR_HUB_NOT_FOUND', `No course "${courseName}".`, 'course');
  const members = await listMembers(context.db, course.id);
  const role = field('role');
  const roleUri = role === undefined ? undefined : normalizeRole(role);
  const userName = field('user');
  let personId: string;
  if (userName !== undefined) {
    const person = await findPerson(context.db, userName);
    if (person === undefined || !members.some((member) => member.id === person.id)) {
      throw new HubError('ERR_HUB_NOT_FOUND', `No member "${userName}" in course ${course.label}.`, 'user');
    }
    personId = person.id;
  } else {
    // Default: the course's instructor; with --role, the first member holding that role.
    const wanted = roleUri ?? 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor';
    const member = members.find((candidate) => candidate.roles.includes(wanted));
    if (member === undefined) throw new HubError('ERR_HUB_NOT_FOUND', `No member of ${course.label} has the role ${role ?? 'Instructor'}.`, role === undefined ? 'user' : 'role');
    personId = member.id;
  }
  const link = (await linksOfTool(context.db, clientId)).find((candidate) => candidate.courseId === course.id);
  if (link === undefined) throw new HubError('ERR_HUB_NOT_FOUND', `The tool "${clientId}" has no link in course ${course.label}.`, 'client_id');
  const ticket: LaunchTicket = { personId, courseId: course.id, linkId: link.id, message, clientId, ...(roleUri === undefined ? {} : { roles: [roleUri] }) };
  const token = randomUUID();
  const expiresAt = context.clock() + LAUNCH_TICKET_SECONDS;
  await context.singleUse.issue(LAUNCH_TICKET_KIND, token, JSON.stringify(ticket), expiresAt);
  const roles = roleUri === undefined ? (members.find((member) => member.id === personId)?.roles ?? []) : [roleUri];
  return { url: `${context.publicUrl}/launch-ticket/${token}`, expires_at: expiresAt, user: personId, course: course.id, client_id: clientId, link_id: link.id, roles };
}

function keySet(context: AdminContext, name: string | undefined): SigningKeySet {
  const chosen = name ?? 'platform';
  const set = context.keySets[chosen];
  if (set === undefined) throw new HubError('ERR_HUB_NOT_FOUND', `No key set "${chosen}"; the hub has ${Object.keys(context.keySets).join(', ')}.`, 'key_set');
  return set;
}

export async function listKeys(context: AdminContext, keySetName?: string) {
  const set = keySet(context, keySetName);
  await set.activeKey();
  return { key_set: set.keySetId, keys: await set.list() };
}

/** How long a `next` key is published before it may sign: the JWKS answer's `max-age` (SEC-006). */
export const NEXT_KEY_PUBLICATION_SECONDS = 300;

/**
 * Two-step rotation (SEC-006). The first call publishes a `next` key; a call once it has been
 * published for {@link NEXT_KEY_PUBLICATION_SECONDS} activates it, so no verifier that caches the
 * key set meets an unknown `kid`. `force` activates at once (a compromised key): verifiers then
 * refetch on the unknown `kid`, within their own refetch limits.
 */
export async function rotateKeys(context: AdminContext, keySetName?: string, options: { force?: boolean } = {}) {
  const set = keySet(context, keySetName);
  const next = (await set.list()).find((key) => key.status === 'next');
  const now = context.clock();
  if (next === undefined && options.force !== true) {
    const published = await set.prepareNext();
    return { key_set: set.keySetId, step: 'published', next: published, activate_after: published.createdAt + NEXT_KEY_PUBLICATION_SECONDS, keys: await set.list() };
  }
  if (next !== undefined && options.force !== true && now < next.createdAt + NEXT_KEY_PUBLICATION_SECONDS) {
    throw new HubError(
      'ERR_HUB_CONFLICT',
      `The next key ${next.kid} was published at ${new Date(next.createdAt * 1000).toISOString()}; verifiers may cache the key set for ${NEXT_KEY_PUBLICATION_SECONDS} s, so it can be activated from ${new Date((next.createdAt + NEXT_KEY_PUBLICATION_SECONDS) * 1000).toISOString()} (or force the rotation).`,
      'key_set',
    );
  }
  const rotation = await set.rotate();
  return { key_set: set.keySetId, step: 'activated', ...rotation, keys: await set.list() };
}
