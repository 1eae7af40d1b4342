'use client';
import { useState } from 'react';
import type { ReviewDecisionKind } from '../../../contracts';

/** Approve / retry (with a prompt adjustment) / reject, with a note; the server checks the role again. */
export function ReviewActions({ imageId, onDecided }: { imageId: string | number; onDecided?: () => void }) {
  const [note, setNote] = useState('');
  const [adjustment, setAdjustment] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function decide(decision: ReviewDecisionKind) {
    setBusy(true);
    setMessage(null);
    try {
      const response = await fetch(`/api/character-images/${imageId}/review`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ decision, note: note || undefined, promptAdjustment: decision === 'retry' && adjustment ? adjustment : undefined }),
      });
      const body = (await response.json()) as { error?: string };
      if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
      setMessage(`Sent: ${decision}`);
      onDecided?.();
    } catch (error) {
      setMessage(`Not sent: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="cal-review-actions" data-image-id={String(imageId)}>
      <textarea aria-label="Review note" placeholder="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      <input aria-label="Prompt adjustment" placeholder="Prompt adjustment for a retry (optional)" value={adjustment} onChange={(e) => setAdjustment(e.target.value)} />
      <div className="cal-row">
        <button type="button" className="cal-button cal-approve" disabled={busy} onClick={() => decide('approve')}>Approve</button>
        <button type="button" className="cal-button" disabled={busy} onClick={() => decide('retry')}>Retry</button>
        <button type="button" className="cal-button cal-reject" disabled={busy} onClick={() => decide('reject')}>Reject</button>
      </div>
      {message ? <p className="cal-muted" role="status">{message}</p> : null}
    </div>
  );
}
