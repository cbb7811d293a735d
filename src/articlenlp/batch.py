"""Folders of articles to JSONL: discovery, streaming, ordering, error records and resume.

Files are found and read lazily, as the engine asks for more text, and results are
written as they come, in input order, one whole line per article: memory does not grow
with the number of files. A file that cannot be read becomes one error record
``{"id": ..., "error": ...}`` and the batch goes on.

Resume. Next to an output file ``OUT`` the batch keeps ``OUT.state``: a header line with
the settings (articlenlp version, spaCy pipeline, stance model sha256), then one line
``{"id": ..., "sha256": ...}`` per record, written and flushed right after the record's
line, holding the sha256 of the input file's bytes. A record counts as written once its
state line is there. ``resume=True`` (``articlenlp analyze ... -o OUT --resume``):

- drops a truncated last line of ``OUT`` and records without a state line (the run was
  killed between the two writes), keeping every other record where it is;
- skips the input files whose id and sha256 match a kept record;
- drops the record of a file that has changed since (its sha256 differs) and analyses the
  file again; records of files that are no longer among the inputs are kept;
- analyses the remaining files and appends their records in input order.

So a run killed at any point and resumed with the same arguments ends with exactly the
records of an uninterrupted run, in the same order.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import sys
import time
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

from . import __version__
from .io import SUFFIXES, InputError, read_article
from .pipeline import DEFAULT_BATCH_SIZE, Analyzer
from .types import Analysis

Task = tuple[str, str, list[str]]
Engine = Callable[[Iterable[Task]], Iterator[Analysis]]
"""Turns ``(id, text, warnings)`` tasks into Analyses in input order (see articlenlp.engines)."""

STATE_SUFFIX = ".state"
STATE_FORMAT = "articlenlp-batch-state/1"


@dataclass(frozen=True)
class Source:
    """One input file and the id its record carries."""

    path: Path
    id: str


class Outcome(NamedTuple):
    """One output record, the words analysed, and the sha256 of the input file (when asked)."""

    record: dict[str, Any]
    words: int
    sha256: str | None = None


@dataclass
class BatchSummary:
    articles: int = 0
    errors: int = 0
    words: int = 0
    seconds: float = 0.0
    skipped: int = 0
    skipped_errors: int = 0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def failed(self) -> bool:
        """Whether any input ended as an error record, in this run or a resumed one."""
        return bool(self.errors or self.skipped_errors)

    def line(self) -> str:
        done = f", {self.skipped} already done" if self.skipped else ""
        return (
            f"articlenlp: {self.articles} articles, {self.errors} errors{done}, {self.seconds:.1f} s, {self.words_per_second:,.0f} words/s"
        )


def discover(paths: Iterable[str | Path], pattern: str | None = None) -> Iterator[Source]:
    """Article files under ``paths`` (files or folders, recursive), sorted per folder.

    Lazy: one folder listing at a time, never the whole tree. Folders yield files whose
    suffix is one of .txt/.md/.html/.htm (or that match ``pattern``); symlinked folders
    are followed once, so a symlink loop cannot recurse.
    """
    for given in paths:
        root = Path(given)
        if root.is_dir():
            yield from _walk(root, pattern)
        elif root.exists() or root.is_symlink():
            yield Source(root, str(root))
        else:
            raise FileNotFoundError(f"{root}: no such file or folder")


def count_sources(paths: Iterable[str | Path], pattern: str | None = None) -> int:
    """How many files :func:`discover` yields: a walk of the folders, no file is opened."""
    return sum(1 for _ in discover(paths, pattern))


def _walk(root: Path, pattern: str | None) -> Iterator[Source]:
    seen: set[str] = set()
    top = os.path.realpath(root)
    unlisted: list[OSError] = []  # folders that could not be listed: each becomes an error record
    for folder, dirs, files in os.walk(root, followlinks=True, onerror=unlisted.append):
        yield from _unlisted(root, unlisted)
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        # A symlink to this folder, the root or a folder above them is a loop: not followed.
        dirs[:] = sorted(d for d in dirs if not _loops_back(os.path.join(folder, d), (real, top)))
        for name in sorted(files):
            path = Path(folder) / name
            if _wanted(path, pattern):
                yield Source(path, path.relative_to(root).as_posix())
    yield from _unlisted(root, unlisted)


def _loops_back(path: str, folders: tuple[str, ...]) -> bool:
    if not os.path.islink(path):
        return False
    target = os.path.realpath(path)
    return any(folder == target or folder.startswith(target.rstrip(os.sep) + os.sep) for folder in folders)


def _unlisted(root: Path, errors: list[OSError]) -> Iterator[Source]:
    """A Source for each folder os.walk could not list; reading it gives the error record."""
    while errors:
        folder = Path(errors.pop(0).filename or root)
        try:
            source_id = folder.relative_to(root).as_posix()
        except ValueError:
            source_id = str(folder)
        yield Source(folder, source_id if source_id != "." else str(root))


def _wanted(path: Path, pattern: str | None) -> bool:
    if pattern:
        return path.match(pattern)
    return path.suffix.lower() in SUFFIXES and not path.name.startswith(".")


def error_record(source_id: str, message: str) -> dict[str, Any]:
    return {"id": source_id, "error": message}


def sha256_file(path: Path) -> str | None:
    """sha256 of the file's bytes, or None when it cannot be read."""
    digest = hashlib.sha256()
    if not path.is_file():  # a FIFO would block, /dev/zero never end: read_article refuses them
        return None
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def local_engine(analyzer: Analyzer, n_process: int = 1, batch_size: int = DEFAULT_BATCH_SIZE) -> Engine:
    """This machine: ``nlp.pipe`` here (``n_process=1``) or a pool of worker processes."""

    def analyze(tasks: Iterable[Task]) -> Iterator[Analysis]:
        return analyzer.analyze_tasks(tasks, n_process=n_process, batch_size=batch_size)

    return analyze


