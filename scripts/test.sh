#!/usr/bin/env bash
# `npm test`: type check, lint, then the whole suite: the unit tier (workflow tests on Temporal's time-skipping test
# server) and the integration tier against real parts (Temporal dev server, Payload on a temporary SQLite file, the
# worker, HTTP stand-ins, versitygw as the S3-compatible store). Extra arguments go to Jest, e.g.
# `npm test -- tests/workflows`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$ROOT/scripts/build-app.sh"
ensure_node_modules
ensure_node
ensure_temporal_cli
ensure_temporal_test_server
ensure_compose_validator
ensure_chromium
ensure_versitygw
build_payload_app
cd "$ROOT"
export NODE_OPTIONS="--experimental-vm-modules ${NODE_OPTIONS:-}"
export NEXT_TELEMETRY_DISABLED=1
log "type checking"
tsc --noEmit -p tsconfig.json
log "linting"
eslint .
log "checking formatting (npm run format fixes it)"
prettier --check . >/dev/null || { prettier --check . 2>&1 | tail -20; exit 1; }
# Test files share two cores with the Payload servers they start: two Jest workers at most.
# --forceExit: a handle left open by a failing test must not hang CI past its time limit.
exec jest --maxWorkers=2 --forceExit "$@"
