"""Where the time goes: wall time per pipeline component and per articlenlp function.

1. Each component of the pipeline runs over all the corpus articles in turn (``pipe``
   with the batch size), timed with ``perf_counter``.
2. A second pass wraps selected articlenlp functions with timers (inclusive wall time,
   outermost call only, so a function that calls a timed function includes it).
3. ``Doc.text`` is not an attribute in spaCy: every access joins all the tokens again.
   cProfile counts the accesses per calling function over ``--profile-articles``, and the
   cost is estimated as accesses x the measured cost of one ``doc.text`` on that corpus.

    python benchmarks/hotspots.py [--articles 315] [--profile-articles 100]
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import inspect
import pstats
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import corpus_texts, machine, table

# (module, qualified name): the functions timed in pass 2; missing ones are skipped.
TIMED = [
    ("articlenlp.entities.mentions", "find_mentions"),
    ("articlenlp.entities.mentions", "_title_pattern_mentions"),
    ("articlenlp.entities.mentions", "_ends_verb_phrase"),
    ("articlenlp.entities.mentions", "_propagate"),
    ("articlenlp.entities.mentions", "_lexicon_mentions"),
    ("articlenlp.entities.mentions", "_ner_mentions"),
    ("articlenlp.entities.mentions", "resolve_overlaps"),
    ("articlenlp.entities", "_add_name_parts"),
    ("articlenlp.entities", "_build"),
    ("articlenlp.entities.roles", "person_roles"),
    ("articlenlp.entities.roles", "_role_from_layout"),
    ("articlenlp.entities.characters", "find_plays"),
    ("articlenlp.quotes", "QuoteExtractor._is_quotation"),
    ("articlenlp.quotes", "QuoteExtractor._attribute"),
    ("articlenlp.quotes", "_is_title"),
    ("articlenlp.quotes.scanner", "scan_quotes"),
    ("articlenlp.quotes.attribution", "Attributor._sentence_start"),
    ("articlenlp.quotes.attribution", "Attributor.speaker_in"),
    ("articlenlp.claims", "ClaimLabeller._label"),
    ("articlenlp.claims", "ClaimLabeller._is_claim"),
    ("articlenlp.claims", "CueRules.cues"),
    ("articlenlp.layout", "block_at"),
    ("articlenlp.stance", "predict_batch_scores"),
    ("articlenlp.stance", "sentence_support"),
    ("articlenlp.stance", "_main_work"),
]


def component_times(nlp: Any, texts: list[str], batch_size: int) -> dict[str, float]:
    docs = [nlp.make_doc(t) for t in texts]
    times = {}
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=batch_size))
        else:
            docs = [component(doc) for doc in docs]
        times[name] = time.perf_counter() - started
    return times


class Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.depth: dict[str, int] = defaultdict(int)

    def wrap(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.isgeneratorfunction(function):

            @functools.wraps(function)
            def generator(*args: Any, **kwargs: Any) -> Any:
                iterator = function(*args, **kwargs)
                while True:
                    with self.timing(label):
                        try:
                            item = next(iterator)
                        except StopIteration:
                            return
                    yield item

            return generator

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self.timing(label):
                return function(*args, **kwargs)

        return wrapper

    def timing(self, label: str) -> Any:
        timer = self

        class _Timing:
            def __enter__(self) -> None:
                timer.depth[label] += 1
                self.started = time.perf_counter()

            def __exit__(self, *exc: object) -> None:
                timer.depth[label] -= 1
                if timer.depth[label] == 0:
                    timer.seconds[label] += time.perf_counter() - self.started
                timer.calls[label] += 1

        return _Timing()


def install(timer: Timer) -> list[str]:
    """Wrap every TIMED function where it is looked up; return the labels installed."""
    installed = []
    for module_name, qualname in TIMED:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        owner: Any = module
        *path, name = qualname.split(".")
        for part in path:
            owner = getattr(owner, part, None)
        original = getattr(owner, name, None) if owner is not None else None
        if original is None or not callable(original):
            continue
        label = f"{module_name}.{qualname}"
        wrapped = timer.wrap(label, original)
        setattr(owner, name, wrapped)
        if not path:  # also where other articlenlp modules imported it by name
            for other in list(sys.modules.values()):
                if getattr(other, "__name__", "").startswith("articlenlp") and getattr(other, name, None) is original:
                    setattr(other, name, wrapped)
        installed.append(label)
    return installed


def text_accesses(nlp: Any, texts: list[str]) -> list[tuple[str, int]]:
    """Calls of Doc.text per calling function, from cProfile."""
    profile = cProfile.Profile()
    profile.enable()
    for _ in nlp.pipe(texts):
        pass
    profile.disable()
    stats: Any = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    lines = _text_property_lines()
    callers: dict[str, int] = defaultdict(int)
    for (filename, line, function), (_, _, _, _, who) in stats.items():
        if "doc.pyx" in filename and function == "__get__" and (lines is None or line in lines):
            for (caller_file, _, caller_function), (_, calls, _, _) in who.items():
                if "articlenlp" in caller_file:
                    module = caller_file.split("articlenlp/", 1)[-1]
                    callers[f"{module}:{caller_function}"] += calls
    return sorted(callers.items(), key=lambda item: -item[1])


def _text_property_lines() -> set[int] | None:
    """Line numbers cProfile may give ``Doc.text`` (its decorator or its def), if the source is there."""
    import spacy.tokens.doc

    source = Path(spacy.tokens.doc.__file__).with_name("doc.pyx")
    if not source.is_file():
        return None
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() == "def text(self):":
            return {number - 1, number}
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=315)
    parser.add_argument("--profile-articles", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    from articlenlp.pipeline import build_nlp

    print(f"machine: {machine()}\n", flush=True)
    texts = corpus_texts(args.articles)
    words = sum(len(t.split()) for t in texts)
    nlp = build_nlp()
    list(nlp.pipe(texts[:4]))

    times = component_times(nlp, texts, args.batch_size)
    total = sum(times.values())
    ours = sum(v for k, v in times.items() if k.startswith("articlenlp_"))
    rows = [
        [name, f"{seconds:.2f}", f"{100 * seconds / total:.0f}%", f"{1000 * seconds / len(texts):.1f}"] for name, seconds in times.items()
    ]
    print(
        f"1. components over {len(texts)} articles ({words:,} words): {total:.1f} s, articlenlp's own {ours:.1f} s ({100 * ours / total:.0f}%)\n"
    )
    print(table(["component", "seconds", "share", "ms/article"], rows))

    timer = Timer()
    install(timer)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        pass
    run = time.perf_counter() - started
    print(f"\n2. articlenlp functions, inclusive wall time (whole pipeline with timers: {run:.1f} s)\n")
    rows = [
        [label.replace("articlenlp.", ""), f"{timer.calls[label]:,}", f"{seconds:.2f}", f"{1000 * seconds / len(texts):.1f}"]
        for label, seconds in sorted(timer.seconds.items(), key=lambda item: -item[1])
    ]
    print(table(["function", "calls", "seconds", "ms/article"], rows))

    sample = texts[: args.profile_articles]
    docs = list(nlp.pipe(sample))
    started = time.perf_counter()
    for doc in docs:
        for _ in range(20):
            _ = doc.text
    unit = (time.perf_counter() - started) / (20 * len(docs))
    accesses = text_accesses(nlp, sample)
    n = sum(c for _, c in accesses)
    scale = len(texts) / len(sample)
    print(f"\n3. Doc.text accesses from articlenlp: {n / len(sample):.0f} per article, {1e6 * unit:.0f} us each")
    print(f"   estimated {n * unit * scale:.1f} s over {len(texts)} articles\n")
    rows = [[caller, f"{calls / len(sample):.1f}", f"{calls * unit * scale:.2f}"] for caller, calls in accesses[:15]]
    print(table(["caller", "accesses/article", f"est. seconds ({len(texts)} articles)"], rows))


if __name__ == "__main__":
    main()
