// AGS-002: a launch's AGS claim names `lineitem` when the launched resource link has exactly one
// line item of the tool (created by the tool or by the platform, AGS-024), and not otherwise.
// The launch goes all the way to the id_token through the authorization endpoint.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import type { LaunchRequest } from '../../../src/platform/launch/launch_request.js';
import { AGS_CLAIM } from '../../../src/vocab/claims.js';
import { CONTEXT_ROLE } from '../../../src/vocab/roles.js';
import { type AgsPlatform, LINE_ITEMS_URL, TOOL_A, TOOL_B, createAgsPlatform } from '../../support/ags_platform.js';

async function agsClaim(env: AgsPlatform, overrides: Partial<LaunchRequest> = {}): Promise<Record<string, unknown> | undefined> {
  const initiation = await env.platform.createLaunch({
    clientId: TOOL_A.clientId,
    deploymentId: 'dep-a1',
    user: { id: 'u-1' },
    roles: [CONTEXT_ROLE.Learner],
    context: { id: 'ctx-1' },
    resourceLink: { id: 'rl-1' },
    ...overrides,
  });
  const authorize = new URL(env.platform.config.authorizationEndpoint);
  for (const [name, value] of Object.entries({
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: TOOL_A.clientId,
    redirect_uri: initiation.tool.redirectUris[0]!,
    login_hint: initiation.parameters.login_hint!,
    lti_message_hint: initiation.parameters.lti_message_hint!,
    state: 'state-1',
    nonce: 'nonce-1',
  })) {
    authorize.searchParams.set(name, value);
  }
  const page = await (await env.platform.fetch(new Request(authorize))).text();
  const idToken = /name="id_token" value="([^"]+)"/.exec(page)?.[1];
  assert.ok(idToken, page.slice(0, 500));
  return decodeJwt(idToken)[AGS_CLAIM.endpoint] as Record<string, unknown> | undefined;
}

describe('findLaunchLineItem (AGS-002)', () => {
  it('names the only line item of the launched link as `lineitem`', async () => {
    const env = await createAgsPlatform();
    const only = await env.createLineItem({ label: 'Quiz', scoreMaximum: 10, resourceLinkId: 'rl-1' });
    await env.createLineItem({ label: 'Other link', scoreMaximum: 10, resourceLinkId: 'rl-2' });
    await env.createLineItem({ label: 'B\u2019s', scoreMaximum: 10, resourceLinkId: 'rl-1' }, await env.token(TOOL_B.clientId));
    const claim = await agsClaim(env);
    assert.equal(claim?.lineitem, only.id);
    assert.equal(claim?.lineitems, LINE_ITEMS_URL);
  });

  it('leaves `lineitem` out with none or several line items on the link, and keeps one the launch names itself', async () => {
    const env = await createAgsPlatform();
    assert.equal((await agsClaim(env))?.lineitem, undefined);
    await env.createLineItem({ label: 'Part 1', scoreMaximum: 10, resourceLinkId: 'rl-1' });
    await env.createLineItem({ label: 'Part 2', scoreMaximum: 10, resourceLinkId: 'rl-1' });
    assert.equal((await agsClaim(env))?.lineitem, undefined);
    assert.equal((await agsClaim(env, { lineItemId: 'chosen' }))?.lineitem, `${LINE_ITEMS_URL}/chosen`);
  });

  it('finds a line item the platform created for the link (AGS-024), not another deployment\u2019s', async () => {
    const env = await createAgsPlatform();
    await env.store.createLineItem({ id: 'li-dep-a2', contextId: 'ctx-1', clientId: TOOL_A.clientId, deploymentId: 'dep-a2', label: 'Other deployment', scoreMaximum: 5, resourceLinkId: 'rl-1', createdAt: 1 });
    assert.equal((await agsClaim(env))?.lineitem, undefined);
    await env.store.createLineItem({ id: 'li-platform', contextId: 'ctx-1', clientId: TOOL_A.clientId, label: 'Set by the teacher', scoreMaximum: 5, resourceLinkId: 'rl-1', createdAt: 2 });
    assert.equal((await agsClaim(env))?.lineitem, `${LINE_ITEMS_URL}/li-platform`);
  });
});
