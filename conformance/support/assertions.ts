// Shared checks of the conformance cases. A refused launch must be a 4xx that names the failed
// check by its stable code (STYLE habit 2) and never leaks a stack trace (certification.md §2:
// "refuses the launch and does not crash").
import assert from 'node:assert/strict';
import type { LtiErrorCode } from 'ltikit/errors';
import type { LtiLaunch } from 'ltikit/tool';
import { LTI_CLAIM } from 'ltikit/vocab';
import type { ToolHarness } from './tool_harness.js';

/** Lines of a JavaScript stack trace (`    at fn (file.js:1:2)`) or paths into the installed code. */
const STACK_TRACE = /\n\s+at\s|\bat .+:\d+:\d+|node_modules|\/dist\/|\.ts:\d+/;

/**
 * Asserts that `response` is the JSON error answer of a refused request with exactly `code`:
 * a 4xx status, no redirect, a JSON body `{ error, code, error_description }`, no stack trace.
 */
export async function assertRejectedWith(response: Response, code: LtiErrorCode): Promise<void> {
  const text = await response.text();
  assert.ok(response.status >= 400 && response.status < 500, `expected a 4xx status, got ${response.status}: ${text}`);
  assert.equal(response.headers.get('location'), null, 'a refused request is not redirected');
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  assert.doesNotMatch(text, STACK_TRACE, 'the error body carries no stack trace');
  const body = JSON.parse(text) as { code?: unknown; error?: unknown; error_description?: unknown };
  assert.equal(body.code, code);
  assert.equal(typeof body.error_description, 'string');
}

/** Asserts that the tool accepted the launch (200 from `onLaunch`). */
export async function assertLaunched(response: Response): Promise<void> {
  const text = await response.text();
  assert.equal(response.status, 200, `expected the launch to be accepted, got ${response.status}: ${text}`);
}

/**
 * Asserts that `response` is the HTML error page a browser gets for a refused request: a 4xx page
 * that names `code`, with no redirect, no form and no stack trace.
 */
export async function assertRejectedPageWith(response: Response, code: LtiErrorCode): Promise<void> {
  const html = await response.text();
  assert.ok(response.status >= 400 && response.status < 500, `expected a 4xx status, got ${response.status}`);
  assert.equal(response.headers.get('location'), null);
  assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
  assert.doesNotMatch(html, STACK_TRACE, 'the error page carries no stack trace');
  assert.doesNotMatch(html, /<form|<script/);
  assert.equal(/Error code: <code>([A-Z_]+)<\/code>/.exec(html)?.[1], code);
}

/**
 * The shared part of the role cases (CERT-T-09..16): launches with `roles`, asserts the tool
 * accepted it and kept the roles as sent, unknown and empty values included (ROLE-002/003), and
 * asserts the normalised context roles. Returns the launch for the case's own checks.
 */
export async function assertLaunchedWithRoles(
  harness: ToolHarness,
  kind: 'student' | 'instructor',
  roles: string[],
  expectedContextRoles: string[],
): Promise<LtiLaunch> {
  const { response } = await harness.launch(kind, (payload) => {
    payload[LTI_CLAIM.roles] = roles;
  });
  await assertLaunched(response);
  const launch = harness.lastLaunch();
  assert.deepEqual(launch.roles, roles);
  assert.deepEqual(launch.contextRoles, expectedContextRoles);
  return launch;
}
