"""The review workflow: people check and correct extracted documents beside the page image.

``kehoach review OUTDIR`` serves :func:`create_app` over an output folder of ``kehoach run``;
corrections go to an append-only log in ``OUTDIR/review/`` (:mod:`.corrections`), are laid
over fresh outputs after a re-run (:mod:`.overlay`), written out by ``kehoach export``
(:meth:`ReviewFolder.export`) and teach the normaliser a user lexicon (:mod:`.teach`).
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import webbrowser

from .folder import ReviewFolder
from .security import UnsafeBind, check_bind, is_loopback

__all__ = ["ReviewFolder", "UnsafeBind", "create_app", "serve"]


def create_app(*args, **kwargs):  # type: ignore[no-untyped-def]
    """See :func:`kehoach.review.app.create_app` (imported on use: Starlette loads in ~0.3 s)."""
    from .app import create_app as create

    return create(*args, **kwargs)


def free_port(host: str) -> int:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def serve(outdir: str, host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
          reviewer: str | None = None, open_browser: bool = True) -> None:
    """Run the review server until interrupted; print its address and open a browser where there is one."""
    import uvicorn

    check_bind(host, token)
    port = port or free_port(host)
    app = create_app(outdir, host=host, port=port, token=token, reviewer=reviewer)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    print(f"kehoach review: {outdir} at {url}  (Ctrl+C to stop)", file=sys.stderr, flush=True)
    if not is_loopback(host):
        print("kehoach review: reachable from other machines; share the address with its token only with reviewers",
              file=sys.stderr)
    has_display = sys.platform in ("darwin", "win32") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if open_browser and has_display:
        threading.Timer(0.8, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", limit_concurrency=64)