def run(
    analyzer: Analyzer | None,
    sources: Iterable[Source],
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    *,
    engine: Engine | None = None,
    hashes: bool = False,
    skip: Callable[[Source], bool] | None = None,
) -> Iterator[Outcome]:
    """An :class:`Outcome` per source, in input order, as they are ready.

    A record is an analysis or, for a file that cannot be read, an error record. Sources
    for which ``skip(source)`` is true are left out. With ``hashes`` each outcome carries
    the sha256 of its file.
    """
    if engine is None:
        if analyzer is None:
            raise ValueError("run() needs an analyzer or an engine")
        engine = local_engine(analyzer, n_process, batch_size)
    errors: deque[tuple[int, Outcome]] = deque()
    pending: deque[tuple[int, str, str | None]] = deque()  # (index, id, sha256) of every task sent

    def tasks() -> Iterator[Task]:
        for index, source in enumerate(sources):
            if skip is not None and skip(source):
                continue
            digest = sha256_file(source.path) if hashes else None
            try:
                article = read_article(source.path)
            except InputError as error:
                errors.append((index, Outcome(error_record(source.id, str(error)), 0, digest)))
                continue
            pending.append((index, source.id, digest))
            yield source.id, article.text, article.warnings

    for analysis in engine(tasks()):
        index, source_id, digest = pending.popleft()
        if analysis.id != source_id:
            raise RuntimeError(f"engine returned {analysis.id!r} where {source_id!r} was expected")
        while errors and errors[0][0] < index:
            yield errors.popleft()[1]
        yield Outcome(analysis.to_dict(), len(analysis.text.split()), digest)
    while errors:
        yield errors.popleft()[1]


class JsonlWriter:
    """Writes one whole JSON line per record and flushes it, so readers never see half lines.

    With a ``state`` handle, it then writes and flushes the record's state line (id and
    the sha256 of its input), which commits the record for ``--resume``.
    """

    def __init__(self, handle: IO[str], state: IO[str] | None = None) -> None:
        self.handle = handle
        self.state = state
        # \u escapes where the stream cannot encode every character (e.g. a cp1252 console)
        self.ascii = not _is_utf8(handle)

    def write(self, record: dict[str, Any], sha256: str | None = None) -> None:
        # The whole line is built first and written in one call: a failure while building
        # it writes nothing, so the output never holds half a record.
        self.handle.write(json.dumps(record, ensure_ascii=self.ascii) + "\n")
        self.handle.flush()
        if self.state is not None:
            self.state.write(json.dumps({"id": record["id"], "sha256": sha256}, ensure_ascii=False) + "\n")
            self.state.flush()


