/** The view angles of the 360° turnaround, in turnaround order (degrees, 0 = front). */
export const CORE_SET_ANGLES = [0, 45, 90, 135, 180, 225, 270, 315] as const;

export function isCoreSetAngle(angle: number): boolean {
  return (CORE_SET_ANGLES as readonly number[]).includes(angle);
}
