'use client';
import { useCallback, useEffect, useState } from 'react';
import { ReviewActions } from '../ReviewActions/ReviewActions.client';
import { StatusBadge } from '../StatusBadge/StatusBadge';
import { formatScore, imageStatus } from '../StatusBadge/status';

interface GalleryImage {
  id: string | number;
  kind: 'core' | 'production';
  angle?: number | null;
  shotType?: string | null;
  tags?: string | null;
  qualityScore?: number | null;
  consistencyScore?: number | null;
  dinoProcessingStatus?: string | null;
  validationNotes?: string | null;
  review?: { status?: string | null; decidedByLabel?: string | null; note?: string | null } | null;
  measurements?: { consistencyThreshold?: number | null; qualityThreshold?: number | null; engineId?: string | null } | null;
  imageFile?: { url?: string; sizes?: { thumbnail?: { url?: string | null } } } | null;
}

/** Thumbnails with a status badge each; scores only where measured, with the thresholds they were judged by. */
export function CharacterGalleryClient({ characterId, canReview }: { characterId: string | number; canReview: boolean }) {
  const [images, setImages] = useState<GalleryImage[]>([]);
  const load = useCallback(async () => {
    const response = await fetch(`/api/character-images?where[character][equals]=${characterId}&depth=1&limit=200&sort=kind,angle,-createdAt`, { credentials: 'include' });
    if (response.ok) setImages(((await response.json()) as { docs: GalleryImage[] }).docs);
  }, [characterId]);
  useEffect(() => {
    void load();
    const timer = setInterval(load, 4000);
    return () => clearInterval(timer);
  }, [load]);

  if (images.length === 0) return <p className="cal-muted">No gallery images yet.</p>;
  return (
    <div className="cal-gallery" data-testid="gallery">
      {images.map((image) => {
        const src = image.imageFile?.sizes?.thumbnail?.url ?? image.imageFile?.url;
        return (
          <figure key={image.id} className="cal-card" data-testid="gallery-card" data-status={imageStatus(image)}>
            {src ? <img src={src} alt={image.shotType ?? `${image.angle}°`} /> : null}
            <figcaption>
              <div className="cal-row">
                <StatusBadge image={image} />
                <span className="cal-muted">{image.kind === 'core' ? `${image.angle}°` : image.shotType || 'production'}</span>
              </div>
              <div>Consistency {formatScore(image.consistencyScore)}{typeof image.measurements?.consistencyThreshold === 'number' ? ` (≥ ${image.measurements.consistencyThreshold})` : ''}</div>
              <div>Quality {formatScore(image.qualityScore)}{typeof image.measurements?.qualityThreshold === 'number' ? ` (≥ ${image.measurements.qualityThreshold})` : ''}</div>
              {image.measurements?.engineId ? <div className="cal-muted">engine {image.measurements.engineId}</div> : null}
              {image.tags ? <div className="cal-muted">tags: {image.tags}</div> : null}
              {imageStatus(image) === 'awaiting_review' && image.validationNotes ? <pre className="cal-notes">{image.validationNotes}</pre> : null}
              {image.review?.decidedByLabel ? <div className="cal-muted">{image.review.status} by {image.review.decidedByLabel}{image.review.note ? `: ${image.review.note}` : ''}</div> : null}
              <a href={`/admin/collections/character-images/${image.id}`}>details</a>
              {canReview && imageStatus(image) === 'awaiting_review' ? <ReviewActions imageId={image.id} onDecided={load} /> : null}
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
