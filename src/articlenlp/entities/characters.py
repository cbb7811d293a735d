"""Telling fictional characters from the people who play them.

Patterns, each anchored on a PERSON mention X and a name Y next to it:
"X plays Y", "X, who portrays Y", "X stars as Y", "X as Y", "Y (X)", "X's Y",
"Y, played by X", "the character Y". Every match makes Y a CHARACTER, X an actor,
and records X -> Y in ``plays``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ..data import load as load_data
from ..layout import lowers_of
from .aliases import name_key
from .mentions import Mention, is_capitalised

_PLAY_VERBS = {
    "play",
    "plays",
    "played",
    "playing",
    "portray",
    "portrays",
    "portrayed",
    "portraying",
    "voice",
    "voices",
    "voiced",
    "voicing",
}
_AS_VERBS = {"stars", "starred", "starring", "cast", "returns", "returning", "returned", "appears", "appeared", "reprises", "reprising"}
_PLAYED_BY = {"played", "portrayed", "voiced"}
_CONTEXT = load_data("context.json")
_PERFORMANCE_NOUNS = set(_CONTEXT["performance_nouns"])  # "X's turn as Y"
_NAMING_WORDS = set(_CONTEXT["naming_words"])  # "a cockatoo named Y"
_NOT_PLAYING = set(_CONTEXT["nickname_cues"])
_TEAM_ENDINGS = set(_CONTEXT["team_name_endings"])
_CHARACTER_NOUNS = {"character", "characters", "role", "protagonist", "antagonist", "villain", "heroine", "hero", "alter"}


@dataclass(frozen=True)
class PlaysLink:
    actor: Mention
    character: tuple[int, int]  # token span of the character name


def _name_run(doc: Doc, start: int, taken: dict[int, Mention]) -> tuple[int, int] | None:
    """A capitalised name starting at ``start`` (joined by hyphens), not an ORG or WORK."""
    if start >= len(doc) or not is_capitalised(doc[start]) or not doc[start].is_alpha:
        return None
    mention = taken.get(start)
    if mention is not None:
        usable = mention.type in ("PERSON", "CHARACTER") or mention.source == "ner"
        return (mention.start, mention.end) if usable else None
    end = start
    while end < len(doc) and end - start < 5:
        token = doc[end]
        joined_hyphen = token.text == "-" and not token.whitespace_ and not doc[end - 1].whitespace_
        if joined_hyphen or (is_capitalised(token) and token.is_alpha) or (end > start and doc[end - 1].text == "-" and token.is_alpha):
            end += 1
            if "\n" in token.whitespace_:
                break
            continue
        break
    if doc[start].pos_ not in ("PROPN", "NOUN", "ADJ", "X") or doc[start].ent_type_ in ("DATE", "TIME"):
        return None
    return (start, end) if end > start else None


def find_plays(
    doc: Doc, mentions: list[Mention], titles: frozenset[tuple[str, ...]], role_words: set[str] | None = None
) -> list[PlaysLink]:
    """Actor -> character links found by the patterns in this module's docstring.

    A name that starts with a role word ('as Executive Producer') is no character."""
    taken = {i: m for m in mentions for i in range(m.start, m.end)}
    role_words = role_words or set()
    links = []
    for mention in mentions:
        if mention.type != "PERSON" and not (mention.type in ("ORG", "WORK") and mention.source == "ner"):
            continue
        for character in _characters_after(doc, mention, taken, titles) + _characters_before(doc, mention, taken, titles):
            if doc[character[0]].lower_ in role_words or (character[0] < mention.end and mention.start < character[1]):
                continue
            if doc[character[1] - 1].text in _TEAM_ENDINGS or doc[mention.end - 1].text in _TEAM_ENDINGS:
                continue
            if name_key(doc[character[0] : character[1]].text) != name_key(
                doc[mention.start : mention.end].text
            ):  # not 'also written as Y'
                links.append(PlaysLink(mention, character))
    return links


_AS_WINDOW = 12


def _characters_after(doc: Doc, actor: Mention, taken: dict[int, Mention], titles: frozenset[tuple[str, ...]]) -> list[tuple[int, int]]:
    """'X plays Y', 'X's Y', 'X, who portrays Y', 'X returns as Y', 'X reprises her role as Y'."""
    i = actor.end
    if i >= len(doc):
        return []
    if doc[i].text in ("'s", "’s"):
        if actor.type != "PERSON":
            return []
        if i + 2 < len(doc) and doc[i + 1].lower_ in _PERFORMANCE_NOUNS and doc[i + 2].lower_ == "as":  # "X's turn as Y"
            run = _name_run(doc, _skip_titles(doc, i + 3, titles), taken)
            return [run] if run else []
        run = _name_run(doc, i + 1, taken)  # "X's co-star Y" has a description first: not a character
        return [run] if run else []
    if doc[i].text == ",":
        i += 1
        if i + 1 < len(doc) and doc[i].like_num and doc[i + 1].text == ",":  # "X, 31, plays Y"
            i += 2
        if i + 1 < len(doc) and doc[i].lower_ == "whose" and actor.type == "PERSON":  # "X, whose Y was left in a coma"
            run = _name_run(doc, i + 1, taken)
            if run and doc[run[0]].pos_ == "PROPN":
                return [run]
    for j in range(i, min(i + _AS_WINDOW, len(doc))):
        token = doc[j]
        if token.lower_ in _PLAY_VERBS and not (j + 1 < len(doc) and doc[j + 1].lower_ == "by"):
            run = _name_run(doc, _skip_titles(doc, _skip_determiner(doc, j + 1), titles), taken)
            return [run] if run else []
        if token.lower_ in _NOT_PLAYING:  # "X, known to fans as Y": a nickname
            return []
        if token.lower_ == "as":
            run = _name_run(doc, _skip_titles(doc, j + 1, titles), taken)
            return [run] if run else []
        attached_hyphen = token.text == "-" and not token.whitespace_ and not doc[j - 1].whitespace_  # "co-stars as"
        if (token.is_punct and not attached_hyphen) or token.is_space or token.i in taken:
            return []
    return []


