/** Output sizes of Google's image models at their default (1K) resolution, by aspect ratio. */
export const CANVAS_SIZES: Readonly<Record<string, { width: number; height: number }>> = {
  '1:1': { width: 1024, height: 1024 },
  '2:3': { width: 832, height: 1248 },
  '3:2': { width: 1248, height: 832 },
  '3:4': { width: 864, height: 1184 },
  '4:3': { width: 1184, height: 864 },
  '4:5': { width: 896, height: 1152 },
  '5:4': { width: 1152, height: 896 },
  '9:16': { width: 768, height: 1344 },
  '16:9': { width: 1344, height: 768 },
  '21:9': { width: 1536, height: 672 },
};

export const DEFAULT_ASPECT_RATIO = '3:4';

export function canvasFor(aspectRatio: string): { width: number; height: number } | undefined {
  return CANVAS_SIZES[aspectRatio];
}
