import sharp from 'sharp';
import { startGeminiStandIn } from '../../../local-services/gemini/server';
import {
  BAND_NAMES,
  colourDifference,
  measureFigure,
  randomLook,
  renderCharacter,
  type CharacterLook,
} from '../../../local-services/gemini/renderer';
import type { RunningServer } from '../../../local-services/http/http-server';
import { subjectBox } from './pixels';
import type { Json } from '../../../test-system/json';

const KEY = 'stand-in-test-key';
const MODEL = 'gemini-3.1-flash-image';

const LOOK_A: CharacterLook = {
  colours: { hair: '#3b2417', skin: '#e3b08e', top: '#8c1d2c', bottom: '#1f2f4a', shoes: '#222222', accent: '#1fae75' },
  hairStyle: 'long',
  proportions: { heightToWidth: 3.2, headFraction: 0.15 },
};

let server: RunningServer;
let masterA: Buffer;
let masterB: Buffer;

beforeAll(async () => {
  server = await startGeminiStandIn({ port: 0, apiKey: KEY, seed: 7 });
  masterA = await renderCharacter(LOOK_A, 0, { width: 768, height: 1024 });
  masterB = await renderCharacter(randomLook(99), 0, { width: 768, height: 1024 });
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await fetch(`${server.url}/_control/faults`, { method: 'DELETE' });
});

interface Body {
  contents?: unknown;
  generationConfig?: unknown;
}

function requestBody(prompt: string, references: Buffer[] = [], config: Record<string, unknown> = {}): Body {
  return {
    contents: [
      {
        role: 'user',
        parts: [
          { text: prompt },
          ...references.map((bytes) => ({ inlineData: { mimeType: 'image/png', data: bytes.toString('base64') } })),
        ],
      },
    ],
    generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '3:4' }, candidateCount: 1, ...config },
  };
}

