"""The Analyzer and articlenlp.analyze: input checks, streaming, schema and offsets on the examples."""

from __future__ import annotations

from pathlib import Path

import pytest

import articlenlp
from articlenlp.io import SUFFIXES, read_article
from articlenlp.types import STANCE_LABELS, Analysis

RENEWED = (
    "Apple TV+ renews Quiet Orbit for season 2\n\n"
    "Apple TV+ has renewed Quiet Orbit, its space drama starring Mara Quist, for a second season. "
    '"We are over the moon," Quist told Deadline.\n'
)
CANCELLED = "NBC cancels Night Desk\n\nNBC has cancelled Night Desk after one season. The newsroom comedy will not return.\n"
UNCERTAIN = "Will Blue Hour return?\n\nThere is no word yet on whether Blue Hour will return. The streamer could decide next month.\n"

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE_FILES = sorted(p for p in EXAMPLES.iterdir() if p.suffix.lower() in SUFFIXES)


@pytest.mark.parametrize("bad", [None, b"Netflix renews Quiet Orbit", 42, ["text"]], ids=["None", "bytes", "int", "list"])
def test_analyze_rejects_non_str(analyzer, bad):
    with pytest.raises(TypeError) as error:
        analyzer.analyze(bad)
    message = str(error.value)
    assert "str" in message
    assert type(bad).__name__ in message


def test_bytes_error_suggests_decoding(analyzer):
    with pytest.raises(TypeError, match="decode"):
        analyzer.analyze(b"bytes")


def test_analyze_basic(analyzer, validate, assert_spans):
    analysis = analyzer.analyze(RENEWED, id="quiet-orbit")
    assert isinstance(analysis, Analysis)
    assert analysis.id == "quiet-orbit"
    assert analysis.text == RENEWED
    assert analysis.title == "Apple TV+ renews Quiet Orbit for season 2"
    assert analysis.stance.label in STANCE_LABELS
    assert sum(analysis.stance.scores.values()) == pytest.approx(1.0, abs=1e-6)
    assert analysis.stance.confidence == pytest.approx(max(analysis.stance.scores.values()))
    record = analysis.to_dict()
    validate(record)
    assert_spans(RENEWED, record)


def test_analyze_default_id(analyzer):
    assert analyzer.analyze(CANCELLED).id


def test_analyze_tiny_inputs(analyzer, validate, assert_spans):
    for text in ("Hi", "x", "\n\n", "Netflix."):
        record = analyzer.analyze(text).to_dict()
        validate(record)
        assert_spans(text, record)


def test_analyze_many_texts_keeps_order(analyzer):
    texts = [RENEWED, CANCELLED, UNCERTAIN, RENEWED]
    results = list(analyzer.analyze_many(texts))
    assert [r.text for r in results] == texts
    assert len({r.id for r in results}) == 4
    single = [analyzer.analyze(t) for t in texts]
    assert [r.stance.label for r in results] == [s.stance.label for s in single]
    assert [r.title for r in results] == [s.title for s in single]


def test_analyze_many_pairs_keep_ids_and_order(analyzer):
    pairs = [("c", CANCELLED), ("a", RENEWED), ("b", UNCERTAIN)]
    results = list(analyzer.analyze_many(pairs, batch_size=2))
    assert [r.id for r in results] == ["c", "a", "b"]
    assert [r.text for r in results] == [CANCELLED, RENEWED, UNCERTAIN]


def test_analyze_many_mixed_and_lazy(analyzer):
    def generate():
        yield "first", RENEWED
        yield CANCELLED

    results = analyzer.analyze_many(generate())
    assert next(results).id == "first"
    second = next(results)
    assert second.text == CANCELLED


def test_analyze_many_rejects_bad_items(analyzer):
    with pytest.raises(TypeError, match="str"):
        list(analyzer.analyze_many([RENEWED, b"bytes"]))
    with pytest.raises(TypeError, match="str"):
        list(analyzer.analyze_many([("id", None)]))
    with pytest.raises(TypeError):
        list(analyzer.analyze_many([("a", "b", "c")]))


def test_module_level_analyze(analyzer, monkeypatch):
    # reuse the session's Analyzer as the lazily loaded default instead of loading another
    monkeypatch.setattr(articlenlp, "_default", analyzer)
    analysis = articlenlp.analyze(RENEWED, id="x")
    assert analysis.id == "x"
    assert analysis.to_dict() == analyzer.analyze(RENEWED, id="x").to_dict()
    with pytest.raises(TypeError):
        articlenlp.analyze(None)


def test_examples_exist():
    names = [p.name for p in EXAMPLE_FILES]
    assert "the-glory-season-2.txt" in names
    assert any(name.endswith(".html") for name in names)
    assert len(names) >= 4


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_examples_validate_and_offsets_hold(analyzer, validate, assert_spans, path):
    article = read_article(path)
    analysis = analyzer.analyze(article.text, id=path.name)
    record = analysis.to_dict()
    validate(record)
    assert_spans(article.text, record)
    ids = [e["id"] for e in record["entities"]]
    assert len(ids) == len(set(ids))
    for entity in record["entities"]:
        for ref in entity.get("plays", []) + entity.get("works", []):
            assert ref in ids
    for quote in record["quotes"]:
        assert quote["speaker"] is None or quote["speaker"] in ids
    for claim in record["claims"]:
        assert (claim["label"] == "speculation") == bool(claim["cues"]), claim["text"]


def test_html_example_is_text(analyzer):
    (html_path,) = [p for p in EXAMPLE_FILES if p.suffix == ".html"]
    text = read_article(html_path).text
    assert "<" not in text and "&amp;" not in text
    assert "dataLayer" not in text and "font-family" not in text
    analysis = analyzer.analyze(text)
    assert analysis.title and "&" in analysis.title
