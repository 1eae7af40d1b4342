import sharp from 'sharp';
import { createImageModelClient, type GenerationOutcome, type ImageModelClient } from '../../../clients/gemini';
import { PermanentServiceError, TransientServiceError } from '../../../clients/errors';
import { buildGeminiStandIn, type GeminiStandIn } from '../../../local-services/gemini/server';
import { BAND_NAMES, colourDifference, measureFigure, randomLook, renderCharacter } from '../../../local-services/gemini/renderer';
import { json, serveFetchHandler, type RunningServer } from '../../../local-services/http/http-server';
import { freePort } from '../../../test-system/ports';
import type { Json } from '../../../test-system/json';

/**
 * The production client, with the real @google/genai SDK, against the real stand-in over loopback. A thin recorder
 * in front of the stand-in keeps what the SDK actually sent.
 */
const KEY = 'client-test-key-5b1e';
const MODEL = 'gemini-3.1-flash-image';
const UNPRICED_MODEL = 'studio-image-model';

interface Seen {
  method: string;
  path: string;
  apiKey: string | null;
  body: Json;
}

let standIn: GeminiStandIn;
let server: RunningServer;
const seen: Seen[] = [];
const look = randomLook(321);
let master: Buffer;

beforeAll(async () => {
  standIn = buildGeminiStandIn({ apiKey: KEY, seed: 3, models: [MODEL, 'gemini-2.5-flash-image', UNPRICED_MODEL] });
  server = await serveFetchHandler(
    async (request) => {
      const url = new URL(request.url);
      if (!url.pathname.startsWith('/_control/')) {
        const text = request.method === 'POST' ? await request.clone().text() : '';
        seen.push({
          method: request.method,
          path: url.pathname,
          apiKey: request.headers.get('x-goog-api-key'),
          body: text ? JSON.parse(text) : undefined,
        });
      }
      return standIn.handler(request);
    },
    { port: 0 },
  );
  // An artist-sized master: the client must scale it down before sending.
  master = await renderCharacter(look, 0, { width: 2400, height: 3200 });
});
afterAll(async () => {
  standIn.dispose();
  await server.close();
});
afterEach(async () => {
  await fetch(`${server.url}/_control/faults`, { method: 'DELETE' });
});

const client = (options: { model?: string; apiKey?: string; timeoutMs?: number; baseUrl?: string } = {}): ImageModelClient =>
  createImageModelClient({
    apiKey: options.apiKey ?? KEY,
    model: options.model ?? MODEL,
    baseUrl: options.baseUrl ?? server.url,
    timeoutMs: options.timeoutMs ?? 10_000,
  });

