"""Peak memory of ``articlenlp analyze`` over 1,000 and 10,000 small files.

The files are generated at run time in a temporary folder from short, varied sentences
(a seeded mix of templates: this is benchmark input, not corpus), then the real command
runs over the folder in its own process: ``articlenlp analyze DIR -o OUT --quiet``. The
batch reads files lazily and writes records as they come, so peak memory should not grow
with the number of files. The first row is the baseline: loading the Analyzer only.

    python benchmarks/memory.py                      # 1,000 and 10,000 files
    python benchmarks/memory.py --sizes 200 2000 --jobs 2
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from _common import emit, machine, mb, measure, table

PEOPLE = ["Mara Quist", "Ines Marlowe", "Tom Achebe", "Lee Do-hyun", "Siobhan Kavanagh", "Raj Patel", "Ana Ruiz", "Owen Price"]
SHOWS = ["Quiet Orbit", "Dust Road", "Harbour Lights", "Night Desk", "Blue Hour", "Cold Ness", "The Glasshouse", "Maple Close"]
NETWORKS = ["Netflix", "HBO", "BBC One", "Apple TV+", "Hulu", "ITV", "Channel 4", "Prime Video"]
HEADLINES = [
    "{network} renews {show} for season {n}",
    "{show} cancelled after {n} seasons",
    "Will {show} return for season {n}?",
    "{show} season {n} to be its last",
    "{person} joins the cast of {show}",
]
SENTENCES = [
    "{network} has renewed {show} for a season {n}.",
    "{network} has cancelled {show} after {n} seasons.",
    '"We are thrilled to keep going," {person} told Deadline.',
    "{person} plays the lead in {show}, which is created by {other}.",
    "The network could decide on the future of {show} next month.",
    "Fans hope {show} will return, but no decision has been made.",
    "Production on the new episodes begins in the spring.",
    "{show} premiered on {network} in {year} to strong reviews.",
    "According to reports, {network} is expected to announce a final season.",
    "{person} said the writers have already mapped out season {n}.",
]


def generate(folder: Path, count: int, seed: int = 7) -> int:
    """``count`` small articles in ``folder``; returns their total size in bytes."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for i in range(count):

        def fill(template: str) -> str:
            person, other = rng.sample(PEOPLE, 2)
            return template.format(
                network=rng.choice(NETWORKS),
                show=rng.choice(SHOWS),
                person=person,
                other=other,
                n=rng.randint(2, 6),
                year=rng.randint(2015, 2024),
            )

        body = " ".join(fill(s) for s in rng.sample(SENTENCES, rng.randint(2, 5)))
        text = f"{fill(rng.choice(HEADLINES))}\n\n{body}\n"
        path = folder / f"{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def load_only() -> None:
    import articlenlp

    articlenlp.load()
    emit({"loaded": True})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="numbers of files (default 1000 10000)")
    parser.add_argument("--jobs", type=int, default=1, help="--jobs for the command (default 1)")
    parser.add_argument("--load-only", action="store_true", help=argparse.SUPPRESS)  # internal: the baseline child
    args = parser.parse_args()
    if args.load_only:
        load_only()
        return

    print(f"machine: {machine()}", flush=True)
    baseline = measure([sys.executable, __file__, "--load-only"])
    rows = [["Analyzer loaded, nothing analysed", "0", "-", "-", "-", mb(baseline.max_rss_mb), mb(baseline.peak_total_mb)]]
    with tempfile.TemporaryDirectory(prefix="articlenlp-memory-") as tmp:
        for count in args.sizes:
            folder = Path(tmp) / f"in-{count}"
            size = generate(folder, count)
            out = Path(tmp) / f"out-{count}.jsonl"
            started = time.perf_counter()
            command = [sys.executable, "-m", "articlenlp.cli", "analyze", str(folder), "-o", str(out), "--quiet", "--jobs", str(args.jobs)]
            measured = measure(command, json_result=False)
            seconds = time.perf_counter() - started
            lines = sum(1 for _ in open(out, encoding="utf-8"))
            if lines != count:
                raise SystemExit(f"{out}: {lines} records for {count} files")
            print(f"  {count:,} files: {seconds:.1f} s, peak RSS {mb(measured.max_rss_mb)}", flush=True)
            rows.append(
                [
                    f"`articlenlp analyze` --jobs {args.jobs}",
                    f"{count:,}",
                    f"{size / count:,.0f} B",
                    f"{seconds:.1f}",
                    f"{count / seconds:,.1f}",
                    mb(measured.max_rss_mb),
                    mb(measured.peak_total_mb),
                ]
            )
    print(f"\nafter: {machine()}\n")
    header = ["run", "files", "avg file", "seconds", "files/s", "peak RSS (largest process)", "peak PSS (all processes)"]
    print(table(header, rows))


if __name__ == "__main__":
    main()
