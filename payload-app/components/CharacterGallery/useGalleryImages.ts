'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { gallerySignature, isBusy } from '../pipeline-data/activity';
import { usePipeline } from '../pipeline-data/usePipeline';
import type { GalleryImage } from './types';

/**
 * The character's gallery images, reloaded with every pipeline update while a run is generating or analysing,
 * once more when a run's state changes, and not at all while nothing happens.
 */
export function useGalleryImages(characterId: string | number) {
  const { data, refresh } = usePipeline(characterId);
  const [images, setImages] = useState<GalleryImage[] | null>(null);
  const latest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latest.current;
    const query = `where[character][equals]=${characterId}&depth=1&limit=200&sort=kind,angle,-createdAt`;
    const response = await fetch(`/api/character-images?${query}`, { credentials: 'include' });
    // A slower, older answer must not overwrite a newer one.
    if (response.ok && request === latest.current) setImages(((await response.json()) as { docs: GalleryImage[] }).docs);
  }, [characterId]);

  const signature = gallerySignature(data);
  const busyTick = isBusy(data) ? data : null;
  useEffect(() => {
    void load();
  }, [load, signature, busyTick]);

  const reload = useCallback(async () => {
    await Promise.all([load(), refresh()]);
  }, [load, refresh]);
  return { images, reload };
}
