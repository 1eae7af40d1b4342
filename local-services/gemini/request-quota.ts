import { z } from 'zod';

const WINDOW_MS = 60_000;

export const requestQuotaSchema = z.object({
  /** generateContent requests admitted in any 60 s; null lifts the limit. */
  requestsPerMinute: z.number().int().positive().nullable(),
});

export interface QuotaReport {
  requestsPerMinute: number | null;
  admitted: number;
  refused: number;
  /** The most requests (admitted or refused) that arrived within one 60 s window: the rate callers offered. */
  busiestMinuteOffered: number;
  /** The most admitted within one 60 s window; never above the limit while it was set. */
  busiestMinuteAdmitted: number;
  /** Epoch ms of the first and last admitted request (null before any). */
  firstAdmittedAt: number | null;
  lastAdmittedAt: number | null;
}

export interface RequestQuota {
  /** Counts the request; `undefined` when admitted, else the seconds until the window has room again. */
  take(now?: number): number | undefined;
  set(requestsPerMinute: number | null): void;
  reset(): void;
  report(): QuotaReport;
}

/**
 * A per-minute request quota like the model's ("requests per minute per project per model"), over a sliding 60 s
 * window: beyond it a request is refused with the wait until the oldest admitted one leaves the window.
 */
export function createRequestQuota(initial: number | null = null): RequestQuota {
  let limit = initial;
  let admitted: number[] = [];
  let arrivals: number[] = [];
  let refused = 0;
  return {
    take(now = Date.now()) {
      arrivals.push(now);
      if (limit !== null) {
        const inWindow = admitted.filter((at) => at > now - WINDOW_MS);
        if (inWindow.length >= limit) {
          refused += 1;
          return Math.max(0.001, (inWindow[inWindow.length - limit]! + WINDOW_MS - now) / 1000);
        }
      }
      admitted.push(now);
      return undefined;
    },
    set(requestsPerMinute) {
      limit = requestsPerMinute;
    },
    reset() {
      admitted = [];
      arrivals = [];
      refused = 0;
    },
    report: () => ({
      requestsPerMinute: limit,
      admitted: admitted.length,
      refused,
      busiestMinuteOffered: busiestWindow(arrivals),
      busiestMinuteAdmitted: busiestWindow(admitted),
      firstAdmittedAt: admitted[0] ?? null,
      lastAdmittedAt: admitted.at(-1) ?? null,
    }),
  };
}

function busiestWindow(times: number[]): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= WINDOW_MS) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
