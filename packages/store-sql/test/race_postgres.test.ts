// Two processes on one PostgreSQL schema: single-use values stay single-use, migrations run once.
import { describeProcessRace } from './support/race.js';
import { testBackends } from './support/databases.js';

describeProcessRace(testBackends.find((backend) => backend.dialect === 'postgres')!);
