import { createHash } from 'node:crypto';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  range(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** A 32-bit seed from any mix of values, so "same inputs ⇒ same picture" holds across processes. */
export function seedFrom(...parts: Array<string | number | Uint8Array>): number {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(typeof part === 'number' ? `n:${part}` : typeof part === 'string' ? `s:${part}` : part);
    hash.update('\u0000');
  }
  return hash.digest().readUInt32LE(0);
}

/** mulberry32: tiny, fast and good enough for picking colours and jitter. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    range: (min, max) => min + (max - min) * next(),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
