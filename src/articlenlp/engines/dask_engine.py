"""The Dask engine: chunks of articles analysed on the workers of a Dask cluster.

The client (``articlenlp analyze --engine dask``) reads the files, sends chunks of
``batch_size`` texts as tasks, at most two per worker thread ahead of the output, and
writes the Analyses it gets back in input order: the JSONL is the same as the local
engine's. Each worker process loads the pipeline once, on its first task (or at
:meth:`DaskEngine.warm_up`), and keeps it. Workers need articlenlp (and the spaCy
pipeline) installed; a ``--model`` path must exist on every worker. Texts travel with the
tasks, so workers need no access to the input files.

Needs ``pip install 'articlenlp[dask]'``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..pipeline import DEFAULT_BATCH_SIZE
from ..types import Analysis
from . import AnalyzerSettings, Task, analyze_chunk, stream_in_order, worker_analyzer

INSTALL_HINT = "the dask engine needs dask.distributed: pip install 'articlenlp[dask]'"


class DaskUnavailable(ImportError):
    """dask.distributed is not installed."""


def dask_available() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


class DaskEngine:
    """Analyses on a Dask cluster: the one at ``scheduler`` (``tcp://host:8786``), else a
    LocalCluster of ``n_workers`` single-threaded worker processes on loopback.

    Use as a context manager, or call :meth:`close`: it closes the client and the
    LocalCluster it started (never a cluster it connected to).
    """

    def __init__(
        self,
        settings: AnalyzerSettings | None = None,
        scheduler: str | None = None,
        n_workers: int = 1,
        batch_size: int = DEFAULT_BATCH_SIZE,
        timeout: float = 30,
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as error:
            raise DaskUnavailable(INSTALL_HINT) from error
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.settings = settings or AnalyzerSettings()
        self.batch_size = batch_size
        self.cluster: Any = None
        if scheduler:
            self.client = Client(scheduler, timeout=timeout)
        else:
            self.cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)
            self.client = Client(self.cluster, timeout=timeout)

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def threads(self) -> int:
        """Worker threads in the cluster now."""
        return sum(self.client.nthreads().values())

    def warm_up(self) -> None:
        """Load the pipeline on every worker now, so a missing model fails here, at once."""
        workers = list(self.client.nthreads())
        futures = [self.client.submit(_load, self.settings, workers=[w], allow_other_workers=False, pure=False) for w in workers]
        self.client.gather(futures)

    def analyze_tasks(self, tasks: Iterable[Task]) -> Iterator[Analysis]:
        """``(id, text, warnings)`` triples to Analyses, in input order, as they are ready."""
        window = 2 * max(1, self.threads())
        return stream_in_order(self._submit, tasks, self.batch_size, window)

    def _submit(self, chunk: list[Task]) -> Any:
        return self.client.submit(analyze_chunk, self.settings, chunk, self.batch_size, pure=False)


def _load(settings: AnalyzerSettings) -> bool:
    worker_analyzer(settings)
    return True
