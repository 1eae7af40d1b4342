import type { RgbImage } from './decode';

const SIZE = 32;
const KEEP = 8;

/**
 * 64-bit DCT perceptual hash (hex): robust to scaling and small edits, so a generated image that is really the
 * reference sent back shows up as a near-duplicate (small Hamming distance).
 */
export function perceptualHash(image: RgbImage): string {
  const small = new Float64Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const sx = Math.min(image.width - 1, Math.floor(((x + 0.5) * image.width) / SIZE));
      const sy = Math.min(image.height - 1, Math.floor(((y + 0.5) * image.height) / SIZE));
      const p = (sy * image.width + sx) * 3;
      small[y * SIZE + x] = 0.299 * image.data[p]! + 0.587 * image.data[p + 1]! + 0.114 * image.data[p + 2]!;
    }
  }
  const coefficients: number[] = [];
  for (let v = 0; v < KEEP; v++) {
    for (let u = 0; u < KEEP; u++) {
      let sum = 0;
      for (let y = 0; y < SIZE; y++) {
        for (let x = 0; x < SIZE; x++) {
          sum +=
            small[y * SIZE + x]! * Math.cos(((2 * x + 1) * u * Math.PI) / (2 * SIZE)) * Math.cos(((2 * y + 1) * v * Math.PI) / (2 * SIZE));
        }
      }
      coefficients.push(sum);
    }
  }
  const ac = coefficients.slice(1);
  const median = [...ac].sort((a, b) => a - b)[Math.floor(ac.length / 2)]!;
  let bits = 0n;
  for (const value of coefficients) bits = (bits << 1n) | (value > median ? 1n : 0n);
  return bits.toString(16).padStart(16, '0');
}

export function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x) {
    count += Number(x & 1n);
    x >>= 1n;
  }
  return count;
}
