// CERT-P-31 (NRPS-003, NRPS-010, NRPS-020, NRPS-030): the membership answer has the exact media
// type, `id`, `context` and `members[]` with `user_id`, `roles` and `status`; it respects `role`
// and `limit`, and pages with `Link: rel="next"` until every member was read.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CONTEXT_ROLE } from 'ltikit';
import type { MembershipContainer } from 'ltikit/messages';
import { createNrpsHarness, MEMBERSHIP_CONTAINER, MEMBERSHIPS_URL, NRPS_CONTEXT_ID, nextLink } from '../support/nrps_harness.js';

it('answers the membership container with its media type, context and members, honouring role and limit with next links', async () => {
  const harness = await createNrpsHarness();
  const token = await harness.token();

  const first = await harness.get(`${MEMBERSHIPS_URL}?limit=5`, { token });
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('content-type'), MEMBERSHIP_CONTAINER);
  const container = (await first.json()) as MembershipContainer;
  assert.equal(container.id, `${MEMBERSHIPS_URL}?limit=5`);
  assert.deepEqual(container.context, { id: NRPS_CONTEXT_ID, label: 'Biology 102', title: 'Bio Adventures' });
  assert.equal(container.members.length, 5);
  for (const member of container.members) {
    assert.equal(typeof member.user_id, 'string');
    assert.ok(Array.isArray(member.roles) && member.roles.length > 0);
    assert.ok(member.status === 'Active' || member.status === 'Inactive');
    assert.equal(member.email, undefined, 'the validator may receive names only (MSG-004)');
  }
  assert.ok(nextLink(first)?.includes('limit=5'));

  // role=Instructor (short name, NRPS-010) with limit=4: 12 instructors in 3 pages.
  let url: string | undefined = `${MEMBERSHIPS_URL}?role=Instructor&limit=4`;
  const instructors: string[] = [];
  let pages = 0;
  while (url !== undefined) {
    const response = await harness.get(url, { token });
    assert.equal(response.status, 200);
    const page = (await response.json()) as MembershipContainer;
    assert.ok(page.members.length <= 4);
    for (const member of page.members) {
      assert.ok(member.roles.includes(CONTEXT_ROLE.Instructor));
      instructors.push(member.user_id);
    }
    pages += 1;
    url = nextLink(response);
  }
  assert.equal(instructors.length, 12);
  assert.equal(new Set(instructors).size, 12);
  assert.equal(pages, 3);
});