def _is_utf8(handle: IO[str]) -> bool:
    encoding = getattr(handle, "encoding", None)
    if not isinstance(encoding, str):
        return True  # StringIO and the like hold str
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def analyze_paths(
    analyzer: Analyzer | None,
    paths: list[str],
    output: IO[str],
    pattern: str | None = None,
    n_process: int = 1,
    progress: bool = False,
    errors_to: IO[str] = sys.stderr,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    engine: Engine | None = None,
) -> BatchSummary:
    """The batch job behind ``articlenlp analyze`` writing to a stream: returns what it did."""
    engine = engine or local_engine(_need(analyzer), n_process, batch_size)
    total = count_sources(paths, pattern) if progress else 0
    return _write_all(run(None, discover(paths, pattern), engine=engine), JsonlWriter(output), BatchSummary(), progress, total, errors_to)


def analyze_to_file(
    analyzer: Analyzer | None,
    paths: list[str],
    output_path: str | Path,
    pattern: str | None = None,
    n_process: int = 1,
    progress: bool = False,
    errors_to: IO[str] = sys.stderr,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    engine: Engine | None = None,
    resume: bool = False,
    settings: dict[str, Any] | None = None,
) -> BatchSummary:
    """The batch job writing ``output_path`` and its ``.state`` file, resuming when asked.

    ``settings`` (see :func:`run_settings`) go into the state header; resuming with other
    settings is refused, as the old and new records would not match.
    """
    output_path = Path(output_path)
    state_path = state_path_for(output_path)
    settings = settings if settings is not None else {}
    summary = BatchSummary()
    skip: Callable[[Source], bool] | None = None
    if resume and output_path.exists():
        kept = repair(output_path, state_path, settings, discover(paths, pattern))
        summary.skipped, summary.skipped_errors = kept.skipped, kept.skipped_errors
        skip = kept.skips
        mode = "a"
    else:
        mode = "w"
    engine = engine or local_engine(_need(analyzer), n_process, batch_size)
    total = count_sources(paths, pattern) if progress else 0
    with open(output_path, mode, encoding="utf-8") as output, open(state_path, mode, encoding="utf-8") as state:
        if mode == "w":
            state.write(json.dumps({"format": STATE_FORMAT, "settings": settings}) + "\n")
            state.flush()
        outcomes = run(None, discover(paths, pattern), engine=engine, hashes=True, skip=skip)
        return _write_all(outcomes, JsonlWriter(output, state), summary, progress, total, errors_to)


def _need(analyzer: Analyzer | None) -> Analyzer:
    if analyzer is None:
        raise ValueError("the local engine needs an Analyzer")
    return analyzer


