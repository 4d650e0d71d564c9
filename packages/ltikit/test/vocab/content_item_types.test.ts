import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTENT_ITEM_TYPE, DOCUMENT_TARGET } from '../../src/vocab/index.js';

describe('CONTENT_ITEM_TYPE and DOCUMENT_TARGET', () => {
  it('spell the five content item types of Deep Linking 2.0 as the spec does (deep-linking.md §3)', () => {
    assert.deepEqual(Object.values(CONTENT_ITEM_TYPE), ['link', 'ltiResourceLink', 'file', 'html', 'image']);
    for (const [key, value] of Object.entries(CONTENT_ITEM_TYPE)) assert.equal(key, value);
  });

  it('spell the presentation document targets (DL-012)', () => {
    assert.deepEqual(Object.values(DOCUMENT_TARGET), ['embed', 'iframe', 'window']);
  });
});
