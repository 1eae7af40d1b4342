#!/usr/bin/env bash
# Sourced. Local secrets for the embedded default: generated once into .data/secrets.env (git-ignored, mode 600).
# Values already in the environment win, so production sets them there and this file is never made.
load_local_secrets() {
  local file="$ROOT/.data/secrets.env"
  mkdir -p "$ROOT/.data"
  if [ ! -f "$file" ]; then
    umask 077
    {
      echo "PAYLOAD_SECRET=$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')"
      echo "WORKER_API_KEY=$(node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))')"
    } > "$file"
  fi
  local key value
  while IFS='=' read -r key value; do
    [ -z "$key" ] && continue
    if [ -z "${!key:-}" ]; then export "$key=$value"; fi
  done < "$file"
}
