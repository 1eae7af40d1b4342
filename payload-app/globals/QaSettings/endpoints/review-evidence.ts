import type { Endpoint, PayloadRequest } from 'payload';
import { z } from 'zod';
import { reviewEvidence, type DecidedImage } from '../../../../qa-policy/review-evidence';
import { HttpError, parseBody, requireRole, respond } from '../../../endpoints/http';

async function decidedCoreImages(req: PayloadRequest): Promise<DecidedImage[]> {
  const found = await req.payload.find({
    collection: 'character-images',
    where: { kind: { equals: 'core' }, 'review.status': { in: ['approved', 'rejected'] }, consistencyScore: { exists: true } },
    depth: 0,
    limit: 5000,
    pagination: false,
    req,
    overrideAccess: false,
  });
  return found.docs.flatMap((doc) => {
    const engineId = doc.measurements?.engineId;
    if (!engineId || typeof doc.angle !== 'number' || typeof doc.consistencyScore !== 'number') return [];
    return [
      {
        engineId,
        angle: doc.angle,
        consistencyScore: doc.consistencyScore,
        decision: doc.review?.status === 'approved' ? 'approved' : 'rejected',
      },
    ];
  });
}

/** GET /api/globals/qa-settings/review-evidence — per engine and angle, reviewers' decisions and the bar they suggest. */
export const reviewEvidenceEndpoint: Endpoint = {
  path: '/review-evidence',
  method: 'get',
  handler: (req) =>
    respond(req, async () => {
      requireRole(req, 'admin', 'reviewer', 'editor', 'viewer');
      return Response.json({ evidence: reviewEvidence(await decidedCoreImages(req)) });
    }),
};

/**
 * POST /api/globals/qa-settings/apply-review-evidence {engineId, angle} — an admin makes the suggested bar the
 * angle's lower bar. The suggestion is computed again here, from the decisions as they are now.
 */
export const applyReviewEvidenceEndpoint: Endpoint = {
  path: '/apply-review-evidence',
  method: 'post',
  handler: (req) =>
    respond(req, async () => {
      requireRole(req, 'admin');
      const { engineId, angle } = await parseBody(req, z.object({ engineId: z.string().min(1), angle: z.number().int().min(0).max(359) }));
      const evidence = reviewEvidence(await decidedCoreImages(req)).find((entry) => entry.engineId === engineId && entry.angle === angle);
      if (!evidence || evidence.suggestedMin === null)
        throw new HttpError(409, `No bar to apply for ${engineId} at ${angle}°: ${evidence?.reason ?? 'no decisions yet'}.`);
      const settings = await req.payload.findGlobal({ slug: 'qa-settings', depth: 0, req });
      const rows = (settings.coreSetThresholds ?? []).map(({ id: _id, ...row }) => row);
      const note = `reviewer decisions: ${evidence.approved.length} approved, ${evidence.rejected.length} rejected (${evidence.reason})`;
      const index = rows.findIndex((row) => row.engineId === engineId && row.angle === angle);
      const updated = {
        ...(index >= 0 ? rows[index]! : { engineId, angle }),
        engineId,
        angle,
        minConsistency: evidence.suggestedMin,
        reviewUntilCalibrated: false,
        calibrationNote: note,
      };
      if (index >= 0) rows[index] = updated;
      else rows.push(updated);
      await req.payload.updateGlobal({ slug: 'qa-settings', data: { coreSetThresholds: rows }, req, overrideAccess: false });
      return Response.json({ applied: updated });
    }),
};
