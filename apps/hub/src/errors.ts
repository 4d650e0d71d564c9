/**
 * The hub's own failures (outside the LTI protocol, whose errors are `LtiError`s): each has a
 * stable code, an HTTP status and a sentence, and becomes a response in one place per format.
 */
import { LtiError } from 'ltikit';
import { DocumentFieldError } from './admin/registration_documents.js';

export type HubErrorCode =
  | 'ERR_HUB_FIELD_INVALID'
  | 'ERR_HUB_BODY_INVALID'
  | 'ERR_HUB_CONTENT_TYPE_UNSUPPORTED'
  | 'ERR_HUB_NOT_FOUND'
  | 'ERR_HUB_UNAUTHORIZED'
  | 'ERR_HUB_SIGN_IN_REQUIRED'
  | 'ERR_HUB_NOT_A_MEMBER'
  | 'ERR_HUB_FORBIDDEN'
  | 'ERR_HUB_TICKET_INVALID'
  | 'ERR_HUB_CONFLICT'
  | 'ERR_HUB_INTERNAL';

const STATUS: Record<HubErrorCode, number> = {
  ERR_HUB_FIELD_INVALID: 400,
  ERR_HUB_BODY_INVALID: 400,
  ERR_HUB_CONTENT_TYPE_UNSUPPORTED: 415,
  ERR_HUB_NOT_FOUND: 404,
  ERR_HUB_UNAUTHORIZED: 401,
  ERR_HUB_SIGN_IN_REQUIRED: 401,
  ERR_HUB_NOT_A_MEMBER: 403,
  ERR_HUB_FORBIDDEN: 403,
  ERR_HUB_TICKET_INVALID: 410,
  ERR_HUB_CONFLICT: 409,
  ERR_HUB_INTERNAL: 500,
};

export class HubError extends Error {
  override readonly name = 'HubError';
  readonly status: number;
  constructor(
    readonly code: HubErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

/** Any thrown value as a HubError-like triple; unknown failures say nothing of their internals. */
export function describeFailure(thrown: unknown): { status: number; code: string; message: string; field?: string } {
  if (thrown instanceof HubError) return { status: thrown.status, code: thrown.code, message: thrown.message, ...(thrown.field === undefined ? {} : { field: thrown.field }) };
  if (thrown instanceof DocumentFieldError) return { status: 400, code: thrown.code, message: thrown.message, field: thrown.field };
  if (thrown instanceof LtiError) return { status: Math.min(thrown.status, 500), code: thrown.code, message: thrown.message };
  return { status: 500, code: 'ERR_HUB_INTERNAL', message: 'The hub failed to answer this request; the failure is in its log.' };
}

/** The JSON body of an admin API error. */
export function errorJson(thrown: unknown): Response {
  const failure = describeFailure(thrown);
  return Response.json(
    { error: failure.code, error_description: failure.message, ...(failure.field === undefined ? {} : { field: failure.field }) },
    { status: failure.status, headers: { 'cache-control': 'no-store' } },
  );
}
