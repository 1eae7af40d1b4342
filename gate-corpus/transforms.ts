import sharp, { type Kernel, type Sharp } from 'sharp';
import { paintBackdrop } from './backdrops';
import { placedBox, type Placement } from './compose';
import { createRandom } from './random';
import { asDrawn, renderScene, type Scene } from './scene';

/**
 * Metamorphic rules: from a good picture, pictures that must still pass (GOOD_TRANSFORMS) and pictures that must be
 * flagged, each by its named check (MUST_FLAG_TRANSFORMS). The rules know nothing of how the gate measures.
 */
export interface TransformContext {
  /** The character's master reference (its front view, as drawn). */
  master: Buffer;
  /** Another character drawn by the same method at the same angle, frame and backdrop. */
  otherCharacter: () => Promise<Scene>;
  /** This character's front view and back view, drawn afresh (not the master's pixels). */
  frontView: () => Promise<Scene>;
  backView: () => Promise<Scene>;
  seed: number;
}

export interface Transformed {
  bytes: Buffer;
  /** The view the picture is judged for, when it is not the scene's own. */
  judgedAngle?: number;
}

export interface Transform {
  id: string;
  /** The check that must name the defect; for good transforms, none. */
  expectedCheck?: string;
  /** Angles the rule applies to (e.g. "a front view returned for a side angle"); all when absent. */
  angles?: number[];
  apply(scene: Scene, context: TransformContext): Promise<Transformed>;
}

const png = (image: Sharp) => image.png().toBuffer();
const longSide = (scene: Scene) => Math.max(scene.frame.width, scene.frame.height);

/** Good pictures stay good: re-framed within the margins, re-scaled, lightly re-encoded. */
export const GOOD_TRANSFORMS: Transform[] = [
  { id: 'as-drawn', apply: async (scene) => ({ bytes: await asDrawn(scene) }) },
  {
    id: 'reframed',
    apply: async (scene, { seed }) => {
      const random = createRandom(seed);
      const { width, height } = scene.frame;
      const scale = scene.placement.scale * random.range(0.78, 1);
      const box = placedBox({ ...scene.placement, scale });
      const margin = 0.06;
      const left = random.range(width * margin, Math.max(width * margin, width * (1 - margin) - box.width));
      const top = random.range(height * margin, Math.max(height * margin, height * (1 - margin) - box.height));
      return { bytes: await renderScene(scene, [{ ...scene.placement, scale, left, top }]) };
    },
  },
  {
    id: 'rescaled-72%',
    apply: async (scene) => ({
      bytes: await png(sharp(await renderScene(scene)).resize(Math.round(scene.frame.width * 0.72), Math.round(scene.frame.height * 0.72))),
    }),
  },
  {
    id: 'jpeg-q85',
    apply: async (scene) => ({
      bytes: await sharp(await renderScene(scene))
        .jpeg({ quality: 85 })
        .toBuffer(),
    }),
  },
];

function cut(side: 'top' | 'bottom' | 'left' | 'right', fraction: number): Transform {
  return {
    id: `cut-${side}-${Math.round(fraction * 100)}%`,
    expectedCheck: 'cropped',
    apply: async (scene) => {
      const box = placedBox(scene.placement);
      const { width, height } = scene.frame;
      const region =
        side === 'bottom'
          ? { left: 0, top: 0, width, height: Math.round(box.top + box.height * (1 - fraction)) }
          : side === 'top'
            ? { left: 0, top: Math.round(box.top + box.height * fraction), width, height: 0 }
            : side === 'right'
              ? { left: 0, top: 0, width: Math.round(box.left + box.width * (1 - fraction)), height }
              : { left: Math.round(box.left + box.width * fraction), top: 0, width: 0, height };
      if (side === 'top') region.height = height - region.top;
      if (side === 'left') region.width = width - region.left;
      return { bytes: await png(sharp(await renderScene(scene)).extract(region)) };
    },
  };
}

