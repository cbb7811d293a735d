"""The local parallel engine: a pool of worker processes on this machine.

spaCy's own ``nlp.pipe(n_process=N)`` is not used: it sends every ``Doc`` back to the
parent with ``Doc.to_bytes``, which cannot serialise articlenlp's ``Doc`` extension values
(layout blocks, entities, quotes...) and would also ship the tok2vec tensors. Here each
worker runs the whole pipeline with ``nlp.pipe(batch_size=...)`` and sends back only the
Analyses.

On Linux the workers are forked from the process that loaded the Analyzer, so they start
at once and share its memory pages; elsewhere they are spawned and load their own.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from ..types import Analysis
from . import AnalyzerSettings, Task, adopt_analyzer, analyze_chunk, stream_in_order

_settings: AnalyzerSettings | None = None


def analyze_parallel(analyzer: Any, tasks: Iterable[Task], n_process: int, batch_size: int) -> Iterator[Analysis]:
    """Analyses of ``tasks`` in input order, computed by ``n_process`` worker processes."""
    context = _context()
    forked = context.get_start_method() == "fork"
    settings = AnalyzerSettings(analyzer.spacy_model, analyzer.model_path)
    # A forked worker inherits the loaded Analyzer as it is; a spawned one gets the settings.
    initargs = (analyzer if forked else None, settings, os.getpid())
    pool = ProcessPoolExecutor(max_workers=n_process, mp_context=context, initializer=_start_worker, initargs=initargs)
    try:
        yield from stream_in_order(lambda chunk: pool.submit(_work, chunk, batch_size), tasks, batch_size, 2 * n_process)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _context() -> Any:
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start_worker(analyzer: Any, settings: AnalyzerSettings, parent: int) -> None:
    global _settings
    _settings = settings
    if analyzer is not None:
        adopt_analyzer(analyzer)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent was killed would otherwise wait for work forever."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work(tasks: list[Task], batch_size: int) -> list[Analysis]:
    assert _settings is not None, "worker not initialised"
    return analyze_chunk(_settings, tasks, batch_size)
