import { percentile } from './percentiles';

/** A gallery query as the admin's gallery sends it: one page of 50, newest first, related media one level deep. */
export interface GalleryFilter {
  name: string;
  /** The `where[...]` part; `characterId` differs per request so no answer is served from a warm page. */
  where: (characterId: number) => string;
}

export const GALLERY_FILTERS: GalleryFilter[] = [
  { name: 'none (newest first)', where: () => '' },
  { name: 'character', where: (id) => `where[character][equals]=${id}` },
  { name: 'status = awaiting_review', where: () => 'where[review.status][equals]=awaiting_review' },
  { name: 'kind = core', where: () => 'where[kind][equals]=core' },
  { name: 'quality 80–90', where: () => 'where[qualityScore][greater_than_equal]=80&where[qualityScore][less_than]=90' },
  { name: 'consistency ≥ 95', where: () => 'where[consistencyScore][greater_than_equal]=95' },
  {
    name: 'character + core + approved',
    where: (id) => `where[character][equals]=${id}&where[kind][equals]=core&where[review.status][equals]=approved`,
  },
  {
    name: 'status + quality ≥ 70',
    where: () => 'where[review.status][equals]=approved&where[qualityScore][greater_than_equal]=70',
  },
];

export const GALLERY_PAGE = 'limit=50&depth=1&sort=-createdAt';

export interface FilterTiming {
  name: string;
  p50: number;
  p95: number;
  totalDocs: number;
}

/** Times each filter over REST, `samples` requests one after another after a few unmeasured ones. */
export async function timeGalleryFilters(
  baseUrl: string,
  authorization: string,
  characters: number[],
  samples: number,
): Promise<FilterTiming[]> {
  const results: FilterTiming[] = [];
  for (const filter of GALLERY_FILTERS) {
    const durations: number[] = [];
    let totalDocs = 0;
    for (let i = -3; i < samples; i++) {
      const characterId = characters[(i + 3) % characters.length]!;
      const where = filter.where(characterId);
      const started = performance.now();
      const response = await fetch(`${baseUrl}/api/character-images?${where ? `${where}&` : ''}${GALLERY_PAGE}`, {
        headers: { authorization },
      });
      const body = (await response.json()) as { totalDocs?: number };
      const elapsed = performance.now() - started;
      if (!response.ok || typeof body.totalDocs !== 'number')
        throw new Error(`${filter.name}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
      if (i >= 0) durations.push(elapsed);
      totalDocs = body.totalDocs;
    }
    results.push({ name: filter.name, p50: percentile(durations, 50), p95: percentile(durations, 95), totalDocs });
  }
  return results;
}
