/**
 * LTI 1.1 Basic Outcomes: the POX (plain old XML) envelopes of `replaceResult`, `readResult` and
 * `deleteResult`, both directions (BO-004..BO-008). Reading goes through the strict XML reader
 * (no DTD, no entity expansion); writing escapes every value.
 *
 * @example
 * ```ts
 * const xml = buildOutcomeRequest({ messageIdentifier: 'm-1', operation: 'replaceResult', sourcedId: 'rs-77', score: 0.79 });
 * const request = parseOutcomeRequest(xml); // { operation: 'replaceResult', sourcedId: 'rs-77', scoreText: '0.79', … }
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html#_Toc319560472
 */
import { LtiError } from '../errors.js';
import { type XmlElement, childElements, escapeXml, parseXml } from '../lib/xml.js';

/**
 * The namespace of every Basic Outcomes envelope (BO-004).
 *
 * @example
 * ```ts
 * root.namespace === BASIC_OUTCOMES_NAMESPACE;
 * ```
 * @see http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0
 */
export const BASIC_OUTCOMES_NAMESPACE = 'http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0';

/**
 * The three Basic Outcomes operations (BO-005).
 *
 * @example
 * ```ts
 * const operation: OutcomeOperation = 'replaceResult';
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-005)
 */
export type OutcomeOperation = 'replaceResult' | 'readResult' | 'deleteResult';

const OPERATIONS: readonly OutcomeOperation[] = ['replaceResult', 'readResult', 'deleteResult'];

/**
 * `imsx_codeMajor` of a response (BO-008).
 *
 * @example
 * ```ts
 * const code: OutcomeCodeMajor = 'unsupported';
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-008)
 */
export type OutcomeCodeMajor = 'success' | 'processing' | 'failure' | 'unsupported';

/**
 * A Basic Outcomes request as read by {@link parseOutcomeRequest}. `operation` is the body element's
 * name without `Request`; an operation other than the three is reported as `unsupported` with its
 * name, so the platform can answer `imsx_codeMajor=unsupported` (BO-008). `scoreText` is the raw
 * `textString`: check it with {@link parseOutcomeScore} (BO-007).
 *
 * @example
 * ```ts
 * const request: OutcomeRequest = { messageIdentifier: 'm-1', operation: 'readResult', sourcedId: 'rs-77' };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-004, BO-005)
 */
export type OutcomeRequest =
  | {
      messageIdentifier: string;
      operation: OutcomeOperation;
      sourcedId: string;
      /** replaceResult: `resultScore/textString`, untrimmed. */
      scoreText?: string;
      /** replaceResult: `resultScore/language`. */
      language?: string;
      /** replaceResult: the `resultData` extension (`text`, `url`), when sent. */
      resultData?: { text?: string; url?: string };
    }
  | { messageIdentifier: string; operation: 'unsupported'; requested: string };

/**
 * Reads a Basic Outcomes request envelope (BO-004, BO-005). Throws `ERR_LTI11_XML_DTD_REFUSED`,
 * `ERR_LTI11_XML_MALFORMED`, or `ERR_LTI11_OUTCOME_REQUEST_INVALID` naming the missing element in
 * `detail.field` (with `detail.messageIdentifier` once known, so a failure response can refer to it).
 *
 * @example
 * ```ts
 * const request = parseOutcomeRequest(await request.text());
 * if (request.operation === 'unsupported') answer('unsupported');
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-004, BO-005)
 */
