#!/usr/bin/env bash
# Starts the Temporal dev server (gRPC :7233, Web UI :8233) with state in a SQLite file, the project's search
# attributes (contracts/search-attributes.ts) registered, single-partition task queues (so the model queue's rate
# holds, contracts/task-queues.ts) and a write-ahead log (contracts/dev-server-storage.ts). Usage: temporal-dev.sh <db-file> [grpc-port] [ui-port]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_node
ensure_temporal_cli
db_file="${1:?db file}"
port="${2:-7233}"
ui_port="${3:-8233}"
mkdir -p "$(dirname "$db_file")"
# A command substitution, not `< <(…)`, so that a failure stops the script instead of starting without them.
flags="$(tsx "$ROOT/scripts/search-attribute-flags.ts")"
mapfile -t search_attribute_flags <<< "$flags"
exec "$TEMPORAL_CLI_PATH" server start-dev \
  --db-filename "$db_file" \
  --ip 127.0.0.1 \
  --port "$port" \
  --ui-port "$ui_port" \
  --ui-disable-news-fetch \
  ${TEMPORAL_HEADLESS:+--headless} \
  --log-level warn \
  "${search_attribute_flags[@]}"
