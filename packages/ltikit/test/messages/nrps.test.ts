// The membership container wire model and its validator (NRPS-003, NRPS-020, NRPS-022).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateMembershipContainer } from '../../src/messages/nrps.js';
import { LTI_CLAIM } from '../../src/vocab/claims.js';
import { throwsLtiError } from '../support/assert_lti_error.js';

// The example of nrps.md §3.
const SPEC_EXAMPLE = {
  id: 'https://lms.example.edu/api/lti/ctx-991/memberships?rlid=rl-5c8e&limit=2',
  context: { id: 'ctx-991', label: 'MATH101', title: 'Calculus I' },
  members: [
    {
      status: 'Active',
      user_id: 'a3f0c2e1-77aa-4d0e-9f11-2b9b1d2c0d31',
      roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
      name: 'Grace Hopper',
      given_name: 'Grace',
      family_name: 'Hopper',
      email: 'grace@example.edu',
      picture: 'https://lms.example.edu/avatars/gh.png',
      lis_person_sourcedid: 'sis-1906',
      message: [
        {
          'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiResourceLinkRequest',
          'https://purl.imsglobal.org/spec/lti/claim/custom': { extra_time: '15' },
          'https://purl.imsglobal.org/spec/lti-bo/claim/basicoutcome': { lis_result_sourcedid: 'rs-77-a3f0', lis_outcome_service_url: 'https://lms.example.edu/lti/outcomes' },
        },
      ],
    },
    {
      status: 'Inactive',
      user_id: 'b91d0f3a',
      roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor', 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant'],
    },
  ],
};

describe('validateMembershipContainer', () => {
  it('accepts the spec example as it is', () => {
    assert.deepEqual(validateMembershipContainer(structuredClone(SPEC_EXAMPLE)), SPEC_EXAMPLE);
  });

  it('fills in a missing or null status as Active, drops null fields, reads custom numbers as text (NRPS-022, CUST-001)', () => {
    const container = validateMembershipContainer({
      id: 'x',
      context: { id: 'c', label: null },
      members: [{ user_id: 'u', roles: [], status: null, email: null, message: [{ [LTI_CLAIM.custom]: { n: 3, b: true } }], extension: 1 }],
    });
    assert.deepEqual(container.context, { id: 'c' });
    assert.equal(container.members[0]?.status, 'Active');
    assert.equal('email' in container.members[0]!, false);
    assert.deepEqual(container.members[0]?.message?.[0]?.[LTI_CLAIM.custom], { n: '3', b: 'true' });
  });

  it('refuses what breaks the container with ERR_LTI_NRPS_CONTAINER_INVALID and the path', () => {
    const cases: Array<[unknown, string]> = [
      [null, ''],
      [{ ...SPEC_EXAMPLE, members: undefined }, 'members'],
      [{ ...SPEC_EXAMPLE, context: { label: 'x' } }, 'context.id'],
      [{ ...SPEC_EXAMPLE, id: 7 }, 'id'],
      [{ ...SPEC_EXAMPLE, members: [{ roles: [] }] }, 'members.0.user_id'],
      [{ ...SPEC_EXAMPLE, members: [{ user_id: '', roles: [] }] }, 'members.0.user_id'],
      [{ ...SPEC_EXAMPLE, members: [{ user_id: 'u', roles: [1] }] }, 'members.0.roles.0'],
      [{ ...SPEC_EXAMPLE, members: [{ user_id: 'u', roles: [], status: 'active' }] }, 'members.0.status'],
      [{ ...SPEC_EXAMPLE, members: [{ user_id: 'u', roles: [], message: {} }] }, 'members.0.message'],
    ];
    for (const [value, path] of cases) {
      const error = throwsLtiError(() => validateMembershipContainer(value), 'ERR_LTI_NRPS_CONTAINER_INVALID');
      assert.equal(error.detail?.path, path, JSON.stringify(value));
    }
  });
});
