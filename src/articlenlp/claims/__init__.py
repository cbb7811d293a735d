"""Claims: each sentence of the writer's own prose, labelled fact or speculation.

The ``articlenlp_claims`` component sets ``doc._.claims`` (``list[Claim]``) and
``doc.spans["articlenlp_claims"]`` (labelled fact/speculation).

Which sentences are claims: body paragraphs only (no headline, byline, subheading or
caption), not questions, not sentences that are mostly quotation, at least four words.

Labelling: cue rules from ``data/speculation_cues.json``, read with the parse so that
scope is respected (``cues.py`` lists the families and the scope rules): a cue inside a
quotation belongs to the quote; "May" the month and "will" the noun are not modals; fixed
expressions that report facts ("could not be reached for comment", "declined to comment")
cancel the modal they contain.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..layout import block_at, text_of
from ..types import Claim
from .cues import CueRules

__all__ = ["SPAN_KEY", "ClaimLabeller", "CueRules", "make_claims"]

SPAN_KEY = "articlenlp_claims"
_CONFIDENCE = {"strong": 0.9, "weak": 0.7}
_FACT_CONFIDENCE = 0.85
_MIN_WORDS = 4


@Language.factory("articlenlp_claims")
def make_claims(nlp: Language, name: str) -> ClaimLabeller:
    return ClaimLabeller()


class ClaimLabeller:
    """Finds the writer's claims and labels them (see the package docstring)."""

    def __init__(self) -> None:
        self.rules = CueRules()

    def __call__(self, doc: Doc) -> Doc:
        quotes = [(q.start - 1, q.end + 1) for q in doc._.quotes or []]
        claims = [self._label(sentence, quotes) for sentence in doc.sents if self._is_claim(doc, sentence, quotes)]
        doc._.claims = claims
        doc.spans[SPAN_KEY] = [
            s for c in claims if (s := doc.char_span(c.start, c.end, label=c.label, alignment_mode="expand")) is not None
        ]
        return doc

    def _is_claim(self, doc: Doc, sentence: Span, quotes: list[tuple[int, int]]) -> bool:
        whole = text_of(doc)[sentence.start_char : sentence.end_char]
        text = whole.strip()
        if not text or text.endswith("?") or len(text.split()) < _MIN_WORDS:
            return False
        block = block_at(doc, sentence.start_char + len(whole) - len(whole.lstrip()))
        if block is None or not block.is_prose:
            return False
        quoted = sum(max(0, min(end, sentence.end_char) - max(start, sentence.start_char)) for start, end in quotes)
        return quoted <= 0.5 * len(whole)

    def _label(self, sentence: Span, quotes: list[tuple[int, int]]) -> Claim:
        quotes = [(start, end) for start, end in quotes if start < sentence.end_char and sentence.start_char < end]
        tokens = [t for t in sentence if not any(start <= t.idx < end for start, end in quotes)]
        cues = self.rules.cues(tokens)
        start, end = _trimmed(sentence)
        text = text_of(sentence.doc)[start:end]
        if cues:
            confidence = max(_CONFIDENCE[strength] for _, strength in cues)
            return Claim(text, start, end, "speculation", confidence, _unique(c for c, _ in cues))
        return Claim(text, start, end, "fact", _FACT_CONFIDENCE, [])


def _trimmed(sentence: Span) -> tuple[int, int]:
    text = text_of(sentence.doc)[sentence.start_char : sentence.end_char]
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    end = sentence.end_char - (len(text) - len(text.rstrip()))
    return start, end


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)
