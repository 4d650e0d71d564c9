#!/usr/bin/env node
// STYLE habit 12: the tool entry must not pull in platform code, nor the platform entry tool code.
// Walks the static import graph of the built entries (dist/) and fails on a crossing.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const dist = new URL('../packages/ltikit/dist/', import.meta.url).pathname;
if (!existsSync(dist)) {
  console.error('packages/ltikit/dist is missing: run `npm run build` first.');
  process.exit(1);
}

function graph(entry) {
  const seen = new Set();
  const stack = [resolve(dist, entry)];
  while (stack.length > 0) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:import|export)[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      const specifier = match[1] ?? match[2];
      stack.push(resolve(dirname(file), specifier));
    }
  }
  return [...seen].map((file) => relative(dist, file));
}

let failed = false;
for (const [entry, forbidden] of [
  ['tool/index.js', 'platform/'],
  ['platform/index.js', 'tool/'],
]) {
  const crossing = graph(entry).filter((file) => file.startsWith(forbidden));
  if (crossing.length > 0) {
    failed = true;
    console.error(`${entry} imports ${forbidden} code: ${crossing.join(', ')}`);
  }
}
for (const entry of ['index.js', 'errors.js', 'vocab/index.js', 'stores/index.js', 'keys/index.js', 'messages/index.js']) {
  const crossing = graph(entry).filter((file) => file.startsWith('tool/') || file.startsWith('platform/'));
  if (crossing.length > 0) {
    failed = true;
    console.error(`${entry} imports side-specific code: ${crossing.join(', ')}`);
  }
}
if (failed) process.exit(1);
console.log('Entry boundaries hold: tool and platform entries are independent.');
