"""Quotations with their speakers and outlets.

The ``articlenlp_quotes`` component reads the layout and entities set by the
components before it and sets ``doc._.quotes`` (``list[Quote]``) and
``doc.spans["articlenlp_quotes"]`` (labelled by kind). Quotations are stretches in
quotation marks (:mod:`.scanner`) plus the answers of prefixed Q/A interviews
(:mod:`.interview`; config ``qa_answers``, off by default because the gold format counts
only words in quotation marks as quotes); speakers and outlets come from :mod:`.attribution`.
Turn it on with ``nlp.add_pipe("articlenlp_quotes", config={"qa_answers": True})`` or, on
a loaded Analyzer, ``analyzer.nlp.get_pipe("articlenlp_quotes").qa_answers = True``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..layout import HEADLINE, lowers_of, sentence_of, text_of
from ..lemmas import lemma
from ..types import Quote
from .attribution import AttributionCues, Attributor, Candidate, Speaker
from .interview import find_interview
from .scanner import QuoteSpan, scan_doc_quotes

SPAN_KEY = "articlenlp_quotes"
_SENTENCE_END = ".!?…"
_DASHES = "—–-"


@Language.factory("articlenlp_quotes", default_config={"qa_answers": False})
def make_quotes(nlp: Language, name: str, qa_answers: bool = False) -> QuoteExtractor:
    return QuoteExtractor(qa_answers=qa_answers)


class QuoteExtractor:
    """Finds quotations and attributes them (see the package docstring).

    ``qa_answers``: emit the answers of a prefixed Q/A interview as block quotes of the
    interviewee (see :mod:`.interview`).
    """

    def __init__(self, qa_answers: bool = False) -> None:
        self.cues = AttributionCues()
        self.qa_answers = qa_answers

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        paragraphs = [(b.start, b.end) for b in doc._.blocks]
        spans = [s for s in scan_doc_quotes(doc, text) if self._is_quotation(doc, s)]
        attributor = Attributor(doc, self.cues, [(s.open_mark, s.close_mark + 1) for s in spans])
        interview = find_interview(doc, attributor, self.cues)
        answers: list[Quote] = []
        if interview is not None:
            attributor.first_person = [(s, e, interview.interviewee) for s, e in interview.answer_ranges]
            attributor.second_person = [(s, e, interview.interviewee) for s, e in interview.question_ranges]
            if self.qa_answers and interview.answers:
                # A quotation inside an answer is part of it (quotes never overlap).
                spans = [s for s in spans if not any(a.start <= s.open_mark < a.end for a in interview.answers)]
                attributor.quote_chars = [(s.open_mark, s.close_mark + 1) for s in spans] + [(a.start, a.end) for a in interview.answers]
                answers = [
                    Quote(text[a.start : a.end], a.start, a.end, "block", a.speaker.entity_id, a.speaker.name, interview.outlet)
                    for a in interview.answers
                ]
        quotes: list[Quote] = []
        previous: tuple[QuoteSpan, Speaker, str | None] | None = None
        for span in spans:
            kind = _kind(text, span, paragraphs)
            speaker, outlet = self._attribute(doc, attributor, span, kind, paragraphs, previous)
            quotes.append(Quote(text[span.start : span.end], span.start, span.end, kind, speaker.entity_id, speaker.name, outlet))
            previous = (span, speaker, outlet)
        quotes = sorted(quotes + answers, key=lambda q: q.start)
        doc._.quotes = quotes
        doc.spans[SPAN_KEY] = [s for q in quotes if (s := doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")) is not None]
        return doc

    def _is_quotation(self, doc: Doc, span: QuoteSpan) -> bool:
        """Not scare quotes, titles or nicknames."""
        if _is_title(doc, span):
            return False
        before_words = text_of(doc)[max(0, span.open_mark - 24) : span.open_mark].rstrip(" :,").lower()
        if before_words.endswith(self.cues.not_quote_after):
            return False  # the hashtag "...", a show titled "..."
        words = text_of(doc)[span.start : span.end].split()
        if len(words) > 3 or text_of(doc)[span.end - 1] in _SENTENCE_END + ",":
            return True
        if all(w[:1].isupper() or not w[:1].isalpha() for w in words) and not _has_reporting_cue(doc, span, self.cues):
            return False
        before = text_of(doc)[max(0, span.open_mark - 2) : span.open_mark].strip()
        after = text_of(doc)[span.close_mark + 1 : span.close_mark + 3].strip()
        if before[-1:].isalpha() and after[:1].isupper():
            return False  # nickname between given name and surname
        return _has_reporting_cue(doc, span, self.cues)

    def _attribute(self, doc: Doc, attributor: Attributor, span: QuoteSpan, kind: str, paragraphs, previous) -> tuple[Speaker, str | None]:
        """Speaker: the reporting verb the quote hangs on or one of its own sentence; for a
        block quote, a self-introduction, the paragraph introducing it ("X said:", or a last
        sentence with a reporting verb: "X shared a letter on Monday.") or the attribution
        after it ("— X, in a statement"); the interviewee for a quote in an interview's
        answer; the subject of a sentence that ends in a colon before the quote ("X was more
        cautious: ..."); else the speaker of the quote just before, when no other
        attribution comes between (a run of quotes by one speaker); else a verb of another
        sentence of the paragraph; else, in a headline, the person it names."""
        text = text_of(doc)
        first, last = _paragraph_range(span, paragraphs)
        window = (paragraphs[first][0], paragraphs[last][1])
        candidates = attributor.candidates(window[0], window[1], span.open_mark, span.close_mark)
        own = [c for c in candidates if c.governs or c.same_sentence]
        speaker = attributor.speaker_of(_colon_lead_in(doc, attributor, candidates, window[0], span.open_mark)) or attributor.speaker_of(
            own
        )
        intro = paragraphs[first - 1] if first > 0 else None
        introduces = intro is not None and text[intro[0] : intro[1]].rstrip().endswith(":")
        opens_paragraph = text[window[0] : span.open_mark].strip() == ""
        source: tuple[int, int] | None = intro if introduces else None
        if speaker is None:
            speaker = attributor.words_of(span.open_mark)
        if kind == "block" or speaker is None:
            speaker = attributor.self_introduced(span.start, span.end) or speaker
        if speaker is None and introduces and intro:
            speaker = attributor.speaker_in(intro[0], intro[1], near=intro[1]) or attributor.statement_author_in(*intro)
        if speaker is None and kind == "block" and opens_paragraph:
            after = paragraphs[last + 1] if last + 1 < len(paragraphs) else None
            found = self._signature_after(doc, attributor, after) if after else None
            if found is not None:
                speaker, source = found, after
            elif intro is not None and not introduces:
                speaker = self._lead_in(doc, attributor, intro)
                source = intro if speaker is not None else None
        if speaker is None:
            speaker = attributor.answerer_at(span.open_mark)
        if speaker is None and ":" in text[window[0] : span.open_mark]:
            speaker = attributor.colon_subject(span.open_mark)
        follows = previous is not None and _follows(previous[0], span, paragraphs) and bool(previous[1].entity_id or previous[1].name)
        if speaker is None and follows and not introduces:
            between = [c for c in candidates if previous[0].close_mark < c.verb.idx < span.open_mark]
            if not between:
                speaker = previous[1]
        if speaker is None:
            speaker = attributor.speaker_of([c for c in candidates if c not in own])
        if speaker is None and follows:
            speaker = previous[1]
        if speaker is None and doc._.blocks and doc._.blocks[0].kind == HEADLINE and span.close_mark < doc._.blocks[0].end:
            speaker = attributor.first_person_in(doc._.blocks[0].start, doc._.blocks[0].end, (span.open_mark, span.close_mark + 1))
        speaker = speaker or Speaker(None, None)
        outlet = self._outlet(doc, attributor, span, speaker, window, source, previous)
        if outlet is None and speaker.entity_id is None and speaker.name and attributor.is_publication(speaker.name):
            outlet = speaker.name  # "Libération called the finale "..."": the paper in its own pages
        return speaker, outlet

    def _lead_in(self, doc: Doc, attributor: Attributor, intro: tuple[int, int]) -> Speaker | None:
        """'Arinze said in a statement that ...' / 'X's agency shared a letter from her.' ending
        the paragraph before a block quote: the speaker its last sentence reports."""
        text = text_of(doc)
        if text[intro[0] : intro[1]].rstrip()[-1:] not in _SENTENCE_END:
            return None  # a heading or a list line
        end = doc.char_span(intro[0], intro[1], alignment_mode="expand")
        if end is None or not len(end):
            return None
        last = sentence_of(end[-1])
        start = max(intro[0], last.start_char)
        return attributor.speaker_in(start, intro[1], near=intro[1]) or attributor.statement_author_in(start, intro[1])

    def _signature_after(self, doc: Doc, attributor: Attributor, after: tuple[int, int]) -> Speaker | None:
        """The attribution placed after a block quote: a dash-led line ('— X, in a statement')
        or a first sentence that reports the statement ('X said in the statement released
        Tuesday.', 'the letter was signed by X')."""
        text = text_of(doc)
        line = text[after[0] : after[1]]
        if line[:1] in _DASHES:
            names = attributor.first_person_in(after[0], after[1], (0, 0)) or attributor.speaker_in(after[0], after[1], near=after[0])
            if names is not None:
                return names
            name = re.match(r"[—–-]+\s*([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})", line)
            return Speaker(None, name.group(1)) if name else None
        span = doc.char_span(after[0], after[1], alignment_mode="expand")
        if span is None or not len(span):
            return None
        sentence = sentence_of(span[0])
        words = lowers_of(doc)[sentence.start : sentence.end]
        refers = any(w in ("the", "that", "this") and n in self.cues.statements for w, n in zip(words, words[1:], strict=False))
        if not refers or any(attributor.inside_quote(t) for t in sentence):
            return None
        return attributor.speaker_in(sentence.start_char, sentence.end_char, near=sentence.start_char)

    def _outlet(self, doc: Doc, attributor: Attributor, span: QuoteSpan, speaker: Speaker, window, intro, previous) -> str | None:
        """The outlet cue nearest the quote in its own sentence; else one in an earlier sentence
        of the paragraph (or of the paragraph before, when the quote opens its paragraph) that
        names the speaker; else the block quote's intro; else, for a bare continuation ("...,"
        she said.) of the same speaker, the outlet of the quote before."""
        text = text_of(doc)
        sentence_start, sentence_end = _sentence_range(doc, span)
        own = attributor.outlets_in(sentence_start, sentence_end)
        if own:
            return min(own, key=lambda o: min(abs(o[0] - span.open_mark), abs(o[0] - span.close_mark)))[1]
        paragraphs = [(b.start, b.end) for b in doc._.blocks]
        first, _ = _paragraph_range(span, paragraphs)
        if attributor.refers_to_outlet(sentence_start, sentence_end):
            # "he told the outlet", "she said in the same interview": the outlet named last
            named_before = attributor.previous_outlet(span.open_mark, paragraphs[max(0, first - _ANAPHORA_PARAGRAPHS)][0])
            if named_before:
                return named_before
        region_start = window[0]
        if text[window[0] : span.open_mark].strip() == "" and first > 0:
            region_start = paragraphs[first - 1][0]
        if speaker.entity_id and region_start < sentence_start:
            earlier = attributor.outlets_in(region_start, sentence_start)
            for offset, name in reversed(earlier):
                if _names_entity(attributor, offset, speaker.entity_id):
                    return name
        if intro is not None:
            found = attributor.outlet_in(*intro)
            if found:
                return found
        employer = attributor.outlet_of_writer(speaker, span.open_mark)
        if employer:
            return employer  # "Dagbladet's Terje Ravnaas was less patient. '...,' he wrote"
        if previous is not None and previous[1] == speaker and _follows(previous[0], span, paragraphs):
            prose = text[sentence_start:sentence_end]
            for quote_start, quote_end in attributor.quote_chars:
                if sentence_start <= quote_start < sentence_end:
                    prose = prose.replace(text[quote_start:quote_end], " ")
            if len(re.findall(r"[A-Za-z]+", prose)) <= _BARE_ATTRIBUTION_WORDS:
                return previous[2]
        return None


_BARE_ATTRIBUTION_WORDS = 5
_ANAPHORA_PARAGRAPHS = 3


def _sentence_range(doc: Doc, span: QuoteSpan) -> tuple[int, int]:
    """Characters of the sentences the quotation marks fall in."""
    first = doc.char_span(span.open_mark, span.open_mark + 1, alignment_mode="expand")
    last = doc.char_span(span.close_mark, span.close_mark + 1, alignment_mode="expand")
    if first is None or last is None or not len(first) or not len(last):
        return span.open_mark, span.close_mark + 1
    return sentence_of(first[0]).start_char, sentence_of(last[-1]).end_char


def _names_entity(attributor: Attributor, char: int, entity_id: str) -> bool:
    """The sentence holding ``char`` mentions the entity."""
    span = attributor.doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    sentence = sentence_of(span[0])
    words = _name_words(attributor, entity_id)
    return any(
        (m.entity_id == entity_id or (words and _same_person(words, _name_words(attributor, m.entity_id))))
        and sentence.start <= m.token_start < sentence.end
        for m in attributor.mentions
    )


def _name_words(attributor: Attributor, entity_id: str) -> frozenset[str]:
    """The words of a person's name (the entity component may split one person in two:
    'Candela Ribas Aranguren' and 'Ribas')."""
    entity = attributor.entities.get(entity_id)
    return frozenset(entity.name.lower().split()) if entity is not None and entity.type == "PERSON" else frozenset()


def _same_person(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and bool(b) and (a <= b or b <= a)


def _is_title(doc: Doc, span: QuoteSpan) -> bool:
    """The quoted words are a title the entity component recognised."""
    inner = text_of(doc)[span.start : span.end].rstrip(",. ")
    work_ids = _work_ids(doc)
    works = [m for m in doc._.entity_mentions or [] if m.entity_id in work_ids]
    return any(m.start == span.start and m.end == span.start + len(inner) for m in works)


def _work_ids(doc: Doc) -> set[str]:
    return {e.id for e in doc._.entities or [] if e.type == "WORK"}


def _has_reporting_cue(doc: Doc, span: QuoteSpan, cues: AttributionCues) -> bool:
    sentence = doc.char_span(span.open_mark, span.close_mark + 1, alignment_mode="expand")
    if sentence is None:
        return False
    sent = sentence_of(sentence[0])
    for token in sent:
        if span.open_mark <= token.idx <= span.close_mark:
            continue
        if lemma(token).lower() in cues.verbs or (token.lower_ == "according") or token.lower_ in cues.representatives:
            return True
        if token.lower_ in cues.words_of_nouns and token.head.lower_ == "in":
            return True  # "in X's words", "in the words of X"
    return False


def _colon_lead_in(doc: Doc, attributor: Attributor, candidates: list[Candidate], paragraph_start: int, open_mark: int) -> list[Candidate]:
    """'In a post on X, she wrote: "..." Fans have read it as a wink.': when the quote follows a
    colon in its paragraph, the reporting verbs of the clause that ends in the colon come
    first, before any verb after the quote."""
    lead = text_of(doc)[paragraph_start:open_mark].rstrip()
    if not lead.endswith(":"):
        return []
    colon = paragraph_start + len(lead) - 1
    clause_start = max(paragraph_start, sentence_of(doc[_token_at(doc, colon)]).start_char)
    return sorted((c for c in candidates if clause_start <= c.verb.idx < colon), key=lambda c: colon - c.verb.idx)


def _token_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else 0


def _paragraph_range(span: QuoteSpan, paragraphs: list[tuple[int, int]]) -> tuple[int, int]:
    first = last = 0
    for index, (start, end) in enumerate(paragraphs):
        if start <= span.open_mark < end or (start <= span.open_mark and span.open_mark <= end):
            first = index
        if start <= span.close_mark <= end:
            last = index
            break
    return first, max(first, last)


def _kind(text: str, span: QuoteSpan, paragraphs: list[tuple[int, int]]) -> str:
    first, last = _paragraph_range(span, paragraphs)
    starts_paragraph = span.open_mark == paragraphs[first][0]
    ends_paragraph = text[span.close_mark + 1 : paragraphs[last][1]].strip() == ""
    if span.paragraphs > 1 or (starts_paragraph and ends_paragraph):
        return "block"
    quoted = text[span.start : span.end].lstrip("[(…. ")
    before = text[paragraphs[first][0] : span.open_mark].rstrip()
    if quoted[:1].islower() or (before and before[-1].isalnum() and not before.endswith(("said", "says", "added", "wrote"))):
        return "partial"
    if before.endswith(":") or not before or before[-1] in '.!?”"':
        return "direct"
    return "direct" if text[span.end - 1] in _SENTENCE_END + "," else "partial"


def _follows(earlier: QuoteSpan, later: QuoteSpan, paragraphs: list[tuple[int, int]]) -> bool:
    """Later quote is in the same paragraph as the earlier one or the next."""
    _, earlier_last = _paragraph_range(earlier, paragraphs)
    later_first, _ = _paragraph_range(later, paragraphs)
    return later_first - earlier_last <= 1


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
