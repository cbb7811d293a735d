"""Who said a quote, and where it was first published.

The speaker comes from the subject of a reporting verb outside the quote in the same
paragraph ("she said", "Netflix said in a statement", "told Variety"), from
"according to X", from a self-introduction at the start of a statement ("I am lawyer
X"), or from the paragraph that introduces a block quote. Pronouns resolve to the
nearest person named before; representatives ("Lee's representation", "his agency")
speak for their principal unless they are named themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..data import load as load_data
from ..layout import sentence_of, text_of
from ..types import Entity

if TYPE_CHECKING:  # entities imports the quote scanner; avoid the cycle at run time
    from ..entities import EntityMention

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
        roles = load_data("roles.json")
        self.speaker_nouns = set(data["speaker_nouns"]) | self.representatives | self.statements
        self.speaker_nouns |= {p for key, words in roles.items() if isinstance(words, list) for p in words if " " not in p}


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
        """The last entity that can speak with a mention inside token range [start, end)."""
        found = self._speaking_mentions(start, end, types)
        return found[-1].entity_id if found else None

    def first_entity_in(self, start: int, end: int, types: tuple[str, ...]) -> str | None:
        found = self._speaking_mentions(start, end, types)
        return found[0].entity_id if found else None

    def _speaking_mentions(self, start: int, end: int, types: tuple[str, ...]) -> list[EntityMention]:
        """Mentions in range that can be a speaker: outlets and platforms publish, they do not speak."""
        return [
            m
            for m in self.mentions
            if start <= m.token_start
            and m.token_end <= end
            and self.entities[m.entity_id].type in types
            and not self._is_publisher(self.entities[m.entity_id])
        ]

    def _is_publisher(self, entity: Entity) -> bool:
        return entity.type == "ORG" and ("outlet" in entity.roles or entity.name in self.cues.platforms)

    def previous_person(self, before_char: int) -> str | None:
        people = [
            m
            for m in self.mentions
            if m.end <= before_char
            and self.entities[m.entity_id].type == "PERSON"
            and not self._in_quote_char(m.start)
            and "journalist" not in self.entities[m.entity_id].roles
        ]
        if not people:
            return None
        # Prefer the last person who was a sentence subject in the same or previous sentence
        # over one named after a preposition or as a possessor ("Marchand spoke of Rigal ...
        # 'X,' he added").
        recent_sentences = {sentence_of(self.doc[people[-1].token_start]).start, self._previous_sentence_start(before_char)}
        subjects = [m for m in people[-3:] if self.doc[m.token_end - 1].dep_ in ("nsubj", "nsubjpass")]
        last_is_oblique = self.doc[people[-1].token_end - 1].dep_ in ("pobj", "poss")
        if last_is_oblique and subjects and sentence_of(self.doc[subjects[-1].token_start]).start in recent_sentences:
            return subjects[-1].entity_id
        return people[-1].entity_id

    def _previous_sentence_start(self, char: int) -> int:
        span = self.doc.char_span(char, min(char + 1, len(text_of(self.doc))), alignment_mode="expand")
        if span is None or not len(span):
            return -1
        sentence = sentence_of(span[0])
        return sentence_of(self.doc[sentence.start - 1]).start if sentence.start > 0 else -1

    def _previous_speaker_entity(self, before_char: int) -> str | None:
        """The nearest person or organisation named before (a statement's issuer)."""
        found = [
            m
            for m in self.mentions
            if m.end <= before_char
            and self.entities[m.entity_id].type in ("PERSON", "ORG")
            and not self._is_publisher(self.entities[m.entity_id])
            and not self._in_quote_char(m.start)
        ]
        return found[-1].entity_id if found else None

    def previous_org(self, before_char: int, role: str | None = None) -> str | None:
        orgs = [
            m
            for m in self.mentions
            if m.end <= before_char and self.entities[m.entity_id].type == "ORG" and not self._is_publisher(self.entities[m.entity_id])
        ]
        if role:
            orgs = [m for m in orgs if role in self.entities[m.entity_id].roles]
        return orgs[-1].entity_id if orgs else None

    def _in_quote_char(self, char: int) -> bool:
        return any(start <= char < end for start, end in self.quote_chars)

    # --- speaker ----------------------------------------------------------------------

    def speaker_in(self, start_char: int, end_char: int, near: int, near_end: int | None = None) -> Speaker | None:
        """The speaker named by the prose of text[start_char:end_char], nearest the quote.

        Reporting verbs in the quote's own sentence win over those of other sentences;
        among them the closest to either quotation mark wins.
        """
        span = self.doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None:
            return None
        near_end = near if near_end is None else near_end
        quote_sentences = {self._sentence_start(near), self._sentence_start(max(near, near_end - 1))}
        candidates = []
        for token in span:
            if self.inside_quote(token):
                continue
            if token.lower_ == "according" and token.i + 2 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
                objects = [c for c in self.doc[token.i + 1].children if c.dep_ == "pobj"]
                candidates.append((token, objects[0] if objects else self.doc[token.i + 2]))
            elif token.lemma_.lower() in self.cues.verbs and token.pos_ in ("VERB", "AUX", "NOUN"):
                subject = _subject_of(token, self.inside_quote)
                if subject is None and token.pos_ == "VERB":
                    subject = self._sentence_subject(token)
                if subject is not None and not self.inside_quote(subject):
                    candidates.append((token, subject))

        def rank(candidate: tuple[Token, Token]) -> tuple[bool, int]:
            verb = candidate[0]
            other_sentence = sentence_of(verb).start_char not in quote_sentences
            return other_sentence, min(abs(verb.idx - near), abs(verb.idx - near_end))

        for _, subject in sorted(candidates, key=rank):
            speaker = self.resolve_phrase(subject)
            if speaker.entity_id or self._speaks(subject) or subject.pos_ == "PROPN":
                return speaker
        return None

    def _sentence_subject(self, verb: Token) -> Token | None:
        """When the parse gives a reporting verb no subject, the first name of its sentence before it."""
        sentence = sentence_of(verb)
        for m in self.mentions:
            if sentence.start <= m.token_start < verb.i and self.entities[m.entity_id].type in ("PERSON", "ORG"):
                if not self._in_quote_char(m.start):
                    return self.doc[m.token_end - 1]
        return None

    def _sentence_start(self, char: int) -> int:
        span = self.doc.char_span(char, min(char + 1, len(text_of(self.doc))), alignment_mode="expand")
        return sentence_of(span[0]).start_char if span is not None and len(span) else -1

    def _speaks(self, head: Token) -> bool:
        """Whether a subject without an entity can be a speaker ('a spokesperson', 'fans')."""
        return head.lemma_.lower() in self.cues.speaker_nouns or head.lower_ in self.cues.speaker_nouns

    def resolve_phrase(self, head: Token) -> Speaker:
        """Turn a subject phrase (head token) into an entity id and a readable name."""
        if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
            head = head.head.head
        lower = head.lower_
        if lower in _PRONOUNS:
            return self._pronoun(head)
        appositions = [c for c in head.children if c.dep_ == "appos"]
        if appositions:  # "Its executive producer, Anjali Rowe, said"
            named = _noun_phrase(appositions[0])
            entity_id = self.first_entity_in(named.start, named.end, ("PERSON",)) or self.entity_in(named.start, named.end)
            if entity_id or appositions[0].pos_ == "PROPN":
                return Speaker(entity_id, self._name(entity_id) if entity_id else _clean_phrase(named.text))
        if lower in self.cues.speaker_nouns and lower not in self.cues.statements | self.cues.representatives:
            # "Viaplay's head of Nordic originals, Sanna Lindqvist, said": the person in the subject
            subtree = [t.i for t in head.subtree]
            person = self.first_entity_in(min(subtree), max(subtree) + 1, ("PERSON",))
            if person:
                return Speaker(person, self._name(person))
        if lower in self.cues.representatives or lower in self.cues.statements:
            return self._representative(head)
        phrase = _noun_phrase(head)
        entity_id = self.first_entity_in(phrase.start, phrase.end, ("PERSON",)) or self.entity_in(phrase.start, phrase.end)
        if entity_id:
            return Speaker(entity_id, self._name(entity_id))
        return Speaker(self._generic_referent(phrase), _clean_phrase(phrase.text))

    def _author_of_previous_statement(self, pronoun: Token) -> Speaker | None:
        """'X published a long post on Facebook. It read:': "it" is the post, spoken by X."""
        sentence = sentence_of(pronoun)
        if sentence.start == 0:
            return None
        previous = sentence_of(self.doc[sentence.start - 1])
        for token in previous:
            if token.lemma_.lower() in self.cues.statements and token.head.pos_ in ("VERB", "AUX"):
                subject = _subject_of(token.head, self.inside_quote)
                if subject is not None and subject.lower_ not in _PRONOUNS:
                    return self.resolve_phrase(subject)
        return None

    def _pronoun(self, head: Token) -> Speaker:
        lower = head.lower_
        if lower in ("it", "its"):
            author = self._author_of_previous_statement(head)
            if author is not None:
                return author
            entity_id = self.previous_org(head.idx)
        else:
            entity_id = self.previous_person(head.idx)
        return Speaker(entity_id, self._name(entity_id))

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
        if principal is None and head.lower_ in self.cues.statements:
            principal = self._previous_speaker_entity(head.idx)
        if principal is None:
            return Speaker(None, _clean_phrase(phrase.text))
        if head.lower_ in self.cues.statements:
            return Speaker(principal, self._name(principal))
        in_names = {i for m in self.mentions if phrase.start <= m.token_start < phrase.end for i in range(m.token_start, m.token_end)}
        words = " ".join(t.text for t in phrase if head.i - _adjectives_before(head) <= t.i <= head.i and t.i not in in_names)
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
        """'via X', 'per X', 'told (the) X', 'in an interview with X', 'wrote on Instagram'."""
        span = self.doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None:
            return None
        for m in self.mentions:
            entity = self.entities[m.entity_id]
            if entity.type not in ("ORG", "WORK") or not (span.start <= m.token_start < span.end) or self._in_quote_char(m.start):
                continue
            if self._is_outlet_context(m.token_start, entity):
                return entity.name
        return self._unknown_outlet(span)

    def _is_outlet_context(self, start: int, entity: Entity) -> bool:
        i = start - 1
        while i >= 0 and self.doc[i].lower_ in _DETERMINERS:
            i -= 1
        if i < 0:
            return False
        previous = self.doc[i].lower_
        before = " ".join(t.lower_ for t in self.doc[max(0, i - 3) : i + 1])
        if previous in _OUTLET_CUES:
            return True
        if previous in ("to", "with", "in") and any(w in before for w in _INTERVIEW_WORDS):
            return True
        if previous == "on" and (entity.name in self.cues.platforms or any(w in before for w in _POSTING_WORDS)):
            return True
        return entity.type == "ORG" and "outlet" in entity.roles and ("according to" in before or previous in ("to", "with"))

    def _unknown_outlet(self, span: Span) -> str | None:
        """'told Cine21', 'per Rappler': a name right after an outlet cue that NER missed."""
        for token in span:
            if token.lower_ not in _OUTLET_CUES or self.inside_quote(token):
                continue
            i = token.i + 1
            while i < len(self.doc) and self.doc[i].lower_ in _DETERMINERS:
                i += 1
            end = i
            while end < len(self.doc) and end - i < 5 and self.doc[end].text[:1].isupper() and self.doc[end].pos_ == "PROPN":
                end += 1
            if end > i:
                return self.doc[i:end].text
        return None


_DETERMINERS = {"the", "a", "an"}
_OUTLET_CUES = {"via", "per", "told", "tells", "telling"}
_INTERVIEW_WORDS = ("interview", "speaking", "spoke", "talking", "talked", "chat", "told", "appearance", "appearing")
_POSTING_WORDS = (
    "wrote",
    "posted",
    "post",
    "shared",
    "tweeted",
    "said",
    "speaking",
    "appearing",
    "replied",
    "statement",
    "message",
    "caption",
    "video",
)


def _subject_of(verb: Token, inside_quote: Callable[[Token], bool]) -> Token | None:
    """The subject of a reporting verb, outside the quotation (the parse may take words of
    the quote for the subject)."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and not inside_quote(child):
            return child
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head is not verb:
        return _subject_of(verb.head, inside_quote)
    if verb.dep_ in ("acl", "relcl"):
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
