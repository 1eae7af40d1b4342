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

build_payload_app
build_worker

trap 'echo; log "stopping"; stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

start_temporal_unless_configured "$DATA" "$LOGS" 7233 8233
start_missing_standins "$DATA" "$LOGS" 3012 3013 3014

export FIRST_ADMIN_NOTICE_FILE="$DATA/first-admin-notice.txt"
# The app signs in people, owns the database and creates the worker's accounts (the previous key's too, during a key
# rotation); it calls no image model.
secrets_only PAYLOAD_SECRET WORKER_API_KEY WORKER_API_KEY_PREVIOUS ADMIN_PASSWORD DATABASE_URI DINO_API_KEY PATHRAG_API_KEY S3_ACCESS_KEY_ID S3_SECRET_ACCESS_KEY
start_process "Payload" "$LOGS/payload.log" "${ENV_WITH_ONLY[@]}" next start "$ROOT/payload-app" -p "$PORT" -H "$HOST"
wait_for_http "Payload" "$PAYLOAD_URL/api/health" 90
# The first request runs Payload's init (migrations, first admin user). A new admin's login is shown once, here.
if [ -f "$FIRST_ADMIN_NOTICE_FILE" ]; then
  cat "$FIRST_ADMIN_NOTICE_FILE"
  rm -f "$FIRST_ADMIN_NOTICE_FILE"
fi

# The worker reaches Payload only with its API key: no database URL, no session secret, no admin password.
# Compiled, with the workflow bundle prebuilt: plain node, no tsx wrapper and no webpack inside the worker (less memory).
secrets_only WORKER_API_KEY GEMINI_API_KEY DINO_API_KEY PATHRAG_API_KEY
WORKFLOW_BUNDLE_PATH="$ROOT/$WORKER_DIST/workflow-bundle.js" MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
  start_process "worker" "$LOGS/worker.log" "${ENV_WITH_ONLY[@]}" node "$ROOT/$WORKER_DIST/main.js"

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
