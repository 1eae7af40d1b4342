import { paintBackdrop, type Backdrop } from './backdrops';
import { compose, originalPlacement, type Placement } from './compose';
import type { DrawingMethod, Frame } from './drawing-methods';
import { figureFromTwoBackdrops, type FigureLayer } from './figure-layer';

/** One drawn view of one character on one backdrop: the unit every transformation starts from. */
export interface Scene {
  method: DrawingMethod;
  character: number;
  angle: number;
  seed: number;
  frame: Frame;
  backdrop: Backdrop;
  figure: FigureLayer;
  /** Where the method put the figure. */
  placement: Placement;
}

export async function drawScene(
  method: DrawingMethod,
  character: number,
  angle: number,
  seed: number,
  frame: Frame,
  backdrop: Backdrop,
): Promise<Scene> {
  const figure = await figureFromTwoBackdrops((colour) => method.draw(character, angle, frame, seed, colour));
  return { method, character, angle, seed, frame, backdrop, figure, placement: originalPlacement(figure, frame.width, frame.height) };
}

export async function renderScene(scene: Scene, placements: Placement[] = [scene.placement], frame: Frame = scene.frame): Promise<Buffer> {
  return compose(await paintBackdrop(scene.backdrop, frame.width, frame.height), frame.width, frame.height, placements);
}

/** The picture as the method draws it on a plain backdrop, untouched by our compositing. */
export async function asDrawn(scene: Scene): Promise<Buffer> {
  if (scene.backdrop.kind !== 'plain') return renderScene(scene);
  return scene.method.draw(scene.character, scene.angle, scene.frame, scene.seed, scene.backdrop.colour);
}
