/** Delays that can all be cut short, so closing the stand-in never waits for a scripted `slow` answer. */
export interface Sleeper {
  sleep(ms: number): Promise<void>;
  cancelAll(): void;
}

export function createSleeper(): Sleeper {
  const pending = new Set<() => void>();
  return {
    sleep(ms) {
      if (ms <= 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          pending.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        pending.add(done);
      });
    },
    cancelAll() {
      for (const done of [...pending]) done();
    },
  };
}
