import sharp, { type Metadata } from 'sharp';
import { z } from 'zod';
import { CLASSICAL_ENGINE_ID, MAX_IMAGE_PIXELS } from '../../contracts';
import { computeEmbedding, cosineSimilarity, measureQuality } from '../../image-analysis';
import { json, serveFetchHandler, type FetchHandler, type RunningServer } from '../http/http-server';
import { createDinoFaults, dinoFaultControlSchema } from './faults';
import { featureQuality } from './feature-quality';
import { createAssetStore, type AssetRecord, type AssetStore } from './store';

/**
 * A local stand-in for the DINOv3 analysis service (specs/dinov3-service.md): the same routes, status codes and
 * shapes, answered by real measurements of the pixels (image-analysis/) under its own engine id, never DINOv3's.
 * Where the real service answers from the stored features alone (analyze-quality), so does the stand-in.
 */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const PREFIX = '/api/v1';

export function createDinoStandIn(options: { dataDir: string; seed?: number }): FetchHandler {
  const store = createAssetStore(options.dataDir);
  const faults = createDinoFaults(options.seed ?? 11);
  const stats = { requests: 0, totalServerTimeMs: 0 };
  const routes: Array<{
    method: string;
    pattern: RegExp;
    handle: (request: Request, url: URL, match: RegExpMatchArray) => Promise<Response>;
  }> = [
    { method: 'GET', pattern: /^\/health$/, handle: async () => health() },
    { method: 'POST', pattern: /^\/upload-media$/, handle: (request) => upload(store, request) },
    { method: 'GET', pattern: /^\/media\/([^/]+)$/, handle: async (_r, _u, m) => getMedia(store, m[1]!) },
    { method: 'DELETE', pattern: /^\/media\/([^/]+)$/, handle: async (_r, _u, m) => deleteMedia(store, m[1]!) },
    { method: 'POST', pattern: /^\/extract-features$/, handle: (request, url) => extractFeatures(store, request, url) },
    {
      method: 'POST',
      pattern: /^\/analyze-quality$/,
      handle: (request) => withBody(request, z.object({ asset_id: z.string() }), (body) => analyzeQuality(store, body.asset_id)),
    },
    {
      method: 'POST',
      pattern: /^\/analyze-image-metrics$/,
      handle: (request) => withBody(request, z.object({ asset_id: z.string() }), (body) => analyzeImageMetrics(store, body.asset_id)),
    },
    {
      method: 'POST',
      pattern: /^\/validate-consistency$/,
      handle: (request) =>
        withBody(request, z.object({ asset_id_1: z.string(), asset_id_2: z.string() }), (body) =>
          validateConsistency(store, body.asset_id_1, body.asset_id_2),
        ),
    },
    {
      method: 'POST',
      pattern: /^\/find-best-match$/,
      handle: (request) =>
        withBody(request, z.object({ reference_asset_id: z.string(), candidate_asset_ids: z.array(z.string()) }), (body) =>
          findBestMatch(store, body.reference_asset_id, body.candidate_asset_ids),
        ),
    },
    {
      method: 'POST',
      pattern: /^\/character-matching$/,
      handle: (request) =>
        withBody(request, z.object({ reference_asset_id: z.string(), test_asset_ids: z.array(z.string()) }), (body) =>
          characterMatching(store, body.reference_asset_id, body.test_asset_ids),
        ),
    },
    {
      method: 'POST',
      pattern: /^\/batch-similarity$/,
      handle: (request) =>
        withBody(request, z.object({ asset_ids: z.array(z.string()).max(100) }), (body) => batchSimilarity(store, body.asset_ids)),
    },
  ];

  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname === '/_control/stats') return json(stats);
    if (url.pathname === '/_control/faults') return controlFaults(request, faults);
    // Not part of the real service (it has no listing): lets a chaos run find assets that nothing refers to.
    if (url.pathname === '/_control/assets' && request.method === 'GET') return json({ assetIds: await store.list() });
    if (!url.pathname.startsWith(PREFIX)) return json({ detail: 'Not Found' }, 404);
    const path = url.pathname.slice(PREFIX.length);
    if (path !== '/health') {
      const fault = faults.draw();
      if (fault) return fault;
    }
    const started = performance.now();
    try {
      for (const route of routes) {
        const match = path.match(route.pattern);
        if (!match) continue;
        if (route.method !== request.method) continue;
        return await route.handle(request, url, match);
      }
      return json({ detail: 'Not Found' }, 404);
    } finally {
      stats.requests++;
      stats.totalServerTimeMs += performance.now() - started;
    }
  };
}

