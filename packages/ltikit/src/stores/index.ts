export type * from './types.js';
export {
  MemoryAgsStore,
  MemoryKeyStore,
  MemoryLti11CredentialStore,
  MemoryPlatformRegistrationStore,
  MemorySingleUseStore,
  MemoryToolRegistrationStore,
  createMemoryStores,
} from './memory.js';
export { parseIsoDateTimeMicros } from '../lib/iso_date_time.js';
