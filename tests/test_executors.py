"""The executors behind `kehoach run`: a worker that dies takes down only its task, and a
real Dask cluster (LocalCluster, 2 worker processes) gives exactly the local results."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from kehoach.batch import run_batch
from kehoach.executors import DaskExecutor, LocalPoolExecutor, WorkerDied
from kehoach.inputs import collect_inputs
from kehoach.pipeline import ProcessOptions


def square_or_die(n: int) -> int:
    if n == 3:
        os._exit(1)  # the worker process vanishes, as when the OOM killer takes it
    return n * n


def test_dead_worker_fails_only_its_task():
    results = dict(LocalPoolExecutor(2).run(square_or_die, [(str(n), (n,)) for n in range(6)]))
    assert isinstance(results.pop("3"), WorkerDied)
    assert results == {"0": 0, "1": 1, "2": 4, "4": 16, "5": 25}


def comparable(path) -> dict:
    doc = json.loads(path.read_text())
    doc.pop("timings")
    return doc


@pytest.mark.slow
def test_dask_cluster_gives_the_local_results(tmp_path, seed, real_pdfs):
    from distributed import LocalCluster

    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(seed, inputs / "seed.txt")
    for name in ("QD-1074-QD-BXD-29-6-2026.pdf", "Phieu-trinh-tham-dinh-1.pdf"):
        shutil.copy(real_pdfs / name, inputs / name)
    items = collect_inputs([inputs])
    local = run_batch(items, tmp_path / "local", ProcessOptions(), LocalPoolExecutor(2))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        executor = DaskExecutor(cluster.scheduler_address)
        try:
            remote = run_batch(items, tmp_path / "dask", ProcessOptions(), executor)
        finally:
            executor.close()
    assert [o.status for o in remote.outcomes] == [o.status for o in local.outcomes] == ["success"] * 3
    for item in items:
        assert comparable(tmp_path / "dask" / item.output_name) == comparable(tmp_path / "local" / item.output_name)


def square(n: int) -> int:
    return n * n


@pytest.mark.slow
def test_dask_gets_tasks_only_as_worker_threads_fall_free():
    """At most one task per worker thread is on the cluster at a time (plus the one being
    handed back), so a long batch never queues a second task behind a busy worker."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        executor = DaskExecutor(cluster.scheduler_address)
        try:
            results, most = {}, 0
            for key, value in executor.run(square, [(str(n), (n,)) for n in range(12)]):
                results[key] = value
                most = max(most, len(executor.client.futures))
        finally:
            executor.close()
    assert results == {str(n): n * n for n in range(12)}
    assert most <= 3
