import { appConfig } from '../config';
import { RateLimiter } from './rate-limit';

let limiter: RateLimiter | undefined;

/**
 * Password guessing is slowed per account name, whatever address it comes from (behind a proxy every request has
 * the proxy's): at most LOGIN_ATTEMPTS_PER_MINUTE tries an account a minute, then 429 with Retry-After. Payload's own
 * lockout (maxLoginAttempts) still applies on top where the database supports it.
 */
export async function limitLogin(request: Request): Promise<Response | undefined> {
  const url = new URL(request.url);
  if (request.method.toUpperCase() !== 'POST' || !/\/api\/[^/]+\/login$/.test(url.pathname)) return undefined;
  let email = '';
  try {
    const body = (await request.clone().json()) as { email?: unknown };
    email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
  } catch {
    // Not JSON: Payload answers it; the attempt still counts under the empty name.
  }
  limiter ??= new RateLimiter(appConfig().LOGIN_ATTEMPTS_PER_MINUTE);
  const verdict = limiter.take(`${url.pathname}:${email}`);
  if (verdict.allowed) return undefined;
  return Response.json(
    { errors: [{ message: `Too many sign-in attempts for this account. Try again in ${verdict.retryAfterSeconds} s.` }] },
    { status: 429, headers: { 'retry-after': String(verdict.retryAfterSeconds) } },
  );
}
