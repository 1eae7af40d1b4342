/**
 * Turns labelled consistency scores into per-angle bands. Labels: `same` (this character, at the asked view),
 * `wrong-view` (this character, another view: what a model that ignores the angle returns) and `other` (another
 * character at the asked view). The lower bar sits midway between the highest `other` and the lowest `same`; the
 * upper bar midway between the highest `same` and the lowest `wrong-view` above it. Where the labels overlap the
 * angle cannot be told apart by this engine: its bar still never passes another character, and it goes to review.
 */
export type CalibrationLabel = 'same' | 'wrong-view' | 'other';

export interface CalibrationSample {
  angle: number;
  label: CalibrationLabel;
  /** consistencyScore: 100 × max(0, cosine) against the master. */
  score: number;
  source?: string;
}

export interface AngleBand {
  angle: number;
  minConsistency: number;
  maxConsistency: number | null;
  /** Between this and the lower bar an image is the character at another view (from wrong views below the bar). */
  characterFloor: number | null;
  reviewUntilCalibrated: boolean;
  calibrationNote: string;
  counts: Record<CalibrationLabel, number>;
  ranges: Partial<Record<CalibrationLabel, [number, number]>>;
  /** How the proposed band judges the samples it was made from. */
  confusion: { samePassed: number; sameFlagged: number; wrongViewPassed: number; otherPassed: number };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function proposeBands(samples: CalibrationSample[]): AngleBand[] {
  const angles = [...new Set(samples.map((sample) => sample.angle))].sort((a, b) => a - b);
  return angles.map((angle) => {
    const at = (label: CalibrationLabel) => samples.filter((s) => s.angle === angle && s.label === label).map((s) => s.score);
    const same = at('same');
    const wrong = at('wrong-view');
    const other = at('other');
    const range = (values: number[]): [number, number] | undefined =>
      values.length ? [Math.min(...values), Math.max(...values)] : undefined;
    const notes: string[] = [];
    let review = false;
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    // Wrong views below the right view (a back view for the front) are kept out by the lower bar, like other
    // characters; wrong views above it (the front view for a turned angle) by the upper bar.
    const wrongBelow = same.length ? wrong.filter((score) => score < median(same)) : [];
    const wrongAbove = wrong.filter((score) => !wrongBelow.includes(score));
    const highestOther = other.length ? Math.max(...other) : 0;
    const highestBelow = Math.max(highestOther, ...wrongBelow);
    const lowestSame = same.length ? Math.min(...same) : 100;
    let min: number;
    if (!same.length) {
      review = true;
      min = Math.min(100, round1(highestOther + 1));
      notes.push('no same-character examples');
    } else if (lowestSame > highestBelow) {
      min = round1((lowestSame + highestBelow) / 2);
    } else {
      review = true;
      // Never below the other characters: an uncalibrated angle still must not pass someone else.
      min = Math.min(100, round1(highestOther + 0.5));
      notes.push(
        `same-character scores (from ${round1(lowestSame)}) overlap ${highestBelow === highestOther ? "other characters'" : 'wrong views'} (up to ${round1(highestBelow)})`,
      );
    }
    let max: number | null = null;
    const highestSame = same.length ? Math.max(...same) : 0;
    if (wrongAbove.length) {
      const lowestWrong = Math.min(...wrongAbove);
      if (lowestWrong > highestSame) max = round1((lowestWrong + highestSame) / 2);
      else {
        review = true;
        max = round1(lowestWrong);
        notes.push(`wrong views (from ${round1(lowestWrong)}) overlap the right view (up to ${round1(highestSame)})`);
      }
    }
    const lowestWrongBelow = wrongBelow.length ? Math.min(...wrongBelow) : null;
    const characterFloor =
      lowestWrongBelow !== null && lowestWrongBelow > highestOther && !review ? round1((lowestWrongBelow + highestOther) / 2) : null;
    const passes = (score: number) => score >= min && (max === null || score <= max);
    return {
      angle,
      minConsistency: min,
      maxConsistency: max,
      characterFloor,
      reviewUntilCalibrated: review,
      calibrationNote: review
        ? notes.join('; ')
        : `separated on ${same.length} same, ${wrong.length} wrong-view and ${other.length} other-character examples`,
      counts: { same: same.length, 'wrong-view': wrong.length, other: other.length },
      ranges: { same: range(same), 'wrong-view': range(wrong), other: range(other) },
      confusion: {
        samePassed: same.filter(passes).length,
        sameFlagged: same.filter((score) => !passes(score)).length,
        wrongViewPassed: wrong.filter(passes).length,
        otherPassed: other.filter(passes).length,
      },
    };
  });
}

export function formatBands(engineId: string, bands: AngleBand[]): string {
  const lines = [`Proposed bands for engine ${engineId} (consistencyScore = 100 × max(0, cosine) against the master)`];
  lines.push('angle   same          wrong-view    other         band            same ok/flagged  wrong-view passed  other passed  status');
  const show = (range?: [number, number]) => (range ? `${range[0].toFixed(1)}..${range[1].toFixed(1)}` : '–').padEnd(14);
  for (const band of bands) {
    lines.push(
      `${String(band.angle).padStart(4)}°  ${show(band.ranges.same)}${show(band.ranges['wrong-view'])}${show(band.ranges.other)}` +
        `${`${band.minConsistency}..${band.maxConsistency ?? '–'}`.padEnd(16)}${`${band.confusion.samePassed}/${band.confusion.sameFlagged}`.padEnd(17)}` +
        `${String(band.confusion.wrongViewPassed).padEnd(19)}${String(band.confusion.otherPassed).padEnd(14)}${band.reviewUntilCalibrated ? `REVIEW: ${band.calibrationNote}` : 'calibrated'}`,
    );
  }
  return lines.join('\n');
}

/**
 * The bar for a new view against accepted views 45° either side: midway between the lowest right view and the highest
 * wrong view, when they are apart; otherwise none (the neighbour comparison would only add noise).
 */
export function proposeNeighbourBar(samples: Array<{ label: 'same' | 'wrong-view'; score: number }>): {
  minConsistency: number | null;
  note: string;
} {
  const same = samples.filter((sample) => sample.label === 'same').map((sample) => sample.score);
  const wrong = samples.filter((sample) => sample.label === 'wrong-view').map((sample) => sample.score);
  if (!same.length || !wrong.length) return { minConsistency: null, note: 'not enough examples' };
  const lowestSame = Math.min(...same);
  const highestWrong = Math.max(...wrong);
  if (lowestSame <= highestWrong) {
    return {
      minConsistency: null,
      note: `right views (from ${round1(lowestSame)}) overlap wrong views (up to ${round1(highestWrong)}): no neighbour bar`,
    };
  }
  const bar = round1((lowestSame + highestWrong) / 2);
  return {
    minConsistency: bar,
    note: `${bar} (right views ≥ ${round1(lowestSame)}, wrong views ≤ ${round1(highestWrong)}; ${same.length} + ${wrong.length} pairs)`,
  };
}
