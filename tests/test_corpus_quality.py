"""The shipped corpus: parses, is big and balanced enough, is not templated, and its gold
annotations quote the article text verbatim."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from articlenlp.corpus import read_corpus
from articlenlp.types import STANCE_LABELS

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MIN_ARTICLES = 300
MIN_PER_LABEL = 45
MIN_FULLY_ANNOTATED = 80
MIN_SHARED_WORDS = 12

_SENTENCE_END = re.compile(r"[.!?](?=\s)")


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(CORPUS)


def sentences(text: str) -> list[str]:
    """Sentences split after . ! ? followed by whitespace, whitespace normalised."""
    return [" ".join(part.split()) for part in _SENTENCE_END.split(text) if part.strip()]


def test_every_gold_file_parses(corpus):
    gold_files = sorted(CORPUS.glob("*.gold.json"))
    assert len(corpus) == len(gold_files)
    ids = [a.id for a in corpus]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


def test_every_text_has_gold():
    texts = {p.name[: -len(".txt")] for p in CORPUS.glob("*.txt")}
    golds = {p.name[: -len(".gold.json")] for p in CORPUS.glob("*.gold.json")}
    assert texts - golds == set(), "articles without gold"


def test_size_and_balance(corpus):
    counts = Counter(a.stance for a in corpus)
    assert len(corpus) >= MIN_ARTICLES, f"{len(corpus)} articles: {dict(counts)}"
    short = {label: counts[label] for label in STANCE_LABELS if counts[label] < MIN_PER_LABEL}
    assert not short, f"labels under {MIN_PER_LABEL}: {short}"


def test_fully_annotated(corpus):
    full = sum(a.fully_annotated for a in corpus)
    assert full >= MIN_FULLY_ANNOTATED, f"{full} fully annotated"


def test_not_templated(corpus):
    """No sentence of 12 or more words appears in two different articles."""
    first_seen: dict[str, str] = {}
    shared: dict[str, set[str]] = {}
    for article in corpus:
        for sentence in set(sentences(article.text)):
            if len(sentence.split()) < MIN_SHARED_WORDS:
                continue
            owner = first_seen.setdefault(sentence, article.id)
            if owner != article.id:
                shared.setdefault(sentence, {owner}).add(article.id)
    report = [f"{sorted(ids)}: {sentence[:100]}" for sentence, ids in sorted(shared.items())]
    assert not shared, f"{len(shared)} sentences shared between articles:\n" + "\n".join(report[:20])


def test_gold_strings_occur_verbatim(corpus):
    missing = []
    for article in corpus:
        for entity in article.entities or []:
            for name in [entity["name"], *(entity.get("aliases") or [])]:
                if name not in article.text:
                    missing.append(f"{article.id}: entity name {name!r}")
        for quote in article.quotes or []:
            if quote["text"] not in article.text:
                missing.append(f"{article.id}: quote {quote['text'][:60]!r}")
        for claim in article.claims or []:
            if claim["text"] not in article.text:
                missing.append(f"{article.id}: claim {claim['text'][:60]!r}")
    assert not missing, f"{len(missing)} gold strings not in their article:\n" + "\n".join(missing[:30])


def test_sentence_splitter():
    text = "One two three.  Four five!\nSix seven? Eight 3.5 nine.\n\nTen"
    assert sentences(text) == ["One two three", "Four five", "Six seven", "Eight 3.5 nine", "Ten"]
