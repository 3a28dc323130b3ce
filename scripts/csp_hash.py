#!/usr/bin/env python3
"""Trunk post_build hook: put the hash of every inline script into the page's CSP.

trunk writes an inline `<script type="module">` loader into index.html, which a policy of
`script-src 'self'` would block. This hook reads `$TRUNK_STAGING_DIR/index.html`, computes
`'sha256-<base64>'` of the exact text of each inline script and replaces the placeholder
`CSP_SCRIPT_HASHES` inside the `<meta http-equiv="Content-Security-Policy">` tag with them.

It fails (non-zero exit, so the trunk build fails) when the placeholder or the meta tag is
missing, and when any script or link points at another origin: the page must load everything
from its own origin (trunk's modulepreload/preload links are relative, so they stay as they are).

Usage: run by trunk (see Trunk.toml), or by hand: `python3 scripts/csp_hash.py [path/to/index.html]`.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import sys
from pathlib import Path

PLACEHOLDER = "CSP_SCRIPT_HASHES"

# Raw-text parsing is enough here: trunk's output is well-formed and a <script> element's
# content ends at the first `</script` (HTML spec, script data state), which is what we match.
# (trunk's loader never contains `<!--` or `<script`, where the spec's escape states differ.)
SCRIPT_RE = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.I | re.S)
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
META_CSP_RE = re.compile(
    r"<meta\b[^>]*http-equiv\s*=\s*[\"']?content-security-policy[\"']?[^>]*>", re.I | re.S
)
CONTENT_ATTR_RE = re.compile(r"(\bcontent\s*=\s*)(\"[^\"]*\"|'[^']*')", re.I | re.S)
URL_ATTR_RE = re.compile(
    r"<(?P<tag>script|link|img|iframe|source|audio|video|embed|object)\b[^>]*?"
    r"\b(?P<attr>src|href|data)\s*=\s*[\"']?(?P<url>[^\"'\s>]+)",
    re.I | re.S,
)


def fail(msg: str) -> None:
    print(f"csp_hash.py: error: {msg}", file=sys.stderr)
    sys.exit(1)


def script_hash(text: str) -> str:
    # The HTML parser normalises CR LF and lone CR to LF before the browser hashes the text.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_scripts(html: str) -> list[str]:
    """Texts of the inline scripts, in order, skipping comments (scanned left to right so
    that a `<!--` inside a script's text is not mistaken for a comment)."""
    texts: list[str] = []
    pos = 0
    open_re = re.compile(r"<!--|<script\b", re.I)
    while True:
        m = open_re.search(html, pos)
        if m is None:
            return texts
        if m.group(0) == "<!--":
            end = html.find("-->", m.end())
            if end < 0:
                return texts
            pos = end + 3
            continue
        sm = SCRIPT_RE.match(html, m.start())
        if sm is None:
            fail(f"unterminated <script> at offset {m.start()}")
        if not re.search(r"\bsrc\s*=", sm.group("attrs"), re.I):
            texts.append(sm.group("body"))
        pos = sm.end()


def inline_script_hashes(html: str) -> list[str]:
    hashes: list[str] = []
    for text in inline_scripts(html):
        h = script_hash(text)
        if h not in hashes:
            hashes.append(h)
    return hashes


def check_same_origin(html: str) -> None:
    offenders = []
    for m in URL_ATTR_RE.finditer(COMMENT_RE.sub("", html)):
        url = m.group("url").strip().lower()
        if url.startswith(("http:", "https:", "//", "ws:", "wss:", "ftp:")):
            offenders.append(f"<{m.group('tag')} {m.group('attr')}={m.group('url')}>")
    if offenders:
        fail("index.html references another origin: " + ", ".join(offenders))


def process(html: str) -> tuple[str, list[str]]:
    metas = list(META_CSP_RE.finditer(html))
    if not metas:
        fail('no <meta http-equiv="Content-Security-Policy"> tag in index.html')
    if len(metas) > 1:
        fail("more than one Content-Security-Policy meta tag in index.html")
    meta = metas[0]
    tag = meta.group(0)
    content = CONTENT_ATTR_RE.search(tag)
    if content is None:
        fail("the Content-Security-Policy meta tag has no quoted content attribute")
    if PLACEHOLDER not in content.group(2):
        fail(
            f"placeholder {PLACEHOLDER} not found in the Content-Security-Policy meta tag "
            "(was the hook run twice on the same file, or was the placeholder removed?)"
        )

    check_same_origin(html)
    hashes = inline_script_hashes(html)
    if not hashes:
        print(
            "csp_hash.py: warning: no inline <script> found; removing the placeholder",
            file=sys.stderr,
        )

    quoted = content.group(2)
    new_quoted = quoted.replace(PLACEHOLDER, " ".join(hashes))
    new_quoted = re.sub(r"  +", " ", new_quoted)
    new_tag = tag[: content.start(2)] + new_quoted + tag[content.end(2) :]
    new_html = html[: meta.start()] + new_tag + html[meta.end() :]

    # Changing the meta tag must not change any script text (it cannot: scripts are hashed
    # outside the meta tag), but check rather than trust.
    if inline_script_hashes(new_html) != hashes:
        fail("inline scripts changed while rewriting the meta tag")
    return new_html, hashes


def main() -> None:
    if len(sys.argv) > 1:
        path = Path(sys.argv[1])
    else:
        staging = os.environ.get("TRUNK_STAGING_DIR")
        if not staging:
            fail("TRUNK_STAGING_DIR is not set (run from trunk, or pass the path to index.html)")
        path = Path(staging) / "index.html"
    if not path.is_file():
        fail(f"{path} does not exist")

    # newline="" keeps the file's line endings byte for byte.
    with open(path, encoding="utf-8", newline="") as f:
        html = f.read()
    new_html, hashes = process(html)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(new_html)
    print(f"csp_hash.py: {path}: script-src now allows {' '.join(hashes) or 'no inline script'}")


if __name__ == "__main__":
    main()
