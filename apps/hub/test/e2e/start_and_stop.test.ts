// `npm start` as a process: it prints the URL to open, a bad configuration or an unreachable
// database ends it with one line and a non-zero exit, SIGTERM stops it cleanly, and a request in
// flight at shutdown still gets its answer.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { freePort, startTestHub } from '../support/hub.js';

const MAIN = new URL('../../dist/main.js', import.meta.url).pathname;

function startProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function waitFor(check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the hub process', () => {
  it('prints one clear line and exits non-zero when DATABASE_URL cannot be reached', async () => {
    const started = Date.now();
    const hub = startProcess({ PORT: String(await freePort()), DATABASE_URL: 'postgres://hub:s3cret-password@127.0.0.1:1/hub' });
    const code = await hub.exited;
    assert.notEqual(code, 0);
    const lines = hub.output().stderr.trim().split('\n');
    assert.equal(lines.length, 1, hub.output().stderr);
    assert.match(lines[0]!, /^ltikit hub: DATABASE_URL: /);
    assert.match(lines[0]!, /127\.0\.0\.1:1/);
    assert.ok(!lines[0]!.includes('s3cret-password'), 'the password is never printed');
    assert.ok(Date.now() - started < 15_000);
  });

  it('prints one clear line for a malformed setting', async () => {
    const hub = startProcess({ PORT: 'http' });
    assert.equal(await hub.exited, 1);
    assert.equal(hub.output().stderr.trim(), 'ltikit hub: PORT: must be a port number (0–65535), not "http".');
  });

  it('prints the URL to open, serves, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ltikit-hub-process-'));
    try {
      const port = await freePort();
      const hub = startProcess({ PORT: String(port), DATA_DIR: dataDir });
      await waitFor(() => hub.output().stdout.includes('Open '));
      assert.match(hub.output().stdout, new RegExp(`Open http://localhost:${port}/ in your browser`));
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(health.status, 200);
      hub.child.kill('SIGTERM');
      assert.equal(await hub.exited, 0);
      await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('graceful shutdown', () => {
  it('answers a request that is in flight when the hub is asked to stop', async () => {
    const hub = await startTestHub();
    const body = JSON.stringify({ role: 'Learner' });
    // The request's headers arrive now, its body only after stop() has begun.
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const outgoing = request(
        { host: '127.0.0.1', port: hub.running.port, method: 'POST', path: '/api/admin/launch-url', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (response) => {
          let text = '';
          response.on('data', (chunk) => {
            text += String(chunk);
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      outgoing.on('error', reject);
      outgoing.write(body.slice(0, 5));
      setTimeout(() => outgoing.end(body.slice(5)), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = hub.stop();
    const { status, text } = await answer;
    assert.equal(status, 201, text);
    assert.match(text, /launch-ticket/);
    await stopped;
  });
});
