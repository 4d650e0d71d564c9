// Two hub processes on one PostgreSQL behind a round-robin proxy, as an institution runs them:
// every request of a launch goes to the other process than the one before (the launch URL, the
// login initiation, the authorization, the tool's launch and its JWKS fetch), and every launch
// still succeeds. The two processes also start at the same moment, so migrations and the
// sandbox seed race too.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { TestBrowser } from '../../../../packages/ltikit/test/support/browser.js';
import { createTestSchema, postgresSkipReason, postgresTestUrl } from '../../../../packages/store-sql/test/support/postgres.js';
import { freePort } from '../support/hub.js';

const MAIN = new URL('../../dist/main.js', import.meta.url).pathname;
const baseUrl = postgresTestUrl();

interface HubProcess {
  port: number;
  served: number;
  stderr: () => string;
  stop(): Promise<number | null>;
}

function startHubProcess(port: number, env: Record<string, string>): HubProcess {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    port,
    served: 0,
    stderr: () => `${stderr}${stdout.split('\n').filter((line) => line.startsWith('{')).join('\n')}`,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function waitHealthy(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`hub on ${port} did not become healthy`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends each request to the next backend in turn, keeping the Host header. */
function roundRobinProxy(backends: HubProcess[]) {
  let next = 0;
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const backend = backends[next++ % backends.length]!;
    backend.served++;
    const forwarded = request({ host: '127.0.0.1', port: backend.port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', () => {
      outgoing.writeHead(502).end();
    });
    incoming.pipe(forwarded);
  });
  return server;
}

describe('two hub processes on one PostgreSQL', { skip: baseUrl === undefined ? postgresSkipReason : false }, () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let hubs: HubProcess[];
  let proxy: ReturnType<typeof roundRobinProxy>;
  let origin: string;

  before(async () => {
    schema = await createTestSchema(baseUrl!);
    proxy = roundRobinProxy([]);
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    origin = `http://localhost:${(proxy.address() as AddressInfo).port}`;
    const env = { DATABASE_URL: schema.url, PUBLIC_URL: origin };
    hubs = [startHubProcess(await freePort(), env), startHubProcess(await freePort(), env)];
    await Promise.all(hubs.map((hub) => waitHealthy(hub.port)));
    proxy.close();
    proxy = roundRobinProxy(hubs);
    await new Promise<void>((resolve) => proxy.listen(Number(new URL(origin).port), '127.0.0.1', resolve));
  });

  after(async () => {
    proxy?.closeAllConnections();
    proxy?.close();
    const codes = await Promise.all((hubs ?? []).map((hub) => hub.stop()));
    await schema?.drop();
    assert.deepEqual(codes, [0, 0], 'both processes stop cleanly');
  });

  it('starts both processes on one signing key: the first start creates it once (start-up lock)', async () => {
    const sets = await Promise.all(
      hubs.map(async (hub) => ((await (await fetch(`http://127.0.0.1:${hub.port}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid)),
    );
    assert.equal(sets[0]!.length, 1, `platform keys: ${sets[0]!.join(', ')}`);
    assert.deepEqual(sets[1], sets[0]);
  });

  it('serves launches alternately from both processes without an error', async () => {
    const roles = ['Instructor', 'Learner', 'TeachingAssistant', 'Learner', 'Instructor', 'Learner'];
    for (const role of roles) {
      const response = await fetch(`${origin}/api/admin/launch-url`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(role === 'Instructor' ? {} : role === 'TeachingAssistant' ? { user: 'grace' } : { role }) });
      assert.equal(response.status, 201, await response.clone().text());
      const { url } = (await response.json()) as { url: string };
      const { response: launched } = await new TestBrowser().launch(url);
      const html = await launched.text();
      assert.equal(launched.status, 200, html);
      assert.match(html, new RegExp(`id="roles">[^<]*${role}`));
    }
    assert.ok(hubs[0]!.served >= roles.length * 2 && hubs[1]!.served >= roles.length * 2, `served ${hubs[0]!.served} and ${hubs[1]!.served}`);
    for (const hub of hubs) assert.doesNotMatch(hub.stderr(), /"level":(50|60)/, hub.stderr());
  });

  it('sends a quiz grade through the token endpoint and AGS on PostgreSQL, the requests spread over both processes', async () => {
    const response = await fetch(`${origin}/api/admin/launch-url`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'alan' }) });
    const { url } = (await response.json()) as { url: string };
    const browser = new TestBrowser();
    const { response: launched } = await browser.launch(url);
    const html = await launched.text();
    const quizId = /name="quiz" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(quizId, html);
    const answered = await browser.request(`${origin}/demo-tool/quiz`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ quiz: quizId, q1: '0', q2: '1', q3: '0' }).toString(),
    });
    const result = await answered.text();
    assert.match(result, /id="grade-sent"/, result);
    const gradebook = await (await browser.request(`${origin}/courses/course-lti101/gradebook`)).text();
    assert.match(gradebook, /data-person="alan" data-line-item="li-demo-quiz"><a href="[^"]+">2 \/ 3</);
  });

  it('spends a launch URL once even when the second attempt reaches the other process', async () => {
    const response = await fetch(`${origin}/api/admin/launch-url`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { url } = (await response.json()) as { url: string };
    const first = await fetch(url, { redirect: 'manual' });
    const second = await fetch(url, { redirect: 'manual' });
    assert.equal(first.status, 302);
    assert.equal(second.status, 410);
  });

  it('both processes see one sandbox, seeded once', async () => {
    const answers = await Promise.all([0, 1].map(async () => (await (await fetch(`${origin}/api/admin/courses`)).json()) as { courses: { id: string; members: unknown[] }[] }));
    for (const answer of answers) {
      assert.equal(answer.courses.length, 1);
      assert.equal(answer.courses[0]!.members.length, 6);
    }
  });
});
