#!/usr/bin/env bash
# Runs a fuzz target with a TMPDIR of its own twice, to its end and stopped by SIGTERM (libFuzzer
# then leaves by _Exit, past any atexit handler), and fails if either left anything there.
#   leaves_nothing_behind.sh FUZZER SEED_CORPUS
set -euo pipefail
fuzzer="$1" seeds="$2"
tmp="$(mktemp -d)" found="$(mktemp -d)"
trap 'rm -rf "$tmp" "$found"' EXIT
TMPDIR="$tmp" "$fuzzer" -runs=200 "$found" "$seeds" >/dev/null 2>&1
TMPDIR="$tmp" timeout -s TERM 3 "$fuzzer" -max_total_time=60 "$found" "$seeds" >/dev/null 2>&1 || true
left="$(ls -A "$tmp")"
if [[ -n "$left" ]]; then
  echo "left behind in TMPDIR: $left"
  exit 1
fi
