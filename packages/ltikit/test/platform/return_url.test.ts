import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReturnMessage } from '../../src/platform/config.js';
import { defaultReturnPage, handleReturn, readReturnMessage } from '../../src/platform/return_url.js';

const RETURN = 'https://lms.example.edu/lti/return';

const at = (parameters: Record<string, string>): Request => new Request(`${RETURN}?${new URLSearchParams(parameters)}`);

describe('readReturnMessage (RET-001)', () => {
  it('reads the four parameters and the launch id', () => {
    assert.deepEqual(readReturnMessage(at({ lti_msg: 'Done', lti_errormsg: 'Oops', lti_log: 'ok', lti_errorlog: 'bad', launch: 'launch-1', other: 'x' })), {
      lti_msg: 'Done',
      lti_errormsg: 'Oops',
      lti_log: 'ok',
      lti_errorlog: 'bad',
      launchId: 'launch-1',
    });
  });

  it('leaves absent and empty parameters out', () => {
    assert.deepEqual(readReturnMessage(at({ lti_msg: '', launch: '' })), {});
    assert.deepEqual(readReturnMessage(new Request(RETURN)), {});
  });

  it('caps every value at 2000 characters', () => {
    const long = 'x'.repeat(5000);
    const message = readReturnMessage(at({ lti_msg: long, lti_errormsg: long, lti_log: long, lti_errorlog: long, launch: long }));
    for (const value of Object.values(message)) assert.equal((value as string).length, 2000);
    assert.equal(readReturnMessage(at({ lti_msg: 'y'.repeat(2000) })).lti_msg?.length, 2000);
  });
});

describe('defaultReturnPage (RET-002)', () => {
  it('shows lti_msg and lti_errormsg HTML-escaped', async () => {
    const response = defaultReturnPage({ lti_msg: '<script>alert(1)</script>', lti_errormsg: '<img src=x onerror=alert(2)>' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    const html = await response.text();
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('<p class="lti-msg">&lt;script&gt;alert(1)&lt;/script&gt;</p>'));
    assert.ok(html.includes('<p class="lti-errormsg">&lt;img src=x onerror=alert(2)&gt;</p>'));
  });

  it('says so when the tool sent no message', async () => {
    assert.ok((await defaultReturnPage({}).text()).includes('The tool sent no message.'));
  });
});

describe('handleReturn', () => {
  it('passes logs to onReturnLog only, never to the page', async () => {
    const logs: unknown[] = [];
    const response = await handleReturn(at({ lti_msg: 'Saved', lti_log: 'secret-log', lti_errorlog: '<b>trace</b>', launch: 'launch-1' }), {
      onReturnLog: (log) => logs.push(log),
    });
    assert.deepEqual(logs, [{ lti_log: 'secret-log', lti_errorlog: '<b>trace</b>', launchId: 'launch-1' }]);
    const html = await response.text();
    assert.ok(html.includes('Saved'));
    assert.ok(!html.includes('secret-log'));
    assert.ok(!html.includes('trace'));
  });

  it('does not call onReturnLog when there is no log', async () => {
    const logs: unknown[] = [];
    await handleReturn(at({ lti_msg: 'Saved', lti_errormsg: 'x' }), { onReturnLog: (log) => logs.push(log) });
    assert.deepEqual(logs, []);
  });

  it('passes only one kind of log when only one was sent', async () => {
    const logs: unknown[] = [];
    await handleReturn(at({ lti_errorlog: 'e' }), { onReturnLog: (log) => logs.push(log) });
    assert.deepEqual(logs, [{ lti_errorlog: 'e' }]);
  });

  it('hands the messages, without the logs, to onReturn and answers with its response', async () => {
    const seen: ReturnMessage[] = [];
    const response = await handleReturn(at({ lti_msg: '<b>Done</b>', lti_log: 'log', launch: 'launch-1' }), {
      onReturn: (message) => {
        seen.push(message);
        return new Response('custom page', { status: 202 });
      },
    });
    assert.equal(response.status, 202);
    assert.equal(await response.text(), 'custom page');
    assert.deepEqual(seen, [{ lti_msg: '<b>Done</b>', launchId: 'launch-1' }]);
  });

  it('shows the default page without logs when no hooks are given', async () => {
    const html = await (await handleReturn(at({ lti_errormsg: 'Failed', lti_errorlog: 'db down' }), {})).text();
    assert.ok(html.includes('Failed'));
    assert.ok(!html.includes('db down'));
  });
});
