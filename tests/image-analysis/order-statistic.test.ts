import { kthSmallest } from '../../image-analysis/order-statistic';

/** A small deterministic generator, so a failure can be replayed. */
function numbers(seed: number, count: number, distinct: number): Float64Array {
  let state = seed;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out[i] = (state % distinct) / 7 - distinct / 14;
  }
  return out;
}

describe('kthSmallest', () => {
  it('finds what a numeric sort puts at every index, with many, few and no repeated values', () => {
    for (const [seed, count, distinct] of [
      [1, 1, 1],
      [2, 2, 5],
      [3, 17, 3],
      [4, 100, 1000],
      [5, 1001, 2],
      [6, 5000, 100000],
    ] as const) {
      const values = numbers(seed, count, distinct);
      const sorted = Float64Array.from(values).sort();
      for (let k = 0; k < count; k += Math.max(1, Math.floor(count / 50))) {
        expect(kthSmallest(Float64Array.from(values), k)).toBe(sorted[k]);
      }
    }
  });

  it('works on sorted, reversed and constant input, the worst cases of a careless pivot', () => {
    const ascending = Float32Array.from({ length: 4096 }, (_, i) => i);
    const descending = Float32Array.from({ length: 4096 }, (_, i) => 4096 - i);
    const constant = new Float32Array(4096).fill(3);
    expect(kthSmallest(ascending, 2048)).toBe(2048);
    expect(kthSmallest(descending, 0)).toBe(1);
    expect(kthSmallest(constant, 4095)).toBe(3);
  });

  it('puts NaN last, as a sort does, and refuses an index outside the array', () => {
    const values = Float64Array.from([Number.NaN, 3, 1, Number.NaN, 2]);
    expect(kthSmallest(Float64Array.from(values), 0)).toBe(1);
    expect(kthSmallest(Float64Array.from(values), 2)).toBe(3);
    expect(kthSmallest(Float64Array.from(values), 3)).toBeNaN();
    expect(() => kthSmallest(values, 5)).toThrow(RangeError);
  });
});
