#!/usr/bin/env bash
# Sourced (by start.sh), or run (`npm run build:worker`): compiles the worker to JavaScript in dist/worker/, so
# production runs it with plain node (no tsx wrapper process, no TypeScript transform at start), and prebuilds the
# workflow bundle beside it (no webpack in the worker process). Rebuilds only when the worker's sources changed.

WORKER_SOURCES=(workers workflows activities clients contracts common image-analysis persona qa-policy)
WORKER_DIST="dist/worker" # where scripts/compile-worker.sh writes

worker_build_is_stale() {
  [ -f "$ROOT/$WORKER_DIST/workflow-bundle.js" ] && [ -f "$ROOT/$WORKER_DIST/measurement-thread.js" ] || return 0
  build_is_stale "$ROOT/$WORKER_DIST/main.js" "${WORKER_SOURCES[@]}"
}

build_worker() {
  if worker_build_is_stale; then
    log "building the worker (esbuild, and the workflow bundle)"
    bash "$ROOT/scripts/compile-worker.sh" >&2
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  source "$(dirname "$0")/lib.sh"
  ensure_node_modules
  ensure_node
  build_worker
fi
