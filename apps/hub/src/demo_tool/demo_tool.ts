/**
 * The demo tool: a small LTI 1.3 tool built on `ltikit/tool`, mounted at `/demo-tool`. A launch
 * shows who launched, with which roles, in which context, and every validated claim, then offers a
 * three-question quiz whose grade goes to the platform's gradebook through Assignment and Grade
 * Services (from what the launch carried, stored for later), and whose result goes back through
 * the return URL.
 */
import { AGS_CLAIM, type KeyStore, type LtiError, type LtiMessageObserver, type PlatformRegistrationStore, SCOPE, type SigningKeySet, type SingleUseStore } from 'ltikit';
import { type LtiLaunch, type LtiTool, createTool } from 'ltikit/tool';
import { escapeHtml } from '../pages/layout.js';

export const DEMO_TOOL_PATH = '/demo-tool';
const QUIZ_KIND = 'hub_demo_quiz';
const QUIZ_SECONDS = 3600;

const PICK_KIND = 'hub_demo_deep_link';
/** The quizzes the demo tool offers by Deep Linking. */
const OFFERED_QUIZZES = [
  { id: 'lti-basics', title: 'Quiz: LTI basics', text: 'Messages, nonces and keys in three questions.' },
  { id: 'lti-security', title: 'Quiz: LTI security', text: 'The same three questions, for the security-minded.' },
];

