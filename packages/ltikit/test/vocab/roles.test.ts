import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CONTEXT_ROLE,
  CONTEXT_SUB_ROLE,
  type ContextRolePrincipal,
  contextRolesOf,
  hasContextRole,
  INSTITUTION_ROLE,
  isAdministrator,
  isInstructor,
  isLearner,
  isMentor,
  LTI_SYSTEM_ROLE,
  LTI11_ROLE,
  LTI11_ROLE_PREFIX,
  lti11RoleToLti13,
  lti13RoleToLti11,
  normalizeRole,
  principalRoleOf,
  ROLE_PREFIX,
  SYSTEM_ROLE,
  withPrincipalRoles,
} from '../../src/vocab/index.js';

const principals = Object.keys(CONTEXT_ROLE) as ContextRolePrincipal[];
const subRoleEntries = principals.flatMap((principal) =>
  Object.entries(CONTEXT_SUB_ROLE[principal]).map(([name, uri]) => ({ principal, name, uri: uri as string })),
);
const allLti13Roles: string[] = [
  ...Object.values(SYSTEM_ROLE),
  ...Object.values(INSTITUTION_ROLE),
  ...Object.values(CONTEXT_ROLE),
  ...subRoleEntries.map((entry) => entry.uri),
  ...Object.values(LTI_SYSTEM_ROLE),
];
const allLti11Roles: string[] = [
  ...Object.values(LTI11_ROLE.system),
  ...Object.values(LTI11_ROLE.institution),
  ...Object.values(LTI11_ROLE.context),
];

// Certification "Unknown Role" payloads (ROLE-002).
const UNKNOWN_HELPER = 'http://purl.imsglobal.org/vocab/lis/v2/unknown/unknown#Helper';
const UNKNOWN_ROLE = 'http://purl.imsglobal.org/vocab/lis/v2/uknownrole/unknown#Unknown';

describe('role constants', () => {
  it('spell each URI as its vocabulary prefix plus its key', () => {
    for (const [name, uri] of Object.entries(SYSTEM_ROLE)) assert.equal(uri, `${ROLE_PREFIX.system}${name}`);
    for (const [name, uri] of Object.entries(INSTITUTION_ROLE)) assert.equal(uri, `${ROLE_PREFIX.institution}${name}`);
    for (const [name, uri] of Object.entries(CONTEXT_ROLE)) assert.equal(uri, `${ROLE_PREFIX.context}${name}`);
    for (const [name, uri] of Object.entries(LTI_SYSTEM_ROLE)) assert.equal(uri, `${ROLE_PREFIX.ltiSystem}${name}`);
    for (const { principal, name, uri } of subRoleEntries) {
      assert.equal(uri, `${ROLE_PREFIX.contextSubRole}${principal}#${name}`);
    }
  });

  it('are unique across every vocabulary', () => {
    assert.equal(new Set(allLti13Roles).size, allLti13Roles.length);
    assert.equal(new Set(allLti11Roles).size, allLti11Roles.length);
  });

  it('cover the vocabulary sizes of core-security.md §5', () => {
    assert.equal(Object.keys(SYSTEM_ROLE).length, 7);
    assert.equal(Object.keys(INSTITUTION_ROLE).length, 14);
    assert.equal(Object.keys(CONTEXT_ROLE).length, 8);
    assert.deepEqual(Object.keys(CONTEXT_SUB_ROLE).sort(), [...principals].sort());
    assert.equal(subRoleEntries.length, 7 + 4 + 12 + 5 + 5 + 1 + 12 + 5);
    assert.equal(CONTEXT_SUB_ROLE.Officer['Vice-Chair'], 'http://purl.imsglobal.org/vocab/lis/v2/membership/Officer#Vice-Chair');
    assert.equal(LTI_SYSTEM_ROLE.TestUser, 'http://purl.imsglobal.org/vocab/lti/system/person#TestUser');
  });

  it('spell each LTI 1.1 URN as its vocabulary prefix plus its key', () => {
    for (const vocabulary of ['system', 'institution', 'context'] as const) {
      for (const [name, urn] of Object.entries(LTI11_ROLE[vocabulary])) {
        assert.equal(urn, `${LTI11_ROLE_PREFIX[vocabulary]}${name}`);
      }
    }
    assert.equal(LTI11_ROLE_PREFIX.system, 'urn:lti:sysrole:ims/lis/');
    assert.equal(LTI11_ROLE_PREFIX.institution, 'urn:lti:instrole:ims/lis/');
    assert.equal(LTI11_ROLE_PREFIX.context, 'urn:lti:role:ims/lis/');
  });
});

