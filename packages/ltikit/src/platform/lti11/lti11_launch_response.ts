/**
 * The page that carries an LTI 1.1 launch through the browser: an auto-submitting form POSTing the
 * signed fields to the tool's launch URL, exactly as signed (order and repeated names kept).
 *
 * @example
 * ```ts
 * app.get('/courses/:id/links/:link/launch', async (c) => lti11LaunchResponse(await platform.createLti11Launch(request)));
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (lti11.md §1, L11-001)
 */
import { autoSubmitFormResponse } from '../../lib/http.js';
import type { Lti11Launch } from './create_lti11_launch.js';

/**
 * An HTML page whose form POSTs `launch.fields` to `launch.url` (`application/x-www-form-urlencoded`)
 * as soon as it loads; a button submits it without JavaScript. Serve it in the frame or window the
 * link's document target names.
 *
 * @example
 * ```ts
 * return lti11LaunchResponse(await platform.createLti11Launch({ consumerKey, user, roles, resourceLink }));
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-001)
 */
export function lti11LaunchResponse(launch: Pick<Lti11Launch, 'url' | 'fields'>, title = 'Launching…'): Response {
  return autoSubmitFormResponse(launch.url, launch.fields, title);
}