def _skip_titles(doc: Doc, i: int, titles: frozenset[tuple[str, ...]]) -> int:
    """Past honorifics and descriptions before a character's name.

    'DS', 'Lady', 'the smuggler', 'would-be boxer', 'her Danish-American son-in-law',
    'the hospital's newly arrived administrator,'.
    """
    described = False
    for _ in range(_MAX_DESCRIPTION):
        if i >= len(doc):
            return i
        token = doc[i]
        matched = next(
            (len(t) for t in _longest_first(titles) if t[0] == token.text and tuple(x.text for x in doc[i : i + len(t)]) == t), 0
        )
        following = doc[i + 1] if i + 1 < len(doc) else None
        if matched:
            i += matched
        elif token.lower_ in _NAMING_WORDS and described:  # "a cockatoo named Y"
            return i + 1
        elif (
            (token.is_lower and token.is_alpha and (token.pos_ not in ("ADP", "SCONJ", "CCONJ") or _after_joined_hyphen(doc, i)))
            or token.text in ("-", "'s", "’s")
            or token.ent_type_ == "NORP"
        ):
            described = True
            i += 1
        elif adjective_end := _hyphenated_adjective_end(doc, i):  # "her Danish-American son-in-law Y"
            described = True
            i = adjective_end
        elif token.text[:1].isupper() and (possessive_end := _possessive_name_end(doc, i)):  # "as Margaux's sister", "Mei-ling's father"
            described = True
            i = possessive_end
        elif (
            following is not None
            and token.text[:1].isupper()
            and following.is_lower
            and following.is_alpha
            and following.pos_ in ("NOUN", "ADJ")
            and (described or i + 2 < len(doc) and doc[i + 2].is_lower)
        ):  # "the Hausa trader Y", "a Diné guide named Y"
            described = True
            i += 1
        elif (
            described
            and token.text[:1].isupper()
            and following is not None
            and following.text == ","
            and i + 2 < len(doc)
            and doc[i + 2].text[:1].isupper()
            and doc[i + 2].is_alpha
        ):
            return i + 2  # "the youngest Fenwick, Rohan"
        elif token.lower_ == "of" and described and following is not None and following.is_lower and following.is_alpha:
            i += 1  # "her chief of staff, Y"
        elif token.text in (",", "and") and described and following is not None and following.is_lower and following.is_alpha:
            i += 1  # "the title character, the barrister Y", "his niece and successor, Y"
        elif token.text == "," and described and following is not None and following.text[:1].isupper():
            i += 1  # "Adaeze's rival, Senior Advocate Y": titles may follow the comma
            described = False
        else:
            return i
    return i


_MAX_DESCRIPTION = 10


def _after_joined_hyphen(doc: Doc, i: int) -> bool:
    """'in' of 'son-in-law'."""
    return i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_


def _hyphenated_adjective_end(doc: Doc, i: int) -> int:
    """Index after 'Danish-American' or 'Korean-born' when a lowercase word follows; 0 if none."""
    j = i
    while j + 2 < len(doc) and doc[j].is_alpha and doc[j + 1].text == "-" and not doc[j + 1].whitespace_ and not doc[j].whitespace_:
        j += 2
    if j == i or j >= len(doc) or not doc[j].is_alpha:
        return 0
    return j + 1 if j + 1 < len(doc) and doc[j + 1].is_lower and doc[j + 1].is_alpha else 0


