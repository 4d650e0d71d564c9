// The hub's JSON admin API (/api/admin/…) for tests, over real HTTP: the status and the parsed
// JSON answer of one request.
import type { TestHub } from './hub.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are read field by field, and the assertions check each field.
export type Json = Record<string, any>;

/** One admin API request: `body` is sent as JSON, or as is when it is a string (to send malformed JSON); `token` as the bearer. */
export async function adminApi(hub: TestHub, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; json: Json }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${hub.origin}/api/admin${path}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  return { status: response.status, json: (await response.json()) as Json };
}