export async function startDinoStandIn(options: { port: number; dataDir: string; host?: string; seed?: number }): Promise<RunningServer> {
  return serveFetchHandler(createDinoStandIn({ dataDir: options.dataDir, seed: options.seed }), { port: options.port, host: options.host });
}

async function controlFaults(request: Request, faults: ReturnType<typeof createDinoFaults>): Promise<Response> {
  if (request.method === 'GET') return json(faults.describe());
  if (request.method === 'DELETE') {
    faults.setRates({});
    return json(faults.describe());
  }
  if (request.method !== 'POST') return json({ detail: 'Method Not Allowed' }, 405);
  const parsed = dinoFaultControlSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return json({ error: z.prettifyError(parsed.error) }, 400);
  faults.setRates(parsed.data.rates);
  return json(faults.describe());
}

function health(): Response {
  return json({
    status: 'healthy',
    service: 'dinov3-stand-in',
    model: { loaded: true, model_name: CLASSICAL_ENGINE_ID, device: 'cpu' },
    timestamp: new Date().toISOString(),
  });
}

/** FastAPI's validation error shape: 422 with a list of {type, loc, msg, input}. */
function validationError(loc: Array<string | number>, msg: string, input: unknown = null, type = 'missing'): Response {
  return json({ detail: [{ type, loc, msg, input }] }, 422);
}

async function withBody<T>(request: Request, schema: z.ZodType<T>, handle: (body: T) => Promise<Response>): Promise<Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return validationError(['body'], 'Input should be a valid JSON object', null, 'json_invalid');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return validationError(
      ['body', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      issue.code === 'invalid_type' && issue.message.includes('undefined') ? 'Field required' : issue.message,
      body,
    );
  }
  return handle(parsed.data);
}

async function upload(store: AssetStore, request: Request): Promise<Response> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_UPLOAD_BYTES + 1024 * 1024) return json({ detail: 'File too large. Maximum size is 50MB' }, 413);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return validationError(['body', 'file'], 'Field required');
  }
  const file = form.get('file');
  if (!(file instanceof Blob)) return validationError(['body', 'file'], 'Field required');
  const bytes = Buffer.from(await file.arrayBuffer());
  if (bytes.length > MAX_UPLOAD_BYTES) return json({ detail: 'File too large. Maximum size is 50MB' }, 413);
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS }).raw().toBuffer();
  } catch (error) {
    return json({ detail: `Invalid image file: ${(error as Error).message}` }, 400);
  }
  const filename = file instanceof File ? file.name : 'upload';
  const record = await store.add(bytes, {
    filename,
    content_type: file.type || `image/${meta.format}`,
    file_size: bytes.length,
    width: meta.width ?? 0,
    height: meta.height ?? 0,
    format: (meta.format ?? 'unknown').toUpperCase(),
  });
  return json({ ...publicRecord(record), public_url: `/api/v1/media/${record.asset_id}` });
}

function publicRecord(record: AssetRecord) {
  const { features: _features, ...rest } = record;
  return rest;
}

async function getMedia(store: AssetStore, id: string): Promise<Response> {
  const record = await store.get(id);
  return record ? json(publicRecord(record)) : json({ detail: 'Asset not found' }, 404);
}

async function deleteMedia(store: AssetStore, id: string): Promise<Response> {
  return (await store.remove(id)) ? json({ asset_id: id, deleted: true }) : json({ detail: 'Asset not found' }, 404);
}

async function extractFeatures(store: AssetStore, request: Request, url: URL): Promise<Response> {
  const assetId = url.searchParams.get('asset_id');
  if (!assetId) return validationError(['query', 'asset_id'], 'Field required');
  const record = await store.get(assetId);
  if (!record) return json({ detail: 'Asset not found' }, 404);
  if (record.features)
    return json({
      asset_id: assetId,
      features: record.features,
      features_extracted: true,
      processing_time: 0,
      cached: true,
      model_name: CLASSICAL_ENGINE_ID,
    });
  const started = performance.now();
  const embedding = await computeEmbedding(await store.bytes(assetId));
  record.features = embedding.vector;
  record.features_extracted = true;
  record.processing_status = 'features_extracted';
  await store.save(record);
  return json({
    asset_id: assetId,
    features: embedding.vector,
    features_extracted: true,
    processing_time: (performance.now() - started) / 1000,
    cached: false,
    model_name: embedding.engineId,
  });
}

