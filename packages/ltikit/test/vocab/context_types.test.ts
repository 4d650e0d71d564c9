import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTEXT_TYPE, LTI11_CONTEXT_TYPE, normalizeContextType } from '../../src/vocab/index.js';

describe('CONTEXT_TYPE', () => {
  it('spells each URI as the course# prefix plus its key (CTX-001)', () => {
    assert.deepEqual(Object.keys(CONTEXT_TYPE), ['CourseTemplate', 'CourseOffering', 'CourseSection', 'Group']);
    for (const [name, uri] of Object.entries(CONTEXT_TYPE)) assert.equal(uri, `http://purl.imsglobal.org/vocab/lis/v2/course#${name}`);
    for (const [name, urn] of Object.entries(LTI11_CONTEXT_TYPE)) assert.equal(urn, `urn:lti:context-type:ims/lis/${name}`);
    assert.deepEqual(Object.keys(LTI11_CONTEXT_TYPE), Object.keys(CONTEXT_TYPE));
  });
});

describe('normalizeContextType', () => {
  it('expands simple names and LTI 1.1 URNs (CTX-002)', () => {
    assert.equal(normalizeContextType('CourseSection'), CONTEXT_TYPE.CourseSection);
    assert.equal(normalizeContextType(' urn:lti:context-type:ims/lis/CourseOffering '), CONTEXT_TYPE.CourseOffering);
    for (const name of Object.keys(CONTEXT_TYPE) as Array<keyof typeof CONTEXT_TYPE>) {
      assert.equal(normalizeContextType(name), CONTEXT_TYPE[name]);
      assert.equal(normalizeContextType(LTI11_CONTEXT_TYPE[name]), CONTEXT_TYPE[name]);
    }
  });

  it('returns full URIs and unknown types unchanged', () => {
    assert.equal(normalizeContextType(CONTEXT_TYPE.Group), CONTEXT_TYPE.Group);
    assert.equal(normalizeContextType('http://purl.imsglobal.org/vocab/lis/v2/course#CourseGroup'), 'http://purl.imsglobal.org/vocab/lis/v2/course#CourseGroup');
    assert.equal(normalizeContextType('coursesection'), 'coursesection');
    assert.equal(normalizeContextType('toString'), 'toString');
  });
});
