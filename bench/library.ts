/**
 * `npm run bench:library -- [--images 100000] [--data-dir DIR] [--samples 40]`: does a big library stay quick?
 *
 * Seeds the library (or reuses the one in DIR, see bench/seed.ts), starts the built app on it (`next start`,
 * production mode, no Temporal needed for reading), and prints p50 / p95 per gallery filter over REST and the time
 * until the admin's gallery list shows its table. Targets: ≤ 50 ms p50 per filter, ≤ 1 s for the admin list.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPayloadServer } from '../test-system/payload-server';
import { RestSession } from '../test-system/rest';
import { timeAdminList } from './library/admin-list';
import { GALLERY_PAGE, timeGalleryFilters } from './library/gallery-filters';
import { parseLibraryOptions } from './library/options';
import { seedLibrary } from './library/seed-library';

const options = parseLibraryOptions(process.argv.slice(2));
const seeded = await seedLibrary({ dataDir: options.dataDir, images: options.images, log: (line) => console.log(line) });
console.log(`library: ${seeded.images} gallery images (${seeded.seededNow} seeded now, ${seeded.seconds.toFixed(1)} s)`);

const server = await startPayloadServer({
  // Reading the gallery needs no Temporal; the app's health check reports it down, which is fine here.
  temporalAddress: '127.0.0.1:9',
  tmpDir: await mkdtemp(path.join(tmpdir(), 'library-bench-')),
  env: {
    DATABASE_URI: seeded.databaseUri,
    MEDIA_DIR: seeded.mediaDir,
    ADMIN_EMAIL: seeded.admin.email,
    ADMIN_PASSWORD: seeded.admin.password,
  },
});
try {
  const session = await RestSession.login(server.url, seeded.admin.email, seeded.admin.password);
  const filters = await timeGalleryFilters(server.url, session.authorization!, seeded.characters, options.samples);
  const token = session.authorization!.replace(/^JWT /, '');
  const list = await timeAdminList(server.url, token, 7);

  const width = Math.max(...filters.map((f) => f.name.length));
  console.log(`\nREST /api/character-images?<filter>&${GALLERY_PAGE}, ${options.samples} requests each:`);
  for (const f of filters) {
    console.log(
      `  ${f.name.padEnd(width)}  p50 ${f.p50.toFixed(1).padStart(6)} ms  p95 ${f.p95.toFixed(1).padStart(6)} ms  (${f.totalDocs} matches)`,
    );
  }
  console.log(
    `admin list /admin/collections/character-images: p50 ${list.p50.toFixed(0)} ms, p95 ${list.p95.toFixed(0)} ms (${list.rows} rows)\n`,
  );
} finally {
  await server.stop();
}