def _possessive_name_end(doc: Doc, i: int) -> int:
    """Index after the possessive of a (hyphen-joined) name starting at ``i``; 0 if none."""
    j = i + 1
    while j + 1 < len(doc) and doc[j].text == "-" and not doc[j].whitespace_ and doc[j + 1].is_alpha:
        j += 2
    return j + 1 if j < len(doc) and doc[j].text in ("'s", "’s") else 0


@lru_cache(maxsize=8)
def _longest_first(titles: frozenset[tuple[str, ...]]) -> list[tuple[str, ...]]:
    return sorted(titles, key=len, reverse=True)


def _skip_determiner(doc: Doc, i: int) -> int:
    if i < len(doc) and doc[i].lower_ in ("the", "a") and i + 1 < len(doc) and doc[i + 1].lower_ in _CHARACTER_NOUNS:
        i += 2
        if i < len(doc) and doc[i].lower_ == "of":
            i += 1
    return i


def _characters_before(doc: Doc, actor: Mention, taken: dict[int, Mention], titles: frozenset[tuple[str, ...]]) -> list[tuple[int, int]]:
    """'Y (X)' and 'Y, played by X'."""
    start = actor.start
    bracket = _bracket_open_before(doc, start)
    if bracket is not None and actor.end < len(doc) and doc[actor.end].text in (")", ","):
        if doc[actor.end].text == ")" or _closes_bracket(doc, actor.end):
            run = _run_ending_at(doc, bracket, taken, titles)
            return [run] if run else []
    by = start - 1
    while (
        by > 0
        and start - by <= _MAX_DESCRIPTION
        and ((doc[by].is_lower and doc[by].lower_ != "by") or doc[by].ent_type_ == "NORP" or (doc[by].is_title and doc[by + 1].is_lower))
    ):
        by -= 1  # "played by the veteran Egyptian actor X"
    verb = _played_verb_before(doc, by) if by >= 2 and doc[by].lower_ == "by" else None
    if verb is not None:
        if doc[verb - 1].text == ",":
            run = _run_ending_at(doc, verb - 1, taken, titles)
            if run:
                return [run]
        run = _named_before(doc, verb, taken, titles)
        if run is None and doc[verb - 1].lower_ in ("is", "was", "be", "being", "been"):
            run = _run_ending_at(doc, verb - 1, taken, titles)  # "Valeria is played by X"
        return [run] if run else []
    return []


_PLAYED_BY_REACH = 16
_BRACKET_DESCRIPTION = 4


def _played_verb_before(doc: Doc, by: int) -> int | None:
    """'played by', 'played with wonderful economy by': the index of the verb."""
    for i in range(by - 1, max(0, by - 7), -1):
        if doc[i].lower_ in _PLAYED_BY:
            return i
        if not (doc[i].is_lower and doc[i].is_alpha):
            return None
    return None


def _bracket_open_before(doc: Doc, start: int) -> int | None:
    """Index of the '(' that opens 'Y (X)' or 'Y (a ferocious X)'; None if there is none."""
    i = start - 1
    while i >= 0 and start - i <= _BRACKET_DESCRIPTION and doc[i].is_lower and doc[i].is_alpha:
        i -= 1
    if i >= 1 and doc[i].text == "(" and (i == start - 1 or doc[i + 1].lower_ in ("a", "an", "the")):
        return i
    return None


def _closes_bracket(doc: Doc, comma: int) -> bool:
    """'(X, enjoying himself enormously)': a short comment closes the bracket."""
    for token in doc[comma + 1 : comma + 10]:
        if token.text == ")":
            return True
        if token.text in ("(", "\n") or token.is_sent_end:
            return False
    return False


def _named_before(doc: Doc, verb: int, taken: dict[int, Mention], titles: frozenset[tuple[str, ...]]) -> tuple[int, int] | None:
    """The nearest person-like name before 'played by' in its sentence: 'Y, the stubborn
    matriarch played by X', 'Y is played by X', 'Y, who appeared in flashbacks played by X'."""
    for i in range(verb - 1, max(-1, verb - _PLAYED_BY_REACH), -1):
        token = doc[i]
        if token.is_sent_start and i not in taken:
            return None
        mention = taken.get(i)
        if mention is not None and (mention.type in ("PERSON", "CHARACTER") or mention.source == "ner"):
            if mention.end < len(doc) and doc[mention.end].text in ("'s", "’s"):
                continue  # "Y's mother, played by X": the mother is unnamed
            return mention.start, mention.end
        if token.text == "," and i > 0 and doc[i - 1].is_title and doc[i - 1].is_alpha and i - 1 not in taken:
            return _run_ending_at(doc, i, taken, titles)  # "Perpetua Vane, the duchess played by X"
        if token.is_sent_start:
            return None
    return None


