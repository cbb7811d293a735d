"""Who said a quote, and where it was first published.

The speaker comes from the subject of a reporting verb outside the quote in the same
paragraph ("she said", "Netflix said in a statement", "told Variety"), from
"according to X", from a self-introduction at the start of a statement ("I am lawyer
X"), or from the paragraph that introduces a block quote. The verb the quote hangs on in
the parse wins over nearer verbs; "described by X" makes X the speaker. Pronouns resolve
to the subject of the clause that reports them ("X said she ..."), else to the nearest
person named before (people in parentheses, relative clauses or after prepositions give
way to a recent subject); "they"/"it" after a company or group subject is that subject;
"I" in an interview's answers is the interviewee. Representatives ("Lee's
representation", "his agency") speak for their principal unless they are named
themselves. Lexicons and cue lists are in ``data/quotes.json``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..data import load as load_data
from ..entities.aliases import occurrences
from ..layout import lowers_of, sentence_of, text_of
from ..lemmas import lemma
from ..types import Entity

if TYPE_CHECKING:  # entities imports the quote scanner; avoid the cycle at run time
    from ..entities import EntityMention

_PRONOUNS = {"he", "she", "they", "him", "her", "them", "i", "we", "his", "their", "its", "it"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "i"}
_ANSWER_PREFIX_WORDS = 3
_POSSESSIVE_OF = {"he": ("his", "himself"), "she": ("her", "hers", "herself")}
_RELATIVES = {"who", "which", "that", "whom", "whose"}


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
        self.outlet_verbs = set(data["outlet_verbs"])
        self.interview_words = tuple(data["interview_words"])
        self.posting_words = tuple(data["posting_words"])
        self.interview_nouns_with = tuple(data["interview_nouns_with"])
        self.posting_verbs = set(data["posting_verbs"])
        self.outlet_source_nouns = set(data["outlet_source_nouns"])
        self.outlet_after_nouns = set(data["outlet_after_nouns"])
        self.outlet_channel_words = set(data["outlet_channel_words"])
        self.generic = {kind: set(words) for kind, words in data["generic_referents"].items()}
        self.weak_acl_verbs = set(data["weak_acl_verbs"])
        self.interview = data["interview"]
        self.not_quote_after = tuple(data["not_quote_after"])
        self.outlet_anaphora = tuple(data["outlet_anaphora"])
        self.outlet_nouns = set(data["outlet_nouns"])
        self.interview_verbs = set(data["interview_verbs"])
        self.name_titles = tuple(sorted((t + " " for t in data["name_titles"]), key=len, reverse=True))
        self.words_of_nouns = set(data["words_of_nouns"])
        self.words_of_verbs = set(data["words_of_verbs"])
        roles = load_data("roles.json")
        self.speaker_nouns = set(data["speaker_nouns"]) | self.representatives | self.statements
        self.speaker_nouns |= {p for key, words in roles.items() if isinstance(words, list) for p in words if " " not in p}


@dataclass(frozen=True)
class Candidate:
    """A reporting verb (or 'according to') outside a quote and the subject it names."""

    verb: Token
    subject: Token
    same_sentence: bool
    governs: bool
    according: bool
    distance: int

    @property
    def rank(self) -> tuple[bool, bool, bool, int]:
        # The verb the quote hangs on wins; then verbs of the quote's own sentence;
        # "according to X" yields to a reporting verb of the same sentence ("he said,
        # according to Le Monde": Le Monde is the outlet).
        return not self.governs, not self.same_sentence, self.according, self.distance


class Attributor:
    """Finds speaker and outlet for quotes of one Doc."""

    def __init__(self, doc: Doc, cues: AttributionCues, quote_chars: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.cues = cues
        self.quote_chars = quote_chars
        self.entities: dict[str, Entity] = {e.id: e for e in doc._.entities or []}
        self.mentions: list[EntityMention] = [m for m in doc._.entity_mentions or [] if _is_name(self.entities[m.entity_id].name)]
        # Character ranges where "I"/"me"/"my" outside quotes is a known speaker (an interview's answers).
        self.first_person: list[tuple[int, int, Speaker]] = []
        # ... and where "you" is (an interview's questions).
        self.second_person: list[tuple[int, int, Speaker]] = []

    # --- helpers over the Doc -------------------------------------------------------

    def inside_quote(self, token: Token) -> bool:
        return self._in_quote_char(token.idx)

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

    def mention_at(self, token: Token, types: tuple[str, ...] = ("PERSON", "ORG")) -> EntityMention | None:
        """The speaking entity mention that covers ``token``."""
        for m in self.mentions:
            if m.token_start <= token.i < m.token_end:
                entity = self.entities[m.entity_id]
                if entity.type in types and not self._is_publisher(entity):
                    return m
        return None

    def _is_publisher(self, entity: Entity) -> bool:
        return entity.type == "ORG" and ("outlet" in entity.roles or entity.name in self.cues.platforms)

    def is_publication(self, name: str) -> bool:
        """A news outlet (not a social platform) of this text, by name."""
        return any(e.name == name and e.type == "ORG" and "outlet" in e.roles for e in self.entities.values())

    def previous_person(self, before_char: int, role: str | None = None, pronoun: str | None = None) -> str | None:
        """The person a pronoun or a role noun ("the director") before ``before_char`` refers to.

        Gender-agnostic: the nearest person named before, except that people named in
        parentheses (cast lists: "Kael (Rohan Desai)"), inside a relative clause, or after a
        preposition or as a possessor give way to a recent sentence subject.
        """
        people = [
            m
            for m in self.mentions
            if m.end <= before_char
            and self.entities[m.entity_id].type == "PERSON"
            and not self._in_quote_char(m.start)
            and "journalist" not in self.entities[m.entity_id].roles
        ]
        if role:
            with_role = [m for m in people if role in self.entities[m.entity_id].roles]
            people = with_role or people
        if not people:
            return None
        free = [m for m in people if not self._in_parentheses(m)] or people
        last = free[-1]
        if pronoun in _POSSESSIVE_OF:
            subject = self._object_subject(last, _POSSESSIVE_OF[pronoun])
            if subject is not None:
                return subject
        if not self._is_weak(last):
            return last.entity_id
        recent = {sentence_of(self.doc[last.token_start]).start, self._previous_sentence_start(before_char)}
        subjects = [m for m in free[-4:] if self._is_subject(self.doc[m.token_end - 1]) and not self._is_weak(m)]
        if subjects and sentence_of(self.doc[subjects[-1].token_start]).start in recent:
            return subjects[-1].entity_id
        if pronoun in ("he", "she"):
            # "He thanked the creator, X, for ... '...,' he wrote": the same pronoun as the
            # subject of that sentence is the same person
            sentence = sentence_of(self.doc[last.token_start])
            for token in sentence:
                if token.idx >= before_char:
                    break
                if token.lower_ == pronoun and token.dep_ == "nsubj" and token.head.dep_ == "ROOT" and not self.inside_quote(token):
                    return self.previous_person(token.idx, pronoun=pronoun) or last.entity_id
        return last.entity_id

    @staticmethod
    def _is_subject(token: Token) -> bool:
        """A sentence subject, or the name in apposition to one ('Lantern's founder, X, said')."""
        return token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass"))

    def _object_subject(self, mention: EntityMention, possessives: tuple[str, ...]) -> str | None:
        """'X thanked his mother and his co-star Y. He said': the person named as an object gives
        way to the subject when a pronoun of the same gender ('his') points to the subject."""
        token = self.doc[mention.token_end - 1]
        head, steps = token, 0
        while head.dep_ in ("conj", "appos") and head.head.i != head.i and steps < 4:
            head, steps = head.head, steps + 1
        if head.dep_ != "dobj":
            return None
        subject = _subject_of(head.head, self.inside_quote)
        named = self.mention_at(subject, ("PERSON",)) if subject is not None else None
        if named is None or named.entity_id == mention.entity_id:
            return None
        between = self.doc[named.token_end : mention.token_start]
        return named.entity_id if any(t.lower_ in possessives for t in between) else None

    def _is_weak(self, mention: EntityMention) -> bool:
        """Named after a preposition, as a possessor, or inside a relative clause."""
        token = self.doc[mention.token_end - 1]
        if token.dep_ in ("pobj", "poss"):
            return True
        if token.dep_ == "appos" and token.head.dep_ in ("pobj", "poss", "dobj"):
            return True  # "learned it from the director, Cengiz Kuzucu"; "thanked the creator, X"
        ancestor, steps = token.head, 0
        while ancestor.i != ancestor.head.i and steps < 6:
            if ancestor.dep_ in ("relcl", "acl"):
                return True
            ancestor, steps = ancestor.head, steps + 1
        return False

    def _in_parentheses(self, mention: EntityMention) -> bool:
        sentence = sentence_of(self.doc[mention.token_start])
        before = text_of(self.doc)[sentence.start_char : mention.start]
        return before.count("(") > before.count(")")

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

    @property
    def quote_chars(self) -> list[tuple[int, int]]:
        """Character ranges inside quotation marks (marks included), sorted and merged."""
        return self._quote_chars

    @quote_chars.setter
    def quote_chars(self, ranges: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(ranges):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self._quote_chars = merged
        self._quote_starts = [start for start, _ in merged]

    def _in_quote_char(self, char: int) -> bool:
        i = bisect_right(self._quote_starts, char) - 1
        return i >= 0 and char < self._quote_chars[i][1]

    # --- speaker ----------------------------------------------------------------------

    def speaker_in(self, start_char: int, end_char: int, near: int, near_end: int | None = None) -> Speaker | None:
        """The speaker named by the prose of text[start_char:end_char], nearest the quote.

        Reporting verbs in the quote's own sentence win over those of other sentences;
        among them the closest to either quotation mark wins.
        """
        return self.speaker_of(self.candidates(start_char, end_char, near, near if near_end is None else near_end))

    def speaker_of(self, candidates: list[Candidate]) -> Speaker | None:
        """The first candidate (in rank order) whose subject can speak."""
        for candidate in candidates:
            speaker = self.resolve_phrase(candidate.subject)
            resolved_pronoun = candidate.subject.lower_ in _PRONOUNS and speaker.name is not None
            named = candidate.subject.pos_ == "PROPN" or any(m.token_start <= candidate.subject.i < m.token_end for m in self.mentions)
            if speaker.entity_id or resolved_pronoun or named or self._speaks(candidate.subject):
                return speaker  # a named subject, even a publication: "Libération called it "...""
        return None

    def candidates(self, start_char: int, end_char: int, near: int, near_end: int) -> list[Candidate]:
        """Reporting verbs outside quotes in text[start_char:end_char] with their subjects, best first.

        ``near``/``near_end`` are the quote's opening and closing marks."""
        span = self.doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None:
            return []
        quote_sentences = {self._sentence_start(near), self._sentence_start(max(near, near_end - 1))}
        after = text_of(self.doc)[near_end + 1 : near_end + 4].lstrip()
        if after[:1].islower():  # '"...???" one viewer replied.': the parser may split after the quote
            quote_sentences.add(self._sentence_start(near_end + 1 + text_of(self.doc)[near_end + 1 : near_end + 4].index(after[0])))
        governing = self._governing_verbs(near, near_end)
        found = []
        for token in span:
            if self.inside_quote(token):
                continue
            subject: Token | None = None
            according = False
            if token.lower_ == "according" and token.i + 2 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
                objects = [c for c in self.doc[token.i + 1].children if c.dep_ == "pobj"]
                subject, according = (objects[0] if objects else self.doc[token.i + 2]), True
            elif lemma(token).lower() in self.cues.verbs and token.pos_ in ("VERB", "AUX", "NOUN"):
                subject = self._agent_of(token) or self._quoted_object(token) or self._speaking_subject(token)
                if subject is None and token.pos_ == "VERB":
                    subject = self._sentence_subject(token)
                if (
                    token.dep_ == "acl"
                    and lemma(token.head).lower() in self.cues.statements
                    and lemma(token).lower() in self.cues.weak_acl_verbs
                    and token.i not in governing
                ):
                    continue  # "a statement released by the platform": a modifier, not an attribution
            if subject is None or self.inside_quote(subject):
                continue
            same = sentence_of(token).start_char in quote_sentences
            distance = min(abs(token.idx - near), abs(token.idx - near_end))
            found.append(Candidate(token, subject, same, token.i in governing, according, distance))
        return sorted(found, key=lambda c: c.rank)

    def _governing_verbs(self, open_mark: int, close_mark: int) -> set[int]:
        """Reporting verbs the quotation hangs on in the parse (its head chain), or that hang on it."""
        span = self.doc.char_span(open_mark, close_mark + 1, alignment_mode="expand")
        if span is None or not len(span):
            return set()
        inside = range(span.start, span.end)
        found: set[int] = set()
        for token in span:
            if token.head.i in inside:
                continue
            # The top-most reporting verb of the chain: "She said the BBC had offered ... 'X'"
            # and "Mizuno said in a comment released by Fuji TV that ... 'X'" are hers.
            # Climbing stops at a reporting verb with a subject of its own and at coordination.
            head, steps, top = token.head, 0, None
            while steps < 6:
                if lemma(head).lower() in self.cues.verbs or head.lower_ == "according":
                    top = head.i
                    if head.lower_ == "according" or any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
                        break
                if head.i == head.head.i or head.dep_ == "conj":
                    break
                head, steps = head.head, steps + 1
            if top is not None:
                found.add(top)
        sentence = sentence_of(span[0])
        for token in sentence:
            if (
                token.i not in inside
                and token.head.i in inside
                and token.dep_ in ("parataxis", "ccomp")
                and lemma(token).lower() in self.cues.verbs
            ):
                found.add(token.i)
        return found

    def _agent_of(self, verb: Token) -> Token | None:
        """'described by Netflix as ...': the passive agent speaks (not an outlet: 'quoted by The National')."""
        for child in verb.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj" and not self.inside_quote(obj):
                        mention = self.mention_at(obj, ("PERSON", "ORG"))
                        if mention is not None or obj.pos_ == "PROPN" or lemma(obj).lower() in self.cues.speaker_nouns:
                            return obj
        return None

    def _speaking_subject(self, verb: Token) -> Token | None:
        """The subject of a reporting verb; when a conjunct verb inherits one that cannot speak
        ("rang me after the numbers came in and said"), the subject of a verb higher up."""
        subject = _subject_of(verb, self.inside_quote)
        current, steps = verb, 0
        while subject is not None and current.dep_ == "conj" and steps < 3 and not self._can_speak(subject):
            current, steps = current.head, steps + 1
            higher = _subject_of(current.head, self.inside_quote) if current.head.i != current.i else None
            if higher is None:
                break
            subject = higher
        if subject is not None and verb.dep_ == "advcl" and verb.tag_ == "VBG" and not self._can_speak(subject):
            # "X announced that season 6 would be the last, saying ...": the participle is X's
            current, steps = verb.head, 0
            while current.dep_ in ("ccomp", "conj", "advcl") and current.head.i != current.i and steps < 3:
                current, steps = current.head, steps + 1
                higher = _subject_of(current, self.inside_quote)
                if higher is not None and self._can_speak(higher):
                    return higher
        return subject

    def _can_speak(self, token: Token) -> bool:
        return token.lower_ in _PRONOUNS or token.pos_ == "PROPN" or self._speaks(token) or self.mention_at(token) is not None

    def _quoted_object(self, verb: Token) -> Token | None:
        """'and I'm quoting him here, "..."': who is quoted speaks, not who quotes."""
        if lemma(verb).lower() != "quote":
            return None
        objects = [c for c in verb.children if c.dep_ == "dobj" and not self.inside_quote(c)]
        return objects[0] if objects and (objects[0].lower_ in _PRONOUNS or objects[0].pos_ == "PROPN") else None

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
        return lemma(head).lower() in self.cues.speaker_nouns or head.lower_ in self.cues.speaker_nouns

    def resolve_phrase(self, head: Token) -> Speaker:
        """Turn a subject phrase (head token) into an entity id and a readable name."""
        if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
            head = head.head.head
        lower = head.lower_
        if lower in _PRONOUNS or lower in ("me", "my", "you", "your"):
            return self._pronoun(head)
        named = self.mention_at(head, ("PERSON", "ORG"))
        if named is not None and self.entities[named.entity_id].type == "ORG":
            named = self._person_before_title(named) or named  # "X, Warner Bros.' president of distribution, said"
        if named is not None and lower not in self.cues.representatives | self.cues.statements:
            # "Sakuma Yuzuha, the voice of Amano Kotone, said": the head is the name itself
            return Speaker(named.entity_id, self._name(named.entity_id))
        appositions = [c for c in head.children if c.dep_ == "appos"]
        if appositions and head.pos_ != "PROPN":  # "Its executive producer, Anjali Rowe, said"
            named_phrase = _noun_phrase(appositions[0])
            entity_id = self.first_entity_in(named_phrase.start, named_phrase.end, ("PERSON",)) or self.entity_in(
                named_phrase.start, named_phrase.end
            )
            if entity_id or appositions[0].pos_ == "PROPN":
                return Speaker(entity_id, self._name(entity_id) if entity_id else _clean_phrase(named_phrase.text))
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
        if any(t.dep_ == "poss" and t.lower_ in _PRONOUNS for t in phrase):
            return Speaker(None, _clean_phrase(phrase.text))  # "her co-star": someone else than "her"
        if head.pos_ == "PROPN" and len(phrase) == 1:
            entity_id = self._by_surname(head.text)  # "Grant said" after "Eli Grant", not linked
            if entity_id:
                return Speaker(entity_id, self._name(entity_id))
        return Speaker(self._generic_referent(phrase), _clean_phrase(phrase.text))

    def _person_before_title(self, organisation: EntityMention) -> EntityMention | None:
        """The person named right before 'Org's role' in apposition: 'Marcy Delgado-Tran, Warner
        Bros.' president of domestic distribution'."""
        start = organisation.token_start
        if start < 2 or self.doc[start - 1].text != ",":
            return None
        after = self.doc[organisation.token_end] if organisation.token_end < len(self.doc) else None
        if after is None or after.text not in ("'s", "’s", "'", "’"):
            return None
        person = self.mention_at(self.doc[start - 2], ("PERSON",))
        return person

    def _author_of_previous_statement(self, pronoun: Token) -> Speaker | None:
        """'X published a long post on Facebook. It read:': "it" is the post, spoken by X;
        'In a statement, the channel thanked the cast. "...," the statement read.'"""
        sentence = sentence_of(pronoun)
        if sentence.start == 0:
            return None
        previous = sentence_of(self.doc[sentence.start - 1])
        for token in previous:
            if lemma(token).lower() in self.cues.statements and not self.inside_quote(token):
                author = self._statement_source(token)
                if author is not None:
                    return author
                verb = token.head if token.head.pos_ in ("VERB", "AUX") and token.dep_ in ("dobj", "nsubjpass") else previous.root
                subject = _subject_of(verb, self.inside_quote)
                if subject is not None and subject.lower_ not in _PRONOUNS and lemma(subject).lower() not in self.cues.statements:
                    speaker = self.resolve_phrase(subject)
                    named = self._sentence_subject(verb) if speaker.entity_id is None else None
                    return self.resolve_phrase(named) if named is not None else speaker
        return None

    def _statement_source(self, statement: Token) -> Speaker | None:
        """'read a letter from the author', 'a post by X': the statement names its own author."""
        for prep in statement.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and not self.inside_quote(obj) and self._can_speak(obj):
                        speaker = self.resolve_phrase(obj)
                        if obj.pos_ != "PROPN" and self.mention_at(obj) is None:
                            # "the author": a person with that role, not whoever read the letter out
                            words = [t.text for t in obj.lefts if t.dep_ in ("det", "poss", "amod", "compound")]
                            role = lemma(obj).lower()
                            with_role = [e for e in self.entities.values() if e.type == "PERSON" and role in e.roles]
                            speaker = Speaker(with_role[0].id if len(with_role) == 1 else None, " ".join([*words, obj.text]))
                        if speaker.entity_id or speaker.name:
                            return speaker
        return None

    def _previous_subject(self, pronoun: Token) -> Token | None:
        """The nearest sentence subject before a pronoun in its own or the previous sentence (not a pronoun)."""
        sentence = sentence_of(pronoun)
        start = sentence_of(self.doc[sentence.start - 1]).start if sentence.start > 0 else sentence.start
        for token in reversed(self.doc[start : pronoun.i]):
            if token.dep_ in ("nsubj", "nsubjpass") and not self.inside_quote(token) and token.lower_ not in _PRONOUNS:
                if token.lower_ in _RELATIVES or token.head.dep_ == "relcl":
                    continue  # "the tree that stood", "Baig, who was nominated": not the clause's subject
                return token
        return None

    def _pronoun(self, head: Token) -> Speaker:
        lower = head.lower_
        if lower in ("i", "me", "my", "you", "your"):
            for start, end, speaker in self.first_person if lower[0] in "im" else self.second_person:
                if start <= head.idx < end:
                    return speaker
            if lower in ("you", "your"):
                return Speaker(None, None)
        if lower in ("it", "its"):
            author = self._author_of_previous_statement(head)
            if author is not None:
                return author
            subject = self._previous_subject(head)
            if subject is not None and self.mention_at(subject, ("ORG",)) is None and self._is_collective(subject):
                return self.resolve_phrase(subject)  # "The jury ... In its citation, it described"
            entity_id = self.previous_org(head.idx)
        elif lower in ("they", "them", "their"):
            subject = self._previous_subject(head)
            if subject is not None and (self.mention_at(subject, ("ORG",)) is not None or self._is_collective(subject)):
                return self.resolve_phrase(subject)  # "the studio told me ... They said"
            entity_id = self.previous_person(head.idx)
        else:
            entity_id = self._binding_subject(head) or self.previous_person(head.idx, pronoun=lower)
            unnamed = self._unrecognised_subject(head, entity_id)
            if unnamed is not None:
                return unnamed
        return Speaker(entity_id, self._name(entity_id))

    def _unrecognised_subject(self, pronoun: Token, entity_id: str | None) -> Speaker | None:
        """'Perumal, reached by phone, was brief. "...," he said.': the subject before is a name
        the entity component missed, named after the person found otherwise."""
        if pronoun.lower_ not in ("he", "she"):
            return None
        subject = self._previous_subject(pronoun)
        if subject is None or subject.pos_ != "PROPN" or subject.head.dep_ not in ("ROOT", "conj"):
            return None  # "he declined to say whether Maximilian survives": not a main clause's subject
        character = self.mention_at(subject, ("CHARACTER",))
        people_before = (
            [m for m in self.mentions if m.token_end <= character.token_start and sentence_of(subject).start <= m.token_start]
            if character
            else []
        )
        if (
            character is not None
            and lemma(subject.head).lower() in self.cues.verbs
            and character.entity_id != entity_id
            and not any(self.entities[m.entity_id].type == "PERSON" for m in people_before)
        ):
            # "Hollander, reached by email, confirmed it": a name typed as a character that reports
            later = [m for m in self.mentions if m.entity_id == entity_id and subject.i < m.token_start < pronoun.i]
            return None if later else Speaker(character.entity_id, self._name(character.entity_id))
        if self.mention_at(subject, ("PERSON", "ORG", "WORK", "CHARACTER")) is not None:
            return None
        if subject.ent_type_ and subject.ent_type_ not in ("PERSON", "NORP", "ORG"):
            return None  # NER often takes an unfamiliar surname for a nationality or a company
        later = [m for m in self.mentions if m.entity_id == entity_id and subject.i < m.token_start < pronoun.i]
        if entity_id is not None and later:
            return None
        words = [t for t in subject.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [subject]
        return Speaker(None, " ".join(t.text for t in words))

    def _binding_subject(self, pronoun: Token) -> str | None:
        """'Sakuma, the voice of Amano, said she cried': a pronoun subject of a reported clause
        refers to the named subject of the verb that reports it."""
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.lower_ not in _PERSON_PRONOUNS:
            return None
        verb, steps = pronoun.head, 0
        while verb.dep_ in ("ccomp", "advcl", "conj", "xcomp") and verb.head.i != verb.i and steps < 3:
            verb, steps = verb.head, steps + 1
            for child in verb.children:
                if child.dep_ == "nsubj" and child.i < pronoun.i and not self.inside_quote(child):
                    mention = self.mention_at(child, ("PERSON",))
                    return mention.entity_id if mention is not None else None
        return None

    def statement_author_in(self, start_char: int, end_char: int) -> Speaker | None:
        """'Director Jo's statement, released by ENA:' introducing a block quote: the statement's issuer."""
        span = self.doc.char_span(start_char, end_char, alignment_mode="expand")
        for token in span if span is not None else []:
            if token.lower_ in self.cues.statements and token.pos_ == "NOUN" and not self.inside_quote(token):
                speaker = self._representative(token)
                if speaker.entity_id:
                    return speaker
        return None

    def _is_collective(self, token: Token) -> bool:
        """A non-person group noun that can speak: 'the studio', 'the jury', 'producers'."""
        base = lemma(token).lower()
        if base in self.cues.generic["person"] or self.mention_at(token, ("PERSON",)) is not None:
            return False
        return base in self.cues.speaker_nouns or base in self.cues.generic["network"] | self.cues.generic["studio"]

    def _representative(self, head: Token) -> Speaker:
        """'Lee's representation', 'his agency', 'a spokesperson for Netflix', 'a statement from X'."""
        phrase = _noun_phrase(head)
        named = self._named_representative(phrase)
        if named:
            return Speaker(named, self._name(named))
        principal = None
        principal_named = False
        for token in phrase:
            if token.dep_ == "poss" and token.lower_ in _PRONOUNS:
                principal = self.previous_person(token.idx) if token.lower_ != "its" else self.previous_org(token.idx)
            elif token.dep_ in ("poss", "pobj", "compound") or token.ent_type_:
                found = self.entity_in(token.i, token.i + 1) or self.entity_in(*_token_mention_range(token))
                principal_named = principal_named or (found is not None and principal is None)
                principal = principal or found
        if principal is None:
            principal = self._generic_referent(phrase)
        if principal is None and head.lower_ in self.cues.statements:
            author = self._author_of_previous_statement(head)
            if author is not None and (author.entity_id or author.name):
                return author
            principal = self._previous_speaker_entity(head.idx)
        if principal is None:
            return Speaker(None, _clean_phrase(phrase.text))
        if head.lower_ in self.cues.statements:
            return Speaker(principal, self._name(principal))
        if principal_named and phrase[0].lower_ in _DETERMINERS:
            # "a spokesperson for Mara Quill", "A Disney Korea spokesperson": the text's own words
            return Speaker(principal, _clean_phrase(phrase.text))
        in_names = {i for m in self.mentions if phrase.start <= m.token_start < phrase.end for i in range(m.token_start, m.token_end)}
        words = " ".join(t.text for t in phrase if head.i - _adjectives_before(head) <= t.i <= head.i and t.i not in in_names)
        return Speaker(principal, f"{self._name(principal)}'s {words}")

    def _named_representative(self, phrase: Span) -> str | None:
        for m in self.mentions:
            if phrase.start <= m.token_start and m.token_end <= phrase.end:
                entity = self.entities[m.entity_id]
                last = self.doc[m.token_end - 1]
                if last.dep_ == "pobj" and last.head.lower_ in ("for", "of"):
                    continue  # "a spokesperson for Mara Quill": the principal, not the representative
                if entity.type == "PERSON" and "representative" in entity.roles:
                    return m.entity_id
        return None

    def _generic_referent(self, phrase: Span) -> str | None:
        """'the streamer', 'the corporation', 'the director' -> the nearest fitting entity
        (for a role noun in a headline, where nobody is named before: the first with that role)."""
        words = {t.lower_ for t in phrase} | {lemma(t).lower() for t in phrase}
        text = phrase.text.lower()
        if words & self.cues.generic["network"]:
            return self.previous_org(phrase.start_char, "network") or self.previous_org(phrase.start_char)
        if words & self.cues.generic["studio"] or any(" " in w and w in text for w in self.cues.generic["studio"]):
            return self.previous_org(phrase.start_char, "studio") or self.previous_org(phrase.start_char)
        roles = words & self.cues.generic["person"]
        if roles:
            role = next(iter(sorted(roles)))
            found = self.previous_person(phrase.start_char, role if role in _PERSON_ROLES else None)
            return found or self._first_with_role(role)
        return None

    def _by_surname(self, word: str) -> str | None:
        """The one entity whose several-word name ends in ``word``."""
        found = {e.id for e in self.entities.values() if e.type in ("PERSON", "ORG") and " " in e.name and e.name.split()[-1] == word}
        return found.pop() if len(found) == 1 else None

    def _first_with_role(self, role: str) -> str | None:
        for entity in self.entities.values():
            if entity.type == "PERSON" and role in entity.roles:
                return entity.id
        return None

    def answerer_at(self, char: int) -> Speaker | None:
        """The interviewee, for a quotation that opens an interview's answer ('A: "..."')."""
        text = text_of(self.doc)
        for start, end, speaker in self.first_person:
            if start <= char < end and (speaker.entity_id or speaker.name) and len(text[start:char].split()) <= _ANSWER_PREFIX_WORDS:
                return speaker
        return None

    def colon_subject(self, open_mark: int) -> Speaker | None:
        """'Oakhurst was more cautious in an interview: "..."': no reporting verb, but the
        sentence ending in the colon before the quote has a subject that can speak."""
        span = self.doc.char_span(open_mark, open_mark + 1, alignment_mode="expand")
        if span is None or not len(span) or span[0].i == 0:
            return None
        colon = self.doc[span[0].i - 1]
        if colon.text != ":":
            # "X was more modest: the film was "..."": a colon earlier in the quote's sentence
            before = [t for t in sentence_of(span[0]) if t.i < span[0].i and t.text == ":" and not self.inside_quote(t)]
            if not before:
                return None
            colon = before[-1]
        sentence = sentence_of(colon)
        for token in sentence:
            if token.i >= colon.i:
                break
            head = token.head
            if (
                token.dep_ in ("nsubj", "nsubjpass")
                and head.i < colon.i
                and head.dep_ not in ("relcl", "acl", "advcl", "pcomp")
                and not self.inside_quote(token)
            ):
                if token.lower_ in _PRONOUNS or self.mention_at(token) is not None or token.pos_ == "PROPN" or self._speaks(token):
                    speaker = self.resolve_phrase(token)
                    return speaker if speaker.entity_id or speaker.name else None
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

    def first_person_in(self, start_char: int, end_char: int, outside: tuple[int, int]) -> Speaker | None:
        """The first PERSON named in text[start_char:end_char] outside the quote ``outside``
        ("'I needed to be frightened again': Deepa Raghunathan on leaving ..." in a headline)."""
        for m in self.mentions:
            if start_char <= m.start and m.end <= end_char and not (outside[0] <= m.start < outside[1]):
                entity = self.entities[m.entity_id]
                if entity.type == "PERSON" and "journalist" not in entity.roles:
                    return Speaker(m.entity_id, self.strip_title(entity.name))
        return None

    def _name(self, entity_id: str | None) -> str | None:
        return self.strip_title(self.entities[entity_id].name) if entity_id else None

    def strip_title(self, name: str) -> str:
        """'Showrunner Orla Finnegan' -> 'Orla Finnegan': a leading role word is not part of the name."""
        lower = name.lower()
        for title in self.cues.name_titles:
            rest = name[len(title) :]
            if lower.startswith(title) and rest[:1].isupper():
                return self.strip_title(rest)
        return name

    def words_of(self, open_mark: int) -> Speaker | None:
        """'in X's words, "..."', 'in the words of X, "..."', 'to quote X, "..."': the quote is X's."""
        span = self.doc.char_span(open_mark, open_mark + 1, alignment_mode="expand")
        if span is None or not len(span):
            return None
        for token in sentence_of(span[0]):
            if token.idx >= open_mark:
                break
            if self.inside_quote(token):
                continue
            source = None
            if token.lower_ in self.cues.words_of_nouns and token.head.lower_ == "in":
                owners = [c for c in token.children if c.dep_ == "poss"]
                owners += [g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
                source = owners[0] if owners else None
            elif lemma(token).lower() in self.cues.words_of_verbs and token.head.lower_ != "quote":
                objects = [c for c in token.children if c.dep_ == "dobj"]
                source = objects[0] if objects else None
            if source is not None and source.idx < open_mark and source.lower_ not in _PRONOUNS | {"me", "my"}:
                speaker = self.resolve_phrase(source)
                if speaker.entity_id:
                    return speaker
                if source.pos_ == "PROPN":  # an unrecognised name: its own words, without "'s"
                    left = min([c.i for c in source.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [source.i])
                    return Speaker(None, self.doc[left : source.i + 1].text)
        return None

    # --- outlet ------------------------------------------------------------------------

    def outlet_in(self, start_char: int, end_char: int) -> str | None:
        """'via X', 'per X', 'told (the trade site) X', 'in an interview with X', 'wrote on Instagram'."""
        found = self.outlets_in(start_char, end_char)
        return found[0][1] if found else None

    def outlets_in(self, start_char: int, end_char: int) -> list[tuple[int, str]]:
        """Every outlet named with an outlet cue in text[start_char:end_char]: (char offset, name)."""
        span = self.doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None:
            return []
        found: list[tuple[int, str]] = []
        covered: set[int] = set()
        for m in self.mentions:
            entity = self.entities[m.entity_id]
            if entity.type not in ("ORG", "WORK") or not (span.start <= m.token_start < span.end) or self._in_quote_char(m.start):
                continue
            if self._is_outlet_context(m.token_start, m.token_end, entity):
                end = self._name_run_end(m.token_end)
                name = entity.name if end == m.token_end else self.doc[m.token_start : end].text
                programme = self._programme_after(end)
                if programme is not None:  # "told RTÉ Radio 1's Morning Ireland": the programme
                    name, end = self.doc[programme[0] : programme[1]].text, programme[1]
                found.append((m.start, name))
                covered.update(range(m.token_start, end))
        found += [(self.doc[i].idx, name) for i, name in self._unknown_outlets(span) if i not in covered]
        return sorted(found)

    def _is_outlet_context(self, start: int, end: int, entity: Entity) -> bool:
        last = self.doc[end - 1]
        anchor = last.head if last.dep_ in ("appos", "compound") and last.head.i >= end else last
        if last.dep_ == "appos" and last.head.i < start:
            anchor = last.head  # "the Norwegian broadcaster NRK"
        i = min(start, anchor.left_edge.i) - 1
        while i >= 0 and self.doc[i].lower_ in _DETERMINERS:
            i -= 1
        following = self.doc[end].lower_ if end < len(self.doc) else ""
        if following in self.cues.outlet_after_nouns and (entity.type == "ORG" or entity.name in self.cues.platforms):
            return i < 0 or self.doc[i].lower_ in (
                "a",
                "an",
                "the",
                "in",
                "on",
                "to",
                "an",
                "its",
                "his",
                "her",
                "their",
            )  # "in a Mainichi Shimbun interview"
        if i < 0:
            return False
        previous = self.doc[i].lower_
        words = lowers_of(self.doc)[max(0, i - 3) : i + 1]
        if previous in self.cues.outlet_verbs:
            return True
        if previous in ("to", "in") and any(w in words for w in self.cues.interview_words):
            return True
        if previous == "with" and any(w in words for w in self.cues.interview_nouns_with):
            return True
        platform = entity.name in self.cues.platforms
        if previous in ("on", "to") and (any(w in words for w in self.cues.posting_words) or platform and self._posted_on(self.doc[i])):
            return True  # "wrote on X", "promised on X in March", not "a cult following on YouTube"
        before = " ".join(words)
        if previous == "from" and any(w in words for w in self.cues.outlet_source_nouns):
            return True  # "told a reporter from Sports Chosun"
        if previous in self.cues.outlet_channel_words and "outlet" in entity.roles:
            return True  # "released through Soompi", "quoted by The National"
        return entity.type == "ORG" and "outlet" in entity.roles and ("according to" in before or previous in ("to", "with"))

    def outlet_of_writer(self, speaker: Speaker, before_char: int) -> str | None:
        """The outlet a critic or reporter writes for, when the text names them as "Outlet's
        Name" before the quote ('Dagbladet's Terje Ravnaas')."""
        if not speaker.name:
            return None
        for start, _ in occurrences(text_of(self.doc), speaker.name):
            if start >= before_char:
                break
            span = self.doc.char_span(start, start + 1, alignment_mode="expand")
            i = span.start if span is not None else 0
            if i >= 2 and self.doc[i - 1].text in ("'s", "’s"):
                owner = next((m for m in self.mentions if m.token_start <= i - 2 < m.token_end), None)
                if owner is not None and "outlet" in self.entities[owner.entity_id].roles:
                    return self.entities[owner.entity_id].name
        return None

    def _programme_after(self, end: int) -> tuple[int, int] | None:
        """The token span of a named programme or title after a possessive ('ITV's This Morning')."""
        if end + 1 >= len(self.doc) or self.doc[end].text not in ("'s", "’s") or not self.doc[end + 1].text[:1].isupper():
            return None
        mention = next((m for m in self.mentions if m.token_start == end + 1), None)
        if mention is not None:
            return (mention.token_start, mention.token_end) if self.entities[mention.entity_id].type in ("WORK", "ORG") else None
        stop = end + 1
        while stop < min(end + 5, len(self.doc)) and self.doc[stop].text[:1].isupper() and self.doc[stop].pos_ in ("PROPN", "NOUN", "DET"):
            stop += 1
        return (end + 1, stop) if stop > end + 1 else None

    def _posted_on(self, preposition: Token) -> bool:
        """'wrote on X', 'promised on X', 'a post on X', 'took to Instagram': the preposition
        attaches to a verb of saying or posting, or to a post."""
        head = preposition.head
        for _ in range(4):  # "posted a photograph of the script on Instagram": the verb above the nouns
            if head.lower_ in self.cues.posting_words or head.lower_ in self.cues.outlet_after_nouns:
                return True
            if head.pos_ in ("VERB", "AUX"):
                base = lemma(head).lower()
                return base in self.cues.verbs or base in self.cues.posting_verbs
            head = head.head
        return False

    def _outlet_phrase(self, i: int) -> str | None:
        """'told the club's website': an outlet described by its owner, in the text's words."""
        lowers = lowers_of(self.doc)
        if i + 3 >= len(lowers) or lowers[i] != "the" or lowers[i + 2] not in ("'s", "’s"):
            return None
        end = i + 3
        while end < min(i + 6, len(lowers)) and self.doc[end].pos_ == "ADJ":
            end += 1
        if end < len(lowers) and lowers[end] in self.cues.outlet_nouns:
            return self.doc[i : end + 1].text
        return None

    def _name_run_end(self, end: int) -> int:
        """'told Sky Sports' where only 'Sky' was recognised: capitalised proper nouns that
        continue the name (not a weekday or month, not another mention)."""
        stop = min(end + 3, len(self.doc))
        while (
            end < stop
            and self.doc[end].pos_ == "PROPN"
            and self.doc[end].text[:1].isupper()
            and self.doc[end].lower_ not in _CALENDAR
            and self.doc[end].ent_type_ not in ("DATE", "TIME", "GPE")
            and not any(m.token_start <= end < m.token_end for m in self.mentions)
        ):
            end += 1
        return end

    def previous_outlet(self, before_char: int, after_char: int) -> str | None:
        """The last outlet named in text[after_char:before_char] ('he told the outlet')."""
        found = self.outlets_in(after_char, before_char)
        found = [o for o in found if o[0] < before_char]
        return found[-1][1] if found else None

    def refers_to_outlet(self, start_char: int, end_char: int) -> bool:
        """The prose of text[start_char:end_char] names an outlet by an anaphor ('told the outlet')."""
        prose = text_of(self.doc)[start_char:end_char]
        for quote_start, quote_end in self.quote_chars:
            if quote_end > start_char and quote_start < end_char:
                prose = prose.replace(text_of(self.doc)[quote_start:quote_end], " ")
        prose = " ".join(prose.lower().split())
        return any(phrase in prose for phrase in self.cues.outlet_anaphora)

    def _unknown_outlets(self, span: Span) -> list[tuple[int, str]]:
        """'told Cine21', 'per Rappler', 'on X': a name after an outlet cue that NER missed."""
        found = []
        for token in span:
            if self.inside_quote(token):
                continue
            platform = token.text.rstrip(".")  # "on X." may be tokenised with its full stop
            if platform in self.cues.platforms and token.i > 0 and (token.pos_ == "PROPN" or platform != token.text):
                previous = self.doc[token.i - 1].lower_
                following = self.doc[token.i + 1].lower_ if token.i + 1 < len(self.doc) else ""
                posted = previous == "via" or previous in ("on", "to") and self._posted_on(self.doc[token.i - 1])
                if posted or following in self.cues.outlet_after_nouns:
                    found.append((token.i, platform))
                continue
            interviewed = token.lower_ in ("to", "with") and token.i > 0 and self.doc[token.i - 1].lower_ in self.cues.interview_verbs
            if token.lower_ not in self.cues.outlet_verbs and not interviewed:
                continue
            literal = self._outlet_phrase(token.i + 1)
            if literal is not None:
                found.append((token.i + 1, literal))
                continue
            i = token.i + 1
            while i < len(self.doc) and self.doc[i].lower_ in _DETERMINERS:
                i += 1
            described = i  # "told the trade site Deadline": skip the description before the name
            while (
                described < min(i + 4, len(self.doc))
                and (self.doc[described].is_lower or self.doc[described].pos_ == "ADJ")
                and self.doc[described].pos_ in ("ADJ", "NOUN")
            ):
                described += 1
            if described > i and described < len(self.doc) and (self.doc[described].dep_ == "appos" or self.doc[described].pos_ == "PROPN"):
                i = described  # "the German trade site DWDL"
            end = i
            while end < len(self.doc) and end - i < 5 and self.doc[end].text[:1].isupper() and self.doc[end].pos_ == "PROPN":
                end += 1
            if end > i and self.mention_at(self.doc[i], ("PERSON",)) is None:
                found.append((i, self.doc[i:end].text))
        return found


_DETERMINERS = {"the", "a", "an"}
_CALENDAR = frozenset(load_data("context.json")["calendar_words"])
_PERSON_ROLES = {"actor", "director", "writer", "showrunner", "creator", "producer", "executive"}


def _is_name(name: str) -> bool:
    """An entity name that can stand for a speaker (not a stray '-on' from a tokenisation slip)."""
    return name[:1].isalnum()


def _subject_of(verb: Token, inside_quote: Callable[[Token], bool]) -> Token | None:
    """The subject of a reporting verb, outside the quotation (the parse may take words of
    the quote for the subject)."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and not inside_quote(child):
            return child
    if verb.dep_ == "conj" and verb.head is not verb:
        # "Cast members posted photos, and Kwon Narae, as she ..., wrote": the parse joins the
        # second subject to the first verb as a conjunct
        joined = [c for c in verb.head.children if c.dep_ == "conj" and c.pos_ == "PROPN" and verb.head.i < c.i < verb.i]
        if joined and not inside_quote(joined[-1]):
            return joined[-1]
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
