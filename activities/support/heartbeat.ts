import { Context } from '@temporalio/activity';

const INTERVAL_MS = 3_000;

/**
 * Heartbeats while a slow call (image generation, upload, feature extraction) runs, so that when a worker dies
 * Temporal retries the activity after the heartbeat timeout instead of waiting out the whole start-to-close timeout,
 * and so that a cancelled run's activity hears of it and stops.
 */
export async function whileHeartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), INTERVAL_MS);
  try {
    // Cancellation reaches an activity through its heartbeats: end at once instead of waiting for the slow call.
    return await Promise.race([work(), context.cancelled]);
  } finally {
    clearInterval(timer);
  }
}
