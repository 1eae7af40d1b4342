import { createFaultPlan } from '../../../local-services/gemini/faults';
import { generateContent, type GenerationContext } from '../../../local-services/gemini/generate-content';
import { createLookCache } from '../../../local-services/gemini/look-cache';
import { createRequestQuota } from '../../../local-services/gemini/request-quota';
import type { Sleeper } from '../../../local-services/gemini/sleeper';
import { createStats } from '../../../local-services/gemini/stats';

const MODEL = 'gemini-3.1-flash-image';

/**
 * The steps of one request in the order they happened: drawing (the stats' render record) and waiting (the sleeper),
 * with how long each wait was asked to be. Bounds on the waits, not exact values: a busy machine takes a while to read a
 * request before anything is drawn or waited.
 */
function recordingContext(
  latencyMs: number,
  faults = createFaultPlan({ seed: 1 }),
): { context: GenerationContext; steps: string[]; waits: number[] } {
  const steps: string[] = [];
  const waits: number[] = [];
  const stats = createStats();
  const sleeper: Sleeper = {
    sleep: async (ms) => {
      steps.push('wait');
      waits.push(ms);
    },
    cancelAll: () => undefined,
  };
  const context: GenerationContext = {
    seed: 1,
    latencyMs,
    faults,
    stats: {
      ...stats,
      recordRender: (elapsedMs) => {
        steps.push('draw');
        stats.recordRender(elapsedMs);
      },
    },
    sleeper,
    looks: createLookCache(1),
    quota: createRequestQuota(null),
    nextResponseId: () => 'response-1',
  };
  return { context, steps, waits };
}

const requestBody = (prompt: string) => ({
  contents: [{ role: 'user', parts: [{ text: prompt }] }],
  generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '3:4' }, candidateCount: 1 },
});

// A remote model's answer time is all of its work: the stand-in draws inside its latency, not after it, or every
// answer would leave the drawing's time later than the latency the bench counts as the model's.
describe('the image-model stand-in answers the latency after the request arrived', () => {
  it('draws first and waits only what is left of the latency', async () => {
    const { context, steps, waits } = recordingContext(60_000);
    const result = await generateContent(requestBody('A figure (90°)'), MODEL, context);
    expect(result.outcome).toBe('image');
    expect(steps).toEqual(['draw', 'wait']);
    expect(waits[0]).toBeLessThan(60_000);
    expect(waits[0]).toBeGreaterThan(30_000);
  });

  it('waits the whole latency, and a slow fault on top of it, counted from the request', async () => {
    const faults = createFaultPlan({ seed: 1 });
    faults.enqueue([{ fault: '500' }, { fault: 'slow', delayMs: 60_000 }]);
    const { context, steps, waits } = recordingContext(1_000, faults);
    expect((await generateContent(requestBody('A figure (0°)'), MODEL, context)).outcome).toBe('500');
    expect((await generateContent(requestBody('A figure (0°)'), MODEL, context)).outcome).toBe('slow');
    // A failure draws nothing and answers at the latency; the slow answer draws, then waits past the latency.
    expect(steps).toEqual(['wait', 'draw', 'wait']);
    expect(waits[0]).toBeLessThanOrEqual(1_000);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[1]).toBeGreaterThan(30_000);
    expect(waits[1]).toBeLessThanOrEqual(61_000);
  });
});
