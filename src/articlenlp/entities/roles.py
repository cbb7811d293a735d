"""Roles of people and organisations from the words around their mentions.

People: a role word before the name ("director Ahn Gil-ho", "The Glory director X",
"Netflix's head of drama X"), an apposition after it ("X, the show's creator,",
"X, a senior editor at Y"), a relative clause or predicate ("X, who created the series",
"X directed the film", "X is the showrunner"), a byline ("By X"), a caption
("X in The Glory") and cast lists ("starring X and Y").
Organisations: the lexicon's role, else context ("the streamer X", "told X").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..data import load as load_data
from ..layout import BYLINE, HEADING, HEADLINE, block_at, lowers_of, sentence_of, text_of
from ..lemmas import lemma
from .mentions import NOT_ROLE_LISTS, Lexicon, Mention

_NOT_ROLES = {"work_object_words", "actor_markers_before", "executive_heads_of", "role_owner_words"} | NOT_ROLE_LISTS


def _plural(words: tuple[str, ...]) -> tuple[str, ...]:
    if "of" in words:
        return words
    last = words[-1]
    return (*words[:-1], last + ("es" if last.endswith(("s", "ch", "sh")) else "s"))


class RoleLexicon:
    """Role phrases and verbs from ``data/roles.json``."""

    def __init__(self) -> None:
        data = load_data("roles.json")
        self.phrases: dict[tuple[str, ...], str] = {}
        self.plurals: dict[tuple[str, ...], str] = {}  # 'executive producers X and Y'
        for role, words in data.items():
            if isinstance(words, list) and role not in _NOT_ROLES:
                for phrase in words:
                    self.phrases.setdefault(tuple(phrase.split()), role)
                    self.plurals.setdefault(_plural(tuple(phrase.split())), role)
        self.max_len = max(len(p) for p in self.phrases)
        self.verbs: dict[str, str] = data["verbs"]
        self.object_verbs: dict[str, str] = data["verbs_needing_work_object"]
        self.work_objects = set(data["work_object_words"])
        self.actor_markers = set(data["actor_markers_before"])
        self.heads_of = set(data["executive_heads_of"])
        self.owner_words = set(data["role_owner_words"])
        self.agent_nouns: dict[str, str] = data["passive_agent_nouns"]
        self.character_verbs: dict[str, str] = data["character_verbs"]
        self.not_characters = set(data["play_not_characters"])
        self.director_of_not_executive = set(data["director_of_not_executive"])
        self.figurative = set(data["figurative_role_adjectives"])

    def verb_role(self, verb: Token) -> str | None:
        base = lemma(verb).lower()
        return self.verbs.get(base) or self.object_verbs.get(base) or self.character_verbs.get(base)

    @property
    def single_words(self) -> set[str]:
        return {p[0] for p in self.phrases if len(p) == 1}

    def phrase_ending_at(self, doc: Doc, end: int) -> str | None:
        """The role of the longest role phrase whose last token is ``doc[end - 1]``."""
        for n in range(min(self.max_len, end), 0, -1):
            words = tuple(t.lower_ for t in doc[end - n : end])
            if words in self.phrases:
                return self.phrases[words]
        return None

    def list_phrase_ending_at(self, doc: Doc, end: int) -> tuple[str | None, int]:
        """Role and length of the longest singular or plural role phrase ending at ``doc[end - 1]``."""
        lowers = lowers_of(doc)
        for n in range(min(self.max_len, end), 0, -1):
            words = tuple(lowers[end - n : end])
            role = self.phrases.get(words) or self.plurals.get(words)
            if role:
                return role, n
        return None, 0

    def phrase_length_ending_at(self, doc: Doc, end: int) -> int:
        """Token length of the longest role phrase ending at ``doc[end - 1]``; 0 if none."""
        lowers = lowers_of(doc)
        for n in range(min(self.max_len, end), 0, -1):
            if tuple(lowers[end - n : end]) in self.phrases:
                return n
        return 0

    def phrase_in(self, tokens: list[Token]) -> str | None:
        words = [t.lower_ for t in tokens]
        for n in range(self.max_len, 0, -1):
            for i in range(len(words) - n, -1, -1):
                if tuple(words[i : i + n]) in self.phrases:
                    return self.executive_director(self.phrases[tuple(words[i : i + n])], words[i + n : i + n + 2])
        return None

    def executive_director(self, role: str, following: list[str]) -> str:
        """'director of fiction', 'director of video' head a department: an executive."""
        if role == "director" and len(following) == 2 and following[0] == "of" and following[1].isalpha():
            return "executive" if following[1] not in self.director_of_not_executive else role
        return role


def person_roles(doc: Doc, mention: Mention, roles: RoleLexicon) -> set[str]:
    """Every role the context of one PERSON mention gives."""
    found = set()
    for finder in (
        _role_before,
        _paired_role_before,
        _role_in_apposition,
        _role_from_verb,
        _role_from_layout,
        _role_in_cast_list,
        _cast_as,
        _role_of_possessed_work,
    ):
        role = finder(doc, mention, roles)
        if role:
            found.add(role)
    return found | _roles_of_name_list(doc, mention, roles)


_SIDE_NOTES = frozenset(load_data("roles.json")["list_side_notes"])
_LIST_REACH = 30
_LIST_VERBS = frozenset(load_data("roles.json")["list_verbs"])
_AGENT_VERB_REACH = 6


def _name_list_start(doc: Doc, start: int) -> int:
    """Start of the list of names that ends with the one at ``start``: 'A, B's C and D',
    'A (left) and B (right)'."""
    i = start
    while i > 0 and start - i < _LIST_REACH and not doc[i].is_sent_start:
        previous = doc[i - 1]
        if previous.text == ")" and i >= 3 and doc[i - 2].lower_ in _SIDE_NOTES and doc[i - 3].text == "(":
            i -= 3
        elif previous.text in (",", "and", "&", "'s", "’s", "-") or (previous.is_alpha and previous.text[:1].isupper()):
            i -= 1
        else:
            break
    while i < start and not doc[i].text[:1].isupper():
        i += 1
    return i


def _roles_of_name_list(doc: Doc, mention: Mention, roles: RoleLexicon) -> set[str]:
    """Roles given to a whole list of names: 'executive producers A, B and C', 'created by
    A and B', 'written and created by A', 'played by A', 'Executive producers are A and B',
    'a new play by A'."""
    start = _name_list_start(doc, mention.start)
    if start < 2:
        return set()
    before = doc[start - 1].lower_
    if before == "by":
        return _agent_roles(doc, start - 1, roles)
    if before in _LIST_VERBS:
        return _list_roles_ending_at(doc, start - 1, roles)
    if doc[start - 1].is_sent_end or doc[start - 1].is_punct:
        return set()
    return _list_roles_ending_at(doc, start, roles)


def _list_roles_ending_at(doc: Doc, end: int, roles: RoleLexicon) -> set[str]:
    """'executive producers', 'Creators and showrunners' before a list; not the character
    description of 'X as solicitor Y and Z'."""
    role, length = roles.list_phrase_ending_at(doc, end)
    if role is None or (end - length > 0 and doc[end - length - 1].lower_ in ("as", "plays", "playing", "played")):
        return set()
    found = {role}
    joint = end - length - 1
    if joint > 0 and doc[joint].lower_ in ("and", "&", "/"):
        paired, _ = roles.list_phrase_ending_at(doc, joint)
        if paired:
            found.add(paired)
    return found


def _agent_roles(doc: Doc, by: int, roles: RoleLexicon) -> set[str]:
    """'created by', 'written and created by', 'played with gloomy charm by', 'the manga by'."""
    noun = doc[by - 1].lower_
    if noun in roles.agent_nouns:
        return {roles.agent_nouns[noun]}
    found: set[str] = set()
    for token in reversed(doc[max(0, by - _AGENT_VERB_REACH) : by]):
        if token.is_punct or token.is_sent_end:
            break
        role = roles.verb_role(token) if token.tag_ == "VBN" or token.pos_ == "VERB" else None
        if role:
            found.add(role)
        elif not (found and token.lower_ in ("and", "&")) and (found or token.pos_ == "PROPN" or token.tag_ == "VBN"):
            break
    return found


def _role_of_possessed_work(doc: Doc, mention: Mention, roles: RoleLexicon) -> str | None:
    """'Fujimura Aoi's manga', 'Kavanagh's script': the author of the named work."""
    end = mention.end
    if end + 1 >= len(doc) or doc[end].text not in ("'s", "’s"):
        return None
    return roles.agent_nouns.get(doc[end + 1].lower_)


def _paired_role_before(doc: Doc, mention: Mention, roles: RoleLexicon) -> str | None:
    """The first of two joined role phrases: 'creator' in 'creator and writer X'."""
    end = mention.start
    length = roles.phrase_length_ending_at(doc, end)
    joint = end - length - 1
    if not length or joint < 1 or doc[joint].lower_ not in ("and", "&", "/"):
        return None
    return roles.phrase_ending_at(doc, joint)


def _role_before(doc: Doc, mention: Mention, roles: RoleLexicon) -> str | None:
    end = mention.start
    if end > 0 and doc[end - 1].text == ",":
        return _role_in_apposition_before(doc, end - 1, roles)
    if end == 0 or doc[end - 1].is_sent_end:
        return None
    if doc[end - 1].text == "]":  # '[co-star] Tomasz Wójcik'
        return roles.phrase_ending_at(doc, end - 1)
    role = roles.phrase_ending_at(doc, end)
    if role == "director" and end >= 2 and doc[end - 2].ent_type_ == "ORG" and doc[end - 2].text[:1].isupper():
        return "executive"  # 'Rai Fiction director X'
    if role is None and not (mention.end < len(doc) and doc[mention.end].is_lower and doc[mention.end].pos_ == "NOUN"):
        role = _head_of_before(doc, end, roles)  # not 'head of the Abbott family'
    return role


_APPOSITION_REACH = 8


def _role_in_apposition_before(doc: Doc, comma: int, roles: RoleLexicon) -> str | None:
    """ "Channel 4's head of entertainment, X", "Its chief executive, X": a role phrase owned by a
    possessive or determiner, then a comma, then the name."""
    start = comma
    while start > 0 and comma - start < _APPOSITION_REACH:
        previous = doc[start - 1]
        if previous.text in ("'s", "’s") or previous.lower_ in roles.owner_words:
            role = roles.phrase_in(list(doc[start:comma])) if start < comma else None
            return "executive" if role == "director" and previous.lower_ == "its" else role  # 'Its director, X'
        if previous.is_punct or previous.is_space or previous.is_sent_end:
            return None
        start -= 1
    return None


def _head_of_before(doc: Doc, end: int, roles: RoleLexicon) -> str | None:
    """'president of scripted programming X', 'head of Nordic originals X'."""
    for i in range(end - 2, max(-1, end - 2 - _APPOSITION_REACH), -1):
        token = doc[i]
        if token.is_punct or token.is_sent_end:
            return None
        if token.lower_ in roles.heads_of and doc[i + 1].lower_ == "of":
            return "executive"
    return None


def _role_in_apposition(doc: Doc, mention: Mention, roles: RoleLexicon) -> str | None:
    i = mention.end
    if i >= len(doc) or doc[i].text not in (",", "(", "—", "–"):
        return None
    clause = []
    for token in doc[i + 1 : i + 12]:
        if token.text in (",", ")", ".", ";", "—", "–") or token.is_space:
            break
        clause.append(token)
    if not clause:
        return None
    if clause[0].lower_ in ("who", "whose"):
        return _verb_role(clause[1:], roles)
    if clause[0].lower_ in ("the", "a", "an", "its", "his", "her", "their", "our") or clause[0].pos_ in ("NOUN", "ADJ", "PROPN"):
        return roles.phrase_in(clause)
    return None


def _cast_as(doc: Doc, mention: Mention, roles: RoleLexicon) -> str | None:
    """'X as a visiting industrialist' (a cast list entry); 'X as a producer' keeps its role."""
    i = mention.end
    if i + 2 >= len(doc) or doc[i].lower_ != "as" or doc[i + 1].lower_ not in ("a", "an", "the", "his", "her", "their"):
        return None
    words = [t for t in doc[i + 2 : i + 7] if not t.is_punct]
    if not any(t.is_lower and t.is_alpha for t in words[:2]):  # 'as a Treasury official', not 'as the Warden'
        return None
    return roles.phrase_in(words) or "actor"


def _verb_role(tokens: list[Token], roles: RoleLexicon) -> str | None:
    for token in tokens[:4]:
        base = lemma(token).lower()
        if token.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        if base in roles.verbs:
            return roles.verbs[base]
        if base in roles.character_verbs and _plays_someone(token, roles):
            return roles.character_verbs[base]
        if base in roles.object_verbs and _has_work_object(token, roles):
            return roles.object_verbs[base]
        if base in ("be", "serve", "work", "join", "become"):
            return roles.phrase_in(tokens)
    return None


def _plays_someone(verb: Token, roles: RoleLexicon) -> bool:
    """'plays a washed-up TV chef', 'play the night-shift twins'; not 'plays the piano'."""
    return any(
        child.dep_ == "dobj"
        and child.lower_ not in roles.not_characters
        and any(d.dep_ in ("det", "poss") for d in child.children)
        and not any(d.lower_ in roles.figurative for d in child.children)  # 'plays a vital role'
        for child in verb.children
    )


def _has_work_object(verb: Token, roles: RoleLexicon) -> bool:
    for child in verb.subtree:
        if child.dep_ in ("dobj", "pobj", "attr", "compound") and (child.lower_ in roles.work_objects or child.ent_type_ == "WORK_OF_ART"):
            return True
    return False


def _role_from_verb(doc: Doc, mention: Mention, roles: RoleLexicon) -> str | None:
    head_token = doc[mention.end - 1]
    if head_token.dep_ not in ("nsubj", "nsubjpass") and not (head_token.dep_ == "compound" and head_token.head.dep_ == "nsubj"):
        return None
    verb = head_token.head if head_token.dep_.startswith("nsubj") else head_token.head.head
    base = lemma(verb).lower()
    if base in roles.verbs and head_token.dep_ == "nsubj":
        return roles.verbs[base]
    if base in roles.character_verbs and head_token.dep_ == "nsubj" and _plays_someone(verb, roles):
        return roles.character_verbs[base]
    if base in roles.object_verbs and _has_work_object(verb, roles):
        return roles.object_verbs[base]
    if base in ("be", "serve", "remain", "become", "join", "return"):
        attrs = [c for c in verb.children if c.dep_ in ("attr", "prep", "acomp", "dobj") and c.lower_ != "as"]  # not "X as solicitor Y"
        for attr in attrs:
            tokens = [t for t in attr.subtree][:8]
            role = roles.phrase_in(tokens)
            if role:
                return role
    return None


def _role_from_layout(doc: Doc, mention: Mention, roles: RoleLexicon) -> str | None:
    """'By X' bylines make journalists; 'X in Title' captions make actors."""
    block = block_at(doc, doc[mention.start].idx)
    if block is None:
        return None
    before = text_of(doc)[block.start : doc[mention.start].idx].strip().lower()
    after = text_of(doc)[doc[mention.end - 1].idx + len(doc[mention.end - 1]) : block.end]
    if block.kind == BYLINE:
        return byline_role(before)
    if block.kind == HEADING and not before:
        if after.lstrip().startswith(("in ", "as ", "and ")):
            return "actor"
        blocks = doc._.blocks
        if not after.strip() and len(blocks) > 1 and blocks[0].kind == HEADLINE and blocks[1] == block:
            return "journalist"  # a name alone on the line under the headline
    return None


_BYLINE_CUES = sorted(
    ((cue, role) for role, cues in load_data("context.json")["byline_cues"].items() for cue in cues), key=lambda c: -len(c[0])
)


def byline_role(before: str) -> str | None:
    """'journalist' or 'other' for a name in a byline, from the cue that opens the last part
    of the line before it ('Photos by A and B / Text by C')."""
    part = re.split(r"[/|;]", before)[-1].strip()
    for cue, role in _BYLINE_CUES:
        if part == cue or part.startswith(cue + " ") or part.startswith(cue + ","):
            return role
    return None


def _role_in_cast_list(doc: Doc, mention: Mention, roles: RoleLexicon) -> str | None:
    """'starring X, Y and Z', 'co-stars X and Y'."""
    i = mention.start
    while i > 0:
        previous = doc[i - 1]
        if previous.lower_ in roles.actor_markers:
            return "actor"
        if previous.text in (",", "and", "&") or previous.ent_type_ == "PERSON" or previous.text in ("'s", "’s") and i >= 2:
            i -= 1
            continue
        return None
    return None


def org_role(doc: Doc, mention: Mention, lexicon: Lexicon) -> str:
    """The lexicon's role for a known organisation, else one read from its context
    (``context.json``: org_role_context, org_role_name_endings, network_name_words)."""
    if mention.role:
        return mention.role
    block = block_at(doc, doc[mention.start].idx)
    if block is not None and block.kind == BYLINE:
        return "outlet"  # 'By Corentin Abiodun-Reyes, ScreenHaven'
    lowers = lowers_of(doc)
    words = set(lowers[max(0, mention.start - 3) : mention.start]) | set(lowers[mention.end : mention.end + 2])
    name = doc[mention.start : mention.end].text
    context, endings = lexicon.org_role_context, lexicon.org_role_endings
    if words & context["network"]:
        return "network"
    if words & context["studio"] or name.endswith(endings["studio"]):
        return "studio"
    words_of_name = name.split()
    network_name = any(w in lexicon.network_name_words for w in words_of_name) or name[-1:].isdigit() or name.endswith("+")
    if network_name and words_of_name[-1] not in lexicon.event_suffixes:
        return "network"
    if words & context["outlet"]:
        return "outlet"
    if words & context["agency"] or name.endswith(endings["agency"]):
        return "agency"
    if name.endswith(endings["outlet"]):
        return "outlet"
    return "other"


def work_role(doc: Doc, mentions: list[Mention], lexicon: Lexicon) -> str:
    """'film' when the title's sentences speak of films, else 'series'."""
    film = series = 0
    for mention in mentions:
        sentence = sentence_of(doc[mention.start])
        words = {t.lower_ for t in sentence}
        film += len(words & lexicon.film_words)
        series += len(words & lexicon.series_words)
    return "film" if film > series else "series"
