// The store contract on SQLite: in memory, and on a WAL file as deployed.
import { after } from 'node:test';
import { fixedClock } from 'ltikit';
import { describeStoreContract } from '../../ltikit/test/stores/contract.js';
import { type SqlDatabase, createSqlStores, openDatabase, runMigrations, storeMigrations } from '../src/index.js';
import { type TestDatabase, openSqliteFile } from './support/databases.js';

const opened: SqlDatabase[] = [];
const files: TestDatabase[] = [];
after(async () => {
  await Promise.all(opened.map((database) => database.close()));
  await Promise.all(files.map((file) => file.cleanup()));
});

describeStoreContract('sqlite (:memory:)', async () => {
  const database = await openDatabase('sqlite::memory:');
  opened.push(database);
  await runMigrations(database.db, storeMigrations);
  const clock = fixedClock(1_767_225_600);
  return { ...createSqlStores(database.db, { clock }), clock };
});

describeStoreContract('sqlite (WAL file)', async () => {
  const file = await openSqliteFile();
  files.push(file);
  await runMigrations(file.database.db, storeMigrations);
  const clock = fixedClock(1_767_225_600);
  return { ...createSqlStores(file.database.db, { clock }), clock };
});
