/**
 * The registry pages: tools (list, add from a registration document, detail), platforms for the
 * demo tool, signing keys with rotation, and the admin sign-in used outside sandbox mode.
 */
import { randomBytes } from 'node:crypto';
import { DR_CONFIGURATION_KEY, POST_MESSAGE_SUBJECT, type SigningKeyInfo } from 'ltikit';
import type { Lti11ReplacementChoice, Lti11ToolSummary, PlatformSummary, ReplacedLti11ToolSummary, ToolSummary, addPlatform } from '../admin/service.js';
import { escapeHtml, page } from './layout.js';
import { lti11ToolsTable } from './lti11_pages.js';

interface Failure {
  code: string;
  message: string;
  field?: string;
}

const failureBox = (failure: Failure | undefined): string =>
  failure === undefined
    ? ''
    : `<div class="error" role="alert"><p>${escapeHtml(failure.message)}</p><p>Error code: <code class="error-code">${escapeHtml(failure.code)}</code>${failure.field === undefined ? '' : ` · field <code class="error-field">${escapeHtml(failure.field)}</code>`}</p></div>`;

const EXAMPLE_TOOL = JSON.stringify(
  {
    client_name: 'Example tool',
    initiate_login_uri: 'https://tool.example.com/lti/login',
    redirect_uris: ['https://tool.example.com/lti/launch'],
    jwks_uri: 'https://tool.example.com/lti/jwks',
    [DR_CONFIGURATION_KEY.toolConfiguration]: {
      domain: 'tool.example.com',
      target_link_uri: 'https://tool.example.com/lti/launch',
      claims: ['iss', 'sub', 'name', 'email'],
      messages: [{ type: 'LtiResourceLinkRequest', label: 'Example tool' }],
      custom_parameters: {},
    },
  },
  null,
  2,
);

/**
 * " upgraded from LTI 1.1 (key …)" for a tool that continues an LTI 1.1 tool, linking to its 1.1
 * page; " replaces LTI 1.1 (key …)" for a registration that will once enabled (DR-050).
 */
function upgradedFrom(tool: ToolSummary): string {
  if (tool.upgraded_from === undefined && tool.replaces === undefined) return '';
  const key = tool.upgraded_from?.consumer_key ?? tool.replaces!.consumer_key;
  const link = `<a href="/admin/lti11-tools/${encodeURIComponent(key)}">LTI 1.1 (key <code>${escapeHtml(key)}</code>)</a>`;
  return tool.upgraded_from === undefined ? ` <small class="replaces">replaces ${link}</small>` : ` <small class="upgraded-from">upgraded from ${link}</small>`;
}

