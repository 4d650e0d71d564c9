import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { substituteVariables } from '../../../src/platform/launch/substitute_variables.js';

const values = {
  '$User.id': 'a3f0c2e1',
  '$Context.id': 'ctx-991',
  '$ResourceLink.id': 'rl-5c8e',
  '$CourseSection.timeFrame.end': '2026-06-30T23:59:59Z',
  '$Person.email.primary': 'ada@example.edu',
  '$Person.name.full': 'Ada Lovelace',
  '$User.username': 'alovelace',
  '$User.image': 'https://lms.example.edu/ada.png',
  '$Context.id.history': '',
};

describe('substituteVariables', () => {
  it('turns the spec example configured values into the sent values (CUST-002, CUST-003)', () => {
    const configured = { uid: '$User.id', ctx: '$Context.id', rl: '$ResourceLink.id', sec_end: '$CourseSection.timeFrame.end', x: '$Unsupported.var' };
    assert.deepEqual(substituteVariables(configured, values), {
      uid: 'a3f0c2e1',
      ctx: 'ctx-991',
      rl: 'rl-5c8e',
      sec_end: '2026-06-30T23:59:59Z',
      x: '$Unsupported.var',
    });
  });

  it('replaces only values that are exactly a variable name', () => {
    const configured = { prefixed: 'id=$User.id', suffixed: '$User.id ', padded: ' $User.id', cased: '$user.id', partial: '$User', dollar: '$' };
    assert.deepEqual(substituteVariables(configured, values), configured);
  });

  it('keeps values without $ and keys as configured (no custom_ prefix, CUST-001)', () => {
    assert.deepEqual(substituteVariables({ Chapter: '3', 'with space': 'a b', empty: '' }, values), { Chapter: '3', 'with space': 'a b', empty: '' });
  });

  it('leaves a known variable literal when this launch has no value for it', () => {
    assert.deepEqual(substituteVariables({ label: '$Context.label' }, values), { label: '$Context.label' });
    assert.deepEqual(substituteVariables({ label: '$Context.label' }, { '$Context.label': undefined }), { label: '$Context.label' });
  });

  it('substitutes an empty value as empty (e.g. $Context.id.history of a context that is no copy)', () => {
    assert.deepEqual(substituteVariables({ history: '$Context.id.history' }, values), { history: '' });
  });

  it('leaves personal-data variables literal when personal data is not allowed (CUST-006)', () => {
    const configured = { email: '$Person.email.primary', full: '$Person.name.full', username: '$User.username', image: '$User.image', uid: '$User.id' };
    assert.deepEqual(substituteVariables(configured, values, { allowPersonalData: false }), { ...configured, uid: 'a3f0c2e1' });
  });

  it('substitutes personal-data variables when allowed, which is the default', () => {
    const configured = { email: '$Person.email.primary', username: '$User.username' };
    const expected = { email: 'ada@example.edu', username: 'alovelace' };
    assert.deepEqual(substituteVariables(configured, values, { allowPersonalData: true }), expected);
    assert.deepEqual(substituteVariables(configured, values), expected);
  });

  it('does not substitute a value that merely resolves to another variable (one pass only)', () => {
    assert.deepEqual(substituteVariables({ a: '$Custom.one' }, { '$Custom.one': '$User.id', '$User.id': 'u' }), { a: '$User.id' });
  });

  it('does not change its input', () => {
    const configured = { uid: '$User.id' };
    substituteVariables(configured, values);
    assert.deepEqual(configured, { uid: '$User.id' });
  });
});
