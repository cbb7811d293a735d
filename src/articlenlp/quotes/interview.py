"""Question/answer interviews.

An interview is a run of body paragraphs whose prefixes mark who speaks: ``Q:``/``A:``,
``Q.``/``A.``, or names (``Variety: ...``, ``Park: ...``, ``KIM: ...``); prefixed questions
may also be followed by plain answer paragraphs. Each answer (the
prefixed paragraph and any unprefixed paragraphs that continue it before the next
question) is one block quote of the interviewee; a quotation inside an answer is part of
it. The interviewee is the person an answer prefix names, or, for a bare ``A:``, the
person the intro says was interviewed ("X spoke to us", "in an interview with X",
"Interview: X on ...", a headline "X on ..."); the outlet is the one the intro names.

Questions are not emitted as quotes: they are the publication's own words, like the
writer's prose around a quote, and a newsroom user looks for what the interviewee said.
A quotation inside a question ("You once said 'never again'") is attributed as usual,
with "you" resolved to the interviewee.

Reader mailbags (questions signed "— Marisol in Tucson", answered by the columnist) and
Q/A runs whose interviewee cannot be named are not interviews: their answers are the
writer's own prose.

Interviews laid out without prefixes (questions as their own paragraphs ending in "?")
are recognised too, but only to resolve "I"/"me" in their answers and "you" in their
questions; their answers are not emitted, since nothing but the layout marks them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc

from ..data import load as load_data
from ..layout import BODY, HEADING, HEADLINE, sentence_of, text_of
from ..lemmas import lemma
from .attribution import AttributionCues, Attributor, Speaker

_PREFIX = re.compile(r"[*_]*(?P<label>[A-Z][\w'’&-]*(?: [A-Z][\w'’&-]*){0,2})[*_]*\s*(?P<sep>[:.])[*_]*\s+(?=\S)")
_SIGNATURE = re.compile(r"[—–]\s*[A-Z][\w'’-]+(?:[ ,][^.?!]{0,40})?$")


@dataclass
class Answer:
    start: int
    end: int
    paragraphs: int
    speaker: Speaker


@dataclass
class Interview:
    interviewee: Speaker
    outlet: str | None
    answers: list[Answer] = field(default_factory=list)
    # Character ranges of answer and question paragraphs (prefixes included).
    answer_ranges: list[tuple[int, int]] = field(default_factory=list)
    question_ranges: list[tuple[int, int]] = field(default_factory=list)


def find_interview(doc: Doc, attributor: Attributor, cues: AttributionCues) -> Interview | None:
    """The interview laid out in ``doc``, if any (see the module docstring)."""
    text = text_of(doc)
    blocks = doc._.blocks or []
    labelled = _labelled_paragraphs(text, blocks, attributor, cues)
    if labelled:
        interview = _prefixed(text, blocks, labelled, attributor, cues)
        if interview is not None:
            return interview
    return _unprefixed(text, blocks, attributor, cues)


def _labelled_paragraphs(text: str, blocks, attributor: Attributor, cues: AttributionCues) -> dict[int, tuple[str, int, str | None]]:
    """Block index -> (role 'Q'/'A'/'?', end of the prefix, entity id of a named answerer)."""
    question_labels = set(cues.interview["question_labels"])
    answer_labels = set(cues.interview["answer_labels"])
    found: dict[int, tuple[str, int, str | None]] = {}
    for index, block in enumerate(blocks):
        if block.kind == HEADLINE:
            continue
        match = _PREFIX.match(text, block.start, block.end)
        if match is None:
            continue
        label = match.group("label")
        lower = label.lower()
        if match.group("sep") == "." and len(label) > 1:
            continue  # "Mr. Smith" or a sentence; only "Q." / "A." take a full stop
        if lower in question_labels:
            found[index] = ("Q", match.end(), None)
        elif lower in answer_labels:
            found[index] = ("A", match.end(), None)
        else:
            person, asks = _label_entity(label, attributor)
            if person is not None and not asks:
                found[index] = ("A", match.end(), person)
            elif asks:
                found[index] = ("Q", match.end(), person)  # person: the outlet's name, if the label is one
            elif match.group("sep") == ":":
                found[index] = ("?", match.end(), label)
    return found


def _label_entity(label: str, attributor: Attributor) -> tuple[str | None, bool]:
    """(person entity id a label names, False) for an interviewee; (outlet name or None, True)
    for the interviewer: a journalist or an organisation (a known outlet even if NER missed it)."""
    key = label.lower().replace("’", "'")
    person: str | None = None
    organisation: str | None = None
    asks = False
    for entity in attributor.entities.values():
        names = [entity.name, *entity.aliases]
        words = {w.lower() for n in names for w in n.split()}
        if key not in {n.lower().replace("’", "'") for n in names} and key not in words:
            continue
        if entity.type == "PERSON" and "journalist" in entity.roles:
            asks = True
        elif entity.type == "PERSON":
            person = person or entity.id
        elif entity.type == "ORG" and organisation is None:
            organisation = entity.name
    if person is not None:  # "KIM:" may also have been read as an organisation
        return person, False
    if label in _known_outlets():
        return label, True
    return organisation, asks or organisation is not None


@cache
def _known_outlets() -> frozenset[str]:
    return frozenset(load_data("organisations.json").get("outlet", []))


def _prefixed(text: str, blocks, labelled, attributor: Attributor, cues: AttributionCues) -> Interview | None:
    # An unknown label that always comes right before answers is the interviewer's.
    unknown = {label for role, _, label in labelled.values() if role == "?"}
    for label in unknown:
        indices = [i for i, (role, _, lab) in labelled.items() if role == "?" and lab == label]
        next_roles = [_next_role(labelled, i) for i in indices]
        role = "Q" if len(indices) >= 2 and all(r == "A" for r in next_roles) else ""
        for i in indices:
            if role:
                labelled[i] = ("Q", labelled[i][1], None)
            else:
                del labelled[i]
    questions = sorted(i for i, (role, _, _) in labelled.items() if role == "Q")
    answers = sorted(i for i, (role, _, _) in labelled.items() if role == "A")
    if not answers and len(questions) >= 2:
        # "Q. ..." questions with plain answers: the paragraph after each question answers it
        for i in questions:
            if i + 1 < len(blocks) and i + 1 not in labelled and blocks[i + 1].kind == BODY:
                labelled[i + 1] = ("A", blocks[i + 1].start, None)
                answers.append(i + 1)
    if not questions or not answers or len(questions) + len(answers) < 3:
        return None
    signatures = sum(bool(_SIGNATURE.search(text[blocks[i].start : blocks[i].end].rstrip())) for i in questions)
    if signatures * 2 >= len(questions):
        return None  # a reader mailbag answered by the columnist
    first = min(questions[0], answers[0])
    interviewee, outlet = _intro(text, blocks, first, attributor, cues)
    outlet = outlet or next((labelled[i][2] for i in questions if labelled[i][2]), None)
    interview = Interview(interviewee or Speaker(None, None), outlet)
    last_question = questions[-1]
    for index in answers:
        _, prefix_end, person = labelled[index]
        speaker = Speaker(person, attributor.entities[person].name) if person else interviewee
        if speaker is None or (speaker.entity_id is None and speaker.name is None):
            continue
        end_index = index
        while (
            end_index + 1 < len(blocks)
            and end_index + 1 not in labelled
            and blocks[end_index + 1].kind == BODY
            and end_index + 1 < last_question
        ):
            end_index += 1  # continued answer, up to the next question
        end = blocks[end_index].end
        interview.answers.append(Answer(prefix_end, end, end_index - index + 1, speaker))
        interview.answer_ranges.append((blocks[index].start, end))
    for index in questions:
        interview.question_ranges.append((blocks[index].start, blocks[index].end))
    return interview if interview.answers else None


def _next_role(labelled, index: int) -> str:
    later = [i for i in labelled if i > index]
    return labelled[min(later)][0] if later else ""


def _unprefixed(text: str, blocks, attributor: Attributor, cues: AttributionCues) -> Interview | None:
    """Questions as paragraphs of their own ending in '?', answers after them."""
    questions = [
        i
        for i, b in enumerate(blocks)
        if b.kind in (BODY, HEADING)
        and text[b.start : b.end].rstrip().endswith("?")
        and i + 1 < len(blocks)
        and blocks[i + 1].kind == BODY
        and not text[blocks[i + 1].start : blocks[i + 1].end].rstrip().endswith("?")
    ]
    if len(questions) < 2:
        return None
    interviewee, outlet = _intro(text, blocks, questions[0], attributor, cues, require_cue=True)
    if interviewee is None:
        return None
    interview = Interview(interviewee, outlet)
    for n, index in enumerate(questions):
        stop = questions[n + 1] if n + 1 < len(questions) else index + 2
        interview.question_ranges.append((blocks[index].start, blocks[index].end))
        interview.answer_ranges.append((blocks[index + 1].start, blocks[min(stop, len(blocks)) - 1].end))
    return interview


def _intro(
    text: str, blocks, first: int, attributor: Attributor, cues: AttributionCues, require_cue: bool = False
) -> tuple[Speaker | None, str | None]:
    """The interviewee and the outlet named before the first question."""
    doc = attributor.doc
    lemmas = set(cues.interview["intro_lemmas"])
    best: tuple[int, str] | None = None
    outlet = None
    if first > 0:
        span = doc.char_span(blocks[0].start, blocks[first - 1].end, alignment_mode="expand")
        for token in span if span is not None else []:
            if lemma(token).lower() not in lemmas or attributor.inside_quote(token):
                continue
            sentence = sentence_of(token)
            people = [
                m
                for m in attributor.mentions
                if sentence.start <= m.token_start < sentence.end
                and attributor.entities[m.entity_id].type == "PERSON"
                and "journalist" not in attributor.entities[m.entity_id].roles
                and not attributor.inside_quote(doc[m.token_start])
            ]
            outlet = attributor.outlet_in(sentence.start_char, sentence.end_char) or outlet
            if people:
                nearest = min(people, key=lambda m: abs(m.token_start - token.i))
                best = (token.i, nearest.entity_id)
            elif any(t.lower_ in ("he", "she", "they") and t.dep_ == "nsubj" for t in sentence):
                previous = attributor.previous_person(sentence.start_char)  # "She sat down with us"
                best = (token.i, previous) if previous else best
    if best is None:
        headline = blocks[0] if blocks and blocks[0].kind == HEADLINE else None
        words = tuple(cues.interview["headline_words"])
        if headline is not None and (not require_cue or any(w in text[headline.start : headline.end].lower() for w in words)):
            speaker = attributor.first_person_in(headline.start, headline.end, (0, 0))
            return speaker, None
        return None, None
    entity_id = best[1]
    return Speaker(entity_id, attributor.entities[entity_id].name), outlet
