import { MAX_REFERENCE_IMAGES } from '../../contracts';

export interface CoreImage {
  mediaId: string | number;
  angle: number | null;
  consistencyScore: number | null;
  approvedAt: string;
}

/**
 * Master first (it defines the character), then one approved core image per angle — the most consistent one,
 * so eight angles plus the master fit well inside the limit. If a studio keeps more approved angles than the
 * limit allows, angles are taken in turnaround order starting from the front, since front and three-quarter
 * views carry the most identity.
 */
export function chooseReferences(
  masterMediaId: string | number,
  coreImages: CoreImage[],
  limit = MAX_REFERENCE_IMAGES,
): Array<string | number> {
  const bestPerAngle = new Map<number, CoreImage>();
  for (const image of coreImages) {
    const angle = image.angle ?? -1;
    const current = bestPerAngle.get(angle);
    if (!current || (image.consistencyScore ?? -1) > (current.consistencyScore ?? -1)) bestPerAngle.set(angle, image);
  }
  const byIdentityValue = [...bestPerAngle.entries()]
    .sort(([a], [b]) => angularDistanceFromFront(a) - angularDistanceFromFront(b) || a - b)
    .map(([, image]) => image.mediaId)
    .filter((id) => String(id) !== String(masterMediaId));
  return [masterMediaId, ...byIdentityValue].slice(0, limit);
}

function angularDistanceFromFront(angle: number): number {
  if (angle < 0) return 360;
  const normalised = ((angle % 360) + 360) % 360;
  return Math.min(normalised, 360 - normalised);
}
