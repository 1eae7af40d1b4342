import { safeUploadFilename } from '../../payload-app/uploads/safe-filename';

describe('safeUploadFilename', () => {
  it('keeps a short name as it is, with the extension of the sniffed format', () => {
    expect(safeUploadFilename('jax master.PNG', 'png')).toBe('jax-master.png');
    expect(safeUploadFilename('really-a-png.jpg', 'png')).toBe('really-a-png.png');
  });

  it('keeps letters of any script', () => {
    expect(safeUploadFilename('主人公のリファレンス.png', 'png')).toBe('主人公のリファレンス.png');
    expect(safeUploadFilename('Ærøskøbing-Ζωή.webp', 'webp')).toBe('Ærøskøbing-Ζωή.webp');
  });

  it('shortens a long name to one that fits any file system, keeping two long names apart', () => {
    const long = `${'персонаж '.repeat(40)}.png`;
    const shortened = safeUploadFilename(long, 'png');
    expect(Buffer.byteLength(shortened)).toBeLessThanOrEqual(120);
    expect(shortened).toMatch(/^персонаж-.*-[0-9a-f]{10}\.png$/);
    expect(safeUploadFilename(`${'a'.repeat(299)}b.png`, 'png')).not.toBe(safeUploadFilename(`${'a'.repeat(299)}c.png`, 'png'));
  });

  it('drops folders and names made only of punctuation', () => {
    expect(safeUploadFilename('../../etc/passwd', 'jpeg')).toBe('passwd.jpg');
    expect(safeUploadFilename('....png', 'png')).toMatch(/^upload-[0-9a-f]{10}\.png$/);
  });
});
