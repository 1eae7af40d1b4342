/** A relationship value is an id or, when populated, the related document. */
export function relationId(value: unknown): string | number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'object' && 'id' in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return undefined;
}

export function sameRelation(a: unknown, b: unknown): boolean {
  return String(relationId(a) ?? '') === String(relationId(b) ?? '');
}
