// A small closed-loop HTTP/1.1 load generator for 127.0.0.1: a fixed number of keep-alive
// connections, each with one request in flight, working through a fixed list of pre-serialised
// requests. Raw sockets rather than fetch: on a 2-core machine the client shares the CPU with the
// server under test, and every microsecond the client spends per request pulls the two sides of a
// comparison towards each other.
import { connect, type Socket } from 'node:net';

/** One response as the server sent it. */
export interface LoadResponse {
  status: number;
  body: Buffer;
}

export interface LoadOptions {
  port: number;
  /** Serialised requests (request line, headers, body), each sent exactly once, in order. */
  requests: readonly Buffer[];
  concurrency: number;
  /** Whether a response counts as a success; every other one is counted and kept as a sample. */
  isSuccess: (response: LoadResponse) => boolean;
  /** Called with every response and the index of its request in `requests` (e.g. to check afterwards what each request did). */
  onResponse?: (index: number, response: LoadResponse) => void;
}

export interface LoadResult {
  requests: number;
  successes: number;
  failures: number;
  /** The first few failing responses (status and the start of the body), for the report. */
  failureSamples: { status: number; body: string }[];
  /** Count of responses by status code. */
  statuses: Map<number, number>;
  durationMs: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  /** One successful response body, for checks made after the run (e.g. verify an issued id_token). */
  sampleBody: Buffer | undefined;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
const MAX_FAILURE_SAMPLES = 5;

/** Serialises an HTTP/1.1 request for {@link runLoad}. */
export function serializeRequest(options: { method: 'GET' | 'POST'; path: string; port: number; headers?: Record<string, string>; body?: string }): Buffer {
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  let head = `${options.method} ${options.path} HTTP/1.1\r\nhost: 127.0.0.1:${options.port}\r\nconnection: keep-alive\r\n`;
  for (const [name, value] of Object.entries(options.headers ?? {})) head += `${name}: ${value}\r\n`;
  if (body !== undefined) head += `content-length: ${body.byteLength}\r\n`;
  head += '\r\n';
  return body === undefined ? Buffer.from(head) : Buffer.concat([Buffer.from(head), body]);
}

/**
 * Parses one complete response at the start of `data`; undefined when more bytes are needed.
 * Supports `content-length` and `transfer-encoding: chunked` (no trailers), which is all the
 * servers under test send.
 */
function parseResponse(data: Buffer): { response: LoadResponse; consumed: number } | undefined {
  const headerEnd = data.indexOf(HEADER_END);
  if (headerEnd === -1) return undefined;
  const head = data.toString('latin1', 0, headerEnd);
  const status = Number(head.slice(9, 12));
  const lower = head.toLowerCase();
  const bodyStart = headerEnd + 4;
  const lengthMatch = /\r\ncontent-length:\s*(\d+)/.exec(lower);
  if (lengthMatch !== null) {
    const end = bodyStart + Number(lengthMatch[1]);
    if (data.byteLength < end) return undefined;
    return { response: { status, body: data.subarray(bodyStart, end) }, consumed: end };
  }
  if (!/\r\ntransfer-encoding:\s*chunked/.test(lower)) {
    // No body framing: only valid for bodiless statuses.
    return { response: { status, body: Buffer.alloc(0) }, consumed: bodyStart };
  }
  const chunks: Buffer[] = [];
  let offset = bodyStart;
  for (;;) {
    const lineEnd = data.indexOf(CRLF, offset);
    if (lineEnd === -1) return undefined;
    const size = Number.parseInt(data.toString('latin1', offset, lineEnd).split(';')[0]!, 16);
    if (!Number.isFinite(size)) throw new Error(`Bad chunk size in response: ${data.toString('latin1', offset, lineEnd)}`);
    const chunkStart = lineEnd + 2;
    if (size === 0) {
      if (data.byteLength < chunkStart + 2) return undefined;
      return { response: { status, body: Buffer.concat(chunks) }, consumed: chunkStart + 2 };
    }
    if (data.byteLength < chunkStart + size + 2) return undefined;
    chunks.push(data.subarray(chunkStart, chunkStart + size));
    offset = chunkStart + size + 2;
  }
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/** Sends every request once over `concurrency` keep-alive connections; resolves when all are answered. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const total = options.requests.length;
  const latencies = new Float64Array(total);
  const statuses = new Map<number, number>();
  const failureSamples: LoadResult['failureSamples'] = [];
  let successes = 0;
  let failures = 0;
  let sampleBody: Buffer | undefined;
  let next = 0;
  let answered = 0;

  const open = (): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: options.port, noDelay: true });
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(socket);
      });
      socket.once('error', reject);
    });

  const connectionCount = Math.min(options.concurrency, total);
  // Connections are opened before the clock starts: the run measures requests, not handshakes.
  const sockets = await Promise.all(Array.from({ length: connectionCount }, open));
  const started = performance.now();

  await new Promise<void>((resolve, reject) => {
    let finished = false;
    const fail = (error: Error): void => {
      if (finished) return;
      finished = true;
      for (const socket of sockets) socket.destroy();
      reject(error);
    };

    const drive = (socket: Socket): void => {
      let buffered: Buffer = Buffer.alloc(0);
      let inflight = -1;
      let sentAt = 0;

      const send = (): void => {
        if (next >= total) {
          socket.end();
          return;
        }
        inflight = next++;
        sentAt = performance.now();
        socket.write(options.requests[inflight]!);
      };

      socket.on('data', (chunk: Buffer) => {
        buffered = buffered.byteLength === 0 ? chunk : Buffer.concat([buffered, chunk]);
        let parsed: ReturnType<typeof parseResponse>;
        try {
          parsed = parseResponse(buffered);
        } catch (error) {
          fail(error as Error);
          return;
        }
        if (parsed === undefined) return;
        if (inflight === -1) {
          fail(new Error('Response received with no request in flight'));
          return;
        }
        const { response, consumed } = parsed;
        latencies[inflight] = performance.now() - sentAt;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        options.onResponse?.(inflight, response);
        if (options.isSuccess(response)) {
          successes++;
          sampleBody ??= Buffer.from(response.body);
        } else {
          failures++;
          if (failureSamples.length < MAX_FAILURE_SAMPLES) {
            failureSamples.push({ status: response.status, body: response.body.toString('utf8', 0, Math.min(400, response.body.byteLength)) });
          }
        }
        buffered = buffered.subarray(consumed);
        inflight = -1;
        answered++;
        if (answered === total) {
          finished = true;
          resolve();
        }
        send();
      });
      socket.on('error', fail);
      socket.on('close', () => {
        if (inflight !== -1) fail(new Error(`Connection closed with request ${inflight} unanswered`));
      });
      send();
    };
    for (const socket of sockets) drive(socket);
  });

  const durationMs = performance.now() - started;
  for (const socket of sockets) socket.destroy();
  const sorted = latencies.sort();
  return {
    requests: total,
    successes,
    failures,
    failureSamples,
    statuses,
    durationMs,
    requestsPerSecond: (total * 1000) / durationMs,
    latencyMs: { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) },
    sampleBody,
  };
}
