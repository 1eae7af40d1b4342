import sharp, { type OverlayOptions } from 'sharp';
import type { FigureLayer } from './figure-layer';

/** One figure on the frame: its box is scaled and put at (left, top), which may lie partly outside the frame. */
export interface Placement {
  figure: FigureLayer;
  scale: number;
  left: number;
  top: number;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function placedBox(placement: Placement): Box {
  return {
    left: Math.round(placement.left),
    top: Math.round(placement.top),
    width: Math.max(1, Math.round(placement.figure.width * placement.scale)),
    height: Math.max(1, Math.round(placement.figure.height * placement.scale)),
  };
}

/** Where the figure stood when it was drawn, scaled to a frame of another size. */
export function originalPlacement(figure: FigureLayer, width: number, height: number): Placement {
  const scale = Math.min(width / figure.frameWidth, height / figure.frameHeight);
  const offsetX = (width - figure.frameWidth * scale) / 2;
  const offsetY = (height - figure.frameHeight * scale) / 2;
  return { figure, scale, left: offsetX + figure.left * scale, top: offsetY + figure.top * scale };
}

/** Figures painted over a backdrop (PNG of exactly width × height); the parts outside the frame are cut off. */
export async function compose(backdrop: Buffer, width: number, height: number, placements: Placement[]): Promise<Buffer> {
  const overlays: OverlayOptions[] = [];
  for (const placement of placements) {
    const box = placedBox(placement);
    const visibleLeft = Math.max(0, box.left);
    const visibleTop = Math.max(0, box.top);
    const visibleRight = Math.min(width, box.left + box.width);
    const visibleBottom = Math.min(height, box.top + box.height);
    if (visibleRight <= visibleLeft || visibleBottom <= visibleTop) continue;
    const scaled = await sharp(placement.figure.png).resize(box.width, box.height, { fit: 'fill', kernel: 'lanczos3' }).png().toBuffer();
    const visible = await sharp(scaled)
      .extract({
        left: visibleLeft - box.left,
        top: visibleTop - box.top,
        width: visibleRight - visibleLeft,
        height: visibleBottom - visibleTop,
      })
      .png()
      .toBuffer();
    overlays.push({ input: visible, left: visibleLeft, top: visibleTop });
  }
  return sharp(backdrop).composite(overlays).removeAlpha().png().toBuffer();
}
