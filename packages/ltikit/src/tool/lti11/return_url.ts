/**
 * Sending the user back to the platform after an LTI 1.1 launch (L11-020): a GET to
 * `launch_presentation_return_url` with `lti_msg`, `lti_log`, `lti_errormsg` and `lti_errorlog`
 * appended, the return URL's own query kept as it was.
 *
 * @example
 * ```ts
 * const back = lti11ReturnUrl(launch, { msg: 'Your answers were saved.' });
 * if (back !== undefined) return Response.redirect(back, 302);
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-020)
 */
import type { Lti11Launch } from './validate_lti11_launch.js';

/**
 * The messages a tool may hand back to the platform (L11-020): `msg` and `errormsg` are shown to
 * the user, `log` and `errorlog` are logged.
 *
 * @example
 * ```ts
 * const messages: Lti11ReturnMessages = { errormsg: 'This activity is closed.', errorlog: 'activity 42 closed' };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-020, L11-021)
 */
export interface Lti11ReturnMessages {
  msg?: string;
  log?: string;
  errormsg?: string;
  errorlog?: string;
}

/**
 * The launch's return URL with the messages appended as `lti_msg`, `lti_log`, `lti_errormsg`,
 * `lti_errorlog` (L11-020), its existing query and fragment preserved; `undefined` when the
 * platform sent no http(s) return URL. Redirect the browser there with a 302.
 *
 * @example
 * ```ts
 * lti11ReturnUrl(launch, { msg: 'Saved', log: 'quiz 7 saved' });
 * // 'https://lms.example.edu/return?course=9&lti_msg=Saved&lti_log=quiz%207%20saved'
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-020)
 */
export function lti11ReturnUrl(launch: Pick<Lti11Launch, 'presentation'>, messages: Lti11ReturnMessages): string | undefined {
  const returnUrl = launch.presentation.returnUrl;
  return returnUrl === undefined ? undefined : appendLti11ReturnMessages(returnUrl, messages);
}

/** `returnUrl` with the messages appended after its existing query, which is kept byte for byte (L11-020). */
export function appendLti11ReturnMessages(returnUrl: string, messages: Lti11ReturnMessages): string {
  const url = new URL(returnUrl);
  const added: string[] = [];
  for (const name of ['msg', 'log', 'errormsg', 'errorlog'] as const) {
    const value = messages[name];
    if (value !== undefined && value !== '') added.push(`lti_${name}=${encodeURIComponent(value)}`);
  }
  if (added.length === 0) return url.href;
  const existing = url.search.slice(1);
  url.search = existing === '' ? added.join('&') : `${existing}&${added.join('&')}`;
  return url.href;
}
