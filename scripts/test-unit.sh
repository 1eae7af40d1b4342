#!/usr/bin/env bash
# `npm run test:unit`: the unit tier only (no Temporal dev server, no Payload build). Extra arguments go to Jest,
# e.g. `npm run test:unit -- tests/workflows`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_node_modules
ensure_node
ensure_temporal_cli
ensure_temporal_test_server
ensure_compose_validator
cd "$ROOT"
export NODE_OPTIONS="--experimental-vm-modules ${NODE_OPTIONS:-}"
# The project is selected last: --selectProjects takes every value after it, test paths included.
exec jest --maxWorkers=2 --forceExit "$@" --selectProjects unit
