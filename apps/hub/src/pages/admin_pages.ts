/**
 * The registry pages: tools (list, add from a registration document, detail), platforms for the
 * demo tool, signing keys with rotation, and the admin sign-in used outside sandbox mode.
 */
import type { SigningKeyInfo } from 'ltikit';
import type { PlatformSummary, ToolSummary, addPlatform } from '../admin/service.js';
import { escapeHtml, page } from './layout.js';

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
    'https://purl.imsglobal.org/spec/lti-tool-configuration': {
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

export function renderAdminTools(options: { sandbox: boolean; tools: ToolSummary[]; draft?: string; failure?: Failure; signedInAs?: string | undefined }): Response {
  const rows = options.tools
    .map(
      (tool) =>
        `<tr><td><a href="/admin/tools/${encodeURIComponent(tool.client_id)}">${escapeHtml(tool.name)}</a>${tool.built_in ? ' <small>(built in)</small>' : ''}</td><td><code>${escapeHtml(tool.client_id)}</code></td><td>${tool.deployment_ids.length}</td><td>${escapeHtml(tool.claims.join(', ') || 'none')}</td></tr>`,
    )
    .join('');
  return page({
    title: 'Tools',
    sandbox: options.sandbox,
    signedInAs: options.signedInAs,
    status: options.failure === undefined ? 200 : 400,
    body: `<h1>Tools</h1><div class="card"><table id="tools"><tr><th>Name</th><th>Client id</th><th>Deployments</th><th>Personal data</th></tr>${rows}</table></div>
<div class="card"><h2>Add a tool</h2><p>Paste the tool's registration document (the JSON a tool sends in Dynamic Registration). The tool is deployed in the sandbox course with one link.</p>
${failureBox(options.failure)}<form method="post" action="/admin/tools"><textarea name="document" rows="18">${escapeHtml(options.draft ?? EXAMPLE_TOOL)}</textarea><p><button type="submit">Add tool</button></p></form></div>`,
  });
}

export function renderAdminTool(options: { sandbox: boolean; tool: ToolSummary; signedInAs?: string | undefined; draft?: string; failure?: Failure; saved?: boolean }): Response {
  const { tool } = options;
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
<table><tr><th>Client id</th><td><code id="client-id">${escapeHtml(tool.client_id)}</code></td></tr>
<tr><th>Deployments</th><td>${tool.deployment_ids.map((id) => `<code class="deployment-id">${escapeHtml(id)}</code>`).join(' ')}</td></tr>
<tr><th>Login initiation</th><td>${escapeHtml(tool.initiate_login_uri)}</td></tr>
<tr><th>Redirect URIs</th><td>${tool.redirect_uris.map(escapeHtml).join('<br>')}</td></tr>
<tr><th>Target link URI</th><td>${escapeHtml(tool.target_link_uri)}</td></tr>
<tr><th>JWKS</th><td>${escapeHtml(tool.jwks_uri ?? 'none')}</td></tr>
<tr><th>Personal data released</th><td>${escapeHtml(tool.claims.join(', ') || 'none')}</td></tr>
<tr><th>Scopes</th><td>${escapeHtml(tool.scopes.join(' ') || 'none')}</td></tr>
<tr><th>Links</th><td>${tool.links.map((link) => `<a href="/courses/${encodeURIComponent(link.course_id)}/links/${encodeURIComponent(link.id)}">${escapeHtml(link.title)}</a>`).join('<br>') || 'none'}</td></tr></table>${edit}`,
  });
}

export function renderAdminPlatforms(options: {
  sandbox: boolean;
  platforms: PlatformSummary[];
  demoToolUrls: { login: string; launch: string; jwks: string };
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
<div class="card"><h2>Demo tool URLs</h2><p>Login: <code>${escapeHtml(urls.login)}</code><br>Launch / redirect: <code>${escapeHtml(urls.launch)}</code><br>JWKS: <code>${escapeHtml(urls.jwks)}</code></p></div>
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

export function renderAdminLogin(options: { sandbox: boolean; failed?: boolean }): Response {
  const body = options.sandbox
    ? '<h1>Admin</h1><p>This hub runs in sandbox mode: the admin pages need no sign-in.</p><p><a href="/admin/tools">Tools</a></p>'
    : `<h1>Admin sign-in</h1>${options.failed === true ? '<div class="error" role="alert"><p>That token is not the admin token.</p><p>Error code: <code>ERR_HUB_UNAUTHORIZED</code></p></div>' : ''}
<form method="post" action="/admin/login"><label>Admin token <input type="password" name="token" autocomplete="off" size="50"></label> <button type="submit">Sign in</button></form>`;
  return page({ title: 'Admin sign-in', sandbox: options.sandbox, status: options.failed === true ? 401 : 200, body });
}
