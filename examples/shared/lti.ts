// Both LTI sides of the examples, with no framework in sight: a platform (the "LMS") and a tool,
// registered with each other, plus the LMS page and the tool's page. Each example's app.ts mounts
// them in its framework; this file is the same for all three.
import { createPlatform } from 'ltikit/platform';
import { createMemoryStores } from 'ltikit/stores';
import { type LtiLaunch, createTool } from 'ltikit/tool';
import { CONTEXT_ROLE } from 'ltikit/vocab';

export interface ExampleOptions {
  /** Public origin, e.g. `http://localhost:3003`: the platform lives under `/lms`, the tool under `/tool`. */
  origin: string;
  /** Accept `http://localhost` URLs (local development and tests only). */
  allowInsecureLoopback?: boolean;
}

const CLIENT_ID = 'example-tool';
const DEPLOYMENT_ID = 'deployment-1';
// The LMS's one signed-in user, one course and one link.
const USER = { id: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.edu' };
const COURSE = { id: 'course-math101', label: 'MATH101', title: 'Calculus I' };
const LINK = { id: 'link-week3', title: 'Week 3 quiz' };
const ROLES: Record<string, string> = { Learner: CONTEXT_ROLE.Learner, Instructor: CONTEXT_ROLE.Instructor };

export async function createLti({ origin, allowInsecureLoopback = false }: ExampleOptions) {
  const platform = createPlatform({
    issuer: `${origin}/lms`,
    stores: createMemoryStores(),
    product: { name: 'Example LMS' },
    currentUser: () => USER.id, // a real LMS reads its session; login_hint must name this user (OIDC-023)
    allowInsecureLoopback,
  });
  const tool = createTool({ baseUrl: `${origin}/tool`, stores: createMemoryStores(), allowInsecureLoopback, onLaunch: renderLaunch });

  await tool.registerPlatform({
    issuer: platform.config.issuer,
    clientId: CLIENT_ID,
    deploymentIds: [DEPLOYMENT_ID],
    authorizationEndpoint: platform.config.authorizationEndpoint,
    jwksUri: platform.config.jwksUri,
  });
  await platform.registerTool({
    clientId: CLIENT_ID,
    name: 'Example tool',
    deploymentIds: [DEPLOYMENT_ID],
    initiateLoginUri: tool.config.loginUrl,
    redirectUris: [tool.config.launchUrl],
    targetLinkUri: tool.config.launchUrl,
    claims: ['name', 'email'],
  });

  /** The LMS's Launch button: issues the launch and returns the tool login URL to send the browser to. */
  async function startLaunch(role: unknown): Promise<string> {
    const roles = [ROLES[String(role)] ?? CONTEXT_ROLE.Learner];
    const { loginUrl } = await platform.createLaunch({ clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID, user: USER, roles, context: COURSE, resourceLink: LINK });
    return loginUrl;
  }
  return { platform, tool, startLaunch };
}

export function lmsPage(): string {
  const options = Object.keys(ROLES).map((role) => `<option>${role}</option>`).join('');
  return page(
    `${COURSE.title} · Example LMS`,
    `<h1>${COURSE.label}: ${COURSE.title}</h1><p>Signed in as ${USER.name}.</p>
<ul><li>${LINK.title} <form method="post" action="/launch"><input type="hidden" name="link" value="${LINK.id}">
<label>as <select name="role">${options}</select></label> <button type="submit">Launch</button></form></li></ul>`,
  );
}

/** The tool's answer to a valid launch: who, with which roles, in which context. */
function renderLaunch(launch: LtiLaunch): Response {
  const roles = launch.contextRoles.map((role) => role.slice(role.lastIndexOf('#') + 1)).join(', ') || 'none';
  const body = `<h1>Example tool</h1>
<p><b>${escapeHtml(launch.person.name ?? 'Someone')}</b> (<code>${escapeHtml(launch.userId ?? 'anonymous')}</code>) launched <b>${escapeHtml(launch.resourceLink?.title ?? '')}</b>.</p>
<p>Roles: <b>${escapeHtml(roles)}</b></p>
<p>Context: <b>${escapeHtml(launch.context?.title ?? 'none')}</b> (${escapeHtml(launch.context?.label ?? '')}) on ${escapeHtml(launch.toolPlatform?.name ?? launch.issuer)}</p>`;
  const response = new Response(page('Example tool', body), { headers: { 'content-type': 'text/html; charset=utf-8' } });
  // A real tool starts its own session here; the launch response then carries two Set-Cookie headers.
  response.headers.append('set-cookie', `example_tool_session=${crypto.randomUUID()}; Path=/tool; HttpOnly; Secure; SameSite=None; Partitioned`);
  return response;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
