"""Quote extraction: articlenlp against textacy's ``direct_quotations``, on the same gold files.

The fully annotated articles of a corpus split (``--split``, default test; ``--corpus``,
default the repo's corpus/) go through the same spaCy pipeline (articlenlp's default):
once through articlenlp's ``Analyzer``, once through plain spaCy for
``textacy.extract.triples.direct_quotations``. Both are scored by ``articlenlp
evaluate``'s own quote metrics (``evaluation._quote_metrics``: >= 50% character overlap,
speakers by name and gold aliases). Each textacy triple becomes a stand-in ``Quote``:
the content span without its outer quotation marks, the speaker tokens joined as
``speaker_name``, no speaker entity and no outlet (textacy has none: its outlet accuracy
is n/a). An article in which textacy finds an odd number of quotation-mark tokens makes
it raise (it bails out rather than guess); that article counts as no quotes from
textacy, and the number of such articles is printed. Gold quotes are also broken down by
the quotation mark that opens them in the text.

textacy is not a dependency of articlenlp; install it in a venv of its own
(textacy 0.13.0 installs beside spaCy 3.8 and numpy 2 without changing them):

    python3.11 -m venv /tmp/textacy-venv
    /tmp/textacy-venv/bin/pip install -e . textacy==0.13.0
    /tmp/textacy-venv/bin/python benchmarks/quotes_vs_textacy.py                # the test split
    /tmp/textacy-venv/bin/python benchmarks/quotes_vs_textacy.py --split all    # every gold file
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, Span, Token

from _common import CORPUS, table
from articlenlp.corpus import SPLIT_FILE, GoldArticle, read_corpus, read_split
from articlenlp.evaluation import _occurrences, _quote_metrics
from articlenlp.pipeline import MAX_LENGTH, Analyzer, analysis_from_doc, default_spacy_model
from articlenlp.types import Analysis, Quote, Stance

Scored = list[tuple[GoldArticle, Analysis, Doc]]
Extractor = Callable[[Doc], Iterable[Any]]
MARKS = {'"': 'straight "…"', "“": "curly “…”", "'": "straight '…'", "‘": "curly ‘…’"}
NO_MARK = "no mark"


def load_textacy() -> tuple[Extractor, str]:
    """textacy's ``direct_quotations`` and textacy's version, or exit saying how to install it."""
    try:
        import textacy
        from textacy.extract.triples import direct_quotations
    except ImportError as error:
        raise SystemExit(
            f"textacy is not installed ({error}). It is not a dependency of articlenlp: install it, best in a venv of its own:\n"
            "    pip install textacy\n(see the docstring of benchmarks/quotes_vs_textacy.py)"
        ) from error
    return direct_quotations, textacy.__version__


def select(corpus: Path, split: str) -> list[GoldArticle]:
    """The fully annotated articles of the split (``all``: of the whole corpus)."""
    articles = read_corpus(corpus)
    if split != "all":
        ids = set(read_split(corpus / SPLIT_FILE, articles)[split])
        articles = [a for a in articles if a.id in ids]
    return [a for a in articles if a.fully_annotated]


# --- the two systems --------------------------------------------------------------------------


def run_articlenlp(articles: list[GoldArticle], model: str) -> Scored:
    nlp = Analyzer(spacy_model=model).nlp
    docs = nlp.pipe(((a.text, a) for a in articles), as_tuples=True)
    return [(gold, analysis_from_doc(doc, gold.id), doc) for doc, gold in docs]


def run_textacy(articles: list[GoldArticle], model: str, extract: Extractor) -> tuple[Scored, int]:
    """textacy's quotes as stand-in Analyses, and how many articles it bailed out on."""
    nlp = spacy.load(model)
    nlp.max_length = MAX_LENGTH
    scored, bailed = [], 0
    for doc, gold in nlp.pipe(((a.text, a) for a in articles), as_tuples=True):
        try:
            quotes = [to_quote(doc, triple) for triple in extract(doc)]
        except ValueError as error:  # "N quotation marks found, indicating an unclosed quotation"
            if "quotation marks found" not in str(error):
                raise
            quotes, bailed = [], bailed + 1
        scored.append((gold, stand_in(gold, quotes), doc))
    return scored, bailed


def to_quote(doc: Doc, triple: Any) -> Quote:
    start, end = content_offsets(triple.content)
    return Quote(text=doc.text[start:end], start=start, end=end, kind="direct", speaker_name=joined(triple.speaker))


