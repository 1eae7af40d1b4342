import { assertUsableMaster } from '../../activities/master-reference/usable-master';
import { renderCharacter, randomLook } from '../../local-services/gemini/renderer';
import { figurePng } from '../support/images';
import { blankPng, onePixelPng } from '../support/malformed-uploads';

describe('assertUsableMaster', () => {
  it('accepts a drawn figure', async () => {
    await expect(assertUsableMaster(await figurePng())).resolves.toBeUndefined();
    await expect(assertUsableMaster(await renderCharacter(randomLook(3), 0, { width: 768, height: 1024 }))).resolves.toBeUndefined();
  });

  it('refuses a blank picture with what was measured', async () => {
    await expect(assertUsableMaster(await blankPng())).rejects.toThrow(/cannot serve as a reference: blank: only backdrop, no subject/);
  });

  it('refuses a one-pixel picture as too small', async () => {
    await expect(assertUsableMaster(await onePixelPng())).rejects.toThrow(/too small: the short side is 1 px, below 512 px/);
  });

  it('refuses a figure that is a speck in the frame', async () => {
    const speck = await figurePng({ width: 300, height: 400 });
    const sharp = (await import('sharp')).default;
    const framed = await sharp({ create: { width: 1200, height: 1600, channels: 3, background: '#f2f0eb' } })
      .composite([{ input: speck, left: 450, top: 600 }])
      .png()
      .toBuffer();
    await expect(assertUsableMaster(framed)).rejects.toThrow(/subject too small/);
  });

  it('names an unreadable file as such', async () => {
    await expect(assertUsableMaster(Buffer.from('not an image'))).rejects.toThrow(/^The master reference image is not a readable image/);
  });
});
