"""Where work units run: here, in a pool of local processes, or on a Dask cluster.

:func:`executor_for` is a context manager that yields a
``concurrent.futures.Executor`` (or ``None``: run here, one unit after the
other) and releases it on the way out, also when the run is interrupted:
queued units are dropped, finished ones are already in the cache. Results do
not depend on the choice (:func:`simulator.runner.run_replications` returns
them in job order).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager

from processes.errors import PermitflowError

__all__ = ["DASK_INSTALL", "QUIET_DASK", "executor_for"]

#: Dask's housekeeping slowed for batch runs: by default every process checks its event loop every
#: 20 ms and samples its own stack for a profile, about 0.2 CPU s per second of wall time across a
#: 2-worker local cluster (measured idle: 6.0 CPU s in 30 s; 0.9 with these). A local cluster's
#: workers and nannies get this configuration from this process.
QUIET_DASK = {
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
}

#: how to get the Dask extra: permitflow is installed from its repository, not from an index
DASK_INSTALL = (
    "install the dask extra from the permitflow folder: .venv/bin/pip install -e '.[dask]' "
    "(or pip install -e '.[dask]' in the environment permitflow runs in)"
)


@contextmanager
def executor_for(*, workers: int | None = None, dask: str | None = None, jobs: int) -> Iterator[Executor | None]:
    """The executor for ``jobs`` work units.

    ``dask``: a scheduler address, or ``"local"`` for a cluster of ``workers``
    processes started here. Otherwise a process pool of ``workers`` (default: all
    cores), or ``None`` (run here) when one worker is enough.
    """
    if dask is not None:
        try:
            from dask import config as dask_config
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise PermitflowError(f"running on Dask needs dask.distributed, which is not installed: {DASK_INSTALL}") from None
        with dask_config.set(QUIET_DASK):
            if dask == "local":
                cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
                client = Client(cluster)
                try:
                    yield client.get_executor()
                finally:
                    client.close()
                    cluster.close()
                return
            client = Client(dask)
            try:
                yield client.get_executor()
            finally:
                client.close()  # close, never shutdown: the cluster is not ours
            return
    count = min(workers or os.cpu_count() or 1, jobs)
    if count <= 1:
        yield None
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=count)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
