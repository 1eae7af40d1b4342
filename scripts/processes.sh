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
