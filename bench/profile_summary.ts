// Summarises .cpuprofile files (from `npm run bench -- --cpu-prof`): self time by function, self
// time by file, and inclusive time of ltikit's own functions, over all the files given. Sampled
// times are wall-clock: on a busy machine, native calls that lose the CPU look longer than they are.
// Usage: node --import tsx bench/profile_summary.ts [--top N] [--requests N] <file.cpuprofile>…
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

// Piped into `head`: stop quietly when the reader goes away.
process.stdout.on('error', () => process.exit(0));

const { values, positionals: files } = parseArgs({
  options: { top: { type: 'string', default: '30' }, requests: { type: 'string' } },
  allowPositionals: true,
});
if (files.length === 0) {
  console.error('Usage: node --import tsx bench/profile_summary.ts [--top N] [--requests N] <file.cpuprofile>…');
  process.exit(1);
}
const top = Number(values.top);
/** With --requests (the timed requests the profiles cover), times are shown as µs per request. */
const requests = values.requests === undefined ? undefined : Number(values.requests);

const shortUrl = (url: string): string => url.replace(/^file:\/\/.*?\/node_modules\//, '').replace(/^file:\/\/.*?\/packages\//, '');
const nameOf = (node: ProfileNode): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'}  ${shortUrl(url) || '(native)'}:${lineNumber + 1}`;
};

const selfByFunction = new Map<string, number>();
const selfByFile = new Map<string, number>();
const inclusiveByFunction = new Map<string, number>();
let total = 0;
let idle = 0;
const add = (map: Map<string, number>, key: string, value: number): void => {
  map.set(key, (map.get(key) ?? 0) + value);
};

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  // The profiler's own stop call (under bench/server_process.ts) is not the server's work.
  const excluded = new Set<number>();
  const exclude = (node: ProfileNode, inside: boolean): void => {
    const here = inside || node.callFrame.url.endsWith('bench/server_process.ts');
    if (here) excluded.add(node.id);
    for (const child of node.children ?? []) exclude(byId.get(child)!, here);
  };
  exclude(profile.nodes[0]!, false);
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    if (!excluded.has(id)) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  for (const [id, time] of self) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') {
      idle += time;
      continue;
    }
    total += time;
    add(selfByFunction, nameOf(node), time);
    add(selfByFile, shortUrl(node.callFrame.url) || '(native)', time);
  }
  // Inclusive time of ltikit functions; a function counted once per stack even when it recurses.
  const inclusive = (node: ProfileNode, onStack: Set<string>): number => {
    let time = self.get(node.id) ?? 0;
    const name = nameOf(node);
    const counted = node.callFrame.url.includes('/ltikit/') && !onStack.has(name);
    if (counted) onStack.add(name);
    for (const child of node.children ?? []) time += inclusive(byId.get(child)!, onStack);
    if (counted) {
      onStack.delete(name);
      add(inclusiveByFunction, name, time);
    }
    return time;
  };
  inclusive(profile.nodes[0]!, new Set());
}

const print = (title: string, entries: Map<string, number>): void => {
  console.log(`\n${title}`);
  for (const [name, time] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const share = requests === undefined ? `${((100 * time) / total).toFixed(1).padStart(5)}%` : `${(time / requests).toFixed(2).padStart(6)} µs`;
    console.log(`${share}  ${name}`);
  }
};
console.log(
  `${files.length} profile(s): ${(total / 1000).toFixed(0)} ms busy, ${(idle / 1000).toFixed(0)} ms idle` +
    (requests === undefined ? ' (percentages are of busy time)' : ` (${(total / requests).toFixed(1)} µs busy per request)`),
);
print('self time by function', selfByFunction);
print('self time by file', selfByFile);
print('inclusive time of ltikit functions', inclusiveByFunction);
