/**
 * The registry's LTI 1.1 pages: the tools registered by consumer key and secret (with their
 * version), the form that registers one, the page that shows a generated secret once, and each
 * tool's page with the form that upgrades it to LTI 1.3.
 */
import type { Lti11ToolAdded, Lti11ToolSummary } from '../admin/lti11_tools.js';
import type { Lti11UpgradeUrls } from '../admin/upgrade_lti11_tool.js';
import { SANDBOX_COURSE_ID } from '../db/seed.js';
import { escapeHtml, page } from './layout.js';

interface Failure {
  code: string;
  message: string;
  field?: string;
}

const CLAIMS = ['name', 'given_name', 'family_name', 'email', 'picture', 'locale'] as const;

/** The table of 1.1 tools, also shown on the Tools page. */
export function lti11ToolsTable(tools: Lti11ToolSummary[]): string {
  const rows = tools
    .map(
      (tool) =>
        `<tr data-consumer-key="${escapeHtml(tool.consumer_key)}"><td>${escapeHtml(tool.name)}</td><td class="version">LTI 1.1${tool.upgraded ? ' → 1.3' : ''}</td><td><a href="/admin/lti11-tools/${encodeURIComponent(tool.consumer_key)}"><code>${escapeHtml(tool.consumer_key)}</code></a></td><td>${escapeHtml(tool.launch_url)}</td><td>${escapeHtml(tool.claims.join(', ') || 'none')}</td><td>${tool.links.map((link) => `<a href="/courses/${encodeURIComponent(link.course_id)}/links/${encodeURIComponent(link.id)}">${escapeHtml(link.title)}</a>`).join('<br>') || 'none'}</td></tr>`,
    )
    .join('');
  return `<table id="lti11-tools"><tr><th>Name</th><th>Version</th><th>Consumer key</th><th>Launch URL</th><th>Personal data</th><th>Links</th></tr>${rows || '<tr><td colspan="6">No LTI 1.1 tools yet.</td></tr>'}</table>`;
}

export interface Lti11Draft {
  name?: string;
  launch_url?: string;
  consumer_key?: string;
  claims?: string[];
  document_target?: string;
}

export function renderLti11Tools(options: { sandbox: boolean; tools: Lti11ToolSummary[]; draft?: Lti11Draft; failure?: Failure; signedInAs?: string | undefined }): Response {
  const draft = options.draft ?? {};
  const failure =
    options.failure === undefined
      ? ''
      : `<div class="error" role="alert"><p>${escapeHtml(options.failure.message)}</p><p>Error code: <code class="error-code">${escapeHtml(options.failure.code)}</code>${options.failure.field === undefined ? '' : ` · field <code class="error-field">${escapeHtml(options.failure.field)}</code>`}</p></div>`;
  const claims = CLAIMS.map((claim) => `<label><input type="checkbox" name="claims" value="${claim}"${draft.claims?.includes(claim) === true ? ' checked' : ''}> ${claim}</label>`).join(' ');
  const target = draft.document_target === 'window' ? 'window' : 'iframe';
  return page({
    title: 'LTI 1.1 tools',
    sandbox: options.sandbox,
    signedInAs: options.signedInAs,
    status: options.failure === undefined ? 200 : options.failure.code === 'ERR_HUB_CONFLICT' ? 409 : 400,
    body: `<p><a href="/admin/tools">← Tools</a></p><h1>LTI 1.1 tools</h1><div class="card">${lti11ToolsTable(options.tools)}</div>
<div class="card"><h2>Register an LTI 1.1 tool by key and secret</h2><p>The tool is deployed in the sandbox course with one link. Leave the key and secret empty to have them generated: the secret is shown once. Learners' launches carry the Basic Outcomes service; grades land in the gradebook.</p>
${failure}<form method="post" action="/admin/lti11-tools" id="lti11-form">
<p><label>Name <input name="name" id="lti11-name" required size="40" value="${escapeHtml(draft.name ?? '')}"></label></p>
<p><label>Launch URL <input type="url" name="launch_url" id="lti11-launch-url" required size="60" placeholder="https://tool.example.com/lti/launch" value="${escapeHtml(draft.launch_url ?? '')}"></label></p>
<p><label>Consumer key <input name="consumer_key" id="lti11-consumer-key" size="40" placeholder="generated" value="${escapeHtml(draft.consumer_key ?? '')}"></label></p>
<p><label>Shared secret <input type="password" name="secret" id="lti11-secret" size="40" placeholder="generated" autocomplete="off"></label></p>
<p>Personal data sent: ${claims}</p>
<p>Opens in <label><input type="radio" name="document_target" value="iframe"${target === 'iframe' ? ' checked' : ''}> the course page</label> <label><input type="radio" name="document_target" value="window"${target === 'window' ? ' checked' : ''}> a new window</label></p>
<p><button type="submit">Register</button></p></form></div>`,
  });
}

