import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sqliteAdapter } from '@payloadcms/db-sqlite';
import { mongooseAdapter } from '@payloadcms/db-mongodb';
import { buildConfig, type DatabaseAdapterObj } from 'payload';
import { ensureUsers } from './bootstrap/ensure-users';
import { CharacterImages } from './collections/CharacterImages';
import { Characters } from './collections/Characters';
import { GenerationRuns } from './collections/GenerationRuns';
import { Media } from './collections/Media';
import { Users } from './collections/Users';
import { appConfig } from './config';
import { healthEndpoint } from './endpoints/health';
import { QaSettings } from './globals/QaSettings';
import { migrations } from './migrations';
import { TEMPORAL_STARTS_QUEUE } from './jobs/queue';
import { reconcileTask, signalPersonaSyncTask, startMasterIngestTask, startPersonaRemovalTask } from './jobs/tasks';
import { hasRole } from './access/roles';
import { limitedSharp } from './uploads/limited-sharp';
import { MAX_UPLOAD_BYTES } from '../contracts';

const dirname = path.dirname(fileURLToPath(import.meta.url));
const config = appConfig();

function databaseAdapter(uri: string): DatabaseAdapterObj {
  if (uri.startsWith('mongodb://') || uri.startsWith('mongodb+srv://')) {
    return mongooseAdapter({ url: uri });
  }
  return sqliteAdapter({
    client: { url: uri },
    // Migrations, not schema push, define production tables; they run when Payload starts in production.
    migrationDir: path.resolve(dirname, 'migrations'),
    prodMigrations: migrations,
    // WAL + busy timeout: the admin, the REST API used by workers and the CLI share one file.
    wal: true,
    busyTimeout: 5_000,
    // Transactions stay off on SQLite: with them on (libsql, Payload 3.90) a document created by one request was not
    // visible to the next one (a user created, then refused at login), and the job runner met SQLITE_BUSY. The outbox
    // job is written by the same request right after the save, into the same database file.
  });
}

export default buildConfig({
  secret: config.PAYLOAD_SECRET,
  serverURL: config.PAYLOAD_PUBLIC_SERVER_URL,
  admin: {
    user: Users.slug,
    importMap: { baseDir: dirname, importMapFile: path.resolve(dirname, 'app/(payload)/admin/importMap.js') },
    meta: { titleSuffix: ' · Character Library' },
    // Payload's default avatar is Gravatar's: an image from www.gravatar.com, broken wherever the admin has no
    // internet (studios, CI, this machine), and each user's email hash sent to a third party. The built-in icon.
    avatar: 'default',
    components: {
      afterNavLinks: ['/components/ReviewQueueNavLink#ReviewQueueNavLink'],
      afterDashboard: ['/components/AskTheCast#AskTheCast'],
      views: {
        reviewQueue: { Component: '/views/ReviewQueue#ReviewQueueView', path: '/review-queue' },
      },
    },
  },
  collections: [Characters, CharacterImages, Media, GenerationRuns, Users],
  globals: [QaSettings],
  db: databaseAdapter(config.DATABASE_URI),
  sharp: limitedSharp,
  // Multipart bodies are buffered in memory: the file and the whole request are bounded (413 beyond).
  upload: { limits: { fileSize: MAX_UPLOAD_BYTES }, requestSizeLimit: MAX_UPLOAD_BYTES + 1024 * 1024, responseOnLimit: `Uploads may be at most ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB.` },
  endpoints: [healthEndpoint],
  jobs: {
    tasks: [startMasterIngestTask, signalPersonaSyncTask, startPersonaRemovalTask, reconcileTask],
    // Runs in the app process: queued starts go out within a second of their save's commit.
    autoRun: [{ cron: '* * * * * *', queue: TEMPORAL_STARTS_QUEUE, limit: 20 }],
    deleteJobOnComplete: true,
    access: { queue: ({ req }) => hasRole(req.user, 'admin'), run: ({ req }) => hasRole(req.user, 'admin'), cancel: ({ req }) => hasRole(req.user, 'admin') },
  },
  graphQL: { disable: true },
  telemetry: false,
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  onInit: ensureUsers,
});
