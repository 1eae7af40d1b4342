#!/usr/bin/env bash
# `npm run bench`: benchmarks against real parts (see bench/core-set.ts). BENCH_LATENCY_MS and BENCH_REPEATS tune it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$ROOT/scripts/build-app.sh"
ensure_node_modules
ensure_node
ensure_temporal_cli
build_payload_app
cd "$ROOT"
exec tsx bench/core-set.ts
