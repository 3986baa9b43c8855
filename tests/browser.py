"""What the browser tests share: Debian's Chromium with flags for a closed network, the axe rule set,
and the site served on 127.0.0.1 for the length of a `with` block."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from noks.serve import make_server

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@contextmanager
def serving(site: Path, routes: dict[str, Callable] | None = None) -> Iterator[str]:
    """`noks serve`'s server on a free loopback port; yields the site's URL (ending in /)."""
    httpd = make_server(site) if routes is None else make_server(site, routes=routes)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