describe('normalizeRole', () => {
  it('expands every deprecated short context-role name (ROLE-004)', () => {
    for (const principal of principals) assert.equal(normalizeRole(principal), CONTEXT_ROLE[principal]);
  });

  it('trims, and leaves full URIs and unknown values unchanged', () => {
    assert.equal(normalizeRole('  Instructor \n'), CONTEXT_ROLE.Instructor);
    assert.equal(normalizeRole(` ${INSTITUTION_ROLE.Faculty} `), INSTITUTION_ROLE.Faculty);
    assert.equal(normalizeRole(UNKNOWN_HELPER), UNKNOWN_HELPER);
    assert.equal(normalizeRole(''), '');
  });

  it('is case-sensitive and does not expand non-context short names', () => {
    assert.equal(normalizeRole('instructor'), 'instructor');
    assert.equal(normalizeRole('Student'), 'Student');
    assert.equal(normalizeRole('TeachingAssistant'), 'TeachingAssistant');
  });
});

describe('principalRoleOf', () => {
  it('gives the principal of every sub-role', () => {
    for (const { principal, uri } of subRoleEntries) assert.equal(principalRoleOf(uri), CONTEXT_ROLE[principal]);
    assert.equal(principalRoleOf(CONTEXT_SUB_ROLE.Learner.Instructor), CONTEXT_ROLE.Learner);
  });

  it('gives undefined for principals, other vocabularies and unknown sub-roles', () => {
    assert.equal(principalRoleOf(CONTEXT_ROLE.Instructor), undefined);
    assert.equal(principalRoleOf(INSTITUTION_ROLE.Instructor), undefined);
    assert.equal(principalRoleOf('http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#Wizard'), undefined);
    assert.equal(principalRoleOf('TeachingAssistant'), undefined);
  });
});

describe('contextRolesOf', () => {
  it('gives no roles for [""] and [] (ROLE-003)', () => {
    assert.deepEqual(contextRolesOf(['']), []);
    assert.deepEqual(contextRolesOf([]), []);
    assert.deepEqual(contextRolesOf(['  ']), []);
  });

  it('ignores unknown roles (ROLE-002)', () => {
    assert.deepEqual(contextRolesOf([UNKNOWN_HELPER]), []);
    assert.deepEqual(contextRolesOf([CONTEXT_ROLE.Learner, UNKNOWN_ROLE]), [CONTEXT_ROLE.Learner]);
  });

  it('ignores non-string entries of an untrusted claim', () => {
    const claim = JSON.parse('[null, 3, {"x":1}, "Learner"]') as string[];
    assert.deepEqual(contextRolesOf(claim), [CONTEXT_ROLE.Learner]);
  });

  it('normalizes short names and leaves out institution and system roles', () => {
    assert.deepEqual(contextRolesOf(['Instructor', INSTITUTION_ROLE.Staff, SYSTEM_ROLE.User]), [CONTEXT_ROLE.Instructor]);
  });

  it('adds the principal of each sub-role and de-duplicates', () => {
    assert.deepEqual(
      contextRolesOf([CONTEXT_SUB_ROLE.Instructor.TeachingAssistant, 'Instructor', CONTEXT_ROLE.Instructor, CONTEXT_SUB_ROLE.Instructor.TeachingAssistant]),
      [CONTEXT_SUB_ROLE.Instructor.TeachingAssistant, CONTEXT_ROLE.Instructor],
    );
  });
});

