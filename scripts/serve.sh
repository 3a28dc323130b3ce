#!/usr/bin/env bash
# Build the page and serve it locally:  scripts/serve.sh   (PORT=9000 scripts/serve.sh)
# Installs missing tools first (scripts/setup.sh), builds dist/ with trunk (offline), then
# serves dist/ on http://127.0.0.1:${PORT:-8080}/ with the page's CSP sent as a header too.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/setup.sh
source scripts/setup.sh

echo "==> trunk build --release --offline"
trunk build --release --offline

echo "==> serving dist/ on http://127.0.0.1:${PORT:-8080}/"
exec python3 scripts/static_server.py dist --port "${PORT:-8080}"
