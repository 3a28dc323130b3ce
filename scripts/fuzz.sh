#!/usr/bin/env bash
# Fuzzes every parser with cargo-fuzz (libFuzzer, nightly toolchain), seeded with every file in
# tests/fixtures:
#
#   scripts/fuzz.sh                         every target for FUZZ_SECONDS (default 30) each
#   FUZZ_RUNS=10000000 scripts/fuzz.sh hris  one target for a number of executions
#   FUZZ_SECONDS=5 scripts/fuzz.sh          what scripts/test.sh (CI) runs
#
# Installs cargo-fuzz when missing. A crash, hang (> FUZZ_TIMEOUT s, default 10) or input that
# needs more than FUZZ_RSS_MB of memory (default 2048) fails the run; libFuzzer leaves the input
# in tests/fuzz/artifacts/<target>/. Copy it to tests/fixtures/fuzz/<target>/ and
# tests/fuzz_regressions.rs replays it on every `cargo test`. Prints the executions per target
# and per second.
#
# Built without AddressSanitizer (cargo fuzz's default): Uptake forbids unsafe code, so ASan
# finds nothing a plain build does not, at about a third of the speed (FUZZ_SANITIZER=address
# brings it back). Each target's corpus is seeded once and minimised (`cargo fuzz cmin`) to the
# seeds that add coverage for it. Long runs: `nice -n 19`, one target at a time, and
# FUZZ_LOG=file appends "target executions seconds" lines.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz.sh: installing the nightly toolchain (cargo-fuzz needs it)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz.sh: installing cargo-fuzz (a few minutes, once)"
  cargo install cargo-fuzz --locked
fi

seconds="${FUZZ_SECONDS:-30}"
timeout_s="${FUZZ_TIMEOUT:-10}"
rss="${FUZZ_RSS_MB:-2048}"
sanitizer="${FUZZ_SANITIZER:-none}"
mapfile -t targets < <(if [ "$#" -gt 0 ]; then printf '%s\n' "$@"; else
  sed -n 's/^name = "\(.*\)"$/\1/p' tests/fuzz/Cargo.toml | grep -v '^uptake-fuzz$'; fi)

echo "fuzz.sh: building ${#targets[@]} targets (nightly, coverage instrumentation, sanitizer $sanitizer)"
if [ "${#targets[@]}" -eq 1 ]; then
  cargo +nightly fuzz build -s "$sanitizer" --fuzz-dir tests/fuzz "${targets[0]}"
else
  cargo +nightly fuzz build -s "$sanitizer" --fuzz-dir tests/fuzz
fi
summary=()
for target in "${targets[@]}"; do
  corpus="target/fuzz-corpus/$target"
  if [ ! -d "$corpus" ]; then
    # Seeds: the first 16 KiB of every fixture (small inputs run many times faster, and a
    # format's structure shows in its head), with a leading delimiter byte (0 = ',').
    mkdir -p "$corpus"
    while IFS= read -r -d '' f; do
      { printf '\0'; head -c 16384 "$f"; } > "$corpus/$(basename "$f")"
    done < <(find tests/fixtures -type f -print0)
    cargo +nightly fuzz cmin -s "$sanitizer" --fuzz-dir tests/fuzz "$target" "$corpus" \
      -- -max_len=65536 >"target/fuzz-corpus/$target.cmin.log" 2>&1 \
      || echo "fuzz.sh: $target: cmin failed, fuzzing the whole seed corpus"
  fi
  if [ -n "${FUZZ_RUNS:-}" ]; then limit=(-runs="$FUZZ_RUNS"); else limit=(-max_total_time="$seconds"); fi
  log="target/fuzz-corpus/$target.log"
  started=$SECONDS
  if ! cargo +nightly fuzz run -s "$sanitizer" --fuzz-dir tests/fuzz "$target" "$corpus" -- \
      "${limit[@]}" -timeout="$timeout_s" -rss_limit_mb="$rss" -max_len=65536 \
      -print_final_stats=1 >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz.sh: $target FAILED; the input is in tests/fuzz/artifacts/$target/" >&2
    exit 1
  fi
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  summary+=("$(printf '%-40s %12s executions %8s/s' "$target" "${runs:-?}" "${rate:-?}")")
  if [ -n "${FUZZ_LOG:-}" ]; then
    echo "$target ${runs:-?} $((SECONDS - started))" >>"$FUZZ_LOG"
  fi
done
printf '%s\n' "${summary[@]}"
echo "fuzz.sh: ${#targets[@]} targets, no crash, hang or memory blow-up"
