'use client';
import { toast } from '@payloadcms/ui';

/** POSTs a start request and tells the person what happened; the endpoint's own message on a refusal. */
export async function startRun(path: string, body: unknown, what: string): Promise<boolean> {
  try {
    const response = await fetch(path, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => ({}))) as { error?: string; joinedExisting?: boolean };
    if (!response.ok) {
      toast.error(`${what}: ${answer.error ?? `HTTP ${response.status}`}`);
      return false;
    }
    toast.success(answer.joinedExisting ? `${what}: already running, following that run` : `${what}: started`);
    return true;
  } catch (error) {
    toast.error(`${what}: ${(error as Error).message}`);
    return false;
  }
}
