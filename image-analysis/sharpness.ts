/**
 * Blur as the share of an image's edge contrast that survives a strong re-blur (Crété-Roffet et al., "The blur
 * effect", 2007): re-blurring a sharp edge changes it a lot, re-blurring an already soft edge hardly at all. The
 * result (0 = crisp … 1 = fully blurred) is about how wide the edges are, not how many there are, so it needs no
 * reference picture and does not depend on the drawing style. Taken along both axes; the worse one counts, which
 * also catches motion blur in one direction.
 */
const REBLUR = 9;
/** Luma steps below this between neighbouring pixels are shading, not edges. */
const EDGE_STEP = 4;

export function blurAmount(luma: Float32Array, width: number, height: number): { blur: number; horizontal: number; vertical: number } {
  const horizontal = axisBlur(luma, width, height, 1, width);
  const vertical = axisBlur(luma, width, height, width, 1);
  // An axis with hardly any edges (stripes along it) says nothing about blur: only the other one counts then.
  const counted = [horizontal, vertical].filter((axis) => axis.variation >= 0.05 * Math.max(horizontal.variation, vertical.variation));
  return { blur: Math.max(...counted.map((axis) => axis.blur)), horizontal: horizontal.blur, vertical: vertical.blur };
}

/** `step` walks along the axis, `across` walks across it. */
function axisBlur(luma: Float32Array, width: number, height: number, step: number, across: number): { blur: number; variation: number } {
  const along = step === 1 ? width : height;
  const lines = step === 1 ? height : width;
  const half = Math.floor(REBLUR / 2);
  const line = new Float32Array(along);
  const blurred = new Float32Array(along);
  let sharpVariation = 0;
  let lostVariation = 0;
  for (let l = 0; l < lines; l++) {
    const start = l * across;
    for (let k = 0; k < along; k++) line[k] = luma[start + k * step]!;
    let sum = 0;
    for (let k = -half; k <= half; k++) sum += line[clamp(k, along)]!;
    for (let k = 0; k < along; k++) {
      blurred[k] = sum / REBLUR;
      sum += line[clamp(k + half + 1, along)]! - line[clamp(k - half, along)]!;
    }
    for (let k = 1; k < along; k++) {
      const original = Math.abs(line[k]! - line[k - 1]!);
      // Soft shading and gradients change a level or two a pixel: they are content, not edges, and say nothing of blur.
      if (original < EDGE_STEP) continue;
      const after = Math.abs(blurred[k]! - blurred[k - 1]!);
      sharpVariation += original;
      lostVariation += Math.max(0, original - after);
    }
  }
  return { blur: sharpVariation > 0 ? (sharpVariation - lostVariation) / sharpVariation : 1, variation: sharpVariation };
}

function clamp(k: number, length: number): number {
  return k < 0 ? 0 : k >= length ? length - 1 : k;
}
