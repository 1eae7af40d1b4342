import { temporal } from '@temporalio/proto';
import type { TestSystem } from '../../test-system/system';
import type { Json } from '../../test-system/json';

const WORKER_LINES_SHOWN = 60;

/**
 * A run's result, or a failure that says where the run stands: a bare `handle.result()` that never settles ends as
 * Jest's "Exceeded timeout", which names neither the step the run waits in nor what the worker was doing.
 */
export async function runResult<T = Json>(
  system: TestSystem,
  workflowId: string,
  options: { deadlineMs?: number; progress?: () => Promise<unknown> } = {},
): Promise<T> {
  const deadlineMs = options.deadlineMs ?? 300_000;
  const handle = system.temporal.workflow.getHandle(workflowId);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), deadlineMs);
  });
  try {
    const settled = await Promise.race([handle.result() as Promise<T>, deadline]);
    if (settled !== 'deadline') return settled;
  } finally {
    clearTimeout(timer);
  }
  throw new Error(
    `${workflowId} did not end within ${deadlineMs / 1000} s\n${await whereTheRunStands(system, workflowId, options.progress)}`,
  );
}

async function whereTheRunStands(system: TestSystem, workflowId: string, progress?: () => Promise<unknown>): Promise<string> {
  const lines: string[] = [];
  if (progress) lines.push(`progress: ${JSON.stringify(await progress().catch((error: Error) => `query failed: ${error.message}`))}`);
  try {
    const description = await system.temporal.workflow.getHandle(workflowId).describe();
    lines.push(`status: ${description.status.name}, history length ${description.historyLength}`);
    for (const pending of description.raw.pendingActivities ?? []) {
      lines.push(
        `pending activity ${pending.activityType?.name} (id ${pending.activityId}): attempt ${pending.attempt}, ` +
          `state ${temporal.api.enums.v1.PendingActivityState[pending.state ?? 0]}${pending.lastFailure?.message ? `, last failure: ${pending.lastFailure.message}` : ''}`,
      );
    }
    for (const child of description.raw.pendingChildren ?? []) lines.push(`pending child ${child.workflowId}`);
  } catch (error) {
    lines.push(`describe failed: ${(error as Error).message}`);
  }
  lines.push(workerTail(system));
  return lines.join('\n');
}

/** The system worker's last lines, for a failure message. */
export function workerTail(system: TestSystem): string {
  const output = system.workerOutput().trimEnd().split('\n').slice(-WORKER_LINES_SHOWN).join('\n');
  return `--- the worker's last ${WORKER_LINES_SHOWN} lines ---\n${output || '(no worker output)'}`;
}
