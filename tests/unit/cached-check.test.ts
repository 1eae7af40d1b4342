import { CachedCheck } from '../../payload-app/endpoints/cached-check';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('a cached, single-flight check', () => {
  it('runs once for callers that arrive while it is in flight', async () => {
    const pending = deferred<string>();
    let runs = 0;
    const check = new CachedCheck(() => (runs++, pending.promise), 5_000);
    const answers = Promise.all(Array.from({ length: 50 }, () => check.get()));
    expect(runs).toBe(1);
    pending.resolve('up');
    expect(await answers).toEqual(Array(50).fill('up'));
    expect(runs).toBe(1);
  });

  it('answers from the cache within the window and runs again after it', async () => {
    let now = 0;
    let runs = 0;
    const check = new CachedCheck(
      async () => `run ${++runs}`,
      5_000,
      () => now,
    );
    expect(await check.get()).toBe('run 1');
    now += 4_999;
    expect(await check.get()).toBe('run 1');
    now += 1;
    expect(await check.get()).toBe('run 2');
  });

  it('caches nothing when the window is zero, yet still shares a run in flight', async () => {
    let runs = 0;
    const check = new CachedCheck(async () => ++runs, 0);
    const [a, b] = await Promise.all([check.get(), check.get()]);
    expect([a, b]).toEqual([1, 1]);
    expect(await check.get()).toBe(2);
  });

  it('does not keep a failed run: the next caller tries again', async () => {
    let runs = 0;
    const check = new CachedCheck(async () => {
      runs++;
      if (runs === 1) throw new Error('boom');
      return 'up';
    }, 5_000);
    await expect(check.get()).rejects.toThrow('boom');
    expect(await check.get()).toBe('up');
  });
});