async function generate(
  body: unknown,
  options: { key?: string | null; model?: string } = {},
): Promise<{ status: number; headers: Headers; json: Json }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = options.key === undefined ? KEY : options.key;
  if (key !== null) headers['x-goog-api-key'] = key;
  const response = await fetch(`${server.url}/v1beta/models/${options.model ?? MODEL}:generateContent`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

function imageOf(json: Json): Buffer {
  const data = json.candidates?.[0]?.content?.parts?.find((part: Json) => part.inlineData)?.inlineData?.data;
  if (typeof data !== 'string') throw new Error(`no image in ${JSON.stringify(json).slice(0, 300)}`);
  return Buffer.from(data, 'base64');
}

async function queue(faults: unknown[]): Promise<void> {
  const response = await fetch(`${server.url}/_control/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ queue: faults }),
  });
  expect(response.status).toBe(200);
}

const prompt = (angle: number) =>
  `Full body shot of Ada, turned ${angle} degrees (${angle}°), plain light background. The first image is the master reference.`;

function expectGoogleError(json: Json, code: number, status: string): void {
  expect(json).toEqual({ error: expect.objectContaining({ code, status, message: expect.any(String) }) });
}

describe('Gemini stand-in over HTTP', () => {
  it('answers generateContent in the API shape, with realistic usage', async () => {
    const text = prompt(0);
    const { status, json } = await generate(requestBody(text, [masterA]));
    expect(status).toBe(200);
    expect(json).toEqual({
      candidates: [
        {
          content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: expect.any(String) } }] },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: expect.objectContaining({
        promptTokenCount: expect.any(Number),
        candidatesTokenCount: 1120,
        totalTokenCount: expect.any(Number),
      }),
      modelVersion: MODEL,
      responseId: expect.any(String),
    });
    expect(json.usageMetadata.promptTokenCount).toBe(Math.ceil(text.length / 4) + 258);
    expect(json.usageMetadata.totalTokenCount).toBe(json.usageMetadata.promptTokenCount + 1120);
    expect(await sharp(imageOf(json)).metadata()).toMatchObject({ format: 'png', width: 864, height: 1184 });
  });

  it('bills 1290 output tokens per image for gemini-2.5-flash-image, and honours the aspect ratio', async () => {
    const { json } = await generate(requestBody(prompt(0), [], { imageConfig: { aspectRatio: '16:9' } }), {
      model: 'gemini-2.5-flash-image',
    });
    expect(json.usageMetadata.candidatesTokenCount).toBe(1290);
    expect(await sharp(imageOf(json)).metadata()).toMatchObject({ width: 1344, height: 768 });
  });

  it('checks the API key: 401 without one, 403 with a wrong one, in Google’s error shape', async () => {
    const missing = await generate(requestBody('x'), { key: null });
    expect(missing.status).toBe(401);
    expectGoogleError(missing.json, 401, 'UNAUTHENTICATED');
    const wrong = await generate(requestBody('x'), { key: 'not-the-key' });
    expect(wrong.status).toBe(403);
    expectGoogleError(wrong.json, 403, 'PERMISSION_DENIED');
    expect(wrong.json.error.message).toMatch(/API key not valid/);
    const getWithoutKey = await fetch(`${server.url}/v1beta/models/${MODEL}`);
    expect(getWithoutKey.status).toBe(401);
  });

  it('knows its models: GET one, list them, 404 for an unknown one', async () => {
    const headers = { 'x-goog-api-key': KEY };
    const known = await fetch(`${server.url}/v1beta/models/gemini-3-pro-image`, { headers });
    expect(known.status).toBe(200);
    expect(await known.json()).toMatchObject({
      name: 'models/gemini-3-pro-image',
      supportedGenerationMethods: expect.arrayContaining(['generateContent']),
    });
    const list = await (await fetch(`${server.url}/v1beta/models`, { headers })).json();
    expect(list.models.map((model: Json) => model.name)).toEqual([
      'models/gemini-3.1-flash-image',
      'models/gemini-3-pro-image',
      'models/gemini-2.5-flash-image',
    ]);

    const unknown = await fetch(`${server.url}/v1beta/models/gemini-9-ultra`, { headers });
    expect(unknown.status).toBe(404);
    expectGoogleError(await unknown.json(), 404, 'NOT_FOUND');
    const generateUnknown = await generate(requestBody('x'), { model: 'gemini-9-ultra' });
    expect(generateUnknown.status).toBe(404);
    expect(generateUnknown.json.error.message).toMatch(/models\/gemini-9-ultra is not found/);
  });

  it('rejects requests the real API rejects, with 400 INVALID_ARGUMENT', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [requestBody('x', [], { responseModalities: ['TEXT'] }), /responseModalities must include IMAGE/],
      [{ contents: [{ role: 'user', parts: [{ text: 'x' }] }] }, /responseModalities must include IMAGE/],
      [requestBody('x', [], { imageConfig: { aspectRatio: '7:3' } }), /Unsupported aspect ratio "7:3"/],
      [requestBody('x', [], { candidateCount: 2 }), /Multiple candidates/],
      [
        requestBody(
          'x',
          Array.from({ length: 15 }, () => masterA),
        ),
        /at most 14/,
      ],
      [{ ...requestBody('x'), contents: [] }, /Invalid JSON payload/],
      ['{not json', /not valid JSON/],
      [
        {
          ...requestBody('x'),
          contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: 'data:image/png;base64,AAAA' } }] }],
        },
        /base64/,
      ],
      [
        { ...requestBody('x'), contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'application/pdf', data: 'AAAA' } }] }] },
        /Unsupported MIME type/,
      ],
      [requestBody('x', [Buffer.from('this is not an image')]), /Unable to process input image/],
      [requestBody('x'.repeat(21 * 1024 * 1024)), /payload size exceeds the limit/],
    ];
    for (const [body, message] of cases) {
      const { status, json } = await generate(body);
      expect({ status, message: json.error?.message }).toEqual({ status: 400, message: expect.stringMatching(message) });
      expect(json.error.status).toBe('INVALID_ARGUMENT');
    }
  });

  it('is deterministic: the same request gives identical image bytes', async () => {
    const first = imageOf((await generate(requestBody(prompt(45), [masterA]))).json);
    const second = imageOf((await generate(requestBody(prompt(45), [masterA]))).json);
    const otherPrompt = imageOf((await generate(requestBody(`${prompt(45)} Smiling.`, [masterA]))).json);
    expect(first.equals(second)).toBe(true);
    expect(first.equals(otherPrompt)).toBe(false);
  });

  it('follows the master reference: the generated front view has the master’s colours; another master gives another look', async () => {
    const fromA = await measureFigure(imageOf((await generate(requestBody(prompt(0), [masterA]))).json));
    for (const band of BAND_NAMES) expect(colourDifference(fromA!.bands[band]!, LOOK_A.colours[band])).toBeLessThan(3);
    expect(fromA!.hairStyle).toBe('long');
    // Each render swings the arms a little (a model never repeats a pose), which widens the silhouette by a few %.
    expect(Math.abs(fromA!.heightToWidth - LOOK_A.proportions.heightToWidth) / LOOK_A.proportions.heightToWidth).toBeLessThan(0.06);

    const fromB = await measureFigure(imageOf((await generate(requestBody(prompt(0), [masterB]))).json));
    const differing = BAND_NAMES.filter((band) => colourDifference(fromB!.bands[band]!, LOOK_A.colours[band]) > 10);
    expect(differing.length).toBeGreaterThanOrEqual(3);
  });

  it('follows the angle in the prompt: the back differs from the front, the profile is narrower', async () => {
    const render = async (text: string) => imageOf((await generate(requestBody(text, [masterA]))).json);
    const front = await render(prompt(0));
    const back = await render('Full body shot of Ada, back view, turned 180 degrees, facing away from the camera (180°).');
    const side = await render('Full body shot of Ada, left profile, turned 90 degrees to the left (90°).');
    expect(front.equals(back)).toBe(false);
    // From behind, the face band of the head is hair, not skin.
    const faceBandVersusSkin = async (png: Buffer) => colourDifference((await measureFigure(png))!.bands.skin!, LOOK_A.colours.skin);
    expect(await faceBandVersusSkin(front)).toBeLessThan(3);
    expect(await faceBandVersusSkin(back)).toBeGreaterThan(10);
    expect((await subjectBox(side)).width).toBeLessThan((await subjectBox(front)).width * 0.75);
  });

  it('without a reference, draws a look derived from the seed and prompt', async () => {
    const one = imageOf((await generate(requestBody('A full body character, front view'))).json);
    const again = imageOf((await generate(requestBody('A full body character, front view'))).json);
    const other = imageOf((await generate(requestBody('Another full body character, front view'))).json);
    expect(one.equals(again)).toBe(true);
    expect(one.equals(other)).toBe(false);
  });

  describe('scripted faults', () => {
    it('429 carries RetryInfo and Retry-After', async () => {
      await queue([{ fault: '429', retryDelaySeconds: 3 }]);
      const { status, headers, json } = await generate(requestBody(prompt(0)));
      expect(status).toBe(429);
      expectGoogleError(json, 429, 'RESOURCE_EXHAUSTED');
      expect(json.error.details).toContainEqual({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3s' });
      expect(headers.get('retry-after')).toBe('3');
      // Consumed: the next request is served.
      expect((await generate(requestBody(prompt(0)))).status).toBe(200);
    });

    it('500 is an INTERNAL error', async () => {
      await queue([{ fault: '500' }]);
      const { status, json } = await generate(requestBody(prompt(0)));
      expect(status).toBe(500);
      expectGoogleError(json, 500, 'INTERNAL');
    });

    it('slow answers after the delay, with an image', async () => {
      await queue([{ fault: 'slow', delayMs: 400 }]);
      const started = Date.now();
      const { status, json } = await generate(requestBody(prompt(0)));
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
      expect(status).toBe(200);
      expect(imageOf(json).length).toBeGreaterThan(1000);
    });

    it('blocked_prompt: no candidates, promptFeedback.blockReason SAFETY', async () => {
      await queue([{ fault: 'blocked_prompt' }]);
      const { status, json } = await generate(requestBody(prompt(0)));
      expect(status).toBe(200);
      expect(json.candidates).toBeUndefined();
      expect(json.promptFeedback.blockReason).toBe('SAFETY');
      expect(json.usageMetadata.promptTokenCount).toBeGreaterThan(0);
    });

    it('blocked_output: finishReason IMAGE_SAFETY and no image', async () => {
      await queue([{ fault: 'blocked_output' }]);
      const { json } = await generate(requestBody(prompt(0)));
      expect(json.candidates[0].finishReason).toBe('IMAGE_SAFETY');
      expect(json.candidates[0].content).toBeUndefined();
    });

    it('no_image: finishReason NO_IMAGE with a text part; text_only: STOP with only text', async () => {
      await queue([{ fault: 'no_image' }, { fault: 'text_only' }]);
      const noImage = (await generate(requestBody(prompt(0)))).json;
      expect(noImage.candidates[0].finishReason).toBe('NO_IMAGE');
      expect(noImage.candidates[0].content.parts).toEqual([{ text: expect.any(String) }]);
      const textOnly = (await generate(requestBody(prompt(0)))).json;
      expect(textOnly.candidates[0].finishReason).toBe('STOP');
      expect(textOnly.candidates[0].content.parts).toEqual([{ text: expect.any(String) }]);
    });

    it('off_model: an image with STOP, of a clearly different character', async () => {
      await queue([{ fault: 'off_model' }]);
      const { json } = await generate(requestBody(prompt(0), [masterA]));
      expect(json.candidates[0].finishReason).toBe('STOP');
      const measured = await measureFigure(imageOf(json));
      for (const band of ['hair', 'skin', 'top', 'bottom'] as const) {
        expect(colourDifference(measured!.bands[band]!, LOOK_A.colours[band])).toBeGreaterThan(15);
      }
      expect(measured!.hairStyle).toBe('short');
    });

    it('match: only requests whose prompt contains the text take the fault, in queue order', async () => {
      await queue([
        { fault: '500', match: '(90°)' },
        { fault: '429', match: '(90°)' },
      ]);
      expect((await generate(requestBody(prompt(0)))).status).toBe(200);
      expect((await generate(requestBody(prompt(90)))).status).toBe(500);
      expect((await generate(requestBody(prompt(45)))).status).toBe(200);
      expect((await generate(requestBody(prompt(90)))).status).toBe(429);
      expect((await generate(requestBody(prompt(90)))).status).toBe(200);
    });

    it('DELETE clears the queue; bad control bodies are refused', async () => {
      await queue([{ fault: '500' }]);
      expect((await (await fetch(`${server.url}/_control/faults`)).json()).queue).toHaveLength(1);
      await fetch(`${server.url}/_control/faults`, { method: 'DELETE' });
      expect((await generate(requestBody(prompt(0)))).status).toBe(200);
      const bad = await fetch(`${server.url}/_control/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ queue: [{ fault: '418' }] }),
      });
      expect(bad.status).toBe(400);
    });
  });

  it('counts outcomes and time in /_control/stats', async () => {
    await fetch(`${server.url}/_control/stats`, { method: 'DELETE' });
    await queue([{ fault: '429' }, { fault: 'blocked_prompt' }]);
    await generate(requestBody(prompt(0)));
    await generate(requestBody(prompt(0)));
    await generate(requestBody(prompt(0)));
    await generate(requestBody('x'), { key: 'wrong' });
    const stats = await (await fetch(`${server.url}/_control/stats`)).json();
    expect(stats).toMatchObject({
      requests: 4,
      byOutcome: { '429': 1, blocked_prompt: 1, image: 1, permission_denied: 1 },
      imagesRendered: 1,
    });
    expect(stats.serverTimeMs).toBeGreaterThan(0);
    expect(stats.renderTimeMs).toBeGreaterThan(0);
  });
});

