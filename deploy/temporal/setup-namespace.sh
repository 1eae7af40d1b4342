#!/bin/sh
# Registers the namespace the app and workers use and the project's search attributes (contracts/search-attributes.ts;
# tests/unit/contracts.test.ts keeps this list in step with it). Idempotent: run on every `docker compose up`.
set -eu
namespace="${TEMPORAL_NAMESPACE:-default}"

until temporal operator cluster health | grep -q SERVING; do
  echo 'waiting for the Temporal server'
  sleep 2
done
if ! temporal operator namespace describe --namespace "$namespace" >/dev/null 2>&1; then
  temporal operator namespace create --namespace "$namespace" --retention "${TEMPORAL_RETENTION:-720h}"
fi
# A new namespace reaches every frontend's cache after a few seconds.
until temporal operator search-attribute list --namespace "$namespace" >/dev/null 2>&1; do
  sleep 2
done
existing="$(temporal operator search-attribute list --namespace "$namespace")"
register() {
  if echo "$existing" | grep -qw "$1"; then return; fi
  temporal operator search-attribute create --namespace "$namespace" --name "$1" --type "$2"
}
register_all() {
  register CharacterId Keyword
  register PipelineStage Keyword
  register PipelineStatus Keyword
}
register_all
echo "namespace $namespace and its search attributes are registered"
