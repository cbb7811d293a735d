"""Where articles are analysed: here, in local worker processes, or on Dask workers.

Every engine takes a stream of tasks ``(id, text, warnings)`` and gives back a stream of
:class:`~articlenlp.types.Analysis` in input order. Workers hold one Analyzer per
process (loaded on first use and kept), run the whole pipeline on a chunk of tasks with
``nlp.pipe`` and send back Analyses, which are small plain dataclasses: spaCy ``Doc``
objects never cross a process boundary and no text is parsed twice.

- ``local``: :func:`articlenlp.engines.local.analyze_parallel`, a process pool on this
  machine (``analyze_many(..., n_process=N)``, ``articlenlp analyze --jobs N``);
- ``dask``: :class:`articlenlp.engines.dask_engine.DaskEngine`, chunks sent to a Dask
  cluster (``articlenlp analyze --engine dask [--scheduler ADDRESS]``).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from ..types import Analysis

Task = tuple[str, str, list[str]]
"""One article to analyse: its id, its text, and the warnings reading it raised."""

T = TypeVar("T")


@dataclass(frozen=True)
class AnalyzerSettings:
    """What a worker needs to build its Analyzer: names and paths, no loaded objects."""

    spacy_model: str | None = None
    model_path: str | None = None


_analyzers: dict[AnalyzerSettings, Any] = {}
_load_lock = threading.Lock()
_run_locks: dict[AnalyzerSettings, threading.Lock] = {}


def worker_analyzer(settings: AnalyzerSettings) -> Any:
    """This process's Analyzer for ``settings``: loaded on first use, then reused."""
    with _load_lock:
        analyzer = _analyzers.get(settings)
        if analyzer is None:
            from ..pipeline import Analyzer

            analyzer = _analyzers[settings] = Analyzer(settings.spacy_model, settings.model_path)
            _run_locks[settings] = threading.Lock()
        return analyzer


def adopt_analyzer(analyzer: Any) -> None:
    """Use an already loaded Analyzer (a forked worker inherits its parent's)."""
    with _load_lock:
        settings = AnalyzerSettings(analyzer.spacy_model, analyzer.model_path)
        _analyzers[settings] = analyzer
        _run_locks[settings] = threading.Lock()


def analyze_chunk(settings: AnalyzerSettings, tasks: list[Task], batch_size: int) -> list[Analysis]:
    """Run on a worker: one chunk of tasks through this process's pipeline.

    A worker process may run several tasks at once in threads (Dask's ``--nthreads``);
    spaCy pipelines are not documented as thread-safe, so each process runs one chunk at
    a time. Give workers one thread each and use more processes instead.
    """
    from ..pipeline import analyze_serial

    analyzer = worker_analyzer(settings)
    with _run_locks[settings]:
        return list(analyze_serial(analyzer.nlp, tasks, batch_size))


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last may be shorter), reading ``items`` lazily."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Future(Protocol):
    def result(self) -> Any: ...

    def cancel(self) -> Any: ...


def stream_in_order(submit: Callable[[list[Task]], _Future], tasks: Iterable[Task], chunk_size: int, window: int) -> Iterator[Analysis]:
    """Submit chunks of tasks, at most ``window`` at a time, and yield results in input order.

    Only ``window`` chunks are read ahead of the one being yielded, so memory stays flat
    however long ``tasks`` is. Closing the generator cancels what has not started.
    """
    pending: deque[_Future] = deque()
    try:
        for chunk in chunked(tasks, chunk_size):
            pending.append(submit(chunk))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