/** After registration: the key, and the secret when the hub generated it — shown this once. */
export function renderLti11ToolAdded(options: { sandbox: boolean; added: Lti11ToolAdded; signedInAs?: string | undefined }): Response {
  const { added } = options;
  const secret =
    added.secret === undefined
      ? '<tr><th>Shared secret</th><td>the one you entered</td></tr>'
      : `<tr><th>Shared secret</th><td><code id="lti11-secret-value">${escapeHtml(added.secret)}</code><br><small>Copy it now: it is not shown again.</small></td></tr>`;
  return page({
    title: 'LTI 1.1 tool registered',
    sandbox: options.sandbox,
    signedInAs: options.signedInAs,
    headers: { 'cache-control': 'no-store' },
    body: `<p><a href="/admin/lti11-tools">← LTI 1.1 tools</a></p><h1>LTI 1.1 tool registered</h1><div class="ok" role="status"><p>Configure the tool with this key and secret.</p></div>
<table><tr><th>Consumer key</th><td><code id="lti11-consumer-key-value">${escapeHtml(added.consumer_key)}</code></td></tr>${secret}
<tr><th>Launch URL</th><td>${escapeHtml(added.launch_url)}</td></tr>
<tr><th>Basic Outcomes URL</th><td>${escapeHtml(added.outcomes_url)}</td></tr>
<tr><th>Client id reserved for LTI 1.3</th><td><code>${escapeHtml(added.client_id)}</code></td></tr></table>
<p><a href="/courses/${encodeURIComponent(SANDBOX_COURSE_ID)}/links/${encodeURIComponent(added.link_id)}" id="lti11-link">Open its link in the sandbox course</a></p>`,
  });
}

/** What the upgrade form had when it was refused: the pasted document or the URL fields. */
export interface Lti11UpgradeDraft extends Partial<Lti11UpgradeUrls> {
  document?: string;
}

const EXAMPLE_UPGRADE = JSON.stringify(
  {
    client_name: 'Legacy quiz',
    initiate_login_uri: 'https://quiz.example.com/lti13/login',
    redirect_uris: ['https://quiz.example.com/lti13/launch'],
    jwks_uri: 'https://quiz.example.com/lti13/jwks',
    scope: 'https://purl.imsglobal.org/spec/lti-ags/scope/score https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
    'https://purl.imsglobal.org/spec/lti-tool-configuration': {
      domain: 'quiz.example.com',
      target_link_uri: 'https://quiz.example.com/lti13/launch',
      messages: [{ type: 'LtiResourceLinkRequest' }],
    },
  },
  null,
  2,
);

/**
 * One LTI 1.1 tool: its key (never its secret), launch and outcome URLs, personal data, the client
 * id reserved for LTI 1.3 and its links; until it is upgraded, the form that upgrades it from its
 * 1.3 registration document or from its URLs.
 */
