#!/usr/bin/env bash
# Sourced. Starting, waiting for and stopping the system's processes (used by start.sh and the test harness).

PIDS=()

# start_process <name> <logfile> <command...>: runs in its own process group so stopping it stops its children. Its
# output goes through scripts/rotating-log.mjs, so logs rotate by size (10 MB × 5 files per process by default).
start_process() {
  local name="$1" logfile="$2"; shift 2
  mkdir -p "$(dirname "$logfile")"
  setsid "$@" > >(node "$ROOT/scripts/rotating-log.mjs" "$logfile") 2>&1 < /dev/null &
  PIDS+=("$!")
  log "$name started (pid $!, log: ${logfile#$ROOT/})"
}

# wait_for_http <name> <url> <seconds>: any HTTP answer counts as up.
wait_for_http() {
  local name="$1" url="$2" seconds="$3" i
  for ((i = 0; i < seconds * 2; i++)); do
    if curl -s -o /dev/null --max-time 5 "$url"; then return 0; fi
    sleep 0.5
  done
  echo "$name did not come up at $url within ${seconds}s" >&2
  return 1
}

wait_for_port() {
  local name="$1" host="$2" port="$3" seconds="$4" i
  for ((i = 0; i < seconds * 2; i++)); do
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "$name did not open $host:$port within ${seconds}s" >&2
  return 1
}

# Stops in reverse start order, each given time to finish cleanly: the worker drains while Temporal is still up.
stop_all() {
  local i pid
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid="${PIDS[$i]}"
    kill -TERM -- "-$pid" 2>/dev/null || continue
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  PIDS=()
}

# stay_in_foreground <where the logs are>: returns only by exiting, 1 as soon as any started process has died.
stay_in_foreground() {
  local logs="$1" pid
  while true; do
    for pid in "${PIDS[@]}"; do
      if ! kill -0 "$pid" 2>/dev/null; then
        log "a process (pid $pid) exited; see $logs. Stopping the rest."
        exit 1
      fi
    done
    sleep 2
  done
}

# admin_addresses: sets ADMIN_AT (where people open the admin, for the start banner) and PUBLIC_ORIGIN from PUBLIC_URL
# (or PAYLOAD_PUBLIC_SERVER_URL), HOST and PORT. Without a public URL every address of the machine works.
admin_addresses() {
  PUBLIC_ORIGIN="${PUBLIC_URL:-${PAYLOAD_PUBLIC_SERVER_URL:-}}"
  if [ -n "$PUBLIC_ORIGIN" ]; then
    ADMIN_AT="${PUBLIC_ORIGIN%/}/admin"
  elif [ "$HOST" = "0.0.0.0" ] || [ "$HOST" = "::" ]; then
    ADMIN_AT="http://localhost:$PORT/admin, http://$(hostname):$PORT/admin (this machine's other addresses work too)"
  else
    ADMIN_AT="http://$HOST:$PORT/admin"
    if [ "$HOST" = "127.0.0.1" ]; then ADMIN_AT="$ADMIN_AT or http://localhost:$PORT/admin"; fi
  fi
}

# start_payload_app <data-dir> <logs-dir>: the app (next start) with only the secrets it needs, waited for until healthy.
# The app signs in people, owns the database and creates the worker's accounts (the previous key's too, during a key
# rotation); it calls no image model. Its first request runs Payload's init (migrations, first admin user); a new
# admin's login is shown once, here.
start_payload_app() {
  local data="$1" logs="$2"
  export FIRST_ADMIN_NOTICE_FILE="$data/first-admin-notice.txt"
  secrets_only PAYLOAD_SECRET WORKER_API_KEY WORKER_API_KEY_PREVIOUS ADMIN_PASSWORD DATABASE_URI DINO_API_KEY PATHRAG_API_KEY S3_ACCESS_KEY_ID S3_SECRET_ACCESS_KEY
  start_process "Payload" "$logs/payload.log" "${ENV_WITH_ONLY[@]}" next start "$ROOT/payload-app" -p "$PORT" -H "$HOST"
  wait_for_http "Payload" "$PAYLOAD_URL/api/health" 90
  if [ -f "$FIRST_ADMIN_NOTICE_FILE" ]; then
    cat "$FIRST_ADMIN_NOTICE_FILE"
    rm -f "$FIRST_ADMIN_NOTICE_FILE"
  fi
}

# start_compiled_worker <name> <log-file>: one compiled worker (build_worker first) on plain node with the prebuilt
# workflow bundle. It reaches Payload only with its API key: no database URL, no session secret, no admin password.
start_compiled_worker() {
  secrets_only WORKER_API_KEY GEMINI_API_KEY DINO_API_KEY PATHRAG_API_KEY
  WORKFLOW_BUNDLE_PATH="$ROOT/$WORKER_DIST/workflow-bundle.js" MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
    start_process "$1" "$2" "${ENV_WITH_ONLY[@]}" node "$ROOT/$WORKER_DIST/main.js"
}
