/**
 * Custom-parameter substitution variables (core-security.md §7): a platform replaces a custom value
 * that is exactly one of these names with the resolved value (CUST-002) and leaves others literal (CUST-003).
 *
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */

/**
 * Every substitution variable name of core-security.md §7, with its leading `$`.
 *
 * @example
 * ```ts
 * const custom = { ctx_history: '$Context.id.history' }; // resolved by the platform before sending
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/ (core-security.md §7, CUST-002, CUST-005)
 */
export const SUBSTITUTION_VARIABLES = [
  // User; `$ActualUser.*` is the real user when masquerading
  '$User.id',
  '$User.image',
  '$User.username',
  '$User.org',
  '$User.scope.mentor',
  '$User.gradeLevels.oneRoster',
  '$ActualUser.id',
  '$ActualUser.image',
  '$ActualUser.username',
  '$ActualUser.org',
  '$ActualUser.scope.mentor',
  '$ActualUser.gradeLevels.oneRoster',
  // Person
  '$Person.sourcedId',
  '$Person.name.full',
  '$Person.name.family',
  '$Person.name.given',
  '$Person.name.middle',
  '$Person.name.prefix',
  '$Person.name.suffix',
  '$Person.gender',
  '$Person.gender.pronouns',
  '$Person.address.street1',
  '$Person.address.street2',
  '$Person.address.street3',
  '$Person.address.street4',
  '$Person.address.locality',
  '$Person.address.statepr',
  '$Person.address.country',
  '$Person.address.postcode',
  '$Person.address.timezone',
  '$Person.phone.mobile',
  '$Person.phone.primary',
  '$Person.phone.home',
  '$Person.phone.work',
  '$Person.email.primary',
  '$Person.email.personal',
  '$Person.webaddress',
  '$Person.sms',
  // ActualPerson: the same set for the real user when masquerading
  '$ActualPerson.sourcedId',
  '$ActualPerson.name.full',
  '$ActualPerson.name.family',
  '$ActualPerson.name.given',
  '$ActualPerson.name.middle',
  '$ActualPerson.name.prefix',
  '$ActualPerson.name.suffix',
  '$ActualPerson.gender',
  '$ActualPerson.gender.pronouns',
  '$ActualPerson.address.street1',
  '$ActualPerson.address.street2',
  '$ActualPerson.address.street3',
  '$ActualPerson.address.street4',
  '$ActualPerson.address.locality',
  '$ActualPerson.address.statepr',
  '$ActualPerson.address.country',
  '$ActualPerson.address.postcode',
  '$ActualPerson.address.timezone',
  '$ActualPerson.phone.mobile',
  '$ActualPerson.phone.primary',
  '$ActualPerson.phone.home',
  '$ActualPerson.phone.work',
  '$ActualPerson.email.primary',
  '$ActualPerson.email.personal',
  '$ActualPerson.webaddress',
  '$ActualPerson.sms',
  // Context; `$Context.id.history` is comma-separated, URL-encoded, most recent first (CTX-003)
  '$Context.id',
  '$Context.org',
  '$Context.type',
  '$Context.label',
  '$Context.title',
  '$Context.sourcedId',
  '$Context.id.history',
  '$Context.gradeLevels.oneRoster',
  // ResourceLink; dates are ISO 8601, `.user.` variants override the resource value (MSG-005)
  '$ResourceLink.id',
  '$ResourceLink.title',
  '$ResourceLink.description',
  '$ResourceLink.available.startDateTime',
  '$ResourceLink.available.endDateTime',
  '$ResourceLink.available.user.startDateTime',
  '$ResourceLink.available.user.endDateTime',
  '$ResourceLink.submission.startDateTime',
  '$ResourceLink.submission.endDateTime',
  '$ResourceLink.submission.user.startDateTime',
  '$ResourceLink.submission.user.endDateTime',
  '$ResourceLink.lineitem.releaseDateTime',
  '$ResourceLink.lineitem.user.releaseDateTime',
  '$ResourceLink.id.history',
  // ToolPlatform
  '$ToolPlatform.productFamilyCode',
  '$ToolPlatform.version',
  '$ToolPlatformInstance.guid',
  '$ToolPlatformInstance.name',
  '$ToolPlatformInstance.description',
  '$ToolPlatformInstance.url',
  '$ToolPlatformInstance.contactEmail',
  // CourseTemplate
  '$CourseTemplate.sourcedId',
  '$CourseTemplate.label',
  '$CourseTemplate.title',
  '$CourseTemplate.shortDescription',
  '$CourseTemplate.longDescription',
  '$CourseTemplate.courseNumber',
  '$CourseTemplate.credits',
  // CourseOffering
  '$CourseOffering.sourcedId',
  '$CourseOffering.label',
  '$CourseOffering.title',
  '$CourseOffering.shortDescription',
  '$CourseOffering.longDescription',
  '$CourseOffering.courseNumber',
  '$CourseOffering.credits',
  '$CourseOffering.academicSession',
  // CourseSection
  '$CourseSection.sourcedId',
  '$CourseSection.label',
  '$CourseSection.title',
  '$CourseSection.shortDescription',
  '$CourseSection.longDescription',
  '$CourseSection.courseNumber',
  '$CourseSection.credits',
  '$CourseSection.maxNumberOfStudents',
  '$CourseSection.numberOfStudents',
  '$CourseSection.dept',
  '$CourseSection.timeFrame.begin',
  '$CourseSection.timeFrame.end',
  '$CourseSection.enrollControl.accept',
  '$CourseSection.enrollControl.allowed',
  '$CourseSection.dataSource',
  '$CourseSection.sourceSectionId',
  // Group; sources disagree on `enrollControl.end` (NP) vs `enrollControl.private` (LTI 2 docs) [P]: both listed
  '$Group.sourcedId',
  '$Group.scheme',
  '$Group.typevalue',
  '$Group.level',
  '$Group.email',
  '$Group.url',
  '$Group.timeFrame.begin',
  '$Group.timeFrame.end',
  '$Group.enrollControl.accept',
  '$Group.enrollControl.end',
  '$Group.enrollControl.private',
  '$Group.shortDescription',
  '$Group.longDescription',
  '$Group.parentId',
  // Membership
  '$Membership.sourcedId',
  '$Membership.collectionSourcedid',
  '$Membership.personSourcedId',
  '$Membership.status',
  '$Membership.role',
  '$Membership.createdTimestamp',
  '$Membership.dataSource',
  '$Membership.role.scope.mentor',
  // Message
  '$Message.returnUrl',
  '$Message.documentTarget',
  '$Message.height',
  '$Message.width',
  '$Message.locale',
] as const;