def content_offsets(content: Span) -> tuple[int, int]:
    """The content's characters without its outer quotation marks and spaces (gold quotes have none)."""
    start, end = content.start_char, content.end_char
    if len(content) > 2 and content[0].is_quote and content[-1].is_quote:
        start, end = start + len(content[0].text), content[-1].idx
    text = content.doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def joined(tokens: list[Token]) -> str:
    """The speaker tokens in text order, with the text's spacing between neighbours."""
    parts = []
    for token, following in zip(tokens, [*tokens[1:], None], strict=True):
        adjacent = following is not None and following.i == token.i + 1
        parts.append(token.text_with_ws if adjacent else token.text + " ")
    return "".join(parts).strip()


def stand_in(gold: GoldArticle, quotes: list[Quote]) -> Analysis:
    """An Analysis carrying only quotes, for the evaluation's quote metrics."""
    return Analysis(id=gold.id, text=gold.text, stance=Stance(label="n/a", confidence=0.0, scores={}), quotes=quotes)


# --- scoring --------------------------------------------------------------------------------------


def by_mark(scored: Scored) -> Scored:
    """The same pairs with each gold quote's kind replaced by its opening quotation mark."""
    return [
        (dataclasses.replace(gold, quotes=[{**q, "kind": opening_mark(gold.text, q["text"])} for q in gold.quotes or []]), a, d)
        for gold, a, d in scored
    ]


def opening_mark(text: str, quote: str) -> str:
    """The quotation mark right before the quote's first quoted occurrence."""
    marks = (MARKS.get(text[start - 1 : start]) for start, _ in _occurrences(text, quote) if start)
    return next((m for m in marks if m), NO_MARK)


def score(scored: Scored) -> dict[str, Any]:
    metrics = _quote_metrics(scored)
    metrics["per_mark"] = _quote_metrics(by_mark(scored))["per_kind"]
    metrics["predicted"] = sum(len(a.quotes) for _, a, _ in scored)
    return metrics


# --- report ---------------------------------------------------------------------------------------


def rows(ours: dict[str, Any], theirs: dict[str, Any], seconds: tuple[float, float]) -> list[list[str]]:
    def prf(m: dict[str, Any], key: str) -> list[str]:
        return [f"{m[key]['precision']:.3f} / {m[key]['recall']:.3f} / {m[key]['f1']:.3f}" for m in (ours, theirs)]

    body = [
        ["predicted quotes", str(ours["predicted"]), str(theirs["predicted"])],
        ["detection P / R / F1", *prf(ours, "detection")],
        [
            "attribution accuracy (speaker right, of detected)",
            f"{ours['attribution_accuracy']:.3f}",
            f"{theirs['attribution_accuracy']:.3f}",
        ],
        ["end-to-end P / R / F1 (speaker right)", *prf(ours, "end_to_end")],
        ["outlet accuracy (of detected)", f"{ours['outlet_accuracy']:.3f}", "n/a"],
    ]
    for group, label in (("per_kind", "kind"), ("per_mark", "mark")):
        for name, row in ours[group].items():
            other = theirs[group][name]
            body.append(
                [
                    f"{label} {name} (n={row['gold']}): recall / attribution",
                    *(f"{r['recall']:.3f} / {r['attribution_accuracy']:.3f}" for r in (row, other)),
                ]
            )
    body.append(["seconds (spaCy parse + extraction)", f"{seconds[0]:.1f}", f"{seconds[1]:.1f}"])
    return body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("train", "test", "all"), default="test", help="articles to score (default test)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"gold corpus folder (default {CORPUS})")
    args = parser.parse_args()
    extract, version = load_textacy()
    model = default_spacy_model()
    articles = select(args.corpus, args.split)
    started = time.perf_counter()
    ours = score(run_articlenlp(articles, model))
    middle = time.perf_counter()
    scored, bailed = run_textacy(articles, model, extract)
    theirs = score(scored)
    seconds = (middle - started, time.perf_counter() - middle)
    gold = sum(len(a.quotes or []) for a in articles)
    print(f"corpus {args.corpus}, split {args.split}: {len(articles)} fully annotated articles, {gold} gold quotes")
    print(f"spaCy {spacy.__version__}, pipeline {model}; textacy {version}")
    print(f"textacy bailed out (odd number of quotation-mark tokens) on {bailed} of {len(articles)} articles\n")
    print(table(["metric", "articlenlp", f"textacy {version} direct_quotations"], rows(ours, theirs, seconds)))
    print(
        f"\ntextacy names no outlet: scored as None, it would be right for {theirs['outlet_accuracy']:.3f} of its detected quotes (gold outlet null)."
    )


if __name__ == "__main__":
    main()
