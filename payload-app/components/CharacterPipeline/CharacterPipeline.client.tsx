'use client';
import { useCallback, useEffect, useState } from 'react';
import { formatScore } from '../StatusBadge/status';

interface AngleProgress {
  angle?: number;
  state: string;
  attempt: number;
  consistencyScore: number | null;
  qualityScore: number | null;
  threshold: number | null;
  reason?: string;
}

interface Run {
  workflowId: string;
  runId: string;
  type: string;
  status: string;
  pipelineStatus: string | null;
  startTime: string;
  url: string;
  progress: ({ angles?: AngleProgress[]; prompt?: string } & Partial<AngleProgress>) | null;
}

interface Pipeline {
  character: { name: string; personaSync?: { status?: string; syncedAt?: string | null; error?: string | null; workflowUrl?: string | null }; masterIngest?: { status?: string; error?: string | null; qualityScore?: number | null; engineId?: string | null; workflowUrl?: string | null }; coreSet?: { status?: string; error?: string | null; workflowUrl?: string | null }; costs?: { totalUsd?: number | null; perAcceptedImageUsd?: number | null } };
  master: { url: string; thumbnailUrl: string; qualityScore: number | null; dinoProcessingStatus: string; validationNotes: string | null } | null;
  runs: Run[];
  temporalError?: string;
}

const ASPECT_RATIOS = ['3:4', '2:3', '1:1', '4:3', '16:9', '9:16'];

/** Live view of the character's workflows: polls while anything runs, slower when idle; no reload needed. */
export function CharacterPipelineClient({ characterId, canGenerate }: { characterId: string | number; canGenerate: boolean }) {
  const [data, setData] = useState<Pipeline | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const response = await fetch(`/api/characters/${characterId}/pipeline`, { credentials: 'include' });
      const body = await response.json();
      if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
      setData(body);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [characterId]);

  const running = data?.runs.some((run) => run.status === 'RUNNING') ?? false;
  useEffect(() => {
    void load();
    const timer = setInterval(load, running ? 1500 : 5000);
    return () => clearInterval(timer);
  }, [load, running]);

  async function post(path: string, body: unknown, what: string) {
    setMessage(null);
    const response = await fetch(path, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = await response.json();
    setMessage(response.ok ? `${what}: started` : `${what}: ${answer.error ?? response.status}`);
    void load();
  }

  const ingest = data?.character.masterIngest;
  const masterReady = ingest?.status === 'ready';
  const hasCoreImages = data?.runs.some((run) => run.type === 'coreSetWorkflow') || data?.character.coreSet?.status === 'complete';

  return (
    <div className="cal-panel" data-testid="pipeline-panel">
      <h3>Pipeline</h3>
      {error ? <p className="cal-error">Could not load the pipeline: {error}</p> : null}
      {data?.temporalError ? <p className="cal-error">{data.temporalError}</p> : null}
      <div className="cal-row cal-top">
        <div className="cal-master">
          {data?.master ? <img src={data.master.thumbnailUrl} alt="Master reference" width={120} /> : <div className="cal-placeholder">No master yet</div>}
        </div>
        <div>
          <p>
            Master reference: <strong data-testid="master-status">{ingest?.status ?? 'not_started'}</strong>
            {ingest?.workflowUrl ? <> · <a href={ingest.workflowUrl} target="_blank" rel="noreferrer">run in Temporal</a></> : null}
          </p>
          {ingest?.status === 'ready' ? <p className="cal-muted">Quality {formatScore(ingest.qualityScore)} · engine {ingest.engineId}</p> : null}
          {ingest?.error ? <p className="cal-error">{ingest.error}</p> : null}
          <p>
            360° core set: <strong data-testid="core-set-status">{data?.character.coreSet?.status ?? 'not_started'}</strong>
            {data?.character.coreSet?.workflowUrl ? <> · <a href={data.character.coreSet.workflowUrl} target="_blank" rel="noreferrer">run in Temporal</a></> : null}
          </p>
          {data?.character.coreSet?.error ? <pre className="cal-notes">{data.character.coreSet.error}</pre> : null}
          <p>
            Persona in knowledge base: <strong data-testid="persona-status">{data?.character.personaSync?.status ?? 'not_synced'}</strong>
            {data?.character.personaSync?.syncedAt ? <span className="cal-muted"> · synced {new Date(data.character.personaSync.syncedAt).toLocaleString()}</span> : null}
          </p>
          {data?.character.personaSync?.error ? <p className="cal-error">{data.character.personaSync.error}</p> : null}
          {typeof data?.character.costs?.totalUsd === 'number' ? (
            <p className="cal-muted">Spent ${data.character.costs.totalUsd.toFixed(3)}{typeof data.character.costs.perAcceptedImageUsd === 'number' ? ` · $${data.character.costs.perAcceptedImageUsd.toFixed(3)} per accepted image` : ''}</p>
          ) : null}
        </div>
      </div>

      {canGenerate ? (
        <div className="cal-actions">
          <button type="button" className="cal-button cal-primary" disabled={!masterReady} title={masterReady ? '' : 'Needs an ingested master reference'} onClick={() => post(`/api/characters/${characterId}/core-set`, {}, 'Core set')}>
            Generate 360° Core Set
          </button>
          <ShotForm disabled={!masterReady || !hasCoreImages} onSubmit={(shot) => post(`/api/characters/${characterId}/shots`, { ...shot, variant: String(Date.now()) }, 'Production shot')} />
        </div>
      ) : null}
      {message ? <p role="status" className="cal-muted" data-testid="pipeline-message">{message}</p> : null}

      {data?.runs.length ? <h4>Runs</h4> : null}
      {data?.runs.map((run) => (
        <div key={run.runId} className="cal-run" data-testid="run" data-status={run.status}>
          <p>
            <strong>{run.type.replace(/Workflow$/, '')}</strong> · {run.status.toLowerCase()}
            {run.pipelineStatus ? ` (${run.pipelineStatus})` : ''} · {new Date(run.startTime).toLocaleString()} ·{' '}
            <a href={run.url} target="_blank" rel="noreferrer">open in Temporal Web UI</a>
          </p>
          {run.progress?.angles ? <AngleTable angles={run.progress.angles} /> : null}
          {run.progress && !run.progress.angles && run.progress.state ? <AngleTable angles={[run.progress as AngleProgress]} /> : null}
        </div>
      ))}

      {data?.character.coreSet?.status && data.character.coreSet.status !== 'not_started' ? (
        <div className="cal-sheet">
          <h4>Turnaround sheet</h4>
          <img src={`/api/characters/${characterId}/turnaround?t=${encodeURIComponent(data.character.coreSet.status)}`} alt="Turnaround sheet" style={{ maxWidth: '100%' }} />
          <p><a href={`/api/characters/${characterId}/turnaround?download=1`}>Download turnaround sheet (PNG)</a></p>
        </div>
      ) : null}
    </div>
  );
}

