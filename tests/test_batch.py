"""The batch layer: lazy discovery, ordering with error records, engines, and resume repair.

Most tests use a fake engine (no spaCy) so the resume logic is tested fast and exactly;
the parallel engine is checked against the serial one with the real pipeline.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import types
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from articlenlp import batch
from articlenlp.batch import (
    BatchSummary,
    Source,
    analyze_paths,
    analyze_to_file,
    count_sources,
    discover,
    local_engine,
    run,
    state_path_for,
)
from articlenlp.cli import main
from articlenlp.types import Analysis, Stance

SETTINGS = {"articlenlp": "test", "spacy_model": "fake", "stance_model_sha256": "0" * 64}
TEXT = "Netflix renews Quiet Orbit for season {n}\n\nNetflix has renewed Quiet Orbit, article {n}.\n"


class FakeEngine:
    """Analyses without spaCy: records which ids it was asked to analyse."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, tasks: Iterable[tuple[str, str, list[str]]]) -> Iterator[Analysis]:
        for id, text, warnings in tasks:
            self.seen.append(id)
            stance = Stance("unrelated", 1.0, {"renewed": 0.0, "cancelled": 0.0, "ending": 0.0, "uncertain": 0.0, "unrelated": 1.0})
            yield Analysis(id=id, text=text, stance=stance, title=text.splitlines()[0], warnings=list(warnings))


def make_folder(folder: Path, n: int = 6, empty: tuple[int, ...] = ()) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(n):
        name = f"a{i:02d}.txt"
        (folder / name).write_text("" if i in empty else TEXT.format(n=i), encoding="utf-8")
        names.append(name)
    return names


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def full_run(folder: Path, out: Path, **options) -> tuple[BatchSummary, FakeEngine]:
    engine = FakeEngine()
    summary = analyze_to_file(None, [str(folder)], out, engine=engine, settings=SETTINGS, errors_to=io.StringIO(), **options)
    return summary, engine


# --- discovery and ordering ------------------------------------------------------------------


def test_discover_is_lazy_and_sorted(tmp_path):
    make_folder(tmp_path / "b", 2)
    make_folder(tmp_path / "a", 2)
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    found = discover([tmp_path])
    assert isinstance(found, types.GeneratorType)
    assert [s.id for s in found] == ["a/a00.txt", "a/a01.txt", "b/a00.txt", "b/a01.txt"]
    assert count_sources([tmp_path]) == 4


def test_run_interleaves_error_records_in_input_order(tmp_path):
    make_folder(tmp_path, 5, empty=(0, 2, 4))
    outcomes = list(run(None, discover([tmp_path]), engine=FakeEngine(), hashes=True))
    assert [o.record["id"] for o in outcomes] == [f"a{i:02d}.txt" for i in range(5)]
    assert ["error" in o.record for o in outcomes] == [True, False, True, False, True]
    assert outcomes[1].sha256 == hashlib.sha256((tmp_path / "a01.txt").read_bytes()).hexdigest()
    assert outcomes[1].words == len(TEXT.format(n=1).split())


def test_analyze_paths_to_a_stream(tmp_path):
    make_folder(tmp_path, 3, empty=(1,))
    out = io.StringIO()
    summary = analyze_paths(None, [str(tmp_path)], out, engine=FakeEngine(), errors_to=io.StringIO())
    assert [r["id"] for r in map(json.loads, out.getvalue().splitlines())] == ["a00.txt", "a01.txt", "a02.txt"]
    assert (summary.articles, summary.errors, summary.failed) == (2, 1, True)


def test_parallel_engine_matches_serial(analyzer, tmp_path):
    texts = [TEXT.format(n=i) + "Critics expect a third season, which could arrive next year.\n" for i in range(6)]
    serial = [a.to_dict() for a in analyzer.analyze_many(texts)]
    results = analyzer.analyze_many(texts, n_process=2, batch_size=2)
    parallel = [a.to_dict() for a in results]
    assert parallel == serial
    assert [r["id"] for r in parallel] == [str(i) for i in range(6)]


