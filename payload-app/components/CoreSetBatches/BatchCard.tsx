'use client';
import { Button } from '@payloadcms/ui';
import { Badge } from '../StatusBadge/StatusBadge';
import type { BatchListing } from './types';

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Histories from before the rate could be unset carry a number in both. */
function timeLeft(progress: { estimatedSecondsLeft: number | null; modelRequestsPerMinute: number | null }): string {
  if (progress.modelRequestsPerMinute === null || progress.estimatedSecondsLeft === null)
    return 'no model rate limit configured, so no time-left estimate';
  return `about ${duration(progress.estimatedSecondsLeft)} of generation left at ${progress.modelRequestsPerMinute}/min`;
}

/** One batch: counts, cost so far, time left at the model's rate, each character's state, and Cancel while it runs. */
export function BatchCard({ batch, canCancel, onCancel }: { batch: BatchListing; canCancel: boolean; onCancel: () => void }) {
  const progress = batch.progress;
  const running = batch.status === 'RUNNING';
  return (
    <div className="cal-batch" data-testid="core-set-batch" data-batch-id={batch.batchId}>
      <div className="cal-row">
        <Badge status={running ? 'running' : (progress?.status ?? batch.status)} />
        <span className="cal-muted">started {new Date(batch.startTime).toLocaleString()}</span>
        <a href={batch.url} target="_blank" rel="noreferrer">
          Web UI
        </a>
        {running && canCancel ? (
          <Button buttonStyle="secondary" size="small" margin={false} onClick={onCancel}>
            Cancel batch
          </Button>
        ) : null}
      </div>
      {progress ? (
        <>
          <p className="cal-batch-summary" data-testid="batch-summary">
            {progress.counts.done} of {progress.counts.total} done · {progress.counts.inReview} in review · {progress.counts.running}{' '}
            running · {progress.counts.queued} queued · {progress.counts.failed} failed
            {progress.counts.incomplete ? ` · ${progress.counts.incomplete} incomplete` : ''}
            {progress.counts.cancelled ? ` · ${progress.counts.cancelled} cancelled` : ''}
            {progress.counts.skipped ? ` · ${progress.counts.skipped} skipped` : ''} · ${progress.spentUsd.toFixed(2)} spent
            {running ? ` · ${timeLeft(progress)}` : ''}
          </p>
          <ul className="cal-batch-characters">
            {progress.characters.map((character) => (
              <li key={String(character.characterDocId)} data-testid="batch-character" data-state={character.state}>
                <Badge status={character.state} />{' '}
                <a href={`/admin/collections/characters/${character.characterDocId}`}>{character.name}</a>
                {character.state !== 'skipped' ? (
                  <span className="cal-muted">
                    {' '}
                    {character.anglesAccepted}/{character.angles} angles · ${character.spentUsd.toFixed(2)}
                    {character.followed ? ' · followed (started elsewhere)' : ''}
                  </span>
                ) : null}
                {character.reason ? <span className="cal-muted"> · {character.reason}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="cal-muted">No progress to show (the batch's worker did not answer).</p>
      )}
    </div>
  );
}
