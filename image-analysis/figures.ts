/**
 * How many figures a subject mask holds. Separate regions count when they are large next to the largest one (a
 * detached prop or a gap in an outline does not make a second figure; a floor shadow does not join two figures).
 * Copies that touch or overlap form one region, so each region is read three more ways: its upper outline (every
 * figure raises its own head above the shoulders around it, a crest with a clear prominence), its parts that start
 * on their own and are shaped like a head (a smaller figure standing against a taller one), and its leg band (a
 * figure stands on at most two legs). Overlapping heads at one height are caught by the crown width (quality.ts).
 */
const GAP_RADIUS = 1;
/** A part that starts this close below another (an outline the backdrop swallowed, under a hat's brim) is not a top. */
const UNDER_GAP = 4;
/** A region is a figure when it has this share of the largest region (a copy at 60 % scale has 36 %). */
const MIN_SHARE_OF_LARGEST = 0.2;
const MIN_SHARE_OF_FRAME = 0.004;
/** A head rises at least this share of its region's height above the outline on both sides of it. */
const MIN_HEAD_PROMINENCE = 0.08;

export function countFigures(mask: Uint8Array, width: number, height: number): number {
  const { labels, sizes } = labelRegions(dilate(aboveTheFloor(mask, width), width, height, GAP_RADIUS), width);
  const largest = Math.max(0, ...sizes);
  let figures = 0;
  sizes.forEach((size, label) => {
    if (size < Math.max(largest * MIN_SHARE_OF_LARGEST, mask.length * MIN_SHARE_OF_FRAME)) return;
    const heads = headsInRegion(mask, labels, label, width, height);
    const tops = freeStandingTops(mask, labels, label, width, height);
    const legs = legsInRegion(mask, labels, label, width, height);
    figures += Math.max(1, heads, tops, legs > MAX_LEGS ? Math.ceil(legs / MAX_LEGS) : 1);
  });
  return figures;
}

function headsInRegion(mask: Uint8Array, labels: Int32Array, label: number, width: number, height: number): number {
  const topRow = new Array<number>(width).fill(-1);
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!mask[i] || labels[i] !== label) continue;
      if (topRow[x] === -1) topRow[x] = y;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  const regionHeight = bottom - top + 1;
  if (regionHeight < 8) return 1;
  const raw = topRow.map((y) => (y < 0 ? 0 : bottom + 1 - y));
  // A three-column median keeps a single stray column (a strand of hair) from reading as a head.
  const profile = raw.map((_, x) => {
    const window = [raw[x - 1] ?? 0, raw[x]!, raw[x + 1] ?? 0].sort((a, b) => a - b);
    return window[1]!;
  });
  return prominentPeaks(profile, MIN_HEAD_PROMINENCE * regionHeight, MIN_HEAD_WIDTH * regionHeight);
}

/** Rows between these shares of the region's height above its lowest row cross the legs, above feet and shadows. */
const LEG_BAND: [number, number] = [0.08, 0.15];
/** A figure stands on at most two legs; more separate parts across the leg band are more figures. */
const MAX_LEGS = 2;

/** The fewest separate parts any row of the leg band crosses (a hand or a hem can add one in some rows, not in all). */
function legsInRegion(mask: Uint8Array, labels: Int32Array, label: number, width: number, height: number): number {
  let top = height;
  let bottom = -1;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i] || labels[i] !== label) continue;
    const y = Math.floor(i / width);
    if (y < top) top = y;
    if (y > bottom) bottom = y;
  }
  const regionHeight = bottom - top + 1;
  let fewest = Infinity;
  for (let y = bottom - Math.round(LEG_BAND[1] * regionHeight); y <= bottom - Math.round(LEG_BAND[0] * regionHeight); y++) {
    if (y < 0) continue;
    let runs = 0;
    let inside = false;
    for (let x = 0; x < width; x++) {
      const on = mask[y * width + x] === 1 && labels[y * width + x] === label;
      if (on && !inside) runs++;
      inside = on;
    }
    fewest = Math.min(fewest, runs);
  }
  return Number.isFinite(fewest) ? fewest : 0;
}

/** A top must stay apart from the rest of its region for this share of the region's height to be a head… */
const MIN_FREE_HEIGHT = 0.06;
/** …and grow at least this wide (a share of the region's height): arms, spikes of hair and ears stay narrower. */
const MIN_HEAD_WIDTH = 0.06;
/** A second head counts when it is at least this share of the topmost head's width. */
const MIN_SHARE_OF_MAIN_HEAD = 0.45;
/** Below its widest row a head narrows to at most this share of that width. */
const NECK_RATIO = 0.75;

