// Deep Linking 2.0 wire models and the checks both sides share (deep-linking.md §1.2, §3):
// the request's settings (DL-010), each content item type, and the items against the offer (DL-055).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkContentItem,
  checkDeepLinkingSettingsClaim,
  isContentItemType,
  requestedDocumentTargets,
  validateContentItems,
  validateDeepLinkingRequestClaims,
} from '../../src/messages/deep_linking.js';
import { DL_CLAIM, LTI_CLAIM } from '../../src/vocab/claims.js';
import { CONTEXT_ROLE } from '../../src/vocab/roles.js';
import { throwsLtiError } from '../support/assert_lti_error.js';
import { FULL_ITEMS } from '../support/deep_linking.js';
import { certificationSettings as recoveredSettings } from '../support/deep_linking_certification.js';

const RETURN_URL = 'https://lms.example.edu/lti/deep-linking/return?launch=l-1';

/** The certification's DL request settings (certification.md §3), with our return URL. */
const certificationSettings = () => recoveredSettings(RETURN_URL);

const withSettings = (settings: unknown): Record<string, unknown> => ({ [DL_CLAIM.deepLinkingSettings]: settings });

describe('checkDeepLinkingSettingsClaim (DL-010)', () => {
  it('reads every member of the certification payload as sent', () => {
    assert.deepEqual(checkDeepLinkingSettingsClaim(withSettings(certificationSettings())), certificationSettings());
  });

  it('keeps the return URL with its query string (DL-020) and drops unknown members', () => {
    const settings = checkDeepLinkingSettingsClaim(withSettings({ deep_link_return_url: RETURN_URL, accept_types: [], vendor_extension: 1 }));
    assert.deepEqual(settings, { deep_link_return_url: RETURN_URL, accept_types: [] });
  });

  it('refuses a request without the settings object: ERR_LTI_DL_SETTINGS_MISSING', () => {
    for (const value of [undefined, null, 'x', [certificationSettings()]]) {
      throwsLtiError(() => checkDeepLinkingSettingsClaim(withSettings(value)), 'ERR_LTI_DL_SETTINGS_MISSING');
    }
  });

  it('refuses settings without a non-empty deep_link_return_url: ERR_LTI_DL_RETURN_URL_MISSING', () => {
    for (const url of [undefined, '', 42]) {
      throwsLtiError(() => checkDeepLinkingSettingsClaim(withSettings({ ...certificationSettings(), deep_link_return_url: url })), 'ERR_LTI_DL_RETURN_URL_MISSING');
    }
  });

  it('refuses a return URL that is not absolute http(s): ERR_LTI_DL_RETURN_URL_INVALID', () => {
    for (const url of ['/relative', 'javascript:alert(1)', 'data:text/html,x', 'not a url']) {
      throwsLtiError(() => checkDeepLinkingSettingsClaim(withSettings({ ...certificationSettings(), deep_link_return_url: url })), 'ERR_LTI_DL_RETURN_URL_INVALID');
    }
  });

  it('refuses settings without an accept_types array of strings: ERR_LTI_DL_ACCEPT_TYPES_MISSING', () => {
    for (const types of [undefined, 'link', [1]]) {
      throwsLtiError(() => checkDeepLinkingSettingsClaim(withSettings({ ...certificationSettings(), accept_types: types })), 'ERR_LTI_DL_ACCEPT_TYPES_MISSING');
    }
  });

  it('refuses optional members of the wrong type: ERR_LTI_CLAIM_INVALID', () => {
    for (const [member, value] of [
      ['accept_multiple', 'true'],
      ['accept_lineitem', 1],
      ['auto_create', 'no'],
      ['data', { a: 1 }],
      ['title', 3],
      ['accept_presentation_document_targets', 'iframe'],
    ] as const) {
      throwsLtiError(() => checkDeepLinkingSettingsClaim(withSettings({ ...certificationSettings(), [member]: value })), 'ERR_LTI_CLAIM_INVALID');
    }
  });

  it('reads accept_media_types sent as a list as the comma-separated string it should be', () => {
    const settings = checkDeepLinkingSettingsClaim(withSettings({ ...certificationSettings(), accept_media_types: ['image/*', 'text/html'] }));
    assert.equal(settings.accept_media_types, 'image/*,text/html');
  });

  it('accepts a request without accept_presentation_document_targets (then nothing is known of them)', () => {
    const { accept_presentation_document_targets: _omitted, ...rest } = certificationSettings();
    assert.equal(checkDeepLinkingSettingsClaim(withSettings(rest)).accept_presentation_document_targets, undefined);
  });
});

