"""Progress display for batch runs: a live bar on a terminal, one line per failure otherwise."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from .batch import Outcome


class BatchProgress:
    """Counts documents as they finish; failures are always printed, with their reason."""

    def __init__(self, total: int, enabled: bool = True) -> None:
        self.console = Console(stderr=True)
        self.failed = 0
        self.pages = 0
        self._bar: Progress | None = None
        if enabled and self.console.is_terminal:
            self._bar = Progress(
                TextColumn("[bold]kehoach run"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[pages]} pages · {task.fields[failed]} failed"),
                TimeElapsedColumn(), TimeRemainingColumn(), console=self.console, transient=False)
            self._task = self._bar.add_task("documents", total=total, pages=0, failed=0)

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
        self.pages += int(outcome.record.get("pages") or 0)
        if outcome.status == "failed":
            self.failed += 1
            self._say(f"kehoach: error: {outcome.message}")
        elif outcome.status == "skipped":
            self._say(f"kehoach: skipped: {outcome.message}")
        if self._bar:
            self._bar.update(self._task, advance=1, pages=self.pages, failed=self.failed)
