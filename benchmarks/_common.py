"""Shared by the benchmarks: corpus texts, and running one measurement in its own process.

Each measurement runs in a fresh subprocess, so the peak memory is that measurement's own:

- ``max_rss_mb``: the peak RSS of the largest single process of the measurement (the child
  or any of its worker processes), from ``os.wait4``'s rusage (``ru_maxrss``);
- ``peak_total_mb``: the peak of the summed PSS (proportional set size: shared pages are
  split between the processes sharing them) of the child and all its descendants, sampled
  every 0.25 s from ``/proc`` (Linux; sums RSS where ``smaps_rollup`` is missing, and stays
  None elsewhere). It is what the measurement costs the machine when it forks workers.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SAMPLE_SECONDS = 0.25


def corpus_texts(n: int) -> list[str]:
    """The corpus articles (sorted by name), repeated until there are ``n``."""
    paths = sorted(CORPUS.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no articles in {CORPUS}")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return [texts[i % len(texts)] for i in range(n)]


@dataclass
class Measured:
    result: dict[str, Any]
    max_rss_mb: float
    peak_total_mb: float | None


def measure(command: list[str], json_result: bool = True) -> Measured:
    """Run ``command`` and measure it; with ``json_result`` its last stdout line is a JSON object."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE if json_result else subprocess.DEVNULL, text=True)
    peak_total: float | None = None
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        total = _tree_memory_mb(process.pid)
        if total is not None:
            peak_total = max(peak_total or 0.0, total)
        time.sleep(SAMPLE_SECONDS)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    result: dict[str, Any] = {}
    if process.stdout is not None:
        output = process.stdout.read()
        process.stdout.close()
        result = json.loads(output.strip().splitlines()[-1])
    # ru_maxrss is in KiB on Linux, bytes on macOS
    scale = 1 / (1024 * 1024) if sys.platform == "darwin" else 1 / 1024
    return Measured(result, usage.ru_maxrss * scale, peak_total)


def _tree_memory_mb(root: int) -> float | None:
    if not Path("/proc").is_dir():
        return None
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid in tree:
            continue
        tree.add(pid)
        todo += _children(pid)
    return sum(_process_memory_kib(pid) for pid in tree) / 1024


def _children(pid: int) -> list[int]:
    children: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            children += [int(c) for c in (task / "children").read_text().split()]
    except OSError:
        pass
    return children


def _process_memory_kib(pid: int) -> float:
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
                if line.startswith(key):
                    return float(line.split()[1])
        except OSError:
            continue
    return 0.0


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, load average {load}"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |" for row in rows]
    return "\n".join(lines)


def mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} MB"


def emit(result: dict[str, Any]) -> None:
    """What a measuring child prints last: its result as one JSON line."""
    print(json.dumps(result), flush=True)
