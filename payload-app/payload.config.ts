import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConfig } from 'payload';
import { ensureUsers } from './bootstrap/ensure-users';
import { CharacterImages } from './collections/CharacterImages';
import { Characters } from './collections/Characters';
import { GenerationRuns } from './collections/GenerationRuns';
import { Media } from './collections/Media';
import { Users } from './collections/Users';
import { appConfig, publicAddress } from './config';
import { databaseAdapter } from './database/adapter';
import { healthEndpoint } from './endpoints/health';
import { QaSettings } from './globals/QaSettings';
import { TEMPORAL_STARTS_QUEUE } from './jobs/queue';
import { reconcileTask, signalPersonaSyncTask, startMasterIngestTask, startPersonaRemovalTask } from './jobs/tasks';
import { hasRole } from './access/roles';
import { objectStoragePlugin } from './storage/object-storage';
import { limitedSharp } from './uploads/limited-sharp';
import { appLogger } from './logging';
import { MAX_UPLOAD_BYTES } from '../contracts';

const dirname = path.dirname(fileURLToPath(import.meta.url));
const config = appConfig();
const address = publicAddress();

export default buildConfig({
  secret: config.PAYLOAD_SECRET,
  // Empty unless PUBLIC_URL is set: media and admin URLs are then relative and work at whatever address served the page.
  serverURL: address.serverURL,
  // A cookie-carrying request from a page at any other origin is treated as signed out (Payload's CSRF check).
  csrf: address.trustedOrigins,
  cors: address.trustedOrigins,
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
  db: databaseAdapter(config),
  plugins: [objectStoragePlugin(config)],
  sharp: limitedSharp,
  // Multipart bodies are buffered in memory: the file and the whole request are bounded (413 beyond).
  upload: {
    limits: { fileSize: MAX_UPLOAD_BYTES },
    requestSizeLimit: MAX_UPLOAD_BYTES + 1024 * 1024,
    responseOnLimit: `Uploads may be at most ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB.`,
  },
  endpoints: [healthEndpoint],
  jobs: {
    tasks: [startMasterIngestTask, signalPersonaSyncTask, startPersonaRemovalTask, reconcileTask],
    // Runs in the app process: queued starts go out within a second of their save's commit.
    autoRun: [{ cron: '* * * * * *', queue: TEMPORAL_STARTS_QUEUE, limit: 20 }],
    deleteJobOnComplete: true,
    access: {
      queue: ({ req }) => hasRole(req.user, 'admin'),
      run: ({ req }) => hasRole(req.user, 'admin'),
      cancel: ({ req }) => hasRole(req.user, 'admin'),
    },
  },
  graphQL: { disable: true },
  telemetry: false,
  logger: appLogger(config),
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  onInit: ensureUsers,
});