/**
 * One substitution variable name, e.g. `'$ResourceLink.available.startDateTime'`.
 *
 * @example
 * ```ts
 * const variable: SubstitutionVariable = '$Context.id';
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/ (core-security.md §7)
 */
export type SubstitutionVariable = (typeof SUBSTITUTION_VARIABLES)[number];

const SUBSTITUTION_VARIABLE_SET: ReadonlySet<string> = new Set(SUBSTITUTION_VARIABLES);

/**
 * Whether a custom-parameter value is exactly one of the known substitution variables (CUST-002).
 * Anything else, including `$Unsupported.var`, stays literal (CUST-003).
 *
 * @example
 * ```ts
 * isSubstitutionVariable('$User.id'); // true
 * isSubstitutionVariable('$Foo.bar'); // false
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/ (core-security.md §7, CUST-002, CUST-003)
 */
export function isSubstitutionVariable(value: string): value is SubstitutionVariable {
  return SUBSTITUTION_VARIABLE_SET.has(value);
}

// CUST-006: person records, plus the user's login name and picture, reveal who the user is.
function revealsPersonalData(name: SubstitutionVariable): boolean {
  return (
    name.startsWith('$Person.') ||
    name.startsWith('$ActualPerson.') ||
    name === '$User.username' ||
    name === '$User.image' ||
    name === '$ActualUser.username' ||
    name === '$ActualUser.image'
  );
}

/**
 * The substitution variables that reveal personal data (`$Person.*`, `$ActualPerson.*`,
 * `$User.username`, `$User.image` and their `$ActualUser.*` twins). A platform resolves them only
 * when the deployment's privacy settings would also allow the matching PII claims (CUST-006).
 *
 * @example
 * ```ts
 * PERSONAL_DATA_VARIABLES.includes('$Person.email.primary'); // true
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/ (core-security.md §7, CUST-006, MSG-004)
 */
export const PERSONAL_DATA_VARIABLES: readonly SubstitutionVariable[] = Object.freeze(
  SUBSTITUTION_VARIABLES.filter(revealsPersonalData),
);

const PERSONAL_DATA_VARIABLE_SET: ReadonlySet<string> = new Set(PERSONAL_DATA_VARIABLES);

/**
 * Whether a substitution variable reveals personal data and so needs the PII privacy setting (CUST-006).
 *
 * @example
 * ```ts
 * isPersonalDataVariable('$Person.email.primary'); // true
 * isPersonalDataVariable('$Context.id'); // false
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/ (core-security.md §7, CUST-006)
 */
export function isPersonalDataVariable(value: string): boolean {
  return PERSONAL_DATA_VARIABLE_SET.has(value);
}