function shift(direction: 'left' | 'right' | 'up' | 'down', fraction: number): Transform {
  return {
    id: `shift-${direction}-${Math.round(fraction * 100)}%`,
    expectedCheck: 'cropped',
    apply: async (scene) => {
      const box = placedBox(scene.placement);
      const { width, height } = scene.frame;
      const moved: Placement = { ...scene.placement };
      if (direction === 'left') moved.left = -box.width * fraction;
      if (direction === 'right') moved.left = width - box.width * (1 - fraction);
      if (direction === 'up') moved.top = -box.height * fraction;
      if (direction === 'down') moved.top = height - box.height * (1 - fraction);
      return { bytes: await renderScene(scene, [moved]) };
    },
  };
}

/** Copies of the figure standing on the original floor line, scaled so they fit the frame's width. */
function copies(id: string, scales: number[], overlap: number): Transform {
  return {
    id,
    expectedCheck: 'several_figures',
    apply: async (scene) => {
      const base = placedBox(scene.placement);
      const { width } = scene.frame;
      const floor = base.top + base.height;
      const gap = 1 - overlap;
      const span = scales.reduce((sum, s, i) => sum + base.width * s * (i === scales.length - 1 ? 1 : gap), 0);
      const fit = Math.min(1, (width * 0.9) / span);
      let left = (width - span * fit) / 2;
      const placements = scales.map((s) => {
        const scale = scene.placement.scale * s * fit;
        const box = placedBox({ ...scene.placement, scale });
        const placement = { ...scene.placement, scale, left, top: floor - box.height };
        left += box.width * gap;
        return placement;
      });
      return { bytes: await renderScene(scene, placements) };
    },
  };
}

function filtered(id: string, expectedCheck: string, filter: (image: Sharp, scene: Scene) => Sharp): Transform {
  return { id, expectedCheck, apply: async (scene) => ({ bytes: await png(filter(sharp(await renderScene(scene)), scene)) }) };
}

function rawFilter(id: string, expectedCheck: string, change: (data: Buffer, seed: number) => void): Transform {
  return {
    id,
    expectedCheck,
    apply: async (scene, { seed }) => {
      const { data, info } = await sharp(await renderScene(scene))
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      change(data, seed);
      return { bytes: await png(sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })) };
    },
  };
}

/** A square kernel (sharp needs at least 3 × 3) whose middle row or column is a box of `length` pixels. */
function motionKernel(length: number, direction: 'horizontal' | 'vertical'): Kernel {
  const size = length % 2 ? length : length + 1;
  const kernel = new Array<number>(size * size).fill(0);
  const middle = (size - 1) / 2;
  for (let k = 0; k < size; k++) kernel[direction === 'horizontal' ? middle * size + k : k * size + middle] = 1 / size;
  return { width: size, height: size, kernel };
}

const gaussianNoise = (sigma: number) => (data: Buffer, seed: number) => {
  const random = createRandom(seed);
  for (let i = 0; i < data.length; i++) {
    const normal = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
    data[i] = Math.max(0, Math.min(255, Math.round(data[i]! + normal * sigma)));
  }
};

const SIDE_ANGLES = [90, 135, 180, 225, 270];

