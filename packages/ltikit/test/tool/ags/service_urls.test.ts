// AGS-004, AGS-010: service URLs derived from the platform's URLs without rebuilding them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendQuery, lineItemServiceUrl } from '../../../src/tool/ags/service_urls.js';

describe('lineItemServiceUrl (AGS-010)', () => {
  it('adds /scores or /results to the path and keeps the query string byte for byte', () => {
    assert.equal(lineItemServiceUrl('https://lms.example.edu/api/lti/ctx-991/lineitems/77?dep=01', 'scores'), 'https://lms.example.edu/api/lti/ctx-991/lineitems/77/scores?dep=01');
    assert.equal(lineItemServiceUrl('https://lms.example.edu/api/lti/ctx-991/lineitems/77?dep=01', 'results'), 'https://lms.example.edu/api/lti/ctx-991/lineitems/77/results?dep=01');
    assert.equal(lineItemServiceUrl('https://lms.example.edu/lineitems/77/', 'scores'), 'https://lms.example.edu/lineitems/77/scores');
    assert.equal(lineItemServiceUrl("https://lms.example.edu/li/7?sig=a%2Fb&x='y'#frag", 'scores'), "https://lms.example.edu/li/7/scores?sig=a%2Fb&x='y'");
  });
});

describe('appendQuery (AGS-004)', () => {
  it('appends encoded parameters after the URL\u2019s own query', () => {
    assert.equal(appendQuery('https://lms.example.edu/lineitems', [['tag', 'a b']]), 'https://lms.example.edu/lineitems?tag=a%20b');
    assert.equal(appendQuery('https://lms.example.edu/lineitems?dep=01', [['limit', '2']]), 'https://lms.example.edu/lineitems?dep=01&limit=2');
    assert.equal(appendQuery('https://lms.example.edu/lineitems?', [['limit', '2']]), 'https://lms.example.edu/lineitems?limit=2');
    assert.equal(appendQuery('https://lms.example.edu/lineitems?a=1&', [['b', '2']]), 'https://lms.example.edu/lineitems?a=1&b=2');
    assert.equal(appendQuery('https://lms.example.edu/lineitems?a=1#x', []), 'https://lms.example.edu/lineitems?a=1');
  });
});
