import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Endpoint } from 'payload';
import { z } from 'zod';
import { REVIEW_DECISIONS, REVIEW_UPDATE } from '../../../../contracts';
import { findForCaller, HttpError, parseBody, requireRole, respond } from '../../../endpoints/http';
import { temporalClient } from '../../../temporal/client';

const bodySchema = z
  .object({
    decision: z.enum(REVIEW_DECISIONS),
    note: z.string().max(4000).optional(),
    promptAdjustment: z.string().max(4000).optional(),
  })
  .strict();

/**
 * POST /api/character-images/:id/review — reviewers and admins decide on a flagged image. Sent as a Temporal
 * Update so the answer says whether the waiting workflow took the decision (not just that a signal was queued).
 */
export const reviewEndpoint: Endpoint = {
  path: '/:id/review',
  method: 'post',
  handler: (req) =>
    respond(req, async () => {
      const user = requireRole(req, 'admin', 'reviewer');
      const body = await parseBody(req, bodySchema);
      const image = await findForCaller(req, 'character-images', 'gallery image');
      const id = image.id;
      if (image.review?.status !== 'awaiting_review' || !image.workflowId) {
        throw new HttpError(409, `Image ${id} is not awaiting review (review state: ${image.review?.status ?? 'not_required'}).`);
      }
      const client = await temporalClient();
      try {
        await client.workflow.getHandle(image.workflowId).executeUpdate(REVIEW_UPDATE, {
          args: [{ imageId: image.id, decision: body.decision, reviewer: user.email ?? String(user.id), reviewerUserId: user.id, note: body.note, promptAdjustment: body.promptAdjustment }],
        });
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError) throw new HttpError(409, `The workflow refused the decision: ${error.cause?.message ?? error.message}`);
        if ((error as Error).name === 'WorkflowNotFoundError') throw new HttpError(409, `The workflow ${image.workflowId} is no longer running.`);
        throw error;
      }
      return Response.json({ accepted: true, imageId: image.id, decision: body.decision, workflowId: image.workflowId });
    }),
};
