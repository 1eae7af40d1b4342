import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SQLiteAdapter } from '@payloadcms/db-sqlite';
import { sql } from '@payloadcms/db-sqlite';
import type { Payload } from 'payload';
import { linkOriginal, writeSampleFiles, type SampleFile } from './sample-files';
import { createRandom, type Random } from '../../local-services/gemini/renderer/random';
import { CORE_SET_ANGLES } from '../../contracts';

type SQL = ReturnType<typeof sql>;

export interface SeedOptions {
  dataDir: string;
  images: number;
  /** Gallery images per character (default 500: 200 characters for 100k images). */
  imagesPerCharacter?: number;
  log?: (line: string) => void;
}

export interface SeededLibrary {
  databaseUri: string;
  mediaDir: string;
  admin: { email: string; password: string };
  characters: number[];
  images: number;
  seededNow: number;
  seconds: number;
}

const REVIEW_MIX: [string, number][] = [
  ['not_required', 0.7],
  ['approved', 0.14],
  ['awaiting_review', 0.05],
  ['rejected', 0.05],
  ['retry_requested', 0.02],
  ['timed_out', 0.02],
  ['withdrawn', 0.02],
];
const SAMPLE_COUNT = 16;
const EMBEDDING_LENGTH = 768;
const BATCH = 500;
const ADMIN_FILE = 'bench-admin.json';

export function libraryPaths(dataDir: string): { databaseUri: string; mediaDir: string } {
  return { databaseUri: `file:${path.join(dataDir, 'payload.db')}`, mediaDir: path.join(dataDir, 'media') };
}

/**
 * Fills a library of `images` gallery images (each with its own media row and file name) in `dataDir`, through the
 * SQLite adapter's drizzle instance in multi-row inserts: Payload's own create runs hooks, validation and sharp per
 * document, hours at this size. The schema comes from the committed migrations, as for users. Reuses what is there:
 * a second run with the same count adds nothing.
 */