async function queue(faults: unknown[]): Promise<void> {
  const response = await fetch(`${server.url}/_control/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ queue: faults }),
  });
  expect(response.status).toBe(200);
}

const frontPrompt = 'Full body shot of Jax, front view, facing the camera (0°), plain light background.';
const request = (prompt = frontPrompt) => ({
  prompt,
  references: [{ bytes: master, mimeType: 'image/png', label: 'the master reference of the character' }],
});

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

function expectKeyNotIn(error: Error): void {
  const cause = (error as { cause?: unknown }).cause;
  const everything = `${error.message}\n${error.stack}\n${cause instanceof Error ? `${cause.message}\n${cause.stack}` : String(cause)}\n${JSON.stringify(error)}`;
  expect(everything).not.toContain(KEY);
}

describe('image model client against the stand-in', () => {
  it('checkModel finds the configured model', async () => {
    const info = await client().checkModel();
    expect(info).toMatchObject({ name: `models/${MODEL}`, supportedActions: expect.arrayContaining(['generateContent']) });
  });

  it('checkModel fails loudly for a model that does not exist', async () => {
    const error = await failureOf(client({ model: 'gemini-2.0-retired-image' }).checkModel());
    expect(error).toBeInstanceOf(PermanentServiceError);
    expect(error).toMatchObject({ code: 'model_not_found', status: 404, service: 'gemini' });
    expect(error.message).toMatch(/"gemini-2.0-retired-image" does not exist.*GEMINI_IMAGE_MODEL/);
  });

  it('checkModel with a wrong key is a permanent failure that does not reveal the key', async () => {
    const error = await failureOf(client({ apiKey: 'wrong-key-77' }).checkModel());
    expect(error).toBeInstanceOf(PermanentServiceError);
    expect(error).toMatchObject({ code: 'caller_bug', status: 403 });
    expect(error.message).toMatch(/API key not valid/);
    expect(`${error.message}${error.stack}`).not.toContain('wrong-key-77');
  });

  it('generates an image with usage and cost, sending the request the spec describes', async () => {
    const before = seen.length;
    const small = await sharp(master).resize({ width: 300 }).jpeg().toBuffer();
    const outcome = await client().generateImage({
      prompt: frontPrompt,
      references: [
        { bytes: master, mimeType: 'image/png', label: 'the master reference of the character' },
        { bytes: small, mimeType: 'image/jpeg', label: 'approved reference 1' },
      ],
    });
    expect(outcome).toMatchObject({
      kind: 'image',
      mimeType: 'image/png',
      usage: { promptTokens: expect.any(Number), candidatesTokens: 1120, totalTokens: expect.any(Number) },
      costUsd: 0.0672,
      modelVersion: MODEL,
      responseId: expect.any(String),
      finishReason: 'STOP',
    });
    if (outcome.kind !== 'image') throw new Error('unreachable');
    expect(outcome.usage.totalTokens).toBe(outcome.usage.promptTokens! + 1120);
    expect(await sharp(outcome.bytes).metadata()).toMatchObject({ format: 'png', width: 864, height: 1184 });

    // Exactly one request, as the SDK put it on the wire.
    expect(seen.length - before).toBe(1);
    const sent = seen[seen.length - 1]!;
    expect(sent).toMatchObject({ method: 'POST', path: `/v1beta/models/${MODEL}:generateContent`, apiKey: KEY });
    expect(sent.body.generationConfig).toEqual({ responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '3:4' }, candidateCount: 1 });
    const parts = sent.body.contents[0].parts;
    expect(sent.body.contents[0].role).toBe('user');
    expect(parts[0].text).toContain(frontPrompt);
    expect(parts[0].text).toContain('Image 1 is the master reference of the character.');
    expect(parts[0].text).toContain('Image 2 is approved reference 1.');
    expect(parts).toHaveLength(3);
    expect(parts[1].inlineData.mimeType).toBe('image/png');
    expect(parts[1].inlineData.data.startsWith('data:')).toBe(false);
    expect(await sharp(Buffer.from(parts[1].inlineData.data, 'base64')).metadata()).toMatchObject({ width: 768, height: 1024 });
    // A reference already small enough travels as it was.
    expect(parts[2].inlineData).toEqual({ mimeType: 'image/jpeg', data: small.toString('base64') });
  });

  it('gets back the character of the master reference, turned as the prompt asks', async () => {
    const front = await client().generateImage(request());
    if (front.kind !== 'image') throw new Error(`expected an image, got ${front.kind}`);
    const measured = await measureFigure(front.bytes);
    for (const band of BAND_NAMES) expect(colourDifference(measured!.bands[band]!, look.colours[band])).toBeLessThan(4);

    const back = await client().generateImage(
      request('Full body shot of Jax, back view, turned 180 degrees, facing away from the camera (180°).'),
    );
    if (back.kind !== 'image') throw new Error(`expected an image, got ${back.kind}`);
    expect(back.bytes.equals(front.bytes)).toBe(false);
    expect(colourDifference((await measureFigure(back.bytes))!.bands.skin!, look.colours.skin)).toBeGreaterThan(10);
  });

  it('passes the aspect ratio through', async () => {
    const outcome = await client().generateImage({ ...request(), aspectRatio: '16:9' });
    if (outcome.kind !== 'image') throw new Error(`expected an image, got ${outcome.kind}`);
    expect(await sharp(outcome.bytes).metadata()).toMatchObject({ width: 1344, height: 768 });
  });

  it('prices by model: 2.5 Flash Image per its tokens, an unknown model as null', async () => {
    const flash25 = await client({ model: 'gemini-2.5-flash-image' }).generateImage(request());
    expect(flash25).toMatchObject({ kind: 'image', usage: { candidatesTokens: 1290 }, costUsd: 0.0387 });
    const unpriced = await client({ model: UNPRICED_MODEL }).generateImage(request());
    expect(unpriced).toMatchObject({ kind: 'image', costUsd: null });
  });

  it.each<[string, Partial<GenerationOutcome>]>([
    ['blocked_prompt', { kind: 'blocked', stage: 'prompt', reason: 'SAFETY' }],
    ['blocked_output', { kind: 'blocked', stage: 'output', reason: 'IMAGE_SAFETY' }],
    ['no_image', { kind: 'no_image', finishReason: 'NO_IMAGE', text: expect.stringMatching(/unable to generate/) }],
    ['text_only', { kind: 'no_image', finishReason: 'STOP', text: expect.stringMatching(/full-body figure/) }],
  ])('classifies %s', async (fault, expected) => {
    await queue([{ fault }]);
    expect(await client().generateImage(request())).toMatchObject(expected);
  });

  it('an off-model answer is still an image (judging it is the analysis step’s job)', async () => {
    await queue([{ fault: 'off_model' }]);
    const outcome = await client().generateImage(request());
    if (outcome.kind !== 'image') throw new Error(`expected an image, got ${outcome.kind}`);
    expect(colourDifference((await measureFigure(outcome.bytes))!.bands.top!, look.colours.top)).toBeGreaterThan(15);
  });

  it('429 is transient, with the RetryInfo delay, and the SDK does not retry on its own', async () => {
    await queue([{ fault: '429', retryDelaySeconds: 3 }]);
    const before = seen.length;
    const error = await failureOf(client().generateImage(request()));
    expect(error).toBeInstanceOf(TransientServiceError);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 3000, retryable: true });
    expect(error.message).toMatch(/RESOURCE_EXHAUSTED/);
    expect(seen.length - before).toBe(1);
    expectKeyNotIn(error);
  });

  it('500 is transient, one request', async () => {
    await queue([{ fault: '500' }]);
    const before = seen.length;
    const error = await failureOf(client().generateImage(request()));
    expect(error).toBeInstanceOf(TransientServiceError);
    expect(error).toMatchObject({ code: 'server_error', status: 500 });
    expect(seen.length - before).toBe(1);
  });

  it('400 is permanent, with the API’s message', async () => {
    const error = await failureOf(client().generateImage({ ...request(), aspectRatio: '7:3' }));
    expect(error).toBeInstanceOf(PermanentServiceError);
    expect(error).toMatchObject({ code: 'caller_bug', status: 400, retryable: false });
    expect(error.message).toMatch(/Unsupported aspect ratio "7:3"/);
  });

  it('a wrong key on generate is permanent and never echoed', async () => {
    const error = await failureOf(client({ apiKey: 'wrong-key-99' }).generateImage(request()));
    expect(error).toMatchObject({ code: 'caller_bug', status: 403 });
    expect(`${error.message}${error.stack}`).not.toContain('wrong-key-99');
  });

  it('a timeout is transient', async () => {
    await queue([{ fault: 'slow', delayMs: 3_000 }]);
    const started = Date.now();
    const error = await failureOf(client({ timeoutMs: 300 }).generateImage(request()));
    expect(error).toBeInstanceOf(TransientServiceError);
    expect(error).toMatchObject({ code: 'timeout' });
    expect(error.message).toMatch(/timed out after 300 ms/);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('a cancelled call says so', async () => {
    await queue([{ fault: 'slow', delayMs: 3_000 }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failureOf(client().generateImage({ ...request(), signal: controller.signal }));
    expect(error).toMatchObject({ code: 'cancelled', retryable: true });
  });

  it('an unreachable endpoint is transient', async () => {
    const port = await freePort();
    const error = await failureOf(client({ baseUrl: `http://127.0.0.1:${port}` }).generateImage(request()));
    expect(error).toBeInstanceOf(TransientServiceError);
    expect(error).toMatchObject({ code: 'network' });
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('refuses more than 14 references and unreadable ones before any request', async () => {
    const before = seen.length;
    const many = Array.from({ length: 15 }, (_, i) => ({ bytes: master, mimeType: 'image/png', label: `reference ${i}` }));
    expect(await failureOf(client().generateImage({ prompt: frontPrompt, references: many }))).toMatchObject({
      code: 'too_many_references',
      retryable: false,
    });
    const broken = await failureOf(
      client().generateImage({
        prompt: frontPrompt,
        references: [{ bytes: Buffer.from('not an image'), mimeType: 'image/png', label: 'the master' }],
      }),
    );
    expect(broken).toBeInstanceOf(PermanentServiceError);
    expect(broken).toMatchObject({ code: 'invalid_image' });
    expect(broken.message).toMatch(/Reference image 1 \(the master\)/);
    expect(seen.length).toBe(before);
  });

  it('needs a key and a model id at construction', () => {
    expect(() => createImageModelClient({ apiKey: '', model: MODEL })).toThrow(/GEMINI_API_KEY/);
    expect(() => createImageModelClient({ apiKey: KEY, model: '' })).toThrow(/GEMINI_IMAGE_MODEL/);
  });
});