def test_parallel_engine_stops_early(analyzer):
    results = analyzer.analyze_many([TEXT.format(n=i) for i in range(8)], n_process=2, batch_size=1)
    assert next(results).id == "0"
    results.close()  # shuts the pool down without waiting for the rest


def test_bad_n_process_and_batch_size(analyzer):
    with pytest.raises(ValueError, match="n_process"):
        analyzer.analyze_many(["x"], n_process=0)
    with pytest.raises(ValueError, match="batch_size"):
        analyzer.analyze_many(["x"], batch_size=0)


def test_local_engine_writes_through_analyze_paths(analyzer, tmp_path):
    make_folder(tmp_path, 2)
    out = io.StringIO()
    analyze_paths(None, [str(tmp_path)], out, engine=local_engine(analyzer, 1, 1))
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in lines] == ["a00.txt", "a01.txt"]
    assert lines[0] == analyzer.analyze(TEXT.format(n=0), id="a00.txt").to_dict()


# --- the state file and resume ---------------------------------------------------------------


def test_state_file_lists_every_record(tmp_path):
    make_folder(tmp_path / "in", 4, empty=(3,))
    out = tmp_path / "out.jsonl"
    full_run(tmp_path / "in", out)
    header, *entries = records(state_path_for(out))
    assert header == {"format": batch.STATE_FORMAT, "settings": SETTINGS}
    assert [e["id"] for e in entries] == [r["id"] for r in records(out)]
    for entry in entries:
        assert entry["sha256"] == hashlib.sha256((tmp_path / "in" / entry["id"]).read_bytes()).hexdigest()


def test_resume_after_a_complete_run_does_nothing(tmp_path):
    make_folder(tmp_path / "in", 4, empty=(1,))
    out = tmp_path / "out.jsonl"
    full_run(tmp_path / "in", out)
    before = out.read_bytes()
    summary, engine = full_run(tmp_path / "in", out, resume=True)
    assert engine.seen == []
    assert out.read_bytes() == before
    assert (summary.articles, summary.skipped, summary.skipped_errors, summary.failed) == (0, 4, 1, True)


def test_resume_drops_a_truncated_line_and_uncommitted_records(tmp_path):
    make_folder(tmp_path / "in", 6)
    out = tmp_path / "out.jsonl"
    full_run(tmp_path / "in", out)
    expected = out.read_bytes()
    lines = expected.splitlines(keepends=True)
    state = state_path_for(out)
    state_lines = state.read_bytes().splitlines(keepends=True)
    # killed after writing record 3 but before its state line, in the middle of record 4
    out.write_bytes(b"".join(lines[:4]) + lines[4][:25])
    state.write_bytes(b"".join(state_lines[:4]))  # header + records 0-2
    summary, engine = full_run(tmp_path / "in", out, resume=True)
    assert engine.seen == ["a03.txt", "a04.txt", "a05.txt"]
    assert out.read_bytes() == expected
    assert state.read_bytes() == b"".join(state_lines)
    assert summary.skipped == 3


def test_resume_redoes_a_changed_file_and_keeps_others(tmp_path):
    folder = tmp_path / "in"
    make_folder(folder, 4)
    out = tmp_path / "out.jsonl"
    full_run(folder, out)
    (folder / "a01.txt").write_text("Changed headline\n\nSomething else entirely.\n", encoding="utf-8")
    summary, engine = full_run(folder, out, resume=True)
    assert engine.seen == ["a01.txt"]
    ids = [r["id"] for r in records(out)]
    assert ids == ["a00.txt", "a02.txt", "a03.txt", "a01.txt"]  # kept in place, the redone one appended
    assert records(out)[-1]["title"] == "Changed headline"
    assert [e["id"] for e in records(state_path_for(out))[1:]] == ids


