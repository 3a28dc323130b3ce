#!/usr/bin/env bash
# Installs (only what is missing or at the wrong version) every tool Uptake's build and tests
# need, from package registries only: this machine class has no other internet access.
#
#   scripts/setup.sh            install/check, then print the PATH line to use in your shell
#   source scripts/setup.sh     install/check and put the tools on this shell's PATH
#                               (scripts/serve.sh and scripts/test.sh do this)
#
# Idempotent: a second run only checks versions and takes a few seconds. Works from any cwd.
# Trunk would otherwise download wasm-bindgen and wasm-opt from GitHub, which fails offline:
# Trunk.toml names the versions installed here and `trunk build --offline` finds them on PATH.

UPTAKE_TRUNK_VERSION="0.21.14"
UPTAKE_BINARYEN_VERSION="132"

UPTAKE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export UPTAKE_ROOT

# PATH additions, applied to the calling shell whether this file is sourced or executed.
uptake_path_prepend() {
  case ":$PATH:" in
    *":$1:"*) ;;
    *) PATH="$1:$PATH" ;;
  esac
}
uptake_path_prepend "${CARGO_HOME:-$HOME/.cargo}/bin"
uptake_path_prepend "$UPTAKE_ROOT/.tools/binaryen/node_modules/.bin"
export PATH

uptake_setup() {
  set -euo pipefail
  cd "$UPTAKE_ROOT"

  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi

  step() { printf 'setup: %-22s %s\n' "$1" "$2"; }

  # 1. Rust target for the browser.
  local targets
  targets="$(rustup target list --installed)"
  if grep -qx 'wasm32-unknown-unknown' <<<"$targets"; then
    step "wasm32 target" "present"
  else
    step "wasm32 target" "installing"
    rustup target add wasm32-unknown-unknown
  fi

  # 2. trunk, exact version (0.22.x needs a newer rustc than the one here).
  local have
  have="$(trunk --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" = "$UPTAKE_TRUNK_VERSION" ]; then
    step "trunk" "$have present"
  else
    step "trunk" "installing $UPTAKE_TRUNK_VERSION (found '${have:-none}'; ~11 min on a fresh machine)"
    cargo install --locked "trunk@$UPTAKE_TRUNK_VERSION"
  fi

  # 3. wasm-bindgen CLI, exactly the version of the wasm-bindgen crate in Cargo.lock.
  #    No --locked: its own lock file pins a webpki-roots the registry does not have.
  local want_wb
  want_wb="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
  if [ -z "$want_wb" ]; then
    echo "setup: no wasm-bindgen package in Cargo.lock" >&2
    return 1
  fi
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" = "$want_wb" ]; then
    step "wasm-bindgen-cli" "$have present"
  else
    step "wasm-bindgen-cli" "installing $want_wb (found '${have:-none}'; ~4 min)"
    cargo install "wasm-bindgen-cli@$want_wb"
  fi

  # 4. wasm-opt from npm's binaryen, project-local (Debian's binaryen is too old).
  local wasm_opt="$UPTAKE_ROOT/.tools/binaryen/node_modules/.bin/wasm-opt"
  have="$("$wasm_opt" --version 2>/dev/null || true)"
  if [[ "$have" == *"version $UPTAKE_BINARYEN_VERSION"* ]]; then
    step "binaryen (wasm-opt)" "$UPTAKE_BINARYEN_VERSION present in .tools/binaryen"
  else
    step "binaryen (wasm-opt)" "installing binaryen@$UPTAKE_BINARYEN_VERSION into .tools/binaryen"
    mkdir -p .tools/binaryen
    npm install --prefix .tools/binaryen --no-audit --no-fund --loglevel=error >/dev/null \
      "binaryen@$UPTAKE_BINARYEN_VERSION"
    "$wasm_opt" --version >/dev/null
  fi

  # 5. Chromium and chromedriver from Debian (browser downloads by test tools fail here).
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    step "chromium" "present"
  else
    step "chromium" "installing chromium + chromium-driver with apt-get"
    "${as_root[@]}" apt-get update
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi

  # 5b. poppler-utils: the print-report test turns the PDF into pages (pdftoppm, pdftotext).
  if command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null; then
    step "poppler-utils" "present"
  else
    step "poppler-utils" "installing with apt-get (pdftoppm, pdftotext)"
    "${as_root[@]}" apt-get update
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y poppler-utils
  fi

  # 6. The browser tests' npm packages (playwright-core; @duckdb/node-api, which runs the
  #    README's facts SQL), at the exact versions pinned in package.json.
  local npm_missing
  npm_missing="$(cd tests/browser && node -e '
    const deps = require("./package.json").devDependencies;
    const off = Object.entries(deps).filter(([name, want]) => {
      try { return require("./node_modules/" + name + "/package.json").version !== want; }
      catch { return true; }
    }).map(([name, want]) => name + "@" + want);
    console.log(off.join(" "));')"
  if [ -z "$npm_missing" ]; then
    step "browser test packages" "present in tests/browser"
  elif [ -f tests/browser/package-lock.json ]; then
    step "browser test packages" "npm ci in tests/browser ($npm_missing)"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  else
    step "browser test packages" "npm install in tests/browser ($npm_missing, no lock file yet)"
    (cd tests/browser && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  fi

  step "PATH" "export PATH=\"$UPTAKE_ROOT/.tools/binaryen/node_modules/.bin:\$PATH\""
}

# Run the installs in a subshell so `set -euo pipefail` and `cd` never leak into a shell that
# sources this file; a failure still fails the caller (which runs with `set -e`).
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
fi
(uptake_setup)
