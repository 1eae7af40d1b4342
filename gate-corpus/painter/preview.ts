/**
 * Contact sheet of the painter: 4 characters × 8 angles over light, dark, gradient and vignette backdrops and several
 * frame sizes. Usage: tsx gate-corpus/painter/preview.ts /tmp/painter-preview
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { otherPaintedCharacter, paintCharacter, randomPaintedCharacter, type PaintBackground, type PaintedCharacter } from './index';

const ANGLES = [0, 45, 90, 135, 180, 225, 270, 315];
const CELL_HEIGHT = 300;
const GAP = 6;

interface Row {
  readonly label: string;
  readonly character: PaintedCharacter;
  readonly width: number;
  readonly height: number;
  readonly background: PaintBackground;
}

async function main(): Promise<void> {
  const outDir = process.argv[2] ?? '/tmp/painter-preview';
  await mkdir(outDir, { recursive: true });
  const first = randomPaintedCharacter(1);
  const rows: Row[] = [
    {
      label: 'seed 1, 768x1024, plain light',
      character: first,
      width: 768,
      height: 1024,
      background: { kind: 'plain', colour: '#f4f2ec' },
    },
    {
      label: 'other(seed 1), 1024x1024, plain dark',
      character: otherPaintedCharacter(first),
      width: 1024,
      height: 1024,
      background: { kind: 'plain', colour: [30, 32, 40] },
    },
    {
      label: 'seed 7, 900x1600, vertical gradient',
      character: randomPaintedCharacter(7),
      width: 900,
      height: 1600,
      background: { kind: 'gradient', from: '#e9eef7', to: '#b9c4d6' },
    },
    {
      label: 'seed 12, 768x1024, dark vignette',
      character: randomPaintedCharacter(12),
      width: 768,
      height: 1024,
      background: { kind: 'vignette', centre: '#3b3530', edge: '#120f0d' },
    },
  ];

  const composites: OverlayOptions[] = [];
  let sheetWidth = 0;
  const timings: number[] = [];
  for (const [r, row] of rows.entries()) {
    const cellWidth = Math.round((CELL_HEIGHT * row.width) / row.height);
    for (const [a, angle] of ANGLES.entries()) {
      const started = performance.now();
      const png = await paintCharacter(row.character, angle, { width: row.width, height: row.height, background: row.background, seed: 3 });
      timings.push(performance.now() - started);
      const cell = await sharp(png).resize({ width: cellWidth, height: CELL_HEIGHT }).png().toBuffer();
      composites.push({ input: cell, left: GAP + a * (cellWidth + GAP), top: GAP + r * (CELL_HEIGHT + GAP) });
      sheetWidth = Math.max(sheetWidth, GAP + (a + 1) * (cellWidth + GAP));
    }
    console.log(`row ${r + 1}: ${row.label} (angles ${ANGLES.join(', ')})`);
  }
  const sheetHeight = GAP + rows.length * (CELL_HEIGHT + GAP);
  const sheet = await sharp({ create: { width: sheetWidth, height: sheetHeight, channels: 3, background: '#808080' } })
    .composite(composites)
    .png()
    .toBuffer();
  const path = join(outDir, 'contact-sheet.png');
  await writeFile(path, sheet);

  const again = await paintCharacter(first, 45, { width: 768, height: 1024, background: rows[0]!.background, seed: 3 });
  const once = await paintCharacter(first, 45, { width: 768, height: 1024, background: rows[0]!.background, seed: 3 });
  const sorted = [...timings].sort((x, y) => x - y);
  console.log(`wrote ${path}`);
  console.log(`deterministic: ${again.equals(once)}`);
  console.log(`ms per image: median ${sorted[sorted.length >> 1]!.toFixed(0)}, max ${sorted[sorted.length - 1]!.toFixed(0)}`);
}

await main();