def _run_ending_at(doc: Doc, end: int, taken: dict[int, Mention], titles: frozenset[tuple[str, ...]]) -> tuple[int, int] | None:
    mention = taken.get(end - 1)
    if mention is not None:
        return (mention.start, mention.end) if mention.type in ("PERSON", "CHARACTER") or mention.source == "ner" else None
    start = end
    while start > 0 and end - start < 5 and (is_capitalised(doc[start - 1]) and doc[start - 1].is_alpha or doc[start - 1].text == "-"):
        start -= 1
    while start < end - 1 and (doc[start].text,) in titles:  # 'Commander Ilse Varga (X)'
        start += 1
    return _name_run(doc, start, taken) if start < end else None


def character_cue_names(
    doc: Doc, mentions: list[Mention], titles: frozenset[tuple[str, ...]], role_words: set[str]
) -> list[tuple[int, int]]:
    """Names introduced as characters, with or without the actor in view: 'the character Y',
    'the role of Y', 'who plays put-upon conductor Y', 'is back as night nurse Y',
    'The series follows Y'."""
    taken = {i: m for m in mentions for i in range(m.start, m.end)}
    found = []
    lowers = lowers_of(doc)
    for i, lower in enumerate(lowers):
        if lower in _CHARACTER_NOUNS and i + 1 < len(doc):
            start = i + 2 if lowers[i + 1] == "of" else i + 1
            run = _name_run(doc, start, taken)
        elif (lower in _PLAY_VERBS and doc[i].pos_ == "VERB" and i + 1 < len(doc) and lowers[i + 1] != "by") or (
            lower == "as" and i > 0 and lowers[i - 1] in _BACK_AS
        ):
            run = _described_character(doc, i + 1, taken, titles, role_words)
        elif lower in _PLOT_FIRST_WORDS:
            run = _plot_character(doc, i, taken, titles, lowers, role_words)
        else:
            continue
        if run and doc[run[1] - 1].text not in _TEAM_ENDINGS:
            found.append(run)
    return found


_BACK_AS = frozenset(_CONTEXT["character_return_words"])
_PLOTS = [tuple(phrase.split()) for phrase in _CONTEXT["plot_verbs"]]
_PLOT_FIRST_WORDS = {phrase[0] for phrase in _PLOTS}
_PLOT_SUBJECTS = set(_CONTEXT["plot_subjects"])
_NOT_FICTION = set(_CONTEXT["not_fiction_words"])


def _described_character(
    doc: Doc, start: int, taken: dict[int, Mention], titles: frozenset[tuple[str, ...]], role_words: set[str]
) -> tuple[int, int] | None:
    """The name after 'plays' or 'back as' when a description or a title comes first ('plays
    parks director Y'), or a name of two words or more that is no organisation ('plays Y Z');
    not a person introduced by their job ('as voice actor Y')."""
    name_start = _skip_titles(doc, _skip_determiner(doc, start), titles)
    run = _name_run(doc, name_start, taken)
    if run is None or (name_start > 0 and doc[name_start - 1].lower_ in role_words):
        return None
    mention = taken.get(run[0])
    if mention is not None and mention.type in ("ORG", "WORK"):
        return None  # 'plays Manchester United on Saturday'
    return run if name_start > start or run[1] - run[0] >= 2 else None


def _plot_character(
    doc: Doc, i: int, taken: dict[int, Mention], titles: frozenset[tuple[str, ...]], lowers: list[str], role_words: set[str]
) -> tuple[int, int] | None:
    """'The series follows Y, a young archivist', 'It centres on Y': the name after a plot verb
    whose sentence speaks of a work of fiction."""
    phrase = next((p for p in _PLOTS if tuple(lowers[i : i + len(p)]) == p), None)
    if phrase is None:
        return None
    sentence = doc[i].sent
    before = lowers[sentence.start : i]
    titled = any(m.type == "WORK" for j in range(sentence.start, i) if (m := taken.get(j)) is not None)
    if not (titled or _PLOT_SUBJECTS & set(before)) or _NOT_FICTION & set(lowers[sentence.start : sentence.end]):
        return None
    return _described_character(doc, i + len(phrase), taken, titles, role_words)
