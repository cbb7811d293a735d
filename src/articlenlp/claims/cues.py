"""Speculation cues of a sentence, found with the parse so that scope is respected.

Two kinds of cue, both from ``data/speculation_cues.json``:

- fixed phrases and words ("remains to be seen", "reportedly"), matched on lowercase
  tokens; ``not_speculation`` phrases ("could not be reached") cancel what they contain;
- families read from the dependency parse, so that new wordings are covered:

  * modal hedges (could, may, might, would, should), only as modal auxiliaries;
  * predictions: "expect" in the present, "is expected to", seem/appear + complement,
    poised/tipped + infinitive, likely/possible as the predicate;
  * hearsay passives "is said/understood/believed/thought/reported to" and "it is
    believed that";
  * unattributed reporting: a reporting verb whose subject is sources, insiders, reports,
    observers ("sources say", "industry watchers expect"), "according to reports", and
    "people familiar with the talks/negotiations/discussions" (deliberations behind the
    scenes; "a person familiar with the numbers" reporting a figure stays fact);
  * conditionals: if/unless/assuming as the marker of an adverbial clause, inverted
    "Were/Had/Should + subject" at the start of a clause;
  * hopes: hope/wish as a present-tense verb of the assertion, "hopefully";
  * opinions: think/thinks in the present tense with a clause ("Many fans think the
    killer is ...", "A second camp thinks ...");
  * possibility nouns (speculation, chance, possibility, odds, rumours, talk) as the
    subject or predicate noun of the main clause, "amid speculation", or the sentence's
    first word left as its root by the parser ("Speculation among fans centres on");
  * open questions: a "whether" clause as the subject ("Whether X is another matter"),
    unclear/uncertain/unknown or negated clear/known as a predicate, "remains to be seen".

Scope (what cancels a cue):

- a cue inside quotation marks belongs to the quote (the caller drops quoted tokens);
- "May" the month, "will"/"might" as nouns, "hope" as a noun, "if" in "asked if";
- a modal inside an indirect question ("declined to say whether it would return") belongs
  to the question; the sentence is speculation only if the question itself is open;
- would/should and conditionals inside what a named party said, announced or confirmed
  are its reported plan ("Netflix said the show would return if ratings held"); could,
  may and might stay hedges even when reported;
- a modal in a subordinate temporal or comparative clause ("before they could consider
  it", "than it would for") is not the assertion;
- a rumour or speculation noun that is the subject of a past-tense event verb
  ("Rumours began circulating in the spring") narrates a past episode: fact;
- hope/expect as an infinitive under a past or past-perfect verb ("led viewers to hope
  for", "had been told to expect", "have been primed to expect") narrates a past
  expectation: fact ("are told to expect" stays speculation);
- a spokesperson, representative, publicist or statement counts as a named party, so
  would/should in what they said is the reported plan ("A club spokesperson said the
  player would join").
"""

from __future__ import annotations

from spacy.tokens import Token

from ..data import load as load_data
from ..lemmas import lemma

