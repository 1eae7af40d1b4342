#!/usr/bin/env bash
# The worker's compile step, the one place its flags live: run by scripts/build-worker.sh (npm start) and by the
# Dockerfile. esbuild compiles workers/main.ts and our TypeScript into dist/worker/main.js, and the pixel measurement's
# thread into measurement-thread.js beside it (packages stay imports that node_modules resolves at run time); the
# workflow bundle is built beside them, so no worker runs webpack.
set -euo pipefail
cd "$(dirname "$0")/.."
PATH="$PWD/node_modules/.bin:$PATH"
esbuild workers/main.ts image-analysis/measurement-thread.ts --bundle --platform=node --format=esm --target=node22 \
  --packages=external --entry-names=[name] \
  --sourcemap --log-level=warning --outdir=dist/worker
tsx workers/build-bundle.ts dist/worker/workflow-bundle.js >/dev/null
