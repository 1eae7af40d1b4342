import os from 'node:os';

/** Where people reach the admin, and which page origins may send it their session cookie. */
export interface PublicAddress {
  /** Payload's `serverURL`: the one public origin when configured, else empty so every URL Payload makes is relative. */
  serverURL: string;
  /** Origins whose requests may carry the session cookie (Payload's `csrf`) and read answers (`cors`). */
  trustedOrigins: string[];
  /** Cookies marked `Secure`: only when the public origin is https (a TLS proxy in front), never on plain http. */
  secureCookies: boolean;
}

export interface PublicAddressInput {
  /** `PUBLIC_URL`: the single public origin (a reverse proxy, a DNS name), or undefined. */
  publicUrl?: string;
  /** `ALLOWED_ORIGINS`: further origins people use (a LAN name DNS knows, a second proxy). */
  allowedOrigins: string[];
  /** The port the app listens on. */
  port: number;
  /** This machine's addresses and name; read from the OS when not given. */
  hostAddresses?: string[];
}

/**
 * Every name this machine answers to on its own: loopback in all spellings, its host name (and its mDNS `.local`
 * name) and each interface address. An origin made from them at the app's own port can only be this app.
 */
export function localHostAddresses(): string[] {
  const names = new Set(['localhost', '127.0.0.1', '[::1]']);
  const hostname = os.hostname();
  if (hostname) {
    names.add(hostname.toLowerCase());
    if (!hostname.includes('.')) names.add(`${hostname.toLowerCase()}.local`);
  }
  for (const entries of Object.values(os.networkInterfaces())) {
    for (const entry of entries ?? []) {
      names.add(entry.family === 'IPv6' ? `[${entry.address.split('%')[0]}]` : entry.address);
    }
  }
  return [...names];
}

export function resolvePublicAddress(input: PublicAddressInput): PublicAddress {
  const served = (input.hostAddresses ?? localHostAddresses()).map((host) => `http://${host}:${input.port}`);
  const publicOrigin = input.publicUrl ? new URL(input.publicUrl).origin : undefined;
  const extra = input.allowedOrigins.map((origin) => new URL(origin).origin);
  return {
    serverURL: input.publicUrl ? input.publicUrl.replace(/\/+$/, '') : '',
    trustedOrigins: [...new Set([...(publicOrigin ? [publicOrigin] : []), ...extra, ...served])],
    secureCookies: publicOrigin?.startsWith('https:') ?? false,
  };
}
