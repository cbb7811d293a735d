"""Finding mentions of people, works and organisations in a parsed Doc.

Each finder returns ``Mention`` candidates; ``find_mentions`` resolves overlaps by
priority and then propagates every confirmed name to all of its other occurrences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.attrs import DEP, POS  # type: ignore[attr-defined]
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import PROPN, nsubj  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span, Token

from ..data import load as load_data
from ..layout import BYLINE, HEADING, HEADLINE, block_at, lowers_of, text_of
from ..lemmas import lemma
from ..quotes.scanner import scan_doc_quotes
from ..types import PERSON_ROLES
from .aliases import occurrences

# Higher wins when two candidates overlap.
# Word lists in roles.json that qualify a role rule rather than name a role.
NOT_ROLE_LISTS = frozenset(
    {"play_not_characters", "director_of_not_executive", "figurative_role_adjectives", "list_side_notes", "list_verbs"}
)
PRIORITY = {"pattern": 4, "lexicon": 3, "ner": 2, "shape": 1, "propagated": 0}
_POSSESSIVE = ("'s", "’s", "'", "’")
_SEASON_MODIFIERS = {
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "final",
    "last",
    "new",
    "latest",
    "next",
    "upcoming",
    "sophomore",
    "debut",
    "previous",
    "current",
    "recent",
    "most",
}
_SEASON_WORDS = {"season", "seasons", "series", "part", "parts", "episode", "episodes", "volume"}
_NOT_NAMES = {
    "season",
    "series",
    "episode",
    "part",
    "chapter",
    "volume",
    "the",
    "a",
    "an",
    "i",
    "we",
    "he",
    "she",
    "they",
    "it",
    "this",
    "that",
    "netflix",
    "according",
    "meanwhile",
    "however",
    "following",
    "given",
    "despite",
    "while",
    "after",
    "before",
    "when",
    "if",
    "but",
    "and",
    "mr",
    "mrs",
    "ms",
    "dr",
}
_CALENDAR_WORDS = frozenset(load_data("context.json")["calendar_words"])
_NOT_NAMES |= _CALENDAR_WORDS - {"may"}  # "May" is also a given name
_NOT_NAMES |= set(load_data("context.json")["not_names"])
_HEADLINE_VERBS = frozenset(load_data("context.json")["headline_verbs"])
_POST_NOMINALS = frozenset(load_data("context.json")["post_nominals"])


@dataclass
class Mention:
    """A candidate mention: a token span with a type and the evidence that found it."""

    start: int  # token index
    end: int  # token index, exclusive
    type: str
    source: str
    role: str | None = None

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


class Lexicon:
    """Organisation names and context words, from the package data files."""

    def __init__(self, nlp: Language) -> None:
        orgs = load_data("organisations.json")
        context = load_data("context.json")
        self.org_roles: dict[str, str] = {}
        for role in ("network", "studio", "outlet", "agency", "other"):
            for name in orgs[role]:
                self.org_roles.setdefault(name, role)
        self.ambiguous = set(orgs["ambiguous"])
        self.short_forms: dict[str, list[str]] = orgs["short_forms"]
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher.add("ORG", [nlp.make_doc(name) for name in self.org_roles])
        self.org_heads = set(context["org_heads"])
        self.org_suffixes = set(context["org_suffixes"])
        self.work_cues_after = set(context["work_cues_after"])
        self.weak_work_cues_after = set(context["work_cues_after_weak"])
        self.work_heads_before = set(context["work_heads_before"])
        self.verb_heads = set(context["work_heads_also_verbs"])
        self.work_verbs_before: dict[str, list[tuple[str, ...]]] = {}
        for phrase in context["work_verbs_before"]:  # indexed by last word
            words = tuple(phrase.split())
            self.work_verbs_before.setdefault(words[-1], []).append(words)
        self.film_words = set(context["work_film_words"])
        self.character_cues = set(context["character_cues"])
        self.function_words = set(context["function_words"])
        self.character_titles = frozenset(tuple(t.split()) for t in context["character_titles"])
        self.org_extensions = set(context["org_name_extensions"])
        self.fate_verbs = set(context["work_fate_verbs"])
        self.org_prefixes = set(context["org_prefixes"])
        self.not_orgs = set(context["not_organisations"])
        roles = load_data("roles.json")
        self.title_words = {t.lower().rstrip(".") for t in context["character_titles"] + context["name_title_roles"]} | {
            phrase
            for key, words in roles.items()
            if isinstance(words, list) and key not in NOT_ROLE_LISTS
            for phrase in words
            if " " not in phrase
        }
        # capitalised role words that head a name ('Showrunner X', 'Councilmember X'): not part of it
        self.leading_titles = {t.lower() for t in context["name_title_roles"]} | {
            phrase
            for role, words in roles.items()
            if role in PERSON_ROLES and isinstance(words, list)
            for phrase in words
            if " " not in phrase
        }
        self.compound_suffixes = set(context["compound_suffixes"])
        self.network_name_words = set(context["network_name_words"])
        self.event_suffixes = set(context["event_suffixes"])
        self.award_openers = set(context["award_category_openers"])
        self.venue_words = set(context["venue_words"])
        self.place_prepositions = set(context["place_prepositions"])
        self.person_place_prepositions = set(context["person_place_prepositions"])
        self.org_heads_before: dict[str, str] = context["org_heads_before"]
        self.outlet_cues_before = set(context["outlet_cues_before"])
        self.org_role_context = {role: frozenset(words) for role, words in context["org_role_context"].items()}
        self.org_role_endings = {role: tuple(words) for role, words in context["org_role_name_endings"].items()}
        self.series_words = frozenset(context["work_series_words"])


def is_capitalised(token: Token) -> bool:
    text = token.text
    return bool(text) and (text[0].isupper() or (text[0].isdigit() and token.i > 0)) and (text.lower() not in ("i",))


def _is_name_token(token: Token) -> bool:
    return token.text[:1].isupper() and token.text.lower().strip(".") not in _NOT_NAMES


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop possessives, punctuation and whitespace at the edges of a span."""
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def _after_hyphen(token: Token) -> bool:
    """'hyun' in 'Do-hyun'."""
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_


