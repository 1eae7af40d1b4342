import { createHash } from 'node:crypto';
import { lookFromReference } from './renderer/analyse';
import { randomLook, type CharacterLook } from './renderer/look';
import { seedFrom } from './renderer/random';

/**
 * The look read from each master reference, remembered by content hash: a core set sends the same master eight
 * times, and a benchmark many more.
 */
export interface LookCache {
  lookOf(reference: Buffer): Promise<CharacterLook>;
}

export function createLookCache(seed: number, capacity = 64): LookCache {
  const looks = new Map<string, Promise<CharacterLook>>();
  return {
    lookOf(reference) {
      const key = createHash('sha256').update(reference).digest('hex');
      const known = looks.get(key);
      if (known) return known;
      const look = lookFromReference(reference, randomLook(seedFrom(seed, 'fallback', key)));
      looks.set(key, look);
      // A reference that cannot be decoded is not remembered: the caller reports it, and a retry reads it again.
      look.catch(() => looks.delete(key));
      if (looks.size > capacity) {
        const oldest = looks.keys().next().value;
        if (oldest !== undefined) looks.delete(oldest);
      }
      return look;
    },
  };
}
