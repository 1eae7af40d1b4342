'use client';
import { Button, toast, useSelection } from '@payloadcms/ui';
import { BatchCard } from './BatchCard';
import { useBatches } from './useBatches';

async function post(path: string, body: unknown): Promise<{ ok: boolean; answer: Record<string, unknown> }> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { ok: response.ok, answer: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

/** "Generate core sets" for the selected characters, and the live state of the newest batches. */
export function CoreSetBatchesClient({ canGenerate }: { canGenerate: boolean }) {
  const { getSelectedIds, count } = useSelection();
  const { batches, error, refresh } = useBatches();

  async function generate() {
    const { ok, answer } = await post('/api/characters/core-set-batch', { characterIds: getSelectedIds() });
    if (!ok) {
      toast.error(`Core sets: ${String(answer.error ?? 'refused')}`);
      return;
    }
    const skipped = (answer.skipped as unknown[] | undefined)?.length ?? 0;
    toast.success(
      `${answer.joinedExisting ? 'Batch already running, following it' : 'Batch started'}${skipped ? `; ${skipped} skipped (see below)` : ''}`,
    );
    void refresh();
  }

  async function cancel(batchId: string) {
    const { ok, answer } = await post(`/api/characters/core-set-batch/${batchId}/cancel`, {});
    if (ok) toast.success('Cancelling the batch and its core sets');
    else toast.error(`Cancel: ${String(answer.error ?? 'refused')}`);
    void refresh();
  }

  if (!canGenerate && batches.length === 0) return null;
  return (
    <div className="cal-panel" data-testid="core-set-batches">
      <div className="cal-row">
        <h3>Core-set batches</h3>
        {canGenerate ? (
          <Button buttonStyle="primary" margin={false} disabled={count === 0} onClick={() => void generate()}>
            Generate core sets{count ? ` (${count})` : ''}
          </Button>
        ) : null}
        {canGenerate && count === 0 ? <span className="cal-muted">Select characters in the list first.</span> : null}
      </div>
      {error ? <p className="cal-error">Could not read the batches: {error}</p> : null}
      {batches.map((batch) => (
        <BatchCard
          key={`${batch.batchId}:${batch.startTime}`}
          batch={batch}
          canCancel={canGenerate}
          onCancel={() => void cancel(batch.batchId)}
        />
      ))}
    </div>
  );
}