export function parseOutcomeRequest(xml: string): OutcomeRequest {
  const root = parseXml(xml);
  let messageIdentifier: string | undefined;
  const invalid = (field: string, problem = 'is missing.'): never => {
    throw new LtiError('ERR_LTI11_OUTCOME_REQUEST_INVALID', {
      message: `The Basic Outcomes request is invalid: ${field} ${problem}`,
      detail: { field, ...(messageIdentifier === undefined ? {} : { messageIdentifier }) },
    });
  };
  const outsideNamespace = `must be in the namespace ${BASIC_OUTCOMES_NAMESPACE}.`;
  // BO-004: each element read appears once, in the Basic Outcomes namespace, so no two readers of
  // the same envelope (a tool's proxy, the platform) can take different values from it.
  const single = (parent: XmlElement | undefined, name: string, field: string): XmlElement | undefined => {
    if (parent === undefined) return undefined;
    const found = childElements(parent, name);
    if (found.length > 1) invalid(field, 'must appear once.');
    if (found[0] !== undefined && found[0].namespace !== BASIC_OUTCOMES_NAMESPACE) invalid(field, outsideNamespace);
    return found[0];
  };
  /** A value element: text only, never text around child elements. */
  const value = (parent: XmlElement | undefined, name: string, field: string): string | undefined => {
    const element = single(parent, name, field);
    if (element !== undefined && element.children.length > 0) invalid(field, 'must hold text only.');
    return element?.text;
  };
  if (root.name !== 'imsx_POXEnvelopeRequest') invalid('imsx_POXEnvelopeRequest', 'must be the root element.');
  if (root.namespace !== BASIC_OUTCOMES_NAMESPACE) invalid('imsx_POXEnvelopeRequest', outsideNamespace);
  const info = single(single(root, 'imsx_POXHeader', 'imsx_POXHeader'), 'imsx_POXRequestHeaderInfo', 'imsx_POXHeader/imsx_POXRequestHeaderInfo');
  if (info === undefined) return invalid('imsx_POXHeader/imsx_POXRequestHeaderInfo');
  const identifier = value(info, 'imsx_messageIdentifier', 'imsx_messageIdentifier')?.trim();
  if (identifier === undefined || identifier === '') return invalid('imsx_messageIdentifier');
  messageIdentifier = identifier;
  const foreign = foreignElement(root, BASIC_OUTCOMES_NAMESPACE);
  if (foreign !== undefined) return invalid(foreign, outsideNamespace);
  const body = single(root, 'imsx_POXBody', 'imsx_POXBody');
  if (body === undefined) return invalid('imsx_POXBody');
  if (body.children.length !== 1) return invalid('imsx_POXBody', 'must hold exactly one operation.');
  const operationElement = body.children[0]!;
  const requested = operationElement.name.replace(/Request$/, '');
  const operation = OPERATIONS.find((candidate) => candidate === requested);
  if (operation === undefined || !operationElement.name.endsWith('Request')) return { messageIdentifier, operation: 'unsupported', requested: operationElement.name };
  const record = single(operationElement, 'resultRecord', 'resultRecord');
  const sourcedId = value(single(record, 'sourcedGUID', 'resultRecord/sourcedGUID'), 'sourcedId', 'resultRecord/sourcedGUID/sourcedId');
  if (sourcedId === undefined || sourcedId.trim() === '') return invalid('resultRecord/sourcedGUID/sourcedId');
  if (operation !== 'replaceResult') return { messageIdentifier, operation, sourcedId: sourcedId.trim() };
  const result = single(record, 'result', 'resultRecord/result');
  const resultScore = single(result, 'resultScore', 'resultRecord/result/resultScore');
  const scoreText = value(resultScore, 'textString', 'resultRecord/result/resultScore/textString');
  const language = value(resultScore, 'language', 'resultRecord/result/resultScore/language');
  const data = single(result, 'resultData', 'resultRecord/result/resultData');
  const dataText = value(data, 'text', 'resultRecord/result/resultData/text');
  const dataUrl = value(data, 'url', 'resultRecord/result/resultData/url');
  return {
    messageIdentifier,
    operation,
    sourcedId: sourcedId.trim(),
    ...(scoreText === undefined ? {} : { scoreText }),
    ...(language === undefined ? {} : { language: language.trim() }),
    ...(dataText === undefined && dataUrl === undefined
      ? {}
      : { resultData: { ...(dataText === undefined ? {} : { text: dataText }), ...(dataUrl === undefined ? {} : { url: dataUrl.trim() }) } }),
  };
}

