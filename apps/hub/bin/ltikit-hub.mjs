#!/usr/bin/env node
// The ltikit-hub command; the code is in src/cli.ts, built to dist/ by `npm run build`.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('ltikit-hub is not built yet: run `npm run build` in the repository first.\n');
  process.exit(1);
}
const { runCli } = await import(cli.href);
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
if (process.argv[2] !== 'start') process.exitCode = code;
