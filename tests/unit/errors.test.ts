import { isTransientStatus, parseRetryAfter } from '../../clients/errors';

describe('error classification', () => {
  it.each([
    [429, true],
    [500, true],
    [503, true],
    [504, true],
    [408, true],
    [400, false],
    [401, false],
    [404, false],
    [413, false],
    [422, false],
  ])('status %i transient=%s', (status, transient) => expect(isTransientStatus(status)).toBe(transient));

  it('reads Retry-After in seconds or as a date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(new Date(10_000 + 3000).toUTCString(), 10_000)).toBe(3000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