/** Answers the stand-in never gives: a bare Retry-After, and a 200 that breaks the contract. */
describe('image model client against answers outside the stand-in’s repertoire', () => {
  let odd: RunningServer;
  let answer: () => Response;
  beforeAll(async () => {
    odd = await serveFetchHandler(() => answer(), { port: 0 });
  });
  afterAll(async () => {
    await odd.close();
  });
  const oddClient = () => createImageModelClient({ apiKey: KEY, model: MODEL, baseUrl: odd.url, timeoutMs: 5_000 });

  it('takes the delay from Retry-After when a 429 has no RetryInfo, and from Retry-After on a 503', async () => {
    answer = () => json({ error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } }, 429, { 'retry-after': '5' });
    expect(await failureOf(oddClient().generateImage(request()))).toMatchObject({ code: 'rate_limited', retryAfterMs: 5000 });
    answer = () => json({ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }, 503, { 'retry-after': '1' });
    const unavailable = await failureOf(oddClient().generateImage(request()));
    expect(unavailable).toBeInstanceOf(TransientServiceError);
    expect(unavailable).toMatchObject({ status: 503, retryAfterMs: 1000 });
  });

  it('a 200 whose image is not an image, or whose shape is wrong, is a bad_response', async () => {
    answer = () =>
      json({
        candidates: [
          {
            content: { parts: [{ inlineData: { mimeType: 'image/png', data: Buffer.from('hello').toString('base64') } }] },
            finishReason: 'STOP',
          },
        ],
      });
    const notImage = await failureOf(oddClient().generateImage(request()));
    expect(notImage).toBeInstanceOf(PermanentServiceError);
    expect(notImage).toMatchObject({ code: 'bad_response' });

    answer = () => json({ candidates: 'nonsense' });
    expect(await failureOf(oddClient().generateImage(request()))).toMatchObject({ code: 'bad_response' });

    answer = () => new Response('<html>proxy error</html>', { status: 200, headers: { 'content-type': 'application/json' } });
    expect(await failureOf(oddClient().generateImage(request()))).toMatchObject({ code: 'bad_response' });
  });
});
