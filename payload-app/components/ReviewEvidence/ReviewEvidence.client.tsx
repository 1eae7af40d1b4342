'use client';
import { Button, toast, useAuth } from '@payloadcms/ui';
import { useCallback, useEffect, useState } from 'react';

interface AngleEvidence {
  engineId: string;
  angle: number;
  approved: number[];
  rejected: number[];
  suggestedMin: number | null;
  reason: string;
}

const range = (scores: number[]) => (scores.length ? `${scores.length} · ${scores[0]}–${scores.at(-1)}` : '–');

export function ReviewEvidenceClient() {
  const { user } = useAuth<{ roles?: string[] }>();
  const isAdmin = Boolean(user?.roles?.includes('admin'));
  const [evidence, setEvidence] = useState<AngleEvidence[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    const response = await fetch('/api/globals/qa-settings/review-evidence', { credentials: 'include' });
    setEvidence(response.ok ? ((await response.json()) as { evidence: AngleEvidence[] }).evidence : []);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function apply(entry: AngleEvidence) {
    setBusy(`${entry.engineId}:${entry.angle}`);
    try {
      const response = await fetch('/api/globals/qa-settings/apply-review-evidence', {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ engineId: entry.engineId, angle: entry.angle }),
      });
      const body = (await response.json()) as { error?: string };
      if (response.ok) {
        toast.success(
          `Lower bar for ${entry.engineId} at ${entry.angle}° set to ${entry.suggestedMin}. Reload to see it in the table above.`,
        );
        await load();
      } else toast.error(body.error ?? `Could not apply (${response.status}).`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="field-type" data-testid="review-evidence">
      <h4>Reviewer decisions as evidence</h4>
      <p className="field-description">
        Approved core images are the character at that view; rejected ones are not. Where the two are apart, the bar between them is
        suggested.
      </p>
      {evidence === null ? (
        <p>Loading…</p>
      ) : evidence.length === 0 ? (
        <p>No core image has been approved or rejected yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Engine</th>
              <th>Angle</th>
              <th>Approved (n · range)</th>
              <th>Rejected (n · range)</th>
              <th>Suggested lower bar</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {evidence.map((entry) => (
              <tr key={`${entry.engineId}:${entry.angle}`}>
                <td>{entry.engineId}</td>
                <td>{entry.angle}°</td>
                <td>{range(entry.approved)}</td>
                <td>{range(entry.rejected)}</td>
                <td title={entry.reason}>{entry.suggestedMin ?? `none: ${entry.reason}`}</td>
                <td>
                  {isAdmin && entry.suggestedMin !== null ? (
                    <Button buttonStyle="secondary" size="small" disabled={busy !== null} onClick={() => void apply(entry)}>
                      Apply
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