def test_resume_keeps_records_of_other_inputs_and_adds_new_files(tmp_path):
    folder = tmp_path / "in"
    make_folder(folder, 3)
    out = tmp_path / "out.jsonl"
    full_run(folder, out)
    (folder / "a00.txt").unlink()
    (folder / "z.txt").write_text(TEXT.format(n=9), encoding="utf-8")
    _, engine = full_run(folder, out, resume=True)
    assert engine.seen == ["z.txt"]
    assert [r["id"] for r in records(out)] == ["a00.txt", "a01.txt", "a02.txt", "z.txt"]


def test_resume_without_output_starts_fresh(tmp_path):
    make_folder(tmp_path / "in", 2)
    out = tmp_path / "out.jsonl"
    _, engine = full_run(tmp_path / "in", out, resume=True)
    assert engine.seen == ["a00.txt", "a01.txt"]
    assert len(records(out)) == 2


def test_resume_refuses_other_settings_or_a_missing_state(tmp_path):
    make_folder(tmp_path / "in", 2)
    out = tmp_path / "out.jsonl"
    full_run(tmp_path / "in", out)
    with pytest.raises(ValueError, match="other settings"):
        analyze_to_file(None, [str(tmp_path / "in")], out, engine=FakeEngine(), resume=True, settings={**SETTINGS, "spacy_model": "x"})
    state_path_for(out).unlink()
    with pytest.raises(ValueError, match="state"):
        full_run(tmp_path / "in", out, resume=True)


def test_without_resume_output_and_state_are_rewritten(tmp_path):
    make_folder(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    full_run(tmp_path / "in", out)
    _, engine = full_run(tmp_path / "in", out)
    assert engine.seen == ["a00.txt", "a01.txt", "a02.txt"]
    assert len(records(out)) == 3
    assert len(records(state_path_for(out))) == 4


def test_duplicate_ids_from_two_folders_resume_by_content(tmp_path):
    make_folder(tmp_path / "x", 2)
    make_folder(tmp_path / "y", 2)
    (tmp_path / "y" / "a01.txt").write_text("Other text\n\nDifferent.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    engine = FakeEngine()
    paths = [str(tmp_path / "x"), str(tmp_path / "y")]
    analyze_to_file(None, paths, out, engine=engine, settings=SETTINGS)
    expected = out.read_bytes()
    out.write_bytes(b"".join(expected.splitlines(keepends=True)[:3]))
    engine = FakeEngine()
    analyze_to_file(None, paths, out, engine=engine, settings=SETTINGS, resume=True)
    assert engine.seen == ["a01.txt"]
    assert out.read_bytes() == expected


def test_source_keys_are_paths():
    resumed = batch.Resumed({("a.txt", "x/a.txt")}, 1, 0)
    assert resumed.skips(Source(Path("x/a.txt"), "a.txt"))
    assert not resumed.skips(Source(Path("y/a.txt"), "a.txt"))


# --- command-line options --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--resume"], "--resume needs -o"),
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
        (["--batch-size", "0"], "--batch-size"),
        (["--jobs", "0"], "--jobs"),
    ],
)
def test_usage_errors(tmp_path, capsys, options, message):
    make_folder(tmp_path, 1)
    assert main(["analyze", str(tmp_path), *options]) == 2
    assert message in capsys.readouterr().err


def test_summary_line_mentions_resumed_records():
    summary = BatchSummary(articles=2, errors=0, words=10, seconds=1.0, skipped=5)
    assert "2 articles, 0 errors, 5 already done" in summary.line()
    assert "5 already done" not in BatchSummary(articles=2).line()


def test_dask_engine_without_dask_is_a_usage_error(tmp_path, capsys, monkeypatch):
    make_folder(tmp_path, 1)
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    assert main(["analyze", str(tmp_path), "--engine", "dask"]) == 2
    assert "pip install 'articlenlp[dask]'" in capsys.readouterr().err
