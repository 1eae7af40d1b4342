import sharp from 'sharp';
import { earlyMeasurements } from '../../activities/support/early-measurements';
import { measureQuality, type QualityOptions } from '../../image-analysis';
import { randomLook, renderCharacter } from '../../local-services/gemini/renderer';

/** A measurement counted per call, answering measureQuality's report; `failNext` makes the next call fail. */
function countedMeasure() {
  const calls: Buffer[] = [];
  let failNext = false;
  const measure = async (bytes: Buffer, options?: QualityOptions) => {
    calls.push(bytes);
    if (failNext) {
      failNext = false;
      throw new Error('the thread died');
    }
    return measureQuality(bytes, options);
  };
  return { measure, calls, failNext: () => (failNext = true) };
}

describe('early measurements', () => {
  let master: Buffer;
  let candidate: Buffer;

  beforeAll(async () => {
    const look = randomLook(61);
    master = await renderCharacter(look, 0, { aspectRatio: '3:4', seed: 1 });
    candidate = await renderCharacter(look, 45, { aspectRatio: '3:4', seed: 2 });
  });

  it('a measurement started early is the one asked for later: measured once, the same report as measuring then', async () => {
    const counted = countedMeasure();
    const measurements = earlyMeasurements(counted.measure);
    measurements.start(candidate, { expectedAspectRatio: 3 / 4, referenceImages: [master] });
    // Asked with copies of the same pictures, as measureCandidateQuality reads them back from storage.
    const report = await measurements.measure(Buffer.from(candidate), {
      expectedAspectRatio: 3 / 4,
      referenceImages: [Buffer.from(master)],
    });
    expect(counted.calls).toHaveLength(1);
    expect(report).toEqual(await measureQuality(candidate, { expectedAspectRatio: 3 / 4, referenceImages: [master] }));
  }, 60_000);

  it('other pictures or other options are measured afresh', async () => {
    const counted = countedMeasure();
    const measurements = earlyMeasurements(counted.measure);
    measurements.start(candidate, { expectedAspectRatio: 3 / 4, referenceImages: [master] });
    const reencoded = await sharp(candidate).jpeg({ quality: 90 }).toBuffer();
    await measurements.measure(reencoded, { expectedAspectRatio: 3 / 4, referenceImages: [master] });
    await measurements.measure(candidate, { expectedAspectRatio: 1, referenceImages: [master] });
    await measurements.measure(candidate, { expectedAspectRatio: 3 / 4, referenceImages: [] });
    await measurements.measure(candidate, { expectedAspectRatio: 3 / 4, referenceImages: [candidate] });
    expect(counted.calls).toHaveLength(5);
  }, 60_000);

  it('a failed early measurement is not kept: asking again measures again', async () => {
    const counted = countedMeasure();
    const measurements = earlyMeasurements(counted.measure);
    counted.failNext();
    measurements.start(candidate, { referenceImages: [master] });
    await expect(measurements.measure(candidate, { referenceImages: [master] })).rejects.toThrow('the thread died');
    const report = await measurements.measure(candidate, { referenceImages: [master] });
    expect(report.checks.length).toBeGreaterThan(0);
    expect(counted.calls).toHaveLength(2);
  }, 60_000);
});
