import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AGS_CLAIM,
  BO_CLAIM,
  CES_CLAIM,
  DL_CLAIM,
  DR_CONFIGURATION_KEY,
  GS_CLAIM,
  LTI_CLAIM,
  NRPS_CLAIM,
  OIDC_PERSONAL_CLAIMS,
  PROCTORING_CLAIM,
} from '../../src/vocab/index.js';

// Each claim object holds exactly the claims of one URI namespace.
const NAMESPACES: ReadonlyArray<readonly [string, Record<string, string>]> = [
  ['https://purl.imsglobal.org/spec/lti/claim/', LTI_CLAIM],
  ['https://purl.imsglobal.org/spec/lti-dl/claim/', DL_CLAIM],
  ['https://purl.imsglobal.org/spec/lti-ags/claim/', AGS_CLAIM],
  ['https://purl.imsglobal.org/spec/lti-nrps/claim/', NRPS_CLAIM],
  ['https://purl.imsglobal.org/spec/lti-bo/claim/', BO_CLAIM],
  ['https://purl.imsglobal.org/spec/lti-gs/claim/', GS_CLAIM],
  ['https://purl.imsglobal.org/spec/lti-ap/claim/', PROCTORING_CLAIM],
  ['https://purl.imsglobal.org/spec/lti-ces/claim/', CES_CLAIM],
];

const allClaims = NAMESPACES.flatMap(([, claims]) => Object.values(claims));

describe('claim constants', () => {
  it('sit in their namespace and end in a lower-case claim name', () => {
    for (const [prefix, claims] of NAMESPACES) {
      for (const [key, uri] of Object.entries(claims)) {
        assert.ok(uri.startsWith(prefix), `${key}: ${uri}`);
        assert.match(uri.slice(prefix.length), /^[a-z0-9]+(?:[_-][a-z0-9]+)*$/, key);
      }
    }
  });

  it('have keys that are the camelCase of the claim name', () => {
    for (const [prefix, claims] of NAMESPACES) {
      for (const [key, uri] of Object.entries(claims)) {
        const name = uri.slice(prefix.length);
        assert.equal(key.toLowerCase(), name.replaceAll(/[_-]/g, ''), `${key} vs ${name}`);
      }
    }
  });

  it('are unique', () => {
    assert.equal(new Set(allClaims).size, allClaims.length);
  });

  it('spell the core launch claims as the spec does', () => {
    assert.equal(LTI_CLAIM.messageType, 'https://purl.imsglobal.org/spec/lti/claim/message_type');
    assert.equal(LTI_CLAIM.deploymentId, 'https://purl.imsglobal.org/spec/lti/claim/deployment_id');
    assert.equal(LTI_CLAIM.roleScopeMentor, 'https://purl.imsglobal.org/spec/lti/claim/role_scope_mentor');
    assert.equal(LTI_CLAIM.platformNotificationService, 'https://purl.imsglobal.org/spec/lti/claim/platformnotificationservice');
    assert.equal(LTI_CLAIM.lti1p1, 'https://purl.imsglobal.org/spec/lti/claim/lti1p1');
    assert.equal(DL_CLAIM.deepLinkingSettings, 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings');
    assert.equal(DL_CLAIM.errorLog, 'https://purl.imsglobal.org/spec/lti-dl/claim/errorlog');
    assert.equal(AGS_CLAIM.endpoint, 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint');
    assert.equal(NRPS_CLAIM.namesRoleService, 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice');
    assert.equal(BO_CLAIM.basicOutcome, 'https://purl.imsglobal.org/spec/lti-bo/claim/basicoutcome');
    assert.equal(CES_CLAIM.caliperEndpointService, 'https://purl.imsglobal.org/spec/lti-ces/claim/caliper-endpoint-service');
  });

  it('define every Deep Linking response claim of deep-linking.md §2.2', () => {
    assert.deepEqual(
      Object.values(DL_CLAIM).map((uri) => uri.split('/').at(-1)).sort(),
      ['content_items', 'data', 'deep_linking_settings', 'errorlog', 'errormsg', 'log', 'msg'],
    );
  });
});

describe('DR_CONFIGURATION_KEY', () => {
  it('names the two Dynamic Registration configuration members', () => {
    assert.equal(DR_CONFIGURATION_KEY.toolConfiguration, 'https://purl.imsglobal.org/spec/lti-tool-configuration');
    assert.equal(DR_CONFIGURATION_KEY.platformConfiguration, 'https://purl.imsglobal.org/spec/lti-platform-configuration');
    for (const key of Object.values(DR_CONFIGURATION_KEY)) assert.ok(!allClaims.includes(key));
  });
});

describe('OIDC_PERSONAL_CLAIMS', () => {
  it('lists the OIDC personal-data claims once each', () => {
    assert.deepEqual([...OIDC_PERSONAL_CLAIMS].sort(), ['email', 'family_name', 'given_name', 'locale', 'middle_name', 'name', 'picture']);
    assert.ok(!(OIDC_PERSONAL_CLAIMS as readonly string[]).includes('sub'), 'sub is always sent (MSG-004)');
  });
});
