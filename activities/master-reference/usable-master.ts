import { measureQuality, UndecodableImageError, type MeasureQuality, type QualityCheck } from '../../image-analysis';
import { invalidInput } from '../errors';

/**
 * The quality checks a master must pass to serve as the character's reference: every generated view is drawn from
 * it and judged against it, so a tiny picture, an empty or uniform one, or one whose subject is a speck cannot be it.
 * Other checks (noise, colourfulness, …) describe a master without disqualifying it: an artist's style may fail them.
 */
const REQUIRED_FOR_A_MASTER = ['resolution', 'blank', 'subject_size'] as const;

/** The failed required checks, each with its measured reason; empty when the picture can be a master. */
export function masterDisqualifiers(checks: QualityCheck[]): QualityCheck[] {
  return checks.filter((check) => (REQUIRED_FOR_A_MASTER as readonly string[]).includes(check.id) && !check.passed);
}

/** Refuses, as a non-retryable failure naming what was measured, a picture that cannot be a master reference. */
export async function assertUsableMaster(bytes: Buffer, measure: MeasureQuality = measureQuality): Promise<void> {
  let checks: QualityCheck[];
  try {
    ({ checks } = await measure(bytes));
  } catch (error) {
    if (error instanceof UndecodableImageError) throw invalidInput(`The master reference image is ${error.message}.`);
    throw error;
  }
  const failed = masterDisqualifiers(checks);
  if (failed.length > 0) {
    const reasons = failed.map((check) => check.note ?? `${check.label}: ${check.value} (needs ${check.threshold})`).join('; ');
    throw invalidInput(`The master reference image cannot serve as a reference: ${reasons}.`, 'UnusableMaster');
  }
}
