"""Merging the mentions of one person, character, work or organisation.

Names are compared as token tuples, case- and hyphen-insensitively, so "Lee Do-hyun" and
"Lee Do Hyun" are the same name. A shorter mention ("Lee", "Gil-ho") joins the one
cluster whose full name contains it as a contiguous run of tokens; when two clusters
could take it (two people called Lee) it joins neither.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..data import load as load_data

_SPLIT = re.compile(r"[\s\-‐‑–]+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_CONTEXT = load_data("context.json")
_HONORIFIC = re.compile(r"-(?:" + "|".join(_CONTEXT["name_honorific_suffixes"]) + r")$", re.IGNORECASE)
_HONORIFIC_WORDS = frozenset(_CONTEXT["name_honorific_words"])  # 'Nermin Hanım'
_ORG_SUFFIXES = {w.lower() for w in _CONTEXT["org_suffixes"]} | {w.lower() for w in _CONTEXT["org_regional_arms"]}
_TITLES = {t.lower().rstrip(".") for t in _CONTEXT["character_titles"]} | {w.lower() for w in _CONTEXT["name_title_roles"]}


@lru_cache(maxsize=65536)
def name_key(name: str) -> tuple[str, ...]:
    """The comparison form of a name: lowercase tokens, no hyphens or possessive."""
    name = _POSSESSIVE.sub("", name.strip())
    name = _HONORIFIC.sub("", name)
    name = unicodedata.normalize("NFKC", name).lower().replace(".", "")
    if not name.isascii():  # 'Ōtsuki' and 'Otsuki' are one name
        name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    name = re.sub(r"[:,!?\"“”()]", " ", name)
    tokens = tuple(t for t in _SPLIT.split(name) if t)
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[0] in _TITLES:  # "Sheriff Dale Whitaker", "Director Ahn Gil Ho"
        tokens = tokens[1:]
    if len(tokens) > 1 and tokens[-1] in _HONORIFIC_WORDS:
        tokens = tokens[:-1]
    return tokens


def has_title(surface: str) -> bool:
    first = surface.split()[0].lower().rstrip(".") if surface.split() else ""
    return len(surface.split()) > 1 and first in _TITLES


def strip_titles(surface: str) -> str:
    """'Graf Konstantin von Grauwald' -> 'Konstantin von Grauwald' (titles are not names)."""
    words = surface.split()
    while len(words) > 2 and words[0].lower().rstrip(".") in _TITLES:
        words = words[1:]
    return " ".join(words)


def strip_possessive(name: str) -> str:
    return _POSSESSIVE.sub("", name.strip())


def contains_run(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return 0 < n < len(full) and any(full[i : i + n] == part for i in range(len(full) - n + 1))


@dataclass
class Cluster:
    """The mentions of one thing, by type."""

    type: str
    key: tuple[str, ...]
    surfaces: Counter[str] = field(default_factory=Counter)
    mentions: list[int] = field(default_factory=list)  # indexes into the mention list
    first: int = 0
    seen: list[tuple[int, str]] = field(default_factory=list)  # (mention index, surface)

    @property
    def name(self) -> str:
        longest = max(len(name_key(s)) for s in self.surfaces)
        full = [s for s in self.surfaces if len(name_key(s)) == longest]
        first_seen = {surface: index for index, surface in sorted(self.seen, reverse=True)}
        best = min(full, key=lambda s: (has_title(s), first_seen[s]))
        return strip_titles(best) if self.type in ("PERSON", "CHARACTER") else best

    @property
    def aliases(self) -> list[str]:
        name = self.name
        return [s for s in self.surfaces if s != name]


def cluster_names(names: list[tuple[str, str]], same_as: list[tuple[str, str]] | None = None) -> list[Cluster]:
    """Group ``(surface, type)`` mentions into clusters; returns clusters in first-mention order.

    PERSON and CHARACTER names share one namespace, so a character's given name never
    merges into an actor who happens to share it, and vice versa: the type of the cluster
    holding the full name wins.
    """
    order = sorted(range(len(names)), key=lambda i: (-len(name_key(names[i][0])), i))
    clusters: list[Cluster] = []
    for index in order:
        surface, type_ = names[index]
        key = name_key(surface)
        if not key:
            continue
        target = _find_cluster(clusters, key, type_)
        if target is None:
            target = Cluster(type=type_, key=key, first=index)
            clusters.append(target)
        target.surfaces[strip_possessive(surface)] += 1
        target.seen.append((index, strip_possessive(surface)))
        target.mentions.append(index)
        target.first = min(target.first, index)
    for first, second in same_as or []:
        clusters = _merge(clusters, name_key(first), name_key(second))
    return sorted(clusters, key=lambda c: c.first)


def _merge(clusters: list[Cluster], key: tuple[str, ...], other: tuple[str, ...]) -> list[Cluster]:
    """Join the cluster holding ``other`` into the one holding ``key`` (a title and its translation)."""
    keep = next((c for c in clusters if c.key == key), None) or next((c for c in clusters if key in map(name_key, c.surfaces)), None)
    gone = next((c for c in clusters if c.key == other), None) or next((c for c in clusters if other in map(name_key, c.surfaces)), None)
    if keep is None or gone is None or keep is gone or keep.type != gone.type:
        return clusters
    keep.surfaces.update(gone.surfaces)
    keep.seen += gone.seen
    keep.mentions += gone.mentions
    keep.first = min(keep.first, gone.first)
    return [c for c in clusters if c is not gone]


def _family(type_: str) -> str:
    return "PERSONLIKE" if type_ in ("PERSON", "CHARACTER") else type_


def _find_cluster(clusters: list[Cluster], key: tuple[str, ...], type_: str) -> Cluster | None:
    same = [c for c in clusters if _family(c.type) == _family(type_)]
    exact = [c for c in same if c.key == key or (_family(type_) == "PERSONLIKE" and _same_person_key(c.key, key))]
    if exact:
        return exact[0]
    if type_ == "ORG":
        partial = [c for c in same if c.key[: len(key)] == key and set(c.key[len(key) :]) <= _ORG_SUFFIXES]
        return partial[0] if len(partial) == 1 else None
    if _family(type_) != "PERSONLIKE" and type_ != "WORK":
        return None
    partial = [c for c in same if contains_run(c.key, key) or (_family(type_) == "PERSONLIKE" and _skips_middle(c.key, key))]
    if type_ == "WORK":
        partial = [c for c in partial if _is_title_part(c.key, key)]
    return partial[0] if len(partial) == 1 else None


def _skips_middle(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """'Liam Kavanagh' of 'Liam "Spud" Kavanagh', 'Candela Aranguren' of 'Candela Ribas
    Aranguren': the same first and last words around a dropped nickname or middle name."""
    return len(part) == 2 and len(full) == 3 and full[0] == part[0] and full[-1] == part[-1]


