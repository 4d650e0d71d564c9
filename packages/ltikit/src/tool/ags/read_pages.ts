/**
 * Reading AGS answers on the tool side: the JSON body under the expected media type (or plain
 * JSON, AGS-014), and paged containers followed through `Link: rel="next"` until it is absent,
 * each page URL used as given (AGS-031, AGS-032).
 */
import { LtiError } from '../../errors.js';
import { mediaTypeOf } from '../../lib/accept_header.js';
import { parseLinkHeader } from '../../lib/link_header.js';
import type { ServiceRequest } from '../token/access_token_client.js';

/** Calls a platform service with a token for the request's scopes: `tool.serviceFetch` bound to a target. */
export type AgsCall = (request: ServiceRequest) => Promise<Response>;

/** AGS-014: the answer's JSON, under `mediaType`, `application/json` (with any `charset`) or no type at all. */
export async function readJsonAnswer(response: Response, mediaType: string): Promise<unknown> {
  const received = mediaTypeOf(response.headers.get('content-type'));
  if (received !== mediaType && received !== 'application/json' && received !== '') {
    await response.body?.cancel();
    throw new LtiError('ERR_LTI_AGS_RESPONSE_INVALID', {
      message: `The platform answered with \`${received}\` where \`${mediaType}\` was expected (AGS-014).`,
      detail: { content_type: received, expected: mediaType },
    });
  }
  try {
    return JSON.parse(await response.text());
  } catch (cause) {
    throw new LtiError('ERR_LTI_AGS_RESPONSE_INVALID', { message: 'The platform\u2019s AGS answer is not JSON (AGS-014).', cause });
  }
}

/**
 * The `rel="next"` link of an answer, resolved against the page it came with and followed only on
 * that page's origin: the access token goes with every request (AGS-032, TOK-020).
 */
export function nextPageUrl(response: Response, pageUrl: string): string | undefined {
  const next = parseLinkHeader(response.headers.get('link')).find((link) => link.rel.includes('next'));
  if (next === undefined) return undefined;
  let resolved: URL;
  try {
    resolved = new URL(next.url, pageUrl);
  } catch (cause) {
    throw new LtiError('ERR_LTI_AGS_RESPONSE_INVALID', { message: 'The `next` link of the AGS answer cannot be parsed (AGS-031).', cause });
  }
  const origin = new URL(pageUrl).origin;
  if (resolved.origin !== origin) throw new LtiError('ERR_LTI_AGS_LINK_UNTRUSTED', { detail: { origin: resolved.origin, expected: origin } });
  resolved.hash = '';
  return resolved.href;
}

/**
 * Every item of a paged container, one page fetched at a time as the items run out (AGS-032); a
 * `next` link back to a page already read stops with `ERR_LTI_AGS_PAGING_LOOP`.
 */
export async function* readPages<T>(
  call: AgsCall,
  firstUrl: string,
  request: { scopes: string[]; mediaType: string },
  validate: (body: unknown) => T[],
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let url: string | undefined = firstUrl;
  while (url !== undefined) {
    if (seen.has(url)) throw new LtiError('ERR_LTI_AGS_PAGING_LOOP', { detail: { url } });
    seen.add(url);
    const response = await call({ url, method: 'GET', scopes: request.scopes, headers: { accept: request.mediaType } });
    const items = validate(await readJsonAnswer(response, request.mediaType));
    const next = nextPageUrl(response, url);
    yield* items;
    url = next;
  }
}

/** Every item of an async iterable, in order. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
