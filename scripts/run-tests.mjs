#!/usr/bin/env node
// Runs every *.test.ts of the workspace with Node's test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [folder-or-file …]   (default: the whole workspace)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const skip = new Set(['node_modules', 'dist', '.git', 'data', 'bench']);

function collect(path, found) {
  const stat = statSync(path);
  if (stat.isFile()) {
    if (path.endsWith('.test.ts')) found.push(path);
    return;
  }
  for (const entry of readdirSync(path)) {
    if (!skip.has(entry)) collect(join(path, entry), found);
  }
}

const targets = process.argv.slice(2);
const files = [];
for (const target of targets.length > 0 ? targets : ['packages', 'apps', 'conformance', 'examples', 'interop']) {
  try {
    collect(join(root, target), files);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
}
files.sort();
if (files.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}
console.log(`Running ${files.length} test files.`);
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files.map((file) => relative(root, file))], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
