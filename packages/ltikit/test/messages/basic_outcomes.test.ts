// Basic Outcomes POX envelopes (lti11.md §3, BO-004..BO-008): the spec's examples, round trips in
// both directions, an unsupported operation, each missing element named, and scores refused out of
// range, non-numeric or with an exponent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseXml } from '../../src/lib/xml.js';
import {
  BASIC_OUTCOMES_NAMESPACE,
  buildOutcomeRequest,
  buildOutcomeResponse,
  formatOutcomeScore,
  parseOutcomeRequest,
  parseOutcomeResponse,
  parseOutcomeScore,
} from '../../src/messages/basic_outcomes.js';
import { throwsLtiError } from '../support/assert_lti_error.js';

// lti11.md §3, request example.
const SPEC_REQUEST = `<?xml version="1.0" encoding="UTF-8"?>
<imsx_POXEnvelopeRequest xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0">
  <imsx_POXHeader>
    <imsx_POXRequestHeaderInfo>
      <imsx_version>V1.0</imsx_version>
      <imsx_messageIdentifier>msg-20260305-0001</imsx_messageIdentifier>
    </imsx_POXRequestHeaderInfo>
  </imsx_POXHeader>
  <imsx_POXBody>
    <replaceResultRequest>
      <resultRecord>
        <sourcedGUID><sourcedId>rs-77-a3f0</sourcedId></sourcedGUID>
        <result>
          <resultScore><language>en</language><textString>0.79</textString></resultScore>
        </result>
      </resultRecord>
    </replaceResultRequest>
  </imsx_POXBody>
</imsx_POXEnvelopeRequest>`;

// lti11.md §3, response example.
const SPEC_RESPONSE = `<?xml version="1.0" encoding="UTF-8"?>
<imsx_POXEnvelopeResponse xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0">
  <imsx_POXHeader>
    <imsx_POXResponseHeaderInfo>
      <imsx_version>V1.0</imsx_version>
      <imsx_messageIdentifier>lms-98123</imsx_messageIdentifier>
      <imsx_statusInfo>
        <imsx_codeMajor>success</imsx_codeMajor>
        <imsx_severity>status</imsx_severity>
        <imsx_description>Score for rs-77-a3f0 is now 0.79</imsx_description>
        <imsx_messageRefIdentifier>msg-20260305-0001</imsx_messageRefIdentifier>
        <imsx_operationRefIdentifier>replaceResult</imsx_operationRefIdentifier>
      </imsx_statusInfo>
    </imsx_POXResponseHeaderInfo>
  </imsx_POXHeader>
  <imsx_POXBody><replaceResultResponse/></imsx_POXBody>
</imsx_POXEnvelopeResponse>`;

/** A request envelope around `body` (the operation element), with `header` as the header info's content. */
function envelope(body: string, header = '<imsx_version>V1.0</imsx_version><imsx_messageIdentifier>m-1</imsx_messageIdentifier>'): string {
  return `<imsx_POXEnvelopeRequest xmlns="${BASIC_OUTCOMES_NAMESPACE}"><imsx_POXHeader><imsx_POXRequestHeaderInfo>${header}</imsx_POXRequestHeaderInfo></imsx_POXHeader><imsx_POXBody>${body}</imsx_POXBody></imsx_POXEnvelopeRequest>`;
}

