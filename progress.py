"""Progress of batch runs: a live bar on a terminal, JSON lines for machines, and always
one line per failure with its reason."""

from __future__ import annotations

import json
import sys
import time
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from .batch import Outcome


class BatchProgress:
    """Counts documents and pages as they finish.

    ``log_json`` replaces the bar by one JSON object per document on standard error (path,
    status, pages, seconds, error, resumed), for logs that machines read.
    """

    def __init__(self, total: int, enabled: bool = True, log_json: bool = False) -> None:
        self.console = Console(stderr=True)
        self.log_json = log_json
        self.failed = 0
        self.pages = 0
        self.started = time.monotonic()
        self._bar: Progress | None = None
        if enabled and not log_json and self.console.is_terminal:
            self._bar = Progress(
                TextColumn("[bold]kehoach run"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[pages]} pages · {task.fields[rate]:.2f} pages/s · {task.fields[failed]} failed"),
                TimeElapsedColumn(), TimeRemainingColumn(), console=self.console, transient=False)
            self._task = self._bar.add_task("documents", total=total, pages=0, rate=0.0, failed=0)

    def __enter__(self) -> BatchProgress:
        if self._bar:
            self._bar.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar:
            self._bar.stop()

    def _say(self, message: str) -> None:
        """Print above the live bar (or plainly without one), never inside it."""
        self.console.print(message, markup=False, highlight=False, soft_wrap=True)

    def done(self, outcome: Outcome) -> None:
        pages = int(outcome.record.get("pages") or 0)
        if not outcome.resumed:
            self.pages += pages
        if outcome.status == "failed":
            self.failed += 1
        if self.log_json:
            print(json.dumps({"path": str(outcome.input.path), "status": outcome.status, "pages": pages,
                              "seconds": round(outcome.seconds, 3), "error": outcome.message,
                              "resumed": outcome.resumed}, ensure_ascii=False), file=sys.stderr, flush=True)
        elif outcome.status == "failed":
            self._say(f"kehoach: error: {outcome.message}")
        elif outcome.status == "skipped":
            self._say(f"kehoach: skipped: {outcome.message}")
        if self._bar:
            rate = self.pages / max(time.monotonic() - self.started, 1e-6)
            self._bar.update(self._task, advance=1, pages=self.pages, rate=rate, failed=self.failed)
