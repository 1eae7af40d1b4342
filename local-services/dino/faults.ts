import { z } from 'zod';
import { json } from '../http/http-server';
import { createRandom } from '../gemini/renderer/random';

export const DINO_FAULT_KINDS = ['500', '503'] as const;
export type DinoFaultKind = (typeof DINO_FAULT_KINDS)[number];

export const dinoFaultRatesSchema = z.partialRecord(z.enum(DINO_FAULT_KINDS), z.number().min(0).max(1));
export type DinoFaultRates = z.infer<typeof dinoFaultRatesSchema>;

export const dinoFaultControlSchema = z
  .object({ rates: dinoFaultRatesSchema })
  .refine((body) => Object.values(body.rates).reduce((sum, rate) => sum + (rate ?? 0), 0) <= 1, 'fault rates add up to more than 1');

/**
 * Faults drawn by rate, answered before the request is handled (nothing is stored or deleted), in the shapes the real
 * service's stack gives: FastAPI's 500 for an unhandled error, the proxy's 503 with Retry-After while it restarts.
 */
export function createDinoFaults(seed: number) {
  const random = createRandom(seed ^ 0xd1a0);
  let rates: DinoFaultRates = {};
  return {
    setRates(next: DinoFaultRates) {
      rates = { ...next };
    },
    describe: () => ({ rates: { ...rates } }),
    /** The fault answer for this request, or undefined to handle it. */
    draw(): Response | undefined {
      let roll = random.next();
      for (const kind of DINO_FAULT_KINDS) {
        const rate = rates[kind] ?? 0;
        if (roll < rate) return faultResponse(kind);
        roll -= rate;
      }
      return undefined;
    },
  };
}

function faultResponse(kind: DinoFaultKind): Response {
  if (kind === '503') {
    return new Response('<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>', {
      status: 503,
      headers: { 'content-type': 'text/html', 'retry-after': '1' },
    });
  }
  return json({ detail: 'Internal server error' }, 500);
}
