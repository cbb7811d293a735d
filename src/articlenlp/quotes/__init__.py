"""Quotations with their speakers and outlets.

The ``articlenlp_quotes`` component reads the layout and entities set by the
components before it and sets ``doc._.quotes`` (``list[Quote]``) and
``doc.spans["articlenlp_quotes"]`` (labelled by kind).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..layout import sentence_of, text_of
from ..types import Quote
from .attribution import AttributionCues, Attributor, Speaker
from .scanner import QuoteSpan, scan_quotes

SPAN_KEY = "articlenlp_quotes"
_SENTENCE_END = ".!?…"


@Language.factory("articlenlp_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteExtractor:
    return QuoteExtractor()


class QuoteExtractor:
    """Finds quotations and attributes them (see the package docstring)."""

    def __init__(self) -> None:
        self.cues = AttributionCues()

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        paragraphs = [(b.start, b.end) for b in doc._.blocks]
        spans = [s for s in scan_quotes(text, paragraphs) if self._is_quotation(doc, s)]
        attributor = Attributor(doc, self.cues, [(s.open_mark, s.close_mark + 1) for s in spans])
        quotes: list[Quote] = []
        previous: tuple[QuoteSpan, Speaker, str | None] | None = None
        for span in spans:
            kind = _kind(text, span, paragraphs)
            speaker, outlet = self._attribute(doc, attributor, span, kind, paragraphs, previous)
            quotes.append(Quote(text[span.start : span.end], span.start, span.end, kind, speaker.entity_id, speaker.name, outlet))
            previous = (span, speaker, outlet)
        doc._.quotes = quotes
        doc.spans[SPAN_KEY] = [s for q in quotes if (s := doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")) is not None]
        return doc

    def _is_quotation(self, doc: Doc, span: QuoteSpan) -> bool:
        """Not scare quotes, titles or nicknames."""
        if _is_title(doc, span):
            return False
        words = text_of(doc)[span.start : span.end].split()
        if len(words) > 3 or text_of(doc)[span.end - 1] in _SENTENCE_END + ",":
            return True
        if all(w[:1].isupper() or not w[:1].isalpha() for w in words) and not _has_reporting_cue(doc, span, self.cues):
            return False
        before = text_of(doc)[max(0, span.open_mark - 2) : span.open_mark].strip()
        after = text_of(doc)[span.close_mark + 1 : span.close_mark + 3].strip()
        if before[-1:].isalpha() and after[:1].isupper():
            return False  # nickname between given name and surname
        return _has_reporting_cue(doc, span, self.cues)

    def _attribute(self, doc: Doc, attributor: Attributor, span: QuoteSpan, kind: str, paragraphs, previous) -> tuple[Speaker, str | None]:
        first, last = _paragraph_range(span, paragraphs)
        window = (paragraphs[first][0], paragraphs[last][1])
        speaker = attributor.speaker_in(window[0], window[1], near=span.open_mark, near_end=span.close_mark) if kind != "block" else None
        intro = paragraphs[first - 1] if first > 0 else None
        introduces = intro is not None and text_of(doc)[intro[0] : intro[1]].rstrip().endswith(":")
        if kind == "block" or speaker is None:
            speaker = attributor.self_introduced(span.start, span.end) or speaker
        if speaker is None and introduces and intro:
            speaker = attributor.speaker_in(intro[0], intro[1], near=intro[1])
        if speaker is None and previous is not None and _follows(previous[0], span, paragraphs):
            speaker = previous[1]
        outlet = attributor.outlet_in(*window)
        if outlet is None and introduces and intro:
            outlet = attributor.outlet_in(*intro)
        if outlet is None and previous is not None and previous[1] == speaker and _follows(previous[0], span, paragraphs):
            outlet = previous[2]
        return speaker or Speaker(None, None), outlet


def _is_title(doc: Doc, span: QuoteSpan) -> bool:
    """The quoted words are a title the entity component recognised."""
    inner = text_of(doc)[span.start : span.end].rstrip(",. ")
    work_ids = _work_ids(doc)
    works = [m for m in doc._.entity_mentions or [] if m.entity_id in work_ids]
    return any(m.start == span.start and m.end == span.start + len(inner) for m in works)


def _work_ids(doc: Doc) -> set[str]:
    return {e.id for e in doc._.entities or [] if e.type == "WORK"}


def _has_reporting_cue(doc: Doc, span: QuoteSpan, cues: AttributionCues) -> bool:
    sentence = doc.char_span(span.open_mark, span.close_mark + 1, alignment_mode="expand")
    if sentence is None:
        return False
    sent = sentence_of(sentence[0])
    for token in sent:
        if span.open_mark <= token.idx <= span.close_mark:
            continue
        if token.lemma_.lower() in cues.verbs or (token.lower_ == "according") or token.lower_ in cues.representatives:
            return True
    return False


def _paragraph_range(span: QuoteSpan, paragraphs: list[tuple[int, int]]) -> tuple[int, int]:
    first = last = 0
    for index, (start, end) in enumerate(paragraphs):
        if start <= span.open_mark < end or (start <= span.open_mark and span.open_mark <= end):
            first = index
        if start <= span.close_mark <= end:
            last = index
            break
    return first, max(first, last)


def _kind(text: str, span: QuoteSpan, paragraphs: list[tuple[int, int]]) -> str:
    first, last = _paragraph_range(span, paragraphs)
    starts_paragraph = span.open_mark == paragraphs[first][0]
    ends_paragraph = text[span.close_mark + 1 : paragraphs[last][1]].strip() == ""
    if span.paragraphs > 1 or (starts_paragraph and ends_paragraph):
        return "block"
    quoted = text[span.start : span.end].lstrip("[(…. ")
    before = text[paragraphs[first][0] : span.open_mark].rstrip()
    if quoted[:1].islower() or (before and before[-1].isalnum() and not before.endswith(("said", "says", "added", "wrote"))):
        return "partial"
    if before.endswith(":") or not before or before[-1] in '.!?”"':
        return "direct"
    return "direct" if text[span.end - 1] in _SENTENCE_END + "," else "partial"


def _follows(earlier: QuoteSpan, later: QuoteSpan, paragraphs: list[tuple[int, int]]) -> bool:
    """Later quote is in the same paragraph as the earlier one or the next."""
    _, earlier_last = _paragraph_range(earlier, paragraphs)
    later_first, _ = _paragraph_range(later, paragraphs)
    return later_first - earlier_last <= 1


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
