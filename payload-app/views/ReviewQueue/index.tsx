import { DefaultTemplate } from '@payloadcms/next/templates';
import type { AdminViewServerProps } from 'payload';
import { hasRole } from '../../access/roles';
import { ReviewQueueClient, ReviewQueueStepNav, type QueueRow } from './ReviewQueue.client';

/**
 * /admin/review-queue — every image awaiting review across characters, oldest first, with the reference it was
 * compared with, both scores, the thresholds and the notes side by side.
 */
export async function ReviewQueueView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req, permissions, visibleEntities, locale } = initPageResult;
  const { payload, user } = req;
  if (!user) return null;
  const flagged = await payload.find({
    collection: 'character-images',
    where: { 'review.status': { equals: 'awaiting_review' } },
    sort: 'review.requestedAt',
    depth: 1,
    limit: 100,
    req,
    overrideAccess: false,
  });
  const referenceIds = [...new Set(flagged.docs.map((doc) => doc.measurements?.comparedWithMediaId).filter(Boolean))] as string[];
  const references = referenceIds.length
    ? await payload.find({
        collection: 'media',
        where: { id: { in: referenceIds } },
        depth: 0,
        limit: referenceIds.length,
        req,
        overrideAccess: false,
      })
    : { docs: [] };
  const referenceUrl = new Map(references.docs.map((media) => [String(media.id), media.sizes?.thumbnail?.url ?? media.url ?? null]));
  const rows: QueueRow[] = flagged.docs.map((doc) => {
    const file = typeof doc.imageFile === 'object' ? doc.imageFile : null;
    const character = typeof doc.character === 'object' ? doc.character : null;
    return {
      id: doc.id,
      characterName: character?.name ?? String(doc.character),
      characterDocId: character?.id ?? (doc.character as number),
      view: doc.kind === 'core' ? `${doc.angle}°` : (doc.shotType ?? 'production shot'),
      imageUrl: file?.sizes?.card?.url ?? file?.url ?? null,
      referenceUrl: doc.measurements?.comparedWithMediaId ? (referenceUrl.get(String(doc.measurements.comparedWithMediaId)) ?? null) : null,
      consistencyScore: doc.consistencyScore ?? null,
      consistencyThreshold: doc.measurements?.consistencyThreshold ?? null,
      qualityScore: doc.qualityScore ?? null,
      qualityThreshold: doc.measurements?.qualityThreshold ?? null,
      engineId: doc.measurements?.engineId ?? null,
      notes: doc.validationNotes ?? '',
      requestedAt: doc.review?.requestedAt ?? doc.createdAt,
    };
  });
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={payload}
      permissions={permissions}
      searchParams={searchParams}
      user={user}
      visibleEntities={visibleEntities}
    >
      <ReviewQueueStepNav />
      <div className="gutter--left gutter--right cal-queue">
        <h1>Review queue</h1>
        <p className="cal-muted">Images that failed the automated checks and wait for a reviewer, oldest first.</p>
        <ReviewQueueClient rows={rows} canReview={hasRole(user as never, 'admin', 'reviewer')} />
      </div>
    </DefaultTemplate>
  );
}