export function renderAdminTools(options: {
  sandbox: boolean;
  tools: ToolSummary[];
  draft?: string;
  failure?: Failure;
  /** A refused registration URL, shown in the "registration URL" card. */
  registrationFailure?: Failure;
  registrationDraft?: string;
  notice?: string;
  /** LTI 1.1 tools (key and secret), listed with their version. */
  lti11Tools?: Lti11ToolSummary[];
  signedInAs?: string | undefined;
}): Response {
  const rows = options.tools
    .map(
      (tool) =>
        `<tr data-client-id="${escapeHtml(tool.client_id)}"><td><a href="/admin/tools/${encodeURIComponent(tool.client_id)}">${escapeHtml(tool.name)}</a>${tool.built_in ? ' <small>(built in)</small>' : ''}${upgradedFrom(tool)}</td><td><code>${escapeHtml(tool.client_id)}</code></td><td class="status">${tool.status === 'pending' ? '<b>pending review</b>' : 'active'}</td><td>${tool.deployment_ids.length}</td><td>${escapeHtml(tool.claims.join(', ') || 'none')}</td></tr>`,
    )
    .join('');
  const failed = options.failure !== undefined || options.registrationFailure !== undefined;
  return page({
    title: 'Tools',
    sandbox: options.sandbox,
    signedInAs: options.signedInAs,
    status: failed ? 400 : 200,
    body: `<h1>Tools</h1>${options.notice === undefined ? '' : `<div class="ok" role="status"><p>${escapeHtml(options.notice)}</p></div>`}<div class="card"><table id="tools"><tr><th>Name</th><th>Client id</th><th>Status</th><th>Deployments</th><th>Personal data</th></tr>${rows}</table></div>
${options.lti11Tools === undefined ? '' : `<div class="card"><h2>LTI 1.1 tools</h2>${lti11ToolsTable(options.lti11Tools)}<p><a href="/admin/lti11-tools" id="lti11-register">Register an LTI 1.1 tool by key and secret</a></p></div>`}
<div class="card"><h2>Add a tool by its registration URL</h2><p>Paste the tool's Dynamic Registration URL. The tool opens below, registers itself, and you then review what it asks for before enabling it.</p>
${failureBox(options.registrationFailure)}<form method="post" action="/admin/registrations" id="registration-form"><p><input type="url" name="url" id="registration-url" size="70" required placeholder="https://tool.example.com/lti/register" value="${escapeHtml(options.registrationDraft ?? '')}"> <button type="submit">Open the tool</button></p></form></div>
<div class="card"><h2>Add a tool</h2><p>Paste the tool's registration document (the JSON a tool sends in Dynamic Registration). The tool is deployed in the sandbox course with one link.</p>
${failureBox(options.failure)}<form method="post" action="/admin/tools"><textarea name="document" rows="18">${escapeHtml(options.draft ?? EXAMPLE_TOOL)}</textarea><p><button type="submit">Add tool</button></p></form></div>`,
  });
}

export function renderAdminTool(options: { sandbox: boolean; tool: ToolSummary; signedInAs?: string | undefined; draft?: string; failure?: Failure; saved?: boolean; enabled?: boolean }): Response {
  const { tool } = options;
  if (tool.status === 'pending') return renderRegistrationReview(options);
  const edit =
    tool.built_in
      ? '<p>The built-in demo tool is configured by the hub itself.</p>'
      : `<div class="card"><h2>Edit the registration document</h2><p>Deployments and links stay as they are.</p>${options.saved === true ? '<div class="ok" role="status"><p>Saved.</p></div>' : ''}${failureBox(options.failure)}
<form method="post" action="/admin/tools/${encodeURIComponent(tool.client_id)}"><textarea name="document" rows="18">${escapeHtml(options.draft ?? JSON.stringify(tool.document ?? {}, null, 2))}</textarea><p><button type="submit">Save</button></p></form></div>`;
  return page({
    title: tool.name,
    sandbox: options.sandbox,
    signedInAs: options.signedInAs,
    status: options.failure === undefined ? 200 : 400,
    body: `<p><a href="/admin/tools">← Tools</a></p><h1>${escapeHtml(tool.name)}</h1>
<table><tr><th>Version</th><td class="version">LTI 1.3${upgradedFrom(tool)}</td></tr>
<tr><th>Client id</th><td><code id="client-id">${escapeHtml(tool.client_id)}</code></td></tr>
<tr><th>Deployments</th><td>${tool.deployment_ids.map((id) => `<code class="deployment-id">${escapeHtml(id)}</code>`).join(' ')}</td></tr>
<tr><th>Login initiation</th><td>${escapeHtml(tool.initiate_login_uri)}</td></tr>
<tr><th>Redirect URIs</th><td>${tool.redirect_uris.map(escapeHtml).join('<br>')}</td></tr>
<tr><th>Target link URI</th><td>${escapeHtml(tool.target_link_uri)}</td></tr>
<tr><th>JWKS</th><td>${escapeHtml(tool.jwks_uri ?? 'none')}</td></tr>
<tr><th>Personal data released</th><td>${escapeHtml(tool.claims.join(', ') || 'none')}</td></tr>
<tr><th>Scopes</th><td>${escapeHtml(tool.scopes.join(' ') || 'none')}</td></tr>
<tr><th>Links</th><td id="links">${tool.links.map((link) => `<a href="/courses/${encodeURIComponent(link.course_id)}/links/${encodeURIComponent(link.id)}">${escapeHtml(link.title)}</a>`).join('<br>') || 'none'}</td></tr></table>${options.enabled === true ? enabledNotice(tool) : ''}${edit}`,
  });
}

