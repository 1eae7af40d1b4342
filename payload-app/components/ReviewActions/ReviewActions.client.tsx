'use client';
import { Button, TextareaInput, TextInput, toast } from '@payloadcms/ui';
import { useState, type ChangeEvent, type KeyboardEvent } from 'react';
import type { ReviewDecisionKind } from '../../../contracts';

const SENT: Record<ReviewDecisionKind, string> = { approve: 'approved', retry: 'sent back for a retry', reject: 'rejected' };
const DECISIONS = [
  { decision: 'approve', label: 'Approve', style: 'primary', className: undefined },
  { decision: 'retry', label: 'Retry', style: 'secondary', className: undefined },
  // Payload's kit has no styled destructive button here: secondary, coloured by cal-reject.
  { decision: 'reject', label: 'Reject', style: 'secondary', className: 'cal-reject' },
] as const;

/** Enter in a one-line input would submit the surrounding document form (on a character's page). */
const keepEnter = (event: KeyboardEvent<HTMLInputElement>) => {
  if (event.key === 'Enter') event.preventDefault();
};

/**
 * Approve / retry (with a prompt adjustment) / reject, with a note; the server checks the role again. A sent
 * decision is confirmed by a toast: the actions themselves go away as the image leaves the queue. A refusal
 * stays next to the buttons.
 */
export function ReviewActions({ imageId, onDecided }: { imageId: string | number; onDecided?: () => void }) {
  const [note, setNote] = useState('');
  const [adjustment, setAdjustment] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  async function decide(decision: ReviewDecisionKind) {
    setBusy(true);
    setRefusal(null);
    try {
      const response = await fetch(`/api/character-images/${imageId}/review`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          decision,
          note: note || undefined,
          promptAdjustment: decision === 'retry' && adjustment ? adjustment : undefined,
        }),
      });
      const body = (await response.json()) as { error?: string };
      if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
      toast.success(`Sent: ${SENT[decision]}`);
      onDecided?.();
    } catch (error) {
      setRefusal(`Not sent: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="cal-review-actions" data-image-id={String(imageId)}>
      <TextareaInput
        path={`review-${imageId}.note`}
        label="Review note"
        placeholder="Optional"
        rows={2}
        value={note}
        onChange={(event: ChangeEvent<HTMLTextAreaElement>) => setNote(event.target.value)}
      />
      <TextInput
        path={`review-${imageId}.promptAdjustment`}
        label="Prompt adjustment for a retry"
        placeholder="Optional"
        value={adjustment}
        onChange={(event: ChangeEvent<HTMLInputElement>) => setAdjustment(event.target.value)}
        onKeyDown={keepEnter}
      />
      <div className="cal-review-actions__buttons">
        {DECISIONS.map(({ decision, label, style, className }) => (
          <Button
            key={decision}
            buttonStyle={style}
            className={className}
            size="small"
            margin={false}
            disabled={busy}
            onClick={() => void decide(decision)}
          >
            {label}
          </Button>
        ))}
      </div>
      {refusal ? (
        <p className="cal-error" role="status">
          {refusal}
        </p>
      ) : null}
    </div>
  );
}
