'use client';
import { ReviewActions } from '../ReviewActions/ReviewActions.client';
import { formatScore, imageStatus, statusLabel } from '../StatusBadge/status';
import { StatusBadge } from '../StatusBadge/StatusBadge';
import type { GalleryImage } from './types';

const bar = (value: number | null | undefined) => (typeof value === 'number' ? ` (≥ ${value})` : '');

/** One gallery image: badge, scores with the thresholds they were judged by, and review where it waits for one. */
export function GalleryCard({ image, canReview, onDecided }: { image: GalleryImage; canReview: boolean; onDecided: () => void }) {
  const status = imageStatus(image);
  const src = image.imageFile?.sizes?.thumbnail?.url ?? image.imageFile?.url;
  const view = image.kind === 'core' ? `${image.angle}°` : image.shotType || 'production shot';
  const details = `/admin/collections/character-images/${image.id}`;
  return (
    <figure className="cal-card" data-testid="gallery-card" data-status={status}>
      <a href={details} className="cal-card__image">
        {src ? <img src={src} alt={image.shotType ?? view} /> : null}
      </a>
      <figcaption>
        <div className="cal-card__head">
          <StatusBadge image={image} />
          <strong>{view}</strong>
        </div>
        <dl className="cal-card__scores">
          <dt>Consistency</dt>
          <dd>
            {formatScore(image.consistencyScore)}
            {bar(image.measurements?.consistencyThreshold)}
          </dd>
          <dt>Quality</dt>
          <dd>
            {formatScore(image.qualityScore)}
            {bar(image.measurements?.qualityThreshold)}
          </dd>
        </dl>
        {image.measurements?.engineId ? <div className="cal-muted">engine {image.measurements.engineId}</div> : null}
        {image.tags ? <div className="cal-muted">tags: {image.tags}</div> : null}
        {status === 'awaiting_review' && image.validationNotes ? <pre className="cal-notes">{image.validationNotes}</pre> : null}
        {image.review?.decidedByLabel ? (
          <div className="cal-muted">
            {statusLabel(image.review.status)} by {image.review.decidedByLabel}
            {image.review.note ? `: ${image.review.note}` : ''}
          </div>
        ) : null}
        <a href={details} className="cal-card__details">
          Details
        </a>
        {canReview && status === 'awaiting_review' ? <ReviewActions imageId={image.id} onDecided={onDecided} /> : null}
      </figcaption>
    </figure>
  );
}
