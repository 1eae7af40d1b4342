'use client';
import { useCallback, useEffect, useState } from 'react';
import type { BatchListing } from './types';

const POLL_MS = 3_000;

/** The newest batches, read again every few seconds while the list view is open. */
export function useBatches() {
  const [batches, setBatches] = useState<BatchListing[]>([]);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const response = await fetch('/api/characters/core-set-batch', { credentials: 'include' });
      const body = (await response.json()) as { batches?: BatchListing[]; error?: string };
      if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
      setBatches(body.batches ?? []);
      setError(null);
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