export async function seedLibrary(options: SeedOptions): Promise<SeededLibrary> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const { databaseUri, mediaDir } = libraryPaths(options.dataDir);
  await mkdir(mediaDir, { recursive: true });
  const admin = await benchAdmin(options.dataDir);
  const payload = await openPayload(databaseUri, mediaDir);
  try {
    const db = (payload.db as unknown as SQLiteAdapter).drizzle;
    const count = async (table: string) => Number((await db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`))).n);

    if ((await payload.count({ collection: 'users', where: { email: { equals: admin.email } }, overrideAccess: true })).totalDocs === 0) {
      await payload.create({ collection: 'users', overrideAccess: true, data: { ...admin, role: 'admin', name: 'Bench admin' } });
    }

    const existing = await count('character_images');
    const perCharacter = options.imagesPerCharacter ?? 500;
    const wantedCharacters = Math.max(1, Math.ceil(options.images / perCharacter));
    const characters = await ensureCharacters(db, wantedCharacters);
    const missing = options.images - existing;
    if (missing <= 0) {
      log(`library already holds ${existing} gallery images`);
      return { databaseUri, mediaDir, admin, characters, images: existing, seededNow: 0, seconds: (performance.now() - started) / 1000 };
    }

    log(`seeding ${missing} gallery images for ${characters.length} characters into ${options.dataDir}`);
    const samples = await writeSampleFiles(mediaDir, SAMPLE_COUNT);
    const random = createRandom(existing + 1);
    const embeddings = Array.from({ length: 8 }, () =>
      JSON.stringify(Array.from({ length: EMBEDDING_LENGTH }, () => +(random.next() * 2 - 1).toFixed(6))),
    );
    const firstMediaId = (await db.get<{ n: number | null }>(sql.raw('SELECT max(id) AS n FROM media'))).n ?? 0;
    const firstImageId = (await db.get<{ n: number | null }>(sql.raw('SELECT max(id) AS n FROM character_images'))).n ?? 0;
    const yearAgo = Date.now() - 365 * 24 * 3600 * 1000;

    for (let offset = 0; offset < missing; offset += BATCH) {
      const size = Math.min(BATCH, missing - offset);
      const mediaRows: SQL[] = [];
      const imageRows: SQL[] = [];
      for (let i = 0; i < size; i++) {
        const n = existing + offset + i;
        const mediaId = firstMediaId + offset + i + 1;
        const imageId = firstImageId + offset + i + 1;
        const sample = samples[n % samples.length]!;
        const filename = `seed-${String(n).padStart(7, '0')}.png`;
        await linkOriginal(mediaDir, sample, filename);
        const at = new Date(yearAgo + Math.floor((n / options.images) * 365 * 24 * 3600 * 1000)).toISOString();
        const image = drawImage(random, n, characters[n % characters.length]!);
        mediaRows.push(mediaRow(mediaId, filename, sample, image, embeddings[n % embeddings.length]!, at));
        imageRows.push(imageRow(imageId, mediaId, image, at));
      }
      await db.run(sql`INSERT INTO media (id, alt, generation_key, generation_model, generation_cost_usd, dino_asset_id,
        dino_processing_status, quality_score, analysis_engine_id, analysis_embedding_length, analysis_embedding,
        analysis_analyzed_at, filename, mime_type, filesize, width, height,
        sizes_thumbnail_filename, sizes_thumbnail_width, sizes_thumbnail_height, sizes_thumbnail_mime_type, sizes_thumbnail_filesize,
        sizes_card_filename, sizes_card_width, sizes_card_height, sizes_card_mime_type, sizes_card_filesize,
        updated_at, created_at) VALUES ${sql.join(mediaRows, sql`, `)}`);
      await db.run(sql`INSERT INTO character_images (id, character_id, kind, angle, image_file_id, is_core_reference,
        dino_asset_id, dino_processing_status, quality_score, consistency_score, shot_type, tags, review_status,
        generation_key, provenance_model, provenance_attempt, provenance_cost_usd, measurements_cosine,
        measurements_engine_id, workflow_id, updated_at, created_at) VALUES ${sql.join(imageRows, sql`, `)}`);
      if ((offset / BATCH) % 20 === 0) log(`  ${offset + size} / ${missing}`);
    }
    await db.run(sql.raw('ANALYZE'));
    const images = await count('character_images');
    return { databaseUri, mediaDir, admin, characters, images, seededNow: missing, seconds: (performance.now() - started) / 1000 };
  } finally {
    await payload.destroy();
  }
}

interface DrawnImage {
  key: string;
  characterId: number;
  kind: 'core' | 'production';
  angle: number | null;
  status: string;
  quality: number | null;
  consistency: number | null;
  cosine: number | null;
  shotType: string | null;
  tags: string;
}

function drawImage(random: Random, n: number, characterId: number): DrawnImage {
  const kind = random.next() < 0.3 ? 'core' : 'production';
  let pick = random.next();
  const status = REVIEW_MIX.find(([, share]) => (pick -= share) < 0)?.[0] ?? 'not_required';
  // A few images were never measured (an analysis outage): their scores stay empty, as in a real library.
  const measured = random.next() > 0.03;
  const quality = measured ? Math.round((40 + random.next() * 60) * 10) / 10 : null;
  const cosine = measured ? Math.round((0.3 + random.next() * 0.7) * 10_000) / 10_000 : null;
  return {
    key: `seed:${n}`,
    characterId,
    kind,
    angle: kind === 'core' ? CORE_SET_ANGLES[n % CORE_SET_ANGLES.length]! : null,
    status,
    quality,
    consistency: cosine === null ? null : Math.round(cosine * 1000) / 10,
    cosine,
    shotType: kind === 'production' ? ['portrait', 'action', 'over-the-shoulder', 'wide'][n % 4]! : null,
    tags: ['hero, daylight', 'villain, night', 'crowd', 'studio'][n % 4]!,
  };
}

function mediaRow(id: number, filename: string, sample: SampleFile, image: DrawnImage, embedding: string, at: string): SQL {
  const { thumbnail, card } = sample;
  return sql`(${id}, ${filename}, ${image.key}, 'gemini-3.1-flash-image', 0.039, ${`seed-asset-${id}`},
    'validation_success', ${image.quality}, 'classical-v2', ${EMBEDDING_LENGTH}, ${embedding}, ${at}, ${filename},
    'image/png', ${sample.filesize}, ${sample.width}, ${sample.height},
    ${thumbnail.filename}, ${thumbnail.width}, ${thumbnail.height}, 'image/png', ${thumbnail.filesize},
    ${card.filename}, ${card.width}, ${card.height}, 'image/png', ${card.filesize}, ${at}, ${at})`;
}

function imageRow(id: number, mediaId: number, image: DrawnImage, at: string): SQL {
  const isCoreReference = image.kind === 'core' && image.status === 'approved' ? 1 : 0;
  return sql`(${id}, ${image.characterId}, ${image.kind}, ${image.angle}, ${mediaId}, ${isCoreReference},
    ${`seed-asset-${mediaId}`}, 'validation_success', ${image.quality}, ${image.consistency}, ${image.shotType},
    ${image.tags}, ${image.status}, ${image.key}, 'gemini-3.1-flash-image', 1, 0.039, ${image.cosine}, 'classical-v2',
    ${`seed-run:${image.characterId}`}, ${at}, ${at})`;
}

async function ensureCharacters(db: SQLiteAdapter['drizzle'], wanted: number): Promise<number[]> {
  const present = await db.all<{ id: number }>(sql.raw('SELECT id FROM characters ORDER BY id'));
  for (let i = present.length; i < wanted; i++) {
    await db.run(
      sql`INSERT INTO characters (name, character_id, status) VALUES (${`Seeded character ${i + 1}`}, ${`seeded-${i + 1}`}, 'active')`,
    );
  }
  return (await db.all<{ id: number }>(sql.raw('SELECT id FROM characters ORDER BY id'))).map((row) => row.id).slice(0, wanted);
}

/** The bench signs in as this admin; kept beside the database so a reused library keeps its login. */
async function benchAdmin(dataDir: string): Promise<{ email: string; password: string }> {
  const file = path.join(dataDir, ADMIN_FILE);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as { email: string; password: string };
  } catch {
    const admin = { email: 'bench-admin@bench.local', password: randomBytes(12).toString('hex') };
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(admin), { mode: 0o600 });
    return admin;
  }
}

/** Payload on the bench database, schema from the committed migrations (production mode), without the app's start-up. */
async function openPayload(databaseUri: string, mediaDir: string): Promise<Payload> {
  Object.assign(process.env, {
    NODE_ENV: 'production',
    DATABASE_URI: databaseUri,
    MEDIA_DIR: mediaDir,
    PAYLOAD_SECRET: process.env.PAYLOAD_SECRET ?? randomBytes(24).toString('hex'),
  });
  const { getPayload } = await import('payload');
  const { default: config } = await import('../../payload-app/payload.config');
  return getPayload({ config, disableOnInit: true });
}
