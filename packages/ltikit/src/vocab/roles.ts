/**
 * Role vocabularies of LTI 1.3 (LIS v2 system, institution and context roles, context sub-roles,
 * the LTI TestUser role) and of LTI 1.1 (`urn:lti:…` URNs), with the pure helpers tools and
 * platforms need to read and write the `https://purl.imsglobal.org/spec/lti/claim/roles` claim.
 *
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md §5)
 */

/**
 * The URI prefix of each role vocabulary; every role constant below is its prefix plus its key.
 *
 * @example
 * ```ts
 * role.startsWith(ROLE_PREFIX.context); // a principal context role
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md §5.2–5.5)
 */
export const ROLE_PREFIX = {
  system: 'http://purl.imsglobal.org/vocab/lis/v2/system/person#',
  institution: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#',
  context: 'http://purl.imsglobal.org/vocab/lis/v2/membership#',
  /** Followed by `{Principal}#{SubRole}`. */
  contextSubRole: 'http://purl.imsglobal.org/vocab/lis/v2/membership/',
  ltiSystem: 'http://purl.imsglobal.org/vocab/lti/system/person#',
} as const;

/**
 * LIS v2 system roles (core: `Administrator`, `None`; the rest non-core).
 *
 * @example
 * ```ts
 * roles.includes(SYSTEM_ROLE.Administrator);
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md §5.2, ROLE-001)
 */
export const SYSTEM_ROLE = {
  Administrator: 'http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator',
  None: 'http://purl.imsglobal.org/vocab/lis/v2/system/person#None',
  AccountAdmin: 'http://purl.imsglobal.org/vocab/lis/v2/system/person#AccountAdmin',
  Creator: 'http://purl.imsglobal.org/vocab/lis/v2/system/person#Creator',
  SysAdmin: 'http://purl.imsglobal.org/vocab/lis/v2/system/person#SysAdmin',
  SysSupport: 'http://purl.imsglobal.org/vocab/lis/v2/system/person#SysSupport',
  User: 'http://purl.imsglobal.org/vocab/lis/v2/system/person#User',
} as const;

/**
 * LIS v2 institution roles (core: `Administrator`, `Faculty`, `Guest`, `None`, `Other`, `Staff`,
 * `Student`; the rest non-core).
 *
 * @example
 * ```ts
 * const roles = [CONTEXT_ROLE.Instructor, INSTITUTION_ROLE.Faculty];
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md §5.3, ROLE-001)
 */
export const INSTITUTION_ROLE = {
  Administrator: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
  Faculty: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty',
  Guest: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Guest',
  None: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#None',
  Other: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Other',
  Staff: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Staff',
  Student: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student',
  Alumni: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Alumni',
  Instructor: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor',
  Learner: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Learner',
  Member: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Member',
  Mentor: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Mentor',
  Observer: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Observer',
  ProspectiveStudent: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#ProspectiveStudent',
} as const;

/**
 * LIS v2 context (membership) principal roles (core: `Administrator`, `ContentDeveloper`,
 * `Instructor`, `Learner`, `Mentor`; non-core: `Manager`, `Member`, `Officer`). Tools decide
 * privileges from these first (ROLE-006).
 *
 * @example
 * ```ts
 * const roles = [CONTEXT_ROLE.Learner];
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md §5.4, ROLE-001, ROLE-006)
 */
export const CONTEXT_ROLE = {
  Administrator: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator',
  ContentDeveloper: 'http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper',
  Instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  Learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  Mentor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor',
  Manager: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Manager',
  Member: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Member',
  Officer: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Officer',
} as const;

/**
 * The name of a principal context role, e.g. `'Instructor'`.
 *
 * @example
 * ```ts
 * const principal: ContextRolePrincipal = 'Instructor';
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md §5.4)
 */
export type ContextRolePrincipal = keyof typeof CONTEXT_ROLE;

/**
 * LIS v2 context sub-roles, nested by principal: `membership/{Principal}#{SubRole}`. A platform
 * sending a sub-role also sends its principal (ROLE-005, see {@link withPrincipalRoles}).
 *
 * @example
 * ```ts
 * CONTEXT_SUB_ROLE.Instructor.TeachingAssistant; // 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant'
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md §5.5, ROLE-005)
 */
