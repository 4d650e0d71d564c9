// Sending the user back to the platform after an LTI 1.1 launch (lti11.md §1.4, L11-020).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendLti11ReturnMessages, lti11ReturnUrl } from '../../../src/tool/lti11/return_url.js';

describe('lti11ReturnUrl (L11-020)', () => {
  it('appends lti_msg and lti_log after the existing query, kept byte for byte, and before the fragment', () => {
    const launch = { presentation: { returnUrl: 'https://lms.example.edu/return.php?course=9&id=a%2Fb&name=x+y#done' } };
    assert.equal(
      lti11ReturnUrl(launch, { msg: 'Saved: 3 & 4 = 7 é', log: 'quiz 7 saved' }),
      'https://lms.example.edu/return.php?course=9&id=a%2Fb&name=x+y&lti_msg=Saved%3A%203%20%26%204%20%3D%207%20%C3%A9&lti_log=quiz%207%20saved#done',
    );
    const url = new URL(lti11ReturnUrl(launch, { msg: 'Saved: 3 & 4 = 7 é' })!);
    assert.equal(url.searchParams.get('lti_msg'), 'Saved: 3 & 4 = 7 é');
    assert.equal(url.searchParams.get('id'), 'a/b');
  });

  it('starts a query when there is none, in the order msg, log, errormsg, errorlog, leaving out empty messages', () => {
    assert.equal(
      appendLti11ReturnMessages('https://lms.example.edu/return', { errorlog: 'E', errormsg: 'Closed', log: '', msg: undefined }),
      'https://lms.example.edu/return?lti_errormsg=Closed&lti_errorlog=E',
    );
    assert.equal(appendLti11ReturnMessages('https://lms.example.edu/return?', { msg: 'a' }), 'https://lms.example.edu/return?lti_msg=a');
    assert.equal(appendLti11ReturnMessages('https://lms.example.edu/return?x=1', {}), 'https://lms.example.edu/return?x=1');
  });

  it('gives undefined when the launch has no return URL', () => {
    assert.equal(lti11ReturnUrl({ presentation: {} }, { msg: 'Saved' }), undefined);
  });
});
