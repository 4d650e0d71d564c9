/**
 * LTI 1.1 tools in the registry, registered by consumer key and shared secret: the checks of the
 * document the admin pages, the JSON API and the CLI send, the credential (in the store's
 * `ltikit_lti11_credentials` table) and a link in the sandbox course, written together.
 *
 * Each 1.1 tool gets, at registration, the client id and deployment id it will have as an LTI 1.3
 * tool (`credential.lti13`): its sandbox link is placed under them, and the platform stores every
 * Basic Outcomes grade under that client id. Upgrading the tool to 1.3 is registering a 1.3 tool
 * under the same client id (and deployment) with `lti11ConsumerKey` set: the link then launches
 * through 1.3 (a 1.3 registration under a link's client id always wins, see
 * {@link findLti11ToolOfLink}), and the tool's AGS calls see the grades its 1.1 version wrote.
 */
import { randomUUID } from 'node:crypto';
import { createSqlStores } from '@ltikit/store-sql';
import { type Lti11Credential, type PersonalDataClaim, isLtiError } from 'ltikit';
import { checkLti11ToolRegistration } from 'ltikit/platform';
import { SANDBOX_COURSE_ID } from '../db/seed.js';
import { HubError } from '../errors.js';
import { type HubDb, addLink, linksOfTool } from '../sandbox/directory.js';
import { DocumentFieldError, type UrlPolicy } from './registration_documents.js';

/** What the registry needs to register 1.1 tools. */
export interface Lti11AdminContext {
  db: HubDb;
  urlPolicy: UrlPolicy;
  clock: () => number;
  /** The platform's Basic Outcomes endpoint, shown with each tool. */
  outcomesUrl: string;
}

/** An LTI 1.1 tool as the registry shows it; the secret is never shown again after registration. */
export interface Lti11ToolSummary {
  lti_version: '1.1';
  consumer_key: string;
  name: string;
  launch_url: string;
  claims: string[];
  custom_parameters: Record<string, string>;
  /** The client id reserved for the tool's 1.3 registration; its grades are stored under it. */
  client_id: string | undefined;
  deployment_ids: string[];
  links: { id: string; course_id: string; title: string; deployment_id: string; document_target: string }[];
  outcomes_url: string;
  created_at: number;
  /** An active 1.3 registration exists under the reserved client id: the tool's links launch through 1.3. */
  upgraded: boolean;
  /**
   * A tool registered by Dynamic Registration to replace this one waits for review under the
   * reserved client id (DR-050): its client id; the links launch through 1.1 until it is enabled.
   */
  replacement_pending?: string;
}

/** The answer to a registration: the secret only when the hub generated it (shown this once). */
export interface Lti11ToolAdded {
  lti_version: '1.1';
  consumer_key: string;
  secret?: string;
  secret_generated: boolean;
  client_id: string;
  deployment_id: string;
  link_id: string;
  launch_url: string;
  outcomes_url: string;
}

const FIELDS = ['name', 'launch_url', 'consumer_key', 'secret', 'claims', 'custom_parameters', 'document_target', 'link_title'] as const;

/** The library's field names (camelCase) as the document spells them. */
const DOCUMENT_FIELD: Record<string, string> = { launchUrl: 'launch_url', consumerKey: 'consumer_key', customParameters: 'custom_parameters' };

