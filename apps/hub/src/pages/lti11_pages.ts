/**
 * The registry's LTI 1.1 pages: the tools registered by consumer key and secret (with their
 * version), the form that registers one, and the page that shows a generated secret once.
 */
import type { Lti11ToolAdded, Lti11ToolSummary } from '../admin/lti11_tools.js';
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
        `<tr data-consumer-key="${escapeHtml(tool.consumer_key)}"><td>${escapeHtml(tool.name)}</td><td class="version">LTI 1.1${tool.upgraded ? ' → 1.3' : ''}</td><td><code>${escapeHtml(tool.consumer_key)}</code></td><td>${escapeHtml(tool.launch_url)}</td><td>${escapeHtml(tool.claims.join(', ') || 'none')}</td><td>${tool.links.map((link) => `<a href="/courses/${encodeURIComponent(link.course_id)}/links/${encodeURIComponent(link.id)}">${escapeHtml(link.title)}</a>`).join('<br>') || 'none'}</td></tr>`,
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