export const CONTEXT_SUB_ROLE = {
  Administrator: {
    Administrator: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Administrator#Administrator',
    Developer: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Administrator#Developer',
    ExternalDeveloper: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Administrator#ExternalDeveloper',
    ExternalSupport: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Administrator#ExternalSupport',
    ExternalSystemAdministrator: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Administrator#ExternalSystemAdministrator',
    Support: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Administrator#Support',
    SystemAdministrator: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Administrator#SystemAdministrator',
  },
  ContentDeveloper: {
    ContentDeveloper: 'http://purl.imsglobal.org/vocab/lis/v2/membership/ContentDeveloper#ContentDeveloper',
    ContentExpert: 'http://purl.imsglobal.org/vocab/lis/v2/membership/ContentDeveloper#ContentExpert',
    ExternalContentExpert: 'http://purl.imsglobal.org/vocab/lis/v2/membership/ContentDeveloper#ExternalContentExpert',
    Librarian: 'http://purl.imsglobal.org/vocab/lis/v2/membership/ContentDeveloper#Librarian',
  },
  Instructor: {
    ExternalInstructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#ExternalInstructor',
    Grader: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#Grader',
    GuestInstructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#GuestInstructor',
    Lecturer: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#Lecturer',
    PrimaryInstructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#PrimaryInstructor',
    SecondaryInstructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#SecondaryInstructor',
    TeachingAssistant: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant',
    TeachingAssistantGroup: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistantGroup',
    TeachingAssistantOffering: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistantOffering',
    TeachingAssistantSection: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistantSection',
    TeachingAssistantSectionAssociation: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistantSectionAssociation',
    TeachingAssistantTemplate: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistantTemplate',
  },
  Learner: {
    ExternalLearner: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#ExternalLearner',
    GuestLearner: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#GuestLearner',
    Instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#Instructor',
    Learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#Learner',
    NonCreditLearner: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#NonCreditLearner',
  },
  Manager: {
    AreaManager: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Manager#AreaManager',
    CourseCoordinator: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Manager#CourseCoordinator',
    ExternalObserver: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Manager#ExternalObserver',
    Manager: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Manager#Manager',
    Observer: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Manager#Observer',
  },
  Member: {
    Member: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Member#Member',
  },
  Mentor: {
    Advisor: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#Advisor',
    Auditor: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#Auditor',
    ExternalAdvisor: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#ExternalAdvisor',
    ExternalAuditor: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#ExternalAuditor',
    ExternalLearningFacilitator: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#ExternalLearningFacilitator',
    ExternalMentor: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#ExternalMentor',
    ExternalReviewer: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#ExternalReviewer',
    ExternalTutor: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#ExternalTutor',
    LearningFacilitator: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#LearningFacilitator',
    Mentor: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#Mentor',
    Reviewer: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#Reviewer',
    Tutor: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#Tutor',
  },
  Officer: {
    Chair: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Officer#Chair',
    Communications: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Officer#Communications',
    Secretary: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Officer#Secretary',
    Treasurer: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Officer#Treasurer',
    'Vice-Chair': 'http://purl.imsglobal.org/vocab/lis/v2/membership/Officer#Vice-Chair',
  },
} as const satisfies Record<ContextRolePrincipal, Record<string, string>>;

/**
 * LTI vocabulary system role for test and preview users, always sent together with a real role (ROLE-008).
 *
 * @example
 * ```ts
 * const isPreview = roles.includes(LTI_SYSTEM_ROLE.TestUser);
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#lti-vocabulary-for-system-roles (core-security.md §5.2, ROLE-008)
 */
export const LTI_SYSTEM_ROLE = {
  TestUser: 'http://purl.imsglobal.org/vocab/lti/system/person#TestUser',
} as const;

/**
 * A LIS v2 system role URI, e.g. `'http://purl.imsglobal.org/vocab/lis/v2/system/person#SysAdmin'`.
 *
 * @example
 * ```ts
 * const role: SystemRoleUri = SYSTEM_ROLE.SysAdmin;
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies
 */
export type SystemRoleUri = (typeof SYSTEM_ROLE)[keyof typeof SYSTEM_ROLE];

/**
 * A LIS v2 institution role URI, e.g. `'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty'`.
 *
 * @example
 * ```ts
 * const role: InstitutionRoleUri = INSTITUTION_ROLE.Faculty;
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies
 */
export type InstitutionRoleUri = (typeof INSTITUTION_ROLE)[keyof typeof INSTITUTION_ROLE];

/**
 * A principal context role URI, e.g. `'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'`.
 *
 * @example
 * ```ts
 * const role: ContextRoleUri = CONTEXT_ROLE.Learner;
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies
 */
