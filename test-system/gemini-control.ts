import type { QuotaReport } from '../local-services/gemini/request-quota';
import type { Json } from './json';

/** Scripts the image-model stand-in's faults for the next matching requests (its /_control API). */
export async function queueFaults(
  geminiUrl: string,
  queue: Array<{ fault: string; match?: string; retryDelaySeconds?: number; delayMs?: number }>,
): Promise<void> {
  const response = await fetch(`${geminiUrl}/_control/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ queue }),
  });
  if (!response.ok) throw new Error(`could not script faults: ${response.status} ${await response.text()}`);
}

export async function clearFaults(geminiUrl: string): Promise<void> {
  await fetch(`${geminiUrl}/_control/faults`, { method: 'DELETE' });
}

export async function standInStats(geminiUrl: string): Promise<Json> {
  return (await fetch(`${geminiUrl}/_control/stats`)).json();
}

/** The stand-in's request quota: admitted and refused counts, the busiest minute, first and last admission. */
export async function standInQuota(geminiUrl: string): Promise<QuotaReport> {
  return (await fetch(`${geminiUrl}/_control/quota`)).json() as Promise<QuotaReport>;
}

export async function resetStandInQuota(geminiUrl: string): Promise<void> {
  await fetch(`${geminiUrl}/_control/quota`, { method: 'DELETE' });
}
