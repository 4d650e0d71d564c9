// Assertions on ltikit's stable error codes (STYLE habit 2): tests compare `code`, never `message`.
import assert from 'node:assert/strict';
import { LtiError, type LtiErrorCode } from '../../src/errors.js';

/** Runs `run`, expects it to throw an LtiError with `code`, and returns that error for further checks. */
export function throwsLtiError(run: () => unknown, code: LtiErrorCode): LtiError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof LtiError, `expected an LtiError ${code}, got ${caught === undefined ? 'no error' : String(caught)}`);
  assert.equal(caught.code, code);
  return caught;
}

/** Awaits `promise`, expects it to reject with an LtiError with `code`, and returns that error. */
export async function rejectsLtiError(promise: Promise<unknown>, code: LtiErrorCode): Promise<LtiError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof LtiError, `expected an LtiError ${code}, got ${caught === undefined ? 'no error' : String(caught)}`);
  assert.equal(caught.code, code);
  return caught;
}
