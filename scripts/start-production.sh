#!/usr/bin/env bash
# `npm run start:production`: the production topology of docker-compose.yml on this machine, without Docker. One
# Temporal server (the dev server), Payload on a MongoDB-wire database (FerretDB v1: no MongoDB server installs from
# the registries here), WORKER_COUNT workers (default 2) sharing the task queue, object storage when its server is
# available, and the local stand-ins for what is not configured. Ctrl-C stops everything; data stays in
# .data-production/ (delete it to start over).
#
# Its default ports are `npm start`'s (admin 3000, Temporal 7233 / UI 8233, stand-ins 3012-3014), so the two cannot
# run at once unless these are moved: PORT, TEMPORAL_PORT, TEMPORAL_UI_PORT, FERRETDB_PORT (27017), S3_PORT (7070),
# DINO_STANDIN_PORT, GEMINI_STANDIN_PORT, PATHRAG_STANDIN_PORT.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$ROOT/scripts/secrets.sh"
source "$ROOT/scripts/processes.sh"
source "$ROOT/scripts/build-app.sh"
source "$ROOT/scripts/embedded-services.sh"
source "$ROOT/scripts/build-worker.sh"

ensure_node_modules
ensure_node
DATA="$ROOT/.data-production"
LOGS="$DATA/logs"
load_local_secrets "$DATA"
mkdir -p "$LOGS"

WORKER_COUNT="${WORKER_COUNT:-2}"
PORT="${PORT:-3000}"
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
FERRETDB_PORT="${FERRETDB_PORT:-27017}"
S3_PORT="${S3_PORT:-7070}"
export NODE_ENV=production
export NEXT_TELEMETRY_DISABLED=1
HOST="${HOST:-127.0.0.1}"
# No PUBLIC_URL: the admin makes relative URLs and works at every address it is served at (README, "Addresses").
export PAYLOAD_URL="${PAYLOAD_URL:-http://127.0.0.1:$PORT}"
export TEMPORAL_UI_URL="${TEMPORAL_UI_URL:-http://localhost:$TEMPORAL_UI_PORT}"

build_payload_app
# Every worker runs the compiled worker (plain node) with one prebuilt workflow bundle, as `npm start` does.
build_worker

trap 'echo; log "stopping"; stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

start_temporal_unless_configured "$DATA" "$LOGS" "$TEMPORAL_PORT" "$TEMPORAL_UI_PORT"

# The database: a MongoDB the user gives (DATABASE_URI), else FerretDB v1 on SQLite files in .data-production/.
DATABASE_LABEL="the MongoDB at DATABASE_URI"
if [ -z "${DATABASE_URI:-}" ]; then
  ensure_ferretdb
  mkdir -p "$DATA/ferretdb" "$DATA/ferretdb-state"
  secrets_only
  start_process "FerretDB" "$LOGS/ferretdb.log" "${ENV_WITH_ONLY[@]}" "$FERRETDB_PATH" --handler=sqlite \
    --sqlite-url="file:$DATA/ferretdb/" --listen-addr="127.0.0.1:$FERRETDB_PORT" --state-dir="$DATA/ferretdb-state" \
    --telemetry=disable --debug-addr=- --log-level=warn
  wait_for_port "FerretDB" 127.0.0.1 "$FERRETDB_PORT" 30
  export DATABASE_URI="mongodb://127.0.0.1:$FERRETDB_PORT/payload"
  export MONGODB_COMPAT=ferretdb-v1
  DATABASE_LABEL="FerretDB v1 on 127.0.0.1:$FERRETDB_PORT (.data-production/ferretdb/)"
fi

# --- Object storage -------------------------------------------------------------------------------------------------
# An S3-compatible server (versitygw) when the project can install it (`ensure_versitygw` in scripts/lib.sh, which
# exports VERSITYGW_PATH); media then live in its bucket. Without it, or with S3_BUCKET already configured, nothing is
# started here and uploads stay on local disk in .data-production/media (or go to the configured bucket).
# It runs only once `ensure_versitygw` exists; on the branch that wrote it, only the versitygw start and the signed
# CreateBucket were tried (against versitygw v1.8.0), not the app on the bucket.
start_object_store() {
  if [ -n "${S3_BUCKET:-}" ] || ! declare -F ensure_versitygw >/dev/null; then return; fi
  ensure_versitygw
  export S3_BUCKET=character-media S3_REGION=us-east-1 S3_FORCE_PATH_STYLE=true
  export S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
  export S3_ACCESS_KEY_ID="${S3_ACCESS_KEY_ID:-local-production}"
  if [ -z "${S3_SECRET_ACCESS_KEY:-}" ]; then
    [ -f "$DATA/s3-secret" ] || (umask 077 && node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))' > "$DATA/s3-secret")
    S3_SECRET_ACCESS_KEY="$(cat "$DATA/s3-secret")"
    export S3_SECRET_ACCESS_KEY
  fi
  mkdir -p "$DATA/s3"
  secrets_only S3_ACCESS_KEY_ID S3_SECRET_ACCESS_KEY
  ROOT_ACCESS_KEY="$S3_ACCESS_KEY_ID" ROOT_SECRET_KEY="$S3_SECRET_ACCESS_KEY" start_process "object store (versitygw)" \
    "$LOGS/s3.log" "${ENV_WITH_ONLY[@]}" "$VERSITYGW_PATH" --port "127.0.0.1:$S3_PORT" --region "$S3_REGION" posix "$DATA/s3"
  wait_for_port "object store" 127.0.0.1 "$S3_PORT" 30
  # CreateBucket, signed with curl's own SigV4 (S3 wants the payload-hash header too): 200 makes it, 409 means this
  # store already has it.
  local status
  status="$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' \
    --aws-sigv4 "aws:amz:$S3_REGION:s3" --user "$S3_ACCESS_KEY_ID:$S3_SECRET_ACCESS_KEY" "$S3_ENDPOINT/$S3_BUCKET")"
  case "$status" in
    200 | 409) ;;
    *) echo "could not create the bucket $S3_BUCKET (HTTP $status); see .data-production/logs/s3.log" >&2; exit 1 ;;
  esac
}
start_object_store
export MEDIA_DIR="$DATA/media"
MEDIA_LABEL="${S3_BUCKET:+bucket $S3_BUCKET at ${S3_ENDPOINT:-the configured endpoint}}"
MEDIA_LABEL="${MEDIA_LABEL:-local disk, .data-production/media/}"

start_missing_standins "$DATA" "$LOGS" "${DINO_STANDIN_PORT:-3012}" "${GEMINI_STANDIN_PORT:-3013}" "${PATHRAG_STANDIN_PORT:-3014}"

start_payload_app "$DATA" "$LOGS"

# The workers share the task queue: Temporal hands each task to one of them, and a dead one's work to the others.
for ((n = 1; n <= WORKER_COUNT; n++)); do
  start_compiled_worker "worker $n" "$LOGS/worker-$n.log"
done

admin_addresses

cat <<BANNER

  Character Asset Library (production topology) is up.
    Admin:            $ADMIN_AT
                      (login: ${ADMIN_EMAIL:-admin@example.com}; the password was printed when the admin was created)
    Temporal Web UI:  $TEMPORAL_UI_URL
    Health:           ${PUBLIC_ORIGIN:-$PAYLOAD_URL}/api/health
    Database:         $DATABASE_LABEL
    Media:            $MEDIA_LABEL
    Workers:          $WORKER_COUNT
    Logs:             .data-production/logs/
  Ctrl-C stops everything; data stays in .data-production/.

BANNER

stay_in_foreground .data-production/logs/