describe('parseOutcomeRequest (BO-004, BO-005)', () => {
  it('reads the spec example', () => {
    assert.deepEqual(parseOutcomeRequest(SPEC_REQUEST), {
      messageIdentifier: 'msg-20260305-0001',
      operation: 'replaceResult',
      sourcedId: 'rs-77-a3f0',
      scoreText: '0.79',
      language: 'en',
    });
  });

  it('reads readResult and deleteResult, with a trimmed sourcedId', () => {
    for (const operation of ['readResult', 'deleteResult'] as const) {
      const xml = envelope(`<${operation}Request><resultRecord><sourcedGUID><sourcedId> rs-1 </sourcedId></sourcedGUID></resultRecord></${operation}Request>`);
      assert.deepEqual(parseOutcomeRequest(xml), { messageIdentifier: 'm-1', operation, sourcedId: 'rs-1' });
    }
  });

  it('reads the resultData extension of a replaceResult', () => {
    const xml = envelope(
      '<replaceResultRequest><resultRecord><sourcedGUID><sourcedId>rs-1</sourcedId></sourcedGUID><result><resultScore><language>en</language><textString>0.5</textString></resultScore><resultData><text>Essay &amp; notes</text><url> https://tool.example.com/s/1 </url></resultData></result></resultRecord></replaceResultRequest>',
    );
    const request = parseOutcomeRequest(xml);
    assert.equal(request.operation, 'replaceResult');
    assert.deepEqual(request.operation === 'replaceResult' ? request.resultData : undefined, { text: 'Essay & notes', url: 'https://tool.example.com/s/1' });
  });

  it('reads an envelope whose namespace is bound to a prefix', () => {
    const xml = `<ims:imsx_POXEnvelopeRequest xmlns:ims="${BASIC_OUTCOMES_NAMESPACE}"><ims:imsx_POXHeader><ims:imsx_POXRequestHeaderInfo><ims:imsx_messageIdentifier>m-9</ims:imsx_messageIdentifier></ims:imsx_POXRequestHeaderInfo></ims:imsx_POXHeader><ims:imsx_POXBody><ims:readResultRequest><ims:resultRecord><ims:sourcedGUID><ims:sourcedId>rs-9</ims:sourcedId></ims:sourcedGUID></ims:resultRecord></ims:readResultRequest></ims:imsx_POXBody></ims:imsx_POXEnvelopeRequest>`;
    assert.deepEqual(parseOutcomeRequest(xml), { messageIdentifier: 'm-9', operation: 'readResult', sourcedId: 'rs-9' });
  });

  it('reports an unknown operation as unsupported, with its name (BO-008)', () => {
    assert.deepEqual(parseOutcomeRequest(envelope('<replaceResultsRequest/>')), { messageIdentifier: 'm-1', operation: 'unsupported', requested: 'replaceResultsRequest' });
    assert.deepEqual(parseOutcomeRequest(envelope('<readResult/>')), { messageIdentifier: 'm-1', operation: 'unsupported', requested: 'readResult' });
  });

  it('names each missing element, with the message identifier once it is known', () => {
    const sourced = '<resultRecord><sourcedGUID><sourcedId>rs-1</sourcedId></sourcedGUID></resultRecord>';
    const cases: Array<[string, string, string | undefined]> = [
      [`<imsx_POXEnvelopeResponse xmlns="${BASIC_OUTCOMES_NAMESPACE}"/>`, 'imsx_POXEnvelopeRequest', undefined],
      ['<imsx_POXEnvelopeRequest xmlns="urn:wrong"/>', 'imsx_POXEnvelopeRequest', undefined],
      [`<imsx_POXEnvelopeRequest xmlns="${BASIC_OUTCOMES_NAMESPACE}"><imsx_POXBody/></imsx_POXEnvelopeRequest>`, 'imsx_POXHeader/imsx_POXRequestHeaderInfo', undefined],
      [envelope(`<readResultRequest>${sourced}</readResultRequest>`, '<imsx_version>V1.0</imsx_version>'), 'imsx_messageIdentifier', undefined],
      [envelope(`<readResultRequest>${sourced}</readResultRequest>`, '<imsx_messageIdentifier> </imsx_messageIdentifier>'), 'imsx_messageIdentifier', undefined],
      [envelope('').replace('<imsx_POXBody></imsx_POXBody>', ''), 'imsx_POXBody', 'm-1'],
      [envelope(''), 'imsx_POXBody', 'm-1'],
      [envelope(`<readResultRequest>${sourced}</readResultRequest><deleteResultRequest>${sourced}</deleteResultRequest>`), 'imsx_POXBody', 'm-1'],
      [envelope('<readResultRequest><resultRecord/></readResultRequest>'), 'resultRecord/sourcedGUID/sourcedId', 'm-1'],
      [envelope('<deleteResultRequest><resultRecord><sourcedGUID><sourcedId>  </sourcedId></sourcedGUID></resultRecord></deleteResultRequest>'), 'resultRecord/sourcedGUID/sourcedId', 'm-1'],
    ];
    for (const [xml, field, messageIdentifier] of cases) {
      const error = throwsLtiError(() => parseOutcomeRequest(xml), 'ERR_LTI11_OUTCOME_REQUEST_INVALID');
      assert.equal(error.detail?.field, field, xml);
      assert.equal(error.detail?.messageIdentifier, messageIdentifier, xml);
    }
  });

  it('refuses an element read from that appears twice, naming it', () => {
    const sourced = (inner: string): string => `<readResultRequest><resultRecord>${inner}</resultRecord></readResultRequest>`;
    const score = (resultScore: string): string =>
      envelope(`<replaceResultRequest><resultRecord><sourcedGUID><sourcedId>rs-1</sourcedId></sourcedGUID><result>${resultScore}</result></resultRecord></replaceResultRequest>`);
    const cases: Array<[string, string, string | undefined]> = [
      [envelope(sourced('<sourcedGUID><sourcedId>A</sourcedId><sourcedId>B</sourcedId></sourcedGUID>')), 'resultRecord/sourcedGUID/sourcedId', 'm-1'],
      [envelope(sourced('<sourcedGUID><sourcedId>A</sourcedId></sourcedGUID><sourcedGUID><sourcedId>B</sourcedId></sourcedGUID>')), 'resultRecord/sourcedGUID', 'm-1'],
      [envelope(`<readResultRequest><resultRecord><sourcedGUID><sourcedId>A</sourcedId></sourcedGUID></resultRecord><resultRecord/></readResultRequest>`), 'resultRecord', 'm-1'],
      [score('<resultScore><language>en</language><textString>0.1</textString><textString>0.9</textString></resultScore>'), 'resultRecord/result/resultScore/textString', 'm-1'],
      [score('<resultScore><textString>0.1</textString></resultScore><resultScore><textString>0.9</textString></resultScore>'), 'resultRecord/result/resultScore', 'm-1'],
      [envelope(sourced('<sourcedGUID><sourcedId>A</sourcedId></sourcedGUID>'), '<imsx_messageIdentifier>m-1</imsx_messageIdentifier><imsx_messageIdentifier>m-2</imsx_messageIdentifier>'), 'imsx_messageIdentifier', undefined],
      [envelope(sourced('<sourcedGUID><sourcedId>A</sourcedId></sourcedGUID>')).replace('<imsx_POXBody>', '<imsx_POXBody/><imsx_POXBody>'), 'imsx_POXBody', 'm-1'],
    ];
    for (const [xml, field, messageIdentifier] of cases) {
      const error = throwsLtiError(() => parseOutcomeRequest(xml), 'ERR_LTI11_OUTCOME_REQUEST_INVALID');
      assert.equal(error.detail?.field, field, xml);
      assert.equal(error.detail?.messageIdentifier, messageIdentifier, xml);
    }
  });

  it('refuses elements outside the Basic Outcomes namespace, naming them', () => {
    const cases: Array<[string, string, string | undefined]> = [
      [envelope('<readResultRequest><resultRecord><sourcedGUID><x:sourcedId xmlns:x="urn:evil">A</x:sourcedId></sourcedGUID></resultRecord></readResultRequest>'), 'imsx_POXBody/readResultRequest/resultRecord/sourcedGUID/sourcedId', 'm-1'],
      [envelope('<readResultRequest xmlns="urn:evil"><resultRecord><sourcedGUID><sourcedId>A</sourcedId></sourcedGUID></resultRecord></readResultRequest>'), 'imsx_POXBody/readResultRequest', 'm-1'],
      [envelope('<readResultRequest><resultRecord xmlns=""><sourcedGUID><sourcedId>A</sourcedId></sourcedGUID></resultRecord></readResultRequest>'), 'imsx_POXBody/readResultRequest/resultRecord', 'm-1'],
      [envelope('<readResultRequest><resultRecord><sourcedGUID><sourcedId>A</sourcedId></sourcedGUID><x:note xmlns:x="urn:x">hi</x:note></resultRecord></readResultRequest>'), 'imsx_POXBody/readResultRequest/resultRecord/note', 'm-1'],
      [envelope('<readResultRequest/>', '<x:imsx_messageIdentifier xmlns:x="urn:evil">m-1</x:imsx_messageIdentifier>'), 'imsx_messageIdentifier', undefined],
      [`<imsx_POXEnvelopeRequest xmlns="${BASIC_OUTCOMES_NAMESPACE}"><imsx_POXHeader xmlns="urn:evil"><imsx_POXRequestHeaderInfo/></imsx_POXHeader></imsx_POXEnvelopeRequest>`, 'imsx_POXHeader', undefined],
    ];
    for (const [xml, field, messageIdentifier] of cases) {
      const error = throwsLtiError(() => parseOutcomeRequest(xml), 'ERR_LTI11_OUTCOME_REQUEST_INVALID');
      assert.equal(error.detail?.field, field, xml);
      assert.equal(error.detail?.messageIdentifier, messageIdentifier, xml);
    }
    // The namespace may be bound to any prefix, or be the default, element by element.
    const mixed = `<imsx_POXEnvelopeRequest xmlns="${BASIC_OUTCOMES_NAMESPACE}" xmlns:o="${BASIC_OUTCOMES_NAMESPACE}"><o:imsx_POXHeader><imsx_POXRequestHeaderInfo><o:imsx_messageIdentifier>m-3</o:imsx_messageIdentifier></imsx_POXRequestHeaderInfo></o:imsx_POXHeader><imsx_POXBody><o:deleteResultRequest><resultRecord><o:sourcedGUID><sourcedId>rs-3</sourcedId></o:sourcedGUID></resultRecord></o:deleteResultRequest></imsx_POXBody></imsx_POXEnvelopeRequest>`;
    assert.deepEqual(parseOutcomeRequest(mixed), { messageIdentifier: 'm-3', operation: 'deleteResult', sourcedId: 'rs-3' });
  });

  it('refuses a value with elements inside it, naming it', () => {
    const cases: Array<[string, string, string | undefined]> = [
      [envelope('<readResultRequest><resultRecord><sourcedGUID><sourcedId>c:<b/>r:u</sourcedId></sourcedGUID></resultRecord></readResultRequest>'), 'resultRecord/sourcedGUID/sourcedId', 'm-1'],
      [
        envelope('<replaceResultRequest><resultRecord><sourcedGUID><sourcedId>rs-1</sourcedId></sourcedGUID><result><resultScore><textString>0.<i/>5</textString></resultScore></result></resultRecord></replaceResultRequest>'),
        'resultRecord/result/resultScore/textString',
        'm-1',
      ],
      [envelope('<readResultRequest/>', '<imsx_messageIdentifier>m-<b/>1</imsx_messageIdentifier>'), 'imsx_messageIdentifier', undefined],
    ];
    for (const [xml, field, messageIdentifier] of cases) {
      const error = throwsLtiError(() => parseOutcomeRequest(xml), 'ERR_LTI11_OUTCOME_REQUEST_INVALID');
      assert.equal(error.detail?.field, field, xml);
      assert.equal(error.detail?.messageIdentifier, messageIdentifier, xml);
    }
  });

  it('returns a replaceResult without a score as it is, for the platform to refuse (BO-007)', () => {
    const request = parseOutcomeRequest(envelope('<replaceResultRequest><resultRecord><sourcedGUID><sourcedId>rs-1</sourcedId></sourcedGUID></resultRecord></replaceResultRequest>'));
    assert.deepEqual(request, { messageIdentifier: 'm-1', operation: 'replaceResult', sourcedId: 'rs-1' });
  });

  it('refuses a DTD and malformed XML with the XML reader\u2019s codes', () => {
    throwsLtiError(() => parseOutcomeRequest(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${envelope('')}`), 'ERR_LTI11_XML_DTD_REFUSED');
    throwsLtiError(() => parseOutcomeRequest(envelope('<readResultRequest>')), 'ERR_LTI11_XML_MALFORMED');
  });
});

describe('parseOutcomeScore (BO-006, BO-007)', () => {
  it('accepts plain decimals from 0 to 1', () => {
    for (const [text, value] of [
      ['0', 0],
      ['1', 1],
      ['0.79', 0.79],
      [' 0.5 ', 0.5],
      ['+0.25', 0.25],
      ['.5', 0.5],
      ['1.', 1],
      ['1.0000', 1],
      ['00.30', 0.3],
    ] as const) {
      assert.equal(parseOutcomeScore(text), value, text);
    }
  });

  it('refuses scores out of range, non-numeric, with an exponent or a sign', () => {
    for (const text of ['1.5', '1.0000001', '-0', '-0.1', '2', 'abc', '', ' ', 'NaN', 'Infinity', '1e-1', '5E-1', '0x1', '0,5', '½', '0.5 0.6', '1/2']) {
      assert.equal(parseOutcomeScore(text), undefined, JSON.stringify(text));
    }
  });
});

describe('buildOutcomeRequest and parseOutcomeRequest round trip', () => {
  it('writes what the reader reads back, values escaped', () => {
    const xml = buildOutcomeRequest({ messageIdentifier: 'm<&>1', operation: 'replaceResult', sourcedId: 'a:b&c"d', score: 0.79, language: 'fr', resultData: { text: '<b>ok</b>' } });
    assert.deepEqual(parseOutcomeRequest(xml), { messageIdentifier: 'm<&>1', operation: 'replaceResult', sourcedId: 'a:b&c"d', scoreText: '0.79', language: 'fr', resultData: { text: '<b>ok</b>' } });
    for (const operation of ['readResult', 'deleteResult'] as const) {
      assert.deepEqual(parseOutcomeRequest(buildOutcomeRequest({ messageIdentifier: 'm-2', operation, sourcedId: 'rs-2' })), { messageIdentifier: 'm-2', operation, sourcedId: 'rs-2' });
    }
  });

  it('writes tiny scores without an exponent, so they read back', () => {
    const xml = buildOutcomeRequest({ messageIdentifier: 'm-3', operation: 'replaceResult', sourcedId: 'rs-3', score: 1e-7 });
    const request = parseOutcomeRequest(xml);
    assert.equal(request.operation === 'replaceResult' ? request.scoreText : undefined, '0.0000001');
    assert.equal(parseOutcomeScore('0.0000001'), 1e-7);
  });

  it('refuses to write a replaceResult without a score in [0, 1]', () => {
    for (const score of [undefined, -0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = throwsLtiError(() => buildOutcomeRequest({ messageIdentifier: 'm', operation: 'replaceResult', sourcedId: 'rs', ...(score === undefined ? {} : { score }) }), 'ERR_LTI11_OUTCOME_REQUEST_INVALID');
      assert.equal(error.detail?.field, 'score');
    }
  });
});

describe('formatOutcomeScore', () => {
  it('writes the shortest decimal, never an exponent', () => {
    assert.equal(formatOutcomeScore(0.79), '0.79');
    assert.equal(formatOutcomeScore(1), '1');
    assert.equal(formatOutcomeScore(0), '0');
    assert.equal(formatOutcomeScore(2.5e-8), '0.000000025');
  });
});

describe('parseOutcomeResponse and buildOutcomeResponse (BO-008)', () => {
  it('reads the spec response example', () => {
    assert.deepEqual(parseOutcomeResponse(SPEC_RESPONSE), {
      codeMajor: 'success',
      severity: 'status',
      description: 'Score for rs-77-a3f0 is now 0.79',
      messageIdentifier: 'lms-98123',
      messageRefIdentifier: 'msg-20260305-0001',
      operationRefIdentifier: 'replaceResult',
    });
  });

  it('reads the spec readResult body: the score, or null for an empty textString', () => {
    const withBody = (body: string): string => SPEC_RESPONSE.replace('<replaceResultResponse/>', body);
    assert.equal(parseOutcomeResponse(withBody('<readResultResponse><result><resultScore><language>en</language><textString>0.79</textString></resultScore></result></readResultResponse>')).score, 0.79);
    assert.equal(parseOutcomeResponse(withBody('<readResultResponse><result><resultScore><language>en</language><textString/></resultScore></result></readResultResponse>')).score, null);
    assert.equal(parseOutcomeResponse(withBody('<readResultResponse/>')).score, null);
    const bad = withBody('<readResultResponse><result><resultScore><textString>7</textString></resultScore></result></readResultResponse>');
    assert.equal(throwsLtiError(() => parseOutcomeResponse(bad), 'ERR_LTI11_OUTCOME_RESPONSE_INVALID').detail?.field, 'readResultResponse score');
  });

  it('round-trips every status, the read score and the codeMinor fields', () => {
    const success = buildOutcomeResponse({ messageIdentifier: 'lms-1', messageRefIdentifier: 'm-1', operation: 'readResult', codeMajor: 'success', description: 'Score is 0.5', scoreText: '0.5' });
    assert.deepEqual(parseOutcomeResponse(success), {
      codeMajor: 'success',
      severity: 'status',
      description: 'Score is 0.5',
      messageIdentifier: 'lms-1',
      messageRefIdentifier: 'm-1',
      operationRefIdentifier: 'readResult',
      score: 0.5,
    });
    const empty = buildOutcomeResponse({ messageIdentifier: 'lms-2', operation: 'readResult', codeMajor: 'success', description: 'No score' });
    assert.equal(parseOutcomeResponse(empty).score, null);
    const failure = buildOutcomeResponse({ messageIdentifier: 'lms-3', codeMajor: 'failure', description: 'a < b & c', codeMinor: { ltikit: 'ERR_LTI11_OUTCOME_SCORE_INVALID' } });
    const parsed = parseOutcomeResponse(failure);
    assert.equal(parsed.codeMajor, 'failure');
    assert.equal(parsed.severity, 'error');
    assert.equal(parsed.description, 'a < b & c');
    assert.deepEqual(parsed.codeMinor, { ltikit: 'ERR_LTI11_OUTCOME_SCORE_INVALID' });
    assert.equal(parsed.messageRefIdentifier, undefined);
    const unsupported = buildOutcomeResponse({ messageIdentifier: 'lms-4', messageRefIdentifier: 'm-4', operation: 'frobnicate', codeMajor: 'unsupported', description: 'No.' });
    assert.equal(parseOutcomeResponse(unsupported).codeMajor, 'unsupported');
    assert.equal(parseXml(unsupported).children[1]?.children[0]?.name, 'frobnicateResponse');
  });

  it('writes no operation body element for an operation name that is not an XML name', () => {
    const xml = buildOutcomeResponse({ messageIdentifier: 'lms-5', operation: '<bad>', codeMajor: 'unsupported', description: 'No.' });
    assert.equal(parseXml(xml).children[1]?.children.length, 0);
    assert.equal(parseOutcomeResponse(xml).operationRefIdentifier, '<bad>');
  });

  it('refuses a response without a known imsx_codeMajor, or that is not a response', () => {
    const error = throwsLtiError(() => parseOutcomeResponse(SPEC_RESPONSE.replace('>success<', '>great<')), 'ERR_LTI11_OUTCOME_RESPONSE_INVALID');
    assert.equal(error.detail?.field, 'imsx_codeMajor');
    throwsLtiError(() => parseOutcomeResponse(SPEC_REQUEST), 'ERR_LTI11_OUTCOME_RESPONSE_INVALID');
  });
});
