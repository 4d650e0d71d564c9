export type * from './types.js';
export {
  MemoryKeyStore,
  MemoryPlatformRegistrationStore,
  MemorySingleUseStore,
  MemoryToolRegistrationStore,
  createMemoryStores,
} from './memory.js';
