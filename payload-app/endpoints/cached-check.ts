/**
 * One answer shared by every caller for `ttlMs` after it settles, and one run at a time: callers that arrive while
 * a run is in flight wait for that run instead of starting their own. So a health probe polled by many load
 * balancers costs at most one round of dependency checks per window, however often it is called.
 */
export class CachedCheck<T> {
  private inFlight: Promise<T> | undefined;
  private settled: { value: T; at: number } | undefined;

  constructor(
    private readonly run: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    if (this.settled && this.now() - this.settled.at < this.ttlMs) return Promise.resolve(this.settled.value);
    this.inFlight ??= this.run()
      .then((value) => {
        this.settled = { value, at: this.now() };
        return value;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }
}
