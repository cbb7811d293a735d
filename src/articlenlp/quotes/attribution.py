"""Who said a quote, and where it was first published.

The speaker comes from the subject of a reporting verb outside the quote in the same
paragraph ("she said", "Netflix said in a statement", "told Variety"), from
"according to X", from a self-introduction at the start of a statement ("I am lawyer
X"), or from the paragraph that introduces a block quote. Pronouns resolve to the
nearest person named before; representatives ("Lee's representation", "his agency")
speak for their principal unless they are named themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..data import load as load_data
from ..entities import EntityMention
from ..types import Entity

_PRONOUNS = {"he", "she", "they", "him", "her", "them", "i", "we", "his", "their", "its", "it"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "i"}


@dataclass
class Speaker:
    entity_id: str | None
    name: str | None


class AttributionCues:
    """Cue lists from ``data/quotes.json``."""

    def __init__(self) -> None:
        data = load_data("quotes.json")
        self.verbs = set(data["reporting_verbs"])
        self.representatives = set(data["representative_nouns"])
        self.statements = set(data["statement_nouns"])
        self.platforms = set(data["social_platforms"])
        self.self_intro = [tuple(p.split()) for p in data["self_introduction"]]


class Attributor:
    """Finds speaker and outlet for quotes of one Doc."""

    def __init__(self, doc: Doc, cues: AttributionCues, quote_chars: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.cues = cues
        self.quote_chars = quote_chars
        self.entities: dict[str, Entity] = {e.id: e for e in doc._.entities or []}
        self.mentions: list[EntityMention] = doc._.entity_mentions or []

    # --- helpers over the Doc -------------------------------------------------------

    def inside_quote(self, token: Token) -> bool:
        return any(start <= token.idx < end for start, end in self.quote_chars)

    def entity_in(self, start: int, end: int, types: tuple[str, ...] = ("PERSON", "ORG", "CHARACTER")) -> str | None:
        """The entity with a mention inside token range [start, end), last head first."""
        found = [m for m in self.mentions if start <= m.token_start and m.token_end <= end and self.entities[m.entity_id].type in types]
        return found[-1].entity_id if found else None

    def first_entity_in(self, start: int, end: int, types: tuple[str, ...]) -> str | None:
        found = [m for m in self.mentions if start <= m.token_start and m.token_end <= end and self.entities[m.entity_id].type in types]
        return found[0].entity_id if found else None

    def previous_person(self, before_char: int) -> str | None:
        people = [
            m
            for m in self.mentions
            if m.end <= before_char
            and self.entities[m.entity_id].type == "PERSON"
            and not self._in_quote_char(m.start)
            and "journalist" not in self.entities[m.entity_id].roles
        ]
        return people[-1].entity_id if people else None

    def previous_org(self, before_char: int, role: str | None = None) -> str | None:
        orgs = [m for m in self.mentions if m.end <= before_char and self.entities[m.entity_id].type == "ORG"]
        if role:
            orgs = [m for m in orgs if role in self.entities[m.entity_id].roles]
        return orgs[-1].entity_id if orgs else None

    def _in_quote_char(self, char: int) -> bool:
        return any(start <= char < end for start, end in self.quote_chars)

    # --- speaker ----------------------------------------------------------------------

    def speaker_in(self, start_char: int, end_char: int, near: int) -> Speaker | None:
        """The speaker named by the prose of text[start_char:end_char], nearest ``near``."""
        span = self.doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None:
            return None
        candidates = []
        for token in span:
            if self.inside_quote(token):
                continue
            if token.lower_ == "according" and token.i + 2 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
                objects = [c for c in self.doc[token.i + 1].children if c.dep_ == "pobj"]
                candidates.append((token, objects[0] if objects else self.doc[token.i + 2]))
            elif token.lemma_.lower() in self.cues.verbs and token.pos_ in ("VERB", "AUX", "NOUN"):
                subject = _subject_of(token)
                if subject is not None and not self.inside_quote(subject):
                    candidates.append((token, subject))
        if not candidates:
            return None
        _, subject = min(candidates, key=lambda c: abs(c[0].idx - near))
        return self.resolve_phrase(subject)

    def resolve_phrase(self, head: Token) -> Speaker:
        """Turn a subject phrase (head token) into an entity id and a readable name."""
        lower = head.lower_
        if lower in _PRONOUNS:
            entity_id = self.previous_person(head.idx) if lower in _PERSON_PRONOUNS or lower == "they" else None
            if lower in ("it", "its", "they"):
                entity_id = entity_id if lower == "they" else self.previous_org(head.idx)
            return Speaker(entity_id, self._name(entity_id))
        if lower in self.cues.representatives or lower in self.cues.statements:
            return self._representative(head)
        phrase = _noun_phrase(head)
        entity_id = self.entity_in(phrase.start, phrase.end)
        if entity_id:
            return Speaker(entity_id, self._name(entity_id))
        return Speaker(self._generic_referent(phrase), _clean_phrase(phrase.text))

    def _representative(self, head: Token) -> Speaker:
        """'Lee's representation', 'his agency', 'a spokesperson for Netflix', 'a statement from X'."""
        phrase = _noun_phrase(head)
        named = self._named_representative(phrase)
        if named:
            return Speaker(named, self._name(named))
        principal = None
        for token in phrase:
            if token.dep_ == "poss" and token.lower_ in _PRONOUNS:
                principal = self.previous_person(token.idx) if token.lower_ != "its" else self.previous_org(token.idx)
            elif token.dep_ in ("poss", "pobj", "compound") or token.ent_type_:
                principal = principal or self.entity_in(token.i, token.i + 1) or self.entity_in(*_token_mention_range(token))
        if principal is None:
            principal = self._generic_referent(phrase)
        if principal is None:
            return Speaker(None, _clean_phrase(phrase.text))
        if head.lower_ in self.cues.statements:
            return Speaker(principal, self._name(principal))
        words = " ".join(t.text for t in phrase if t.i >= head.i - _adjectives_before(head) and t.i <= head.i)
        return Speaker(principal, f"{self._name(principal)}'s {words}")

    def _named_representative(self, phrase: Span) -> str | None:
        for m in self.mentions:
            if phrase.start <= m.token_start and m.token_end <= phrase.end:
                entity = self.entities[m.entity_id]
                if entity.type == "PERSON" and "representative" in entity.roles:
                    return m.entity_id
        return None

    def _generic_referent(self, phrase: Span) -> str | None:
        """'the streamer', 'the network', 'the filmmaker' -> the nearest fitting entity."""
        words = {t.lower_ for t in phrase}
        if words & {"streamer", "network", "broadcaster", "channel", "platform", "service"}:
            return self.previous_org(phrase.start_char, "network")
        if words & {"studio", "company"}:
            return self.previous_org(phrase.start_char, "studio") or self.previous_org(phrase.start_char)
        if words & {"actor", "actress", "star", "filmmaker", "director", "creator", "showrunner", "writer", "producer"}:
            return self.previous_person(phrase.start_char)
        return None

    def self_introduced(self, quote_start: int, quote_end: int) -> Speaker | None:
        """'I am lawyer Kim of firm Y ...' at the start of a statement."""
        span = self.doc.char_span(quote_start, min(quote_end, quote_start + 200), alignment_mode="expand")
        if span is None or len(span) < 3:
            return None
        words = tuple(t.lower_ for t in span[:4])
        for intro in self.cues.self_intro:
            if words[: len(intro)] == intro:
                start = span[len(intro)].i
                end = min(start + 8, span.end)
                entity_id = self.first_entity_in(start, end, ("PERSON",)) or self.first_entity_in(start, end, ("ORG",))
                if entity_id:
                    return Speaker(entity_id, self._name(entity_id))
        return None

    def _name(self, entity_id: str | None) -> str | None:
        return self.entities[entity_id].name if entity_id else None

    # --- outlet ------------------------------------------------------------------------

    def outlet_in(self, start_char: int, end_char: int) -> str | None:
        """'via X', 'per X', 'told X', 'in an interview with X', 'X reported'."""
        span = self.doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None:
            return None
        for m in self.mentions:
            entity = self.entities[m.entity_id]
            if entity.type != "ORG" or not (span.start <= m.token_start < span.end) or self._in_quote_char(m.start):
                continue
            if m.token_start == 0:
                continue
            previous = self.doc[m.token_start - 1].lower_
            before = self.doc[max(0, m.token_start - 3) : m.token_start].text.lower()
            if (
                previous in ("via", "per", "told", "tells", "telling")
                or "interview with" in before
                or "speaking to" in before
                or "spoke to" in before
                or "spoke with" in before
            ):
                return entity.name
            if previous in ("to", "with") and "outlet" in entity.roles:
                return entity.name
            if "according to" in before and "outlet" in entity.roles:
                return entity.name
        return None


def _subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head is not verb:
        return _subject_of(verb.head)
    if verb.dep_ == "acl" or verb.dep_ == "relcl":
        return verb.head
    return None


def _noun_phrase(head: Token) -> Span:
    doc = head.doc
    left = min(t.i for t in head.subtree)
    right = max(t.i for t in head.subtree) + 1
    tokens = [t for t in doc[left:right] if not t.is_space]
    if not tokens:
        return doc[head.i : head.i + 1]
    # Stop at a clause or quote inside the subtree
    end = right
    for t in doc[head.i : right]:
        if t.text in (",", "“", '"', "(", ":") or t.dep_ in ("relcl", "acl"):
            end = t.i
            break
    return doc[left:end] if end > left else doc[head.i : head.i + 1]


def _token_mention_range(token: Token) -> tuple[int, int]:
    left = min(t.i for t in token.subtree)
    right = max(t.i for t in token.subtree) + 1
    return left, right


def _adjectives_before(head: Token) -> int:
    count = 0
    for child in head.lefts:
        if child.dep_ in ("amod", "compound") and child.i == head.i - count - 1:
            count += 1
    return count


def _clean_phrase(text: str) -> str:
    return " ".join(text.split()).strip(" ,.")