export type ContextRoleUri = (typeof CONTEXT_ROLE)[ContextRolePrincipal];

/**
 * A context sub-role URI, e.g. `'http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#Tutor'`.
 *
 * @example
 * ```ts
 * const role: ContextSubRoleUri = CONTEXT_SUB_ROLE.Mentor.Tutor;
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies
 */
export type ContextSubRoleUri = {
  [P in ContextRolePrincipal]: (typeof CONTEXT_SUB_ROLE)[P][keyof (typeof CONTEXT_SUB_ROLE)[P]];
}[ContextRolePrincipal];

/**
 * The LTI TestUser system role URI.
 *
 * @example
 * ```ts
 * const preview: LtiSystemRoleUri = LTI_SYSTEM_ROLE.TestUser; // always sent with a real role (ROLE-008)
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#lti-vocabulary-for-system-roles
 */
export type LtiSystemRoleUri = (typeof LTI_SYSTEM_ROLE)[keyof typeof LTI_SYSTEM_ROLE];

/**
 * Any LTI 1.3 role URI defined in this module, e.g. `'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'`.
 *
 * @example
 * ```ts
 * const roles: RoleUri[] = [CONTEXT_ROLE.Instructor, INSTITUTION_ROLE.Faculty];
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (ROLE-001)
 */
export type RoleUri = SystemRoleUri | InstitutionRoleUri | ContextRoleUri | ContextSubRoleUri | LtiSystemRoleUri;

/**
 * The URN prefixes of the LTI 1.1 role vocabularies (system, institution, context).
 *
 * @example
 * ```ts
 * `${LTI11_ROLE_PREFIX.context}Instructor/TeachingAssistant`; // a 1.1 context sub-role URN
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (lti11.md §1.3, core-security.md §5.6)
 */
export const LTI11_ROLE_PREFIX = {
  system: 'urn:lti:sysrole:ims/lis/',
  institution: 'urn:lti:instrole:ims/lis/',
  context: 'urn:lti:role:ims/lis/',
} as const;

/**
 * The LTI 1.1 role URNs, by vocabulary. Context sub-roles are `urn:lti:role:ims/lis/{Principal}/{SubRole}`
 * and are produced by {@link lti13RoleToLti11}. In 1.1 `TeachingAssistant` is a principal; in 1.3 it
 * is a sub-role of `Instructor`.
 *
 * @example
 * ```ts
 * LTI11_ROLE.context.Instructor; // 'urn:lti:role:ims/lis/Instructor'
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (lti11.md §1.3, L11-010)
 */
export const LTI11_ROLE = {
  system: {
    SysAdmin: 'urn:lti:sysrole:ims/lis/SysAdmin',
    SysSupport: 'urn:lti:sysrole:ims/lis/SysSupport',
    Creator: 'urn:lti:sysrole:ims/lis/Creator',
    AccountAdmin: 'urn:lti:sysrole:ims/lis/AccountAdmin',
    User: 'urn:lti:sysrole:ims/lis/User',
    Administrator: 'urn:lti:sysrole:ims/lis/Administrator',
    None: 'urn:lti:sysrole:ims/lis/None',
  },
  institution: {
    Student: 'urn:lti:instrole:ims/lis/Student',
    Faculty: 'urn:lti:instrole:ims/lis/Faculty',
    Member: 'urn:lti:instrole:ims/lis/Member',
    Learner: 'urn:lti:instrole:ims/lis/Learner',
    Instructor: 'urn:lti:instrole:ims/lis/Instructor',
    Mentor: 'urn:lti:instrole:ims/lis/Mentor',
    Staff: 'urn:lti:instrole:ims/lis/Staff',
    Alumni: 'urn:lti:instrole:ims/lis/Alumni',
    ProspectiveStudent: 'urn:lti:instrole:ims/lis/ProspectiveStudent',
    Guest: 'urn:lti:instrole:ims/lis/Guest',
    Other: 'urn:lti:instrole:ims/lis/Other',
    Administrator: 'urn:lti:instrole:ims/lis/Administrator',
    Observer: 'urn:lti:instrole:ims/lis/Observer',
    None: 'urn:lti:instrole:ims/lis/None',
  },
  context: {
    Learner: 'urn:lti:role:ims/lis/Learner',
    Instructor: 'urn:lti:role:ims/lis/Instructor',
    ContentDeveloper: 'urn:lti:role:ims/lis/ContentDeveloper',
    Member: 'urn:lti:role:ims/lis/Member',
    Manager: 'urn:lti:role:ims/lis/Manager',
    Mentor: 'urn:lti:role:ims/lis/Mentor',
    Administrator: 'urn:lti:role:ims/lis/Administrator',
    TeachingAssistant: 'urn:lti:role:ims/lis/TeachingAssistant',
  },
} as const;