describe('role predicates', () => {
  it('recognise principals, short names and sub-roles', () => {
    assert.equal(isInstructor(['Instructor']), true);
    assert.equal(isInstructor([CONTEXT_SUB_ROLE.Instructor.Grader]), true);
    assert.equal(isInstructor([CONTEXT_ROLE.Learner]), false);
    assert.equal(isInstructor([INSTITUTION_ROLE.Instructor]), false, 'institution roles are not context roles (ROLE-006)');
    assert.equal(isLearner(['Learner']), true);
    assert.equal(isLearner([CONTEXT_SUB_ROLE.Learner.NonCreditLearner]), true);
    assert.equal(isLearner([INSTITUTION_ROLE.Student]), false);
    assert.equal(isMentor([CONTEXT_SUB_ROLE.Mentor.Tutor]), true);
    assert.equal(isMentor(['']), false);
    assert.equal(hasContextRole([CONTEXT_SUB_ROLE.Officer['Vice-Chair']], 'Officer'), true);
    assert.equal(hasContextRole(['ContentDeveloper'], 'ContentDeveloper'), true);
    assert.equal(hasContextRole(['ContentDeveloper'], 'Administrator'), false);
  });

  it('treat the cert multiple-role payloads as expected', () => {
    assert.equal(isInstructor([CONTEXT_ROLE.Instructor, INSTITUTION_ROLE.Staff, INSTITUTION_ROLE.Other]), true);
    const student = [CONTEXT_ROLE.Learner, INSTITUTION_ROLE.Student, INSTITUTION_ROLE.Mentor];
    assert.equal(isLearner(student), true);
    assert.equal(isMentor(student), false, 'an institution Mentor is not a context Mentor');
  });

  it('isAdministrator accepts the context, system and institution Administrator roles only', () => {
    assert.equal(isAdministrator([CONTEXT_ROLE.Administrator]), true);
    assert.equal(isAdministrator(['Administrator']), true);
    assert.equal(isAdministrator([CONTEXT_SUB_ROLE.Administrator.Support]), true);
    assert.equal(isAdministrator([SYSTEM_ROLE.Administrator]), true);
    assert.equal(isAdministrator([` ${INSTITUTION_ROLE.Administrator}`]), true);
    assert.equal(isAdministrator([SYSTEM_ROLE.SysAdmin, CONTEXT_ROLE.Instructor]), false);
    assert.equal(isAdministrator(['']), false);
  });
});

describe('withPrincipalRoles', () => {
  it('adds the principal after each sub-role (ROLE-005)', () => {
    assert.deepEqual(withPrincipalRoles([CONTEXT_SUB_ROLE.Instructor.TeachingAssistant, INSTITUTION_ROLE.Staff]), [
      CONTEXT_SUB_ROLE.Instructor.TeachingAssistant,
      CONTEXT_ROLE.Instructor,
      INSTITUTION_ROLE.Staff,
    ]);
  });

  it('does not repeat a principal already present, and keeps unknown roles', () => {
    assert.deepEqual(withPrincipalRoles([CONTEXT_ROLE.Mentor, CONTEXT_SUB_ROLE.Mentor.Tutor, CONTEXT_SUB_ROLE.Mentor.Advisor, UNKNOWN_HELPER]), [
      CONTEXT_ROLE.Mentor,
      CONTEXT_SUB_ROLE.Mentor.Tutor,
      CONTEXT_SUB_ROLE.Mentor.Advisor,
      UNKNOWN_HELPER,
    ]);
  });

  it('leaves a list without sub-roles as it is', () => {
    const roles = [CONTEXT_ROLE.Learner, INSTITUTION_ROLE.Student];
    assert.deepEqual(withPrincipalRoles(roles), roles);
  });
});

