#!/usr/bin/env bash
# Sourced. Local secrets for the embedded setups: generated once into <data dir>/secrets.env (git-ignored, mode 600;
# .data/ for `npm start`, .data-production/ for `npm run start:production`).
# Values already in the environment win, so production sets them there and this file is never made.
load_local_secrets() {
  local data_dir="${1:-$ROOT/.data}"
  local file="$data_dir/secrets.env"
  mkdir -p "$data_dir"
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

# Every secret a process of the system may be given. Each process gets only the ones it needs (README, "Secrets").
ALL_SECRETS=(PAYLOAD_SECRET WORKER_API_KEY WORKER_API_KEY_PREVIOUS ADMIN_PASSWORD DATABASE_URI GEMINI_API_KEY GEMINI_STANDIN_API_KEY DINO_API_KEY
  PATHRAG_API_KEY S3_ACCESS_KEY_ID S3_SECRET_ACCESS_KEY)

# secrets_only <allowed...>: sets ENV_WITH_ONLY to an `env -u …` prefix that removes every other secret, e.g.
#   secrets_only WORKER_API_KEY; start_process worker log "${ENV_WITH_ONLY[@]}" tsx workers/main.ts
secrets_only() {
  local secret allowed
  ENV_WITH_ONLY=(env)
  for secret in "${ALL_SECRETS[@]}"; do
    for allowed in "$@"; do [ "$secret" = "$allowed" ] && continue 2; done
    ENV_WITH_ONLY+=(-u "$secret")
  done
}
