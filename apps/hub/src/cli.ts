/**
 * `ltikit-hub`: the hub's command line. `start` runs the hub; every other command talks to a
 * running hub through its JSON admin API (`LTIKIT_HUB_URL`, default http://localhost:3000, with
 * `LTIKIT_ADMIN_TOKEN` outside sandbox mode) and prints the answer as JSON on stdout. Failures print
 * a JSON error on stderr and exit 1 (2 for a command line that cannot be read).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const USAGE = `Usage: ltikit-hub <command> [options]

  start                                   run the hub (same as npm start)
  tool add --file tool.json               register a tool from its registration document and deploy it
  tool edit --client-id ID --file tool.json
                                          replace a tool's registration document
  tool list                               every registered tool
  tool show --client-id ID                one tool
  tool register --url URL [--replaces K]  start a Dynamic Registration: prints the URL to open
                                          (in a browser) and the session to look the tool up by;
                                          --replaces K: the tool registers as the LTI 1.3 version
                                          of the LTI 1.1 tool with consumer key K (its links and
                                          grades continue once approved)
  tool registration --session ID          the tool that registered in that session (pending review)
  tool approve --client-id ID [--scopes "S1 S2"] [--claims "name email"]
                                          enable a registered tool (fewer grants if given) and
                                          deploy it in the sandbox course
  tool reject --client-id ID              remove a registered tool waiting for review
  lti11-tool add --name N --launch-url URL [--consumer-key K] [--secret S] [--claims "name email"]
               [--document-target iframe|window]
                                          register an LTI 1.1 tool by key and secret and deploy it;
                                          a generated secret is printed this once
  lti11-tool list                         every LTI 1.1 tool (secrets are never listed)
  lti11-tool show --consumer-key K        one LTI 1.1 tool
  lti11-tool upgrade --consumer-key K --file tool.json
                                          upgrade it to LTI 1.3 from its 1.3 registration document:
                                          same links, users and grades, launches with the lti1p1 claim
  platform add --file platform.json       let a platform launch the demo tool; prints the tool's URLs
  platform list                           the platforms the demo tool trusts
  launch-url [--client-id ID] [--user U] [--course C] [--role R] [--message TYPE]
                                          a one-time URL that runs a whole launch as that person
  keys list [--key-set platform|demo-tool]
  keys rotate [--key-set platform|demo-tool] [--force]
                                          publish a next key; run again 5 minutes later to
                                          activate it (--force: activate a new key at once)

Environment: LTIKIT_HUB_URL (default http://localhost:3000), LTIKIT_ADMIN_TOKEN (outside sandbox mode).`;

/** A failure the CLI reports; `exitCode` 2 means the command line itself was wrong. */
export class CliError extends Error {
  constructor(
    readonly body: Record<string, unknown>,
    readonly exitCode: 1 | 2,
  ) {
    super(String(body.error_description ?? body.error));
  }
}

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  fetch?: typeof fetch;
}

const usageError = (description: string): CliError => new CliError({ error: 'ERR_CLI_USAGE', error_description: description }, 2);

