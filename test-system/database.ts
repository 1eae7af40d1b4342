import { createHash } from 'node:crypto';
import path from 'node:path';

/** Which database the tests' Payload servers use: `TEST_DATABASE=mongodb` (FerretDB v1), else SQLite. */
export function testDatabaseIsMongo(): boolean {
  return process.env.TEST_DATABASE === 'mongodb';
}

/**
 * The database settings of one Payload server: a fresh SQLite file in its data folder, or, under
 * `TEST_DATABASE=mongodb`, a database of its own (per data folder) on the run's FerretDB (started by the global setup, which puts its
 * URL in TEST_MONGODB_URL).
 */
export function databaseEnvFor(dataDir: string): Record<string, string> {
  if (!testDatabaseIsMongo()) return { DATABASE_URI: `file:${path.join(dataDir, 'payload.db')}` };
  const serverUrl = process.env.TEST_MONGODB_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE=mongodb but no FerretDB was started: run through `npm run test:mongodb`.');
  return {
    // Named after the data folder, so a server restarted on the same folder finds its documents again.
    DATABASE_URI: `${serverUrl}/payload_${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`,
    MONGODB_COMPAT: 'ferretdb-v1',
  };
}
