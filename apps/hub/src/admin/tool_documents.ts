/**
 * A tool's registration document as the registry keeps it, and the platform registration made
 * from it: adding, editing and upgrading a tool all go through these, so they agree on both.
 */
import type { ToolRegistration } from 'ltikit';
import { checkToolRegistration } from 'ltikit/platform';
import type { HubDb } from '../sandbox/directory.js';
import type { ToolDocument, UrlPolicy } from './registration_documents.js';

/** What the hub decides rather than the document: a 1.1 upgrade carries the 1.1 tool's grants over. */
export type RegistrationOverrides = Partial<Pick<ToolRegistration, 'customParameters' | 'claims' | 'scopes' | 'lti11ConsumerKey'>>;

/**
 * The platform's registration of a tool from its checked document (checked again by the core),
 * under the client id and deployments the hub gives it; `overrides` win over the document.
 */
export function registrationFromDocument(
  document: ToolDocument,
  ids: { clientId: string; deploymentIds: string[] },
  policy: UrlPolicy,
  overrides: RegistrationOverrides = {},
): ToolRegistration {
  return checkToolRegistration(
    {
      clientId: ids.clientId,
      name: document.name,
      deploymentIds: ids.deploymentIds,
      initiateLoginUri: document.initiateLoginUri,
      redirectUris: document.redirectUris,
      targetLinkUri: document.targetLinkUri,
      ...(document.jwksUri === undefined ? {} : { jwksUri: document.jwksUri }),
      customParameters: document.customParameters,
      claims: document.claims,
      scopes: document.scopes,
      ...overrides,
    },
    { allowInsecureLoopback: policy.allowInsecureLoopback },
  );
}

/** Keeps `document` as the tool's registration document, replacing the one kept before if any. */
export async function keepToolDocument(db: HubDb, clientId: string, document: Record<string, unknown>, now: number): Promise<void> {
  const stored = JSON.stringify(document);
  const updated = await db.updateTable('hub_tool_documents').set({ document: stored, updated_at: now }).where('client_id', '=', clientId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('hub_tool_documents').values({ client_id: clientId, document: stored, created_at: now, updated_at: now }).execute();
}
