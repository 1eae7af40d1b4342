import sharp from 'sharp';

/** A drawn figure cut out of its picture: RGBA trimmed to the figure, and where it stood in the original frame. */
export interface FigureLayer {
  /** RGBA PNG, exactly the figure's box. */
  png: Buffer;
  width: number;
  height: number;
  /** The box in the frame it was drawn in. */
  left: number;
  top: number;
  frameWidth: number;
  frameHeight: number;
}

/** Alpha above which a pixel counts towards the figure's box (a faint floor shadow does not). */
const BOX_ALPHA = 0.5;

/**
 * Recovers the exact figure layer of any drawing method by drawing it twice, on black and on white: what changes
 * with the backdrop is (1 − alpha) of it. This needs nothing from the method but a backdrop colour, so the corpus
 * never depends on how a method draws, and never on the gate's own subject detection.
 */
export async function figureFromTwoBackdrops(drawOn: (backdrop: string) => Promise<Buffer>): Promise<FigureLayer> {
  const [onBlack, onWhite] = await Promise.all([rawRgb(await drawOn('#000000')), rawRgb(await drawOn('#ffffff'))]);
  if (onBlack.width !== onWhite.width || onBlack.height !== onWhite.height) throw new Error('the two drawings differ in size');
  const { width, height } = onBlack;
  const rgba = Buffer.alloc(width * height * 4);
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let i = 0; i < width * height; i++) {
    let alphaSum = 0;
    for (let c = 0; c < 3; c++) alphaSum += 1 - (onWhite.data[i * 3 + c]! - onBlack.data[i * 3 + c]!) / 255;
    const alpha = Math.min(1, Math.max(0, alphaSum / 3));
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = alpha > 0.004 ? Math.min(255, Math.round(onBlack.data[i * 3 + c]! / alpha)) : 0;
    rgba[i * 4 + 3] = Math.round(alpha * 255);
    if (alpha >= BOX_ALPHA) {
      const x = i % width;
      const y = (i - x) / width;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  if (right < 0) throw new Error('the drawing has no figure');
  const boxWidth = right - left + 1;
  const boxHeight = bottom - top + 1;
  const png = await sharp(rgba, { raw: { width, height, channels: 4 } })
    .extract({ left, top, width: boxWidth, height: boxHeight })
    .png()
    .toBuffer();
  return { png, width: boxWidth, height: boxHeight, left, top, frameWidth: width, frameHeight: height };
}

async function rawRgb(png: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
