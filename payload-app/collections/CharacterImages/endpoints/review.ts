import type { Endpoint } from 'payload';
import { z } from 'zod';
import { attestReviewDecision } from '../../../../common/review-attestation';
import { REVIEW_DECISIONS } from '../../../../contracts';
import { appConfig } from '../../../config';
import { findForCaller, HttpError, parseBody, requireRole, respond } from '../../../endpoints/http';
import { logRun } from '../../../logging';
import { sendReviewDecision } from '../../../temporal/gateway';

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
      const decided = { imageId: image.id, decision: body.decision, reviewer: user.email ?? String(user.id), reviewerUserId: user.id };
      // The worker records the decision as this user's only with the app's word for it (common/review-attestation.ts),
      // signed with every key a worker may hold: during a key rotation, the new and the previous one.
      const { WORKER_API_KEY, WORKER_API_KEY_PREVIOUS } = appConfig();
      const sharedSecrets = [WORKER_API_KEY, WORKER_API_KEY_PREVIOUS].filter((key): key is string => Boolean(key));
      const delivery = await sendReviewDecision(image.workflowId, {
        ...decided,
        ...(sharedSecrets.length > 0 ? { attestation: attestReviewDecision(sharedSecrets, decided) } : {}),
        note: body.note,
        promptAdjustment: body.promptAdjustment,
      });
      logRun(
        req.payload,
        'review decision sent',
        { workflowId: image.workflowId },
        {
          imageId: image.id,
          decision: body.decision,
          outcome: delivery.outcome,
          userId: user.id,
        },
      );
      if (delivery.outcome === 'refused') throw new HttpError(409, `The workflow refused the decision: ${delivery.reason}`);
      if (delivery.outcome === 'not_running') throw new HttpError(409, `The workflow ${image.workflowId} is no longer running.`);
      return Response.json({ accepted: true, imageId: image.id, decision: body.decision, workflowId: image.workflowId });
    }),
};
