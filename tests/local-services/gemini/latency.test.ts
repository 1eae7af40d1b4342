import { createFaultPlan } from '../../../local-services/gemini/faults';
import { generateContent, type GenerationContext } from '../../../local-services/gemini/generate-content';
import { createLookCache } from '../../../local-services/gemini/look-cache';
import { createRequestQuota } from '../../../local-services/gemini/request-quota';
import type { Sleeper } from '../../../local-services/gemini/sleeper';
import { createStats } from '../../../local-services/gemini/stats';

const MODEL = 'gemini-3.1-flash-image';

/** The steps of one request in the order they happened: drawing (the stats' render record) and waiting (the sleeper). */
function recordingContext(latencyMs: number, faults = createFaultPlan({ seed: 1 })): { context: GenerationContext; steps: string[] } {
  const steps: string[] = [];
  const stats = createStats();
  const sleeper: Sleeper = {
    sleep: async (ms) => {
      // A few ms go to reading the request; a drawing takes far longer.
      const name = ms > latencyMs ? 'more than the latency' : ms >= latencyMs - 5 ? 'the latency' : 'less than the latency';
      steps.push(`wait ${name}`);
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
  return { context, steps };
}

const requestBody = (prompt: string) => ({
  contents: [{ role: 'user', parts: [{ text: prompt }] }],
  generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '3:4' }, candidateCount: 1 },
});

// A remote model's answer time is all of its work: the stand-in draws inside its latency, not after it, or every
// answer would leave the drawing's time later than the latency the bench counts as the model's.
describe('the image-model stand-in answers the latency after the request arrived', () => {
  it('draws first and waits only what is left of the latency', async () => {
    const { context, steps } = recordingContext(60_000);
    const result = await generateContent(requestBody('A figure (90°)'), MODEL, context);
    expect(result.outcome).toBe('image');
    expect(steps).toEqual(['draw', 'wait less than the latency']);
  });

  it('waits the whole latency, and a slow fault on top of it, counted from the request', async () => {
    const faults = createFaultPlan({ seed: 1 });
    faults.enqueue([{ fault: '500' }, { fault: 'slow', delayMs: 60_000 }]);
    const { context, steps } = recordingContext(1_000, faults);
    expect((await generateContent(requestBody('A figure (0°)'), MODEL, context)).outcome).toBe('500');
    expect((await generateContent(requestBody('A figure (0°)'), MODEL, context)).outcome).toBe('slow');
    expect(steps).toEqual(['wait the latency', 'draw', 'wait more than the latency']);
  });
});
