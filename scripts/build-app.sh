#!/usr/bin/env bash
# Sourced. Builds the Payload (Next) app when it has never been built or its sources changed since.

PAYLOAD_SOURCES=(payload-app contracts clients common image-analysis persona qa-policy)

payload_build_is_stale() {
  local stamp="$ROOT/payload-app/.next/BUILD_ID"
  [ -f "$stamp" ] || return 0
  local dir
  for dir in "${PAYLOAD_SOURCES[@]}"; do
    [ -d "$ROOT/$dir" ] || continue
    if [ -n "$(find "$ROOT/$dir" -path '*/.next' -prune -o -type f \( -name '*.ts' -o -name '*.tsx' -o -name '*.js' -o -name '*.mjs' -o -name '*.scss' -o -name '*.css' \) -newer "$stamp" -print -quit)" ]; then
      return 0
    fi
  done
  [ "$ROOT/package.json" -nt "$stamp" ]
}

build_payload_app() {
  if payload_build_is_stale; then
    log "building the Payload admin (next build, about a minute)"
    (
      cd "$ROOT"
      # The build evaluates the config but connects to nothing; a placeholder secret keeps start-up validation happy.
      export PAYLOAD_SECRET="${PAYLOAD_SECRET:-build-time-placeholder-secret}"
      export PAYLOAD_CONFIG_PATH="$ROOT/payload-app/payload.config.ts"
      export NEXT_TELEMETRY_DISABLED=1
      payload generate:importmap >/dev/null
      next build payload-app
    ) >&2
  fi
}
