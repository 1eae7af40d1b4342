#!/usr/bin/env bash
# Sourced after lib.sh, secrets.sh and processes.sh. The parts `npm start` and `npm run start:production` both run on
# this machine when nothing real is configured: the Temporal dev server and the local stand-ins. What is configured
# (TEMPORAL_ADDRESS, DINO_BASE_URL, GEMINI_API_KEY, PATHRAG_BASE_URL) is used instead and not started.

# start_temporal_unless_configured <data-dir> <logs-dir> <grpc-port> <ui-port>
start_temporal_unless_configured() {
  local data="$1" logs="$2" port="$3" ui_port="$4"
  if [ -n "${TEMPORAL_ADDRESS:-}" ]; then return; fi
  ensure_temporal_cli
  export TEMPORAL_ADDRESS="127.0.0.1:$port"
  secrets_only
  start_process "Temporal dev server" "$logs/temporal.log" "${ENV_WITH_ONLY[@]}" bash "$ROOT/scripts/temporal-dev.sh" "$data/temporal.db" "$port" "$ui_port"
  wait_for_port "Temporal" 127.0.0.1 "$port" 60
}

# start_missing_standins <data-dir> <logs-dir> <analysis-port> <image-model-port> <knowledge-port>
start_missing_standins() {
  local data="$1" logs="$2" dino_port="$3" gemini_port="$4" pathrag_port="$5"
  if [ -z "${DINO_BASE_URL:-}" ]; then
    export DINO_BASE_URL="http://127.0.0.1:$dino_port"
    secrets_only
    DINO_STANDIN_PORT="$dino_port" DINO_STANDIN_DATA_DIR="$data/dino" start_process "analysis stand-in" "$logs/dino-standin.log" "${ENV_WITH_ONLY[@]}" tsx "$ROOT/local-services/dino/main.ts"
    wait_for_http "analysis stand-in" "$DINO_BASE_URL/api/v1/health" 30
  fi

  # No GEMINI_API_KEY: the local image-model stand-in. A key without GEMINI_BASE_URL: Google's API.
  if [ -z "${GEMINI_API_KEY:-}" ]; then
    export GEMINI_BASE_URL="http://127.0.0.1:$gemini_port"
    export GEMINI_API_KEY="local-dev-key"
    secrets_only GEMINI_STANDIN_API_KEY
    GEMINI_STANDIN_PORT="$gemini_port" GEMINI_STANDIN_API_KEY="$GEMINI_API_KEY" start_process "image-model stand-in" "$logs/gemini-standin.log" "${ENV_WITH_ONLY[@]}" tsx "$ROOT/local-services/gemini/main.ts"
    wait_for_http "image-model stand-in" "$GEMINI_BASE_URL/" 30
  fi

  if [ -z "${PATHRAG_BASE_URL:-}" ]; then
    export PATHRAG_BASE_URL="http://127.0.0.1:$pathrag_port"
    secrets_only
    PATHRAG_STANDIN_PORT="$pathrag_port" PATHRAG_STANDIN_DATA_DIR="$data/pathrag" start_process "PathRAG stand-in" "$logs/pathrag-standin.log" "${ENV_WITH_ONLY[@]}" tsx "$ROOT/local-services/pathrag/main.ts"
    wait_for_http "PathRAG stand-in" "$PATHRAG_BASE_URL/health" 30
  fi
}
