#!/usr/bin/env bash
# Runs a TypeScript entry that starts the real system itself (Temporal dev server, the built app, stand-ins):
# `npm run bench` (bench/core-set.ts; BENCH_LATENCY_MS and BENCH_REPEATS tune it) and `npm run chaos`
# (bench/chaos.ts; its options follow `--`).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$ROOT/scripts/build-app.sh"
ensure_node_modules
ensure_node
ensure_temporal_cli
build_payload_app
cd "$ROOT"
exec tsx "$@"
