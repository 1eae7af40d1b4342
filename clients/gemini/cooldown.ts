import { TransientServiceError } from '../errors';
import type { ImageModelClient } from './types';

/** A Retry-After longer than this is not waited out in-process: the activity's own retry delay covers it. */
const MAX_COOLDOWN_MS = 60_000;

/**
 * One 429 pauses every model call of this process until its Retry-After has passed, instead of only the call that
 * met it: the others would meet the same exhausted quota. The call that met it still fails (its activity retries
 * after the same delay). Other worker processes learn nothing from this; the task queue's rate limit is what keeps
 * them all under the quota (docs/architecture.md, "The image model's rate limit").
 */
export function withRateLimitCooldown(client: ImageModelClient, now: () => number = Date.now): ImageModelClient {
  let resumeAt = 0;
  return {
    model: client.model,
    checkModel: () => client.checkModel(),
    async generateImage(request) {
      for (let wait = resumeAt - now(); wait > 0; wait = resumeAt - now()) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(wait, MAX_COOLDOWN_MS)));
      }
      try {
        return await client.generateImage(request);
      } catch (error) {
        if (error instanceof TransientServiceError && error.code === 'rate_limited' && error.retryAfterMs) {
          resumeAt = Math.max(resumeAt, now() + Math.min(error.retryAfterMs, MAX_COOLDOWN_MS));
        }
        throw error;
      }
    },
  };
}
