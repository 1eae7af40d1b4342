import { isBusy } from './activity';
import type { Pipeline } from './types';

export const BUSY_POLL_MS = 1_500;
export const IDLE_POLL_MS = 5_000;

export interface PipelineSnapshot {
  data: Pipeline | null;
  error: string | null;
}

interface Entry {
  snapshot: PipelineSnapshot;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setTimeout> | null;
  loading: Promise<void> | null;
}

const EMPTY: PipelineSnapshot = { data: null, error: null };
const entries = new Map<string, Entry>();

/**
 * One poller per character for every component that shows its pipeline (sidebar summary, panel, gallery), so a
 * page makes one request per tick however many of them are mounted. It runs while someone listens.
 */
function entryFor(characterId: string): Entry {
  let entry = entries.get(characterId);
  if (!entry) {
    entry = { snapshot: EMPTY, listeners: new Set(), timer: null, loading: null };
    entries.set(characterId, entry);
  }
  return entry;
}

async function fetchPipeline(characterId: string): Promise<PipelineSnapshot> {
  try {
    const response = await fetch(`/api/characters/${characterId}/pipeline`, { credentials: 'include' });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
    return { data: body as Pipeline, error: null };
  } catch (error) {
    return { data: entryFor(characterId).snapshot.data, error: (error as Error).message };
  }
}

function schedule(characterId: string, entry: Entry): void {
  if (entry.timer) clearTimeout(entry.timer);
  entry.timer = null;
  if (entry.listeners.size === 0) return;
  const delay = isBusy(entry.snapshot.data) ? BUSY_POLL_MS : IDLE_POLL_MS;
  entry.timer = setTimeout(() => void refreshPipeline(characterId), delay);
}

/** Loads now (joining a load already under way) and restarts the timer from the answer. */
export function refreshPipeline(characterId: string): Promise<void> {
  const entry = entryFor(characterId);
  entry.loading ??= fetchPipeline(characterId).then((snapshot) => {
    entry.snapshot = snapshot;
    entry.loading = null;
    for (const listener of entry.listeners) listener();
    schedule(characterId, entry);
  });
  return entry.loading;
}

export function subscribePipeline(characterId: string, listener: () => void): () => void {
  const entry = entryFor(characterId);
  entry.listeners.add(listener);
  if (entry.listeners.size === 1) void refreshPipeline(characterId);
  return () => {
    entry.listeners.delete(listener);
    if (entry.listeners.size === 0) schedule(characterId, entry);
  };
}

export function pipelineSnapshot(characterId: string): PipelineSnapshot {
  return entries.get(characterId)?.snapshot ?? EMPTY;
}

export function emptySnapshot(): PipelineSnapshot {
  return EMPTY;
}