/**
 * An LTI 1.1 role URN listed in {@link LTI11_ROLE}, e.g. `'urn:lti:instrole:ims/lis/Student'`.
 *
 * @example
 * ```ts
 * const legacy: Lti11RoleUrn = LTI11_ROLE.context.TeachingAssistant;
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html
 */
export type Lti11RoleUrn = {
  [V in keyof typeof LTI11_ROLE]: (typeof LTI11_ROLE)[V][keyof (typeof LTI11_ROLE)[V]];
}[keyof typeof LTI11_ROLE];

// ---- lookup tables, built once from the constants above

interface SubRoleEntry {
  readonly uri: ContextSubRoleUri;
  readonly principal: ContextRoleUri;
}

const PRINCIPALS = Object.keys(CONTEXT_ROLE) as ContextRolePrincipal[];

const CONTEXT_ROLE_BY_SHORT_NAME: ReadonlyMap<string, ContextRoleUri> = new Map(
  PRINCIPALS.map((principal) => [principal, CONTEXT_ROLE[principal]] as const),
);

const CONTEXT_ROLE_BY_URI: ReadonlyMap<string, ContextRoleUri> = new Map(
  PRINCIPALS.map((principal) => [CONTEXT_ROLE[principal], CONTEXT_ROLE[principal]] as const),
);

function subRolesOf(principal: ContextRolePrincipal): Array<readonly [name: string, uri: ContextSubRoleUri]> {
  const subRoles: Record<string, ContextSubRoleUri> = CONTEXT_SUB_ROLE[principal];
  return Object.entries(subRoles);
}

const SUB_ROLE_BY_URI: ReadonlyMap<string, SubRoleEntry> = new Map(
  PRINCIPALS.flatMap((principal) =>
    subRolesOf(principal).map(([, uri]) => [uri, { uri, principal: CONTEXT_ROLE[principal] }] as const),
  ),
);

interface Lti11Mapping {
  readonly toLti13: ReadonlyMap<string, RoleUri>;
  readonly toLti11: ReadonlyMap<RoleUri, string>;
}

function buildLti11Mapping(): Lti11Mapping {
  const toLti13 = new Map<string, RoleUri>();
  const toLti11 = new Map<RoleUri, string>();
  const pair = (urn: string, uri: RoleUri): void => {
    toLti13.set(urn, uri);
    toLti11.set(uri, urn);
  };
  const pairByName = (lti11: Record<string, string>, lti13: Record<string, RoleUri>): void => {
    const lti11ByName = new Map(Object.entries(lti11));
    for (const [name, uri] of Object.entries(lti13)) {
      const urn = lti11ByName.get(name);
      if (urn !== undefined) pair(urn, uri);
    }
  };
  pairByName(LTI11_ROLE.system, SYSTEM_ROLE);
  pairByName(LTI11_ROLE.institution, INSTITUTION_ROLE);
  const contextUrnByName = new Map<string, string>(Object.entries(LTI11_ROLE.context));
  for (const principal of PRINCIPALS) {
    const principalUrn = contextUrnByName.get(principal);
    // `Officer` has no LTI 1.1 counterpart, nor do its sub-roles.
    if (principalUrn === undefined) continue;
    pair(principalUrn, CONTEXT_ROLE[principal]);
    for (const [subRole, uri] of subRolesOf(principal)) pair(`${principalUrn}/${subRole}`, uri);
  }
  // In LTI 1.1 `TeachingAssistant` is a principal with its own sub-roles; LTI 1.3 files them all
  // under `Instructor`. The 1.1 principal URN is what `Instructor#TeachingAssistant` maps back to.
  pair(LTI11_ROLE.context.TeachingAssistant, CONTEXT_SUB_ROLE.Instructor.TeachingAssistant);
  for (const [subRole, uri] of subRolesOf('Instructor')) {
    if (subRole.startsWith('TeachingAssistant') || subRole === 'Grader') {
      toLti13.set(`${LTI11_ROLE.context.TeachingAssistant}/${subRole}`, uri);
    }
  }
  return { toLti13, toLti11 };
}

const LTI11_MAPPING = buildLti11Mapping();

