#!/usr/bin/env python3
"""Serve a built Uptake folder (default: dist/) on 127.0.0.1 only.

    python3 scripts/static_server.py [DIR] [--port PORT]      (PORT defaults to $PORT or 8080)

Every response carries the page's own Content-Security-Policy (read from DIR/index.html's
<meta http-equiv> tag) as an HTTP header, so the worker script, which a <meta> policy does not
govern, gets the same policy. .wasm is served as application/wasm, .js as text/javascript.
Standard library only; for local use, not for production hosting.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import sys
from pathlib import Path

META_CSP_RE = re.compile(
    r"<meta\b[^>]*http-equiv\s*=\s*[\"']?content-security-policy[\"']?[^>]*>", re.I | re.S
)
CONTENT_RE = re.compile(r"\bcontent\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I | re.S)


def csp_from_index(index: Path) -> str:
    html = index.read_text(encoding="utf-8")
    meta = META_CSP_RE.search(html)
    if not meta:
        sys.exit(f"static_server.py: no Content-Security-Policy meta tag in {index}")
    content = CONTENT_RE.search(meta.group(0))
    if not content:
        sys.exit(f"static_server.py: the CSP meta tag in {index} has no content attribute")
    policy = " ".join((content.group(1) or content.group(2) or "").split())
    if "CSP_SCRIPT_HASHES" in policy:
        sys.exit("static_server.py: CSP placeholder not replaced: did scripts/csp_hash.py run?")
    return policy


class Handler(http.server.SimpleHTTPRequestHandler):
    csp = ""
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".html": "text/html",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".ndjson": "application/x-ndjson",
        ".jsonl": "application/x-ndjson",
        ".csv": "text/csv",
        ".webmanifest": "application/manifest+json",
        "": "application/octet-stream",
    }

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", default="dist")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    args = parser.parse_args()

    root = Path(args.dir).resolve()
    index = root / "index.html"
    if not index.is_file():
        sys.exit(f"static_server.py: {index} not found: build first (trunk build --release --offline)")

    handler = functools.partial(Handler, directory=str(root))
    Handler.csp = csp_from_index(index)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    print(f"Serving {root} at http://127.0.0.1:{httpd.server_address[1]}/  (Ctrl-C to stop)", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()


if __name__ == "__main__":
    main()
