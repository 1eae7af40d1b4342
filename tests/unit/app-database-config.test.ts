import { parseAppConfig } from '../../payload-app/config';

const SECRET = { PAYLOAD_SECRET: 'a-secret-of-sixteen-chars' };

describe('the app database settings', () => {
  it('takes the FerretDB v1 compatibility flag with a MongoDB URI', () => {
    const config = parseAppConfig({ ...SECRET, DATABASE_URI: 'mongodb://127.0.0.1:27017/library', MONGODB_COMPAT: 'ferretdb-v1' });
    expect(config.MONGODB_COMPAT).toBe('ferretdb-v1');
  });

  it('leaves real MongoDB and SQLite without it', () => {
    expect(parseAppConfig({ ...SECRET, DATABASE_URI: 'mongodb+srv://cluster.example/library' }).MONGODB_COMPAT).toBeUndefined();
    expect(parseAppConfig(SECRET).DATABASE_URI).toMatch(/^file:/);
  });

  it('refuses the flag for SQLite and an unknown flag, naming the variable', () => {
    expect(() => parseAppConfig({ ...SECRET, DATABASE_URI: 'file:/tmp/x.db', MONGODB_COMPAT: 'ferretdb-v1' })).toThrow(/MONGODB_COMPAT/);
    expect(() => parseAppConfig({ ...SECRET, DATABASE_URI: 'mongodb://h/db', MONGODB_COMPAT: 'documentdb' })).toThrow(/MONGODB_COMPAT/);
  });
});
