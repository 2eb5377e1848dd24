"""Where batch work runs: in this process, in a local pool of processes, or on a Dask cluster.

Every executor runs the same picklable task (a module-level function of plain arguments)
and yields ``(key, result)`` as tasks finish, in any order; a task whose worker died yields
a :class:`WorkerDied` instead of a result. Only the parent process writes outputs. An
optional ``setup`` function runs once in every worker before its first task (loading the
models), so that no document's time includes it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .errors import BatchAbortedError

Task = tuple[str, tuple[Any, ...]]  # (key, arguments)


class WorkerDied(Exception):
    """The process running a task ended without an answer (killed, out of memory, crashed)."""


class Executor(ABC):
    @abstractmethod
    def run(self, fn: Callable[..., Any], tasks: Sequence[Task],
            setup: Callable[[], None] | None = None) -> Iterator[tuple[str, Any]]:
        """Yield ``(key, fn(*args))`` for each task as it finishes (or ``(key, WorkerDied)``)."""

    def close(self) -> None:
        """Release what the executor holds (a cluster connection); nothing by default."""


class SerialExecutor(Executor):
    """In this process, one task after another: for one job, and for debugging."""

    def run(self, fn: Callable[..., Any], tasks: Sequence[Task],
            setup: Callable[[], None] | None = None) -> Iterator[tuple[str, Any]]:
        if setup is not None and tasks:
            setup()
        for key, args in tasks:
            yield key, fn(*args)


class LocalPoolExecutor(Executor):
    """A pool of worker processes on this machine.

    A worker that dies breaks a ``ProcessPoolExecutor`` for every task in flight. Those tasks
    are then retried one at a time, each in a fresh single-worker pool, so that only the task
    that kills its worker is reported as such and the others still finish.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def run(self, fn: Callable[..., Any], tasks: Sequence[Task],
            setup: Callable[[], None] | None = None) -> Iterator[tuple[str, Any]]:
        suspects: list[Task] = []
        with ProcessPoolExecutor(max_workers=self.jobs, initializer=setup) as pool:
            futures: dict[Future, Task] = {pool.submit(fn, *args): (key, args) for key, args in tasks}
            pending = set(futures)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    key, args = futures[future]
                    try:
                        yield key, future.result()
                    except BrokenProcessPool:
                        suspects.append((key, args))
        for key, args in suspects:
            with ProcessPoolExecutor(max_workers=1, initializer=setup) as alone:
                try:
                    yield key, alone.submit(fn, *args).result()
                except BrokenProcessPool:
                    yield key, WorkerDied("the worker process died while processing it (killed or out of memory)")


class DaskExecutor(Executor):
    """An existing Dask distributed cluster (``dask scheduler`` + ``dask worker``s), by address.

    Workers must have kehoach and Tesseract installed. Dask reschedules a task whose worker
    died on another worker; after its allowed failures the task is reported dead.

    Tasks are handed over only as worker threads fall free (as many in flight as the cluster
    has threads), not all at once: the scheduler queues a second task on a busy worker, so
    near the end of a batch one worker can hold two tasks while another idles; and a run of
    100,000 pages should not put 100,000 futures on the scheduler.
    """

    def __init__(self, address: str) -> None:
        from distributed import Client

        self.address = address
        try:
            self.client = Client(address, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise BatchAbortedError(f"cannot reach the Dask scheduler at {address} ({exc})") from exc

    def run(self, fn: Callable[..., Any], tasks: Sequence[Task],
            setup: Callable[[], None] | None = None) -> Iterator[tuple[str, Any]]:
        from distributed import KilledWorker, as_completed

        try:
            if setup is not None and tasks:
                self.client.run(setup)  # the workers there now; one that joins later loads on its first task
            waiting = iter(tasks)
            in_flight: dict[Any, str] = {}
            finished = as_completed()

            def hand_over() -> None:
                """Submit tasks until every worker thread has one (at least one task in flight)."""
                threads = max(1, sum(self.client.nthreads().values()))
                while len(in_flight) < threads and (task := next(waiting, None)) is not None:
                    key, args = task
                    future = self.client.submit(fn, *args, pure=False)
                    in_flight[future] = key
                    finished.add(future)

            hand_over()
            for future in finished:
                key = in_flight.pop(future)
                hand_over()  # before the caller writes this result, so that no worker waits on it
                try:
                    yield key, future.result()
                except KilledWorker as exc:
                    yield key, WorkerDied(f"Dask worker died while processing it ({exc})")
        except (OSError, CancelledError, TimeoutError) as exc:  # CommClosedError is an OSError
            raise BatchAbortedError(f"lost the Dask scheduler at {self.address} "
                                    f"({type(exc).__name__}: {exc or 'connection closed'})") from exc

    def close(self) -> None:
        self.client.close()


def make_executor(jobs: int, dask_address: str | None = None) -> Executor:
    if dask_address:
        return DaskExecutor(dask_address)
    return LocalPoolExecutor(jobs) if jobs > 1 else SerialExecutor()
