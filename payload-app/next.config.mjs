import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withPayload } from '@payloadcms/next/withPayload';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // node_modules live at the project root, one level above this app.
  turbopack: { root: projectRoot },
  outputFileTracingRoot: projectRoot,
  // gRPC and native bindings must be loaded by Node at run time, not bundled.
  serverExternalPackages: ['@temporalio/client', '@temporalio/proto', '@temporalio/common', '@grpc/grpc-js', 'sharp', 'undici'],
  poweredByHeader: false,
  // Type checking is its own step (`npm run typecheck`, run by `npm test`) over the whole project, not per build.
  typescript: { ignoreBuildErrors: true },
};

export default withPayload(nextConfig, { devBundleServerPackages: false });
