import { Context } from '@temporalio/activity';

const INTERVAL_MS = 3_000;

/**
 * Heartbeats while a slow call (image generation, upload, feature extraction) runs, so that when a worker dies
 * Temporal retries the activity after the heartbeat timeout instead of waiting out the whole start-to-close timeout.
 */
export async function whileHeartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), INTERVAL_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
