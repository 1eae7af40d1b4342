import sharp from 'sharp';
import { measureQuality, startMeasurementThreads, UndecodableImageError, type MeasurementThreads } from '../../image-analysis';
import { randomLook, renderCharacter } from '../../local-services/gemini/renderer';

/**
 * The worker measures pixels on threads of its own (image-analysis/measurement-threads.ts). What a thread answers must
 * be what measureQuality answers on the calling thread, its refusals included, and a thread that dies must not take
 * the measurements after it along.
 */
describe('measurement threads', () => {
  const threadFile = new URL('../../image-analysis/measurement-thread.ts', import.meta.url);
  // Jest's own process has no TypeScript loader for a thread; the worker's threads inherit tsx's, or run compiled code.
  const execArgv = ['--import', 'tsx'];
  let threads: MeasurementThreads;
  let reference: Buffer;
  let candidate: Buffer;

  beforeAll(async () => {
    threads = startMeasurementThreads({ size: 2, threadFile, execArgv });
    const look = randomLook(31);
    reference = await renderCharacter(look, 0, { aspectRatio: '3:4', seed: 1 });
    candidate = await renderCharacter(look, 45, { aspectRatio: '3:4', seed: 2 });
  });

  afterAll(async () => {
    await threads?.close();
  });

  it('answers what measureQuality answers on the calling thread, for a good and for a cropped, blurred view', async () => {
    const damaged = await sharp(candidate).extract({ left: 0, top: 0, width: 300, height: 420 }).blur(4).png().toBuffer();
    for (const image of [candidate, damaged]) {
      const options = { expectedAspectRatio: 3 / 4, referenceImages: [reference] };
      const [onThread, onCaller] = await Promise.all([threads.measure(image, options), measureQuality(image, options)]);
      expect(onThread).toEqual(onCaller);
    }
  }, 120_000);

  it('runs more measurements than threads, each answered with its own report', async () => {
    const looks = [41, 42, 43, 44, 45].map((seed) => randomLook(seed));
    const images = await Promise.all(looks.map((look) => renderCharacter(look, 90, { aspectRatio: '3:4', seed: 3 })));
    const reports = await Promise.all(images.map((image) => threads.measure(image, { referenceImages: [reference] })));
    const expected = await Promise.all(images.map((image) => measureQuality(image, { referenceImages: [reference] })));
    expect(reports.map((report) => report.hash)).toEqual(expected.map((report) => report.hash));
    expect(new Set(reports.map((report) => report.hash)).size).toBe(images.length);
  }, 120_000);

  it('refuses an undecodable file with the same error type and message as on the calling thread', async () => {
    const garbage = Buffer.from('not an image at all');
    const refusal = (measuring: Promise<unknown>) =>
      measuring.then(
        () => new Error('measured an undecodable file'),
        (error: unknown) => error as Error,
      );
    const onCaller = await refusal(measureQuality(garbage));
    const onThread = await refusal(threads.measure(garbage));
    expect(onCaller).toBeInstanceOf(UndecodableImageError);
    expect(onThread).toBeInstanceOf(UndecodableImageError);
    expect(onThread.message).toBe(onCaller.message);
  }, 60_000);

  it('a thread that dies fails only the measurement it held; the next one is measured on a new thread', async () => {
    const single = startMeasurementThreads({ size: 1, threadFile: new URL('./support/dying-thread.mjs', import.meta.url) });
    try {
      await expect(single.measure(Buffer.from('die'))).rejects.toThrow(/measurement thread stopped \(exit code 3\)/);
      const answer = await single.measure(Buffer.from('answer'));
      expect(answer.hash).toBe('answer');
    } finally {
      await single.close();
    }
  }, 60_000);

  it('a thread that cannot start fails each measurement asked of it instead of leaving it waiting', async () => {
    const broken = startMeasurementThreads({ size: 1, threadFile: new URL('./support/no-such-thread.mjs', import.meta.url) });
    try {
      await expect(broken.measure(Buffer.from('a'))).rejects.toThrow(/measurement thread stopped/);
      await expect(broken.measure(Buffer.from('b'))).rejects.toThrow(/measurement thread stopped/);
    } finally {
      await broken.close();
    }
  }, 60_000);
});
