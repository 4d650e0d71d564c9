// The hub's configuration: defaults, overrides, and one clear sentence naming each bad variable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HubConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('defaults to the sandbox on http://localhost:3000 with SQLite in ./data', () => {
    const config = loadConfig({}, '/srv/hub');
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.equal(config.dataDir, '/srv/hub/data');
    assert.equal(config.databaseUrl, 'sqlite:/srv/hub/data/hub.db');
    assert.equal(config.mode, 'sandbox');
    assert.equal(config.allowInsecureUrls, true);
  });

  it('takes PORT, HOST, DATA_DIR, DATABASE_URL and PUBLIC_URL', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATA_DIR: 'state', PUBLIC_URL: 'https://hub.example.edu/', DATABASE_URL: 'postgres://hub@db.internal:5432/hub' }, '/srv');
    assert.equal(config.port, 8080);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dataDir, '/srv/state');
    assert.equal(config.publicUrl, 'https://hub.example.edu');
    assert.equal(config.databaseUrl, 'postgres://hub@db.internal:5432/hub');
    assert.equal(loadConfig({ DATABASE_URL: 'sqlite:rel/hub.db' }, '/srv').databaseUrl, 'sqlite:/srv/rel/hub.db');
  });

  const refusals: [Record<string, string>, string][] = [
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/hub' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'sqlite:' }, 'DATABASE_URL'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://hub.example.edu/?x=1' }, 'PUBLIC_URL'],
    [{ LTIKIT_HUB_MODE: 'prod' }, 'LTIKIT_HUB_MODE'],
    [{ LTIKIT_HUB_MODE: 'production', PUBLIC_URL: 'https://hub.example.edu' }, 'LTIKIT_ADMIN_TOKEN'],
    [{ LTIKIT_HUB_MODE: 'production', LTIKIT_ADMIN_TOKEN: 'short', PUBLIC_URL: 'https://hub.example.edu' }, 'LTIKIT_ADMIN_TOKEN'],
    [{ LTIKIT_HUB_MODE: 'production', LTIKIT_ADMIN_TOKEN: 'x'.repeat(40) }, 'PUBLIC_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ];
  for (const [env, variable] of refusals) {
    it(`refuses ${JSON.stringify(env)}, naming ${variable}`, () => {
      assert.throws(
        () => loadConfig(env, '/srv'),
        (error: unknown) => error instanceof HubConfigError && error.variable === variable && error.message.startsWith(`${variable}: `) && !error.message.includes('\n'),
      );
    });
  }

  it('turns off http URLs outside sandbox mode', () => {
    const config = loadConfig({ LTIKIT_HUB_MODE: 'production', LTIKIT_ADMIN_TOKEN: 'x'.repeat(40), PUBLIC_URL: 'https://hub.example.edu' });
    assert.equal(config.allowInsecureUrls, false);
  });
});