/**
 * Heads seen from above: a run of subject pixels in a row that touches nothing in the row above starts a "top";
 * it is a head when it stays apart from every other part of the region for a while going down. This finds a
 * smaller figure standing against a taller one, whose head rises above no dip in the outline.
 */
function freeStandingTops(mask: Uint8Array, labels: Int32Array, label: number, width: number, height: number): number {
  let top = height;
  let bottom = -1;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i] || labels[i] !== label) continue;
    const y = Math.floor(i / width);
    if (y < top) top = y;
    if (y > bottom) bottom = y;
  }
  if (bottom < top) return 0;
  const freeRows = Math.max(3, Math.round(MIN_FREE_HEIGHT * (bottom - top + 1)));
  const minWidth = MIN_HEAD_WIDTH * (bottom - top + 1);
  const runsOf = (y: number): Array<[number, number]> => {
    const runs: Array<[number, number]> = [];
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const on = x < width && mask[y * width + x] === 1 && labels[y * width + x] === label;
      if (on && start < 0) start = x;
      if (!on && start >= 0) {
        runs.push([start, x - 1]);
        start = -1;
      }
    }
    return runs;
  };
  const touches = (a: [number, number], b: [number, number]) => a[0] <= b[1] + 1 && b[0] <= a[1] + 1;
  // The topmost figure's head: the part holding the region's first row, measured a little below its crown (past
  // any spikes of hair).
  const crown = runsOf(top)[0]!;
  const probeRow = Math.min(bottom, top + Math.max(2, Math.round(0.08 * (bottom - top + 1))));
  const mainHead = runsOf(probeRow).find((run) => run[0] <= crown[1] + 2 && crown[0] <= run[1] + 2) ?? crown;
  const mainWidth = mainHead[1] - mainHead[0] + 1;
  let extraHeads = 0;
  let previous: Array<[number, number]> = [];
  for (let y = top; y <= bottom; y++) {
    const runs = runsOf(y);
    for (const run of runs) {
      if (previous.some((above) => touches(run, above))) continue;
      const partOfMainHead = y <= probeRow && touches(run, [mainHead[0] - 2, mainHead[1] + 2]);
      if (partOfMainHead || somethingJustAbove(run, y)) continue;
      // A hand, a bag or a pom-pom is far narrower than the head above; a second figure even at 60 % scale is not.
      if (headWidth(run, y) >= MIN_SHARE_OF_MAIN_HEAD * mainWidth) extraHeads++;
    }
    previous = runs;
  }
  return 1 + extraHeads;

  function somethingJustAbove(run: [number, number], row: number): boolean {
    for (let y = Math.max(0, row - UNDER_GAP); y < row; y++) {
      for (let x = run[0]; x <= run[1]; x++) if (mask[y * width + x] === 1 && labels[y * width + x] === label) return true;
    }
    return false;
  }

  /**
   * Follows the part that starts with `run` downwards while it stays apart from every other part, and answers its
   * width if it is shaped like a head: wide enough, apart long enough, narrowing below its widest row (chin, neck)
   * and widening again below that (shoulders, or it joins a body). Else 0. An arm ends in a hand and a bag in its
   * bottom: they narrow and stop.
   */
  function headWidth(run: [number, number], startRow: number): number {
    let span: [number, number] = run;
    const widths = [run[1] - run[0] + 1];
    let joinedBody = false;
    const lastRow = Math.min(bottom, startRow + Math.round((bottom - top + 1) * 0.4));
    for (let y = startRow + 1; y <= lastRow; y++) {
      const runs = runsOf(y);
      const connected = runs.filter((candidate) => touches(candidate, span));
      if (connected.length === 0) break;
      const merged: [number, number] = [Math.min(...connected.map((r) => r[0])), Math.max(...connected.map((r) => r[1]))];
      if (merged[1] - merged[0] > 2 * (span[1] - span[0]) + 6) {
        joinedBody = true;
        break;
      }
      span = merged;
      widths.push(span[1] - span[0] + 1);
    }
    if (widths.length < freeRows) return 0;
    const widestRow = widths.indexOf(Math.max(...widths));
    const widest = widths[widestRow]!;
    if (widest < minWidth) return 0;
    const below = widths.slice(widestRow + 1);
    const neckRow = below.findIndex((w) => w <= NECK_RATIO * widest);
    if (neckRow < 0) return 0;
    const neck = Math.min(...below.slice(neckRow));
    const widensAgain = joinedBody || below.slice(neckRow).some((w) => w >= 1.3 * neck && w >= 0.8 * widest);
    return widensAgain ? widest : 0;
  }
}