/**
 * A `textString` score as a number in [0, 1] (BO-006, BO-007), or `undefined` when it is not a plain
 * decimal in that range (no exponent, no sign other than `+`, no `NaN`).
 *
 * @example
 * ```ts
 * parseOutcomeScore(' 0.79 '); // 0.79
 * parseOutcomeScore('1.5'); // undefined
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-006, BO-007)
 */
export function parseOutcomeScore(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\+?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= 0 && value <= 1 ? value : undefined;
}

/**
 * What {@link buildOutcomeRequest} writes.
 *
 * @example
 * ```ts
 * const input: OutcomeRequestInput = { messageIdentifier: 'm-1', operation: 'deleteResult', sourcedId: 'rs-77' };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-004..BO-006)
 */
export interface OutcomeRequestInput {
  messageIdentifier: string;
  operation: OutcomeOperation;
  sourcedId: string;
  /** replaceResult: a number in [0, 1] (BO-006). */
  score?: number;
  /** Default `en`. */
  language?: string;
  /** replaceResult: the `resultData` extension, for platforms that accept it. */
  resultData?: { text?: string; url?: string };
}

/**
 * A Basic Outcomes request envelope (BO-004..BO-006). Throws `ERR_LTI11_OUTCOME_REQUEST_INVALID`
 * for a replaceResult without a score in [0, 1].
 *
 * @example
 * ```ts
 * buildOutcomeRequest({ messageIdentifier: crypto.randomUUID(), operation: 'replaceResult', sourcedId, score: 0.8 });
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-004..BO-006)
 */
export function buildOutcomeRequest(input: OutcomeRequestInput): string {
  let result = '';
  if (input.operation === 'replaceResult') {
    const { score } = input;
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1) {
      throw new LtiError('ERR_LTI11_OUTCOME_REQUEST_INVALID', { message: 'A replaceResult score must be a number from 0 to 1 (BO-006).', detail: { field: 'score' } });
    }
    const data = input.resultData;
    const resultData =
      data === undefined
        ? ''
        : `<resultData>${data.text === undefined ? '' : `<text>${escapeXml(data.text)}</text>`}${data.url === undefined ? '' : `<url>${escapeXml(data.url)}</url>`}</resultData>`;
    result = `<result><resultScore><language>${escapeXml(input.language ?? 'en')}</language><textString>${formatOutcomeScore(score)}</textString></resultScore>${resultData}</result>`;
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<imsx_POXEnvelopeRequest xmlns="${BASIC_OUTCOMES_NAMESPACE}">` +
    `<imsx_POXHeader><imsx_POXRequestHeaderInfo><imsx_version>V1.0</imsx_version><imsx_messageIdentifier>${escapeXml(input.messageIdentifier)}</imsx_messageIdentifier></imsx_POXRequestHeaderInfo></imsx_POXHeader>` +
    `<imsx_POXBody><${input.operation}Request><resultRecord><sourcedGUID><sourcedId>${escapeXml(input.sourcedId)}</sourcedId></sourcedGUID>${result}</resultRecord></${input.operation}Request></imsx_POXBody>` +
    '</imsx_POXEnvelopeRequest>'
  );
}

/**
 * What {@link buildOutcomeResponse} writes (BO-008).
 *
 * @example
 * ```ts
 * const input: OutcomeResponseInput = { messageIdentifier: 'lms-1', messageRefIdentifier: 'm-1', operation: 'replaceResult',
 *   codeMajor: 'success', description: 'Score recorded.' };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-008)
 */
export interface OutcomeResponseInput {
  messageIdentifier: string;
  /** The request's `imsx_messageIdentifier`, when it could be read. */
  messageRefIdentifier?: string;
  /** The operation answered (its name without `Request`), when known. */
  operation?: string;
  codeMajor: OutcomeCodeMajor;
  /** Default: `status` for success, `error` otherwise. */
  severity?: 'status' | 'warning' | 'error';
  description: string;
  /** readResult: the score as text; `''` when there is no grade (BO-008). */
  scoreText?: string;
  language?: string;
  /**
   * `imsx_codeMinor` fields (name and value), e.g. `{ ltikit: 'ERR_LTI11_OUTCOME_SCORE_INVALID' }`:
   * the machine-readable reason of a failure, beside the human `description`.
   */
  codeMinor?: Record<string, string>;
}

