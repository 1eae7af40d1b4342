import type { ChaosCounts } from './count-outcomes';

/** Lost, duplicated or orphaned anything: what a chaos run must never find. */
export function defects(counts: ChaosCounts): number {
  return counts.lost + counts.duplicates + counts.orphanMedia + counts.orphanAssets + counts.orphanReviewItems;
}

export function formatCountsTable(counts: ChaosCounts): string {
  const rows: Array<[string, number]> = [
    ['runs started', counts.runsStarted],
    ['completed', counts.completed],
    ['incomplete', counts.incomplete],
    ['failed', counts.failed],
    ['not ended', counts.notEnded],
    ['images kept', counts.imagesKept],
    ['LOST', counts.lost],
    ['DUPLICATES', counts.duplicates],
    ['ORPHANS: media', counts.orphanMedia],
    ['ORPHANS: analysis assets', counts.orphanAssets],
    ['ORPHANS: review items', counts.orphanReviewItems],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${String(value).padStart(5)}`).join('\n');
}
