"""Entities with roles: people, characters, works and organisations.

The ``articlenlp_entities`` component sets:

- ``doc._.entities``: ``list[Entity]``, one per real-world thing, mentions merged;
- ``doc._.entity_mentions``: ``list[EntityMention]``, every mention with its entity id;
- ``doc.spans["articlenlp_entities"]``: the mentions as a SpanGroup labelled by type,
  ready for displaCy's span renderer.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..data import load as load_data
from ..layout import lowers_of, sentence_of, text_of
from ..types import Entity
from .aliases import cluster_names, contains_run, name_key, occurrences
from .characters import character_cue_names, find_plays
from .mentions import Lexicon, Mention, find_mentions, is_capitalised, resolve_overlaps, title_run
from .roles import RoleLexicon, org_role, person_roles, work_role

SPAN_KEY = "articlenlp_entities"
_CREATIVE_ROLES = {"actor", "director", "writer", "showrunner", "creator", "producer"}


@dataclass(frozen=True)
class EntityMention:
    start: int  # character offsets
    end: int
    entity_id: str
    token_start: int
    token_end: int


@Language.factory("articlenlp_entities")
def make_entities(nlp: Language, name: str) -> EntityRecognizer:
    return EntityRecognizer(nlp)


class EntityRecognizer:
    """Finds, types, links and merges entity mentions (see the module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.lexicon = Lexicon(nlp)
        self.roles = RoleLexicon()

    def __call__(self, doc: Doc) -> Doc:
        self._roles_memo: dict[tuple[int, int], set[str]] = {}
        mentions = find_mentions(doc, self.lexicon, self.roles.single_words)
        for mention in mentions:
            if mention.type == "ORG" and self._organisation_acting_as_person(doc, "ORG", [mention]):
                mention.type = "PERSON"  # before name parts: 'Echegaray' alone is then the person
        mentions = _add_name_parts(doc, mentions, self.lexicon.org_suffixes)
        mentions, plays = self._characters(doc, mentions)
        mentions = _add_name_parts(doc, mentions, self.lexicon.org_suffixes)
        entities, entity_mentions = self._build(doc, mentions, plays)
        doc._.entities = entities
        doc._.entity_mentions = entity_mentions
        labels = {e.id: e.type for e in entities}
        doc.spans[SPAN_KEY] = [Span(doc, m.token_start, m.token_end, label=labels[m.entity_id]) for m in entity_mentions]
        return doc

    def _characters(self, doc: Doc, mentions: list[Mention]) -> tuple[list[Mention], list[tuple[Mention, tuple[int, int]]]]:
        links = find_plays(doc, mentions, self.lexicon.character_titles, self.roles.single_words)
        for link in links:
            link.actor.type = "PERSON"  # an NER 'ORG' that plays someone is a person
        spans = [link.character for link in links] + character_cue_names(
            doc, mentions, self.lexicon.character_titles, self.roles.single_words
        )
        character_mentions = [Mention(s, e, "CHARACTER", "pattern") for s, e in spans]
        keys = {name_key(doc[s:e].text) for s, e in spans}
        merged = resolve_overlaps(character_mentions + mentions)
        for mention in merged:
            if (
                mention.type in ("PERSON", "ORG")
                and mention.source != "lexicon"
                and name_key(doc[mention.start : mention.end].text) in keys
            ):
                mention.type = "CHARACTER"
        merged = _propagate_characters(doc, merged, keys)
        return merged, [(link.actor, link.character) for link in links]

    def _build(
        self, doc: Doc, mentions: list[Mention], plays: list[tuple[Mention, tuple[int, int]]]
    ) -> tuple[list[Entity], list[EntityMention]]:
        translations = _translated_titles(doc, mentions)  # may add mentions: before listing surfaces
        translations += _introduced_aliases(doc, mentions, self.lexicon)
        translations += _title_short_forms(doc, mentions, self.lexicon)
        translations += _acronyms(doc, mentions)
        translations += _organisation_short_forms(doc, mentions, self.lexicon)
        surfaces = [(doc[m.start : m.end].text, m.type) for m in mentions]
        entities: list[Entity] = []
        owner: dict[int, str] = {}
        for cluster in cluster_names(surfaces, translations):
            members = [mentions[i] for i in sorted(cluster.mentions)]
            if self._organisation_acting_as_person(doc, cluster.type, members):
                cluster.type = "PERSON"
            roles = self._roles(doc, cluster.type, members)
            if _unsupported_single_name(doc, cluster.type, roles, members):
                continue
            entity_id = f"e{len(entities) + 1}"
            entities.append(
                Entity(
                    id=entity_id,
                    name=cluster.name,
                    type=cluster.type,
                    roles=roles,
                    aliases=cluster.aliases,
                    mentions=[_char_span(doc, m) for m in members],
                )
            )
            for i in cluster.mentions:
                owner[i] = entity_id
        entity_mentions = sorted(
            (EntityMention(*_char_span(doc, mentions[i]), owner[i], mentions[i].start, mentions[i].end) for i in owner),
            key=lambda m: m.start,
        )
        _link_plays(entities, entity_mentions, plays, doc)
        _link_works(doc, entities, entity_mentions)
        if not any(e.type == "WORK" for e in entities):  # news from outside entertainment
            for entity in entities:
                if entity.type == "PERSON" and not entity.roles:
                    entity.roles = ["other"]
        return entities, entity_mentions

    def _organisation_acting_as_person(self, doc: Doc, type_: str, members: list[Mention]) -> bool:
        """An unknown name the NER called an organisation, but which has a person's role
        somewhere ('actress Carys Pritchard', 'Pritchard, who created the show')."""
        if type_ != "ORG" or any(m.source == "lexicon" for m in members):
            return False
        names = [doc[m.start : m.end] for m in members]
        if any(n[-1].text in self.lexicon.org_suffixes or n[0].text in self.lexicon.org_prefixes for n in names):
            return False
        return any(self._person_roles(doc, m) - {"journalist"} for m in members)

    def _person_roles(self, doc: Doc, mention: Mention) -> set[str]:
        key = (mention.start, mention.end)
        if key not in self._roles_memo:
            self._roles_memo[key] = person_roles(doc, mention, self.roles)
        return self._roles_memo[key]

    def _roles(self, doc: Doc, type_: str, members: list[Mention]) -> list[str]:
        if type_ == "PERSON":
            found: set[str] = set()
            for mention in members:
                found |= self._person_roles(doc, mention)
            return sorted(found)
        if type_ == "ORG":
            roles = [org_role(doc, m, self.lexicon) for m in members]
            specific = [r for r in roles if r != "other"]
            return [Counter(specific).most_common(1)[0][0]] if specific else ["other"]  # ties: the first mentioned
        if type_ == "WORK":
            return [work_role(doc, members, self.lexicon)]
        return []


_TRANSLATION = re.compile(
    r"\s*\((?:[^()]{0,30}?(?:title|English|literally|known as|translated as)[:\s]+)?[“\"‘']?"
    r"([A-ZÀ-Ý][^()“”\"’\n]{1,60}?)[”\"’']?(?:\s+in English)?\)"
)


def _translated_titles(doc: Doc, mentions: list[Mention]) -> list[tuple[str, str]]:
    """'Kırık Pusula (Broken Compass)': the bracketed name is the same work.

    The bracketed name becomes a WORK mention and the pair is merged after clustering.
    """
    pairs = []
    for mention in [m for m in mentions if m.type == "WORK"]:
        end_char = doc[mention.end - 1].idx + len(doc[mention.end - 1])
        match = _TRANSLATION.match(text_of(doc), end_char)
        if not match or any(ch.isdigit() for ch in match.group(1)):
            continue
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if span is None or len(span) == 0:
            continue
        clashes = [m for m in mentions if m.start < span.end and span.start < m.end]
        if any(m.source == "lexicon" or (m.start, m.end) != (span.start, span.end) for m in clashes):
            continue
        for other in mentions:  # every mention of the translated title is the work
            if doc[other.start : other.end].text == span.text and other.source != "lexicon":
                other.type, other.role = "WORK", None
        if not clashes:
            mentions.append(Mention(span.start, span.end, "WORK", "pattern"))
        pairs.append((doc[mention.start : mention.end].text, span.text))
    mentions.sort(key=lambda m: m.start)
    return pairs


_CONTEXT = load_data("context.json")
_ALIAS_AS = frozenset(_CONTEXT["alias_cues_as"])
_ALIAS_DIRECT = frozenset(_CONTEXT["alias_cues_direct"])
_ALIAS_BLOCKERS = frozenset(_CONTEXT["alias_blockers"])
_TITLE_MEANING = frozenset(_CONTEXT["title_meaning_cues"])
_ALIAS_REACH = 8


def _introduced_aliases(doc: Doc, mentions: list[Mention], lexicon: Lexicon) -> list[tuple[str, str]]:
    """'X, known to everyone as Y', 'X, whom the cast calls Y', 'X, nicknamed Y': Y is X.
    'The series, whose title means Y': Y is the title named last.

    Y becomes a mention of X's type wherever it occurs; the pairs are merged after clustering.
    """
    lowers = lowers_of(doc)
    by_end = {m.end: m for m in mentions}
    pairs: list[tuple[str, str]] = []
    for i, lower in enumerate(lowers):
        if lower in _TITLE_MEANING:
            if "title" not in lowers[max(0, i - 3) : i]:
                continue
            j = i + 1 + (i + 1 < len(doc) and lowers[i + 1] in ("as", "to"))
            works = [m for m in mentions if m.type == "WORK" and m.end <= i]
            if not works or j >= len(doc) or not is_capitalised(doc[j]):
                continue
            end = title_run(doc, j, lexicon)
            owner: Mention | None = works[-1]
        elif lower in _ALIAS_AS or lower in _ALIAS_DIRECT:
            owner = next((by_end[k] for k in range(i - 1, max(-1, i - _ALIAS_REACH), -1) if k in by_end), None)
            if owner is None or owner.type not in ("PERSON", "CHARACTER", "WORK") or owner.end >= i or lowers[owner.end] != ",":
                continue
            if any(t.is_punct for t in doc[owner.end + 1 : i]):
                continue
            j = i + 1
            if lower in _ALIAS_AS:
                while j < len(doc) and j - i < 6 and lowers[j] != "as" and lowers[j] not in _ALIAS_BLOCKERS and doc[j].is_alpha:
                    j += 1
                if j >= len(doc) or lowers[j] != "as":
                    continue
                j += 1
            if j < len(doc) and doc[j].text in ('"', "“", "‘", "'"):
                j += 1
            end = j
            while (
                end < len(doc)
                and end - j < 3
                and ((doc[end].is_alpha and doc[end].text[:1].isupper()) or (doc[end].text == "-" and not doc[end].whitespace_ and end > j))
            ):
                end += 1
            if end > j and doc[end - 1].text == "-":
                end -= 1
        else:
            continue
        if owner is None or end <= j or doc[j].lower_ in ("the", "a", "an") and end - j == 1:
            continue
        alias = doc[j:end]
        if alias.text == doc[owner.start : owner.end].text or alias.text in lexicon.org_roles:
            continue
        type_ = owner.type
        covered = False
        for start_char, end_char in occurrences(text_of(doc), alias.text):
            span = doc.char_span(start_char, end_char)
            if span is None:
                continue
            clashes = [m for m in mentions if m.start < span.end and span.start < m.end]
            if len(clashes) == 1 and (clashes[0].start, clashes[0].end) == (span.start, span.end) and clashes[0].source != "lexicon":
                clashes[0].type, clashes[0].role = type_, None
                covered = True
            elif all(span.start <= m.start and m.end <= span.end and m.source != "lexicon" for m in clashes):
                mentions[:] = [m for m in mentions if m not in clashes] + [Mention(span.start, span.end, type_, "pattern")]
                covered = True
        if covered:
            pairs.append((doc[owner.start : owner.end].text, alias.text))
    mentions.sort(key=lambda m: m.start)
    return pairs


_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")


def _acronyms(doc: Doc, mentions: list[Mention]) -> list[tuple[str, str]]:
    """'Public Television Service (PTS)', 'Competition and Markets Authority (CMA)': an
    organisation's initials in brackets after it, and every later use of them, are the
    organisation."""
    pairs = []
    text = text_of(doc)
    for mention in [m for m in mentions if m.type == "ORG" and m.end - m.start >= 2]:
        name = doc[mention.start : mention.end].text
        match = _ACRONYM.match(text, doc[mention.end - 1].idx + len(doc[mention.end - 1]))
        initials = "".join(w[0] for w in re.findall(r"[A-Za-zÀ-ÿ]+", name) if w[0].isupper())
        if match is None or match.group(1).upper() != initials.upper():
            continue
        acronym = match.group(1)
        for start_char, end_char in occurrences(text, acronym):
            span = doc.char_span(start_char, end_char)
            if span is None:
                continue
            clashes = [m for m in mentions if m.start < span.end and span.start < m.end]
            for clash in clashes:
                if (clash.start, clash.end) == (span.start, span.end) and clash.source != "lexicon":
                    clash.type, clash.role = "ORG", mention.role
            if not clashes:
                mentions.append(Mention(span.start, span.end, "ORG", "propagated", mention.role))
        pairs.append((name, acronym))
    mentions.sort(key=lambda m: m.start)
    return pairs


def _organisation_short_forms(doc: Doc, mentions: list[Mention], lexicon: Lexicon) -> list[tuple[str, str]]:
    """'Apple' for Apple TV+, 'Disney' for Disney+, 'iPlayer' for BBC iPlayer: a known short
    form is the organisation named in full earlier in the article (``short_forms`` in
    organisations.json), unless it is part of a longer name ('Apple Music', 'Max Irons')."""
    named = {doc[m.start : m.end].text for m in mentions if m.type == "ORG"}
    taken = {i: m for m in mentions for i in range(m.start, m.end)}
    pairs = []
    for short, fulls in lexicon.short_forms.items():
        full = next((f for f in fulls if f in named), None)
        if full is None:
            continue
        found = False
        for start_char, end_char in occurrences(text_of(doc), short):
            span = doc.char_span(start_char, end_char)
            if span is None or _next_to_capitalised(doc, span.start, span.end):
                continue
            owner = taken.get(span.start)
            if owner is None and not any(i in taken for i in range(span.start, span.end)):
                mention = Mention(span.start, span.end, "ORG", "propagated", lexicon.org_roles.get(full))
                mentions.append(mention)
                taken.update(dict.fromkeys(range(span.start, span.end), mention))
                found = True
            elif owner is not None and (owner.start, owner.end) == (span.start, span.end) and owner.type in ("ORG", "WORK"):
                owner.type, owner.role = "ORG", lexicon.org_roles.get(full)  # 'Apple has ordered a second season'
                found = True
        if found:
            pairs.append((full, short))
    mentions.sort(key=lambda m: m.start)
    return pairs


def _next_to_capitalised(doc: Doc, start: int, end: int) -> bool:
    """The span is part of a longer capitalised name ('Apple Music', 'Max Irons')."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    joined_before = before is not None and before.is_alpha and before.text[:1].isupper() and not doc[start].is_sent_start
    joined_after = after is not None and after.is_alpha and after.text[:1].isupper()
    return joined_before or joined_after


_PLACE_PREPOSITIONS = frozenset(_CONTEXT["place_prepositions"])


def _title_short_forms(doc: Doc, mentions: list[Mention], lexicon: Lexicon) -> list[tuple[str, str]]:
    """'The Fenwicks' for 'The Fenwicks of Elm Court', 'Kettle Bay' for 'Low Tide at Kettle Bay',
    'Crosswind' for 'Skyward Relay the Movie II: Crosswind': later mentions of part of a title.

    Every unclaimed occurrence becomes a mention of the work, except after a place preposition
    ('set in Kettle Bay') or, for one word, at a sentence start.
    """
    titles = dict.fromkeys(doc[m.start : m.end].text for m in mentions if m.type == "WORK" and m.end - m.start >= 3)
    if not titles:
        return []
    taken = {i: m for m in mentions for i in range(m.start, m.end)}
    pairs = []
    for title in titles:
        for short in _short_forms(title, lexicon, doc):
            found = False
            for start_char, end_char in occurrences(text_of(doc), short):
                span = doc.char_span(start_char, end_char)
                if span is None or (span.start > 0 and doc[span.start - 1].lower_ in _PLACE_PREPOSITIONS):
                    continue
                owner = taken.get(span.start)
                if owner is not None and (owner.start, owner.end) == (span.start, span.end) and owner.source != "lexicon":
                    owner.type, owner.role = "WORK", None  # the NER's 'The Fenwicks' (PERSON)
                    found = True
                elif not any(i in taken for i in range(span.start, span.end)) and not (len(span) == 1 and span[0].is_sent_start):
                    mention = Mention(span.start, span.end, "WORK", "propagated")
                    mentions.append(mention)
                    taken.update(dict.fromkeys(range(span.start, span.end), mention))
                    found = True
            if found:
                pairs.append((title, short))
    mentions.sort(key=lambda m: m.start)
    return pairs


def _short_forms(title: str, lexicon: Lexicon, doc: Doc) -> list[str]:
    """The part before the first function word, the part after the last one (two words or
    more) and a subtitle after a colon, when each is a capitalised name of its own."""
    main, _, subtitle = title.partition(":")
    words = main.split()
    inner = [i for i, w in enumerate(words) if i > 0 and w in lexicon.function_words]
    forms = []
    if inner:
        forms.append(" ".join(words[: inner[0]]).rstrip(","))
        if len(words) - inner[-1] - 1 >= 2:
            forms.append(" ".join(words[inner[-1] + 1 :]))
    if subtitle.strip():
        forms.append(subtitle.strip())
    return [
        form
        for form in forms
        if form.split()[-1][:1].isupper()
        and form not in ("The", "A", "An")
        and form not in lexicon.org_roles
        and not (len(form.split()) == 1 and _written_in_lowercase(doc, form))
    ]


def _written_in_lowercase(doc: Doc, word: str) -> bool:
    """The word also occurs in lowercase in the text: a common word, not a name ('House')."""
    lower = word.lower()
    return any(w == lower and doc[i].text == lower for i, w in enumerate(lowers_of(doc)))


def _unsupported_single_name(doc: Doc, type_: str, roles: list[str], members: list[Mention]) -> bool:
    """A lone capitalised word the NER called a person, with nothing else saying it is one.

    Real people in news copy are introduced with a full name or a role; single words
    tagged PERSON are mostly places, titles and headline words. A single name that speaks
    (subject of a reporting verb) or holds a role is kept.
    """
    if type_ != "PERSON" or roles or any(m.end - m.start > 1 for m in members):
        return False
    return not any(doc[m.start].dep_ in ("nsubj", "nsubjpass") and doc[m.start].head.pos_ == "VERB" for m in members)


def _char_span(doc: Doc, mention: Mention) -> tuple[int, int]:
    start = doc[mention.start].idx
    last = doc[mention.end - 1]
    return start, last.idx + len(last.text)


def _propagate_characters(doc: Doc, mentions: list[Mention], keys: set[tuple[str, ...]]) -> list[Mention]:
    """A character's given name alone ('Yeo-jeong') is the character too."""
    mention_keys = [name_key(doc[m.start : m.end].text) for m in mentions]
    for mention, key in zip(mentions, mention_keys, strict=True):
        if mention.type not in ("PERSON", "ORG") or (mention.type == "ORG" and mention.source == "lexicon"):
            continue
        holders = [k for k in keys if len(key) < len(k) and contains_run(k, key)]
        person_full = any(
            m.type == "PERSON" and m is not mention and len(other) > len(key) and contains_run(other, key)
            for m, other in zip(mentions, mention_keys, strict=True)
        )
        if len(holders) == 1 and not person_full:
            mention.type = "CHARACTER"
    return mentions


def _name_parts(span_text: str) -> list[str]:
    """Surname and given name of a full name as they would be written alone, and for
    three-word names the double surname and its first half ('Echeverría Vidal', 'Echeverría')."""
    words = span_text.split()
    if len(words) < 2:
        return []
    if len(words) >= 3:
        return [words[0], words[-1], " ".join(words[-2:]), words[-2]]
    return [words[0], words[-1]]


_HONORIFIC_SUFFIX = re.compile(r"-(?:" + "|".join(load_data("context.json")["name_honorific_suffixes"]) + ")")


def _add_name_parts(doc: Doc, mentions: list[Mention], org_suffixes: set[str]) -> list[Mention]:
    """Later 'Kavanagh', 'Siobhan' or 'Ogawa-san' alone, for 'Siobhan Kavanagh' named earlier;
    'Tidewater' alone for 'Tidewater Pictures'.

    A part shared by two different full names (two Kims) is left alone; a part the NER
    took for an organisation or title is retyped, and so is a full name the NER took for
    an organisation whose surname is used alone as a person.
    """
    _retype_people_named_as_orgs(doc, mentions, org_suffixes)
    mentions = _without_paired_names(doc, mentions)
    owners: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)  # insertion-ordered sets
    for mention in mentions:
        text = doc[mention.start : mention.end].text
        if mention.type in ("PERSON", "CHARACTER"):
            parts = _name_parts(text)
        elif mention.type == "ORG" and mention.end - mention.start > 1 and doc[mention.end - 1].text in org_suffixes:
            parts = [doc[mention.start : mention.end - 1].text]
        else:
            continue
        for part in parts:
            if len(part) >= 3 and part[0].isupper() and part.lower() not in _GENERIC_WORDS:
                owners[part][(" ".join(name_key(text)), mention.type)] = None
    by_start = {m.start: m for m in mentions}
    taken = {i for m in mentions for i in range(m.start, m.end)}
    added = []
    for part, names in owners.items():
        if len({key for key, _ in names}) != 1:
            continue
        type_ = next(iter(names))[1]  # of the first mention
        for start, end in occurrences(text_of(doc), part, _HONORIFIC_SUFFIX):
            span = doc.char_span(start, end)
            if span is None:
                continue
            existing = by_start.get(span.start)
            if existing is not None and existing.end == span.end and existing.source in ("ner", "pattern") and existing.type != type_:
                if existing.type in ("ORG", "WORK") or type_ == "ORG":
                    existing.type, existing.role = type_, None
            elif not any(i in taken for i in range(span.start, span.end)):
                added.append(Mention(span.start, span.end, type_, "propagated"))
    return sorted(mentions + added, key=lambda m: m.start)


