import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mongooseAdapter } from '@payloadcms/db-mongodb';
import { sqliteAdapter } from '@payloadcms/db-sqlite';
import type { DatabaseAdapterObj } from 'payload';
import { isMongoUri, type AppConfig } from '../config';
import { writeOnlyChangedRunStates } from '../collections/Characters/saves-keep-run-states';
import { migrations } from '../migrations';
import { ferretDbIdFiltersPlugin } from './ferretdb-id-filters';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * SQLite for a `file:` URI (the embedded default), MongoDB for `mongodb://`; on each, a save of a character writes
 * only the run states it changes (saves-keep-run-states.ts).
 */
export function databaseAdapter(config: Pick<AppConfig, 'DATABASE_URI' | 'MONGODB_COMPAT'>): DatabaseAdapterObj {
  return writeOnlyChangedRunStates(databaseFor(config));
}

function databaseFor(config: Pick<AppConfig, 'DATABASE_URI' | 'MONGODB_COMPAT'>): DatabaseAdapterObj {
  if (isMongoUri(config.DATABASE_URI)) {
    if (config.MONGODB_COMPAT === 'ferretdb-v1') {
      // FerretDB v1 has no $lookup (joins are then read with plain finds) and no transactions, and finds a document by
      // its index only for a bare `_id` filter (ferretdb-id-filters.ts).
      return mongooseAdapter({
        url: config.DATABASE_URI,
        useJoinAggregations: false,
        transactionOptions: false,
        afterCreateConnection: (adapter) => {
          adapter.connection.plugin(ferretDbIdFiltersPlugin);
        },
      });
    }
    return mongooseAdapter({ url: config.DATABASE_URI });
  }
  return sqliteAdapter({
    client: { url: config.DATABASE_URI },
    // Migrations, not schema push, define production tables; they run when Payload starts in production.
    migrationDir: path.resolve(appDir, 'migrations'),
    prodMigrations: migrations,
    // WAL + busy timeout: the admin, the REST API used by workers and the CLI share one file.
    wal: true,
    busyTimeout: 5_000,
    // Transactions stay off on SQLite: with them on (libsql, Payload 3.90) a document created by one request was not
    // visible to the next one (a user created, then refused at login), and the job runner met SQLITE_BUSY. The outbox
    // job is written by the same request right after the save, into the same database file.
  });
}

/**
 * Payload counts failed logins with a `findAndModify` whose projection FerretDB v1 rejects, turning a wrong password
 * into a 500; there the count is off (0 turns it off). Payload's default (5 attempts) everywhere else.
 */
export function loginAttemptLimit(config: Pick<AppConfig, 'MONGODB_COMPAT'>): { maxLoginAttempts?: number } {
  return config.MONGODB_COMPAT === 'ferretdb-v1' ? { maxLoginAttempts: 0 } : {};
}
