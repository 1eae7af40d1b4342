#!/usr/bin/env bash
# Runs a command with the project's Node (>= 22) first on PATH.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_node_modules
ensure_node
cd "$ROOT"
exec "$@"
