/**
 * How an application turns on Assignment and Grade Services on the platform side.
 *
 * @example
 * ```ts
 * createPlatform({ ..., ags: { store: createMemoryAgsStore() }, serviceContextAccess: (contextId, grant) => isDeployedIn(grant.clientId, contextId) });
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/
 */
export interface AgsOptions {
  /** Where line items and scores are kept. */
  store: unknown;
}
