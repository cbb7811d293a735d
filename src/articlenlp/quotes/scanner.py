"""Finding quotation spans in raw text, before any attribution.

Works on characters and paragraph blocks only, so it can be tested (and fuzzed) without
spaCy. Rules:

- Curly marks pair by direction; a straight ``"`` opens after a space, a paragraph
  start or an opening bracket, and closes otherwise.
- Single marks (British style) open before a letter after a space or paragraph start
  and close after a letter when no letter follows, so apostrophes ("don't",
  "the actors' union") are not taken for marks unless they pair up.
- A quote never crosses a paragraph break, except for the block convention: a
  paragraph that opens a quote and does not close it continues into the next paragraph
  only if that paragraph opens with a mark too (or, for a quote opened at the start of
  its paragraph, carries no mark at all). Anything left unclosed is dropped, so a
  stray mark cannot swallow the rest of the article.
- A quote inside another quote belongs to the outer one: results never overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
OPEN_SINGLE = "‘‹"
CLOSE_SINGLE = "’›"
_OPENING_CONTEXT = " \t\n([{—–-/:"


@dataclass(frozen=True)
class QuoteSpan:
    """The quoted words (``start``/``end``, without marks) and the marks' positions."""

    start: int
    end: int
    open_mark: int
    close_mark: int
    paragraphs: int = 1

    def overlaps(self, other: QuoteSpan) -> bool:
        return self.open_mark <= other.close_mark and other.open_mark <= self.close_mark


_DECADE = re.compile(r"\d0s\b")


def _is_opening(text: str, i: int) -> bool:
    if _DECADE.match(text, i + 1):
        return False  # the '90s
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _OPENING_CONTEXT or before in OPEN_DOUBLE + OPEN_SINGLE + "\"'") and not after.isspace()