const KNOWN_LTI13_ROLES: ReadonlyMap<string, RoleUri> = new Map(
  [
    ...Object.values(SYSTEM_ROLE),
    ...Object.values(INSTITUTION_ROLE),
    ...CONTEXT_ROLE_BY_URI.values(),
    ...[...SUB_ROLE_BY_URI.values()].map((entry) => entry.uri),
    ...Object.values(LTI_SYSTEM_ROLE),
  ].map((uri): [string, RoleUri] => [uri, uri]),
);

// ---- helpers

/**
 * Normalizes one role value: trims it and expands a deprecated short context-role name
 * (`Instructor`, `Learner`, `Mentor`, …) to its `membership#` URI (ROLE-004). Full URIs and
 * unknown values come back trimmed but otherwise unchanged; names are case-sensitive.
 *
 * @example
 * ```ts
 * normalizeRole(' Learner '); // 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md ROLE-004; cert "Short Role Value")
 */
export function normalizeRole(value: string): string {
  const trimmed = value.trim();
  return CONTEXT_ROLE_BY_SHORT_NAME.get(trimmed) ?? trimmed;
}

/**
 * The principal context role of a context sub-role, or `undefined` when the value is not a known
 * sub-role (principal roles included).
 *
 * @example
 * ```ts
 * principalRoleOf(CONTEXT_SUB_ROLE.Instructor.TeachingAssistant); // CONTEXT_ROLE.Instructor
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md §5.5, ROLE-005)
 */
export function principalRoleOf(uri: string): ContextRoleUri | undefined {
  return SUB_ROLE_BY_URI.get(uri.trim())?.principal;
}

/**
 * The context roles a roles claim grants, normalized (ROLE-004) and de-duplicated in first-seen
 * order: each known principal or sub-role, and for every sub-role its principal too (so a tool
 * does not depend on the platform following ROLE-005). Unknown roles (ROLE-002), `""` (ROLE-003)
 * and institution/system roles are left out.
 *
 * @example
 * ```ts
 * contextRolesOf(['Learner', 'http://purl.imsglobal.org/vocab/lis/v2/unknown/unknown#Helper']);
 * // ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner']
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md ROLE-002..006)
 */
export function contextRolesOf(roles: readonly string[]): Array<ContextRoleUri | ContextSubRoleUri> {
  const found = new Set<ContextRoleUri | ContextSubRoleUri>();
  for (const role of roles) {
    // The claim is untrusted JSON; a non-string entry is as unknown as an unknown URI (ROLE-002).
    if (typeof role !== 'string') continue;
    const uri = normalizeRole(role);
    const principal = CONTEXT_ROLE_BY_URI.get(uri);
    if (principal !== undefined) {
      found.add(principal);
      continue;
    }
    const subRole = SUB_ROLE_BY_URI.get(uri);
    if (subRole !== undefined) {
      found.add(subRole.uri);
      found.add(subRole.principal);
    }
  }
  return [...found];
}

/**
 * Whether the roles grant the given principal context role, directly, by short name (ROLE-004) or
 * through one of its sub-roles.
 *
 * @example
 * ```ts
 * hasContextRole([CONTEXT_SUB_ROLE.Mentor.Tutor], 'Mentor'); // true
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md ROLE-004..006)
 */
export function hasContextRole(roles: readonly string[], principal: ContextRolePrincipal): boolean {
  return contextRolesOf(roles).includes(CONTEXT_ROLE[principal]);
}

/**
 * Whether the roles include the context `Instructor` role or one of its sub-roles (e.g. `TeachingAssistant`).
 *
 * @example
 * ```ts
 * isInstructor(['Instructor']); // true
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md ROLE-006)
 */
export function isInstructor(roles: readonly string[]): boolean {
  return hasContextRole(roles, 'Instructor');
}

/**
 * Whether the roles include the context `Learner` role or one of its sub-roles.
 *
 * @example
 * ```ts
 * isLearner([CONTEXT_ROLE.Learner, INSTITUTION_ROLE.Student]); // true
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md ROLE-006)
 */
export function isLearner(roles: readonly string[]): boolean {
  return hasContextRole(roles, 'Learner');
}

/**
 * Whether the roles include the context `Mentor` role or one of its sub-roles; such a launch
 * carries `role_scope_mentor` (ROLE-007).
 *
 * @example
 * ```ts
 * isMentor([CONTEXT_SUB_ROLE.Mentor.Advisor]); // true
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md ROLE-006, ROLE-007)
 */
export function isMentor(roles: readonly string[]): boolean {
  return hasContextRole(roles, 'Mentor');
}

