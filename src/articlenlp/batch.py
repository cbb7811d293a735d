"""Folders of articles to JSONL: discovery, streaming, ordering and error records.

Files are read lazily as spaCy asks for more text, results are written as they come,
in input order, one whole line per article. A file that cannot be read becomes one
error record ``{"id": ..., "error": ...}`` and the batch goes on.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .io import SUFFIXES, InputError, read_article
from .pipeline import DEFAULT_BATCH_SIZE, Analyzer, analysis_from_doc


@dataclass(frozen=True)
class Source:
    """One input file and the id its record carries."""

    path: Path
    id: str


@dataclass
class BatchSummary:
    articles: int = 0
    errors: int = 0
    words: int = 0
    seconds: float = 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        return f"articlenlp: {self.articles} articles, {self.errors} errors, {self.seconds:.1f} s, {self.words_per_second:,.0f} words/s"


def discover(paths: Iterable[str | Path], pattern: str | None = None) -> Iterator[Source]:
    """Article files under ``paths`` (files or folders, recursive), sorted per folder.

    Folders yield files whose suffix is one of .txt/.md/.html/.htm (or that match
    ``pattern``); symlinked folders are followed once, so a symlink loop cannot recurse.
    """
    for given in paths:
        root = Path(given)
        if root.is_dir():
            yield from _walk(root, pattern)
        elif root.exists() or root.is_symlink():
            yield Source(root, str(root))
        else:
            raise FileNotFoundError(f"{root}: no such file or folder")


def _walk(root: Path, pattern: str | None) -> Iterator[Source]:
    seen: set[str] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if _wanted(path, pattern):
                yield Source(path, path.relative_to(root).as_posix())


def _wanted(path: Path, pattern: str | None) -> bool:
    if pattern:
        return path.match(pattern)
    return path.suffix.lower() in SUFFIXES and not path.name.startswith(".")


def error_record(source_id: str, message: str) -> dict[str, Any]:
    return {"id": source_id, "error": message}


def run(
    analyzer: Analyzer,
    sources: Iterable[Source],
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[tuple[dict[str, Any], int]]:
    """(record, word count) for ``sources`` in input order, as they are ready.

    A record is an analysis or, for a file that cannot be read, an error record.
    """
    errors: list[tuple[int, dict[str, Any]]] = []

    def texts() -> Iterator[tuple[str, tuple[int, str, list[str]]]]:
        for index, source in enumerate(sources):
            try:
                article = read_article(source.path)
            except InputError as error:
                errors.append((index, error_record(source.id, str(error))))
                continue
            yield article.text, (index, source.id, article.warnings)

    docs = analyzer.nlp.pipe(texts(), as_tuples=True, n_process=n_process, batch_size=batch_size)
    for doc, (index, source_id, warnings) in docs:
        while errors and errors[0][0] < index:
            yield errors.pop(0)[1], 0
        yield analysis_from_doc(doc, source_id, warnings).to_dict(), len(doc.text.split())
    while errors:
        yield errors.pop(0)[1], 0


class JsonlWriter:
    """Writes one whole JSON line per record and flushes it, so readers never see half lines."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle

    def write(self, record: dict[str, Any]) -> None:
        self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.handle.flush()


def analyze_paths(
    analyzer: Analyzer,
    paths: list[str],
    output: IO[str],
    pattern: str | None = None,
    n_process: int = 1,
    progress: bool = False,
    errors_to: IO[str] = sys.stderr,
) -> BatchSummary:
    """The batch job behind ``articlenlp analyze``: returns what it did."""
    sources = list(discover(paths, pattern))
    writer = JsonlWriter(output)
    summary = BatchSummary()
    started = time.perf_counter()
    bar = _progress_bar(len(sources), progress)
    for record, words in run(analyzer, sources, n_process=n_process):
        writer.write(record)
        if "error" in record:
            summary.errors += 1
            print(f"articlenlp: error: {record['error']}", file=errors_to)
        else:
            summary.articles += 1
            summary.words += words
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _progress_bar(total: int, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True)
