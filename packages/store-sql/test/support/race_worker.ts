// One side of a race between processes (race_*.test.ts). Usage:
//   node --import tsx race_worker.ts <url> consume|remember|migrate <count> <lanes> <blockSize>
// Prints `ready` once connected, waits for a line on stdin so both sides start together, then
// prints `{"won":[…]}`: the indexes of the keys this process consumed or remembered first (or, for
// `migrate`, the names of the migrations it applied).
import { randomInt } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from 'ltikit';
import { createSqlStores, openDatabase, runMigrations, storeMigrations } from '../../src/index.js';

const [url, mode, countText = '0', lanesText = '1', blockSizeText = '1'] = process.argv.slice(2);
if (url === undefined || (mode !== 'consume' && mode !== 'remember' && mode !== 'migrate')) {
  throw new Error('usage: race_worker.ts <url> consume|remember|migrate <count> <lanes> <blockSize>');
}
const count = Number(countText);
const lanes = Number(lanesText);
const blockSize = Number(blockSizeText);

/**
 * The key indexes in the order this process tries them: blocks of `blockSize` consecutive keys, the
 * blocks in a random order of this process's own. Inside a block both processes walk the same
 * keys at the same moment; the random block order keeps one process from trailing the other
 * through every key (the trailing one would wait for each row the leader holds, then lose it).
 */
function keyOrder(): number[] {
  const blocks: number[][] = [];
  for (let start = 0; start < count; start += blockSize) {
    blocks.push(Array.from({ length: Math.min(blockSize, count - start) }, (_, offset) => start + offset));
  }
  for (let last = blocks.length - 1; last > 0; last--) {
    const other = randomInt(last + 1);
    [blocks[last], blocks[other]] = [blocks[other]!, blocks[last]!];
  }
  return blocks.flat();
}

const database = await openDatabase(url, { poolSize: lanes });
const { singleUse } = createSqlStores(database.db);
process.stdout.write('ready\n');
await once(process.stdin, 'data');

let won: Array<number | string> = [];
if (mode === 'migrate') {
  won = await runMigrations(database.db, storeMigrations);
} else {
  const expiresAt = systemClock.now() + 3600;
  const indexes = keyOrder();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = indexes[next++]!;
      const key = `k-${index}`;
      const first = mode === 'consume' ? (await singleUse.consume('race', key)) === `v-${index}` : await singleUse.remember('race', key, expiresAt);
      if (first) won.push(index);
      // Between blocks, a pause of a few milliseconds: SQLite's lock is not fair, and a loaded
      // machine can otherwise let one process take every block while the other sleeps in its
      // busy handler, so no race would be tested at all.
      if (next % blockSize === 0) await sleep(3);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}
process.stdout.write(`${JSON.stringify({ won })}\n`);
process.stdin.destroy();
await database.close();
