import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { figurePng } from './images';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/**
 * A valid greyscale PNG of `side`×`side` black pixels: a few hundred kilobytes on the wire that decode to `side`²
 * bytes. Written chunk by chunk because no encoder should be asked to make one.
 */
export function decompressionBombPng(side = 20_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  const row = side + 1; // a filter byte, then the pixels
  const pixels = deflateSync(Buffer.alloc(row * side), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const blankPng = (width = 768, height = 1024) =>
  sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();

export const onePixelPng = () =>
  sharp({ create: { width: 1, height: 1, channels: 3, background: '#8c1d2c' } })
    .png()
    .toBuffer();

export interface MalformedUpload {
  label: string;
  bytes: Buffer;
  filename: string;
  mimeType: string;
  status: 400 | 413;
  /** What the refusal must say. */
  says: RegExp;
}

/** Two frames of a still figure's colours, joined into one animation in the given format. */
export async function animation(format: 'gif' | 'webp'): Promise<Buffer> {
  const frame = (background: string) =>
    sharp({ create: { width: 600, height: 800, channels: 4, background } })
      .png()
      .toBuffer();
  const frames = await Promise.all([frame('#8c1d2c'), frame('#1d6b8c')]);
  const joined = sharp(frames, { join: { animated: true } });
  return format === 'gif' ? joined.gif({ loop: 0, delay: [200, 200] }).toBuffer() : joined.webp({ loop: 0, delay: [200, 200] }).toBuffer();
}

/** Files that must be refused at upload, each with the one answer it must get. */
export async function malformedUploads(): Promise<MalformedUpload[]> {
  const figure = await figurePng({ width: 900, height: 1200 });
  const minimalZip = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]);
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  return [
    {
      label: 'a truncated PNG',
      bytes: figure.subarray(0, Math.floor(figure.length * 0.6)),
      filename: 'cut.png',
      mimeType: 'image/png',
      status: 400,
      says: /damaged or incomplete/,
    },
    { label: 'an empty file', bytes: Buffer.alloc(0), filename: 'empty.png', mimeType: 'image/png', status: 400, says: /empty/ },
    {
      label: 'an SVG with a script',
      bytes: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800"><script>alert(document.cookie)</script><rect width="600" height="800" fill="red"/></svg>',
      ),
      filename: 'figure.svg',
      mimeType: 'image/svg+xml',
      status: 400,
      says: /only PNG, JPEG, WEBP images|not an image/,
    },
    {
      label: 'an HTML page named .png',
      bytes: Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'),
      filename: 'page.png',
      mimeType: 'image/png',
      status: 400,
      says: /not an image/,
    },
    { label: 'a ZIP archive', bytes: minimalZip, filename: 'archive.zip', mimeType: 'application/zip', status: 400, says: /not an image/ },
    { label: 'a PDF', bytes: pdf, filename: 'sheet.pdf', mimeType: 'application/pdf', status: 400, says: /not an image|only PNG/ },
    {
      label: 'an animated GIF',
      bytes: await animation('gif'),
      filename: 'wave.gif',
      mimeType: 'image/gif',
      status: 400,
      says: /GIF; only PNG, JPEG, WEBP/,
    },
    {
      label: 'an animated WebP',
      bytes: await animation('webp'),
      filename: 'wave.webp',
      mimeType: 'image/webp',
      status: 400,
      says: /animated \(2 frames\)/,
    },
    {
      label: 'a real JPEG of huge dimensions (8000×6000)',
      bytes: await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#f2f0eb' } })
        .jpeg({ quality: 50 })
        .toBuffer(),
      filename: 'billboard.jpg',
      mimeType: 'image/jpeg',
      status: 413,
      says: /8000×6000 \(48 megapixels\).*at most 40 megapixels/,
    },
    {
      label: 'a decompression bomb (20000×20000 PNG)',
      bytes: decompressionBombPng(),
      filename: 'bomb.png',
      mimeType: 'image/png',
      status: 413,
      says: /megapixels/,
    },
  ];
}
