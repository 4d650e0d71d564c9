// The store contract on the in-memory stores.
import { fixedClock } from '../../src/lib/clock.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import { describeStoreContract } from './contract.js';

describeStoreContract('memory', async () => {
  const clock = fixedClock(1_767_225_600);
  return { ...createMemoryStores(clock), clock };
});