function documentField(field: string): string {
  const [head, ...rest] = field.split(/(?=[.[])/);
  return [DOCUMENT_FIELD[head!] ?? head, ...rest].join('');
}

interface Lti11ToolDocument {
  name: string;
  launchUrl: string;
  consumerKey?: string;
  secret?: string;
  claims: PersonalDataClaim[];
  customParameters: Record<string, string>;
  documentTarget: 'iframe' | 'window';
  linkTitle?: string;
}

/** Checks the shape of a 1.1 tool document; the values are checked by the library's registration check. */
function readLti11ToolDocument(input: unknown): Lti11ToolDocument {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new HubError('ERR_HUB_BODY_INVALID', 'The body must be a JSON object.');
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (!(FIELDS as readonly string[]).includes(key)) throw new DocumentFieldError(key, `is not a field of an LTI 1.1 tool (${FIELDS.join(', ')}).`);
  }
  const optionalText = (name: string): string | undefined => {
    const value = body[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new DocumentFieldError(name, 'must be a string.');
    return value;
  };
  const claims = body.claims ?? [];
  if (!Array.isArray(claims) || claims.some((claim) => typeof claim !== 'string')) throw new DocumentFieldError('claims', 'must be a list of personal-data claim names.');
  const custom = body.custom_parameters ?? {};
  if (typeof custom !== 'object' || custom === null || Array.isArray(custom)) throw new DocumentFieldError('custom_parameters', 'must be an object of strings.');
  const documentTarget = optionalText('document_target') ?? 'iframe';
  if (documentTarget !== 'iframe' && documentTarget !== 'window') throw new DocumentFieldError('document_target', 'must be iframe or window.');
  const consumerKey = optionalText('consumer_key');
  const secret = optionalText('secret');
  const linkTitle = optionalText('link_title');
  return {
    name: typeof body.name === 'string' ? body.name : '',
    launchUrl: typeof body.launch_url === 'string' ? body.launch_url : '',
    ...(consumerKey === undefined ? {} : { consumerKey }),
    ...(secret === undefined ? {} : { secret }),
    claims: claims as PersonalDataClaim[],
    customParameters: custom as Record<string, string>,
    documentTarget,
    ...(linkTitle === undefined ? {} : { linkTitle }),
  };
}

/**
 * "Register an LTI 1.1 tool by key and secret": checks the document, generates the consumer key
 * and a 32-byte secret when they are absent, reserves the 1.3 client and deployment ids, and in one
 * transaction stores the credential and deploys the tool in the sandbox course with one link.
 */
export async function addLti11Tool(context: Lti11AdminContext, input: unknown): Promise<Lti11ToolAdded> {
  const document = readLti11ToolDocument(input);
  let credential: Lti11Credential;
  try {
    credential = checkLti11ToolRegistration(
      {
        name: document.name,
        launchUrl: document.launchUrl,
        ...(document.consumerKey === undefined ? {} : { consumerKey: document.consumerKey }),
        ...(document.secret === undefined ? {} : { secret: document.secret }),
        claims: document.claims,
        customParameters: document.customParameters,
      },
      { allowInsecureLoopback: context.urlPolicy.allowInsecureLoopback, now: context.clock() },
    );
  } catch (thrown) {
    if (isLtiError(thrown, 'ERR_LTI11_TOOL_REGISTRATION_INVALID') && typeof thrown.detail?.field === 'string') {
      const field = thrown.detail.field;
      const problem = thrown.message.startsWith(`${field}: `) ? thrown.message.slice(field.length + 2) : thrown.message;
      throw new DocumentFieldError(documentField(field), problem);
    }
    throw thrown;
  }
  const clientId = credential.lti13!.clientId;
  const deploymentId = credential.lti13!.deploymentIds![0]!;
  const linkId = `link-${randomUUID()}`;
  await context.db.transaction().execute(async (trx) => {
    const stores = createSqlStores(trx);
    // Insert-only: two concurrent registrations of one key cannot overwrite each other's secret.
    if (!(await stores.lti11.createCredential(credential))) {
      throw new HubError('ERR_HUB_CONFLICT', `An LTI 1.1 tool is already registered with the consumer key "${credential.consumerKey}".`, 'consumer_key');
    }
    await addLink(trx, {
      id: linkId,
      courseId: SANDBOX_COURSE_ID,
      clientId,
      deploymentId,
      title: document.linkTitle ?? credential.name ?? 'LTI 1.1 tool',
      description: undefined,
      targetLinkUri: undefined,
      custom: {},
      documentTarget: document.documentTarget,
    });
  });
  return {
    lti_version: '1.1',
    consumer_key: credential.consumerKey,
    ...(document.secret === undefined ? { secret: credential.secret } : {}),
    secret_generated: document.secret === undefined,
    client_id: clientId,
    deployment_id: deploymentId,
    link_id: linkId,
    launch_url: credential.launchUrl!,
    outcomes_url: context.outcomesUrl,
  };
}

async function summarizeLti11(context: Lti11AdminContext, credential: Lti11Credential): Promise<Lti11ToolSummary> {
  const clientId = credential.lti13?.clientId;
  const links = clientId === undefined ? [] : await linksOfTool(context.db, clientId);
  const lti13 = clientId === undefined ? undefined : await createSqlStores(context.db).tools.getTool(clientId);
  return {
    lti_version: '1.1',
    consumer_key: credential.consumerKey,
    name: credential.name ?? credential.consumerKey,
    launch_url: credential.launchUrl ?? '',
    claims: [...(credential.claims ?? [])],
    custom_parameters: { ...credential.customParameters },
    client_id: clientId,
    deployment_ids: [...(credential.lti13?.deploymentIds ?? [])],
    links: links.map((link) => ({ id: link.id, course_id: link.courseId, title: link.title, deployment_id: link.deploymentId, document_target: link.documentTarget })),
    outcomes_url: context.outcomesUrl,
    created_at: credential.createdAt,
    upgraded: lti13 !== undefined && lti13.status !== 'pending',
    ...(lti13?.status === 'pending' ? { replacement_pending: lti13.clientId } : {}),
  };
}

/** Every LTI 1.1 tool of the registry, by consumer key; secrets left out. */
export async function listLti11Tools(context: Lti11AdminContext): Promise<Lti11ToolSummary[]> {
  const credentials = await createSqlStores(context.db).lti11.listCredentials();
  return Promise.all(credentials.map((credential) => summarizeLti11(context, credential)));
}

export async function getLti11Tool(context: Lti11AdminContext, consumerKey: string): Promise<Lti11ToolSummary> {
  const credential = await createSqlStores(context.db).lti11.getCredential(consumerKey);
  if (credential === undefined) throw new HubError('ERR_HUB_NOT_FOUND', `No LTI 1.1 tool is registered with the consumer key "${consumerKey}".`, 'consumer_key');
  return summarizeLti11(context, credential);
}

/**
 * The 1.1 credential a link launches with: the one whose reserved client id is the link's, unless
 * an active 1.3 registration holds that client id (an upgraded tool launches through 1.3). This is
 * the seam of the "upgrade to 1.3" action: register the 1.3 tool under `credential.lti13.clientId`
 * and the links switch over by themselves. A registration still waiting for review there (one that
 * replaces the 1.1 tool by Dynamic Registration, DR-050) cannot be launched, so the links keep
 * launching through 1.1 until it is enabled.
 */
export async function findLti11ToolOfLink(db: HubDb, clientId: string): Promise<Lti11Credential | undefined> {
  const stores = createSqlStores(db);
  const lti13 = await stores.tools.getTool(clientId);
  if (lti13 !== undefined && lti13.status !== 'pending') return undefined;
  return (await stores.lti11.listCredentials()).find((credential) => credential.lti13?.clientId === clientId);
}

/** L11-005: 1.1 launches carry the outcome service for learners (and their sub-roles) only. */
export function receivesOutcomes(roles: readonly string[]): boolean {
  return roles.some((role) => /\/membership#Learner$|\/membership\/Learner#/.test(role));
}
