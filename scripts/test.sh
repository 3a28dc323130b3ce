#!/usr/bin/env bash
# Everything CI checks, in order, stopping at the first failure:  scripts/test.sh
#   UPTAKE_SKIP_BROWSER=1 scripts/test.sh   skips the headless-Chromium tests (local quick runs;
#                                           CI never sets it).
#   FUZZ_SECONDS=30 scripts/test.sh         fuzzes each parser longer (default 5 s each).
# Installs missing tools first (scripts/setup.sh); works from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

heading() { printf '\n==> %s\n' "$*"; }

heading "setup (scripts/setup.sh)"
# shellcheck source=scripts/setup.sh
source scripts/setup.sh

heading "cargo fmt --check"
cargo fmt --check

heading "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings

heading "cargo clippy --target wasm32-unknown-unknown --bins --lib -- -D warnings"
cargo clippy --target wasm32-unknown-unknown --bins --lib -- -D warnings

heading "cargo test"
cargo test

heading "fuzz every parser briefly (scripts/fuzz.sh, FUZZ_SECONDS=${FUZZ_SECONDS:-5} each)"
FUZZ_SECONDS="${FUZZ_SECONDS:-5}" scripts/fuzz.sh

heading "trunk build --release --offline"
trunk build --release --offline

if [ "${UPTAKE_SKIP_BROWSER:-}" = "1" ]; then
  heading "browser tests SKIPPED (UPTAKE_SKIP_BROWSER=1)"
else
  heading "browser tests (node --test tests/browser/*.test.mjs, headless Chromium)"
  # An explicit file list: `node --test <dir>` is read as a glob pattern by newer Node versions.
  shopt -s nullglob
  browser_tests=(tests/browser/*.test.mjs)
  if [ "${#browser_tests[@]}" -eq 0 ]; then
    echo "no tests/browser/*.test.mjs found" >&2
    exit 1
  fi
  UPTAKE_DIST="$PWD/dist" node --test "${browser_tests[@]}"
fi

heading "all checks passed"