def _write_all(
    outcomes: Iterable[Outcome], writer: JsonlWriter, summary: BatchSummary, progress: bool, total: int, errors_to: IO[str]
) -> BatchSummary:
    started = time.perf_counter()
    bar = _progress_bar(total, summary.skipped, progress)
    try:
        for record, words, digest in outcomes:
            writer.write(record, digest)
            if "error" in record:
                summary.errors += 1
                print(f"articlenlp: error: {record['error']}", file=errors_to)
            else:
                summary.articles += 1
                summary.words += words
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _progress_bar(total: int, done: int, enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: the local engine forks worker processes
    return tqdm(total=total, initial=done, unit="article", file=sys.stderr, dynamic_ncols=True)


# --- resume ---------------------------------------------------------------------------------


def state_path_for(output_path: str | Path) -> Path:
    output_path = Path(output_path)
    return output_path.with_name(output_path.name + STATE_SUFFIX)


def run_settings(spacy_model: str | None, model_path: str | Path | None) -> dict[str, Any]:
    """What decides the records besides the input: written to the state header."""
    from .modelcard import read_card
    from .pipeline import default_spacy_model
    from .stance import default_model_path

    card = read_card(Path(model_path) if model_path else default_model_path())
    return {"articlenlp": __version__, "spacy_model": spacy_model or default_spacy_model(), "stance_model_sha256": card.get("sha256")}


@dataclass
class Resumed:
    """What :func:`repair` kept: the sources to skip and how many of them were errors."""

    skip_keys: set[tuple[str, str]]
    skipped: int
    skipped_errors: int

    def skips(self, source: Source) -> bool:
        return (source.id, str(source.path)) in self.skip_keys


class _Line(NamedTuple):
    start: int  # byte offset in the output file
    end: int
    id: str
    error: bool


def repair(output_path: Path, state_path: Path, settings: dict[str, Any], sources: Iterable[Source]) -> Resumed:
    """Make ``output_path`` hold only committed, current records; say which sources to skip.

    Raises ValueError when the output cannot be resumed (no state file, other settings).
    """
    lines = _complete_lines(output_path)
    size = output_path.stat().st_size
    if not state_path.exists():
        if not lines and size == 0:
            _write_state(state_path, settings, [])
            return Resumed(set(), 0, 0)
        raise ValueError(f"{output_path}: cannot resume, {state_path.name} is missing; run again without --resume")
    header, entries = _read_state(state_path)
    if header.get("format") != STATE_FORMAT:
        raise ValueError(f"{state_path}: not an articlenlp state file")
    if header.get("settings") != settings:
        raise ValueError(
            f"{output_path}: cannot resume, it was written with other settings ({header.get('settings')} vs {settings}); "
            "run again without --resume"
        )
    committed = _match(lines, entries)
    # What the inputs are now: the record of a file that has changed since is stale.
    ids = {line.id for line, _ in committed}
    current: dict[tuple[str, str | None], deque[str]] = {}
    input_ids: set[str] = set()
    for source in sources:
        if source.id in ids:
            input_ids.add(source.id)
            current.setdefault((source.id, sha256_file(source.path)), deque()).append(str(source.path))
    kept: list[tuple[_Line, str | None]] = []
    skip_keys: set[tuple[str, str]] = set()
    skipped_errors = 0
    for line, digest in committed:
        if line.id not in input_ids:
            kept.append((line, digest))  # not among this run's inputs: kept as it is
            continue
        paths = current.get((line.id, digest))
        if paths:  # else stale (or a duplicate): dropped, and the file analysed again
            skip_keys.add((line.id, paths.popleft()))
            kept.append((line, digest))
            skipped_errors += line.error
    _rewrite(output_path, size, [line for line, _ in kept])
    _write_state(state_path, settings, [(line.id, digest) for line, digest in kept])
    return Resumed(skip_keys, len(skip_keys), skipped_errors)


def _complete_lines(path: Path) -> list[_Line]:
    """Every whole, parseable JSON line with an id; a truncated last line is left out."""
    lines: list[_Line] = []
    offset = 0
    with open(path, "rb") as handle:
        for raw in handle:
            start, offset = offset, offset + len(raw)
            if not raw.endswith(b"\n"):
                break
            try:
                record = json.loads(raw)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                lines.append(_Line(start, offset, record["id"], "error" in record))
    return lines


def _read_state(path: Path) -> tuple[dict[str, Any], list[tuple[str, str | None]]]:
    header: dict[str, Any] = {}
    entries: list[tuple[str, str | None]] = []
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle):
            if not raw.endswith(b"\n"):
                break
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            if number == 0:
                header = data if isinstance(data, dict) else {}
            elif isinstance(data, dict) and isinstance(data.get("id"), str):
                entries.append((data["id"], data.get("sha256")))
    return header, entries


def _match(lines: list[_Line], entries: list[tuple[str, str | None]]) -> list[tuple[_Line, str | None]]:
    """Pair output lines with state entries, both in file order; a line without one is dropped.

    Lines and entries are written in lockstep, so normally they pair one to one; after a
    crash, one side may hold an extra item, which this skips.
    """
    positions: dict[str, list[int]] = {}
    for position, (entry_id, _) in enumerate(entries):
        positions.setdefault(entry_id, []).append(position)
    paired = []
    after = 0
    for line in lines:
        found = positions.get(line.id, [])
        i = bisect_left(found, after)
        if i < len(found):
            paired.append((line, entries[found[i]][1]))
            after = found[i] + 1
    return paired


