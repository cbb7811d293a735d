"""Words per second: bare spaCy ``nlp.pipe`` against ``Analyzer.analyze_many``.

The same texts for every measurement: the corpus articles repeated to ``--articles``
(default 2,000), through the same spaCy pipeline (``--spacy-model``, default the one
articlenlp uses). Each measurement runs in its own process; model loading and a short
warm-up are not timed. Measurements:

- ``nlp.pipe``: the pretrained spaCy pipeline alone, one process, and with spaCy's
  ``n_process`` (a reference for what the parser and NER cost);
- ``analyze_many``: spaCy plus articlenlp's components, one process and ``n_process=N``.

    python benchmarks/throughput.py                 # 2,000 articles, about 10 minutes on 2 cores
    python benchmarks/throughput.py --articles 200  # a quick look
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

from _common import corpus_texts, emit, machine, mb, measure, table

MEASUREMENTS = ("spacy", "analyze")


def child(kind: str, articles: int, processes: int, batch_size: int, spacy_model: str | None) -> None:
    import spacy

    from articlenlp.pipeline import Analyzer, default_spacy_model

    texts = corpus_texts(articles)
    words = sum(len(t.split()) for t in texts)
    model = spacy_model or default_spacy_model()
    started = time.perf_counter()
    if kind == "spacy":
        nlp = spacy.load(model)
        loaded = time.perf_counter() - started
        list(nlp.pipe(texts[:4]))  # warm-up
        started, cpu = time.perf_counter(), cpu_seconds()
        for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
            pass
    else:
        analyzer = Analyzer(spacy_model=model)
        loaded = time.perf_counter() - started
        list(analyzer.analyze_many(texts[:4]))  # warm-up
        started, cpu = time.perf_counter(), cpu_seconds()
        for _ in analyzer.analyze_many(texts, n_process=processes, batch_size=batch_size):
            pass
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    emit(
        {
            "kind": kind,
            "model": model,
            "processes": processes,
            "articles": articles,
            "words": words,
            "seconds": seconds,
            "cpu": cpu,
            "load": loaded,
        }
    )


def cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="articles to analyse (default 2000)")
    parser.add_argument("--processes", type=int, default=2, help="n_process of the parallel runs (default 2)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--spacy-model", help="spaCy pipeline (default: articlenlp's default)")
    parser.add_argument("--only", choices=MEASUREMENTS, help="run one kind of measurement")
    parser.add_argument("--measure", choices=MEASUREMENTS, help=argparse.SUPPRESS)  # internal: be the measured child
    parser.add_argument("--n-process", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        child(args.measure, args.articles, args.n_process, args.batch_size, args.spacy_model)
        return

    print(f"machine: {machine()}", flush=True)
    rows = {}
    for kind in MEASUREMENTS:
        if args.only and kind != args.only:
            continue
        for n in (1, args.processes):
            command = [sys.executable, __file__, "--measure", kind, "--n-process", str(n), "--articles", str(args.articles)]
            command += ["--batch-size", str(args.batch_size)] + (["--spacy-model", args.spacy_model] if args.spacy_model else [])
            measured = measure(command)
            r = measured.result
            rows[(kind, n)] = measured
            print(f"  {kind} n_process={n}: {r['words'] / r['seconds']:,.0f} words/s ({r['seconds']:.1f} s)", flush=True)
    first = next(iter(rows.values())).result
    print(f"\n{first['articles']:,} articles, {first['words']:,} words, spaCy pipeline {first['model']}, batch size {args.batch_size}")
    print(f"after: {machine()}\n")
    names = {"spacy": "bare `nlp.pipe`", "analyze": "`Analyzer.analyze_many`"}
    body = []
    for (kind, n), measured in rows.items():
        r = measured.result
        body.append(
            [
                names[kind],
                str(n),
                f"{r['seconds']:.1f}",
                f"{r['words'] / r['seconds']:,.0f}",
                f"{r['articles'] / r['seconds']:.1f}",
                f"{r['cpu']:.1f}",
                f"{r['words'] / r['cpu']:,.0f}",
                mb(measured.max_rss_mb),
                mb(measured.peak_total_mb),
                f"{r['load']:.1f} s",
            ]
        )
    header = [
        "measurement",
        "processes",
        "seconds",
        "words/s",
        "articles/s",
        "CPU s",
        "words/CPU s",
        "peak RSS (largest process)",
        "peak PSS (all processes)",
        "model load",
    ]
    print(table(header, body))

    def wps(kind: str, n: int) -> float | None:
        m = rows.get((kind, n))
        return m.result["words"] / m.result["seconds"] if m else None

    ratios = [
        ("analyze_many / nlp.pipe, 1 process", wps("analyze", 1), wps("spacy", 1)),
        (f"analyze_many n_process={args.processes} / analyze_many 1 process", wps("analyze", args.processes), wps("analyze", 1)),
        (f"nlp.pipe n_process={args.processes} / nlp.pipe 1 process", wps("spacy", args.processes), wps("spacy", 1)),
        (f"analyze_many n_process={args.processes} / nlp.pipe 1 process", wps("analyze", args.processes), wps("spacy", 1)),
    ]
    print("\nwords/s ratios (wall clock):")
    for name, a, b in ratios:
        if a and b:
            print(f"  {name}: {a / b:.2f}")
    one, bare = rows.get(("analyze", 1)), rows.get(("spacy", 1))
    if one and bare:
        ratio = (one.result["words"] / one.result["cpu"]) / (bare.result["words"] / bare.result["cpu"])
        print(f"words per CPU second, analyze_many / nlp.pipe (1 process, less sensitive to other load): {ratio:.2f}")


if __name__ == "__main__":
    main()
