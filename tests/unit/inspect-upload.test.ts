import { inspectUploadedImage } from '../../payload-app/uploads/inspect-image';
import { figurePng } from '../support/images';
import { malformedUploads } from '../support/malformed-uploads';

describe('inspectUploadedImage', () => {
  it('accepts a PNG whatever it is called, reporting its real type', async () => {
    expect(await inspectUploadedImage(await figurePng())).toEqual({
      ok: true,
      format: 'png',
      mimeType: 'image/png',
      width: 600,
      height: 800,
    });
  });

  it('refuses each malformed file with one clear reason, without decoding a bomb', async () => {
    for (const upload of await malformedUploads()) {
      const started = Date.now();
      const inspection = await inspectUploadedImage(upload.bytes);
      expect({ label: upload.label, ...inspection }).toMatchObject({
        label: upload.label,
        ok: false,
        status: upload.status,
        reason: expect.stringMatching(upload.says),
      });
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });
});
