// The `lis_result_sourcedid` of a (link, user) (L11-005): written and read back, anything else refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatResultSourcedId, parseResultSourcedId } from '../../../src/platform/lti11/result_sourcedid.js';

describe('lis_result_sourcedid (L11-005)', () => {
  it('round-trips ids holding separators, spaces and non-ASCII text, as ASCII', () => {
    const target = { contextId: 'ctx:1', resourceLinkId: 'rl/ä b', userId: 'user%7' };
    const sourcedId = formatResultSourcedId(target);
    assert.equal(sourcedId, 'ctx%3A1:rl%2F%C3%A4%20b:user%257');
    assert.match(sourcedId, /^[\x21-\x7e]+$/);
    assert.deepEqual(parseResultSourcedId(sourcedId), target);
  });

  it('differs for every (context, link, user)', () => {
    const ids = new Set([
      formatResultSourcedId({ contextId: 'c', resourceLinkId: 'l', userId: 'u' }),
      formatResultSourcedId({ contextId: 'c', resourceLinkId: 'l', userId: 'v' }),
      formatResultSourcedId({ contextId: 'c', resourceLinkId: 'm', userId: 'u' }),
      formatResultSourcedId({ contextId: 'd', resourceLinkId: 'l', userId: 'u' }),
      formatResultSourcedId({ contextId: 'c:l', resourceLinkId: 'u', userId: 'x' }),
    ]);
    assert.equal(ids.size, 5);
  });

  it('refuses anything it did not write', () => {
    for (const value of ['', 'rs-77-a3f0', 'a:b', 'a:b:c:d', ':b:c', 'a::c', 'a:b:', 'a:b:%', 'a:b:%E0%A4%A']) {
      assert.equal(parseResultSourcedId(value), undefined, value);
    }
  });
});