/** What "Enable" did: a new tool got a link; a tool replacing an LTI 1.1 tool took over its links (DR-050). */
function enabledNotice(tool: ToolSummary): string {
  const message =
    tool.upgraded_from === undefined
      ? 'Enabled, and deployed in the sandbox course with a link.'
      : 'Enabled: it replaces the LTI 1.1 tool, whose links now launch through LTI 1.3, its grades continuing in the same gradebook columns.';
  return `<div class="ok" role="status" id="enabled"><p>${escapeHtml(message)}</p></div>`;
}

/** "Will replace LTI 1.1 tool X: its links and grades continue", on the review of such a registration (DR-050). */
function replacesNotice(tool: ToolSummary): string {
  const replaced = tool.replaces;
  if (replaced === undefined) return '';
  const name = replaced.name ?? replaced.consumer_key;
  const host = replaced.launch_url === undefined ? '' : ` (${hostOf(replaced.launch_url)})`;
  return `<div class="card" id="replaces"><p>Once enabled, this tool <b>will replace LTI 1.1 tool <a href="/admin/lti11-tools/${encodeURIComponent(replaced.consumer_key)}">${escapeHtml(name)}</a>${escapeHtml(host)}</b>: its links and grades continue. Its links launch through LTI 1.3 from then on, with the same user, course and link ids and the <code>lti1p1</code> claim; no new link is added. Until then they keep launching through LTI 1.1.</p></div>`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * The review screen of a tool that registered itself (DR-033, DR-034): what it asks for — scopes
 * and personal data, each a ticked checkbox the administrator may untick —, its messages and URLs,
 * and its request as received. "Enable" approves with what stays ticked; "Reject" removes it.
 */
function renderRegistrationReview(options: { sandbox: boolean; tool: ToolSummary; signedInAs?: string | undefined; failure?: Failure }): Response {
  const { tool } = options;
  const registration = tool.registration;
  const action = `/admin/tools/${encodeURIComponent(tool.client_id)}`;
  const checkboxes = (name: string, values: string[]): string =>
    values.length === 0
      ? '<p>None requested.</p>'
      : `<ul class="plain">${values.map((value) => `<li><label><input type="checkbox" name="${name}" value="${escapeHtml(value)}" checked> <code>${escapeHtml(value)}</code></label></li>`).join('')}</ul>`;
  const messages = (registration?.messages ?? [])
    .map(
      (message) =>
        `<tr><td><code>${escapeHtml(message.type)}</code></td><td>${escapeHtml(message.label ?? '')}</td><td>${escapeHtml(message.target_link_uri ?? tool.target_link_uri)}</td><td>${escapeHtml((message.placements ?? []).join(', '))}</td></tr>`,
    )
    .join('');
  const when = registration === undefined ? '' : new Date(registration.registered_at * 1000).toISOString().replace('.000Z', 'Z');
  return page({
    title: `Review ${tool.name}`,
    sandbox: options.sandbox,
    signedInAs: options.signedInAs,
    status: options.failure === undefined ? 200 : 400,
    body: `<p><a href="/admin/tools">← Tools</a></p><h1 id="review-title">Review: ${escapeHtml(tool.name)}</h1>
<p>This tool registered itself by Dynamic Registration${registration?.requested_by === undefined ? '' : ` (started by <b>${escapeHtml(registration.requested_by)}</b>)`} at ${escapeHtml(when)}. It cannot be launched until you enable it.</p>${replacesNotice(tool)}${failureBox(options.failure)}
<form method="post" action="${action}/approve" id="review-form"><div class="card"><h2>Services it asks for</h2>${checkboxes('scope', registration?.requested_scopes ?? [])}
<h2>Personal data it asks for</h2>${checkboxes('claim', registration?.requested_claims ?? [])}<p><small>Untick what you do not grant; the tool gets only what stays ticked.</small></p></div>
<div class="card"><h2>Messages</h2>${messages === '' ? '<p>Resource link launches only.</p>' : `<table id="messages"><tr><th>Type</th><th>Label</th><th>Launch URL</th><th>Placements</th></tr>${messages}</table>`}
<h2>URLs</h2><table><tr><th>Client id</th><td><code id="client-id">${escapeHtml(tool.client_id)}</code></td></tr>
<tr><th>Login initiation</th><td>${escapeHtml(tool.initiate_login_uri)}</td></tr>
<tr><th>Redirect URIs</th><td>${tool.redirect_uris.map(escapeHtml).join('<br>')}</td></tr>
<tr><th>Target link URI</th><td>${escapeHtml(tool.target_link_uri)}</td></tr>
<tr><th>Deep Linking URL</th><td>${escapeHtml(tool.deep_linking_uri ?? 'none')}</td></tr>
<tr><th>JWKS</th><td>${escapeHtml(tool.jwks_uri ?? 'none')}</td></tr>
<tr><th>Custom parameters</th><td>${escapeHtml(JSON.stringify(tool.custom_parameters))}</td></tr></table>
<details><summary>The registration request as received</summary><pre>${escapeHtml(JSON.stringify(tool.document ?? {}, null, 2))}</pre></details></div>
<p><button type="submit" id="enable">Enable</button></p></form>
<form method="post" action="${action}/reject"><p><button type="submit" id="reject">Reject</button> <small>removes the registration</small></p></form>`,
  });
}

/**
 * The "upgrade choice" (DR-050, as Moodle offers it), before the tool is opened: a new tool, or the
 * LTI 1.3 version of one of the LTI 1.1 tools not upgraded yet — the one whose launch URL is on the
 * registration URL's host pre-selected. The choice is bound into the registration token, since
 * the client id the hub answers with is what the tool keeps.
 */
export function renderRegistrationChoice(options: { sandbox: boolean; url: string; tools: Lti11ReplacementChoice[]; preselected?: string | undefined; signedInAs?: string | undefined }): Response {
  const option = (value: string, label: string, checked: boolean): string =>
    `<li><label><input type="radio" name="replaces" value="${escapeHtml(value)}"${checked ? ' checked' : ''}> ${label}</label></li>`;
  const choices = [
    option('', '<b>New tool</b>', options.preselected === undefined),
    ...options.tools.map((tool) =>
      option(tool.consumer_key, `Replaces LTI 1.1 tool <b>${escapeHtml(tool.name)}</b> (${escapeHtml(tool.launch_host)}) <small>key <code>${escapeHtml(tool.consumer_key)}</code></small>`, tool.consumer_key === options.preselected),
    ),
  ].join('');
  return page({
    title: 'Add a tool by its registration URL',
    sandbox: options.sandbox,
    signedInAs: options.signedInAs,
    body: `<p><a href="/admin/tools">← Tools</a></p><h1>Add a tool by its registration URL</h1>
<p>Registration URL: <code id="registration-url">${escapeHtml(options.url)}</code></p>
<form method="post" action="/admin/registrations" id="registration-choice"><input type="hidden" name="url" value="${escapeHtml(options.url)}">
<div class="card"><h2>Is this a new tool, or the LTI 1.3 version of an LTI 1.1 tool?</h2><ul class="plain" id="replaces-choices">${choices}</ul>
<p><small>A tool that replaces an LTI 1.1 tool registers under the client id and deployment reserved for it: once you enable it, the 1.1 tool's links launch through LTI 1.3 and its grades continue. Choose before the tool registers: the client id the hub answers with is what the tool keeps.</small></p></div>
<p><button type="submit">Open the tool</button></p></form>`,
  });
}

/**
 * The tool's registration URL in a frame (DR-001). The page listens for the tool's
 * `org.imsglobal.lti.close` message from that frame only (DR-041, DR-042), then removes the frame
 * and goes to the review screen of whatever registered in this session.
 */
export function renderRegistrationFrame(options: {
  sandbox: boolean;
  registrationUrl: string;
  sessionId: string;
  replaces?: ReplacedLti11ToolSummary | undefined;
  signedInAs?: string | undefined;
}): Response {
  const nonce = randomBytes(16).toString('base64url');
  const review = `/admin/registrations/${encodeURIComponent(options.sessionId)}`;
  const script = `(function () {
  var frame = document.getElementById('registration-frame');
  var source = frame.contentWindow;
  function onMessage(event) {
    // DR-042: only the frame this page opened may close it (the message is posted with targetOrigin "*").
    if (event.source !== source) return;
    var data = event.data;
    if (data === null || typeof data !== 'object' || data.subject !== ${JSON.stringify(POST_MESSAGE_SUBJECT.close)}) return;
    window.removeEventListener('message', onMessage);
    frame.remove();
    document.getElementById('registration-status').textContent = 'The tool is done. Opening its review…';
    window.location.assign(${JSON.stringify(review)});
  }
  window.addEventListener('message', onMessage);
})();`;
  return page({
    title: 'Add a tool by its registration URL',
    sandbox: options.sandbox,
    signedInAs: options.signedInAs,
    scriptNonce: nonce,
    body: `<p><a href="/admin/tools">← Tools</a></p><h1>Add a tool by its registration URL</h1>
${options.replaces === undefined ? '' : `<p id="registration-replaces">The tool registers as the LTI 1.3 version of LTI 1.1 tool <b>${escapeHtml(options.replaces.name)}</b> (key <code>${escapeHtml(options.replaces.consumer_key)}</code>), under its client id <code>${escapeHtml(options.replaces.client_id)}</code>.</p>`}
<p id="registration-status">The tool registers itself in the frame below. When it is done it closes the frame and you review what it asks for. <a href="${escapeHtml(review)}">Review now</a> if the tool does not close by itself.</p>
<iframe id="registration-frame" class="tool" src="${escapeHtml(options.registrationUrl)}" title="Tool registration"></iframe>
<script nonce="${nonce}">${script}</script>`,
  });
}

export function renderAdminPlatforms(options: {
  sandbox: boolean;
  platforms: PlatformSummary[];
  demoToolUrls: { login: string; launch: string; jwks: string; register: string };
  added?: Awaited<ReturnType<typeof addPlatform>> | undefined;
  failure?: Failure | undefined;
  draft?: string | undefined;
  signedInAs?: string | undefined;
}): Response {
  const rows = options.platforms
    .map((platform) => `<tr><td>${escapeHtml(platform.name ?? '')}</td><td><code>${escapeHtml(platform.issuer)}</code></td><td><code>${escapeHtml(platform.client_id)}</code></td><td>${escapeHtml(platform.deployment_ids.join(', '))}</td></tr>`)
    .join('');
  const urls = options.demoToolUrls;
  const added = options.added === undefined ? '' : `<div class="ok" role="status"><p>Platform added. Configure the demo tool in it with:</p><pre>${escapeHtml(JSON.stringify(options.added, null, 2))}</pre></div>`;
  const example = JSON.stringify(
    {
      issuer: 'https://lms.example.edu',
      client_id: 'client-id-from-the-lms',
      deployment_ids: ['1'],
      authorization_endpoint: 'https://lms.example.edu/lti/authorize',
      token_endpoint: 'https://lms.example.edu/login/oauth2/token',
      jwks_uri: 'https://lms.example.edu/.well-known/jwks.json',
    },
    null,
    2,
  );
  return page({
    title: 'Platforms',
    sandbox: options.sandbox,
    signedInAs: options.signedInAs,
    status: options.failure === undefined ? 200 : 400,
    body: `<h1>Platforms the demo tool trusts</h1><div class="card"><table id="platforms"><tr><th>Name</th><th>Issuer</th><th>Client id</th><th>Deployments</th></tr>${rows}</table></div>
<div class="card"><h2>Demo tool URLs</h2><p>Login: <code>${escapeHtml(urls.login)}</code><br>Launch / redirect: <code>${escapeHtml(urls.launch)}</code><br>JWKS: <code>${escapeHtml(urls.jwks)}</code><br>Dynamic Registration URL: <code id="demo-registration-url">${escapeHtml(urls.register)}</code></p></div>
<div class="card"><h2>Add a platform</h2>${added}${failureBox(options.failure)}<form method="post" action="/admin/platforms"><textarea name="document" rows="10">${escapeHtml(options.draft ?? example)}</textarea><p><button type="submit">Add platform</button></p></form></div>`,
  });
}

export function renderAdminKeys(options: { sandbox: boolean; keySets: { key_set: string; keys: SigningKeyInfo[] }[]; signedInAs?: string | undefined }): Response {
  const when = (seconds: number | undefined): string => (seconds === undefined ? '' : new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'));
  const sets = options.keySets
    .map(
      (set) => `<div class="card"><h2>Key set <code>${escapeHtml(set.key_set)}</code></h2><table class="keys"><tr><th>kid</th><th>alg</th><th>status</th><th>created</th><th>activated</th><th>retired</th></tr>${set.keys
        .map((key) => `<tr><td><code>${escapeHtml(key.kid)}</code></td><td>${escapeHtml(key.alg)}</td><td class="status">${escapeHtml(key.status)}</td><td>${when(key.createdAt)}</td><td>${when(key.activatedAt)}</td><td>${when(key.retiredAt)}</td></tr>`)
        .join('')}</table>
<form method="post" action="/admin/keys/rotate"><input type="hidden" name="key_set" value="${escapeHtml(set.key_set)}"><button type="submit">${set.keys.some((key) => key.status === 'next') ? 'Activate the next key' : 'Publish a next key'}</button> <label><input type="checkbox" name="force" value="yes"> now, without waiting for caches (a compromised key)</label></form></div>`,
    )
    .join('');
  return page({
    title: 'Signing keys',
    sandbox: options.sandbox,
    signedInAs: options.signedInAs,
    body: `<h1>Signing keys</h1><p>Rotation has two steps: a next key is published first, and activated once verifiers that cache the key set have seen it (5 minutes).</p>${sets}`,
  });
}

/** The admin sign-in; `next` (a path of the hub, already checked) is where a successful sign-in goes. */
export function renderAdminLogin(options: { sandbox: boolean; failed?: boolean; next?: string | undefined }): Response {
  const next = options.next === undefined ? '' : `<input type="hidden" name="next" value="${escapeHtml(options.next)}">`;
  const body = options.sandbox
    ? '<h1>Admin</h1><p>This hub runs in sandbox mode: the admin pages need no sign-in.</p><p><a href="/admin/tools">Tools</a></p>'
    : `<h1>Admin sign-in</h1>${options.failed === true ? '<div class="error" role="alert"><p>That token is not the admin token.</p><p>Error code: <code>ERR_HUB_UNAUTHORIZED</code></p></div>' : ''}
<form method="post" action="/admin/login">${next}<label>Admin token <input type="password" name="token" autocomplete="off" size="50"></label> <button type="submit">Sign in</button></form>`;
  return page({ title: 'Admin sign-in', sandbox: options.sandbox, status: options.failed === true ? 401 : 200, body });
}
