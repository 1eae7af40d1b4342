import { DARK_BACKDROPS, LIGHT_BACKDROPS, describeBackdrop, type Backdrop } from './backdrops';
import { DRAWING_METHODS, type DrawingMethod, type Frame } from './drawing-methods';
import { asDrawn, drawScene, type Scene } from './scene';
import { GOOD_TRANSFORMS, MUST_FLAG_TRANSFORMS, type Transform } from './transforms';

export const CORE_ANGLES = [0, 45, 90, 135, 180, 225, 270, 315] as const;

/** Sizes and aspect ratios an image model returns (1K outputs and a larger one). */
const FRAMES: Frame[] = [
  { width: 864, height: 1184 },
  { width: 1024, height: 1024 },
  { width: 768, height: 1344 },
  { width: 1200, height: 1600 },
];

export interface GateCase {
  id: string;
  method: DrawingMethod['id'];
  character: number;
  /** The view the image is judged for. */
  angle: number;
  group: 'good' | 'must-flag';
  transform: string;
  /** For must-flag cases: the check that has to name the defect. */
  expectedCheck?: string;
  expectedAspectRatio: number;
  backdrop: string;
  /** Same key ⇒ same master (so an analysis of the master can be reused). */
  masterKey: string;
  build(): Promise<{ image: Buffer; master: Buffer }>;
}

/** What an outcome says about its case: everything but the drawing, so outcomes can travel as JSON. */
export type GateCaseDescription = Omit<GateCase, 'build'>;

export interface CorpusOptions {
  charactersPerMethod: number;
  methods?: DrawingMethod[];
  /** Only these transforms (ids); all when absent. */
  transforms?: string[];
}

/**
 * The gate's test corpus: for every drawing method and character, the eight views as drawn plus re-framed,
 * re-scaled and re-encoded ones (must pass), and every must-flag transformation at an angle it applies to.
 * Seeded: the same options always give the same pictures.
 */
export function buildCorpus(options: CorpusOptions): GateCase[] {
  const cases: GateCase[] = [];
  const methods = options.methods ?? DRAWING_METHODS;
  methods.forEach((method, methodIndex) => {
    for (let index = 0; index < options.charactersPerMethod; index++) {
      const character = 100 * (methodIndex + 1) + index + 1;
      const frame = FRAMES[(index + methodIndex) % FRAMES.length]!;
      const backdrops = method.id === 'painter' ? [...LIGHT_BACKDROPS, ...DARK_BACKDROPS] : LIGHT_BACKDROPS;
      const backdrop = backdrops[(index * 3 + methodIndex) % backdrops.length]!;
      const setup = characterSetup(method, character, frame, backdrop);
      const add = (transform: Transform, angle: number, group: GateCase['group'], salt: number) => {
        const seed = character * 1000 + angle * 7 + salt;
        const judged = transform.id === 'back-view-for-the-front' ? 0 : angle;
        if (options.transforms && !options.transforms.includes(transform.id)) return;
        cases.push({
          id: `${method.id}/c${character}/${angle}°/${transform.id}`,
          method: method.id,
          character,
          angle: judged,
          group,
          transform: transform.id,
          expectedCheck: transform.expectedCheck,
          expectedAspectRatio: frame.width / frame.height,
          backdrop: describeBackdrop(backdrop),
          masterKey: `${method.id}/c${character}`,
          build: async () => {
            const scene = await setup.scene(angle);
            const master = await setup.master();
            const result = await transform.apply(scene, {
              master,
              seed,
              otherCharacter: () => setup.otherScene(angle),
              frontView: () => setup.scene(0, 1),
              backView: () => setup.scene(180, 1),
            });
            return { image: result.bytes, master };
          },
        });
      };
      CORE_ANGLES.forEach((angle) => add(GOOD_TRANSFORMS[0]!, angle, 'good', 0));
      GOOD_TRANSFORMS.slice(1).forEach((transform, t) => {
        for (const k of [0, 4]) add(transform, CORE_ANGLES[(index + t * 3 + k) % 8]!, 'good', t + 1);
      });
      MUST_FLAG_TRANSFORMS.forEach((transform, t) => {
        const angles = transform.angles ?? CORE_ANGLES;
        add(transform, angles[(index * 3 + t) % angles.length]!, 'must-flag', t + 10);
      });
    }
  });
  return cases;
}

function characterSetup(method: DrawingMethod, character: number, frame: Frame, backdrop: Backdrop) {
  const scenes = new Map<string, Promise<Scene>>();
  const scene = (angle: number, variant = 0, who = character) => {
    const key = `${who}:${angle}:${variant}`;
    if (!scenes.has(key)) scenes.set(key, drawScene(method, who, angle, who * 31 + angle + variant * 7919 + 1, frame, backdrop));
    return scenes.get(key)!;
  };
  let master: Promise<Buffer> | undefined;
  return {
    scene: (angle: number, variant = 0) => scene(angle, variant),
    otherScene: (angle: number) => scene(angle, 0, character + 50),
    master: () => (master ??= scene(0, 2).then((s) => asDrawn(s))),
  };
}