/** Runs one command line; resolves the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const result = await dispatch(argv, io);
    if (result !== undefined) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (thrown) {
    if (thrown instanceof CliError) {
      io.stderr(`${JSON.stringify(thrown.body)}\n`);
      if (thrown.exitCode === 2) io.stderr(`${USAGE}\n`);
      return thrown.exitCode;
    }
    io.stderr(`${JSON.stringify({ error: 'ERR_CLI_FAILED', error_description: thrown instanceof Error ? thrown.message : String(thrown) })}\n`);
    return 1;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<unknown> {
  const [command, sub, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return undefined;
  }
  const api = new AdminApi(io);
  switch (command) {
    case 'start':
      await import('./main.js');
      return undefined;
    case 'tool': {
      const options = flags(rest, { file: 'string', 'client-id': 'string', url: 'string', replaces: 'string', session: 'string', scopes: 'string', claims: 'string' });
      const list = (value: string | undefined): string[] | undefined => (value === undefined ? undefined : value.split(/[\s,]+/).filter(Boolean));
      switch (sub) {
        case 'register': {
          const url = need(options, 'url');
          if (options.replaces !== undefined && options.replaces.trim() === '') throw usageError('--replaces needs the consumer key of an LTI 1.1 tool.');
          return api.call('POST', '/registrations', { url, ...(options.replaces === undefined ? {} : { replaces: options.replaces }) });
        }
        case 'registration':
          return api.call('GET', `/registrations/${encodeURIComponent(need(options, 'session'))}`);
        case 'approve': {
          const scopes = list(options.scopes);
          const claims = list(options.claims);
          return api.call('POST', `/tools/${encodeURIComponent(need(options, 'client-id'))}/approve`, { ...(scopes === undefined ? {} : { scopes }), ...(claims === undefined ? {} : { claims }) });
        }
        case 'reject':
          return api.call('POST', `/tools/${encodeURIComponent(need(options, 'client-id'))}/reject`);
        case 'add':
          return api.call('POST', '/tools', await readDocument(need(options, 'file')));
        case 'edit':
          return api.call('PUT', `/tools/${encodeURIComponent(need(options, 'client-id'))}`, await readDocument(need(options, 'file')));
        case 'list':
          return api.call('GET', '/tools');
        case 'show':
          return api.call('GET', `/tools/${encodeURIComponent(need(options, 'client-id'))}`);
      }
      throw usageError(`Unknown tool command "${sub ?? ''}"; use add, edit, list, show, register, registration, approve or reject.`);
    }
    case 'lti11-tool': {
      const options = flags(rest, { name: 'string', 'launch-url': 'string', 'consumer-key': 'string', secret: 'string', claims: 'string', 'document-target': 'string', file: 'string' });
      switch (sub) {
        case 'add': {
          const body: Record<string, unknown> = { name: need(options, 'name'), launch_url: need(options, 'launch-url') };
          for (const [flag, field] of [['consumer-key', 'consumer_key'], ['secret', 'secret'], ['document-target', 'document_target']] as const) {
            const value = options[flag];
            if (value !== undefined) body[field] = value;
          }
          if (options.claims !== undefined) body.claims = options.claims.split(/[\s,]+/).filter(Boolean);
          return api.call('POST', '/lti11-tools', body);
        }
        case 'list':
          return api.call('GET', '/lti11-tools');
        case 'show':
          return api.call('GET', `/lti11-tools/${encodeURIComponent(need(options, 'consumer-key'))}`);
        case 'upgrade': {
          const consumerKey = need(options, 'consumer-key');
          return api.call('POST', `/lti11-tools/${encodeURIComponent(consumerKey)}/upgrade`, await readDocument(need(options, 'file')));
        }
      }
      throw usageError(`Unknown lti11-tool command "${sub ?? ''}"; use add, list, show or upgrade.`);
    }
    case 'platform': {
      const options = flags(rest, { file: 'string' });
      if (sub === 'add') return api.call('POST', '/platforms', await readDocument(need(options, 'file')));
      if (sub === 'list') return api.call('GET', '/platforms');
      throw usageError(`Unknown platform command "${sub ?? ''}"; use add or list.`);
    }
    case 'launch-url': {
      const options = flags(sub === undefined ? [] : [sub, ...rest], { 'client-id': 'string', user: 'string', course: 'string', role: 'string', message: 'string' });
      const body: Record<string, string> = {};
      for (const [flag, field] of [['client-id', 'client_id'], ['user', 'user'], ['course', 'course'], ['role', 'role'], ['message', 'message']] as const) {
        const value = options[flag];
        if (value !== undefined) body[field] = value;
      }
      return api.call('POST', '/launch-url', body);
    }
    case 'keys': {
      const options = flags(rest, { 'key-set': 'string', force: 'boolean' });
      const query = new URLSearchParams();
      if (options['key-set'] !== undefined) query.set('key_set', String(options['key-set']));
      if (sub === 'list') return api.call('GET', `/keys${query.size > 0 ? `?${query}` : ''}`);
      if (options.force === true) query.set('force', 'true');
      if (sub === 'rotate') return api.call('POST', `/keys/rotate${query.size > 0 ? `?${query}` : ''}`);
      throw usageError(`Unknown keys command "${sub ?? ''}"; use list or rotate.`);
    }
  }
  throw usageError(`Unknown command "${command}".`);
}

function flags<T extends Record<string, 'string' | 'boolean'>>(args: string[], spec: T): { [K in keyof T]?: T[K] extends 'boolean' ? boolean : string } {
  try {
    const { values } = parseArgs({ args, options: Object.fromEntries(Object.entries(spec).map(([name, type]) => [name, { type }])), strict: true, allowPositionals: false });
    return values as { [K in keyof T]?: T[K] extends 'boolean' ? boolean : string };
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
}

function need(options: Record<string, string | undefined>, name: string): string {
  const value = options[name];
  if (value === undefined || value === '') throw usageError(`--${name} is required.`);
  return value;
}

async function readDocument(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new CliError({ error: 'ERR_CLI_FILE_UNREADABLE', error_description: `${path} cannot be read (${code}).`, field: '--file' }, 1);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError({ error: 'ERR_CLI_FILE_INVALID', error_description: `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, field: '--file' }, 1);
  }
}

class AdminApi {
  readonly #base: string;
  readonly #token: string | undefined;
  readonly #fetch: typeof fetch;

  constructor(io: CliIo) {
    const raw = io.env.LTIKIT_HUB_URL ?? 'http://localhost:3000';
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw usageError(`LTIKIT_HUB_URL is not a URL: "${raw}".`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError('LTIKIT_HUB_URL must be an http(s) URL.');
    this.#base = `${url.href.replace(/\/+$/, '')}/api/admin`;
    this.#token = io.env.LTIKIT_ADMIN_TOKEN === '' ? undefined : io.env.LTIKIT_ADMIN_TOKEN;
    this.#fetch = io.fetch ?? fetch;
  }

  async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    // The hub refuses a POST, PUT or DELETE that is not declared JSON (a cross-site form cannot declare it), body or not.
    if (body !== undefined || method !== 'GET') headers['content-type'] = 'application/json';
    if (this.#token !== undefined) headers.authorization = `Bearer ${this.#token}`;
    let response: Response;
    try {
      response = await this.#fetch(`${this.#base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'error',
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
      throw new CliError({ error: 'ERR_CLI_HUB_UNREACHABLE', error_description: `No hub answered at ${this.#base.replace(/\/api\/admin$/, '')} (${cause}). Is it running? Set LTIKIT_HUB_URL.` }, 1);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new CliError({ error: 'ERR_CLI_HUB_ANSWER_INVALID', error_description: `The hub answered ${response.status} with a body that is not JSON.` }, 1);
    }
    if (!response.ok) throw new CliError(typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : { error: `HTTP ${response.status}` }, 1);
    return parsed;
  }
}
