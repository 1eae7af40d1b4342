/** Consistency on our scale (docs/decisions.md): 100 × max(0, cosine), one decimal. */
export function consistencyFromCosine(cosine: number): number {
  return Math.round(Math.max(0, cosine) * 1000) / 10;
}