describe('LTI 1.1 ↔ 1.3 role mapping', () => {
  it('maps the URN vocabularies to their 1.3 URIs', () => {
    assert.equal(lti11RoleToLti13('urn:lti:sysrole:ims/lis/SysAdmin'), SYSTEM_ROLE.SysAdmin);
    assert.equal(lti11RoleToLti13('urn:lti:instrole:ims/lis/Student'), INSTITUTION_ROLE.Student);
    assert.equal(lti11RoleToLti13('urn:lti:role:ims/lis/Instructor'), CONTEXT_ROLE.Instructor);
    assert.equal(lti11RoleToLti13('urn:lti:role:ims/lis/Learner/NonCreditLearner'), CONTEXT_SUB_ROLE.Learner.NonCreditLearner);
  });

  it('maps the 1.1 TeachingAssistant principal and its sub-roles under Instructor', () => {
    const ta = CONTEXT_SUB_ROLE.Instructor.TeachingAssistant;
    assert.equal(lti11RoleToLti13('urn:lti:role:ims/lis/TeachingAssistant'), ta);
    assert.equal(lti11RoleToLti13('urn:lti:role:ims/lis/Instructor/TeachingAssistant'), ta);
    assert.equal(lti11RoleToLti13('urn:lti:role:ims/lis/TeachingAssistant/TeachingAssistant'), ta);
    assert.equal(lti11RoleToLti13('urn:lti:role:ims/lis/TeachingAssistant/Grader'), CONTEXT_SUB_ROLE.Instructor.Grader);
    assert.equal(lti11RoleToLti13('urn:lti:role:ims/lis/TeachingAssistant/TeachingAssistantSection'), CONTEXT_SUB_ROLE.Instructor.TeachingAssistantSection);
    assert.equal(lti13RoleToLti11(ta), 'urn:lti:role:ims/lis/TeachingAssistant');
  });

  it('maps short 1.1 context names (L11-010)', () => {
    assert.equal(lti11RoleToLti13('Learner'), CONTEXT_ROLE.Learner);
    assert.equal(lti11RoleToLti13(' Instructor '), CONTEXT_ROLE.Instructor);
    assert.equal(lti11RoleToLti13('TeachingAssistant'), CONTEXT_SUB_ROLE.Instructor.TeachingAssistant);
  });

  it('accepts any case in the URN prefix but not in the role name', () => {
    assert.equal(lti11RoleToLti13('URN:LTI:ROLE:IMS/LIS/Instructor'), CONTEXT_ROLE.Instructor);
    assert.equal(lti11RoleToLti13('urn:lti:role:ims/lis/instructor'), undefined);
  });

  it('passes known 1.3 URIs through and refuses unknown values', () => {
    assert.equal(lti11RoleToLti13(CONTEXT_ROLE.Mentor), CONTEXT_ROLE.Mentor);
    assert.equal(lti11RoleToLti13('urn:lti:role:ims/lis/Wizard'), undefined);
    assert.equal(lti11RoleToLti13('urn:lti:sysrole:ims/lis/Student'), undefined);
    assert.equal(lti11RoleToLti13(UNKNOWN_HELPER), undefined);
    assert.equal(lti11RoleToLti13(''), undefined);
  });

  it('maps 1.3 roles to 1.1 URNs, short names included', () => {
    assert.equal(lti13RoleToLti11(INSTITUTION_ROLE.Faculty), 'urn:lti:instrole:ims/lis/Faculty');
    assert.equal(lti13RoleToLti11(SYSTEM_ROLE.AccountAdmin), 'urn:lti:sysrole:ims/lis/AccountAdmin');
    assert.equal(lti13RoleToLti11('Learner'), 'urn:lti:role:ims/lis/Learner');
    assert.equal(lti13RoleToLti11(CONTEXT_SUB_ROLE.Mentor.ExternalTutor), 'urn:lti:role:ims/lis/Mentor/ExternalTutor');
  });

  it('has no 1.1 form for TestUser, Officer and unknown roles', () => {
    assert.equal(lti13RoleToLti11(LTI_SYSTEM_ROLE.TestUser), undefined);
    assert.equal(lti13RoleToLti11(CONTEXT_ROLE.Officer), undefined);
    assert.equal(lti13RoleToLti11(CONTEXT_SUB_ROLE.Officer.Chair), undefined);
    assert.equal(lti13RoleToLti11(UNKNOWN_HELPER), undefined);
  });

  it('round-trips every 1.3 role that has a 1.1 form', () => {
    const withoutLti11 = new Set<string>([
      LTI_SYSTEM_ROLE.TestUser,
      CONTEXT_ROLE.Officer,
      ...Object.values(CONTEXT_SUB_ROLE.Officer),
    ]);
    for (const uri of allLti13Roles) {
      const urn = lti13RoleToLti11(uri);
      if (withoutLti11.has(uri)) {
        assert.equal(urn, undefined, uri);
        continue;
      }
      assert.ok(urn?.startsWith('urn:lti:'), `${uri} → ${urn}`);
      assert.equal(lti11RoleToLti13(urn ?? ''), uri);
    }
  });

  it('round-trips every listed 1.1 URN', () => {
    for (const urn of allLti11Roles) {
      const uri = lti11RoleToLti13(urn);
      assert.ok(uri !== undefined, urn);
      assert.equal(lti13RoleToLti11(uri), urn);
    }
  });
});
