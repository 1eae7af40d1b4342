import { WorkflowUpdateFailedError } from '@temporalio/client';
import { REVIEW_UPDATE, type ReviewUpdatePayload, type ReviewUpdateResult } from '../../contracts';
import { temporalClient } from './client';

export type ReviewDelivery = { outcome: 'accepted' } | { outcome: 'refused'; reason: string } | { outcome: 'not_running' };

/**
 * Sends a decision as the `review` Update, so the answer says whether the waiting workflow took it (a signal would
 * only say that it was queued). The workflow's validator refuses a decision for an image it does not wait for.
 */
export async function sendReviewDecision(workflowId: string, payload: ReviewUpdatePayload): Promise<ReviewDelivery> {
  const client = await temporalClient();
  try {
    const handle = client.workflow.getHandle(workflowId);
    await handle.executeUpdate<ReviewUpdateResult, [ReviewUpdatePayload]>(REVIEW_UPDATE, { args: [payload] });
    return { outcome: 'accepted' };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) return { outcome: 'refused', reason: error.cause?.message ?? error.message };
    if ((error as Error).name === 'WorkflowNotFoundError') return { outcome: 'not_running' };
    throw error;
  }
}