function AngleTable({ angles }: { angles: AngleProgress[] }) {
  return (
    <table className="cal-table" data-testid="angle-table">
      <thead>
        <tr><th>View</th><th>State</th><th>Attempt</th><th>Consistency (threshold)</th><th>Quality</th><th>Why</th></tr>
      </thead>
      <tbody>
        {angles.map((angle, index) => (
          <tr key={angle.angle ?? index} data-state={angle.state}>
            <td>{angle.angle !== undefined ? `${angle.angle}°` : 'shot'}</td>
            <td>{angle.state.replace(/_/g, ' ')}</td>
            <td>{angle.attempt}</td>
            <td>{formatScore(angle.consistencyScore)}{angle.threshold !== null ? ` (≥ ${angle.threshold})` : ' (no threshold)'}</td>
            <td>{formatScore(angle.qualityScore)}</td>
            <td className="cal-muted">{angle.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Not a <form>: this sits inside Payload's document form, and browsers drop nested forms, so a submit button here
 * would save the document instead of requesting a shot.
 */
function ShotForm({ disabled, onSubmit }: { disabled: boolean; onSubmit: (shot: { prompt: string; shotType?: string; tags?: string; aspectRatio: string }) => void }) {
  const [prompt, setPrompt] = useState('');
  const [shotType, setShotType] = useState('');
  const [tags, setTags] = useState('');
  const [aspectRatio, setAspectRatio] = useState('3:4');
  const submit = () => {
    if (prompt.trim().length < 3) return;
    onSubmit({ prompt, shotType: shotType || undefined, tags: tags || undefined, aspectRatio });
  };
  return (
    <div className="cal-shot-form" role="group" aria-label="Request a production shot">
      <input
        aria-label="Shot prompt"
        placeholder='Prompt, e.g. "Jax smiling, leather jacket, cinematic lighting"'
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            submit();
          }
        }}
      />
      <input aria-label="Shot type" placeholder="Shot type" value={shotType} onChange={(e) => setShotType(e.target.value)} />
      <input aria-label="Tags" placeholder="Tags" value={tags} onChange={(e) => setTags(e.target.value)} />
      <select aria-label="Aspect ratio" value={aspectRatio} onChange={(e) => setAspectRatio(e.target.value)}>
        {ASPECT_RATIOS.map((ratio) => <option key={ratio} value={ratio}>{ratio}</option>)}
      </select>
      <button type="button" className="cal-button" disabled={disabled || prompt.trim().length < 3} title={disabled ? 'Needs an ingested master and an approved core set' : ''} onClick={submit}>
        Request production shot
      </button>
    </div>
  );
}
