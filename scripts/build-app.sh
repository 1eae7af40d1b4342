#!/usr/bin/env bash
# Sourced. Builds the Payload (Next) app when it has never been built or its sources changed since.

PAYLOAD_SOURCES=(payload-app contracts clients common image-analysis persona qa-policy)

payload_build_is_stale() {
  build_is_stale "$ROOT/payload-app/.next/BUILD_ID" "${PAYLOAD_SOURCES[@]}"
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
