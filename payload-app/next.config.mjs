import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withPayload } from '@payloadcms/next/withPayload';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Sent with every answer, the admin's pages and the API alike. No script policy: Payload's admin relies on inline
 * scripts and styles, so the policy only forbids framing (clickjacking), plugins and a foreign <base>.
 */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Content-Security-Policy', value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'" },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/**
 * Payload's admin calls the server through Server Actions, which Next refuses when the page's origin differs from the
 * Host (or X-Forwarded-Host) the request arrived with, as behind a proxy that rewrites Host. The configured public
 * origins are allowed; a proxy that passes Host through needs nothing. Read by `next start`, so no rebuild is needed.
 */
const proxiedHosts = [process.env.PUBLIC_URL ?? process.env.PAYLOAD_PUBLIC_SERVER_URL, ...(process.env.ALLOWED_ORIGINS ?? '').split(',')]
  .map((origin) => origin?.trim())
  .filter(Boolean)
  .map((origin) => new URL(origin).host);

/** @type {import('next').NextConfig} */
const nextConfig = {
  // node_modules live at the project root, one level above this app.
  turbopack: { root: projectRoot },
  outputFileTracingRoot: projectRoot,
  // gRPC and native bindings must be loaded by Node at run time, not bundled.
  serverExternalPackages: ['@temporalio/client', '@temporalio/proto', '@temporalio/common', '@grpc/grpc-js', 'sharp', 'undici'],
  poweredByHeader: false,
  experimental: { serverActions: { allowedOrigins: proxiedHosts } },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
  // Type checking is its own step (`npm run typecheck`, run by `npm test`) over the whole project, not per build.
  typescript: { ignoreBuildErrors: true },
};

export default withPayload(nextConfig, { devBundleServerPackages: false });
