import { toQueryString } from '../../clients/payload/query-string';

describe('toQueryString (Payload REST bracket notation)', () => {
  it('encodes nested where clauses, arrays and special characters', () => {
    const query = toQueryString({
      where: { character: { equals: 12 }, kind: { in: ['core', 'production'] }, generationKey: { equals: 'core:a b&c' } },
      limit: 5,
    });
    expect(decodeURIComponent(query)).toBe(
      'where[character][equals]=12&where[kind][in][0]=core&where[kind][in][1]=production&where[generationKey][equals]=core:a b&c&limit=5',
    );
    expect(query).toContain('core%3Aa%20b%26c');
  });

  it('skips undefined values', () => {
    expect(toQueryString({ sort: undefined, depth: 0 })).toBe('depth=0');
  });
});
