#!/usr/bin/env python3
"""Trunk post_build hook: write `uptake.html`, the whole of Uptake in one file.

The file works opened from disk (`file://`) with a policy that allows no connection at all:

- the stylesheets are inlined in one `<style>`;
- the app's wasm, the worker's script and the worker's wasm are inlined as base64 data blocks
  (`<script type="application/octet-stream">`, which browsers never run);
- one inline module script (its sha256 in the policy) starts the worker from a `blob:` URL
  (script and wasm inside it, so its parse workers can start from the same URL), then the app
  with its wasm from the data block. It also keeps the page's own source text
  (`window.UPTAKE_SOURCE`), so "Export standalone report" can write this same file with a
  snapshot embedded where `<!--uptake:embedded-->` stands, and opens such a snapshot on load.

The policy: `default-src 'none'; script-src 'sha256-…' 'wasm-unsafe-eval'; worker-src blob:;
connect-src 'none'; …`: no fetch, XHR, WebSocket or beacon can leave, not even to the file's
own folder. A worker from a `blob:` URL inherits it.

Usage: run by trunk (see Trunk.toml), or by hand: `python3 scripts/one_file.py [dist-folder]`.
It fails (non-zero exit, so the build fails) when trunk's output is not what it expects.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import sys
from pathlib import Path

MARKER = "<!--uptake:embedded-->"
OUTPUT = "uptake.html"

POLICY = (
    "default-src 'none'; script-src {script} 'wasm-unsafe-eval'; worker-src blob:; "
    "connect-src 'none'; img-src data: blob:; style-src {style}; font-src 'none'; "
    "base-uri 'none'; form-action 'none'; object-src 'none'"
)

# The page's boot: read the data blocks, start the worker from a blob: URL, keep the source,
# then run the app (its bindings follow this text in the same module script).
BOOT = """\
const block = (id) => document.getElementById(id).textContent.trim();
const bytes = (b64) => {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
};
const embedded = document.getElementById('uptake-embedded');
if (embedded) {
  window.UPTAKE_EMBEDDED = new File([bytes(embedded.textContent.trim())],
    embedded.dataset.name || 'embedded.snapshot', { type: 'application/json' });
  embedded.remove();
}
window.UPTAKE_SOURCE = '<!doctype html>\\n' + document.documentElement.outerHTML;
const workerScript = new TextDecoder().decode(bytes(block('uptake-worker-js')));
window.UPTAKE_WORKER_URL = URL.createObjectURL(new Blob([
  workerScript,
  '\\n;(() => { const s = atob("', block('uptake-worker-wasm'), '");',
  ' const w = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) w[i] = s.charCodeAt(i);',
  ' wasm_bindgen({ module_or_path: w }); })();\\n',
], { type: 'text/javascript' }));
"""


def fail(msg: str) -> None:
    print(f"one_file.py: error: {msg}", file=sys.stderr)
    sys.exit(1)


def sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def read(folder: Path, url: str) -> bytes:
    path = (folder / url.split("?")[0].split("#")[0]).resolve()
    if folder.resolve() not in path.parents:
        fail(f"{url} is outside {folder}")
    if not path.is_file():
        fail(f"{url} (referenced by index.html) is not in {folder}")
    return path.read_bytes()


def check_inline(name: str, text: str) -> None:
    # A script's text ends at the first `</script`; `<!--` would switch the parser's state.
    if re.search(r"</script|<!--", text, re.I):
        fail(f"{name} contains `</script` or `<!--` and cannot be inlined as it is")


def build(folder: Path) -> tuple[str, int]:
    index = (folder / "index.html").read_text(encoding="utf-8")

    css = []
    for m in re.finditer(r"<link\b[^>]*\brel=\"?stylesheet\"?[^>]*>", index, re.I):
        href = re.search(r"\bhref=\"([^\"]+)\"", m.group(0))
        if href is None:
            fail(f"a stylesheet link without href: {m.group(0)}")
        css.append(read(folder, href.group(1)).decode("utf-8"))
    if not css:
        fail("no stylesheet in index.html")
    style = "\n".join(css)
    if re.search(r"</style", style, re.I):
        fail("a stylesheet contains `</style`")

    loader = re.search(r"import init, \* as bindings from '([^']+)';", index)
    app_wasm = re.search(r"module_or_path: '([^']+)'", index)
    if loader is None or app_wasm is None:
        fail("trunk's app loader (import init … module_or_path) is not in index.html")
    app_js = read(folder, loader.group(1)).decode("utf-8")
    if re.search(r"^\s*import\b", app_js, re.M):
        fail(f"{loader.group(1)} imports other modules (snippets?): cannot inline it")
    if not re.search(r"export \{[^}]*\b__wbg_init as default\b", app_js):
        fail(f"{loader.group(1)}: wasm-bindgen's `__wbg_init as default` export not found")
    check_inline(loader.group(1), app_js)

    shim = (folder / "worker_loader.js").read_text(encoding="utf-8")
    worker_js_url = re.search(r"importScripts\(['\"]([^'\"]+)['\"]\)", shim)
    worker_wasm_url = re.search(r"wasm_bindgen\((?:\{[^}]*?)?['\"]([^'\"]+\.wasm)['\"]", shim)
    if worker_js_url is None or worker_wasm_url is None:
        fail(f"worker_loader.js is not the shim expected: {shim!r}")
    worker_js = read(folder, worker_js_url.group(1))
    worker_wasm = read(folder, worker_wasm_url.group(1))

    script = (
        BOOT
        + "\n"
        + app_js
        + f"\nawait __wbg_init({{ module_or_path: bytes(block('uptake-app-wasm')) }});\n"
    )
    check_inline("the boot script", script)
    policy = POLICY.format(script=sha256(script), style=sha256(style))
    title = re.search(r"<title>.*?</title>", index, re.S)
    html = (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<link rel="icon" href="data:,">\n'
        f"{title.group(0) if title else '<title>Uptake</title>'}\n"
        f"<style>{style}</style>\n"
        "</head>\n<body>\n"
        f'<script type="application/octet-stream" id="uptake-app-wasm">{b64(read(folder, app_wasm.group(1)))}</script>\n'
        f'<script type="application/octet-stream" id="uptake-worker-js">{b64(worker_js)}</script>\n'
        f'<script type="application/octet-stream" id="uptake-worker-wasm">{b64(worker_wasm)}</script>\n'
        f"{MARKER}\n"
        f'<script type="module">{script}</script>\n'
        "</body>\n</html>\n"
    )
    return html, len(html.encode("utf-8"))


def main() -> None:
    if len(sys.argv) > 1:
        folder = Path(sys.argv[1])
    else:
        staging = os.environ.get("TRUNK_STAGING_DIR")
        if not staging:
            fail("TRUNK_STAGING_DIR is not set (run from trunk, or pass the dist folder)")
        folder = Path(staging)
    if not (folder / "index.html").is_file():
        fail(f"{folder}/index.html does not exist")
    html, size = build(folder)
    (folder / OUTPUT).write_text(html, encoding="utf-8", newline="\n")
    print(f"one_file.py: {folder / OUTPUT}: {size:,} bytes")


if __name__ == "__main__":
    main()
