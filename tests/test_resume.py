"""--resume after a real crash: the CLI is SIGKILLed mid-run, resumed, and must end with
exactly the records of an uninterrupted run (same ids, same order, no duplicates, same
content)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from articlenlp.batch import state_path_for

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
N_FILES = 30

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "articlenlp.cli", "analyze", *args]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for path in sorted(CORPUS.glob("*.txt"))[:N_FILES]:
        shutil.copy(path, folder / path.name)
    (folder / "zz-empty.txt").write_bytes(b"")  # an error record is resumed too
    return folder


@pytest.fixture(scope="module")
def finished(inputs, tmp_path_factory) -> Path:
    """The output of an uninterrupted run of the same command."""
    out = tmp_path_factory.mktemp("reference") / "out.jsonl"
    result = subprocess.run(cli(str(inputs), "-o", str(out), "--quiet"), capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr  # the empty file is an error record
    return out


@pytest.fixture(scope="module")
def uninterrupted(finished) -> list[str]:
    return finished.read_text(encoding="utf-8").splitlines()


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def test_killed_run_resumes_to_the_uninterrupted_output(inputs, uninterrupted, tmp_path):
    out = tmp_path / "out.jsonl"
    # Small batches so records appear one pair at a time while the run goes on.
    process = subprocess.Popen(cli(str(inputs), "-o", str(out), "--batch-size", "2", "--quiet"), stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while _lines(out) < 6 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert process.poll() is None, "the run ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
        assert process.stderr is not None
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    written = out.read_text(encoding="utf-8").splitlines()
    assert 6 <= len(written) < len(uninterrupted)
    # A crash can also tear the line being written: simulate the worst case.
    with open(out, "a", encoding="utf-8") as handle:
        handle.write(uninterrupted[len(written)][:40])

    result = subprocess.run(cli(str(inputs), "-o", str(out), "--resume"), capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr  # the empty file is an error record
    final = out.read_text(encoding="utf-8").splitlines()
    assert final[: len(written)] == written  # records already written are kept as they were
    ids = [json.loads(line)["id"] for line in final]
    assert len(ids) == len(set(ids)) == N_FILES + 1
    assert final == uninterrupted
    assert f"{len(written)} already done" in result.stderr
    state = state_path_for(out).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in state[1:]] == ids


def test_resume_of_a_finished_run_analyses_nothing(inputs, finished, uninterrupted, tmp_path):
    out = tmp_path / "out.jsonl"
    shutil.copy(finished, out)
    shutil.copy(state_path_for(finished), state_path_for(out))
    again = subprocess.run(cli(str(inputs), "-o", str(out), "--resume"), capture_output=True, text=True, timeout=300)
    assert again.returncode == 1, again.stderr
    assert f"0 articles, 0 errors, {N_FILES + 1} already done" in again.stderr
    assert out.read_text(encoding="utf-8").splitlines() == uninterrupted
