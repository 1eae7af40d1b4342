import { RateLimiter } from '../../payload-app/endpoints/rate-limit';

describe('rate limiter', () => {
  it('allows a burst of the rate, then refuses with the wait until the next token', () => {
    let now = 0;
    const limiter = new RateLimiter(6, () => now);
    for (let request = 0; request < 6; request++) expect(limiter.take('rita').allowed).toBe(true);
    expect(limiter.take('rita')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now += 4_000;
    expect(limiter.take('rita')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    now += 6_000;
    expect(limiter.take('rita').allowed).toBe(true);
    expect(limiter.take('rita').allowed).toBe(false);
  });

  it('keeps one bucket per key', () => {
    const limiter = new RateLimiter(1, () => 0);
    expect(limiter.take('rita').allowed).toBe(true);
    expect(limiter.take('rita').allowed).toBe(false);
    expect(limiter.take('omar').allowed).toBe(true);
  });

  it('refills to the rate and no further', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    now += 10 * 60_000;
    expect(limiter.take('rita').allowed).toBe(true);
    expect(limiter.take('rita').allowed).toBe(true);
    expect(limiter.take('rita').allowed).toBe(false);
  });
});
