import { createRequestQuota } from '../../local-services/gemini/request-quota';

describe('the stand-in request quota (sliding 60 s window)', () => {
  it('admits up to the limit, then names the wait until the oldest request leaves the window', () => {
    const quota = createRequestQuota(3);
    expect(quota.take(0)).toBeUndefined();
    expect(quota.take(10_000)).toBeUndefined();
    expect(quota.take(20_000)).toBeUndefined();
    expect(quota.take(30_000)).toBe(30);
    expect(quota.take(60_001)).toBeUndefined();
    expect(quota.take(60_002)).toBeCloseTo(9.998);
    expect(quota.report()).toEqual({
      requestsPerMinute: 3,
      admitted: 4,
      refused: 2,
      busiestMinuteOffered: 5,
      busiestMinuteAdmitted: 3,
      firstAdmittedAt: 0,
      lastAdmittedAt: 60_001,
    });
  });

  it('admits everything without a limit', () => {
    const quota = createRequestQuota();
    for (let i = 0; i < 100; i++) expect(quota.take(i)).toBeUndefined();
    expect(quota.report()).toMatchObject({ refused: 0, busiestMinuteAdmitted: 100 });
  });
});