def _without_paired_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Drop an NER title or organisation 'Marnie and Ravi' made of the given names or surnames
    of two people named in full elsewhere; the names alone are then found as the people."""
    parts = {
        part
        for m in mentions
        if m.type in ("PERSON", "CHARACTER") and m.end - m.start > 1
        for part in _name_parts(doc[m.start : m.end].text)
    }
    if not parts:
        return mentions

    def paired(mention: Mention) -> bool:
        words = [t.text for t in doc[mention.start : mention.end]]
        joins = [w for w in words if w in ("and", "&")]
        return len(joins) == 1 and all(w in parts for w in words if w not in joins)

    return [m for m in mentions if not (m.source == "ner" and m.type in ("WORK", "ORG") and paired(m))]


def _retype_people_named_as_orgs(doc: Doc, mentions: list[Mention], org_suffixes: set[str]) -> None:
    """'Eleanor Pryce-Jones' tagged ORG while 'Pryce-Jones' alone is a PERSON."""
    people = {doc[m.start : m.end].text for m in mentions if m.type == "PERSON" and m.end - m.start <= 3}
    # A surname used alone ('Holmstrøm said') marks the full name as a person's: organisations
    # are not shortened to their last word.
    alone = {doc[m.start].text for m in mentions if m.end - m.start == 1 and m.source != "lexicon"}
    # A family name alone as a person ('Fujimura-sensei', 'Fujimura herself') does the same for
    # names written family name first.
    alone_people = {
        _HONORIFIC_SUFFIX.sub("", doc[m.start : m.end].text)
        for m in mentions
        if m.type == "PERSON" and " " not in doc[m.start : m.end].text
    }
    lowers = lowers_of(doc)
    alone_people |= {
        doc[i - 1].text for i, lower in enumerate(lowers) if lower in ("herself", "himself") and i > 0 and doc[i - 1].text[:1].isupper()
    }
    for mention in mentions:
        if mention.type == "ORG" and mention.source == "ner":
            span = doc[mention.start : mention.end]
            words = span.text.split()
            person_shaped = all(t.is_alpha or t.text == "-" for t in span) and span[-1].text not in org_suffixes
            surname_alone = words[-1] in alone or words[0] in alone_people
            if 2 <= len(words) <= 3 and (words[-1] in people or (person_shaped and surname_alone)):
                mention.type, mention.role = "PERSON", None


_GENERIC_WORDS = {"the", "and", "season", "series", "netflix", "director", "star"}


def _entity_for_tokens(mentions: list[EntityMention], start: int, end: int) -> str | None:
    for m in mentions:
        if m.token_start < end and start < m.token_end:
            return m.entity_id
    return None


def _link_plays(entities: list[Entity], mentions: list[EntityMention], plays, doc: Doc) -> None:
    by_id = {e.id: e for e in entities}
    for actor, (char_start, char_end) in plays:
        actor_id = _entity_for_tokens(mentions, actor.start, actor.end)
        character_id = _entity_for_tokens(mentions, char_start, char_end)
        if not actor_id or not character_id or actor_id == character_id:
            continue
        actor_entity, character = by_id[actor_id], by_id[character_id]
        if actor_entity.type != "PERSON" or character.type != "CHARACTER":
            continue
        if character_id not in actor_entity.plays:
            actor_entity.plays.append(character_id)
        if "actor" not in actor_entity.roles:
            actor_entity.roles = sorted({*actor_entity.roles, "actor"})


def _link_works(doc: Doc, entities: list[Entity], mentions: list[EntityMention]) -> None:
    """People with creative roles and networks/studios -> works named in the same sentence."""
    by_id = {e.id: e for e in entities}
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for m in mentions:
        by_sentence[sentence_of(doc[m.token_start]).start].add(m.entity_id)
    for ids in by_sentence.values():
        works = sorted(i for i in ids if by_id[i].type == "WORK")
        for entity_id in ids:
            entity = by_id[entity_id]
            linkable = (entity.type == "PERSON" and _CREATIVE_ROLES & set(entity.roles)) or (
                entity.type == "ORG" and set(entity.roles) & {"network", "studio"}
            )
            if linkable:
                entity.works = sorted(set(entity.works) | set(works), key=lambda i: int(i[1:]))


for _name in ("entities", "entity_mentions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
