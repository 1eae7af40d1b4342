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

trap 'echo; log "stopping"; stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

if [ -z "${TEMPORAL_ADDRESS:-}" ]; then
  ensure_temporal_cli
  export TEMPORAL_ADDRESS="127.0.0.1:7233"
  secrets_only
  start_process "Temporal dev server" "$LOGS/temporal.log" "${ENV_WITH_ONLY[@]}" bash "$ROOT/scripts/temporal-dev.sh" "$DATA/temporal.db" 7233 8233
  wait_for_port "Temporal" 127.0.0.1 7233 60
fi

if [ -z "${DINO_BASE_URL:-}" ]; then
  export DINO_BASE_URL="http://127.0.0.1:3012"
  secrets_only
  DINO_STANDIN_DATA_DIR="$DATA/dino" start_process "analysis stand-in" "$LOGS/dino-standin.log" "${ENV_WITH_ONLY[@]}" tsx "$ROOT/local-services/dino/main.ts"
  wait_for_http "analysis stand-in" "$DINO_BASE_URL/api/v1/health" 30
fi

# No GEMINI_API_KEY: the local image-model stand-in. A key without GEMINI_BASE_URL: Google's API.
if [ -z "${GEMINI_API_KEY:-}" ]; then
  export GEMINI_BASE_URL="http://127.0.0.1:3013"
  export GEMINI_API_KEY="local-dev-key"
  secrets_only GEMINI_STANDIN_API_KEY
  GEMINI_STANDIN_API_KEY="$GEMINI_API_KEY" start_process "image-model stand-in" "$LOGS/gemini-standin.log" "${ENV_WITH_ONLY[@]}" tsx "$ROOT/local-services/gemini/main.ts"
  wait_for_http "image-model stand-in" "$GEMINI_BASE_URL/" 30
fi

if [ -z "${PATHRAG_BASE_URL:-}" ]; then
  export PATHRAG_BASE_URL="http://127.0.0.1:3014"
  secrets_only
  PATHRAG_STANDIN_DATA_DIR="$DATA/pathrag" start_process "PathRAG stand-in" "$LOGS/pathrag-standin.log" "${ENV_WITH_ONLY[@]}" tsx "$ROOT/local-services/pathrag/main.ts"
  wait_for_http "PathRAG stand-in" "$PATHRAG_BASE_URL/health" 30
fi

export FIRST_ADMIN_NOTICE_FILE="$DATA/first-admin-notice.txt"
# The app signs in people, owns the database and creates the worker's account; it calls no image model.
secrets_only PAYLOAD_SECRET WORKER_API_KEY ADMIN_PASSWORD DATABASE_URI DINO_API_KEY PATHRAG_API_KEY
start_process "Payload" "$LOGS/payload.log" "${ENV_WITH_ONLY[@]}" next start "$ROOT/payload-app" -p "$PORT" -H "$HOST"
wait_for_http "Payload" "$PAYLOAD_URL/api/health" 90
# The first request runs Payload's init (migrations, first admin user). A new admin's login is shown once, here.
if [ -f "$FIRST_ADMIN_NOTICE_FILE" ]; then
  cat "$FIRST_ADMIN_NOTICE_FILE"
  rm -f "$FIRST_ADMIN_NOTICE_FILE"
fi

# The worker reaches Payload only with its API key: no database URL, no session secret, no admin password.
secrets_only WORKER_API_KEY GEMINI_API_KEY DINO_API_KEY PATHRAG_API_KEY
start_process "worker" "$LOGS/worker.log" "${ENV_WITH_ONLY[@]}" tsx "$ROOT/workers/main.ts"

PUBLIC_ORIGIN="${PUBLIC_URL:-${PAYLOAD_PUBLIC_SERVER_URL:-}}"
if [ -n "$PUBLIC_ORIGIN" ]; then
  ADMIN_AT="${PUBLIC_ORIGIN%/}/admin"
elif [ "$HOST" = "0.0.0.0" ] || [ "$HOST" = "::" ]; then
  ADMIN_AT="http://localhost:$PORT/admin, http://$(hostname):$PORT/admin (this machine's other addresses work too)"
else
  ADMIN_AT="http://$HOST:$PORT/admin"
  if [ "$HOST" = "127.0.0.1" ]; then ADMIN_AT="$ADMIN_AT or http://localhost:$PORT/admin"; fi
fi

cat <<BANNER

  Character Asset Library is up.
    Admin:            $ADMIN_AT
                      (login: ${ADMIN_EMAIL:-admin@example.com}; the password was printed when the admin was created)
    Temporal Web UI:  $TEMPORAL_UI_URL
    Health:           ${PUBLIC_ORIGIN:-$PAYLOAD_URL}/api/health
    Logs:             .data/logs/
  Ctrl-C stops everything; data stays in .data/.

BANNER

# Stay in the foreground until Ctrl-C or until a process dies.
while true; do
  for pid in "${PIDS[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "a process (pid $pid) exited; see .data/logs/. Stopping the rest."
      exit 1
    fi
  done
  sleep 2
done
