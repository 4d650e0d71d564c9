// Content negotiation of the service endpoints (NRPS-002, NRPS-003; RFC 9110 §12.5.1).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptsMediaType, mediaTypeOf } from '../../src/lib/accept_header.js';

const CONTAINER = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';

describe('acceptsMediaType', () => {
  it('allows the exact type, wildcards, an absent header and any case', () => {
    for (const accept of [null, '', ' ', CONTAINER, `${CONTAINER};q=0.5`, '*/*', 'application/*', `text/html, ${CONTAINER.toUpperCase()}`]) {
      assert.equal(acceptsMediaType(accept, CONTAINER), true, String(accept));
    }
  });

  it('refuses other types and a q=0 on the most specific match', () => {
    for (const accept of ['application/json', 'text/*', `${CONTAINER};q=0`, `*/*, ${CONTAINER};q=0`, `application/*;q=0, */*`, `${CONTAINER}x`, `${CONTAINER};q=abc`]) {
      assert.equal(acceptsMediaType(accept, CONTAINER), false, accept);
    }
  });

  it('lets a more specific range override a refusing wildcard', () => {
    assert.equal(acceptsMediaType(`*/*;q=0, ${CONTAINER}`, CONTAINER), true);
    assert.equal(acceptsMediaType('application/*;q=0.1, */*;q=0', CONTAINER), true);
  });
});

describe('mediaTypeOf', () => {
  it('drops parameters and lower-cases', () => {
    assert.equal(mediaTypeOf('Application/JSON; charset=utf-8'), 'application/json');
    assert.equal(mediaTypeOf(null), '');
  });
});
