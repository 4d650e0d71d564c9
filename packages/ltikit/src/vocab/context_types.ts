/**
 * Values of `https://purl.imsglobal.org/spec/lti/claim/context` `type` (CTX-001) and the LTI 1.1
 * `context_type` forms tools still meet (CTX-002).
 *
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */

/**
 * The LIS v2 context type URIs a platform sends in `context.type` (CTX-001).
 *
 * @example
 * ```ts
 * const context = { id: 'ctx-991', type: [CONTEXT_TYPE.CourseOffering] };
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/ (core-security.md §6, CTX-001)
 */
export const CONTEXT_TYPE = {
  CourseTemplate: 'http://purl.imsglobal.org/vocab/lis/v2/course#CourseTemplate',
  CourseOffering: 'http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering',
  CourseSection: 'http://purl.imsglobal.org/vocab/lis/v2/course#CourseSection',
  Group: 'http://purl.imsglobal.org/vocab/lis/v2/course#Group',
} as const;

/**
 * The simple name of a context type, e.g. `'CourseSection'`.
 *
 * @example
 * ```ts
 * const name: ContextTypeName = 'CourseSection';
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/ (CTX-001)
 */
export type ContextTypeName = keyof typeof CONTEXT_TYPE;

/**
 * A context type URI, e.g. `'http://purl.imsglobal.org/vocab/lis/v2/course#Group'`.
 *
 * @example
 * ```ts
 * const types: ContextTypeUri[] = [CONTEXT_TYPE.CourseOffering];
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/ (CTX-001)
 */
export type ContextTypeUri = (typeof CONTEXT_TYPE)[ContextTypeName];

/**
 * The LTI 1.1 URN forms of the context types (`urn:lti:context-type:ims/lis/…`), as sent in the
 * 1.1 `context_type` parameter.
 *
 * @example
 * ```ts
 * LTI11_CONTEXT_TYPE.CourseSection; // 'urn:lti:context-type:ims/lis/CourseSection'
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (lti11.md §1.3, CTX-002)
 */
export const LTI11_CONTEXT_TYPE = {
  CourseTemplate: 'urn:lti:context-type:ims/lis/CourseTemplate',
  CourseOffering: 'urn:lti:context-type:ims/lis/CourseOffering',
  CourseSection: 'urn:lti:context-type:ims/lis/CourseSection',
  Group: 'urn:lti:context-type:ims/lis/Group',
} as const;

/**
 * An LTI 1.1 context type URN, e.g. `'urn:lti:context-type:ims/lis/CourseOffering'`.
 *
 * @example
 * ```ts
 * const legacy: Lti11ContextTypeUrn = LTI11_CONTEXT_TYPE.CourseSection;
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html
 */
export type Lti11ContextTypeUrn = (typeof LTI11_CONTEXT_TYPE)[ContextTypeName];

const CONTEXT_TYPE_BY_ALIAS: ReadonlyMap<string, ContextTypeUri> = new Map(
  (Object.keys(CONTEXT_TYPE) as ContextTypeName[]).flatMap((name) => [
    [name, CONTEXT_TYPE[name]] as const,
    [LTI11_CONTEXT_TYPE[name], CONTEXT_TYPE[name]] as const,
  ]),
);

/**
 * Maps a context type to its LIS v2 URI: deprecated simple names (`CourseSection`) and LTI 1.1
 * URNs (`urn:lti:context-type:ims/lis/CourseSection`) become the `course#` URI (CTX-002). Other
 * values, including the full URIs and unknown types, are returned trimmed but otherwise unchanged.
 *
 * @example
 * ```ts
 * normalizeContextType('urn:lti:context-type:ims/lis/Group'); // 'http://purl.imsglobal.org/vocab/lis/v2/course#Group'
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/ (core-security.md §6, CTX-002)
 */
export function normalizeContextType(value: string): string {
  const trimmed = value.trim();
  return CONTEXT_TYPE_BY_ALIAS.get(trimmed) ?? trimmed;
}