const QUESTIONS = [
  { id: 'q1', text: 'Which message launches a tool at a resource link?', options: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest', 'LtiStartProctoring'], answer: 0 },
  { id: 'q2', text: 'What does the tool check to stop a replayed id_token?', options: ['The nonce', 'The page title', 'The user agent'], answer: 0 },
  { id: 'q3', text: 'Where does the platform publish its public keys?', options: ['Its JWKS URL', 'The id_token body', 'A cookie'], answer: 0 },
];

export interface DemoToolOptions {
  publicUrl: string;
  stores: { singleUse: SingleUseStore; platforms: PlatformRegistrationStore; keys: KeyStore };
  allowInsecureLoopback: boolean;
  observer?: LtiMessageObserver;
  onError?: (error: LtiError, request: Request) => void;
  /**
   * Who may open the registration URL (DR-004): registering adds a platform the demo tool trusts
   * and makes the hub fetch that platform's URLs. Absent: anyone (sandbox mode).
   */
  authorizeRegistration?: (request: Request) => boolean | Response | Promise<boolean | Response>;
  /**
   * Register only on the administrator's confirming POST (DR-004): needed when
   * `authorizeRegistration` trusts a cookie, which a link on another site would also carry.
   */
  confirmRegistration?: boolean;
}

export interface DemoTool {
  fetch(request: Request): Promise<Response>;
  tool: LtiTool;
  urls: { login: string; launch: string; jwks: string; register: string };
  keys: SigningKeySet;
}

interface QuizSession {
  name: string;
  returnUrl: string | undefined;
  /** What grading needs later, without the launch (TOK-002): the platform, the user, the line item. */
  grading?: { issuer: string; clientId: string; deploymentId: string; userId: string; lineItemUrl: string };
}

export function createDemoTool(options: DemoToolOptions): DemoTool {
  const baseUrl = `${options.publicUrl}${DEMO_TOOL_PATH}`;
  const { singleUse } = options.stores;
  const tool = createTool({
    baseUrl,
    // The demo tool's own signing keys (client assertions; JWKS at /demo-tool/jwks).
    stores: { singleUse, platforms: options.stores.platforms, keys: options.stores.keys },
    keySetId: 'demo-tool',
    allowInsecureLoopback: options.allowInsecureLoopback,
    ...(options.observer === undefined ? {} : { observer: options.observer }),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
    messageTypes: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
    // Dynamic Registration: give a platform `${baseUrl}/register` (the registry's "registration URL").
    registration: {
      clientName: 'ltikit demo quiz',
      description: 'A three-question quiz with grade passback and Deep Linking.',
      scopes: [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score, SCOPE.contextMembershipReadonly],
      claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
      messages: [
        { type: 'LtiResourceLinkRequest', target_link_uri: `${baseUrl}/launch`, label: 'ltikit demo quiz' },
        { type: 'LtiDeepLinkingRequest', target_link_uri: `${baseUrl}/launch`, label: 'Add a demo quiz' },
      ],
      customParameters: { platform_user: '$User.username', context_title: '$Context.title' },
      ...(options.authorizeRegistration === undefined ? {} : { authorize: options.authorizeRegistration }),
      ...(options.confirmRegistration === true ? { confirm: true } : {}),
    },
    onLaunch: async (launch) => {
      if (launch.messageType === 'LtiDeepLinkingRequest') {
        // Deep Linking: offer the quizzes; the pick is answered from the stored launch.
        const pickId = crypto.randomUUID();
        await singleUse.issue(PICK_KIND, pickId, JSON.stringify(launch), Math.floor(Date.now() / 1000) + QUIZ_SECONDS);
        return toolPage('Pick quizzes', renderPicker(launch, pickId));
      }
      const quizId = crypto.randomUUID();
      const endpoint = launch.claims[AGS_CLAIM.endpoint] as { lineitem?: unknown; scope?: unknown } | undefined;
      const canScore = Array.isArray(endpoint?.scope) && endpoint.scope.includes(SCOPE.score);
      const session: QuizSession = {
        name: launch.person.name ?? launch.userId ?? 'Anonymous',
        returnUrl: launch.launchPresentation?.return_url,
        ...(canScore && typeof endpoint?.lineitem === 'string' && launch.userId !== undefined
          ? { grading: { issuer: launch.issuer, clientId: launch.clientId, deploymentId: launch.deploymentId, userId: launch.userId, lineItemUrl: endpoint.lineitem } }
          : {}),
      };
      await singleUse.issue(QUIZ_KIND, quizId, JSON.stringify(session), Math.floor(Date.now() / 1000) + QUIZ_SECONDS);
      return toolPage('Demo tool', renderLaunch(launch, quizId));
    },
  });

  async function answerQuiz(request: Request): Promise<Response> {
    let form: URLSearchParams;
    try {
      form = new URLSearchParams(await request.text());
    } catch {
      return toolPage('Quiz', '<p class="error">The quiz answers could not be read.</p>', 400);
    }
    const quizId = form.get('quiz') ?? '';
    const stored = quizId === '' ? undefined : await singleUse.consume(QUIZ_KIND, quizId);
    if (stored === undefined) return toolPage('Quiz', '<p class="error">This quiz has already been answered or has expired; launch the tool again.</p>', 410);
    const session = JSON.parse(stored) as QuizSession;
    const correct = QUESTIONS.filter((question) => form.get(question.id) === String(question.answer)).length;
    const message = `${session.name} scored ${correct}/${QUESTIONS.length} on the demo quiz.`;
    let graded = '<p>This launch carried no line item, so no grade was sent.</p>';
    if (session.grading !== undefined) {
      const { issuer, clientId, deploymentId, userId, lineItemUrl } = session.grading;
      try {
        await tool.ags.submitScore({ issuer, clientId, deploymentId }, lineItemUrl, {
          userId,
          timestamp: new Date().toISOString(),
          scoreGiven: correct,
          scoreMaximum: QUESTIONS.length,
          activityProgress: 'Completed',
          gradingProgress: 'FullyGraded',
          comment: `${correct} of ${QUESTIONS.length} answers right.`,
        });
        graded = '<p id="grade-sent">Your grade was sent to the course gradebook.</p>';
      } catch (error) {
        const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown';
        graded = `<p class="error" id="grade-failed">The grade could not be sent (<code>${escapeHtml(code)}</code>).</p>`;
      }
    }
    let back = '';
    if (session.returnUrl !== undefined) {
      const url = new URL(session.returnUrl);
      url.searchParams.set('lti_msg', message);
      back = `<p><a id="return-to-platform" href="${escapeHtml(url.href)}">Back to the course</a></p>`;
    }
    return toolPage('Quiz result', `<h1>Quiz result</h1><p id="score">You scored <b>${correct}</b> of ${QUESTIONS.length}.</p>
${graded}${back}`);
  }

  async function answerPick(request: Request): Promise<Response> {
    const form = new URLSearchParams(await request.text());
    const stored = await singleUse.consume(PICK_KIND, form.get('pick') ?? '');
    if (stored === undefined) return toolPage('Pick quizzes', '<p class="error">This selection has been sent already or has expired; start again from the course.</p>', 410);
    const launch = JSON.parse(stored) as LtiLaunch;
    const chosen = OFFERED_QUIZZES.filter((quiz) => form.getAll('quiz').includes(quiz.id));
    const items = chosen.map((quiz) => ({
      type: 'ltiResourceLink' as const,
      title: quiz.title,
      text: quiz.text,
      url: tool.config.launchUrl,
      custom: { quiz: quiz.id },
      lineItem: { scoreMaximum: QUESTIONS.length, label: quiz.title, resourceId: quiz.id, tag: 'quiz' },
    }));
    return tool.createDeepLinkingResponse(launch, items, chosen.length === 0 ? { msg: 'No quiz was added.' } : { msg: `Added ${chosen.length} quiz${chosen.length === 1 ? '' : 'zes'}.` });
  }

  return {
    keys: tool.keys as SigningKeySet,
    tool,
    urls: { login: tool.config.loginUrl, launch: tool.config.launchUrl, jwks: tool.config.jwksUrl, register: tool.config.registrationUrl },
    async fetch(request: Request): Promise<Response> {
      const path = new URL(request.url).pathname;
      if (path === `${DEMO_TOOL_PATH}/quiz` && request.method === 'POST') return answerQuiz(request);
      if (path === `${DEMO_TOOL_PATH}/deep-link` && request.method === 'POST') return answerPick(request);
      return tool.fetch(request);
    },
  };
}

function shortRole(role: string): string {
  const hash = role.lastIndexOf('#');
  const slash = role.lastIndexOf('/', hash);
  const principal = role.slice(slash + 1, hash);
  const name = role.slice(hash + 1);
  return role.includes('/membership/') && principal !== name ? `${principal}#${name}` : name;
}

function renderLaunch(launch: LtiLaunch, quizId: string): string {
  const roles = launch.roles.map(shortRole);
  const questions = QUESTIONS.map(
    (question) =>
      `<fieldset><legend>${escapeHtml(question.text)}</legend>${question.options
        .map((option, index) => `<label><input type="radio" name="${question.id}" value="${index}"> ${escapeHtml(option)}</label><br>`)
        .join('')}</fieldset>`,
  ).join('');
  return `<h1>Demo tool</h1>
<p id="who"><b>${escapeHtml(launch.person.name ?? 'Someone')}</b> (<code>${escapeHtml(launch.userId ?? 'anonymous')}</code>) launched <b>${escapeHtml(launch.resourceLink?.title ?? '')}</b>.</p>
<p>Roles: <b id="roles">${escapeHtml(roles.join(', ') || 'none')}</b></p>
<p>Context: <b id="context">${escapeHtml(launch.context?.title ?? 'none')}</b> (${escapeHtml(launch.context?.label ?? '')}) on ${escapeHtml(launch.toolPlatform?.name ?? launch.issuer)}</p>
<form method="post" action="${DEMO_TOOL_PATH}/quiz"><input type="hidden" name="quiz" value="${escapeHtml(quizId)}">${questions}<button type="submit">Submit answers</button></form>
<details><summary>Validated claims</summary><pre id="claims">${escapeHtml(JSON.stringify(launch.claims, null, 2))}</pre></details>`;
}

function renderPicker(launch: LtiLaunch, pickId: string): string {
  const multiple = launch.deepLinking?.accept_multiple === true;
  const options = OFFERED_QUIZZES.map(
    (quiz) => `<label><input type="${multiple ? 'checkbox' : 'radio'}" name="quiz" value="${escapeHtml(quiz.id)}"> <b>${escapeHtml(quiz.title)}</b> — ${escapeHtml(quiz.text)}</label><br>`,
  ).join('');
  return `<h1>Add a quiz to ${escapeHtml(launch.context?.title ?? 'the course')}</h1>
<form method="post" action="${DEMO_TOOL_PATH}/deep-link"><input type="hidden" name="pick" value="${escapeHtml(pickId)}">${options}<p><button type="submit" id="add-quizzes">Add to the course</button></p></form>`;
}

function toolPage(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:1rem;color:#222}fieldset{margin:.6rem 0;border:1px solid #ccd}pre{background:#f4f4f8;padding:.5rem;overflow:auto;font-size:12px}.error{color:#b3261e}</style></head><body>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // A tool runs inside its platforms' frames, so any origin may frame it; no scripts at all.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https: http://localhost:* http://127.0.0.1:*; base-uri 'none'",
      'referrer-policy': 'no-referrer',
    },
  });
}
