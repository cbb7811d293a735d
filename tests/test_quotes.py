"""Quotations through the pipeline: speakers, outlets, kinds, and what is not a quote."""

from __future__ import annotations

import pytest

from articlenlp.types import Analysis, Quote


def _analyze(analyzer, text: str) -> Analysis:
    return analyzer.analyze(text)


def _only_quote(analysis: Analysis) -> Quote:
    assert len(analysis.quotes) == 1, [q.text for q in analysis.quotes]
    return analysis.quotes[0]


def _speaker_entity_name(analysis: Analysis, quote: Quote) -> str | None:
    entity = analysis.entity(quote.speaker)
    return entity.name if entity else None


def _quote_with(analysis: Analysis, fragment: str) -> Quote:
    found = [q for q in analysis.quotes if fragment in q.text]
    assert len(found) == 1, (fragment, [q.text for q in analysis.quotes])
    return found[0]


def _check_offsets(analysis: Analysis) -> None:
    for quote in analysis.quotes:
        assert analysis.text[quote.start : quote.end] == quote.text


# --- speakers -------------------------------------------------------------------------------


def test_pronoun_speaker_resolves_to_nearest_person_named_before(analyzer):
    text = (
        "Tobias Wren introduced director Hannah Voss at the premiere on Friday. \u201cWe wanted the ending to feel earned,\u201d she said."
    )
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert quote.speaker is not None
    assert _speaker_entity_name(analysis, quote) == "Hannah Voss"
    assert quote.speaker_name == "Hannah Voss"
    _check_offsets(analysis)


def test_pronoun_speaker_from_previous_paragraph(analyzer):
    text = (
        "Mara Quill, who plays the detective at the centre of the drama, spoke to reporters after the screening.\n\n"
        "\u201cI have never been this nervous about a finale,\u201d she said."
    )
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert _speaker_entity_name(analysis, quote) == "Mara Quill"


def test_inverted_said_name(analyzer):
    text = "\u201cThe second season is darker,\u201d said Owen Marsh, who created the series."
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert quote.speaker_name == "Owen Marsh"
    assert _speaker_entity_name(analysis, quote) == "Owen Marsh"


def test_inverted_said_name_after_another_attribution_in_the_paragraph(analyzer):
    text = (
        "Director Hannah Voss said the crew was thrilled to be back. "
        "\u201cWe are back,\u201d she said. "
        "\u201cSeason two is bigger in every way,\u201d said Owen Marsh."
    )
    analysis = _analyze(analyzer, text)
    assert _quote_with(analysis, "We are back").speaker_name == "Hannah Voss"
    assert _quote_with(analysis, "Season two is bigger").speaker_name == "Owen Marsh"


def test_according_to(analyzer):
    text = "The new season will be \u201cbigger and stranger than anything we have done,\u201d according to showrunner Priya Nandakumar."
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert quote.speaker_name == "Priya Nandakumar"
    assert _speaker_entity_name(analysis, quote) == "Priya Nandakumar"


def test_company_statement(analyzer):
    text = "\u201cWe are incredibly proud of what this team has built,\u201d Netflix said in a statement."
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert quote.speaker_name == "Netflix"
    entity = analysis.entity(quote.speaker)
    assert entity is not None and entity.type == "ORG"


def test_company_statement_with_partial_quote(analyzer):
    text = "Netflix said in a statement that it was \u201cincredibly proud\u201d of the series and its cast."
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert quote.text == "incredibly proud"
    assert quote.speaker_name == "Netflix"


def test_representative_speaks_for_principal(analyzer):
    text = (
        "Actor Tobias Wren will not return for the third season of the drama. "
        "\u201cHe has decided to focus on his film career,\u201d his agency said in a statement."
    )
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert _speaker_entity_name(analysis, quote) == "Tobias Wren"
    assert quote.speaker_name is not None
    assert "Tobias Wren" in quote.speaker_name
    assert "agency" in quote.speaker_name


def test_representative_at_sentence_start_name(analyzer):
    text = (
        "Tobias Wren will not return for the third season. "
        "\u201cHe has decided to focus on his film career,\u201d his agency said on Monday."
    )
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert quote.speaker_name is not None
    assert "Tobias Wren" in quote.speaker_name
    assert "agency" in quote.speaker_name


@pytest.mark.xfail(strict=True, reason="known gap (issue 5): 'a spokesperson for X' resolves to X without the spokesperson wording")
def test_spokesperson_for_a_person(analyzer):
    text = "\u201cShe will not be returning for the third season,\u201d a spokesperson for Mara Quill told Deadline."
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert quote.speaker_name is not None
    assert "Mara Quill" in quote.speaker_name
    assert "spokesperson" in quote.speaker_name
    assert quote.outlet == "Deadline"


def test_split_quote_has_one_speaker(analyzer):
    text = "Mara Quill has spoken about the finale. \u201cWe are not done yet,\u201d she said, \u201cand the fans know it.\u201d"
    analysis = _analyze(analyzer, text)
    assert [q.text for q in analysis.quotes] == ["We are not done yet,", "and the fans know it."]
    first, second = analysis.quotes
    assert first.speaker is not None
    assert first.speaker == second.speaker
    assert _speaker_entity_name(analysis, first) == "Mara Quill"