export const MUST_FLAG_TRANSFORMS: Transform[] = [
  cut('bottom', 0.25),
  cut('bottom', 0.6),
  cut('top', 0.3),
  cut('left', 0.4),
  cut('right', 0.5),
  cut('right', 0.25),
  shift('left', 0.3),
  shift('right', 0.5),
  shift('up', 0.35),
  shift('down', 0.45),
  {
    id: 'below-minimum-size',
    expectedCheck: 'resolution',
    apply: async (scene) => {
      const factor = 380 / Math.min(scene.frame.width, scene.frame.height);
      return {
        bytes: await png(
          sharp(await renderScene(scene)).resize(Math.round(scene.frame.width * factor), Math.round(scene.frame.height * factor)),
        ),
      };
    },
  },
  copies('two-side-by-side', [1, 1], 0),
  copies('two-overlapping', [1, 1], 0.45),
  copies('three-in-a-row', [1, 1, 1], 0.1),
  copies('two-different-sizes', [1, 0.62], 0.05),
  filtered('gaussian-blur-2.5', 'sharpness', (image, scene) => image.blur((2.5 * longSide(scene)) / 1024)),
  filtered('gaussian-blur-4', 'sharpness', (image, scene) => image.blur((4 * longSide(scene)) / 1024)),
  filtered('gaussian-blur-8', 'sharpness', (image, scene) => image.blur((8 * longSide(scene)) / 1024)),
  filtered('motion-blur-horizontal', 'sharpness', (image, scene) =>
    image.convolve(motionKernel(Math.round((17 * longSide(scene)) / 1024), 'horizontal')),
  ),
  filtered('motion-blur-vertical', 'sharpness', (image, scene) =>
    image.convolve(motionKernel(Math.round((17 * longSide(scene)) / 1024), 'vertical')),
  ),
  filtered('hue-shift-60', 'palette', (image) => image.modulate({ hue: 60 })),
  filtered('hue-shift-180', 'palette', (image) => image.modulate({ hue: 180 })),
  filtered('palette-swap-red-blue', 'palette', (image) =>
    image.recomb([
      [0, 0, 1],
      [0, 1, 0],
      [1, 0, 0],
    ]),
  ),
  filtered('over-exposed', 'exposure', (image) => image.linear(1.9, 45)),
  filtered('under-exposed', 'exposure', (image) => image.linear(0.28, 0)),
  rawFilter('heavy-noise', 'noise', gaussianNoise(30)),
  filtered('flat', 'contrast', (image) => image.linear(0.2, 0.8 * 128)),
  rawFilter('posterised', 'posterised', (data) => {
    for (let i = 0; i < data.length; i++) data[i] = data[i]! < 128 ? 0 : 255;
  }),
  {
    id: 'blank',
    expectedCheck: 'blank',
    apply: async (scene) => ({ bytes: await paintBackdrop(scene.backdrop, scene.frame.width, scene.frame.height) }),
  },
  {
    id: 'wrong-aspect-ratio',
    expectedCheck: 'aspect',
    apply: async (scene) => {
      const { width, height } = scene.frame;
      const pad = Math.round((height * 16) / 9 - width) / 2;
      return {
        bytes: await png(
          sharp(await renderScene(scene)).extend({
            left: Math.max(1, Math.floor(pad)),
            right: Math.max(1, Math.ceil(pad)),
            extendWith: 'copy',
          }),
        ),
      };
    },
  },
  { id: 'echo-exact', expectedCheck: 'echo', angles: [0], apply: async (_scene, { master }) => ({ bytes: master }) },
  {
    id: 'echo-reencoded',
    expectedCheck: 'echo',
    angles: [0],
    apply: async (_scene, { master }) => {
      const meta = await sharp(master).metadata();
      return {
        bytes: await sharp(master)
          .resize(Math.round(meta.width! * 0.9))
          .jpeg({ quality: 80 })
          .toBuffer(),
      };
    },
  },
  {
    id: 'another-character',
    expectedCheck: 'consistency',
    apply: async (_scene, { otherCharacter }) => ({ bytes: await renderScene(await otherCharacter()) }),
  },
  {
    id: 'front-view-for-a-turned-angle',
    expectedCheck: 'view',
    angles: SIDE_ANGLES,
    apply: async (scene, { frontView }) => ({ bytes: await renderScene(await frontView()), judgedAngle: scene.angle }),
  },
  {
    id: 'back-view-for-the-front',
    expectedCheck: 'view',
    angles: [0],
    apply: async (_scene, { backView }) => ({ bytes: await renderScene(await backView()), judgedAngle: 0 }),
  },
];
