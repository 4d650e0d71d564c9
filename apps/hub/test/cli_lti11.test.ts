// `ltikit-hub lti11-tool …`, run as a real process against a running hub, as docs/hub.md shows it:
// an LTI 1.1 tool registered by key and secret (the generated secret printed once), listed and
// shown without its secret, refusals naming the field, a launch through `launch-url`, and the
// upgrade to LTI 1.3 from a registration document file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestBrowser } from '../../../packages/ltikit/test/support/browser.js';
import type { Json } from './support/admin_api.js';
import { cliFiles, runCli } from './support/cli.js';
import { type TestHub, startTestHub } from './support/hub.js';
import { type Lti11TestTool, startLti11TestTool } from './support/lti11_tool.js';

describe('ltikit-hub lti11-tool', () => {
  let hub: TestHub;
  let tool: Lti11TestTool;
  let env: Record<string, string>;
  before(async () => {
    hub = await startTestHub();
    tool = await startLti11TestTool();
    env = { LTIKIT_HUB_URL: hub.origin };
  });
  after(async () => {
    await tool?.close();
    await hub?.stop();
  });

  it('add registers and deploys the tool, printing the generated key and secret once', async () => {
    const run = await runCli(['lti11-tool', 'add', '--name', 'Legacy quiz', '--launch-url', tool.launchUrl, '--claims', 'name email', '--document-target', 'window'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.json.lti_version, '1.1');
    assert.equal(typeof run.json.consumer_key, 'string');
    assert.match(run.json.secret, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(typeof run.json.client_id, 'string');
    tool.trust(run.json.secret);
    const shown = await runCli(['lti11-tool', 'show', '--consumer-key', run.json.consumer_key], env);
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(shown.json.secret, undefined);
    assert.deepEqual(shown.json.claims, ['name', 'email']);
    assert.equal(shown.json.links[0].document_target, 'window');
    const listed = await runCli(['lti11-tool', 'list'], env);
    assert.deepEqual(listed.json.tools.map((entry: Json) => entry.consumer_key), [run.json.consumer_key]);
    // The link launches as a learner with the signed form.
    const ticket = await runCli(['launch-url', '--client-id', run.json.client_id, '--user', 'katherine'], env);
    assert.equal(ticket.code, 0, ticket.stderr);
    await new TestBrowser().launch(ticket.json.url);
    const launch = tool.launches.at(-1)!;
    assert.equal(launch.signatureValid, true);
    assert.equal(launch.fields.get('user_id'), 'person-katherine');
    assert.equal(launch.fields.get('launch_presentation_document_target'), 'window');
    assert.ok(launch.fields.get('lis_result_sourcedid'));
  });

  it('add with a key and secret keeps them and does not print the secret; a taken key is refused', async () => {
    const run = await runCli(['lti11-tool', 'add', '--name', 'Moved', '--launch-url', tool.launchUrl, '--consumer-key', 'moved-key', '--secret', 'moved secret'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.json.consumer_key, 'moved-key');
    assert.equal(run.json.secret, undefined);
    const again = await runCli(['lti11-tool', 'add', '--name', 'Again', '--launch-url', tool.launchUrl, '--consumer-key', 'moved-key'], env);
    assert.equal(again.code, 1);
    assert.deepEqual([again.json.error, again.json.field], ['ERR_HUB_CONFLICT', 'consumer_key']);
  });

  it('names what is wrong: a missing flag, a bad URL, an unknown tool', async () => {
    const usage = await runCli(['lti11-tool', 'add', '--name', 'No URL'], env);
    assert.equal(usage.code, 2);
    assert.equal(usage.json.error, 'ERR_CLI_USAGE');
    assert.match(usage.stderr, /--launch-url is required/);
    const badUrl = await runCli(['lti11-tool', 'add', '--name', 'Bad', '--launch-url', 'http://tool.example.com/lti'], env);
    assert.deepEqual([badUrl.code, badUrl.json.error, badUrl.json.field], [1, 'ERR_HUB_FIELD_INVALID', 'launch_url']);
    const target = await runCli(['lti11-tool', 'add', '--name', 'Bad', '--launch-url', tool.launchUrl, '--document-target', 'popup'], env);
    assert.equal(target.json.field, 'document_target');
    const unknown = await runCli(['lti11-tool', 'show', '--consumer-key', 'nobody'], env);
    assert.deepEqual([unknown.code, unknown.json.error], [1, 'ERR_HUB_NOT_FOUND']);
    const sub = await runCli(['lti11-tool', 'remove'], env);
    assert.equal(sub.code, 2);
  });

  it('upgrade registers the tool for LTI 1.3 from its document: the same link then starts a 1.3 login; a second upgrade is refused', async () => {
    const files = cliFiles('ltikit-cli-upgrade-');
    try {
      const added = await runCli(['lti11-tool', 'add', '--name', 'Upgraded quiz', '--launch-url', tool.launchUrl, '--claims', 'name'], env);
      assert.equal(added.code, 0, added.stderr);
      const key = added.json.consumer_key as string;
      const origin = 'http://localhost:9';
      let written = 0;
      const document = (overrides: Record<string, unknown>): string => {
        written += 1;
        return files.write(`tool-${written}.json`, {
          client_name: 'Upgraded quiz',
          initiate_login_uri: `${origin}/lti13/login`,
          redirect_uris: [`${origin}/lti13/launch`],
          jwks_uri: `${origin}/lti13/jwks`,
          'https://purl.imsglobal.org/spec/lti-tool-configuration': { domain: 'localhost:9', target_link_uri: `${origin}/lti13/launch` },
          ...overrides,
        });
      };

      const usage = await runCli(['lti11-tool', 'upgrade', '--consumer-key', key], env);
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /--file is required/);
      const refused = await runCli(['lti11-tool', 'upgrade', '--consumer-key', key, '--file', document({ redirect_uris: ['http://tool.example.com/launch'] })], env);
      assert.deepEqual([refused.code, refused.json.error, refused.json.field], [1, 'ERR_HUB_FIELD_INVALID', 'redirect_uris[0]']);
      assert.equal((await runCli(['lti11-tool', 'show', '--consumer-key', key], env)).json.upgraded, false, 'a refused upgrade changes nothing');

      const run = await runCli(['lti11-tool', 'upgrade', '--consumer-key', key, '--file', document({})], env);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.json.lti_version, '1.3');
      assert.deepEqual(run.json.upgraded_from, { lti_version: '1.1', consumer_key: key });
      assert.equal(run.json.client_id, added.json.client_id);
      assert.deepEqual(run.json.link_ids, [added.json.link_id]);
      assert.deepEqual([run.json.claims, run.json.claims_from], [['name'], 'lti11']);
      assert.deepEqual(run.json.scopes_from, 'default');
      const shown = await runCli(['tool', 'show', '--client-id', added.json.client_id], env);
      assert.deepEqual(shown.json.upgraded_from, { lti_version: '1.1', consumer_key: key });
      assert.equal((await runCli(['lti11-tool', 'show', '--consumer-key', key], env)).json.upgraded, true);

      // The link keeps its id and now starts an LTI 1.3 login at the tool.
      const ticket = await runCli(['launch-url', '--client-id', added.json.client_id, '--user', 'katherine'], env);
      assert.equal(ticket.json.link_id, added.json.link_id);
      const start = await fetch(ticket.json.url, { redirect: 'manual' });
      assert.equal(start.status, 302);
      const login = new URL(start.headers.get('location')!);
      assert.equal(`${login.origin}${login.pathname}`, `${origin}/lti13/login`);
      assert.equal(login.searchParams.get('client_id'), added.json.client_id);
      assert.equal(login.searchParams.get('login_hint'), 'person-katherine');

      const again = await runCli(['lti11-tool', 'upgrade', '--consumer-key', key, '--file', document({})], env);
      assert.deepEqual([again.code, again.json.error, again.json.field], [1, 'ERR_HUB_CONFLICT', 'consumer_key']);
      const unknown = await runCli(['lti11-tool', 'upgrade', '--consumer-key', 'nobody', '--file', document({})], env);
      assert.deepEqual([unknown.code, unknown.json.error, unknown.json.field], [1, 'ERR_HUB_NOT_FOUND', 'consumer_key']);
    } finally {
      files.remove();
    }
  });
});