# --- outlets --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "outlet"),
    [
        ("\u201cThe finale changes everything,\u201d Hannah Voss told Variety.", "Hannah Voss", "Variety"),
        ("\u201cWe start shooting in May,\u201d Park Ji-woo said (via Soompi).", "Park Ji-woo", "Soompi"),
        ("\u201cIt was always meant to be three seasons,\u201d Owen Marsh said, per Deadline.", "Owen Marsh", "Deadline"),
        ("\u201cI cried when I read the last script,\u201d Mara Quill said in an interview with Vulture.", "Mara Quill", "Vulture"),
        ("Mara Quill told Variety that the finale \u201cchanges everything for Ines.\u201d", "Mara Quill", "Variety"),
    ],
)
def test_outlet(analyzer, text, speaker, outlet):
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert quote.outlet == outlet
    assert quote.speaker_name == speaker


def test_quote_without_outlet_has_none(analyzer):
    analysis = _analyze(analyzer, "\u201cWe wanted the ending to feel earned,\u201d Hannah Voss said.")
    assert _only_quote(analysis).outlet is None


# --- kinds ----------------------------------------------------------------------------------


def test_partial_quote_inside_writers_sentence(analyzer):
    text = "Hannah Voss described the finale as \u201ca love letter to the fans\u201d and said filming wraps in June."
    quote = _only_quote(_analyze(analyzer, text))
    assert quote.text == "a love letter to the fans"
    assert quote.kind == "partial"


def test_partial_quote_ending_the_sentence(analyzer):
    text = "Owen Marsh said the third season would be \u201cthe biggest thing we have ever attempted.\u201d"
    quote = _only_quote(_analyze(analyzer, text))
    assert quote.kind == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "\u201cWe wanted the ending to feel earned,\u201d Hannah Voss said.",
        "Hannah Voss said, \u201cWe wanted the ending to feel earned.\u201d",
        "Hannah Voss said: \u201cWe wanted the ending to feel earned.\u201d",
    ],
)
def test_full_quoted_sentence_is_direct(analyzer, text):
    quote = _only_quote(_analyze(analyzer, text))
    assert quote.kind == "direct"
    assert quote.speaker_name == "Hannah Voss"


def test_paragraph_that_is_only_a_quotation_is_block(analyzer):
    text = (
        "Hannah Voss shared a message with fans on Instagram.\n\n"
        "\u201cThank you for watching every single episode. We could not have done it without you.\u201d\n\n"
        "The finale airs on Friday."
    )
    quote = _only_quote(_analyze(analyzer, text))
    assert quote.kind == "block"
    assert quote.text == "Thank you for watching every single episode. We could not have done it without you."


def test_multi_paragraph_block_quote_after_colon_intro(analyzer):
    text = (
        "Hannah Voss wrote on Instagram:\n\n"
        "\u201cThank you for watching every single episode. We could not have done it without you.\n\n"
        "\u201cSee you in the final season.\u201d\n\n"
        "The finale airs on Friday."
    )
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert quote.kind == "block"
    assert quote.text.endswith("See you in the final season.")
    assert _speaker_entity_name(analysis, quote) == "Hannah Voss"
    _check_offsets(analysis)


# --- not quotations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The \u201creboot\u201d keeps most of the original cast and moves the story to Glasgow.",
        "Critics were unimpressed by the show's \u201cedgy\u201d new tone in the second season.",
    ],
)
def test_scare_quotes_are_not_quotes(analyzer, text):
    assert _analyze(analyzer, text).quotes == []


def test_title_in_quotes_is_not_a_quote(analyzer):
    text = "The second episode, \u201cLow Tide\u201d, drew the biggest audience of the season."
    assert _analyze(analyzer, text).quotes == []


def test_title_in_quotes_next_to_reporting_verb_is_not_a_quote(analyzer):
    text = "Owen Marsh said the episode \u201cLow Tide\u201d was the hardest to film."
    assert _analyze(analyzer, text).quotes == []


@pytest.mark.parametrize(
    "text",
    [
        "Former wrestler Dwayne \u201cThe Rock\u201d Johnson joins the cast as a retired detective.",
        "Robert \u201cBobby\u201d Kane said the new season would be darker.",
        'Margaret "Peggy" Lowell told reporters the cast had not yet read the scripts.',
    ],
)
def test_nickname_between_given_name_and_surname_is_not_a_quote(analyzer, text):
    assert _analyze(analyzer, text).quotes == []


def test_quote_inside_a_quote_is_part_of_the_outer_quote(analyzer):
    text = "\u201cWhen the network told us \u2018we need one more season,\u2019 we started writing the next day,\u201d Owen Marsh said."
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert quote.text == "When the network told us \u2018we need one more season,\u2019 we started writing the next day,"
    assert quote.speaker_name == "Owen Marsh"


def test_british_single_quotes(analyzer):
    text = "\u2018We don\u2019t know yet what the actors\u2019 union will say,\u2019 said the producer Lena Hartmann."
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert quote.text == "We don\u2019t know yet what the actors\u2019 union will say,"
    assert quote.speaker_name == "Lena Hartmann"
