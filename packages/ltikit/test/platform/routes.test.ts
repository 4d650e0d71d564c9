import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/lib/clock.js';
import { createPlatform } from '../../src/platform/create_platform.js';
import { PLATFORM_ROUTES, matchRoute, routePath } from '../../src/platform/routes.js';
import { createMemoryStores } from '../../src/stores/memory.js';

const T0 = 1_767_225_600;

function platformAt(baseUrl?: string) {
  return createPlatform({
    issuer: 'https://lms.example.edu',
    currentUser: 'message-hint-only',
    ...(baseUrl === undefined ? {} : { baseUrl }),
    stores: createMemoryStores(fixedClock(T0)),
    clock: fixedClock(T0),
  });
}

const json = { accept: 'application/json' };

describe('PLATFORM_ROUTES', () => {
  it('lists each endpoint once with its methods', () => {
    assert.deepEqual(
      PLATFORM_ROUTES.map((route) => [route.name, route.path, [...route.methods]]),
      [
        ['authorize', '/lti/authorize', ['GET', 'POST']],
        ['return', '/lti/return', ['GET']],
        ['deep_linking_return', '/lti/deep-linking/return', ['POST']],
        ['token', '/lti/token', ['POST']],
        ['jwks', '/.well-known/jwks.json', ['GET']],
        ['openid_configuration', '/.well-known/openid-configuration', ['GET']],
        ['registration', '/lti/register', ['POST']],
        ['ags_line_items', '/lti/contexts/:contextId/lineitems', ['GET', 'POST']],
        ['ags_line_item', '/lti/contexts/:contextId/lineitems/:lineItemId', ['GET', 'PUT', 'DELETE']],
        ['ags_scores', '/lti/contexts/:contextId/lineitems/:lineItemId/scores', ['POST']],
        ['ags_results', '/lti/contexts/:contextId/lineitems/:lineItemId/results', ['GET']],
        ['nrps_memberships', '/lti/contexts/:contextId/memberships', ['GET']],
        ['lti11_outcomes', '/lti/lti11/outcomes', ['POST']],
      ],
    );
    assert.equal(new Set(PLATFORM_ROUTES.map((route) => route.path)).size, PLATFORM_ROUTES.length);
  });

  it('matches service paths with their decoded parameters, one segment each', () => {
    const match = matchRoute('/lti/contexts/course%2F1/lineitems/li-9/scores', 'POST');
    assert.ok(match !== undefined && match !== 'method');
    assert.equal(match.name, 'ags_scores');
    assert.deepEqual(match.params, { contextId: 'course/1', lineItemId: 'li-9' });
    assert.equal(matchRoute('/lti/contexts//lineitems', 'GET'), undefined);
    assert.equal(matchRoute('/lti/contexts/c/lineitems/x/y', 'GET'), undefined);
    assert.equal(matchRoute('/lti/contexts/c/memberships', 'POST'), 'method');
  });

  it('routePath gives the path of a route name', () => {
    assert.equal(routePath('authorize'), '/lti/authorize');
    assert.equal(routePath('jwks'), '/.well-known/jwks.json');
  });
});

describe('matchRoute', () => {
  it('selects the route of a path and an allowed method', () => {
    assert.equal((matchRoute('/lti/authorize', 'POST') as { name: string }).name, 'authorize');
    assert.equal((matchRoute('/lti/return', 'GET') as { name: string }).name, 'return');
  });

  it('treats HEAD as GET', () => {
    assert.equal((matchRoute('/.well-known/jwks.json', 'HEAD') as { name: string }).name, 'jwks');
  });

  it('answers "method" for a known path with another method', () => {
    assert.equal(matchRoute('/lti/return', 'POST'), 'method');
    assert.equal(matchRoute('/lti/authorize', 'DELETE'), 'method');
  });

  it('answers undefined for unknown paths, including near misses', () => {
    for (const path of ['/', '/lti', '/lti/authorize/', '/LTI/authorize', '/.well-known/jwks']) assert.equal(matchRoute(path, 'GET'), undefined, path);
  });
});

describe('platform.fetch routing: 404 vs 405', () => {
  it('answers 404 ERR_LTI_NOT_FOUND for an unknown path', async () => {
    const response = await platformAt().fetch(new Request('https://lms.example.edu/nope', { headers: json }));
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as { code: string }).code, 'ERR_LTI_NOT_FOUND');
  });

  it('answers 405 ERR_LTI_METHOD_NOT_ALLOWED for a known path with a wrong method', async () => {
    const platform = platformAt();
    for (const [method, path] of [
      ['POST', '/lti/return'],
      ['PUT', '/lti/authorize'],
      ['DELETE', '/.well-known/jwks.json'],
      ['POST', '/.well-known/openid-configuration'],
    ] as const) {
      const response = await platform.fetch(new Request(`https://lms.example.edu${path}`, { method, headers: json }));
      assert.equal(response.status, 405, `${method} ${path}`);
      const body = (await response.json()) as { code: string; error: string; detail: unknown };
      assert.equal(body.code, 'ERR_LTI_METHOD_NOT_ALLOWED');
      assert.equal(body.error, 'invalid_request');
      assert.deepEqual(body.detail, { method });
    }
  });

  it('serves the openid configuration and the return page on GET', async () => {
    const platform = platformAt();
    const configuration = await platform.fetch(new Request('https://lms.example.edu/.well-known/openid-configuration'));
    assert.equal(configuration.status, 200);
    assert.equal(((await configuration.json()) as { issuer: string }).issuer, 'https://lms.example.edu');
    const page = await platform.fetch(new Request('https://lms.example.edu/lti/return?lti_msg=hi'));
    assert.equal(page.status, 200);
    assert.ok((await page.text()).includes('hi'));
  });

  it('answers HEAD on a GET route', async () => {
    const response = await platformAt().fetch(new Request('https://lms.example.edu/.well-known/openid-configuration', { method: 'HEAD' }));
    assert.equal(response.status, 200);
  });

  it('serves routes under baseUrl only', async () => {
    const platform = platformAt('https://lms.example.edu/tenant-a');
    const inside = await platform.fetch(new Request('https://lms.example.edu/tenant-a/.well-known/openid-configuration'));
    assert.equal(inside.status, 200);
    const body = (await inside.json()) as { authorization_endpoint: string };
    assert.equal(body.authorization_endpoint, 'https://lms.example.edu/tenant-a/lti/authorize');
    for (const path of ['/.well-known/openid-configuration', '/tenant-b/.well-known/openid-configuration', '/tenant-ab/lti/return']) {
      const outside = await platform.fetch(new Request(`https://lms.example.edu${path}`, { headers: json }));
      assert.equal(outside.status, 404, path);
    }
  });

  it('answers errors as a page to browsers', async () => {
    const response = await platformAt().fetch(new Request('https://lms.example.edu/nope', { headers: { accept: 'text/html' } }));
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.ok((await response.text()).includes('ERR_LTI_NOT_FOUND'));
  });
});

describe('HEAD on the authorization endpoint', () => {
  it('is refused, so it can never spend a single-use message hint', () => {
    assert.equal(matchRoute('/lti/authorize', 'HEAD'), 'method');
    assert.notEqual(matchRoute('/.well-known/jwks.json', 'HEAD'), 'method');
  });
});
