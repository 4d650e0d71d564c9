import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MEDIA_TYPE } from '../../src/vocab/index.js';

describe('MEDIA_TYPE', () => {
  const mediaTypes: readonly string[] = Object.values(MEDIA_TYPE);

  it('is unique and well-formed (type/subtype, lower case, no parameters)', () => {
    assert.equal(new Set(mediaTypes).size, mediaTypes.length);
    for (const mediaType of mediaTypes) assert.match(mediaType, /^[a-z]+\/[a-z0-9.+-]+$/, mediaType);
  });

  it('spells the service media types as the spec does', () => {
    assert.equal(MEDIA_TYPE.lineItem, 'application/vnd.ims.lis.v2.lineitem+json');
    assert.equal(MEDIA_TYPE.lineItemContainer, 'application/vnd.ims.lis.v2.lineitemcontainer+json');
    assert.equal(MEDIA_TYPE.resultContainer, 'application/vnd.ims.lis.v2.resultcontainer+json');
    assert.equal(MEDIA_TYPE.score, 'application/vnd.ims.lis.v1.score+json');
    assert.equal(MEDIA_TYPE.membershipContainer, 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json');
    assert.equal(MEDIA_TYPE.proctoringControl, 'application/vnd.ims.lti-ap.v1.control+json');
    assert.equal(MEDIA_TYPE.basicOutcome, 'application/vnd.ims.lti.v1.outcome+xml');
    assert.equal(MEDIA_TYPE.ltiLink, 'application/vnd.ims.lti.v1.ltilink');
  });

  it('names every vendor media type after its IMS vocabulary', () => {
    const vendor = mediaTypes.filter((mediaType) => mediaType.includes('vnd.'));
    assert.equal(vendor.length, 8);
    for (const mediaType of vendor) assert.match(mediaType, /^application\/vnd\.ims\.(?:lis|lti|lti-nrps|lti-ap)\.v[12]\./);
  });
});
