#!/usr/bin/env bash
# `npm run test:mongodb`: the integration tier with Payload on MongoDB: FerretDB v1 (a MongoDB wire-protocol server on
# SQLite, built from the Go module proxy), since no registry here ships a MongoDB server. Each Payload server the tests
# start gets a database of its own on one FerretDB. Extra arguments go to Jest, e.g. a single test file.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_ferretdb
export TEST_DATABASE=mongodb
# The project flag last: Jest reads the words after --selectProjects as more project names.
exec bash "$ROOT/scripts/test.sh" "$@" --selectProjects integration
