"""Property tests over the whole pipeline: random text in, never an exception out.

For any text: no exception; every offset inside the text; ``text[start:end]`` equals the
text of every span (entity mentions, quotes, claims, evidence); the record is valid
against the schema and survives a JSON round trip. And the readers (bytes, HTML,
Markdown) never fail with anything but InputError.

The pipeline tests are slow (spaCy), so they run few examples; run more with
``pytest tests/test_fuzz.py --hypothesis-seed=N`` or by raising FUZZ_EXAMPLES.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articlenlp.io import InputError, decode, html_to_text, markdown_to_text, read_article

ROOT = Path(__file__).resolve().parent.parent
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
pipeline_settings = settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
reader_settings = settings(max_examples=200, deadline=None)

QUOTE_MARKS = [
    '"',
    "'",
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    "\u00ab",
    "\u00bb",
    "\u201e",
    "\u201a",
    "\u2039",
    "\u203a",
    "`",
    "''",
    "``",
]
WHITESPACE = [" ", "  ", "\n", "\n\n", "\n\n\n", "\t", "\r", "\r\n", "\u00a0", "\u2028", "\u2029", "\u3000", "\f", "\v", "\x85", " \n "]
WORDS = [
    "Netflix",
    "renewed",
    "cancelled",
    "Lee Do-hyun",
    "Lee",
    "said",
    "told Variety",
    "via Soompi",
    "Season 2",
    "season",
    "The Glory",
    "could",
    "may",
    "director",
    "plays",
    "as",
    "the",
    "show",
    "was",
    "By",
    "Mr.",
    "'s",
    "Ahn Gil-ho",
    "BBC",
    ".",
    ",",
    "?",
    "!",
    ":",
    "\u2014",
    "-",
    "(",
    ")",
    "\u2026",
    "1999",
]
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]

words = st.sampled_from(WORDS)
quote_text = st.lists(st.one_of(words, st.sampled_from(QUOTE_MARKS), st.just(" ")), max_size=60).map("".join)
whitespace_text = st.lists(st.one_of(words, st.sampled_from(WHITESPACE), st.sampled_from(QUOTE_MARKS)), max_size=60).map("".join)


@st.composite
def mutated_articles(draw):
    """A real article with quote marks, whitespace and random characters inserted, and cuts."""
    text = draw(st.sampled_from(ARTICLES))
    for _ in range(draw(st.integers(0, 8))):
        position = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["mark", "space", "cut", "random"]))
        if kind == "mark":
            text = text[:position] + draw(st.sampled_from(QUOTE_MARKS)) + text[position:]
        elif kind == "space":
            text = text[:position] + draw(st.sampled_from(WHITESPACE)) + text[position:]
        elif kind == "cut":
            text = text[:position] + text[draw(st.integers(position, min(len(text), position + 300))) :]
        else:
            text = text[:position] + draw(st.text(max_size=4)) + text[position:]
    return text


@pytest.fixture(scope="module")
def check(analyzer, validate, assert_spans):
    def _check(text: str) -> None:
        analysis = analyzer.analyze(text)
        assert analysis.text == text
        record = analysis.to_dict()
        validate(record)
        assert_spans(text, record)
        assert json.loads(json.dumps(record, ensure_ascii=False, allow_nan=False)) == record

    return _check


@pipeline_settings
@given(text=st.text(max_size=300))
def test_random_unicode(check, text):
    check(text)


@pipeline_settings
@given(text=quote_text)
def test_random_quote_marks(check, text):
    check(text)


@pipeline_settings
@given(text=whitespace_text)
def test_random_whitespace_and_newlines(check, text):
    check(text)


@pipeline_settings
@given(text=mutated_articles())
def test_mutated_articles(check, text):
    check(text)


# --- the readers ----------------------------------------------------------------------------

text_bytes = st.one_of(
    st.binary(max_size=600),
    st.tuples(st.text(max_size=200), st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1"])).map(
        lambda pair: pair[0].encode(pair[1], errors="replace")
    ),
    st.tuples(st.binary(max_size=8), st.text(max_size=200), st.binary(max_size=8)).map(lambda t: t[0] + t[1].encode("utf-8") + t[2]),
)


def _read(data: bytes, suffix: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        try:
            return read_article(path)
        except InputError as error:
            assert path.name in str(error)
            return None


@reader_settings
@given(data=text_bytes, suffix=st.sampled_from([".txt", ".html", ".md"]))
def test_read_article_gives_text_or_input_error(data, suffix):
    article = _read(data, suffix)
    if article is not None:
        assert article.text.strip()
        assert "\r" not in article.text and "\x00" not in article.text
        assert all(isinstance(w, str) and w.startswith("article") for w in article.warnings)


@reader_settings
@given(data=st.binary(max_size=600))
def test_decode_gives_text_or_input_error(data):
    try:
        text, warnings = decode(data)
    except InputError:
        return
    assert isinstance(text, str) and "\x00" not in text


markup_pieces = st.sampled_from(
    ["<p>", "</p>", "<script>", "</script>", "<style>", "<!--", "-->", "<br/>", "<h1>", "&amp;", "&#", "&lt;", "<a href='", "'>", "<", ">"]
)
markup = st.lists(st.one_of(markup_pieces, st.text(max_size=5)), max_size=40).map("".join)
markdown_pieces = st.sampled_from(
    ["# ", "**", "*", "_", "__", "`", "```\n", "[", "](", ")", "![", "> ", "---\n", "\\", "\n", "~~", "<http:"]
)
markdown = st.lists(st.one_of(markdown_pieces, st.text(max_size=5)), max_size=40).map("".join)


@reader_settings
@given(text=markup)
def test_html_to_text_never_fails(text):
    assert "\r" not in html_to_text(text)


@reader_settings
@given(text=markdown)
def test_markdown_to_text_never_fails(text):
    assert "\r" not in markdown_to_text(text)


@pipeline_settings
@given(data=text_bytes, suffix=st.sampled_from([".txt", ".html", ".md"]))
def test_bytes_to_analysis(check, data, suffix):
    article = _read(data, suffix)
    if article is not None:
        check(article.text)
