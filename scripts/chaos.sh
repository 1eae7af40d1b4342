#!/usr/bin/env bash
# `npm run chaos`: core sets on the real system while its processes are killed (see bench/chaos.ts). Options follow `--`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$ROOT/scripts/build-app.sh"
ensure_node_modules
ensure_node
ensure_temporal_cli
build_payload_app
cd "$ROOT"
exec tsx bench/chaos.ts "$@"
