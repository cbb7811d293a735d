"""Article layout: headline, byline, subheadings, captions and body paragraphs.

The ``articlenlp_layout`` component runs before the parser. It splits the text into
blocks, labels each one, and marks every block start as a sentence start so that no
sentence (and no entity) crosses a paragraph break or runs out of a headline.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

HEADLINE = "headline"
BYLINE = "byline"
HEADING = "heading"
BODY = "body"

_TERMINAL = ".!…\"”’'):;"
_BYLINE = re.compile(
    r"^(by|posted|published|updated|(?:written|words|reporting|text|story|live coverage|photos?|photographs|pictures) by)\b|^about the author",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")


@dataclass(frozen=True)
class Block:
    """A paragraph or a line of the article, with its layout role."""

    start: int
    end: int
    kind: str

    @property
    def is_prose(self) -> bool:
        return self.kind == BODY


def _word_count(text: str) -> int:
    return len(text.split())


def _looks_like_heading(line: str) -> bool:
    stripped = _BULLET.sub("", line).strip()
    if not stripped or _word_count(stripped) > 14:
        return False
    return stripped.endswith("?") or stripped[-1] not in _TERMINAL


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for line in text[start:end].split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        content = line.strip()
        if content:
            offset = line.index(content[0])
            spans.append((line_start + offset, line_start + offset + len(content)))
    return spans


def _paragraph_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a paragraph at single newlines only where a line is complete on its own."""
    lines = _line_spans(text, start, end)
    if _hard_wrapped(text, lines):
        return [(lines[0][0], lines[-1][1])]
    merged: list[tuple[int, int]] = []
    for line_start, line_end in lines:
        if merged:
            previous = text[merged[-1][0] : merged[-1][1]]
            complete = previous[-1] in _TERMINAL or _looks_like_heading(previous)
            current = text[line_start:line_end]
            if not complete and not _BULLET.match(current):
                merged[-1] = (merged[-1][0], line_end)
                continue
        merged.append((line_start, line_end))
    return merged


_WRAP_WIDTH = 45


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Prose wrapped at a fixed width: every line but the last is long and none is a bullet."""
    if len(lines) < 2:
        return False
    body = lines[:-1]
    return all(e - s >= _WRAP_WIDTH for s, e in body) and not any(_BULLET.match(text[s:e]) for s, e in lines)


def split_blocks(text: str) -> list[Block]:
    """The blocks of an article in order, each labelled headline/byline/heading/body."""
    blocks: list[Block] = []
    for match in re.finditer(r"\S(?:.|\n(?![ \t\r\f\v]*\n))*", text):
        for start, end in _paragraph_lines(text, match.start(), match.end()):
            blocks.append(Block(start, end, _classify(text[start:end], first=not blocks)))
    return blocks


def _classify(line: str, first: bool) -> str:
    if first and "\n" not in line and _word_count(line) <= 30 and not line.endswith("."):
        return HEADLINE
    if _BYLINE.match(line) and _word_count(line) <= 14:
        return BYLINE
    if "\n" not in line and _looks_like_heading(line):
        return HEADING
    return BODY


def _set_sentence_starts(doc: Doc, blocks: list[Block]) -> None:
    """Sentences start at block boundaries, and never at a lowercase word after '?' or '!':
    that mark ends a title or a name ('renewed Are You Still Up, Harriet? for a fourth
    season', 'Yahoo! said'), not the sentence."""
    starts = {block.start for block in blocks}
    previous = doc[0].text if len(doc) else ""
    for token in doc[1:]:
        if token.idx in starts:
            token.is_sent_start = True
        elif previous in ("?", "!") and token.is_lower and token.is_alpha:
            token.is_sent_start = False
        previous = token.text


@Language.factory("articlenlp_layout")
def make_layout(nlp: Language, name: str) -> LayoutComponent:
    return LayoutComponent()


class LayoutComponent:
    """Sets ``doc._.blocks`` and sentence starts at block boundaries."""

    def __call__(self, doc: Doc) -> Doc:
        blocks = split_blocks(doc.text)
        doc._.blocks = blocks
        _set_sentence_starts(doc, blocks)
        return doc


def block_at(doc: Doc, char: int) -> Block | None:
    """The block holding the character offset ``char``."""
    for block in doc._.blocks:
        if block.start <= char < block.end:
            return block
    return None


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy rebuilds the string on every access."""
    cached = doc.user_data.get(_TEXT)
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), doc.text)
        doc.user_data[_TEXT] = cached
    return str(cached[1])


_TEXT = "articlenlp.text"


def lowers_of(doc: Doc) -> list[str]:
    """``[t.lower_ for t in doc]``, built once per Doc: scanning these strings for cue words
    is much cheaper than creating a Token object per word on every pass."""
    cached = doc.user_data.get(_LOWERS)
    if cached is None or len(cached) != len(doc):
        cached = [t.lower_ for t in doc]
        doc.user_data[_LOWERS] = cached
    return list(cached)


_LOWERS = "articlenlp.lowers"


def sentence_of(token: Token) -> Span:
    """The sentence holding ``token``. spaCy's ``Token.sent`` walks every sentence of the Doc
    on each call; this looks it up in a per-Doc index built once (after parsing)."""
    doc = token.doc
    index = doc.user_data.get(_SENTENCE_INDEX)
    if index is None or index[2] != len(doc):
        sentences = list(doc.sents)
        index = ([s.start for s in sentences], sentences, len(doc))
        doc.user_data[_SENTENCE_INDEX] = index
    starts, sentences, _ = index
    return sentences[bisect_right(starts, token.i) - 1]


_SENTENCE_INDEX = "articlenlp.sentence_index"


def headline(doc: Doc) -> str | None:
    blocks = doc._.blocks
    if blocks and blocks[0].kind == HEADLINE:
        return text_of(doc)[blocks[0].start : blocks[0].end]
    return None


if not Doc.has_extension("blocks"):
    Doc.set_extension("blocks", default=None)