def title_run(doc: Doc, start: int, lexicon: Lexicon, limit: int = 12) -> int:
    """End of a title-case run starting at token ``start`` (exclusive); ``start`` if none."""
    end = start
    i = start
    while i < len(doc) and i - start < limit:
        token = doc[i]
        if token.is_space or "\n" in token.whitespace_:
            if is_capitalised(token) and i >= start:
                end = i + 1
            break
        if is_capitalised(token) and not _season_marker(doc, i):
            end = i + 1
        elif token.text == "," and not (i + 1 < len(doc) and is_capitalised(doc[i + 1]) and doc[i + 1].text != "The"):
            break  # "X, the BBC Two comedy": an apposition, not part of the title
        elif token.lower_ in _TITLE_BOUNDARY_PREPOSITIONS and _outside_title(doc, i + 1, lexicon):
            break  # "X in April", "X from Max", "X at the Academy Museum"
        elif token.text in (":", ",", "&", "-", "'", "’", "!", "?") or token.lower_ in lexicon.function_words:
            if token.text in ("!", "?"):
                end = i + 1
        else:
            break
        i += 1
    return end


def _season_marker(doc: Doc, i: int) -> bool:
    """'Season' in 'X Season 2' or 'X Series' at a run's end, not 'Seasons' in 'Four Seasons on
    Minsheng Road'."""
    if doc[i].lower_ not in _SEASON_WORDS:
        return False
    following = doc[i + 1] if i + 1 < len(doc) else None
    return following is None or following.like_num or not (is_capitalised(following) or following.lower_ in ("of", "on", "in", "at"))


_TITLE_BOUNDARY_PREPOSITIONS = frozenset(load_data("context.json")["title_boundary_prepositions"])


