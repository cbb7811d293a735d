"""The quote-mark scanner, on raw text and paragraph blocks only (no spaCy)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from articlenlp.layout import split_blocks
from articlenlp.quotes.scanner import QuoteSpan, scan_quotes

MARKS = "\"“”‘’'„«»‹›"


def _scan(text: str) -> list[QuoteSpan]:
    return scan_quotes(text, [(b.start, b.end) for b in split_blocks(text)])


def _quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in _scan(text)]


# --- double quotes --------------------------------------------------------------------


def test_straight_double_quotes():
    text = 'The actor said "we are thrilled to be back" during the panel on Friday.'
    assert _quoted(text) == ["we are thrilled to be back"]


def test_straight_double_quotes_at_paragraph_start():
    text = '"We are thrilled to be back," the actor said during the panel on Friday.'
    assert _quoted(text) == ["We are thrilled to be back,"]


def test_curly_double_quotes():
    text = "“We are thrilled to be back,” she said. “The fans waited a long time.”"
    assert _quoted(text) == ["We are thrilled to be back,", "The fans waited a long time."]


def test_span_offsets_point_at_the_marks():
    text = "Marsh called the finale “a love letter to the coast” in his statement."
    [span] = _scan(text)
    assert text[span.open_mark] == "“"
    assert text[span.close_mark] == "”"
    assert span.start == span.open_mark + 1
    assert span.end == span.close_mark
    assert span.paragraphs == 1


def test_two_quotes_in_different_paragraphs():
    text = '"It was a hard decision," Marsh said.\n\n"We are proud of it," Quill added.'
    assert _quoted(text) == ["It was a hard decision,", "We are proud of it,"]


# --- British single quotes and apostrophes ----------------------------------------------


def test_straight_single_quotes_with_apostrophes():
    text = "'We don't know yet,' she said, adding that the actors' union had not been consulted."
    assert _quoted(text) == ["We don't know yet,"]


def test_curly_single_quotes_with_apostrophes():
    text = "‘We don’t know yet,’ she said, adding that the actors’ union had not been consulted."
    assert _quoted(text) == ["We don’t know yet,"]


def test_plural_possessive_inside_a_single_quote_does_not_close_it():
    text = "‘We don’t know yet what the actors’ union will say,’ the producer said."
    assert _quoted(text) == ["We don’t know yet what the actors’ union will say,"]


def test_straight_plural_possessive_inside_a_single_quote_does_not_close_it():
    text = "'The writers' room opens in June, and we can't wait,' she said."
    assert _quoted(text) == ["The writers' room opens in June, and we can't wait,"]


def test_single_quotes_mid_sentence():
    text = "The director called the series ‘a love letter to the coast’ in an interview."
    assert _quoted(text) == ["a love letter to the coast"]


def test_apostrophes_only_are_not_quotes():
    text = "The actors' union and the writers' guild didn't comment on the producers' offer, and the show's future isn't clear."
    assert _quoted(text) == []


def test_curly_apostrophes_only_are_not_quotes():
    text = "The actors’ union and the writers’ guild didn’t comment on the producers’ offer, and the show’s future isn’t clear."
    assert _quoted(text) == []


def test_decade_apostrophe_is_not_an_opening_mark():
    text = "The show, a staple of '90s television, was revived by the writers' collective last year."
    assert _quoted(text) == []


def test_decade_apostrophe_before_a_real_quote():
    text = "The '90s sitcom is back, and its creator called the revival ‘a second chance’ on Monday."
    assert _quoted(text) == ["a second chance"]


# --- nesting ----------------------------------------------------------------------------


def test_nested_single_inside_double_gives_one_outer_quote():
    text = "“When the network told us ‘we need one more season,’ we started writing the next day,” Marsh said."
    assert _quoted(text) == ["When the network told us ‘we need one more season,’ we started writing the next day,"]


def test_nested_double_inside_single_gives_one_outer_quote():
    text = "‘He told me “we are done”, and I cried for a week,’ she said."
    assert _quoted(text) == ["He told me “we are done”, and I cried for a week,"]


def test_nested_straight_quotes_give_one_outer_quote():
    text = "\"When he said 'that's a wrap' I cried,\" she recalled."
    spans = _scan(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end] == "When he said 'that's a wrap' I cried,"


# --- block quotes across paragraphs -------------------------------------------------------


def test_block_quote_each_paragraph_reopens():
    text = (
        "The network said in a statement:\n"
        "\n"
        "“We are proud of what the team built over three seasons.\n"
        "\n"
        "“The decision was not an easy one.\n"
        "\n"
        "“We thank the fans for their loyalty.”\n"
        "\n"
        "The series finale airs on Friday."
    )
    spans = _scan(text)
    assert len(spans) == 1
    span = spans[0]
    assert span.paragraphs == 3
    quoted = text[span.start : span.end]
    assert quoted.startswith("We are proud of what the team built")
    assert quoted.endswith("We thank the fans for their loyalty.")
    assert "The series finale" not in quoted


def test_block_quote_with_straight_marks_each_paragraph_reopens():
    text = (
        "Marsh wrote on Instagram:\n"
        "\n"
        '"This show changed my life.\n'
        "\n"
        '"Thank you for every letter and every theory."\n'
        "\n"
        "Netflix has not commented."
    )
    assert _quoted(text) == ['This show changed my life.\n\n"Thank you for every letter and every theory.']


def test_block_quote_only_first_opens_and_last_closes():
    text = (
        "Quill posted a long message to fans.\n"
        "\n"
        "“We are proud of what the team built.\n"
        "\n"
        "The decision was not an easy one.\n"
        "\n"
        "We thank the fans for their loyalty.”\n"
        "\n"
        "The series finale airs on Friday."
    )
    spans = _scan(text)
    assert len(spans) == 1
    assert spans[0].paragraphs == 3
    assert text[spans[0].start : spans[0].end] == (
        "We are proud of what the team built.\n\nThe decision was not an easy one.\n\nWe thank the fans for their loyalty."
    )


# --- unclosed marks -----------------------------------------------------------------------


def test_stray_mark_mid_paragraph_does_not_swallow_the_article():
    text = (
        "Quill wrote “thank you for everything on Instagram on Sunday.\n"
        "\n"
        "The series ended in 2019 after four seasons.\n"
        "\n"
        'Fans said "goodbye" in their thousands.\n'
        "\n"
        "A reunion special aired in 2022."
    )
    assert _quoted(text) == ["goodbye"]


def test_stray_mark_at_paragraph_start_does_not_swallow_the_article():
    text = (
        "“We loved every minute of it, the star wrote on Sunday.\n"
        "\n"
        "The series ended in 2019 after four seasons.\n"
        "\n"
        "Her co-star called the finale “a gift” in a reply.\n"
        "\n"
        "A reunion special aired in 2022."
    )
    assert _quoted(text) == ["a gift"]


def test_stray_closing_mark_alone_is_ignored():
    text = "The set was 40 feet wide” and built in a disused warehouse in Bristol."
    assert _quoted(text) == []


# --- property: never raises, spans are well formed ------------------------------------------

_PIECES = st.sampled_from(
    ["the", "show", "said", "Netflix", "don't", "actors'", "'90s", "it", ".", ",", ":", "(", ")", " ", " ", " ", "\n", "\n\n", "\n\n"]
    + list("\"“”‘’'")
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(alphabet="ab \n\"“”‘’'", max_size=6)), max_size=80))
def test_scanner_property_well_formed_spans(pieces):
    text = "".join(pieces)
    paragraphs = [(b.start, b.end) for b in split_blocks(text)]
    spans = scan_quotes(text, paragraphs)
    previous_close = -1
    for span in spans:
        assert 0 <= span.open_mark < span.start <= span.end <= span.close_mark < len(text)
        assert span.start <= span.end
        assert text[span.open_mark] in MARKS
        assert text[span.close_mark] in MARKS
        assert span.open_mark > previous_close, "spans overlap or are out of order"
        previous_close = span.close_mark
    for a in spans:
        for b in spans:
            if a is not b:
                assert not a.overlaps(b)


def test_block_quote_opened_after_an_intro_in_the_same_paragraph():
    text = (
        "A spokesperson for the channel said: ‘We thank the crew for four wonderful years.\n"
        "\n"
        "‘The door is not closed on a special.’\n"
        "\n"
        "The finale airs on Sunday."
    )
    spans = _scan(text)
    assert len(spans) == 1
    assert spans[0].paragraphs == 2
    assert text[spans[0].start : spans[0].end] == "We thank the crew for four wonderful years.\n\n‘The door is not closed on a special."


def test_unclosed_mark_mid_paragraph_does_not_swallow_a_paragraph_without_marks():
    text = 'Talbot said "we are done here.\n\nThe network declined to comment.\n\n"Goodbye," he added.'
    assert _quoted(text) == ["Goodbye,"]
