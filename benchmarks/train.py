"""Seconds to train the stance classifier: on the corpus, and on the corpus replicated.

The replica is written to a temporary folder: ``--copies`` (default 5) copies of every
``NAME.txt`` + ``NAME.gold.json`` under distinct ids (``cK_NAME``), with a ``splits.json``
that puts every copy of an article on that article's side of the corpus split. Each
training (cross-validation on the train split, the final fit, the test metrics and writing
the model and its card) runs in its own process.

    python benchmarks/train.py
    python benchmarks/train.py --copies 2
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _common import CORPUS, emit, machine, mb, measure, table


def replicate(source: Path, target: Path, copies: int) -> int:
    """``copies`` copies of the corpus in ``target`` with distinct ids; returns the article count."""
    target.mkdir(parents=True, exist_ok=True)
    split = json.loads((source / "splits.json").read_text(encoding="utf-8"))
    count = 0
    for gold_path in sorted(source.glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for k in range(copies):
            new_id = f"c{k}_{name}"
            shutil.copyfile(source / f"{name}.txt", target / f"{new_id}.txt")
            (target / f"{new_id}.gold.json").write_text(json.dumps({**gold, "id": new_id}), encoding="utf-8")
            count += 1
    replica = {side: [f"c{k}_{i}" for k in range(copies) for i in split[side]] for side in ("train", "test")}
    (target / "splits.json").write_text(json.dumps(replica), encoding="utf-8")
    return count


def child(corpus: str, output: str) -> None:
    from articlenlp.training import train

    started = time.perf_counter()
    card = train(corpus, output, seed=0)
    emit({"seconds": time.perf_counter() - started, "articles": card["corpus_size"], "train": card["split"]["train"]})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=5, help="copies in the replicated corpus (default 5)")
    parser.add_argument("--measure", nargs=2, metavar=("CORPUS", "OUTPUT"), help=argparse.SUPPRESS)  # internal: the child
    args = parser.parse_args()
    if args.measure:
        child(*args.measure)
        return

    print(f"machine: {machine()}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="articlenlp-train-") as tmp:
        replica = Path(tmp) / "replica"
        replicate(CORPUS, replica, args.copies)
        for label, folder in (("corpus", CORPUS), (f"corpus x {args.copies}", replica)):
            measured = measure([sys.executable, __file__, "--measure", str(folder), str(Path(tmp) / f"{folder.name}.joblib")])
            r = measured.result
            print(f"  {label}: {r['seconds']:.1f} s", flush=True)
            rows.append([label, f"{r['articles']:,}", f"{r['train']:,}", f"{r['seconds']:.1f}", mb(measured.max_rss_mb)])
    print(f"\nafter: {machine()}\n")
    print(table(["training set", "articles", "train split", "seconds", "peak RSS"], rows))


if __name__ == "__main__":
    main()