def _outside_title(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    """What follows a preposition is a date, a known organisation or a venue or event,
    so the title ended before the preposition."""
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
        if i < len(doc) and doc[i].ent_type_ in ("GPE", "LOC"):
            return True  # "Walter Presents in the UK"
    if i >= len(doc) or not is_capitalised(doc[i]):
        return False
    if doc[i].lower_ in _CALENDAR_WORDS or doc[i].text in lexicon.org_roles:
        return True
    end = i
    while end < len(doc) and end - i < 6 and is_capitalised(doc[end]) and "\n" not in doc[end].whitespace_:
        end += 1
    last = doc[end - 1].text
    return end - i >= 2 and (last in lexicon.event_suffixes or last in lexicon.venue_words or last in lexicon.org_suffixes)


def _title_run_back(doc: Doc, end: int, lexicon: Lexicon, limit: int = 12) -> int:
    """Start of a title-case run ending at token ``end`` (exclusive); ``end`` if none."""
    start = end
    i = end - 1
    while i >= 0 and end - i <= limit:
        token = doc[i]
        if token.is_space or "\n" in token.whitespace_ and i != end - 1:
            break
        if is_capitalised(token) and token.text.lower() not in _SEASON_WORDS:
            if token.is_sent_start and token.text != "The" and token.pos_ != "PROPN" and start < end:
                break
            start = i
            if token.is_sent_start or token.text == "The":
                break
        elif token.text in (":", "&", "-") or (token.lower_ in lexicon.function_words and token.lower_ != "the"):
            pass
        elif token.lower_ == "the":
            if token.text == "The":
                start = i
            break
        else:
            break
        i -= 1
    return start


def _lexicon_mentions(doc: Doc, lexicon: Lexicon) -> Iterator[Mention]:
    for _, start, end in lexicon.matcher(doc):
        name = doc[start:end].text
        if name in lexicon.ambiguous and not _has_org_context(doc, start, end, lexicon):
            continue
        if start > 0 and doc[start - 1].text[:1].isupper() and not doc[start - 1].is_sent_start and name in lexicon.ambiguous:
            continue
        while end < len(doc) and doc[end].text in lexicon.org_extensions and "\n" not in doc[end - 1].whitespace_:
            end += 1
        extended = doc[start:end].text  # 'BBC News' is an outlet, though 'BBC' is a network
        yield Mention(start, end, "ORG", "lexicon", lexicon.org_roles.get(extended, lexicon.org_roles[name]))


def _has_org_context(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    before = doc[start - 1].lower_ if start > 0 else ""
    after = doc[end].lower_ if end < len(doc) else ""
    if all(t.ent_type_ == "ORG" for t in doc[start:end]) and not any(t.ent_iob_ == "B" for t in doc[start + 1 : end]):
        return True  # inside one ORG entity
    if before in ("on", "via", "per", "told", "at", "to", "by", "from", "streamer", "network", "broadcaster"):
        return True
    return (
        after in ("'s", "’s", "series", "show", "original", "drama", "reported", "said", "confirmed", "announced")
        or after in lexicon.org_heads
    )


def _ner_mentions(doc: Doc, lexicon: Lexicon) -> Iterator[Mention]:
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "WORK_OF_ART", "GPE", "NORP", "PRODUCT", "FAC", "EVENT"):
            continue
        for start, end, label in _person_of_organisation(doc, _split_on_lines(doc, ent.start, ent.end), ent.label_, lexicon):
            start, end = _trim(doc, start, end)
            if label == "PERSON":
                while end - start > 1 and doc[end - 1].text in _POST_NOMINALS:
                    end -= 1
            if end <= start:
                continue
            if doc[start].lower_ == "the" and (label == "PERSON" or label == "ORG" and _article_not_name(doc, start, end, lexicon)):
                start += 1
            if label in ("PERSON", "ORG"):
                start = _strip_leading_titles(doc, start, end, lexicon)
            if label in ("PERSON", "ORG") and end > start:
                start, end = _without_headline_verbs(doc, *_whole_name(doc, start, end, lexicon))
                if end - start == 1 and doc[start].lower_ in lexicon.leading_titles:
                    continue  # 'Showrunner Reveals' was a headline's role word and verb
            if _is_place(doc, start, end, label, lexicon) or _headline_only(doc, start, end, label):
                continue
            mention = _typed_ner_mention(doc, start, end, label, lexicon)
            if mention:
                yield mention


_CLOSING_QUOTES = {'"', "”", "'", "’"}


def _speaker_after_quote(doc: Doc, start: int, end: int) -> bool:
    """'"...," Marcy Delgado-Tran, Warner Bros.' president, said': a two- or three-word name right
    after a closing quotation mark and before a comma or 'said' is the speaker, not a title."""
    if start == 0 or doc[start - 1].text not in _CLOSING_QUOTES or not 2 <= end - start <= 4:
        return False
    if not all(t.text[:1].isupper() or t.text == "-" or _after_hyphen(t) for t in doc[start:end]):
        return False
    return end < len(doc) and (doc[end].text == "," or doc[end].lower_ in _SPEECH_VERBS)


def _department(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """'Original Programming' after 'Head of', or 'Head of Original Programming' itself."""
    before = start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in lexicon.leading_titles
    inside = end - start > 2 and doc[start].lower_ in lexicon.leading_titles and doc[start + 1].lower_ == "of"
    return before or inside


def _organisation_follows(doc: Doc, end: int) -> bool:
    """', Crave' or 'at Netflix' after a department names the organisation it belongs to."""
    return end + 1 < len(doc) and doc[end].lower_ in (",", "at") and doc[end + 1].text[:1].isupper()


def _without_headline_verbs(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """'Max Cancels', 'Yuki Sasamori Returns' in a headline or subheading: the verb is no name."""
    lowers = lowers_of(doc)
    if not any(lowers[i] in _HEADLINE_VERBS for i in range(start, end)):
        return start, end
    block = block_at(doc, doc[start].idx)
    if block is None or block.kind not in (HEADLINE, HEADING):
        return start, end
    while end > start and doc[end - 1].lower_ in _HEADLINE_VERBS:
        end -= 1
    while start < end and doc[start].lower_ in _HEADLINE_VERBS:
        start += 1
    return start, end


def _article_not_name(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """'the University of Leeds', 'The Apulia Film Commission': the article is not part of an
    organisation's name, unless it is capitalised mid-sentence ('told The Paper') or known."""
    if doc[start:end].text in lexicon.org_roles:
        return False
    return doc[start].text == "the" or doc[start].is_sent_start or doc[end - 1].text in lexicon.org_suffixes


def _person_of_organisation(doc: Doc, pieces: Iterator[tuple[int, int]], label: str, lexicon: Lexicon) -> Iterator[tuple[int, int, str]]:
    """'Gareth Penrose of Penrose Dunmore LLP' as one NER span: a person, then an organisation."""
    for start, end in pieces:
        of = next((k for k in range(start + 2, end - 1) if doc[k].lower_ == "of"), None)
        if of is not None and label in ("PERSON", "ORG"):
            person = doc[start:of]
            organisation = doc[of + 1 : end]
            named = all(t.text[:1].isupper() or t.text == "-" or _after_hyphen(t) for t in person) and len(person) <= 5
            if named and (organisation[-1].text in lexicon.org_suffixes or organisation.text in lexicon.org_roles):
                yield start, of, "PERSON"
                yield of + 1, end, "ORG"
                continue
        yield start, end, label


_MAX_NAME = 5


def _strip_leading_titles(doc: Doc, start: int, end: int, lexicon: Lexicon) -> int:
    """'Showrunner Priscilla Vane', 'Executive Producer X': the role words are the person's
    role (read from the context before the name), not part of the name."""
    first = start
    while start < end - 1 and doc[start].text[:1].isupper() and doc[start].lower_ in lexicon.leading_titles:
        start += 1
    if start > first and not _is_name_token(doc[start]):
        return first
    return start


def _joined_hyphen(doc: Doc, i: int) -> bool:
    """``doc[i]`` is a hyphen inside a compound ('MacLellan-Roy', 'Na-rae')."""
    return doc[i].text in ("-", "‐") and not doc[i].whitespace_ and 0 < i < len(doc) - 1 and not doc[i - 1].whitespace_


def _name_word(token: Token, lexicon: Lexicon) -> bool:
    text = token.text
    return (
        token.is_alpha
        and text[:1].isupper()
        and token.pos_ == "PROPN"
        and token.lower_ not in _NOT_NAMES
        and token.lower_ not in lexicon.title_words
        and not (len(text) > 1 and text.isupper())
        and text not in lexicon.org_suffixes
    )


def _hyphen_piece(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    """``doc[i]`` is a hyphen joining the name to a further name piece (not '-based', '-set')."""
    return i + 1 < len(doc) and _joined_hyphen(doc, i) and doc[i + 1].is_alpha and doc[i + 1].lower_ not in lexicon.compound_suffixes


def _whole_name(doc: Doc, start: int, end: int, lexicon: Lexicon) -> tuple[int, int]:
    """A name the NER cut short: 'Roy' of 'MacLellan-Roy', 'Jeon Woo' of 'Jeon Woo-seok',
    'Salcedo Ibarra' of 'Carmen Salcedo Ibarra'. Grows over hyphen joins and adjacent
    proper nouns on the same line, but not over titles and role words ('Inspector',
    'CEO')."""
    while end - start < _MAX_NAME and _hyphen_piece(doc, end, lexicon):
        end += 2
    while (
        end - start < _MAX_NAME
        and end < len(doc)
        and "\n" not in doc[end - 1].whitespace_
        and (_name_word(doc[end], lexicon) or doc[end].text in lexicon.org_suffixes)
    ):
        end += 1
        while end - start < _MAX_NAME and _hyphen_piece(doc, end, lexicon):
            end += 2
    while end - start < _MAX_NAME and start >= 2 and _joined_hyphen(doc, start - 1) and doc[start - 2].is_alpha:
        start -= 2
    return _given_names_before(doc, start, end, lexicon), end


def _given_names_before(doc: Doc, start: int, end: int, lexicon: Lexicon) -> int:
    """Start of a name grown back over given names the NER left out ('Yolanda' of 'Yolanda
    Baptiste-Charles'), also at a sentence start when the word is a proper noun that is no
    known organisation."""
    while (
        end - start < _MAX_NAME
        and start >= 1
        and "\n" not in doc[start - 1].whitespace_
        and _name_word(doc[start - 1], lexicon)
        and (not doc[start - 1].is_sent_start or doc[start - 1].text not in lexicon.org_roles)
    ):
        start -= 1
    return start


def _is_place(doc: Doc, start: int, end: int, label: str, lexicon: Lexicon) -> bool:
    """An unknown one- or two-word 'organisation' that is a place: 'in Burbank', 'from
    Sendai', 'Halifax-based'."""
    if (
        label not in ("ORG", "PERSON")
        or end - start > 4
        or doc[start:end].text in lexicon.org_roles
        or doc[end - 1].text in lexicon.org_suffixes
    ):
        return False
    if end + 1 < len(doc) and _joined_hyphen(doc, end) and doc[end + 1].lower_ in lexicon.compound_suffixes:
        return True
    before = start - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    if before < 0 or doc[before].lower_ not in lexicon.place_prepositions:
        return False
    if label == "PERSON" and doc[before].lower_ not in lexicon.person_place_prepositions:
        return False
    if label == "ORG" and end - start > 2:
        return False
    after = doc[end].lower_ if end < len(doc) else ""
    return after not in ("'s", "’s") and after not in lexicon.org_heads


def _headline_only(doc: Doc, start: int, end: int, label: str) -> bool:
    """A headline 'person' made of headline words ('Max Cancels', 'Showrunner Reveals'): one
    of its words never recurs capitalised in the body and another is used in lowercase
    elsewhere. Headlines capitalise every word; a real name is not a common word."""
    blocks = doc._.blocks or []
    if label != "PERSON" or not blocks or blocks[0].kind != HEADLINE or doc[start].idx >= blocks[0].end:
        return False
    body_start = blocks[0].end
    text = text_of(doc)
    words = [t for t in doc[start:end] if t.is_alpha]
    if all(any(hit >= body_start for hit, _ in occurrences(text, t.text)) for t in words):
        return False
    return any(t.is_lower or next(occurrences(text, t.lower_), None) is not None for t in words)  # also a common word


def _split_on_lines(doc: Doc, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Pieces of an NER span on separate lines or either side of a bracket ('Nola Pike (Thornquist')."""
    piece = start
    for i in range(start, end):
        if doc[i].is_space or "\n" in doc[i].whitespace_ or doc[i].text in ("(", ")"):
            yield piece, i + (0 if doc[i].is_space or doc[i].text in ("(", ")") else 1)
            piece = i + 1
    if piece < end:
        yield piece, end


def _typed_ner_mention(doc: Doc, start: int, end: int, label: str, lexicon: Lexicon) -> Mention | None:
    span = doc[start:end]
    if span.text in lexicon.org_roles:
        return Mention(start, end, "ORG", "lexicon", lexicon.org_roles[span.text])
    words = [t for t in span if not t.is_punct]
    if not words or not all(
        _is_name_token(t) or _after_hyphen(t) or t.lower_ in lexicon.function_words or t.text[:1].isdigit() for t in words
    ):
        return None
    if not _is_name_token(span[0]) and span[0].lower_ != "the":
        return None
    if start > 0 and doc[start - 1].text in ("#", "@"):
        return None  # hashtags and handles
    if _department(doc, start, end, lexicon) and (label == "PERSON" or _organisation_follows(doc, end)):
        return None  # 'Head of Original Programming, Crave', 'Director of Content for Africa at Netflix'
    if span.text in lexicon.not_orgs or (
        span.text.isupper() and len(words) == 1 and doc[start].is_sent_start and end < len(doc) and doc[end].text in ("—", "–", "-", ",")
    ):
        return None  # country codes, abbreviations, datelines ("TORONTO —")
    if (span[-1].text in lexicon.org_suffixes or span[0].text in lexicon.org_prefixes) and len(words) > 1:
        return Mention(start, end, "ORG", "ner", None)
    if len(words) == 1 and re.fullmatch(r"[A-Z]{2,}\d*", span.text):
        return Mention(start, end, "ORG", "ner", None)  # JTBC2, KST-like acronyms are not people
    if label in ("ORG", "GPE", "PERSON") and _fate_of_work(span, label, lexicon):
        return Mention(start, end, "WORK", "ner")
    if label == "PERSON":
        if any(t.lower_ in _SEASON_WORDS or t.like_num or t.text == ":" for t in span) or len(words) > 4:
            return None
        return Mention(start, end, "PERSON", "ner")
    if label == "ORG" and _person_context(doc, start, end):
        return Mention(start, end, "PERSON", "ner")

    if label == "ORG":
        return Mention(start, end, "ORG", "ner", None)
    if label == "WORK_OF_ART" and _speaker_after_quote(doc, start, end):
        return Mention(start, end, "PERSON", "ner")
    if label == "WORK_OF_ART":
        start, end = _strip_season_suffix(doc, start, end)
        return Mention(start, end, "WORK", "ner") if end > start else None
    return None


_SPEECH_VERBS = {
    "say",
    "tell",
    "add",
    "explain",
    "reveal",
    "admit",
    "star",
    "play",
    "portray",
    "return",
    "reprise",
    "join",
    "direct",
    "write",
    "create",
}


def _person_context(doc: Doc, start: int, end: int) -> bool:
    """An ORG-labelled name that behaves like a person: '(Name)' after a name, subject of 'said'."""
    span = doc[start:end]
    if not 2 <= len(span) <= 4 or not all(t.is_alpha or t.text == "-" for t in span):
        return False
    if start > 0 and doc[start - 1].text == "(" and end < len(doc) and doc[end].text == ")":
        return True
    if start > 0 and doc[start - 1].lower_ == "by" and doc[start - 1].is_sent_start:
        return True  # a byline
    head = span.root
    return head.dep_ == "nsubj" and lemma(head.head) in _SPEECH_VERBS


def _fate_of_work(span: Span, label: str, lexicon: Lexicon) -> bool:
    """'Northern Lines will end', 'renewed Harbour Lights': only shows are renewed or end."""
    head = span.root
    if lemma(head.head).lower() not in lexicon.fate_verbs or span[-1].text in lexicon.org_suffixes:
        return False
    if label == "PERSON":
        return head.dep_ in ("nsubjpass", "dobj")
    return head.dep_ in ("nsubj", "nsubjpass", "dobj")


def _strip_season_suffix(doc: Doc, start: int, end: int) -> tuple[int, int]:
    for i in range(start, end):
        if doc[i].lower_ in _SEASON_WORDS:
            return _trim(doc, start, i)
    return start, end


def _title_pattern_mentions(doc: Doc, lexicon: Lexicon, orgs: list[Mention], lowers: list[str]) -> Iterator[Mention]:
    """Titles recognised from their context: 'X Season 2', 'Netflix's X', 'the series X'."""
    text = text_of(doc)
    for i, lower in enumerate(lowers):
        # "X Season 2", "X season", "X's second season", "X star", "X finale"
        weak_cue = lower in lexicon.weak_work_cues_after
        if (lower in lexicon.work_cues_after or weak_cue) and i > 0 and not _capitalised_in_name(doc, text, i, lexicon):
            mention = _title_before_cue(doc, i, weak_cue, lexicon)
            if mention is not None:
                yield mention
        # "the series X", "the Netflix drama X", "starring in X"
        head = lower in lexicon.work_heads_before and not (i > 0 and lowers[i - 1] == "of")
        if head and lower in lexicon.verb_heads and doc[i].pos_ == "VERB":
            head = False  # 'will play Y'
        if (head and not _capitalised_mid_sentence(doc, text, i)) or _ends_verb_phrase(lowers, i, lexicon):
            start = i + 1
            if start < len(doc) and doc[start].text in ("“", '"', "‘"):
                continue
            after_comma = start + 1 < len(doc) and doc[start].text == "," and is_capitalised(doc[start + 1])
            start += after_comma  # "a sequel, A City Without Lamps."
            end = title_run(doc, start, lexicon)
            end = _drop_trailing_function_words(doc, start, end, lexicon)
            closed = end >= len(doc) or doc[end].text in (",", ".", ";", ")", ":")
            if end > start and (closed or not after_comma) and _plausible_title(doc, start, end, lexicon):
                yield Mention(start, end, "WORK", "pattern")
    for org in orgs:
        # "Netflix's The Glory", "HBO's Succession"
        if org.role in ("network", "studio") and org.end + 1 < len(doc) and doc[org.end].text in ("'s", "’s"):
            start = org.end + 1
            if start < len(doc) and doc[start].lower_ in lexicon.work_heads_before:
                continue
            end = _drop_trailing_function_words(doc, start, title_run(doc, start, lexicon), lexicon)
            if end > start and _plausible_title(doc, start, end, lexicon):
                yield Mention(start, end, "WORK", "pattern")


_APPOSITIVE_REACH = 6
_APPOSITION_ENDS = frozenset(load_data("context.json")["apposition_title_ends"])


def _appositive_titles(doc: Doc, lexicon: Lexicon, lowers: list[str]) -> Iterator[Mention]:
    """'Sisters of the Tideline, a six-part family saga set on the coast': a capitalised run
    followed by an apposition whose head is a genre word."""
    for comma, lower in enumerate(lowers):
        if lower != "," or comma == 0 or comma + 2 >= len(doc) or lowers[comma + 1] not in ("a", "an", "the"):
            continue
        head = next(
            (j for j in range(comma + 2, min(comma + 2 + _APPOSITIVE_REACH, len(doc))) if lowers[j] in lexicon.work_heads_before),
            None,
        )
        if head is None or not all(doc[k].is_lower or doc[k].text == "-" or doc[k].like_num for k in range(comma + 2, head)):
            continue
        if head + 1 < len(doc) and lowers[head + 1] not in _APPOSITION_ENDS and not doc[head + 1].is_punct:
            continue  # "Lee, a comedy veteran"
        start = _title_start_before(doc, comma)
        organisation = doc[comma - 1].text in lexicon.org_suffixes or doc[start:comma].text in lexicon.org_roles
        if (
            comma - start >= 2
            and not organisation
            and doc[start].ent_type_ not in ("PERSON", "GPE")
            and _plausible_title(doc, start, comma, lexicon)
        ):
            yield Mention(start, comma, "WORK", "pattern")


_INSIDE_TITLE = frozenset(load_data("context.json")["inside_title_words"])


def _title_start_before(doc: Doc, end: int) -> int:
    """Start of a capitalised title ending at ``end`` that may hold small lowercase words
    ('Sisters of the Tideline'); ``end`` if there is none."""
    start = i = end
    while i > 0 and end - i < 10:
        token = doc[i - 1]
        if token.is_space or "\n" in token.whitespace_:
            break
        if is_capitalised(token) and token.is_alpha:
            start = i - 1
        elif token.lower_ not in _INSIDE_TITLE:
            break
        if token.is_sent_start:
            break
        i -= 1
    return start


def _title_before_cue(doc: Doc, i: int, weak_cue: bool, lexicon: Lexicon) -> Mention | None:
    if doc[i].pos_ == "VERB":
        return None
    end = i
    while end > 0 and doc[end - 1].lower_ in _SEASON_MODIFIERS:
        end -= 1
    if doc[end - 1].text in _POSSESSIVE:
        end -= 1
    if end == 0 or not is_capitalised(doc[end - 1]):
        return None
    start = _title_run_back(doc, end, lexicon)
    weak_ok = end - start >= 2 and not any(t.ent_type_ in ("GPE", "NORP", "LOC", "PERSON") for t in doc[start:end])
    if end - start >= 1 and (not weak_cue or weak_ok) and _plausible_title(doc, start, end, lexicon):
        return Mention(start, end, "WORK", "pattern")
    return None


def _capitalised_in_name(doc: Doc, text: str, i: int, lexicon: Lexicon) -> bool:
    """'Film' in 'Gdynia Film Festival' or 'Mavi Ufuk Film': a capitalised cue followed by a
    capitalised word, or a capitalised organisation word mid-sentence."""
    token = doc[i]
    if not text[token.idx].isupper():
        return False
    return (i + 1 < len(doc) and doc[i + 1].text[:1].isupper()) or (token.text in lexicon.org_suffixes and not token.is_sent_start)


def _capitalised_mid_sentence(doc: Doc, text: str, i: int) -> bool:
    """'Anime' in 'told Anime News Network': a capitalised head word is part of a name."""
    token = doc[i]
    return text[token.idx].isupper() and not token.is_sent_start


_TITLE_INTRO = {
    "series",
    "show",
    "drama",
    "film",
    "movie",
    "titled",
    "called",
    "named",
    "telenovela",
    "dizi",
    "sitcom",
    "comedy",
    "thriller",
    "anime",
    "webtoon",
    "novel",
    "episode",
    "programme",
    "program",
    "musical",
    "play",
    "documentary",
    "docuseries",
    "miniseries",
    "title",
}


def _quoted_title_mentions(doc: Doc, lexicon: Lexicon) -> Iterator[Mention]:
    """Titles in quotation marks: title-case words, or introduced as a work, or quoted again."""
    quoted = [q for q in scan_doc_quotes(doc, text_of(doc)) if q.paragraphs == 1]
    texts = [text_of(doc)[q.start : q.end].rstrip(",") for q in quoted]
    for q, inner in zip(quoted, texts, strict=True):
        span = doc.char_span(q.start, q.start + len(inner), alignment_mode="strict")
        if span is None or not inner[:1].isupper() or len(span) > 10 or inner[-1] in ".!?…":
            continue
        content = [t for t in span if t.is_alpha and t.lower_ not in lexicon.function_words]
        title_case = len(content) >= 2 and all(t.text[:1].isupper() for t in content)
        lowercase_verb = any(t.pos_ in ("VERB", "AUX") and t.is_lower for t in span)
        introduced = any(t.lower_ in _TITLE_INTRO for t in doc[max(0, span.start - 3) : span.start])
        repeated = texts.count(inner) >= 2
        if not lowercase_verb and (title_case or introduced or repeated):
            yield Mention(span.start, span.end, "WORK", "pattern")


def _ends_verb_phrase(lowers: list[str], i: int, lexicon: Lexicon) -> bool:
    for phrase in lexicon.work_verbs_before.get(lowers[i], ()):
        n = len(phrase)
        if i + 1 >= n and tuple(lowers[i - n + 1 : i + 1]) == phrase:
            return True
    return False


def _drop_trailing_function_words(doc: Doc, start: int, end: int, lexicon: Lexicon) -> int:
    while end > start and (doc[end - 1].lower_ in lexicon.function_words or doc[end - 1].is_punct):
        if doc[end - 1].text in ("!", "?") and end - 1 > start:
            break
        end -= 1
    return end


def _plausible_title(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    span = doc[start:end]
    first = span[0]
    article = first.lower_ in ("a", "an") and len(span) > 1 and span[1].text[:1].isupper()  # 'A City Without Lamps'
    if first.pos_ == "PRON" or (first.lower_ in _NOT_NAMES - {"the"} and not article) or first.is_digit:
        return False
    if not first.text[:1].isupper():
        return False
    if len(span) == 1 and first.lower_ == "the":
        return False
    if span.text in lexicon.org_roles or first.text in lexicon.award_openers:
        return False
    if first.i > 0 and first.is_sent_start and len(span) == 1 and first.pos_ not in ("PROPN",):
        return False
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in lexicon.leading_titles:
        return False  # "Director of Content for Africa"
    if len(span) > 2 and first.lower_ in lexicon.leading_titles and span[1].lower_ == "of":
        return False  # "ITV's Director of Drama"
    if span.text.isupper() and first.i > 0 and "\n" in doc[first.i - 1].text + doc[first.i - 1].whitespace_:
        return False  # a dateline: 'LONDON (Reuters) -', 'WANDARRA, Jan 14'
    numbered = first.ent_type_ in ("CARDINAL", "ORDINAL") and len(span) >= 2 and span[1].text[:1].isupper()  # 'Four Weddings in Busan'
    return numbered or not any(t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "NORP") for t in span[:1])


_ROLE_BEFORE_NAME = re.compile(r"^[A-Z][\w'’.-]*$")


def _shape_mentions(doc: Doc, role_words: set[str]) -> Iterator[Mention]:
    """Names the NER missed: capitalised words right after a role word ('lawyer Kim Mun Hui')."""
    for i, lower in enumerate(lowers_of(doc)):
        if lower not in role_words or i + 1 >= len(doc) or not _is_name_token(doc[i + 1]):
            continue
        end = i + 1
        while end < len(doc) and end - i <= 4 and _is_name_piece(doc, end):
            end += 1
        start, end = _without_headline_verbs(doc, i + 1, end)
        if end - start >= 1 and end - i >= 2 and not _headline_only(doc, start, end, "PERSON"):
            yield Mention(start, end, "PERSON", "shape")


def _bracketed_people(doc: Doc, lexicon: Lexicon, lowers: list[str]) -> Iterator[Mention]:
    """The actor in 'Harriet Quill (June Castellanos)' or 'the Warden (Saoirse Brannock, ...)':
    a two- or three-word name in brackets right after a capitalised name is who plays it."""
    for i, lower in enumerate(lowers):
        if lower != "(" or i == 0 or not doc[i - 1].is_alpha or not doc[i - 1].text[:1].isupper():
            continue
        end = i + 1
        while end < len(doc) and end - i <= 4 and _is_name_piece(doc, end):
            end += 1
        if end - i < 3 or end >= len(doc) or doc[end].text not in (")", ","):
            continue
        span = doc[i + 1 : end]
        if span.text in lexicon.org_roles or span[-1].text in lexicon.org_suffixes or span[0].text in lexicon.org_prefixes:
            continue
        if any(t.ent_type_ in ("ORG", "GPE", "LOC", "NORP", "DATE") or t.lower_ in _NOT_NAMES for t in span):
            continue
        yield Mention(i + 1, end, "PERSON", "shape")


_REPORTING_VERBS = frozenset({"say", "tell", "add", "write", "explain", "recall", "insist", "admit", "note", "joke", "laugh"})


def _reporting_subjects(doc: Doc, lexicon: Lexicon) -> Iterator[Mention]:
    """Surnames the NER skipped: a capitalised proper noun that is the subject of a reporting
    verb ('Tezcan said', 'Okafor told reporters') and that the NER does not call something else."""
    marks = doc.to_array([DEP, POS])
    for i in ((marks[:, 0] == nsubj) & (marks[:, 1] == PROPN)).nonzero()[0]:
        token = doc[int(i)]
        if not token.is_alpha or token.ent_type_ not in ("", "PERSON"):
            continue
        head = token.head
        if head.pos_ != "VERB" or lemma(head) not in _REPORTING_VERBS or not _is_name_token(token) or token.text.isupper():
            continue
        if token.lower_ in lexicon.title_words or token.text in lexicon.org_roles or token.text in lexicon.org_suffixes:
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == token.i and _is_name_token(doc[start - 1]):
            start -= 1
        if doc[start].is_sent_start and start == token.i and token.i + 1 < len(doc) and doc[token.i + 1].text == ",":
            continue  # 'Yes, ...' vocatives
        yield Mention(start, token.i + 1, "PERSON", "shape")


_LIST_ITEM = re.compile(r"(?:\d{1,2}[.)]\s+)?([^\s()][^\n()]{1,80}?)\s+\(([^()\n]{2,40})\)\s*(?:$|[–—:-]\s)")


_SEASON_NOTE = re.compile(r"(?:season|series|part|s)\s*\d+\b", re.IGNORECASE)  # '4. Ashfall (Season 2 pending)'


_NUMBERED_HEADING = re.compile(r"(\d{1,2})[.)]\s+(\S[^\n]{0,70})$")


def _numbered_heading_titles(doc: Doc, lexicon: Lexicon) -> Iterator[Mention]:
    """'3. Our Blue Hour', '4. Catamaran': numbered headings of a listicle, when there are at
    least two and each is a short capitalised name."""
    text = text_of(doc)
    found = []
    for block in doc._.blocks or []:
        if block.kind != HEADING:
            continue
        match = _NUMBERED_HEADING.match(text, block.start, block.end)
        if match is None:
            continue
        span = doc.char_span(match.start(2), match.end(2), alignment_mode="contract")
        if span is None or not len(span) or len(span) > 8:
            continue
        words = [t for t in span if t.is_alpha]
        if words and words[0].text[:1].isupper() and all(t.text[:1].isupper() or t.lower_ in lexicon.function_words for t in words):
            found.append(Mention(span.start, span.end, "WORK", "pattern"))
    if len(found) >= 2:
        yield from found


def _list_item_titles(doc: Doc, lexicon: Lexicon) -> Iterator[Mention]:
    """Titles heading list items: '2. Kelp Forest Detectives (ABC Australia)', 'The Long
    Field (BBC One) – renewed', '4. Ashfall (Season 2 pending)': a line that starts with a
    name and a known network or a season in brackets."""
    text = text_of(doc)
    for block in doc._.blocks or []:
        match = _LIST_ITEM.match(text, block.start, block.end)
        if match is None or not (match.group(2) in lexicon.org_roles or _SEASON_NOTE.match(match.group(2))):
            continue
        if lexicon.org_roles.get(match.group(2)) == "outlet" or match.group(1).isupper():
            continue  # a dateline: 'LONDON (Reuters) -'
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if span is not None and len(span) and is_capitalised(span[0]) and len(span) <= 10:
            yield Mention(span.start, span.end, "WORK", "pattern")


def _org_shape_mentions(doc: Doc, lexicon: Lexicon, lowers: list[str]) -> Iterator[Mention]:
    """Unknown organisations named after a head noun or an outlet cue: 'the Belgian
    broadcaster RTBF', 'the trade site DWDL', 'told Cine21', 'according to Médiamétrie'."""
    for i, lower in enumerate(lowers[:-1]):
        role = lexicon.org_heads_before.get(lower)
        headed = role is not None
        if role is None and lower in lexicon.outlet_cues_before and (i == 0 or lowers[i - 1] != "be"):
            role = "outlet"
        if role is None or "\n" in doc[i].whitespace_ or not doc[i].is_lower:
            continue
        start = end = i + 1
        while end < len(doc) and end - start < 4 and _org_name_piece(doc[end], headed):
            end += 1
            if "\n" in doc[end - 1].whitespace_:
                break
        if end > start and (headed or end - start == 1):
            # a head noun outweighs the NER's guess; a bare 'told X' only fills a gap
            strong = headed or any(ch.isdigit() for ch in doc[start].text)
            yield Mention(start, end, "ORG", "pattern" if strong else "shape", role)


def _org_name_piece(token: Token, headed: bool) -> bool:
    text = token.text
    if not text[:1].isupper() or token.lower_ in _NOT_NAMES or token.ent_type_ in ("DATE", "TIME", "NORP", "GPE"):
        return False
    if token.ent_type_ == "PERSON" and not headed and not any(ch.isdigit() for ch in text):
        return False
    return token.is_alpha or any(ch.isdigit() for ch in text) or (len(text) > 1 and "-" in text)


def _is_name_piece(doc: Doc, i: int) -> bool:
    token = doc[i]
    if token.text == "-" and 0 < i < len(doc) - 1 and not token.whitespace_ and not doc[i - 1].whitespace_:
        return True
    if i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_:
        return token.is_alpha
    return bool(_ROLE_BEFORE_NAME.match(token.text)) and _is_name_token(token) and token.pos_ in ("PROPN", "NOUN", "X", "ADJ")


def resolve_overlaps(mentions: Iterable[Mention]) -> list[Mention]:
    """Keep the best of every set of overlapping candidates."""
    ranked = sorted(mentions, key=lambda m: (-PRIORITY[m.source], -(m.end - m.start), m.start))
    kept: list[Mention] = []
    taken: set[int] = set()  # tokens of the kept mentions
    for mention in ranked:
        tokens = range(mention.start, mention.end)
        if taken.isdisjoint(tokens) if tokens else not any(mention.overlaps(k) for k in kept):
            kept.append(mention)
            taken.update(tokens)
    return sorted(kept, key=lambda m: m.start)


def _propagate(doc: Doc, kept: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """Every other occurrence of a confirmed name is a mention of the same type."""
    names: dict[str, Mention] = {}
    for mention in kept:
        names.setdefault(doc[mention.start : mention.end].text, mention)
    extra = []
    for name, model in names.items():
        if len(name) < 2:
            continue
        for start, end in occurrences(text_of(doc), name):
            span = doc.char_span(start, end, alignment_mode="strict")
            if span is not None:
                first = _given_names_before(doc, span.start, span.end, lexicon) if model.type == "PERSON" else span.start
                extra.append(Mention(first, span.end, model.type, "propagated", model.role))
    for mention in sorted(extra, key=lambda m: m.start - m.end):
        clashes = [k for k in kept if k.overlaps(mention)]
        if all(mention.start <= k.start and k.end <= mention.end and k.end - k.start < mention.end - mention.start for k in clashes):
            kept = [k for k in kept if k not in clashes] + [mention]
    return sorted(kept, key=lambda m: m.start)


def _in_title_case_block(doc: Doc, mention: Mention) -> bool:
    """Headlines and subheadings capitalise every word, so title patterns overrun there."""
    block = block_at(doc, doc[mention.start].idx)
    return block is not None and block.kind in (HEADLINE, HEADING)


def find_mentions(doc: Doc, lexicon: Lexicon, role_words: set[str]) -> list[Mention]:
    """All typed mentions in ``doc``, non-overlapping, in text order.

    Titles are only recognised from prose; headlines and subheadings get them by
    propagation from the body.
    """
    orgs = list(_lexicon_mentions(doc, lexicon))
    candidates = orgs + [m for m in _ner_mentions(doc, lexicon) if m.type == "PERSON" or not _in_title_case_block(doc, m)]
    lowers = lowers_of(doc)
    candidates += [m for m in _title_pattern_mentions(doc, lexicon, orgs, lowers) if not _in_title_case_block(doc, m)]
    candidates += [m for m in _appositive_titles(doc, lexicon, lowers) if not _in_title_case_block(doc, m)]
    candidates += _quoted_title_mentions(doc, lexicon)
    candidates += _shape_mentions(doc, role_words)
    candidates += _org_shape_mentions(doc, lexicon, lowers)
    candidates += _bracketed_people(doc, lexicon, lowers)
    candidates += _reporting_subjects(doc, lexicon)
    candidates += _list_item_titles(doc, lexicon)
    candidates += _numbered_heading_titles(doc, lexicon)
    candidates += _byline_people(doc, lexicon)
    kept = resolve_overlaps(_inside_known_names_dropped(candidates))
    kept = _retype_known_works(doc, kept)
    kept = _extend_sentence_case_titles(doc, kept)
    kept = resolve_overlaps(kept + list(_headline_titles(doc, kept)))
    return _propagate(doc, kept, lexicon)


def _ends_byline_name(doc: Doc, i: int) -> bool:
    """'Posted:' or 'Updated' after a byline name is no part of it."""
    return doc[i].lower_ in _NOT_NAMES or (i + 1 < len(doc) and doc[i + 1].text == ":")


def _inside_known_names_dropped(candidates: list[Mention]) -> list[Mention]:
    """A known organisation's name outweighs a shorter guess inside it ('Antena' of 'Antena 3')."""
    known = [m for m in candidates if m.source == "lexicon"]
    return [
        m
        for m in candidates
        if m.source == "lexicon" or not any(k.start <= m.start and m.end <= k.end and m.end - m.start < k.end - k.start for k in known)
    ]


_BYLINE_JOINS = {"by", "and", "&", "/", "|", ":"}
_NAME_PARTICLES = frozenset(load_data("context.json")["name_particles"])


def _byline_people(doc: Doc, lexicon: Lexicon) -> Iterator[Mention]:
    """Names after 'by', 'and' or '/' in a byline line ('By Oh Yoon-hee', 'Photos by Kim
    Dae-won and Sato Misaki / Text by Lena Björklund'), which the NER often misses."""
    for block in doc._.blocks or []:
        if block.kind != BYLINE:
            continue
        span = doc.char_span(block.start, block.end, alignment_mode="expand")
        if span is None:
            continue
        for i in range(span.start, span.end - 1):
            if doc[i].lower_ not in _BYLINE_JOINS:
                continue
            end = i + 1
            while (
                end < span.end
                and not _ends_byline_name(doc, end)
                and (
                    (is_capitalised(doc[end]) and doc[end].is_alpha)
                    or _joined_hyphen(doc, end)
                    or (_after_hyphen(doc[end]) and doc[end].is_alpha)
                    or (doc[end].lower_ in _NAME_PARTICLES and end + 1 < span.end and is_capitalised(doc[end + 1]) and end > i + 1)
                )
            ):
                end += 1
            name = doc[i + 1 : end]
            words = [t for t in name if t.is_alpha]
            if (
                2 <= len(words) <= 6
                and name.text not in lexicon.org_roles
                and name[-1].text not in lexicon.org_suffixes
                and not any(t.lower_ in _NOT_NAMES or t.lower_ in lexicon.title_words for t in words)
            ):
                yield Mention(i + 1, end, "PERSON", "pattern")


def _extend_sentence_case_titles(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'Kalt wie Glas', 'Corazón de obsidiana': foreign titles keep lowercase words that the
    English title run stopped at, when the longer form recurs in the article."""
    for mention in mentions:
        if mention.type != "WORK" or mention.end >= len(doc) or not doc[mention.end].is_lower:
            continue
        end = mention.end
        while end < len(doc) and end - mention.end < 3 and _foreign_title_word(doc[end]):
            end += 1
            if "\n" in doc[end - 1].whitespace_:
                break
        if end > mention.end and text_of(doc).count(doc[mention.start : end].text) >= 2:
            mention.end = end
    return resolve_overlaps(mentions)


def _foreign_title_word(token: Token) -> bool:
    return token.is_alpha and not token.is_stop and token.lower_ not in _SEASON_WORDS and token.pos_ not in ("VERB", "AUX")


def _headline_titles(doc: Doc, mentions: list[Mention]) -> Iterator[Mention]:
    """Capitalised runs of the headline that recur capitalised inside body sentences: in a
    news headline such a run that is no person, place or organisation is the title."""
    blocks = doc._.blocks or []
    if not blocks or blocks[0].kind != HEADLINE or any(m.type == "WORK" for m in mentions):
        return
    headline = doc.char_span(blocks[0].start, blocks[0].end, alignment_mode="expand")
    if headline is None:
        return
    body_start = blocks[0].end
    taken = {i for m in mentions for i in range(m.start, m.end)}
    runs = _capitalised_runs([t for t in headline if t.i not in taken])
    for run in sorted(runs, key=len, reverse=True):
        text = " ".join(t.text for t in run)
        hits = [start for start, _ in occurrences(text_of(doc)[body_start:], text)]
        spans = [doc.char_span(body_start + h, body_start + h + len(text), alignment_mode="expand") for h in hits]
        mid_sentence = [span for span in spans if span is not None and len(span) and not span[0].is_sent_start]
        if (len(run) >= 2 and mid_sentence) or len(mid_sentence) >= 2:
            if not any(t.ent_type_ in ("PERSON", "GPE", "NORP", "LOC", "DATE") for t in run):
                yield Mention(run[0].i, run[-1].i + 1, "WORK", "pattern")
                return


def _capitalised_runs(tokens: list[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    for token in tokens:
        if token.is_alpha and token.text[:1].isupper() and token.lower_ not in _NOT_NAMES and not token.is_stop:
            if runs and runs[-1][-1].i == token.i - 1:
                runs[-1].append(token)
            else:
                runs.append([token])
    return [sub for run in runs for sub in _sub_runs(run)]


def _sub_runs(run: list[Token]) -> list[list[Token]]:
    return [run[i:j] for i in range(len(run)) for j in range(i + 1, min(len(run), i + 5) + 1)]


def _retype_known_works(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A name confirmed as a title elsewhere is a title everywhere ('The Glory' tagged PERSON)."""
    titles = {_norm_title(doc[m.start : m.end].text) for m in mentions if m.type == "WORK" and m.source == "pattern"}
    for mention in mentions:
        if mention.type != "WORK" and mention.source == "ner" and _norm_title(doc[mention.start : mention.end].text) in titles:
            mention.type, mention.role = "WORK", None
    return mentions


def _norm_title(text: str) -> str:
    text = text.lower()
    return text[4:] if text.startswith("the ") else text
