'use client';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import type { BatchListing } from './types';

const POLL_MS = 3_000;

/** Each character's state in each batch: when it changes, the list's status columns below are stale. */
function statesSignature(batches: BatchListing[]): string {
  return batches
    .flatMap((batch) =>
      (batch.progress?.characters ?? []).map((character) => `${batch.batchId}:${character.characterDocId}:${character.state}`),
    )
    .join('|');
}

/** The newest batches, read again every few seconds while the list view is open; the list re-renders as they move. */
export function useBatches() {
  const router = useRouter();
  const [batches, setBatches] = useState<BatchListing[]>([]);
  const [error, setError] = useState<string | null>(null);
  const lastSignature = useRef<string | null>(null);
  // The list is re-rendered on the server after a change. A change that arrives while that render is still on its way
  // (a slow server) must start another one when it lands: its answer may predate the change, and Next does not queue
  // a second refresh behind a pending one.
  const [listRefreshing, startListRefresh] = useTransition();
  const [listStale, setListStale] = useState(false);
  useEffect(() => {
    if (!listStale || listRefreshing) return;
    setListStale(false);
    startListRefresh(() => router.refresh());
  }, [listStale, listRefreshing, router]);

  const refresh = useCallback(async () => {
    try {
      const response = await fetch('/api/characters/core-set-batch', { credentials: 'include' });
      const body = (await response.json()) as { batches?: BatchListing[]; error?: string };
      if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
      const next = body.batches ?? [];
      setBatches(next);
      setError(null);
      const signature = statesSignature(next);
      if (lastSignature.current !== null && signature !== lastSignature.current) setListStale(true);
      lastSignature.current = signature;
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return { batches, error, refresh };
}
