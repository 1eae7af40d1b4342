import { parseAppConfig } from '../../payload-app/config';
import { resolvePublicAddress } from '../../payload-app/public-address';

const HOST = ['localhost', '127.0.0.1', '[::1]', 'studio-box', '192.168.1.20'];

describe('where the admin is served', () => {
  it('with no public URL: relative URLs, this machine’s addresses at the app’s port trusted, cookies for plain http', () => {
    const address = resolvePublicAddress({ allowedOrigins: [], port: 3000, hostAddresses: HOST });
    expect(address.serverURL).toBe('');
    expect(address.trustedOrigins).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
      'http://studio-box:3000',
      'http://192.168.1.20:3000',
    ]);
    expect(address.secureCookies).toBe(false);
  });

  it('behind a TLS proxy: the public origin is the server URL, trusted first, and cookies are Secure', () => {
    const address = resolvePublicAddress({
      publicUrl: 'https://assets.studio.example/',
      allowedOrigins: ['https://cms.studio.example/ignored/path'],
      port: 3000,
      hostAddresses: ['localhost'],
    });
    expect(address.serverURL).toBe('https://assets.studio.example');
    expect(address.trustedOrigins).toEqual(['https://assets.studio.example', 'https://cms.studio.example', 'http://localhost:3000']);
    expect(address.secureCookies).toBe(true);
  });

  it('trusts no other port of the same machine (another service there is another origin)', () => {
    const address = resolvePublicAddress({ allowedOrigins: [], port: 3000, hostAddresses: HOST });
    expect(address.trustedOrigins).not.toContain('http://localhost:8233');
  });

  it('reads PUBLIC_URL, the older PAYLOAD_PUBLIC_SERVER_URL, ALLOWED_ORIGINS and PORT from the environment', () => {
    const config = parseAppConfig({
      PAYLOAD_SECRET: 'a-secret-of-sixteen-chars',
      PAYLOAD_PUBLIC_SERVER_URL: 'http://old.example',
      ALLOWED_ORIGINS: ' http://studio-box.lan:3000 , https://proxy.example ',
      PORT: '4100',
    });
    expect(config.PUBLIC_URL).toBeUndefined();
    expect(config.PAYLOAD_PUBLIC_SERVER_URL).toBe('http://old.example');
    expect(config.ALLOWED_ORIGINS).toEqual(['http://studio-box.lan:3000', 'https://proxy.example']);
    expect(config.PORT).toBe(4100);
    expect(() => parseAppConfig({ PAYLOAD_SECRET: 'a-secret-of-sixteen-chars', ALLOWED_ORIGINS: 'not a url' })).toThrow(/ALLOWED_ORIGINS/);
  });
});
