#!/usr/bin/env bash
# Installs squawk-cli (the PostgreSQL migration linter) from npm into bench/.tools/ and
# prints the path of its binary. Re-running is cheap when the version is already there.
set -euo pipefail

SQUAWK_VERSION="${SQUAWK_VERSION:-2.66.0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix="$here/.tools/squawk-$SQUAWK_VERSION"
bin="$prefix/node_modules/.bin/squawk"

command -v npm >/dev/null || { echo "install-squawk: npm not found (apt-get install -y npm)" >&2; exit 1; }

if [[ ! -x "$bin" ]] || ! "$bin" --version >/dev/null 2>&1; then
  mkdir -p "$prefix"
  [[ -f "$prefix/package.json" ]] || echo '{"name":"lockstep-bench-tools","private":true}' > "$prefix/package.json"
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "squawk-cli@$SQUAWK_VERSION" >&2
fi

# The npm package's `squawk` is a node wrapper around a native binary shipped in a
# platform package; print the native one (no node start-up in timings) when it is there.
platform="$(node -p 'process.platform + "-" + process.arch' 2>/dev/null || true)"
native="$prefix/node_modules/@squawk-cli/$platform/bin/squawk"
if [[ -n "$platform" && -x "$native" ]] && "$native" --version >/dev/null 2>&1; then
  bin="$native"
fi

version="$("$bin" --version)" || { echo "install-squawk: $bin does not run" >&2; exit 1; }
echo "install-squawk: $version" >&2
echo "$bin"