def _is_closing(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _marks(text: str, start: int, end: int, single: bool) -> list[tuple[int, str]]:
    """(position, 'open'|'close') for each mark of one family in text[start:end]."""
    found = []
    opens, closes, straight = (OPEN_SINGLE, CLOSE_SINGLE, "'") if single else (OPEN_DOUBLE, CLOSE_DOUBLE, '"')
    for i in range(start, end):
        char = text[i]
        if char in opens and (not single or _is_opening(text, i)):
            found.append((i, "open"))
        elif char in closes and (not single or _is_closing(text, i)):
            found.append((i, "close"))
        elif char == straight:
            if _is_opening(text, i):
                found.append((i, "open"))
            elif _is_closing(text, i):
                found.append((i, "close"))
    return found


def _pairs_in_paragraph(text: str, start: int, end: int, single: bool) -> tuple[list[tuple[int, int]], int | None]:
    """Closed (open, close) mark pairs in one paragraph, and a trailing unclosed open."""
    pairs = []
    pending: int | None = None
    marks = _marks(text, start, end, single)
    for index, (position, kind) in enumerate(marks):
        if kind == "open" and pending is None:
            pending = position
        elif kind == "close" and pending is not None:
            later_close = any(k == "close" for _, k in marks[index + 1 :])
            if single and later_close and _looks_possessive(text, position):
                continue
            pairs.append((pending, position))
            pending = None
    return pairs, pending


def _looks_possessive(text: str, i: int) -> bool:
    """The actors' union: a mark after a plural 's' with a noun following."""
    if text[i - 1 : i] != "s" or text[i + 1 : i + 2] != " ":
        return False
    next_word = re.match(r"[a-z]+", text[i + 2 : i + 20])
    return next_word is not None and next_word.group() not in _CLAUSE_WORDS


_CLAUSE_WORDS = {
    "and",
    "or",
    "but",
    "nor",
    "so",
    "yet",
    "he",
    "she",
    "they",
    "we",
    "it",
    "said",
    "says",
    "added",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "as",
    "from",
    "by",
    "while",
    "when",
    "before",
    "after",
    "because",
    "which",
    "who",
    "that",
    "is",
    "was",
    "are",
    "were",
    "has",
    "had",
    "have",
    "will",
    "would",
    "could",
    "the",
    "a",
    "an",
    "then",
    "than",
    "if",
}


def _starts_with_open(text: str, start: int, single: bool) -> bool:
    char = text[start] if start < len(text) else ""
    return char in ((OPEN_SINGLE + "'") if single else (OPEN_DOUBLE + '"'))


def scan_family(text: str, paragraphs: list[tuple[int, int]], single: bool) -> list[QuoteSpan]:
    """Quotes marked with one family of marks (double or single)."""
    spans: list[QuoteSpan] = []
    index = 0
    while index < len(paragraphs):
        start, end = paragraphs[index]
        pairs, pending = _pairs_in_paragraph(text, start, end, single)
        spans.extend(QuoteSpan(o + 1, c, o, c) for o, c in pairs)
        block = None
        if pending == start:
            block = _block_quote(text, paragraphs, index, single)
        elif pending is not None:
            # 'An ITV spokesperson said: "...' opened after an intro and continued in the next
            # paragraph, which must reopen with a mark (the block convention)
            block = _block_quote(text, paragraphs, index, single, open_mark=pending, reopen_only=True)
        if block is not None:
            spans.append(block)
            index += block.paragraphs
            continue
        index += 1
    return [s for s in spans if s.end > s.start]


_BLOCK_LIMIT = 12


def _block_quote(
    text: str, paragraphs: list[tuple[int, int]], first: int, single: bool, open_mark: int | None = None, reopen_only: bool = False
) -> QuoteSpan | None:
    """A quote opened in paragraph ``first`` (at its start unless ``open_mark`` says where)
    and closed in a later paragraph.

    Each later paragraph either reopens with a mark (the convention) or, unless
    ``reopen_only``, carries no mark of the family at all; the quote ends at the first
    paragraph that closes it.
    """
    open_mark = paragraphs[first][0] if open_mark is None else open_mark
    for index in range(first + 1, min(len(paragraphs), first + _BLOCK_LIMIT)):
        start, end = paragraphs[index]
        reopened = _starts_with_open(text, start, single)
        if reopen_only and not reopened:
            return None
        closing = _first_close(text, start + 1 if reopened else start, end, single)
        if closing is not None:
            if text[closing + 1 : end].strip(" .,") == "" or reopened:
                return QuoteSpan(open_mark + 1, closing, open_mark, closing, index - first + 1)
            return None
        if not reopened and _marks(text, start, end, single):
            return None
    return None


def _first_close(text: str, start: int, end: int, single: bool) -> int | None:
    pairs_open = 0
    for position, kind in _marks(text, start, end, single):
        if kind == "open":
            pairs_open += 1
        elif pairs_open:
            pairs_open -= 1
        else:
            return position
    return None


def _is_last_or_next_not_open(text: str, paragraphs: list[tuple[int, int]], index: int, single: bool) -> bool:
    return index + 1 >= len(paragraphs) or not _starts_with_open(text, paragraphs[index + 1][0], single)


def scan_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """All quotation spans, outermost only, in text order."""
    candidates = scan_family(text, paragraphs, single=False) + scan_family(text, paragraphs, single=True)
    kept: list[QuoteSpan] = []
    for span in sorted(candidates, key=lambda s: (s.open_mark - s.close_mark, s.open_mark)):
        if not any(span.overlaps(k) for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def scan_doc_quotes(doc: Any, text: str) -> list[QuoteSpan]:
    """:func:`scan_quotes` over a spaCy Doc's text and paragraph blocks, once per Doc: the
    entities (quoted titles) and the quotes component both need it. ``text`` is the Doc's
    text; the Doc is only used for its blocks and ``user_data``, so this module stays free
    of spaCy."""
    paragraphs = [(b.start, b.end) for b in doc._.blocks or []]
    key = (len(text), tuple(paragraphs))
    cached = doc.user_data.get(_SCANNED)
    if cached is None or cached[0] != key:
        cached = (key, scan_quotes(text, paragraphs))
        doc.user_data[_SCANNED] = cached
    return list(cached[1])


_SCANNED = "articlenlp.quote_scan"
