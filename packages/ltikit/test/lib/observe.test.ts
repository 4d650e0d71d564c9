import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type LtiMessageEvent, notify } from '../../src/lib/observe.js';

const event: LtiMessageEvent = {
  side: 'tool',
  direction: 'received',
  kind: 'launch',
  outcome: 'rejected',
  errorCode: 'ERR_LTI_NONCE_REPLAYED',
  durationMs: 1.5,
};

describe('notify', () => {
  it('hands the event to the observer unchanged', () => {
    const seen: LtiMessageEvent[] = [];
    notify((received) => seen.push(received), event);
    assert.equal(seen.length, 1);
    assert.equal(seen[0], event);
  });

  it('does nothing without an observer', () => {
    assert.equal(notify(undefined, event), undefined);
  });

  it('swallows whatever the observer throws', () => {
    let calls = 0;
    const throwing = (): void => {
      calls += 1;
      throw new Error('observer failure');
    };
    assert.equal(notify(throwing, event), undefined);
    assert.equal(calls, 1);
  });
});

describe('notify: async observers and personal data', () => {
  it('swallows a rejected promise from an async observer (no unhandled rejection)', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      notify(async () => {
        throw new Error('database down');
      }, event);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('redacts personal data and the nonce from claims, keeping ids', () => {
    const seen: LtiMessageEvent[] = [];
    notify((received) => seen.push(received), {
      ...event,
      claims: { sub: 'u-1', name: 'Ada Lovelace', email: 'ada@example.edu', nonce: 'n-1', iss: 'https://lms.example.edu' },
    });
    assert.deepEqual(seen[0]?.claims, { sub: 'u-1', name: '[redacted]', email: '[redacted]', nonce: '[redacted]', iss: 'https://lms.example.edu' });
  });
});
