/** Counters behind GET /_control/stats: what the stand-in answered and how long it spent doing so. */
export interface StandInStats {
  requests: number;
  byOutcome: Record<string, number>;
  imagesRendered: number;
  /** Wall time inside the handler, including configured latency and `slow` faults. */
  serverTimeMs: number;
  /** Time spent analysing references and rendering images. */
  renderTimeMs: number;
  since: string;
}

export interface StatsRecorder {
  record(outcome: string, elapsedMs: number): void;
  recordRender(elapsedMs: number): void;
  snapshot(): StandInStats;
  reset(): void;
}

export function createStats(): StatsRecorder {
  let stats = fresh();
  return {
    record(outcome, elapsedMs) {
      stats.requests += 1;
      stats.byOutcome[outcome] = (stats.byOutcome[outcome] ?? 0) + 1;
      stats.serverTimeMs += elapsedMs;
    },
    recordRender(elapsedMs) {
      stats.imagesRendered += 1;
      stats.renderTimeMs += elapsedMs;
    },
    snapshot: () => ({
      ...stats,
      byOutcome: { ...stats.byOutcome },
      serverTimeMs: Math.round(stats.serverTimeMs),
      renderTimeMs: Math.round(stats.renderTimeMs),
    }),
    reset() {
      stats = fresh();
    },
  };
}

function fresh(): StandInStats {
  return { requests: 0, byOutcome: {}, imagesRendered: 0, serverTimeMs: 0, renderTimeMs: 0, since: new Date().toISOString() };
}
