/**
 * Runs `task` for every item with at most `limit` in flight. Deterministic inside a workflow: it only awaits
 * the tasks' own promises, which Temporal resolves in history order.
 */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

/**
 * At most `limit` lanes generating at once, where a lane that waits for a reviewer gives its slot back: review can
 * take days, and an angle still queued behind it must not wait for a person to press a button. FIFO, and it only
 * awaits its own promises, so it is deterministic inside a workflow.
 */
export class GenerationSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(limit: number) {
    this.free = Math.max(1, limit);
  }

  /** Resolves with a held slot; `release` hands it back (a lane waiting for review, or done), `reacquire` takes one again. */
  async take(): Promise<GenerationSlot> {
    await this.acquire();
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        this.giveBack();
      },
      reacquire: async () => {
        if (held) return;
        await this.acquire();
        held = true;
      },
    };
  }

  private async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private giveBack(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

export interface GenerationSlot {
  release(): void;
  reacquire(): Promise<void>;
}
