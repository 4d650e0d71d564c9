// The ltikit-hub command, run as a real process against a running hub, exactly as docs/hub.md
// shows it: JSON on stdout, a JSON error naming the field on stderr, a non-zero exit on failure.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestBrowser } from '../../../packages/ltikit/test/support/browser.js';
import { type CliFiles, cliFiles, runCli } from './support/cli.js';
import { platformDocument, toolDocument } from './support/documents.js';
import { ADMIN_TOKEN, type TestHub, localUrl, startProductionHub, startTestHub } from './support/hub.js';

describe('ltikit-hub against a running hub', () => {
  let hub: TestHub;
  let files: CliFiles;
  let env: Record<string, string>;
  before(async () => {
    hub = await startTestHub();
    files = cliFiles('ltikit-cli-');
    env = { LTIKIT_HUB_URL: hub.origin };
  });
  after(async () => {
    await hub.stop();
    files.remove();
  });
  const file = (name: string, content: unknown): string => files.write(name, content);

  it('tool register, registration, approve and reject drive a Dynamic Registration (DR-001, DR-033, DR-034)', async () => {
    const started = await runCli(['tool', 'register', '--url', `${hub.origin}/demo-tool/register`], env);
    assert.equal(started.code, 0, started.stderr);
    assert.match(started.json.registration_url, /\/demo-tool\/register\?openid_configuration=.+&registration_token=/);
    const before = await runCli(['tool', 'registration', '--session', started.json.session_id], env);
    assert.equal(before.code, 1);
    assert.equal(before.json.field, 'session_id');
    assert.equal((await fetch(started.json.registration_url)).status, 200);
    const pending = await runCli(['tool', 'registration', '--session', started.json.session_id], env);
    assert.equal(pending.json.status, 'pending');
    const approved = await runCli(['tool', 'approve', '--client-id', pending.json.client_id, '--claims', 'name given_name', '--scopes', ''], env);
    assert.equal(approved.code, 0, approved.stderr);
    const shown = await runCli(['tool', 'show', '--client-id', pending.json.client_id], env);
    assert.deepEqual(shown.json.claims, ['name', 'given_name']);
    assert.deepEqual(shown.json.scopes, []);
    const rejected = await runCli(['tool', 'reject', '--client-id', pending.json.client_id], env);
    assert.equal(rejected.code, 1);
    assert.equal(rejected.json.error, 'ERR_LTI_DR_REGISTRATION_NOT_PENDING');
  });

  it('tool add --file registers and deploys a tool and prints its client_id and deployment_id', async () => {
    const run = await runCli(['tool', 'add', '--file', file('tool.json', toolDocument('https://sims.example.com'))], env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(typeof run.json.client_id, 'string');
    assert.equal(typeof run.json.deployment_id, 'string');
    const listed = await runCli(['tool', 'list'], env);
    assert.ok(listed.json.tools.some((tool: { client_id: string; deployment_ids: string[] }) => tool.client_id === run.json.client_id && tool.deployment_ids.includes(run.json.deployment_id)));
    const edited = await runCli(['tool', 'edit', '--client-id', run.json.client_id, '--file', file('tool2.json', toolDocument('https://sims.example.com', { client_name: 'Renamed' }))], env);
    assert.equal(edited.code, 0, edited.stderr);
    assert.equal(edited.json.name, 'Renamed');
  });

  it('refuses a malformed file, an unknown field and a bad URL, naming what is wrong, and registers nothing', async () => {
    const before = (await runCli(['tool', 'list'], env)).json.tools.length;
    const malformed = await runCli(['tool', 'add', '--file', file('broken.json', '{"client_name": "x",')], env);
    assert.equal(malformed.code, 1);
    assert.equal(malformed.json.error, 'ERR_CLI_FILE_INVALID');
    const unknown = await runCli(['tool', 'add', '--file', file('unknown.json', toolDocument('https://sims.example.com', { redirect_uri: 'https://x' }))], env);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.json.field, 'redirect_uri');
    const badUrl = await runCli(['tool', 'add', '--file', file('bad-url.json', toolDocument('https://sims.example.com', { jwks_uri: 'not a url' }))], env);
    assert.equal(badUrl.json.field, 'jwks_uri');
    const missing = await runCli(['tool', 'add', '--file', files.path('absent.json')], env);
    assert.equal(missing.json.error, 'ERR_CLI_FILE_UNREADABLE');
    assert.equal((await runCli(['tool', 'list'], env)).json.tools.length, before);
  });

  it('platform add --file prints the demo tool login, launch and JWKS URLs', async () => {
    const run = await runCli(['platform', 'add', '--file', file('platform.json', platformDocument())], env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.json.login_url, `${hub.origin}/demo-tool/login`);
    assert.equal(run.json.launch_url, `${hub.origin}/demo-tool/launch`);
    assert.equal(run.json.jwks_url, `${hub.origin}/demo-tool/jwks`);
    const listed = await runCli(['platform', 'list'], env);
    assert.ok(listed.json.platforms.some((platform: { client_id: string }) => platform.client_id === '10000000000042'));
  });

  it('launch-url prints a one-time URL that runs the whole launch as the chosen person', async () => {
    const tools = (await runCli(['tool', 'list'], env)).json.tools;
    const demo = tools.find((tool: { built_in: boolean }) => tool.built_in);
    const run = await runCli(['launch-url', '--client-id', demo.client_id, '--role', 'Learner'], env);
    assert.equal(run.code, 0, run.stderr);
    const { response } = await new TestBrowser().launch(run.json.url);
    const html = await response.text();
    assert.equal(response.status, 200);
    assert.match(html, /id="roles">Learner</);
    const named = await runCli(['launch-url', '--user', 'grace', '--course', 'LTI101'], env);
    const asTa = await (await new TestBrowser().launch(named.json.url)).response.text();
    assert.match(asTa, /Grace Hopper/);
    assert.match(asTa, /TeachingAssistant/);
  });

  it('keys list and keys rotate manage the signing keys', async () => {
    const listed = await runCli(['keys', 'list'], env);
    assert.equal(listed.code, 0);
    assert.equal(listed.json.key_set, 'platform');
    assert.equal(listed.json.keys.filter((key: { status: string }) => key.status === 'active').length, 1);
    const rotated = await runCli(['keys', 'rotate'], env);
    assert.equal(rotated.json.step, 'published');
    const forced = await runCli(['keys', 'rotate', '--force'], env);
    assert.equal(forced.json.step, 'activated');
    assert.equal(forced.json.activated.kid, rotated.json.next.kid);
    const tool = await runCli(['keys', 'list', '--key-set', 'demo-tool'], env);
    assert.equal(tool.json.key_set, 'demo-tool');
  });

  it('says clearly when the command line is wrong or no hub answers', async () => {
    const usage = await runCli(['tool', 'add'], env);
    assert.equal(usage.code, 2);
    assert.equal(usage.json.error, 'ERR_CLI_USAGE');
    assert.match(usage.stderr, /--file is required/);
    const unknownFlag = await runCli(['launch-url', '--colour', 'red'], env);
    assert.equal(unknownFlag.code, 2);
    const nobody = await runCli(['tool', 'list'], { LTIKIT_HUB_URL: 'http://127.0.0.1:9' });
    assert.equal(nobody.code, 1);
    assert.equal(nobody.json.error, 'ERR_CLI_HUB_UNREACHABLE');
  });
});

describe('ltikit-hub outside sandbox mode', () => {
  const token = ADMIN_TOKEN;
  let hub: TestHub;
  before(async () => {
    hub = await startProductionHub();
  });
  after(async () => {
    await hub.stop();
  });

  it('sends LTIKIT_ADMIN_TOKEN and fails without it', async () => {
    const url = localUrl(hub);
    const without = await runCli(['keys', 'list'], { LTIKIT_HUB_URL: url, LTIKIT_ADMIN_TOKEN: '' });
    assert.equal(without.code, 1);
    assert.equal(without.json.error, 'ERR_HUB_UNAUTHORIZED');
    const withToken = await runCli(['keys', 'list'], { LTIKIT_HUB_URL: url, LTIKIT_ADMIN_TOKEN: token });
    assert.equal(withToken.code, 0, withToken.stderr);
  });
});
