import { parseAppConfig } from '../../payload-app/config';

const SECRET = { PAYLOAD_SECRET: 'a-secret-of-sixteen-chars' };

describe('the app storage settings', () => {
  it('keeps media on local disk when no bucket is given', () => {
    const config = parseAppConfig(SECRET);
    expect(config.S3_BUCKET).toBeUndefined();
    expect(config.MEDIA_DIR).toMatch(/\.data\/media$/);
  });

  it('reads a bucket on an S3-compatible server, path-style', () => {
    const config = parseAppConfig({
      ...SECRET,
      S3_BUCKET: 'character-media',
      S3_ENDPOINT: 'http://127.0.0.1:7070',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(config).toMatchObject({ S3_BUCKET: 'character-media', S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: true });
    expect(parseAppConfig({ ...SECRET, S3_BUCKET: 'b', S3_FORCE_PATH_STYLE: 'false' }).S3_FORCE_PATH_STYLE).toBe(false);
  });

  it('refuses half a key pair, a bad endpoint and a flag that is not a boolean and settings without a bucket, naming the variable', () => {
    expect(() => parseAppConfig({ ...SECRET, S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'key' })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => parseAppConfig({ ...SECRET, S3_BUCKET: 'b', S3_ENDPOINT: 'not a url' })).toThrow(/S3_ENDPOINT/);
    expect(() => parseAppConfig({ ...SECRET, S3_BUCKET: 'b', S3_FORCE_PATH_STYLE: 'sometimes' })).toThrow(/S3_FORCE_PATH_STYLE/);
    expect(() => parseAppConfig({ ...SECRET, S3_ENDPOINT: 'http://127.0.0.1:7070' })).toThrow(/S3_BUCKET/);
  });
});
