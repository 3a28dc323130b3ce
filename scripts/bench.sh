#!/usr/bin/env bash
# The benchmarks (figures, never pass/fail): generated data, native parsers and metrics, then
# Uptake against DuckDB-WASM in headless Chromium.
#
#   scripts/bench.sh                          20 000 people × 52 weeks (about 1 GB of files)
#   scripts/bench.sh --people 5000 --weeks 26 anything src/bin/generate.rs takes
#   UPTAKE_BENCH_SKIP_NATIVE=1 scripts/bench.sh   the browser part only
#
# Writes target/bench/data/ (generated, never committed), target/bench/native.md and
# target/bench/browser.md (+ .json). Installs what is missing like scripts/test.sh, plus
# DuckDB-WASM and @duckdb/node-api from npm into tests/bench/browser/node_modules.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/setup.sh
source scripts/setup.sh

data=target/bench/data
stamp="$data/.generated-with"
want="${*:-default}"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "==> generating $data ($want)"
  rm -rf "$data"
  cargo run --release --quiet --bin generate -- --out "$data" "$@"
  echo "$want" > "$stamp"
fi
ls -l "$data"

if [ "${UPTAKE_BENCH_SKIP_NATIVE:-}" != "1" ]; then
  echo "==> native: cargo bench --bench parsers, --bench metrics"
  cargo bench --bench parsers
  cargo bench --bench metrics
fi

echo "==> trunk build --release --offline"
trunk build --release --offline

if [ ! -d tests/bench/browser/node_modules/@duckdb/duckdb-wasm ]; then
  (cd tests/bench/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "==> browser: Uptake and DuckDB-WASM in headless Chromium"
UPTAKE_DIST="$PWD/dist" node tests/bench/browser/run.mjs --data "$data"