export function renderLti11Tool(options: { sandbox: boolean; tool: Lti11ToolSummary; draft?: Lti11UpgradeDraft; failure?: Failure; signedInAs?: string | undefined }): Response {
  const { tool } = options;
  const draft = options.draft ?? {};
  const failure =
    options.failure === undefined
      ? ''
      : `<div class="error" role="alert"><p>${escapeHtml(options.failure.message)}</p><p>Error code: <code class="error-code">${escapeHtml(options.failure.code)}</code>${options.failure.field === undefined ? '' : ` · field <code class="error-field">${escapeHtml(options.failure.field)}</code>`}</p></div>`;
  const clientId = tool.client_id ?? '';
  const version = tool.upgraded
    ? `LTI 1.1 → <a href="/admin/tools/${encodeURIComponent(clientId)}" id="upgraded-tool">upgraded to LTI 1.3</a>`
    : tool.replacement_pending !== undefined
      ? `LTI 1.1 · <a href="/admin/tools/${encodeURIComponent(tool.replacement_pending)}" id="replacement-pending">an LTI 1.3 registration replacing it waits for review</a>`
      : 'LTI 1.1';
  const ticked = draft.claims ?? tool.claims;
  const claims = CLAIMS.map((claim) => `<label><input type="checkbox" name="claims" value="${claim}"${ticked.includes(claim) ? ' checked' : ''}> ${claim}</label>`).join(' ');
  const upgrade =
    tool.upgraded || tool.replacement_pending !== undefined
    ? ''
    : `<div class="card" id="upgrade"><h2>Upgrade to LTI 1.3</h2>
<p>The tool is registered for LTI 1.3 under the client id and deployment reserved for it. Its links keep their ids and launch through LTI 1.3 from then on, with the same user, course and link ids, and carry the <code>lti1p1</code> claim signed with this key's secret so the tool can prove it is the same integration. Its grades continue in the same gradebook column. The key and secret stay: grades sent to the result ids handed out before keep arriving.</p>
<p>Personal data and custom parameters carry over unless the document names its own; services are AGS scores and results (what replaces Basic Outcomes) unless the document names a <code>scope</code>.</p>
${failure}<form method="post" action="/admin/lti11-tools/${encodeURIComponent(tool.consumer_key)}/upgrade" id="upgrade-form">
<h3>Paste the tool's LTI 1.3 registration document</h3>
<p><textarea name="document" id="upgrade-document" rows="14" placeholder="${escapeHtml(EXAMPLE_UPGRADE)}">${escapeHtml(draft.document ?? '')}</textarea></p>
<h3>… or fill in its URLs</h3><p><small>Used when no document is pasted.</small></p>
<p><label>Name <input name="client_name" id="upgrade-name" size="40" value="${escapeHtml(draft.client_name ?? tool.name)}"></label></p>
<p><label>Login initiation URL <input type="url" name="initiate_login_uri" id="upgrade-login" size="60" placeholder="https://tool.example.com/lti13/login" value="${escapeHtml(draft.initiate_login_uri ?? '')}"></label></p>
<p><label>Redirect URIs, one per line <textarea name="redirect_uris" id="upgrade-redirect-uris" rows="2" cols="60" placeholder="https://tool.example.com/lti13/launch">${escapeHtml(draft.redirect_uris ?? '')}</textarea></label></p>
<p><label>Target link URI <input type="url" name="target_link_uri" id="upgrade-target" size="60" placeholder="the first redirect URI" value="${escapeHtml(draft.target_link_uri ?? '')}"></label></p>
<p><label>JWKS URL <input type="url" name="jwks_uri" id="upgrade-jwks" size="60" placeholder="https://tool.example.com/lti13/jwks" value="${escapeHtml(draft.jwks_uri ?? '')}"></label></p>
<p>Personal data sent: ${claims}</p>
<p><button type="submit" id="upgrade-submit">Upgrade to LTI 1.3</button></p></form></div>`;
  const links = tool.links.map((link) => `<a href="/courses/${encodeURIComponent(link.course_id)}/links/${encodeURIComponent(link.id)}">${escapeHtml(link.title)}</a> <small><code>${escapeHtml(link.id)}</code></small>`).join('<br>') || 'none';
  return page({
    title: tool.name,
    sandbox: options.sandbox,
    signedInAs: options.signedInAs,
    status: options.failure === undefined ? 200 : options.failure.code === 'ERR_HUB_CONFLICT' ? 409 : 400,
    body: `<p><a href="/admin/lti11-tools">← LTI 1.1 tools</a></p><h1>${escapeHtml(tool.name)}</h1>
<table><tr><th>Version</th><td class="version">${version}</td></tr>
<tr><th>Consumer key</th><td><code id="consumer-key">${escapeHtml(tool.consumer_key)}</code></td></tr>
<tr><th>Launch URL</th><td>${escapeHtml(tool.launch_url)}</td></tr>
<tr><th>Basic Outcomes URL</th><td>${escapeHtml(tool.outcomes_url)}</td></tr>
<tr><th>Personal data released</th><td>${escapeHtml(tool.claims.join(', ') || 'none')}</td></tr>
<tr><th>Custom parameters</th><td>${escapeHtml(JSON.stringify(tool.custom_parameters))}</td></tr>
<tr><th>Client id reserved for LTI 1.3</th><td><code id="client-id">${escapeHtml(clientId || 'none')}</code></td></tr>
<tr><th>Deployments</th><td>${tool.deployment_ids.map((id) => `<code class="deployment-id">${escapeHtml(id)}</code>`).join(' ') || 'none'}</td></tr>
<tr><th>Links</th><td id="links">${links}</td></tr></table>${tool.upgraded || tool.replacement_pending !== undefined ? failure : ''}${upgrade}`,
  });
}
