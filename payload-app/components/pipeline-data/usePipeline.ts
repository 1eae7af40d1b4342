'use client';
import { useDocumentInfo } from '@payloadcms/ui';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { emptySnapshot, pipelineSnapshot, refreshPipeline, subscribePipeline, type PipelineSnapshot } from './store';

/**
 * The character's pipeline, live: polled often while something runs, slowly when idle, and at once after the
 * document is saved (a new master starts an ingest) or when `refresh` is called after starting a run.
 */
export function usePipeline(characterId: string | number): PipelineSnapshot & { refresh: () => Promise<void> } {
  const key = String(characterId);
  const subscribe = useCallback((listener: () => void) => subscribePipeline(key, listener), [key]);
  const snapshot = useSyncExternalStore(subscribe, () => pipelineSnapshot(key), emptySnapshot);
  const refresh = useCallback(() => refreshPipeline(key), [key]);

  const { savedDocumentData } = useDocumentInfo();
  const firstSave = useRef(savedDocumentData);
  useEffect(() => {
    if (savedDocumentData !== firstSave.current) void refresh();
  }, [savedDocumentData, refresh]);

  return { ...snapshot, refresh };
}
