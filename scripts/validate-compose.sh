#!/usr/bin/env bash
# `npm run compose:validate [-- <env-file>]`: checks docker-compose.yml with the Compose Specification's loader and the
# project's production rules (tools/compose-validate), interpolated with the given env file, else .env when it
# exists (your deployment's), else the committed .env.production.example. Run it after editing either file.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_compose_validator
env_file="${1:-}"
if [ -z "$env_file" ]; then
  if [ -f "$ROOT/.env" ]; then env_file="$ROOT/.env"; else env_file="$ROOT/.env.production.example"; fi
fi
exec "$COMPOSE_VALIDATE_PATH" --env-file "$env_file" --public-service app --scalable-service worker "$ROOT/docker-compose.yml"
