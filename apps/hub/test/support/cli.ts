// The ltikit-hub command for tests: run as a real process (bin/ltikit-hub.mjs) with its own
// environment, its answer read as docs/hub.md promises it — JSON on stdout, a JSON error naming
// the field on the first line of stderr, a non-zero exit on failure — and a temporary folder for
// the files it reads.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Json } from './admin_api.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout on success, the first line of stderr on failure, parsed; empty when it is not JSON. */
  json: Json;
}

const BIN = new URL('../../bin/ltikit-hub.mjs', import.meta.url).pathname;

export function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      let json: Json = {};
      try {
        json = JSON.parse(code === 0 ? stdout : stderr.split('\n')[0]!) as Json;
      } catch {
        // left empty: the assertions say what was expected
      }
      resolve({ code, stdout, stderr, json });
    });
  });
}

export interface CliFiles {
  /** Writes `content` (a string as is, anything else as JSON) to `name` in the folder; answers its path. */
  write(name: string, content: unknown): string;
  /** The path of `name` in the folder, written or not. */
  path(name: string): string;
  remove(): void;
}

/** A fresh temporary folder for the files given to the command. */
export function cliFiles(prefix: string): CliFiles {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  return {
    write: (name, content) => {
      const path = join(folder, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    },
    path: (name) => join(folder, name),
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}
