"""The Dask engine on a LocalCluster on loopback (2 worker processes, 1 thread each) gives
the same records as the local engine. Skipped when dask.distributed is not installed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from articlenlp.engines import AnalyzerSettings  # noqa: E402
from articlenlp.engines.dask_engine import DaskEngine  # noqa: E402
from articlenlp.io import read_article  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local_cluster:
        yield local_cluster


@pytest.fixture(scope="module")
def local_records() -> list[str]:
    """What the local engine writes for examples/."""
    result = subprocess.run(
        [sys.executable, "-m", "articlenlp.cli", "analyze", str(EXAMPLES), "--quiet"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_cli_with_dask_scheduler_matches_local_engine(cluster, local_records, tmp_path):
    out = tmp_path / "out.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "articlenlp.cli", "analyze", str(EXAMPLES), "-o", str(out), "--engine", "dask"]
        + ["--scheduler", cluster.scheduler_address, "--batch-size", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").splitlines() == local_records
    assert f"{len(local_records)} articles, 0 errors" in result.stderr


def test_engine_in_process_keeps_order_and_ids(cluster, analyzer):
    paths = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    tasks = [(p.name, read_article(p).text, []) for p in paths] * 2
    with DaskEngine(AnalyzerSettings(), scheduler=cluster.scheduler_address, batch_size=1) as engine:
        assert engine.threads() == 2
        engine.warm_up()
        results = [a.to_dict() for a in engine.analyze_tasks(iter(tasks))]
    expected = [a.to_dict() for a in analyzer.analyze_many([(id, text) for id, text, _ in tasks])]
    assert results == expected
    assert json.dumps(results)  # plain data back from the workers


def test_cli_starts_its_own_local_cluster(local_records):
    result = subprocess.run(
        [sys.executable, "-m", "articlenlp.cli", "analyze", str(EXAMPLES), "--engine", "dask", "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == local_records
