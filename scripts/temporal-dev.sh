#!/usr/bin/env bash
# Starts the Temporal dev server (gRPC :7233, Web UI :8233) with state in a SQLite file and the project's
# search attributes registered. Usage: temporal-dev.sh <db-file> [grpc-port] [ui-port]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_temporal_cli
db_file="${1:?db file}"
port="${2:-7233}"
ui_port="${3:-8233}"
mkdir -p "$(dirname "$db_file")"
exec "$TEMPORAL_CLI_PATH" server start-dev \
  --db-filename "$db_file" \
  --ip 127.0.0.1 \
  --port "$port" \
  --ui-port "$ui_port" \
  --ui-disable-news-fetch \
  ${TEMPORAL_HEADLESS:+--headless} \
  --log-level warn \
  --search-attribute CharacterId=Keyword \
  --search-attribute PipelineStage=Keyword \
  --search-attribute PipelineStatus=Keyword