/**
 * A Basic Outcomes response envelope (BO-008): the status, and the operation's response element
 * (`readResultResponse` with the score for a successful readResult).
 *
 * @example
 * ```ts
 * new Response(buildOutcomeResponse({ messageIdentifier: id, messageRefIdentifier: request.messageIdentifier,
 *   operation: 'deleteResult', codeMajor: 'success', description: 'Deleted.' }), { headers: { 'content-type': 'application/xml' } });
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-008)
 */
export function buildOutcomeResponse(input: OutcomeResponseInput): string {
  const severity = input.severity ?? (input.codeMajor === 'success' ? 'status' : 'error');
  let body = '';
  if (input.operation !== undefined && /^[A-Za-z_][\w.-]*$/.test(input.operation)) {
    const score =
      input.operation === 'readResult' && input.codeMajor === 'success'
        ? `<result><resultScore><language>${escapeXml(input.language ?? 'en')}</language><textString>${escapeXml(input.scoreText ?? '')}</textString></resultScore></result>`
        : '';
    body = score === '' ? `<${input.operation}Response/>` : `<${input.operation}Response>${score}</${input.operation}Response>`;
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<imsx_POXEnvelopeResponse xmlns="${BASIC_OUTCOMES_NAMESPACE}">` +
    '<imsx_POXHeader><imsx_POXResponseHeaderInfo><imsx_version>V1.0</imsx_version>' +
    `<imsx_messageIdentifier>${escapeXml(input.messageIdentifier)}</imsx_messageIdentifier>` +
    `<imsx_statusInfo><imsx_codeMajor>${input.codeMajor}</imsx_codeMajor><imsx_severity>${severity}</imsx_severity>` +
    `<imsx_description>${escapeXml(input.description)}</imsx_description>` +
    (input.messageRefIdentifier === undefined ? '' : `<imsx_messageRefIdentifier>${escapeXml(input.messageRefIdentifier)}</imsx_messageRefIdentifier>`) +
    (input.operation === undefined ? '' : `<imsx_operationRefIdentifier>${escapeXml(input.operation)}</imsx_operationRefIdentifier>`) +
    codeMinorXml(input.codeMinor) +
    '</imsx_statusInfo></imsx_POXResponseHeaderInfo></imsx_POXHeader>' +
    `<imsx_POXBody>${body}</imsx_POXBody>` +
    '</imsx_POXEnvelopeResponse>'
  );
}

/**
 * A Basic Outcomes response as read by {@link parseOutcomeResponse}. `score` is present for a
 * readResult response: a number, or `null` when the platform has no grade.
 *
 * @example
 * ```ts
 * const response: OutcomeResponse = { codeMajor: 'success', severity: 'status', description: '', score: 0.79 };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-008)
 */
export interface OutcomeResponse {
  codeMajor: OutcomeCodeMajor;
  severity: string;
  description: string;
  messageIdentifier?: string;
  messageRefIdentifier?: string;
  operationRefIdentifier?: string;
  score?: number | null;
  /** `imsx_codeMinor` fields by name, when the platform sent any. */
  codeMinor?: Record<string, string>;
}

/**
 * Reads a Basic Outcomes response envelope (BO-008). Throws `ERR_LTI11_OUTCOME_RESPONSE_INVALID`
 * (or an XML code) when it is not one; a `failure` status is returned, not thrown.
 *
 * @example
 * ```ts
 * const { codeMajor, score } = parseOutcomeResponse(await response.text());
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-008)
 */
export function parseOutcomeResponse(xml: string): OutcomeResponse {
  const root = parseXml(xml);
  const invalid = (field: string): never => {
    throw new LtiError('ERR_LTI11_OUTCOME_RESPONSE_INVALID', { message: `The Basic Outcomes response has no valid ${field} (BO-008).`, detail: { field } });
  };
  if (root.name !== 'imsx_POXEnvelopeResponse') invalid('imsx_POXEnvelopeResponse root');
  const info = path(root, ['imsx_POXHeader', 'imsx_POXResponseHeaderInfo']);
  const status = info === undefined ? undefined : one(info, 'imsx_statusInfo');
  const codeMajor = textOf(status, 'imsx_codeMajor')?.trim();
  if (codeMajor !== 'success' && codeMajor !== 'processing' && codeMajor !== 'failure' && codeMajor !== 'unsupported') return invalid('imsx_codeMajor');
  const response: OutcomeResponse = {
    codeMajor,
    severity: textOf(status, 'imsx_severity')?.trim() ?? '',
    description: textOf(status, 'imsx_description') ?? '',
  };
  const optional = { messageIdentifier: textOf(info, 'imsx_messageIdentifier'), messageRefIdentifier: textOf(status, 'imsx_messageRefIdentifier'), operationRefIdentifier: textOf(status, 'imsx_operationRefIdentifier') };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (response as unknown as Record<string, string>)[key] = value.trim();
  const minor = path(status, ['imsx_codeMinor']);
  if (minor !== undefined) {
    const codeMinor: Record<string, string> = {};
    for (const field of childElements(minor, 'imsx_codeMinorField')) {
      const name = textOf(field, 'imsx_codeMinorFieldName')?.trim();
      if (name) codeMinor[name] = textOf(field, 'imsx_codeMinorFieldValue')?.trim() ?? '';
    }
    if (Object.keys(codeMinor).length > 0) response.codeMinor = codeMinor;
  }
  const readResponse = path(root, ['imsx_POXBody', 'readResultResponse']);
  if (readResponse !== undefined) {
    const text = textOf(path(readResponse, ['result', 'resultScore']), 'textString')?.trim() ?? '';
    if (text === '') response.score = null;
    else {
      const score = parseOutcomeScore(text);
      if (score === undefined) return invalid('readResultResponse score');
      response.score = score;
    }
  }
  return response;
}

/**
 * The shortest decimal text of a score, never an exponent (BO-006): what `textString` carries.
 *
 * @example
 * ```ts
 * formatOutcomeScore(0.79); // '0.79'
 * formatOutcomeScore(1e-7); // '0.0000001'
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-006)
 */
export function formatOutcomeScore(score: number): string {
  const text = String(score);
  return /e/i.test(text) ? score.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : text;
}

function codeMinorXml(codeMinor: Record<string, string> | undefined): string {
  if (codeMinor === undefined || Object.keys(codeMinor).length === 0) return '';
  const fields = Object.entries(codeMinor)
    .map(([name, value]) => `<imsx_codeMinorField><imsx_codeMinorFieldName>${escapeXml(name)}</imsx_codeMinorFieldName><imsx_codeMinorFieldValue>${escapeXml(value)}</imsx_codeMinorFieldValue></imsx_codeMinorField>`)
    .join('');
  return `<imsx_codeMinor>${fields}</imsx_codeMinor>`;
}

/** The path (local names below `parent`) of the first element under it outside `namespace`, if any. */
function foreignElement(parent: XmlElement, namespace: string, prefix = ''): string | undefined {
  for (const child of parent.children) {
    const path = `${prefix}${child.name}`;
    if (child.namespace !== namespace) return path;
    // The reader caps the depth, so this recursion is bounded.
    const below = foreignElement(child, namespace, `${path}/`);
    if (below !== undefined) return below;
  }
  return undefined;
}

function one(element: XmlElement, name: string): XmlElement | undefined {
  return childElements(element, name)[0];
}

function path(element: XmlElement | undefined, names: readonly string[]): XmlElement | undefined {
  let current = element;
  for (const name of names) current = current === undefined ? undefined : one(current, name);
  return current;
}

function textOf(element: XmlElement | undefined, name: string): string | undefined {
  return element === undefined ? undefined : one(element, name)?.text;
}