_MODAL_TAGS = ("MD",)
_SUBORDINATE_MARKS = frozenset({"before", "until", "till", "than", "once", "after"})
_CONDITIONAL_MARKS = frozenset({"if", "unless"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis"})
_EMBEDDED_DEPS = frozenset({"relcl", "acl", "advcl", "pcomp", "amod", "compound", "pobj"})
_DEFINITE = frozenset({"the", "its", "his", "her", "their", "this", "that", "our", "my", "your"})
_PAST = frozenset({"VBD"})


class CueRules:
    """Speculation cues from the data file, matched with scope rules."""

    def __init__(self) -> None:
        data = load_data("speculation_cues.json")
        self.modals: dict[str, str] = data["modals"]
        self.words: dict[str, str] = data["words"]
        self.reporting = frozenset(data["reported_speech_verbs"])
        self.phrases = {tuple(p.split()): s for p, s in data["phrases"].items()}
        self.blockers: dict[str, list[tuple[str, ...]]] = {}
        for phrase in data["not_speculation"]:
            words = tuple(phrase.split())
            self.blockers.setdefault(words[0], []).append(words)
        self.max_phrase = max(len(p) for p in self.phrases)
        families = data["families"]
        self.hearsay_passives = frozenset(families["hearsay_passive_verbs"])
        self.anonymous = frozenset(families["anonymous_sources"])
        self.source_verbs = frozenset(families["source_verbs"])
        self.possibility_nouns = frozenset(families["possibility_nouns"])
        self.open_adjectives = frozenset(families["open_question_adjectives"])
        self.negated_adjectives = frozenset(families["negated_open_question_adjectives"])
        self.prediction_participles = frozenset(families["prediction_participles"])
        self.speculation_verbs = frozenset(families["speculation_verbs"])
        self.hope_verbs = frozenset(families["attitude_verbs"])
        self.opinion_verbs = frozenset(families["opinion_verbs"])
        self.official_speakers = frozenset(families["official_speakers"])
        self.familiar_people = frozenset(families["familiar_people"])
        self.deliberation_nouns = frozenset(families["deliberation_nouns"])
        self.appearance_verbs = frozenset(families["appearance_verbs"])
        self.conditional_words = frozenset(families["conditional_words"])
        self.inverted = frozenset(families["inverted_conditional_auxiliaries"])
        self.predicate_adjectives = frozenset(families["prediction_adjectives"])
        self._first = {p[0] for p in self.phrases}

    # --- entry point --------------------------------------------------------------------------

    def cues(self, tokens: list[Token]) -> list[tuple[str, str]]:
        """(cue text, strength) for every speculation cue among ``tokens`` (in order)."""
        lowers = [t.lower_ for t in tokens]
        blocked = self._blocked_positions(lowers)
        found: list[tuple[int, str, str]] = []
        covered: set[int] = set()
        n_tokens = len(tokens)
        for i, lower in enumerate(lowers):
            if lower not in self._first or i in covered:
                continue
            for n in range(min(self.max_phrase, n_tokens - i), 0, -1):
                key = tuple(lowers[i : i + n])
                strength = self.phrases.get(key)
                if strength is None:
                    continue
                span = range(i, i + n)
                if any(j in blocked or j in covered for j in span):
                    continue
                if any(lowers[j] in self.modals and self._modal_cancelled(tokens[j]) for j in span):
                    continue
                found.append((i, " ".join(t.text for t in tokens[i : i + n]), strength))
                covered.update(span)
                break
        for i, token in enumerate(tokens):
            if i in covered or i in blocked:
                continue
            cue = self._token_cue(token, i == 0 or lowers[i - 1] in (",", ";", "—", "–", "and", "but"))
            if cue:
                found.append((i, cue[0] if cue[0] else token.text, cue[1]))
        found.sort(key=lambda item: item[0])
        return [(text, strength) for _, text, strength in found]

    # --- one token --------------------------------------------------------------------------

    def _token_cue(self, token: Token, clause_start: bool) -> tuple[str, str] | None:
        lower = token.lower_
        base = lemma(token).lower()
        if lower in self.modals:
            if token.tag_ not in _MODAL_TAGS or (lower == "may" and token.text == "May" and token.ent_type_ == "DATE"):
                return None
            if (
                clause_start
                and lower == "should"
                and token.i + 1 < len(token.doc)
                and token.nbor().pos_ in ("DET", "PRON", "PROPN", "NOUN")
            ):
                return ("", "strong")
            return None if self._modal_cancelled(token) else ("", self.modals[lower])
        if clause_start and lower in self.inverted and token.tag_ == "VBD" and token.dep_ != "ROOT" and _inverted_subject(token):
            return ("", "strong")
        if lower in self.conditional_words:
            return self._conditional(token)
        if lower in self.hope_verbs and token.pos_ == "VERB":
            return self._hope(token)
        if lower in self.opinion_verbs:
            return self._opinion(token)
        if lower == "familiar":
            return self._familiar(token)
        if lower in self.words:
            return self._word(token, lower)
        if (base in self.possibility_nouns or lower in self.possibility_nouns) and token.pos_ in ("NOUN", "PROPN"):
            return ("", "strong") if self._possibility_noun(token) else None
        if base == "expect":
            return self._expect(token)
        if base in self.hearsay_passives and token.tag_ == "VBN" and _has_child(token, "auxpass"):
            if _has_child(token, "xcomp") or any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in token.children):
                return ("", "strong")
            return None
        if (
            (base in self.prediction_participles or lower in self.prediction_participles)
            and token.tag_ in ("VBN", "JJ")
            and (_has_child(token, "xcomp") or _next_lower(token) == "for")
        ):
            return ("", "strong")
        if base in self.appearance_verbs and token.pos_ in ("VERB", "AUX") and token.tag_ in ("VBZ", "VBP", "VB"):
            if any(c.dep_ in ("xcomp", "acomp", "ccomp", "oprd") for c in token.children):
                return ("", "weak")
            return None
        if base in self.source_verbs and token.pos_ == "VERB" and token.dep_ not in ("relcl", "amod"):
            subject = _subject(token)
            if subject is not None and lemma(subject).lower() in self.anonymous:
                return (f"{subject.text} {token.text}", "strong")
        if base in self.speculation_verbs and token.pos_ == "VERB" and token.dep_ not in ("relcl", "amod", "acl"):
            return ("", "strong")
        if lower == "whether" and token.dep_ == "mark" and token.head.dep_ in ("csubj", "csubjpass"):
            return ("", "strong")
        if base in self.open_adjectives and token.pos_ == "ADJ" and token.dep_ in ("acomp", "ROOT", "oprd", "conj", "attr"):
            return ("", "strong")
        if (
            (base in self.negated_adjectives or lower in self.negated_adjectives)
            and token.pos_ in ("ADJ", "VERB")
            and token.dep_ in ("acomp", "ROOT", "oprd", "conj")
        ):
            negation = _negation(token)
            question = any(c.dep_ == "ccomp" for c in token.children) or any(
                c.lower_ == "it" for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")
            )
            if negation is not None and (question or any(c.lower_ == "it" for c in token.children if c.dep_ in ("nsubj", "nsubjpass"))):
                return (f"{negation.text} {token.text}" if negation.i == token.i - 1 else token.text, "strong")
            return None
        if base in self.predicate_adjectives and token.pos_ == "ADJ" and token.dep_ in ("acomp", "oprd", "ROOT", "attr", "conj"):
            return ("", "strong")
        if base in ("verify", "corroborate") and token.tag_ == "VBN" and _negation(token) is not None:
            return ("", "strong")
        if lower == "according" and _next_lower(token) == "to":
            pobj = next((c for c in token.nbor().children if c.dep_ == "pobj"), None)
            if pobj is not None and lemma(pobj).lower() in self.anonymous:
                return (f"according to {pobj.text}" if pobj.i == token.i + 2 else "according to", "strong")
        return None

    def _word(self, token: Token, lower: str) -> tuple[str, str] | None:
        if lower in ("maybe", "perhaps", "possibly") and token.i + 1 < len(token.doc) and token.nbor().tag_ == "CD":
            return None  # "maybe three seconds": an approximation
        if lower in ("possible", "likely", "unlikely") and token.dep_ == "amod" and token.head.lower_ in ("best", "only"):
            return None
        return ("", self.words[lower])

    def _conditional(self, token: Token) -> tuple[str, str] | None:
        lower = token.lower_
        if lower in _CONDITIONAL_MARKS:
            if token.dep_ not in ("mark", "advmod", "prep"):
                return None
            if token.i > 0 and token.nbor(-1).lower_ in ("as", "even"):
                return None
            clause = token.head
            if token.dep_ == "mark" and clause.dep_ in ("ccomp", "xcomp", "dobj", "pcomp"):
                return None  # "asked if", "wondered if": an indirect question
        elif lower in ("provided", "providing"):
            if not (token.i == token.sent.start or token.nbor(-1).is_punct or _next_lower(token) == "that"):
                return None
        if self._in_reported_clause(token):
            return None
        return ("", "strong")

    def _hope(self, token: Token) -> tuple[str, str] | None:
        if token.tag_ in ("VBD", "VBN") or token.dep_ in _EMBEDDED_DEPS or _past_infinitive(token):
            return None
        return ("", "strong")

    def _opinion(self, token: Token) -> tuple[str, str] | None:
        """ "A second camp thinks it is the Warden": a present-tense opinion with a clause."""
        if token.pos_ != "VERB" or token.tag_ not in ("VBZ", "VBP") or token.dep_ in _EMBEDDED_DEPS:
            return None
        return ("", "strong") if _has_child(token, "ccomp") else None

    def _familiar(self, token: Token) -> tuple[str, str] | None:
        """ "according to people familiar with the talks": anonymous sourcing on deliberations."""
        if token.head.lower_ not in self.familiar_people and lemma(token.head).lower() not in self.familiar_people:
            return None
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "with"), None)
        if prep is None:
            return None
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None or (pobj.lower_ not in self.deliberation_nouns and lemma(pobj).lower() not in self.deliberation_nouns):
            return None
        return (f"familiar with the {pobj.text}" if pobj.i == token.i + 3 else "familiar with", "strong")

    def _expect(self, token: Token) -> tuple[str, str] | None:
        if token.pos_ not in ("VERB", "ADJ") or token.dep_ in ("amod", "pcomp"):
            return None
        aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "VBD" and a.lower_ in ("did", "had") for a in aux) or _negation(token) is not None:
            return None  # "did not expect", "had been expected": past or negated
        if token.dep_ == "relcl" and not _has_child(token, "auxpass"):
            return None  # "the renewal fans expect"
        if token.tag_ == "VBG" and token.dep_ == "xcomp":
            return None  # "you keep expecting"
        if _past_infinitive(token):
            return None  # "the cast had been told to expect": a past expectation, narrated
        previous = token.nbor(-1).lower_ if token.i > 0 else ""
        if previous in ("as", "than", "had", "been") and not _has_child(token, "xcomp"):
            return None
        if token.tag_ in ("VBZ", "VBP", "VB", "VBG"):
            return ("", "strong")
        if token.tag_ == "VBN" and (_has_child(token, "xcomp") or _has_child(token, "auxpass")):
            return ("", "strong")
        return None

    def _possibility_noun(self, token: Token) -> bool:
        head = token.head
        if token.dep_ == "pobj" and head.lower_ in ("amid", "amidst"):
            return True
        if token.dep_ == "ROOT" and token.pos_ == "NOUN" and token.i == token.sent.start:
            return True  # "Speculation among fans centres on ...", parsed without its verb
        if token.dep_ not in ("nsubj", "nsubjpass", "attr"):
            return False
        if not (head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT")):
            return False
        if lemma(head) != "be" and (head.tag_ in _PAST or any(c.dep_ == "aux" and c.lower_ == "had" for c in head.children)):
            return False  # "Rumours began circulating in the spring": a past episode
        return True

    # --- scope ---------------------------------------------------------------------------------

    def _modal_cancelled(self, token: Token) -> bool:
        lower = token.lower_
        clause = token.head
        if (
            lower in ("would", "could")
            and any(c.dep_ == "neg" for c in clause.children if c.i > token.i)
            and token.i + 1 < len(token.doc)
            and token.nbor().lower_ in ("not", "n't", "never")
        ):
            return True
        if token.i + 1 < len(token.doc) and token.nbor().text in ("-", "\u2011"):
            return True  # "would-be boxer"
        if lower in ("would", "could") and any(c.dep_ == "nsubj" and _negative_subject(c) for c in clause.children):
            return True  # "None of them would comment": a refusal
        if _in_indirect_question(token):
            return True
        if clause.dep_ == "acl" and clause.head.dep_ == "pobj" and clause.head.head.lower_ not in ("amid", "amidst"):
            return True  # "in the hope that another streamer might step in": not the assertion
        mark = next((c for c in clause.children if c.dep_ == "mark"), None)
        if lower in ("could", "would", "might") and (
            (mark is not None and mark.lower_ in _SUBORDINATE_MARKS)
            or (clause.dep_ == "pcomp" and clause.head.lower_ in _SUBORDINATE_MARKS)
        ):
            return True
        if lower in ("would", "should", "will") and self._in_reported_clause(token):
            return True
        return False

    def _in_reported_clause(self, token: Token) -> bool:
        """Inside what a named speaker said, announced or confirmed: their words, not a hedge."""
        node = token
        for _ in range(6):
            head = node.head
            if head is node:
                return False
            if node.dep_ in _CLAUSE_DEPS and lemma(head).lower() in self.reporting:
                subject = _subject(head)
                if subject is None and head.dep_ in ("advcl", "xcomp", "conj"):
                    subject = _subject(head.head)  # "X condemned the move, saying ..."
                return subject is not None and self._named(subject)
            node = head
        return False

    def _named(self, subject: Token) -> bool:
        """A named party (a name, a pronoun for one, "the network"), not an anonymous source."""
        base = lemma(subject).lower()
        if base in self.anonymous:
            return False
        if base in self.official_speakers or subject.lower_ in self.official_speakers:
            return True  # "a club spokesperson", "a representative for the network"
        if subject.pos_ in ("PROPN", "PRON"):
            return subject.lower_ not in ("one", "some", "others", "many", "few")
        words = {c.lower_ for c in subject.children if c.dep_ in ("det", "poss", "nummod")}
        if words & _DEFINITE or any(c.pos_ == "PROPN" for c in subject.children if c.dep_ in ("compound", "poss")):
            return True
        return False

    def _blocked_positions(self, lowers: list[str]) -> set[int]:
        blocked: set[int] = set()
        for i, lower in enumerate(lowers):
            for phrase in self.blockers.get(lower, ()):
                if tuple(lowers[i : i + len(phrase)]) == phrase:
                    blocked.update(range(i, i + len(phrase)))
        return blocked


def _negative_subject(subject: Token) -> bool:
    """ "None of them", "Neither actor", "nobody": a refusal, not a hedge."""
    if subject.lower_ in ("none", "nobody", "neither", "noone"):
        return True
    return any(c.dep_ == "det" and c.lower_ in ("neither", "no") for c in subject.children)


def _has_child(token: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in token.children)


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _negation(token: Token) -> Token | None:
    neg = next((c for c in token.children if c.dep_ == "neg"), None)
    if neg is None and token.dep_ in ("acomp", "oprd"):
        neg = next((c for c in token.head.children if c.dep_ == "neg"), None)
    return neg


def _next_lower(token: Token) -> str:
    return token.nbor().lower_ if token.i + 1 < len(token.doc) else ""


def _past_infinitive(token: Token) -> bool:
    """ "led viewers to hope", "had been told to expect": an infinitive under a past verb."""
    if token.tag_ != "VB" or token.dep_ not in ("xcomp", "ccomp") or not any(c.tag_ == "TO" for c in token.children):
        return False
    governor = token.head
    if governor.tag_ == "VBD":
        return True
    return governor.tag_ == "VBN" and any(
        c.lower_ in ("had", "was", "were", "been") for c in governor.children if c.dep_ in ("aux", "auxpass")
    )


def _inverted_subject(token: Token) -> bool:
    """ "Were the ratings to improve", "Had the network acted": an auxiliary before its subject."""
    if token.i + 1 >= len(token.doc):
        return False
    following = token.nbor()
    return following.pos_ in ("DET", "PROPN", "PRON") and following.lower_ not in ("there", "it", "been", "be")


def _in_indirect_question(token: Token) -> bool:
    """The modal is inside a whether/if clause that is the object of a verb ("did not say whether")."""
    node = token.head
    for _ in range(4):
        mark = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in ("whether", "if")), None)
        if mark is not None:
            return node.dep_ in ("ccomp", "xcomp", "dobj", "pcomp", "pobj") or (
                mark.lower_ == "whether" and node.dep_ in ("csubj", "csubjpass", "advcl")
            )
        if node.dep_ in ("ROOT", "relcl") or node.head is node:
            return False
        node = node.head
    return False
