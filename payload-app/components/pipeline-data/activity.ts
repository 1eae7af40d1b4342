import type { ItemProgress, Pipeline, Run } from './types';

/** States in which a run is still producing something; an item waiting for a reviewer is not. */
const WORKING = new Set(['queued', 'starting', 'running', 'generating', 'analysing', 'retrying', 'debouncing', 'syncing']);
const INGESTING = new Set(['queued', 'processing']);

function runIsWorking(run: Run): boolean {
  if (run.status !== 'RUNNING') return false;
  const progress = run.progress;
  // No live progress (a master ingest answers none): assume it is working until it closes.
  if (!progress) return true;
  if (progress.angles) return progress.angles.some((item) => WORKING.has(item.state));
  return progress.state === undefined || WORKING.has(progress.state);
}

/** True while something is being generated, analysed or synced: then the admin refreshes often. */
export function isBusy(pipeline: Pipeline | null): boolean {
  if (!pipeline) return false;
  if (INGESTING.has(pipeline.character.masterIngest?.status ?? '')) return true;
  return pipeline.runs.some(runIsWorking);
}

/** Changes whenever a gallery image can have appeared or changed; equal strings mean nothing to reload. */
export function gallerySignature(pipeline: Pipeline | null): string {
  if (!pipeline) return '';
  const runs = pipeline.runs.map((run) => {
    const items = run.progress?.angles ?? (run.progress?.state ? [run.progress as ItemProgress] : []);
    const states = items.map((item) => `${item.state}/${item.attempt}/${item.imageId ?? ''}`);
    return [run.runId, run.status, run.pipelineStatus, ...states].join(':');
  });
  return [pipeline.character.coreSet?.status, ...runs].join('|');
}

const ACCEPTED = new Set(['passed', 'approved']);

/** Angles a running core set accepted so far (the recorded core set counts once the run closes). */
export function acceptedWhileRunning(pipeline: Pipeline | null): number {
  return (pipeline?.runs ?? [])
    .filter((run) => run.type === 'coreSetWorkflow' && run.status === 'RUNNING')
    .flatMap((run) => run.progress?.angles ?? [])
    .filter((angle) => ACCEPTED.has(angle.state)).length;
}

/**
 * Whether a turnaround sheet can exist: not before any core set, nor while a running one has accepted no angle
 * yet (the endpoint would answer 409). Unknown until the pipeline has loaded.
 */
export function mayHaveSheet(pipeline: Pipeline | null): boolean {
  if (!pipeline || (pipeline.character.coreSet?.status ?? 'not_started') === 'not_started') return false;
  const running = pipeline.runs.some((run) => run.type === 'coreSetWorkflow' && run.status === 'RUNNING');
  return !running || acceptedWhileRunning(pipeline) > 0;
}

/** Changes when the core set's status changes or a running core set accepts another angle. */
export function sheetVersion(pipeline: Pipeline | null): string {
  return `${pipeline?.character.coreSet?.status ?? 'not_started'}:${acceptedWhileRunning(pipeline)}`;
}