/**
 * Whether the roles include the context `Administrator` role (or a sub-role), or the system or
 * institution `Administrator` role. Those two are secondary signals (ROLE-006) that still make the
 * user an administrator.
 *
 * @example
 * ```ts
 * isAdministrator([SYSTEM_ROLE.Administrator]); // true
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md §5.2–5.4, ROLE-006)
 */
export function isAdministrator(roles: readonly string[]): boolean {
  if (hasContextRole(roles, 'Administrator')) return true;
  return roles.some((role) => {
    if (typeof role !== 'string') return false;
    const uri = role.trim();
    return uri === SYSTEM_ROLE.Administrator || uri === INSTITUTION_ROLE.Administrator;
  });
}

/**
 * For a platform building a roles claim: the same roles, de-duplicated, with the principal role
 * inserted after every context sub-role whose principal is not already present (ROLE-005).
 * Unknown and non-context roles are kept as given.
 *
 * @example
 * ```ts
 * withPrincipalRoles([CONTEXT_SUB_ROLE.Instructor.TeachingAssistant]);
 * // [CONTEXT_SUB_ROLE.Instructor.TeachingAssistant, CONTEXT_ROLE.Instructor]
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies (core-security.md ROLE-005)
 */
export function withPrincipalRoles(roles: readonly string[]): string[] {
  const result: string[] = [];
  const seen = new Set<string>();
  const add = (role: string): void => {
    if (seen.has(role)) return;
    seen.add(role);
    result.push(role);
  };
  for (const role of roles) {
    add(role);
    const principal = SUB_ROLE_BY_URI.get(role)?.principal;
    if (principal !== undefined) add(principal);
  }
  return result;
}

// URN scheme and namespace are case-insensitive (RFC 8141 §3.1); role names are not.
function canonicalLti11Prefix(value: string): string {
  for (const prefix of Object.values(LTI11_ROLE_PREFIX)) {
    if (value.slice(0, prefix.length).toLowerCase() === prefix) return prefix + value.slice(prefix.length);
  }
  return value;
}

/**
 * Maps one LTI 1.1 role to its LTI 1.3 URI: a system (`urn:lti:sysrole:ims/lis/…`), institution
 * (`urn:lti:instrole:ims/lis/…`) or context (`urn:lti:role:ims/lis/…`) URN, a context sub-role URN
 * (`urn:lti:role:ims/lis/Learner/NonCreditLearner`), or a short context name (`Instructor`,
 * `TeachingAssistant`, L11-010). 1.1 `TeachingAssistant` roles become `Instructor` sub-roles.
 * A value that already is a known 1.3 role URI is returned as is; anything else gives `undefined`.
 *
 * @example
 * ```ts
 * lti11RoleToLti13('urn:lti:role:ims/lis/TeachingAssistant');
 * // 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant'
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr (lti11.md §1.3, L11-010, MIG-003)
 */
export function lti11RoleToLti13(urnOrShort: string): RoleUri | undefined {
  const trimmed = urnOrShort.trim();
  const known = KNOWN_LTI13_ROLES.get(trimmed);
  if (known !== undefined) return known;
  const urn = trimmed.includes(':') ? canonicalLti11Prefix(trimmed) : `${LTI11_ROLE_PREFIX.context}${trimmed}`;
  return LTI11_MAPPING.toLti13.get(urn);
}

/**
 * Maps one LTI 1.3 role URI (or deprecated short context name, ROLE-004) to its LTI 1.1 URN, e.g.
 * for the roles of an LTI 1.1 launch or a `lti1p1` migration. Sub-roles become
 * `urn:lti:role:ims/lis/{Principal}/{SubRole}`, except `Instructor#TeachingAssistant`, which becomes
 * the 1.1 principal `urn:lti:role:ims/lis/TeachingAssistant`. Roles with no 1.1 counterpart
 * (`TestUser`, `Officer` and its sub-roles) and unknown values give `undefined`.
 *
 * @example
 * ```ts
 * lti13RoleToLti11(CONTEXT_SUB_ROLE.Learner.NonCreditLearner); // 'urn:lti:role:ims/lis/Learner/NonCreditLearner'
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr (lti11.md §1.3, MIG-003)
 */
export function lti13RoleToLti11(uri: string): string | undefined {
  const role = KNOWN_LTI13_ROLES.get(normalizeRole(uri));
  return role === undefined ? undefined : LTI11_MAPPING.toLti11.get(role);
}
