"""Claims: each sentence of the writer's own prose, labelled fact or speculation.

The ``articlenlp_claims`` component sets ``doc._.claims`` (``list[Claim]``) and
``doc.spans["articlenlp_claims"]`` (labelled fact/speculation).

Which sentences are claims: body paragraphs only (no headline, byline, subheading or
caption), not questions, not sentences that are mostly quotation, at least four words.

Labelling: cue rules from ``data/speculation_cues.json``, read with the parse so that
scope is respected: a cue inside a quotation belongs to the quote; "May" the month and
"will" the noun are not modals; fixed expressions that report facts ("could not be
reached for comment", "declined to comment") cancel the modal they contain.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..data import load as load_data
from ..layout import block_at, text_of
from ..types import Claim

SPAN_KEY = "articlenlp_claims"
_CONFIDENCE = {"strong": 0.9, "weak": 0.7}
_FACT_CONFIDENCE = 0.85
_MIN_WORDS = 4


class CueRules:
    """Speculation cues from the data file, matched with scope rules."""

    def __init__(self) -> None:
        data = load_data("speculation_cues.json")
        self.modals: dict[str, str] = data["modals"]
        self.words: dict[str, str] = data["words"]
        self.main_verbs: dict[str, str] = data["main_clause_verbs"]
        self.reporting = set(data["reported_speech_verbs"])
        self.phrases = {tuple(p.split()): s for p, s in data["phrases"].items()}
        self.blockers: dict[str, list[tuple[str, ...]]] = {}
        for phrase in data["not_speculation"]:
            words = tuple(phrase.split())
            self.blockers.setdefault(words[0], []).append(words)
        self.max_phrase = max(len(p) for p in self.phrases)

    def cues(self, tokens: list[Token]) -> list[tuple[str, str]]:
        """(cue text, strength) for every speculation cue among ``tokens`` (in order)."""
        lowers = [t.lower_ for t in tokens]
        blocked = self._blocked_positions(lowers)
        found: list[tuple[str, str]] = []
        covered: set[int] = set()
        for n in range(self.max_phrase, 1, -1):
            for i in range(len(tokens) - n + 1):
                key = tuple(lowers[i : i + n])
                if key in self.phrases and not covered & set(range(i, i + n)) and not blocked & set(range(i, i + n)):
                    found.append((i, " ".join(t.text for t in tokens[i : i + n]), self.phrases[key]))  # type: ignore[arg-type]
                    covered |= set(range(i, i + n))
        for i, token in enumerate(tokens):
            if i in covered or i in blocked:
                continue
            strength = self._token_cue(token)
            if strength:
                found.append((i, token.text, strength))  # type: ignore[arg-type]
        return [(text, strength) for _, text, strength in sorted(found)]  # type: ignore[misc]

    def _token_cue(self, token: Token) -> str | None:
        lower = token.lower_
        if lower in self.modals or lower in ("if", "unless"):
            if self._in_reported_clause(token):
                return None
        if lower in self.modals:
            is_modal = token.tag_ == "MD" and not (lower == "may" and token.text == "May" and token.ent_type_ == "DATE")
            return self.modals[lower] if is_modal else None
        if (
            lower in self.main_verbs
            and token.pos_ == "VERB"
            and (token.dep_ == "ROOT" or (token.dep_ == "conj" and token.head.dep_ == "ROOT"))
        ):
            return self.main_verbs[lower]
        if lower in self.words:
            if lower == "if" and token.dep_ not in ("mark", "advmod", "prep"):
                return None
            if lower in ("hope", "wish", "guess", "imagine") and token.pos_ != "VERB":
                return None
            return self.words[lower]
        return None

    def _in_reported_clause(self, token: Token) -> bool:
        """Inside what a named speaker said, announced or confirmed: their words, not a hedge."""
        node = token
        for _ in range(6):
            head = node.head
            if head is node:
                return False
            if node.dep_ in ("ccomp", "xcomp", "advcl", "conj") and head.lemma_.lower() in self.reporting:
                subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                return subject is not None and subject.lower_ not in (
                    "sources",
                    "insiders",
                    "reports",
                    "rumours",
                    "rumors",
                    "some",
                    "others",
                )
            node = head
        return False

    def _blocked_positions(self, lowers: list[str]) -> set[int]:
        blocked: set[int] = set()
        for i, lower in enumerate(lowers):
            for phrase in self.blockers.get(lower, ()):
                if tuple(lowers[i : i + len(phrase)]) == phrase:
                    blocked |= set(range(i, i + len(phrase)))
        return blocked


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
        text = sentence.text.strip()
        if not text or text.endswith("?") or len(text.split()) < _MIN_WORDS:
            return False
        block = block_at(doc, sentence[0].idx if not sentence[0].is_space else sentence.end_char - 1)
        if block is None or not block.is_prose:
            return False
        quoted = sum(max(0, min(end, sentence.end_char) - max(start, sentence.start_char)) for start, end in quotes)
        return quoted <= 0.5 * len(sentence.text)

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
    text = sentence.text
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    end = sentence.end_char - (len(text) - len(text.rstrip()))
    return start, end


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)
