'use client';
import { SetStepNav } from '@payloadcms/ui';
import { useRouter } from 'next/navigation';
import { ReviewActions } from '../../components/ReviewActions/ReviewActions.client';
import { formatScore } from '../../components/StatusBadge/status';

export interface QueueRow {
  id: string | number;
  characterName: string;
  characterDocId: string | number;
  view: string;
  imageUrl: string | null;
  referenceUrl: string | null;
  consistencyScore: number | null;
  consistencyThreshold: number | null;
  qualityScore: number | null;
  qualityThreshold: number | null;
  engineId: string | null;
  notes: string;
  requestedAt: string;
}

/** The breadcrumb a custom view has to set itself, as Payload's own views do. */
export function ReviewQueueStepNav() {
  return <SetStepNav nav={[{ label: 'Review queue' }]} />;
}

export function ReviewQueueClient({ rows, canReview }: { rows: QueueRow[]; canReview: boolean }) {
  const router = useRouter();
  if (rows.length === 0) return <p data-testid="queue-empty">Nothing is waiting for review.</p>;
  return (
    <div className="cal-queue-list">
      {rows.map((row) => (
        <section key={row.id} className="cal-queue-row" data-testid="queue-row" data-image-id={String(row.id)}>
          <div className="cal-queue-images">
            <figure>
              {row.imageUrl ? <img src={row.imageUrl} alt="Flagged image" /> : null}
              <figcaption>Generated</figcaption>
            </figure>
            <figure>
              {row.referenceUrl ? <img src={row.referenceUrl} alt="Reference it was compared with" /> : null}
              <figcaption>Compared with</figcaption>
            </figure>
          </div>
          <div className="cal-queue-facts">
            <h3>
              <a href={`/admin/collections/characters/${row.characterDocId}`}>{row.characterName}</a> · {row.view}
            </h3>
            <p>
              Consistency {formatScore(row.consistencyScore)} (threshold {row.consistencyThreshold ?? 'none'}
              {row.engineId ? `, engine ${row.engineId}` : ''})
            </p>
            <p>
              Quality {formatScore(row.qualityScore)} (threshold {row.qualityThreshold ?? 'none'})
            </p>
            <pre className="cal-notes">{row.notes}</pre>
            <p className="cal-muted">Waiting since {new Date(row.requestedAt).toLocaleString()}</p>
            {canReview ? <ReviewActions imageId={row.id} onDecided={() => router.refresh()} /> : null}
          </div>
        </section>
      ))}
    </div>
  );
}
