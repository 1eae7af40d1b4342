import { z } from 'zod';
import { createRandom, type Random } from './renderer/random';

export const FAULT_KINDS = [
  '429',
  '500',
  'slow',
  'blocked_prompt',
  'blocked_output',
  'no_image',
  'text_only',
  'off_model',
  'front_view',
  '400',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultSpecSchema = z.object({
  fault: z.enum(FAULT_KINDS),
  /** 429: the delay put in RetryInfo and Retry-After (default 2 s). */
  retryDelaySeconds: z.number().nonnegative().max(3600).optional(),
  /** slow: extra time before answering (default 5 s). */
  delayMs: z.number().int().nonnegative().max(600_000).optional(),
  /** Only requests whose prompt contains this text take the fault. */
  match: z.string().min(1).optional(),
});
export type FaultSpec = z.infer<typeof faultSpecSchema>;

export type FaultRates = Partial<Record<FaultKind, number>>;

export const faultRatesSchema = z.partialRecord(z.enum(FAULT_KINDS), z.number().min(0).max(1));

/** Parses `429:0.1,500:0.05` (the GEMINI_STANDIN_FAULTS format). */
export function parseFaultRates(text: string | undefined): FaultRates {
  const rates: FaultRates = {};
  for (const entry of (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [kind, rate] = entry.split(':').map((part) => part.trim());
    const parsedKind = z.enum(FAULT_KINDS).safeParse(kind);
    const parsedRate = z.coerce.number().min(0).max(1).safeParse(rate);
    if (!parsedKind.success || !parsedRate.success || rate === undefined || rate === '') {
      throw new Error(`bad fault rate "${entry}": expected <fault>:<rate 0..1> with fault one of ${FAULT_KINDS.join(', ')}`);
    }
    rates[parsedKind.data] = parsedRate.data;
  }
  const total = Object.values(rates).reduce((sum, rate) => sum + rate, 0);
  if (total > 1) throw new Error(`fault rates add up to ${total}, more than 1`);
  return rates;
}

export interface FaultPlan {
  enqueue(specs: FaultSpec[]): void;
  setRates(rates: FaultRates): void;
  /** Empties the queue and puts the rates back to the configured ones. */
  clear(): void;
  /** The fault for a request with this prompt: the first matching queued one, else one drawn by rate, else none. */
  next(prompt: string): FaultSpec | undefined;
  describe(): { queue: FaultSpec[]; rates: FaultRates };
}

export function createFaultPlan(options: { rates?: FaultRates; seed: number }): FaultPlan {
  const queue: FaultSpec[] = [];
  let rates: FaultRates = { ...options.rates };
  const random: Random = createRandom(options.seed ^ 0x5eed);
  return {
    enqueue: (specs) => {
      queue.push(...specs);
    },
    setRates: (next) => {
      rates = { ...next };
    },
    clear: () => {
      queue.length = 0;
      rates = { ...options.rates };
    },
    next: (prompt) => {
      const index = queue.findIndex((spec) => spec.match === undefined || prompt.includes(spec.match));
      if (index >= 0) return queue.splice(index, 1)[0];
      let roll = random.next();
      for (const kind of FAULT_KINDS) {
        const rate = rates[kind] ?? 0;
        if (roll < rate) return { fault: kind };
        roll -= rate;
      }
      return undefined;
    },
    describe: () => ({ queue: [...queue], rates: { ...rates } }),
  };
}