describe('validateDeepLinkingRequestClaims', () => {
  const payload = (overrides: Record<string, unknown> = {}) => ({
    sub: '39890',
    [LTI_CLAIM.messageType]: 'LtiDeepLinkingRequest',
    [LTI_CLAIM.version]: '1.3.0',
    [LTI_CLAIM.deploymentId]: 'testdeploy',
    [LTI_CLAIM.roles]: [CONTEXT_ROLE.Instructor],
    [DL_CLAIM.deepLinkingSettings]: certificationSettings(),
    ...overrides,
  });

  it('validates the common claims and the settings; no resource_link or target_link_uri needed', () => {
    const claims = validateDeepLinkingRequestClaims(payload());
    assert.equal(claims.messageType, 'LtiDeepLinkingRequest');
    assert.equal(claims.deepLinking.data, '909708');
    assert.equal(claims.targetLinkUri, undefined);
  });

  it('refuses another message type and missing settings with their codes', () => {
    throwsLtiError(() => validateDeepLinkingRequestClaims(payload({ [LTI_CLAIM.messageType]: 'LtiResourceLinkRequest' })), 'ERR_LTI_MESSAGE_TYPE_UNSUPPORTED');
    throwsLtiError(() => validateDeepLinkingRequestClaims(payload({ [DL_CLAIM.deepLinkingSettings]: undefined })), 'ERR_LTI_DL_SETTINGS_MISSING');
    throwsLtiError(() => validateDeepLinkingRequestClaims(payload({ [LTI_CLAIM.version]: '1.1' })), 'ERR_LTI_VERSION_UNSUPPORTED');
  });
});

describe('checkContentItem (deep-linking.md §3)', () => {
  for (const item of FULL_ITEMS) {
    it(`keeps every member of a full ${item.type} item`, () => {
      assert.deepEqual(checkContentItem(structuredClone(item)), item);
    });
  }

  it('accepts the minimal item of each type', () => {
    for (const item of [
      { type: 'link', url: 'https://example.com' },
      { type: 'ltiResourceLink' },
      { type: 'file', url: 'https://example.com/f.pdf' },
      { type: 'html', html: '<p>x</p>' },
      { type: 'image', url: 'http://127.0.0.1/i.png' },
    ]) {
      assert.deepEqual(checkContentItem(item), item);
    }
  });

  it('drops members the type does not have, and reads numeric custom values as text (CUST-001)', () => {
    assert.deepEqual(checkContentItem({ type: 'html', html: '<p/>', url: 'https://x.example', extension: true }), { type: 'html', html: '<p/>' });
    assert.deepEqual(checkContentItem({ type: 'ltiResourceLink', custom: { n: 3, b: true } }), { type: 'ltiResourceLink', custom: { n: '3', b: 'true' } });
  });

  it('keeps html as text, unchanged (DL-060: sanitised by the platform)', () => {
    const html = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    assert.equal((checkContentItem({ type: 'html', html }) as { html: string }).html, html);
  });

  it('refuses URLs other than absolute http(s): ERR_LTI_DL_CONTENT_ITEM_URL_INVALID (DL-060)', () => {
    for (const item of [
      { type: 'link', url: 'javascript:alert(1)' },
      { type: 'image', url: 'data:image/png;base64,AAAA' },
      { type: 'file', url: '/relative.pdf' },
      { type: 'ltiResourceLink', url: 'ftp://tool.example.com/x' },
      { type: 'link', url: 'https://ok.example', icon: { url: 'javascript:x' } },
      { type: 'link', url: 'https://ok.example', iframe: { src: 'vbscript:x' } },
      { type: 'image', url: 'https://ok.example/i.png', thumbnail: { url: 'file:///etc/passwd' } },
    ]) {
      const error = throwsLtiError(() => checkContentItem(item, 3), 'ERR_LTI_DL_CONTENT_ITEM_URL_INVALID');
      assert.equal(error.detail?.index, 3);
    }
  });

  it('refuses items missing a required member or with a member of the wrong shape: ERR_LTI_DL_CONTENT_ITEM_INVALID', () => {
    const cases: [unknown, string][] = [
      ['not an object', ''],
      [{ url: 'https://x.example' }, 'type'],
      [{ type: 'ltiAssetProcessor' }, 'type'],
      [{ type: 'link' }, 'url'],
      [{ type: 'file', url: '' }, 'url'],
      [{ type: 'image' }, 'url'],
      [{ type: 'html' }, 'html'],
      [{ type: 'html', html: 5 }, 'html'],
      [{ type: 'link', url: 'https://x.example', title: 5 }, 'title'],
      [{ type: 'link', url: 'https://x.example', icon: {} }, 'icon.url'],
      [{ type: 'link', url: 'https://x.example', icon: 'https://x.example/i.png' }, 'icon'],
      [{ type: 'link', url: 'https://x.example', embed: {} }, 'embed.html'],
      [{ type: 'link', url: 'https://x.example', window: { width: -1 } }, 'window.width'],
      [{ type: 'image', url: 'https://x.example/i.png', height: '600' }, 'height'],
      [{ type: 'ltiResourceLink', lineItem: { label: 'x' } }, 'lineItem.scoreMaximum'],
      [{ type: 'ltiResourceLink', lineItem: { scoreMaximum: 0 } }, 'lineItem.scoreMaximum'],
      [{ type: 'ltiResourceLink', lineItem: { scoreMaximum: 10, gradesReleased: 'yes' } }, 'lineItem.gradesReleased'],
      [{ type: 'ltiResourceLink', custom: { nested: { a: 1 } } }, 'custom.nested'],
      [{ type: 'ltiResourceLink', available: { startDateTime: 'tomorrow' } }, 'available.startDateTime'],
      [{ type: 'ltiResourceLink', submission: { endDateTime: '2026-13-45T99:00:00Z' } }, 'submission.endDateTime'],
      [{ type: 'file', url: 'https://x.example/f', expiresAt: 1767225600 }, 'expiresAt'],
    ];
    for (const [item, path] of cases) {
      const error = throwsLtiError(() => checkContentItem(item, 1), 'ERR_LTI_DL_CONTENT_ITEM_INVALID');
      assert.equal(error.detail?.path, path, JSON.stringify(item));
      assert.equal(error.detail?.index, 1);
    }
  });
});