/**
 * Peaks of a 1-D profile whose topographic prominence reaches `minProminence` and that are at least `minWidth`
 * wide halfway down that prominence (a head, not a spike of hair).
 */
export function prominentPeaks(profile: number[], minProminence: number, minWidth = 0): number {
  let peaks = 0;
  for (let x = 0; x < profile.length; x++) {
    const value = profile[x]!;
    if (value <= 0) continue;
    if ((profile[x - 1] ?? 0) >= value) continue;
    let end = x;
    while (end + 1 < profile.length && profile[end + 1] === value) end++;
    if ((profile[end + 1] ?? 0) > value) continue;
    // Ties: a peak of equal height to the right counts as higher, so two equal crests share one full prominence.
    const base = (from: number, step: number) => {
      let lowest = value;
      for (let k = from; k >= 0 && k < profile.length; k += step) {
        const v = profile[k]!;
        if (v > value || (step > 0 && v === value)) return lowest;
        lowest = Math.min(lowest, v);
      }
      return Math.min(lowest, 0);
    };
    const prominence = value - Math.max(base(x - 1, -1), base(end + 1, 1));
    if (prominence >= minProminence) {
      const level = value - prominence / 2;
      let left = x;
      let right = end;
      while (left > 0 && profile[left - 1]! >= level) left--;
      while (right < profile.length - 1 && profile[right + 1]! >= level) right++;
      if (right - left + 1 >= minWidth) peaks++;
    }
    x = end;
  }
  return peaks;
}

/** Share of the subject's height, at its bottom, where a floor shadow may join figures that stand apart. */
const FLOOR_BAND = 0.03;

function aboveTheFloor(mask: Uint8Array, width: number): Uint8Array {
  let top = -1;
  let bottom = -1;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const y = Math.floor(i / width);
    if (top < 0) top = y;
    bottom = y;
  }
  if (top < 0) return mask;
  const cut = bottom - Math.round(FLOOR_BAND * (bottom - top + 1));
  const out = Uint8Array.from(mask);
  out.fill(0, (cut + 1) * width);
  return out;
}

function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      for (let dy = -radius; dy <= radius; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -radius; dx <= radius; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < width) out[yy * width + xx] = 1;
        }
      }
    }
  }
  return out;
}

function labelRegions(mask: Uint8Array, width: number): { labels: Int32Array; sizes: number[] } {
  const labels = new Int32Array(mask.length).fill(-1);
  const sizes: number[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start] !== -1) continue;
    const label = sizes.length;
    let size = 0;
    labels[start] = label;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      size++;
      const x = i % width;
      const neighbours = [
        x > 0 ? i - 1 : -1,
        x < width - 1 ? i + 1 : -1,
        i >= width ? i - width : -1,
        i < mask.length - width ? i + width : -1,
      ];
      for (const n of neighbours) {
        if (n >= 0 && mask[n] && labels[n] === -1) {
          labels[n] = label;
          stack.push(n);
        }
      }
    }
    sizes.push(size);
  }
  return { labels, sizes };
}

/**
 * How much of the row a little below the subject's crown is subject, over the subject's height.
 * One head gives about the same value in every view of a character; two overlapping heads give far more.
 */
export function crownWidthRatio(mask: Uint8Array, width: number, height: number): number {
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < height && top < 0; y++)
    for (let x = 0; x < width; x++)
      if (mask[y * width + x]) {
        top = y;
        break;
      }
  for (let y = height - 1; y >= 0 && bottom < 0; y--)
    for (let x = 0; x < width; x++)
      if (mask[y * width + x]) {
        bottom = y;
        break;
      }
  if (top < 0 || bottom <= top) return 0;
  const subjectHeight = bottom - top + 1;
  const row = Math.min(bottom, top + Math.max(2, Math.round(CROWN_DEPTH * subjectHeight)));
  // Every part the row crosses: two heads side by side cross it twice, even when their hair touches.
  let covered = 0;
  for (let x = 0; x < width; x++) covered += mask[row * width + x]!;
  return covered / subjectHeight;
}

/** How far below the crown the top part is measured, as a share of the subject's height. */
const CROWN_DEPTH = 0.06;
