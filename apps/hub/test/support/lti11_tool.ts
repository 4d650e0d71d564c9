// An LTI 1.1 tool for the hub's tests, written independently of ltikit (its signer is the tests' own, on node:crypto): it checks
// the OAuth 1.0a HMAC-SHA1 signature of the launch forms it receives (RFC 5849 §3.4) and signs the
// Basic Outcomes requests it sends (with `oauth_body_hash`), on 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { independentBodyHash, independentSignature, rfc3986 } from '../../../../packages/ltikit/test/support/independent_oauth1.js';

/** A Basic Outcomes POX request (BO-004..BO-006). */
export function outcomeXml(operation: 'replaceResult' | 'readResult' | 'deleteResult', sourcedId: string, score?: string): string {
  const result = score === undefined ? '' : `<result><resultScore><language>en</language><textString>${score}</textString></resultScore></result>`;
  return `<?xml version="1.0" encoding="UTF-8"?><imsx_POXEnvelopeRequest xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0"><imsx_POXHeader><imsx_POXRequestHeaderInfo><imsx_version>V1.0</imsx_version><imsx_messageIdentifier>${randomUUID()}</imsx_messageIdentifier></imsx_POXRequestHeaderInfo></imsx_POXHeader><imsx_POXBody><${operation}Request><resultRecord><sourcedGUID><sourcedId>${sourcedId}</sourcedId></sourcedGUID>${result}</resultRecord></${operation}Request></imsx_POXBody></imsx_POXEnvelopeRequest>`;
}

/** POSTs a signed Basic Outcomes request (BO-001..BO-003); answers the status and the XML. */
export async function postOutcome(url: string, xml: string, credential: { key: string; secret: string }): Promise<{ status: number; xml: string }> {
  const oauth: Array<[string, string]> = [
    ['oauth_version', '1.0'],
    ['oauth_nonce', randomUUID()],
    ['oauth_timestamp', String(Math.floor(Date.now() / 1000))],
    ['oauth_consumer_key', credential.key],
    ['oauth_body_hash', independentBodyHash(xml)],
    ['oauth_signature_method', 'HMAC-SHA1'],
  ];
  const query = [...new URL(url).searchParams] as Array<[string, string]>;
  oauth.push(['oauth_signature', independentSignature('POST', url, [...query, ...oauth], credential.secret)]);
  const authorization = `OAuth realm="",${oauth.map(([name, value]) => `${name}="${rfc3986(value)}"`).join(',')}`;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/xml', authorization }, body: xml });
  return { status: response.status, xml: await response.text() };
}

/** One launch the tool received: its form, and whether the signature matched the secret. */
export interface ReceivedLaunch {
  fields: Map<string, string>;
  signatureValid: boolean;
}

export interface Lti11TestTool {
  launchUrl: string;
  launches: ReceivedLaunch[];
  /** The secret the tool checks signatures with (given once the hub generated it). */
  trust(secret: string): void;
  close(): Promise<void>;
}

export async function startLti11TestTool(): Promise<Lti11TestTool> {
  const launches: ReceivedLaunch[] = [];
  let secret = '';
  let origin = '';
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const fields = [...new URLSearchParams(body)] as Array<[string, string]>;
      const url = `${origin}${request.url ?? '/'}`;
      const query = [...new URL(url).searchParams] as Array<[string, string]>;
      const received = new Map(fields).get('oauth_signature') ?? '';
      const signatureValid = secret !== '' && independentSignature(request.method ?? 'POST', url, [...query, ...fields], secret) === received;
      launches.push({ fields: new Map(fields), signatureValid });
      const user = (new Map(fields).get('user_id') ?? '').replace(/[^\w-]/g, '');
      response
        .writeHead(signatureValid ? 200 : 401, { 'content-type': 'text/html' })
        .end(signatureValid ? `<h1 id="launched">Launched</h1><p id="user">${user}</p>` : '<h1 id="bad-signature">Bad signature</h1>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    launchUrl: `${origin}/lti11/launch`,
    launches,
    trust: (value) => {
      secret = value;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
