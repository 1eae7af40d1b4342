import sharp from 'sharp';
import { classifyResponse, generationCostUsd, IMAGE_MODEL_PRICES, priceFor } from '../../../clients/gemini';
import { PermanentServiceError } from '../../../clients/errors';

/** Answer shapes the real API gives and the stand-in does not script: thinking parts, JPEG, other reasons. */
let png: Buffer;
let jpeg: Buffer;
beforeAll(async () => {
  const base = sharp({ create: { width: 8, height: 8, channels: 3, background: '#884422' } });
  png = await base.clone().png().toBuffer();
  jpeg = await base.clone().jpeg().toBuffer();
});

const image = (bytes: Buffer, mimeType = 'image/png') => ({ inlineData: { mimeType, data: bytes.toString('base64') } });
const answer = (parts: unknown[], finishReason = 'STOP', extra: Record<string, unknown> = {}) => ({
  candidates: [{ content: { role: 'model', parts }, finishReason, index: 0 }],
  usageMetadata: {
    promptTokenCount: 300,
    candidatesTokenCount: 1150,
    totalTokenCount: 1450,
    candidatesTokensDetails: [
      { modality: 'IMAGE', tokenCount: 1120 },
      { modality: 'TEXT', tokenCount: 30 },
    ],
  },
  modelVersion: 'gemini-3-pro-image-001',
  responseId: 'abc',
  ...extra,
});

describe('classifyResponse', () => {
  it('takes the final image, not the draft ones a thinking model marks as thought, and keeps the text', () => {
    const outcome = classifyResponse(
      answer([{ text: 'drafting', thought: true }, { ...image(jpeg), thought: true }, { text: 'Here she is.' }, image(png)]),
      'gemini-3-pro-image',
    );
    expect(outcome).toMatchObject({
      kind: 'image',
      mimeType: 'image/png',
      text: 'Here she is.',
      finishReason: 'STOP',
      modelVersion: 'gemini-3-pro-image-001',
      responseId: 'abc',
    });
    if (outcome.kind !== 'image') throw new Error('unreachable');
    expect(outcome.bytes.equals(png)).toBe(true);
    // Priced on the image tokens only (1120 × $120 per million), not the 30 text tokens.
    expect(outcome.costUsd).toBe(0.1344);
  });

  it('trusts the bytes over the declared type', () => {
    expect(classifyResponse(answer([image(jpeg, 'image/png')]), 'gemini-3.1-flash-image')).toMatchObject({
      kind: 'image',
      mimeType: 'image/jpeg',
    });
  });

  it.each([
    'SAFETY',
    'PROHIBITED_CONTENT',
    'IMAGE_SAFETY',
    'IMAGE_PROHIBITED_CONTENT',
    'IMAGE_RECITATION',
    'RECITATION',
    'SPII',
    'BLOCKLIST',
  ])('finishReason %s is a blocked output', (reason) => {
    expect(classifyResponse(answer([{ text: 'cannot show this' }], reason), 'm')).toEqual({
      kind: 'blocked',
      stage: 'output',
      reason,
      text: 'cannot show this',
    });
  });

  it.each(['SAFETY', 'OTHER', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'IMAGE_SAFETY'])(
    'promptFeedback.blockReason %s is a blocked prompt',
    (reason) => {
      expect(classifyResponse({ promptFeedback: { blockReason: reason, blockReasonMessage: 'why' } }, 'm')).toEqual({
        kind: 'blocked',
        stage: 'prompt',
        reason,
        text: 'why',
      });
    },
  );

  it('NO_IMAGE, IMAGE_OTHER, STOP with text only, and no candidates at all are "no image"', () => {
    expect(classifyResponse(answer([], 'NO_IMAGE'), 'm')).toEqual({ kind: 'no_image', finishReason: 'NO_IMAGE' });
    expect(classifyResponse(answer([{ text: 'hmm' }], 'IMAGE_OTHER'), 'm')).toEqual({
      kind: 'no_image',
      finishReason: 'IMAGE_OTHER',
      text: 'hmm',
    });
    expect(classifyResponse(answer([{ text: 'Only words.' }]), 'm')).toEqual({
      kind: 'no_image',
      finishReason: 'STOP',
      text: 'Only words.',
    });
    expect(classifyResponse({ candidates: [] }, 'm')).toEqual({ kind: 'no_image', finishReason: 'NO_CANDIDATES' });
  });

  it('reports unknown usage and unknown prices as null, never as zero', () => {
    const outcome = classifyResponse(
      { candidates: [{ content: { parts: [image(png)] }, finishReason: 'STOP' }] },
      'gemini-3.1-flash-image',
    );
    expect(outcome).toMatchObject({
      kind: 'image',
      usage: { promptTokens: null, candidatesTokens: null, totalTokens: null },
      costUsd: null,
    });
    expect(classifyResponse(answer([image(png)]), 'some-other-model')).toMatchObject({ kind: 'image', costUsd: null });
  });

  it('turns contract violations into PermanentServiceError bad_response', () => {
    const bad = [
      { candidates: 'nonsense' },
      { candidates: [{ content: { parts: [{ inlineData: { mimeType: 'image/png', data: '%%%' } }] } }] },
      { candidates: [{ content: { parts: [{ inlineData: { mimeType: 'image/png', data: Buffer.from('GIF89a').toString('base64') } }] } }] },
      { usageMetadata: { promptTokenCount: -1 }, candidates: [] },
    ];
    for (const body of bad) {
      let thrown: unknown;
      try {
        classifyResponse(body, 'm');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(PermanentServiceError);
      expect(thrown).toMatchObject({ code: 'bad_response', service: 'gemini' });
    }
  });
});

describe('image prices', () => {
  it('match the spec’s per-image figures for a 1K image', () => {
    const perImage = (model: string) => {
      const price = IMAGE_MODEL_PRICES[model]!;
      return (price.tokensPer1kImage * price.usdPerMillionOutputTokens) / 1_000_000;
    };
    expect(perImage('gemini-3.1-flash-image')).toBeCloseTo(0.067, 3);
    expect(perImage('gemini-3-pro-image')).toBeCloseTo(0.134, 3);
    expect(perImage('gemini-2.5-flash-image')).toBeCloseTo(0.039, 3);
  });

  it('know preview and prefixed ids, and nothing else', () => {
    expect(priceFor('models/gemini-3-pro-image-preview')).toBe(IMAGE_MODEL_PRICES['gemini-3-pro-image']);
    expect(priceFor('gemini-3.1-flash-image-preview-11-2026')).toBe(IMAGE_MODEL_PRICES['gemini-3.1-flash-image']);
    expect(priceFor('imagen-4')).toBeUndefined();
    expect(generationCostUsd('gemini-3.1-flash-image', { promptTokens: 1, candidatesTokens: 2240, totalTokens: 2241 }, null)).toBe(0.1344);
    expect(generationCostUsd('gemini-3.1-flash-image', { promptTokens: 1, candidatesTokens: null, totalTokens: null }, null)).toBeNull();
  });
});