describe('validateContentItems (DL-055, DL-061)', () => {
  const offer = { accept_types: ['link', 'ltiResourceLink', 'file', 'html', 'image'], accept_multiple: true };

  it('reads an absent or empty content_items as nothing selected (DL-061)', () => {
    assert.deepEqual(validateContentItems(undefined, offer), []);
    assert.deepEqual(validateContentItems(null, offer), []);
    assert.deepEqual(validateContentItems([], offer), []);
  });

  it('accepts all five types when offered, in order', () => {
    assert.deepEqual(validateContentItems(structuredClone(FULL_ITEMS), offer), FULL_ITEMS);
  });

  it('refuses a content_items that is not an array: ERR_LTI_DL_CONTENT_ITEMS_INVALID', () => {
    throwsLtiError(() => validateContentItems({ type: 'link', url: 'https://x.example' }, offer), 'ERR_LTI_DL_CONTENT_ITEMS_INVALID');
  });

  it('refuses a type not in accept_types: ERR_LTI_DL_CONTENT_ITEM_TYPE_NOT_ACCEPTED (DL-011, DL-040)', () => {
    const error = throwsLtiError(
      () => validateContentItems([{ type: 'link', url: 'https://x.example' }, { type: 'html', html: '<p/>' }], { accept_types: ['link'], accept_multiple: true }),
      'ERR_LTI_DL_CONTENT_ITEM_TYPE_NOT_ACCEPTED',
    );
    assert.deepEqual(error.detail, { index: 1, type: 'html', accept_types: ['link'] });
  });

  it('refuses more than one item unless accept_multiple is true: ERR_LTI_DL_MULTIPLE_NOT_ACCEPTED (DL-012)', () => {
    const two = [
      { type: 'link', url: 'https://a.example' },
      { type: 'link', url: 'https://b.example' },
    ];
    throwsLtiError(() => validateContentItems(two, { accept_types: ['link'], accept_multiple: false }), 'ERR_LTI_DL_MULTIPLE_NOT_ACCEPTED');
    throwsLtiError(() => validateContentItems(two, { accept_types: ['link'] }), 'ERR_LTI_DL_MULTIPLE_NOT_ACCEPTED');
    assert.equal(validateContentItems(two.slice(0, 1), { accept_types: ['link'] }).length, 1);
  });
});

describe('isContentItemType and requestedDocumentTargets', () => {
  it('knows the five types of §3 only (DL-040)', () => {
    assert.ok(isContentItemType('ltiResourceLink'));
    assert.ok(!isContentItemType('ltiAssetProcessor'));
  });

  it('lists the presentation targets an item asks for (DL-012)', () => {
    assert.deepEqual(requestedDocumentTargets(FULL_ITEMS[0]!), ['iframe', 'window', 'embed']);
    assert.deepEqual(requestedDocumentTargets(FULL_ITEMS[1]!), ['iframe', 'window']);
    assert.deepEqual(requestedDocumentTargets(FULL_ITEMS[3]!), []);
  });
});
