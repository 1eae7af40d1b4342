import { appConfig } from '../config';
import { HttpError } from './http';
import { RateLimiter } from './rate-limit';

let limiter: RateLimiter | undefined;

/**
 * Requests that spend money (image generations, knowledge-service answers) are limited per user, so a stuck script
 * or a stolen session cannot run up a bill; 429 with Retry-After beyond the rate.
 */
export function limitSpending(userId: string | number): void {
  limiter ??= new RateLimiter(appConfig().SPENDING_REQUESTS_PER_MINUTE);
  const verdict = limiter.take(String(userId));
  if (!verdict.allowed) {
    throw new HttpError(
      429,
      `Too many requests that spend money: at most ${limiter.perMinute} a minute per user. Try again in ${verdict.retryAfterSeconds} s.`,
      { 'retry-after': String(verdict.retryAfterSeconds) },
    );
  }
}
