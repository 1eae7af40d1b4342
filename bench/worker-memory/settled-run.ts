import type { Client } from '@temporalio/client';
import { PROGRESS_QUERY, type CoreSetProgress } from '../../contracts';
import { waitFor } from '../../test-system/ports';

const WORKING = new Set(['queued', 'generating', 'analysing', 'retrying']);

/**
 * Waits until a core set has nothing left to compute: it ended, or every angle has passed, ended or waits for a
 * reviewer (a flagged angle would wait for hours; for the memory it is done). Answers how it stands.
 */
export async function waitUntilSettled(temporal: Client, workflowId: string, timeoutMs: number): Promise<string> {
  const handle = temporal.workflow.getHandle(workflowId);
  return waitFor(
    `${workflowId} to settle`,
    async () => {
      const { status } = await handle.describe();
      if (status.name !== 'RUNNING') return status.name.toLowerCase();
      const progress = await handle.query<CoreSetProgress>(PROGRESS_QUERY);
      if (progress.angles.length === 0 || progress.angles.some((angle) => WORKING.has(angle.state))) return undefined;
      const waiting = progress.angles.filter((angle) => angle.state === 'awaiting_review').length;
      return `settled (${waiting} awaiting review)`;
    },
    timeoutMs,
    500,
  );
}
