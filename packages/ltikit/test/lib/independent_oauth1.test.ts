// The tests' own OAuth 1.0a signer (support/independent_oauth1.ts) against the spec's vectors, so
// the hub and conformance tests that rely on it rely on something right (lti11.md §2, §3).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { independentBodyHash, independentSignature } from '../support/independent_oauth1.js';
import { VECTOR_B, vectorBParameters } from '../support/oauth1_vectors.js';

describe('the independent OAuth 1.0a signer of the tests', () => {
  it('reproduces vector B (OA-002, OA-003)', () => {
    assert.equal(independentSignature('POST', VECTOR_B.url, vectorBParameters(), VECTOR_B.consumerSecret), VECTOR_B.signature);
    assert.notEqual(independentSignature('POST', VECTOR_B.url, vectorBParameters(), `${VECTOR_B.consumerSecret}x`), VECTOR_B.signature);
  });

  it('hashes a body as lti11.md §3 does (BO-002)', () => {
    assert.equal(independentBodyHash('<?xml version="1.0" encoding="UTF-8"?><x/>'), 'A3Y0xRwvsBq1gIaQbQRcempWZD0=');
  });
});
