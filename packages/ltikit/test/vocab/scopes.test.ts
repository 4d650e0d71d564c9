import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SCOPE } from '../../src/vocab/index.js';

describe('SCOPE', () => {
  const scopes: readonly string[] = Object.values(SCOPE);

  it('is unique and has no whitespace (scopes are space-separated on the wire, TOK-003)', () => {
    assert.equal(new Set(scopes).size, scopes.length);
    for (const scope of scopes) assert.doesNotMatch(scope, /\s/);
  });

  it('keeps every LTI scope under https://purl.imsglobal.org/spec/…/scope/', () => {
    for (const scope of scopes) {
      if (scope === SCOPE.openid) continue;
      assert.match(scope, /^https:\/\/purl\.imsglobal\.org\/spec\/lti(?:-[a-z]+)?\/scope\/[a-z./]+$/, scope);
    }
  });

  it('has keys that name the last segments of the URI', () => {
    for (const [key, scope] of Object.entries(SCOPE)) {
      const tail = scope.split('/scope/').at(-1) ?? scope;
      assert.equal(key.toLowerCase(), tail.replaceAll(/[./]/g, ''), `${key} vs ${scope}`);
    }
  });

  it('spells the AGS and NRPS scopes as the spec does', () => {
    assert.equal(SCOPE.lineItem, 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem');
    assert.equal(SCOPE.lineItemReadonly, 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly');
    assert.equal(SCOPE.resultReadonly, 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly');
    assert.equal(SCOPE.score, 'https://purl.imsglobal.org/spec/lti-ags/scope/score');
    assert.equal(SCOPE.contextMembershipReadonly, 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly');
    assert.equal(SCOPE.openid, 'openid');
  });

  it('holds all 15 scopes of the catalogue (core-security.md §8.4)', () => {
    assert.equal(scopes.length, 15);
  });
});
