#!/usr/bin/env bash
# `npm start`: the whole system on one machine (the embedded default). Ctrl-C stops everything; data stays in .data/.
#
# Embedded default: Temporal dev server (state in .data/temporal.db, Web UI :8233), Payload on SQLite
# (.data/payload.db, uploads in .data/media), the worker, and local stand-ins for the image model, the DINOv3
# analysis service and PathRAG. Set TEMPORAL_ADDRESS, DATABASE_URI, GEMINI_API_KEY(+GEMINI_BASE_URL),
# DINO_BASE_URL or PATHRAG_BASE_URL to use real services instead: what is configured is not started here.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$ROOT/scripts/secrets.sh"
source "$ROOT/scripts/processes.sh"
source "$ROOT/scripts/build-app.sh"
source "$ROOT/scripts/embedded-services.sh"
source "$ROOT/scripts/build-worker.sh"

ensure_node_modules
ensure_node
load_local_secrets
DATA="$ROOT/.data"
LOGS="$DATA/logs"
mkdir -p "$LOGS"

export NODE_ENV=production
export NEXT_TELEMETRY_DISABLED=1
PORT="${PORT:-3000}"
HOST="${HOST:-127.0.0.1}"
# No PUBLIC_URL: the admin makes relative URLs and works at every address it is served at (README, "Addresses").
export PAYLOAD_URL="${PAYLOAD_URL:-http://127.0.0.1:$PORT}"
export TEMPORAL_UI_URL="${TEMPORAL_UI_URL:-http://localhost:8233}"
# Analysis uploads in flight, so a worker started after a crash deletes the assets the crashed one left (docs/services.md).
export WORKER_STATE_DIR="${WORKER_STATE_DIR:-$DATA/worker-state}"

build_payload_app
build_worker

trap 'echo; log "stopping"; stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

start_temporal_unless_configured "$DATA" "$LOGS" 7233 8233
start_missing_standins "$DATA" "$LOGS" 3012 3013 3014

start_payload_app "$DATA" "$LOGS"

start_compiled_worker "worker" "$LOGS/worker.log"

admin_addresses

cat <<BANNER

  Character Asset Library is up.
    Admin:            $ADMIN_AT
                      (login: ${ADMIN_EMAIL:-admin@example.com}; the password was printed when the admin was created)
    Temporal Web UI:  $TEMPORAL_UI_URL
    Health:           ${PUBLIC_ORIGIN:-$PAYLOAD_URL}/api/health
    Logs:             .data/logs/
  Ctrl-C stops everything; data stays in .data/.

BANNER

stay_in_foreground .data/logs/