describe('Gemini stand-in request quota', () => {
  it('answers 429 RESOURCE_EXHAUSTED with QuotaFailure, RetryInfo and Retry-After beyond its requests per minute', async () => {
    const limited = await startGeminiStandIn({ port: 0, apiKey: KEY, seed: 1, requestsPerMinute: 2 });
    const post = () =>
      fetch(`${limited.url}/v1beta/models/${MODEL}:generateContent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY },
        body: JSON.stringify(requestBody('x')),
      });
    try {
      expect((await post()).status).toBe(200);
      expect((await post()).status).toBe(200);
      const refused = await post();
      expect(refused.status).toBe(429);
      const json = (await refused.json()) as Json;
      expectGoogleError(json, 429, 'RESOURCE_EXHAUSTED');
      expect(json.error.details).toContainEqual(expect.objectContaining({ '@type': 'type.googleapis.com/google.rpc.QuotaFailure' }));
      const retryInfo = json.error.details.find((detail: Json) => detail['@type'] === 'type.googleapis.com/google.rpc.RetryInfo');
      const seconds = Number(retryInfo.retryDelay.replace(/s$/, ''));
      expect(seconds).toBeGreaterThan(55);
      expect(seconds).toBeLessThanOrEqual(60);
      expect(refused.headers.get('retry-after')).toBe(String(seconds));

      const report = (await (await fetch(`${limited.url}/_control/quota`)).json()) as Json;
      expect(report).toMatchObject({ requestsPerMinute: 2, admitted: 2, refused: 1, busiestMinuteOffered: 3, busiestMinuteAdmitted: 2 });
      // Lifted at run time: the next request is served.
      await fetch(`${limited.url}/_control/quota`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ requestsPerMinute: null }),
      });
      expect((await post()).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('Gemini stand-in configuration at start', () => {
  it('draws faults by rate and adds the configured latency', async () => {
    const faulty = await startGeminiStandIn({ port: 0, apiKey: KEY, faults: '500:1', latencyMs: 150, seed: 1 });
    try {
      const started = Date.now();
      const response = await fetch(`${faulty.url}/v1beta/models/${MODEL}:generateContent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY },
        body: JSON.stringify(requestBody('x')),
      });
      expect(response.status).toBe(500);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await faulty.close();
    }
  });

  it('closes at once even while a slow answer is pending', async () => {
    const slow = await startGeminiStandIn({ port: 0, apiKey: KEY, latencyMs: 60_000 });
    const pending = fetch(`${slow.url}/v1beta/models/${MODEL}:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY },
      body: JSON.stringify(requestBody('x')),
    }).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await slow.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    await pending;
  });
});