async function withFeatures(store: AssetStore, id: string): Promise<AssetRecord | Response> {
  const record = await store.get(id);
  if (!record) return json({ detail: 'Asset not found' }, 404);
  if (!record.features) return json({ detail: `Features not extracted for asset ${id}. Call extract-features first.` }, 400);
  return record;
}

async function analyzeQuality(store: AssetStore, id: string): Promise<Response> {
  const started = performance.now();
  const record = await withFeatures(store, id);
  if (record instanceof Response) return record;
  const quality = featureQuality(record.features!);
  return json({
    asset_id: id,
    quality_score: quality.qualityScore,
    diversity_score: quality.diversityScore,
    feature_statistics: { mean: quality.mean, std: quality.std, max: quality.max, min: quality.min },
    processing_time: (performance.now() - started) / 1000,
  });
}

async function analyzeImageMetrics(store: AssetStore, id: string): Promise<Response> {
  const record = await withFeatures(store, id);
  if (record instanceof Response) return record;
  const report = await measureQuality(await store.bytes(id));
  const m = report.metrics;
  const sharpness = Math.max(0, Math.min(1, 1 - (m.blur ?? 1)));
  const lighting = Math.max(0, Math.min(1, 1 - (m.clipped ?? 0) * 2)) * Math.min(1, (m.contrast ?? 0) / 120);
  const passed = (id: string) => report.checks.find((check) => check.id === id)?.passed !== false;
  const composition = ['cropped', 'subject_size', 'several_figures'].filter(passed).length / 3;
  return json({
    asset_id: id,
    sharpness_score: sharpness,
    lighting_quality: lighting,
    composition_score: composition,
    overall_quality: (sharpness + lighting + composition) / 3,
  });
}

function similarity(a: number[], b: number[]) {
  const cosine = cosineSimilarity(a, b);
  return { cosine, score: (cosine + 1) * 50 };
}

async function validateConsistency(store: AssetStore, id1: string, id2: string): Promise<Response> {
  const a = await withFeatures(store, id1);
  if (a instanceof Response) return a;
  const b = await withFeatures(store, id2);
  if (b instanceof Response) return b;
  const { cosine, score } = similarity(a.features!, b.features!);
  const confidence = score >= 85 ? 'high' : score >= 70 ? 'medium' : 'low';
  return json({
    asset_id_1: id1,
    asset_id_2: id2,
    same_character: score >= 75,
    similarity_score: score,
    cosine_similarity: cosine,
    confidence_level: confidence,
    explanation: `Similarity ${score.toFixed(1)} on the (cosine + 1) × 50 scale from the ${CLASSICAL_ENGINE_ID} descriptor.`,
  });
}

async function findBestMatch(store: AssetStore, reference: string, candidates: string[]): Promise<Response> {
  const ref = await withFeatures(store, reference);
  if (ref instanceof Response) return ref;
  const ranked = [];
  for (const id of candidates) {
    const record = await store.get(id);
    if (!record?.features) continue;
    const { cosine, score } = similarity(ref.features!, record.features);
    ranked.push({ asset_id: id, similarity_percentage: score, cosine_similarity: cosine });
  }
  ranked.sort((x, y) => y.similarity_percentage - x.similarity_percentage);
  return json({ reference_asset_id: reference, best_match: ranked[0] ?? null, ranked_results: ranked });
}

async function characterMatching(store: AssetStore, reference: string, ids: string[]): Promise<Response> {
  const ref = await withFeatures(store, reference);
  if (ref instanceof Response) return ref;
  const results = [];
  for (const id of ids) {
    const record = await store.get(id);
    if (!record?.features) {
      results.push({ test_asset_id: id, error: 'Asset not found or features not extracted', same_character: false, confidence_score: 0 });
      continue;
    }
    const { cosine, score } = similarity(ref.features!, record.features);
    results.push({
      test_asset_id: id,
      same_character: score >= 75,
      similarity_score: score,
      confidence_score: score / 100,
      cosine_similarity: cosine,
    });
  }
  return json({ reference_asset_id: reference, results });
}

async function batchSimilarity(store: AssetStore, ids: string[]): Promise<Response> {
  const records = (await Promise.all(ids.map((id) => store.get(id)))).filter((r): r is AssetRecord => Boolean(r?.features));
  return json({
    similarity_matrix: records.map((a) => ({
      asset_id: a.asset_id,
      similarities: records
        .filter((b) => b !== a)
        .map((b) => ({ asset_id: b.asset_id, similarity_percentage: similarity(a.features!, b.features!).score })),
    })),
  });
}
