import { link, mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { randomLook, renderCharacter } from '../../local-services/gemini/renderer';

/** One real picture and its two Payload sizes, as the media collection's upload settings make them. */
export interface SampleFile {
  name: string;
  width: number;
  height: number;
  filesize: number;
  thumbnail: { filename: string; width: number; height: number; filesize: number };
  card: { filename: string; width: number; height: number; filesize: number };
}

const SIZES = { thumbnail: { width: 240, height: 320 }, card: { width: 600, height: undefined } } as const;

/**
 * A few real pictures (the image-model stand-in's drawings) that every seeded media row points at, so the admin and
 * the gallery render real thumbnails without writing 100k images.
 */
export async function writeSampleFiles(mediaDir: string, count: number): Promise<SampleFile[]> {
  await mkdir(mediaDir, { recursive: true });
  const samples: SampleFile[] = [];
  for (let i = 0; i < count; i++) {
    const name = `seed-sample-${i}`;
    const original = await renderCharacter(randomLook(1000 + i), (i * 45) % 360, { width: 768, height: 1024 });
    await writeFile(path.join(mediaDir, `${name}.png`), original);
    const variants: Partial<Pick<SampleFile, 'thumbnail' | 'card'>> = {};
    for (const [size, box] of Object.entries(SIZES) as [keyof typeof SIZES, (typeof SIZES)[keyof typeof SIZES]][]) {
      const { data, info } = await sharp(original)
        .resize({ ...box, fit: 'inside' })
        .png()
        .toBuffer({ resolveWithObject: true });
      const filename = `${name}-${info.width}x${info.height}.png`;
      await writeFile(path.join(mediaDir, filename), data);
      variants[size] = { filename, width: info.width, height: info.height, filesize: data.length };
    }
    samples.push({ name, width: 768, height: 1024, filesize: original.length, thumbnail: variants.thumbnail!, card: variants.card! });
  }
  return samples;
}

/** Each media row has a file of its own name (Payload's filename is unique); a hard link costs no space. */
export async function linkOriginal(mediaDir: string, sample: SampleFile, filename: string): Promise<void> {
  const target = path.join(mediaDir, filename);
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (!exists) await link(path.join(mediaDir, `${sample.name}.png`), target);
}
