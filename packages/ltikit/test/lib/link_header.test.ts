// The Link header of paged service answers (RFC 8288; NRPS-030, NRPS-031, NRPS-033).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLinkHeader, parseLinkHeader } from '../../src/lib/link_header.js';

describe('parseLinkHeader', () => {
  it('reads comma-joined links with quoted and bare rel values (NRPS-033)', () => {
    assert.deepEqual(parseLinkHeader('<https://lms.example.edu/m?page=2&limit=50>; rel="next",\n      <https://lms.example.edu/m?since=638771234567>; rel=differences'), [
      { url: 'https://lms.example.edu/m?page=2&limit=50', rel: ['next'] },
      { url: 'https://lms.example.edu/m?since=638771234567', rel: ['differences'] },
    ]);
  });

  it('keeps commas and semicolons inside the URL, reads several relation types, other parameters and case', () => {
    assert.deepEqual(parseLinkHeader('<https://x.example/m?a=1,2;b>; title="a, b; c"; REL="Next Last"; type=application/json'), [
      { url: 'https://x.example/m?a=1,2;b', rel: ['next', 'last'] },
    ]);
  });

  it('counts only the first rel, and escaped quotes inside quoted values', () => {
    assert.deepEqual(parseLinkHeader('<https://x.example/1>; title="say \\"hi\\", then"; rel="next"; rel="prev"'), [{ url: 'https://x.example/1', rel: ['next'] }]);
  });

  it('skips malformed parts and keeps the good ones', () => {
    assert.deepEqual(parseLinkHeader('garbage; rel="next", <https://x.example/2>; rel="next", <>; rel="x", <https://x.example/3'), [
      { url: 'https://x.example/2', rel: ['next'] },
    ]);
    assert.deepEqual(parseLinkHeader(null), []);
    assert.deepEqual(parseLinkHeader(''), []);
    assert.deepEqual(parseLinkHeader('<https://x.example/4>'), [{ url: 'https://x.example/4', rel: [] }]);
  });

  it('reads back what formatLinkHeader writes', () => {
    const links = [
      { url: 'https://lms.example.edu/m?role=http%3A%2F%2Fpurl&cursor=100', rel: ['next'] },
      { url: 'https://lms.example.edu/m?since=v1', rel: ['differences'] },
    ];
    const header = formatLinkHeader(links);
    assert.equal(header, '<https://lms.example.edu/m?role=http%3A%2F%2Fpurl&cursor=100>; rel="next", <https://lms.example.edu/m?since=v1>; rel="differences"');
    assert.deepEqual(parseLinkHeader(header), links);
  });
});
