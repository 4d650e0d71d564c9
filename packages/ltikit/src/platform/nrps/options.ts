/**
 * How an application turns on Names and Role Provisioning Services on the platform side.
 *
 * @example
 * ```ts
 * createPlatform({ ..., nrps: { memberships: (query) => roster.page(query) }, serviceContextAccess });
 * ```
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0
 */
export interface NrpsOptions {
  /** Reads one page of a context's members. */
  memberships: unknown;
}
