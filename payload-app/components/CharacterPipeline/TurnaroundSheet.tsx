'use client';
import { useState } from 'react';

/**
 * The accepted core angles as one PNG. `version` changes whenever an angle is accepted, so the browser fetches
 * it again; until the first is, the endpoint answers 409 and the sheet says so instead of a broken image.
 */
export function TurnaroundSheet({ characterId, version }: { characterId: string | number; version: string }) {
  const [missing, setMissing] = useState<string | null>(null);
  const base = `/api/characters/${characterId}/turnaround`;
  return (
    <div className="cal-sheet">
      <h4>Turnaround sheet</h4>
      {missing === version ? (
        <p className="cal-muted">The sheet appears once a core-set angle is accepted.</p>
      ) : (
        <>
          <img src={`${base}?v=${encodeURIComponent(version)}`} alt="Turnaround sheet" onError={() => setMissing(version)} />
          <p>
            <a href={`${base}?download=1`}>Download turnaround sheet (PNG)</a>
          </p>
        </>
      )}
    </div>
  );
}