def _rewrite(path: Path, size: int, kept: list[_Line]) -> None:
    """Leave only the ``kept`` lines in ``path``: a truncation when they are its start."""
    end = kept[-1].end if kept else 0
    if all(line.start == (kept[i - 1].end if i else 0) for i, line in enumerate(kept)):
        if end != size:
            os.truncate(path, end)
        return
    temporary = path.with_name(path.name + ".tmp")
    with open(path, "rb") as source, open(temporary, "wb") as target:
        for line in kept:
            source.seek(line.start)
            target.write(source.read(line.end - line.start))
        target.flush()
        os.fsync(target.fileno())
    os.replace(temporary, path)


def _write_state(path: Path, settings: dict[str, Any], entries: list[tuple[str, str | None]]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"format": STATE_FORMAT, "settings": settings}) + "\n")
        for entry_id, digest in entries:
            handle.write(json.dumps({"id": entry_id, "sha256": digest}, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


# --- the command ----------------------------------------------------------------------------


ENGINES = ("local", "dask")


def run_job(
    paths: list[str],
    output_path: str | Path | None = None,
    *,
    pattern: str | None = None,
    jobs: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    engine: str = "local",
    scheduler: str | None = None,
    resume: bool = False,
    spacy_model: str | None = None,
    model_path: str | None = None,
    progress: bool = False,
    errors_to: IO[str] = sys.stderr,
) -> BatchSummary:
    """``articlenlp analyze``: checks the options (ValueError for bad ones), builds the
    engine, and writes ``output_path`` (with resume state) or standard output.

    ``engine="local"`` runs ``jobs`` processes here; ``engine="dask"`` sends chunks of
    ``batch_size`` articles to the Dask cluster at ``scheduler``, else to a LocalCluster of
    ``jobs`` worker processes.
    """
    from .modelcard import ModelError

    if jobs < 1:
        raise ValueError("--jobs must be at least 1")
    if batch_size < 1:
        raise ValueError("--batch-size must be at least 1")
    if engine not in ENGINES:
        raise ValueError(f"--engine must be one of {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise ValueError("--scheduler needs --engine dask")
    if resume and not output_path:
        raise ValueError("--resume needs -o FILE: the output file is what is resumed")
    for path in paths:
        if not Path(path).exists():
            raise FileNotFoundError(f"{path}: no such file or folder")
    try:
        settings = run_settings(spacy_model, model_path) if output_path else {}
        if engine == "dask":
            return _run_dask(
                paths, output_path, pattern, jobs, batch_size, scheduler, resume, spacy_model, model_path, settings, progress, errors_to
            )
        analyzer = Analyzer(spacy_model=spacy_model, model_path=model_path)
    except ModelError as error:
        raise ValueError(str(error)) from error
    local = local_engine(analyzer, jobs, batch_size)
    if output_path:
        return analyze_to_file(
            None, paths, output_path, pattern, progress=progress, errors_to=errors_to, engine=local, resume=resume, settings=settings
        )
    return analyze_paths(None, paths, sys.stdout, pattern, progress=progress, errors_to=errors_to, engine=local)


def _run_dask(
    paths: list[str],
    output_path: str | Path | None,
    pattern: str | None,
    jobs: int,
    batch_size: int,
    scheduler: str | None,
    resume: bool,
    spacy_model: str | None,
    model_path: str | None,
    settings: dict[str, Any],
    progress: bool,
    errors_to: IO[str],
) -> BatchSummary:
    from .engines import AnalyzerSettings
    from .engines.dask_engine import DaskEngine, DaskUnavailable

    model = str(Path(model_path).resolve()) if model_path else None
    try:
        cluster = DaskEngine(AnalyzerSettings(spacy_model, model), scheduler=scheduler, n_workers=jobs, batch_size=batch_size)
    except DaskUnavailable as error:
        raise ValueError(str(error)) from error
    with cluster:
        cluster.warm_up()
        if output_path:
            return analyze_to_file(
                None,
                paths,
                output_path,
                pattern,
                progress=progress,
                errors_to=errors_to,
                engine=cluster.analyze_tasks,
                resume=resume,
                settings=settings,
            )
        return analyze_paths(None, paths, sys.stdout, pattern, progress=progress, errors_to=errors_to, engine=cluster.analyze_tasks)