def _same_person_key(key: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """'Lee Dohyun' / 'Lee Do Hyun'; 'Mizushima Kaede' / 'Kaede Mizushima' (family name first or last)."""
    return "".join(key) == "".join(other) or (len(key) == 2 and key == other[::-1])


def _is_title_part(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """'Rings of Power' in 'Lord of the Rings: The Rings of Power' (a subtitle)."""
    return len(part) >= 2 and full[-len(part) :] == part


def occurrences(text: str, name: str, suffix: re.Pattern[str] | None = None) -> Iterator[tuple[int, int]]:
    """Character spans of ``name`` as a whole word in ``text`` (not inside a longer word or
    hyphenated compound), extended by an optional ``suffix`` ('-san') that follows it.

    The same matches as a ``(?<![\\w-])name(?:suffix)?(?![\\w-])`` regex, without compiling
    one regex per name.
    """
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        if not (start and _word_char(text[start - 1])):
            extended = suffix.match(text, end) if suffix else None
            if extended and not _word_char_at(text, extended.end()):
                yield start, extended.end()
                start = text.find(name, extended.end())
                continue
            if not _word_char_at(text, end):
                yield start, end
                start = text.find(name, end)
                continue
        start = text.find(name, start + 1)


def _word_char(char: str) -> bool:
    return char.isalnum() or char in "_-"


def _word_char_at(text: str, i: int) -> bool:
    return i < len(text) and _word_char(text[i])
