"""Quotations through the pipeline: speakers, outlets, kinds, and what is not a quote."""

from __future__ import annotations

import pytest

import articlenlp
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


# --- attribution rules (issue 5) -------------------------------------------------------------


def test_verb_the_quote_hangs_on_beats_a_nearer_verb(analyzer):
    text = "Hannah Voss called the finale \u201ca quiet triumph for everyone,\u201d while Owen Marsh praised the cast as \u201cfearless and very funny.\u201d"
    analysis = _analyze(analyzer, text)
    assert _quote_with(analysis, "quiet triumph").speaker_name == "Hannah Voss"
    assert _quote_with(analysis, "fearless").speaker_name == "Owen Marsh"


def test_run_of_quotes_keeps_the_speaker_of_the_first(analyzer):
    text = (
        "\u201cWe always knew where it would end,\u201d Hannah Voss said in a statement released by the studio. "
        "\u201cThat is the cruellest thing about it.\u201d"
    )
    analysis = _analyze(analyzer, text)
    assert [q.speaker_name for q in analysis.quotes] == ["Hannah Voss", "Hannah Voss"]


def test_british_single_quotes_run(analyzer):
    text = "\u2018We are done, and that is fine,\u2019 said Owen Marsh. \u2018It was the right time to stop.\u2019"
    analysis = _analyze(analyzer, text)
    assert [q.speaker_name for q in analysis.quotes] == ["Owen Marsh", "Owen Marsh"]


def test_pronoun_in_a_reported_clause_is_the_reporting_subject(analyzer):
    text = "Mara Quill, the voice of Owen Marsh's rival, said she cried at the final read-through and \u201cwas not the only one.\u201d"
    assert _only_quote(_analyze(analyzer, text)).speaker_name == "Mara Quill"


def test_person_in_parentheses_is_not_a_pronoun_antecedent(analyzer):
    text = (
        "Hannah Voss wrote every episode. She would not say whether the fate of the hero's brother (Owen Marsh) is sealed.\n\n"
        "\u201cNobody in this story is safe,\u201d she said."
    )
    assert _only_quote(_analyze(analyzer, text)).speaker_name == "Hannah Voss"


def test_according_to_an_outlet_next_to_a_reporting_verb(analyzer):
    text = "\u201cWe have talked about making a film together,\u201d Owen Marsh said, according to Variety."
    quote = _only_quote(_analyze(analyzer, text))
    assert quote.speaker_name == "Owen Marsh"
    assert quote.outlet == "Variety"


def test_passive_agent_is_the_speaker(analyzer):
    text = "The last season, described by Netflix as \u201cthe end of an era,\u201d arrives on Friday."
    assert _only_quote(_analyze(analyzer, text)).speaker_name == "Netflix"


def test_quote_in_headline_is_the_named_person(analyzer):
    text = "\u2018We were always going to stop at three\u2019: Owen Marsh on the end of Tidewater\n\nTidewater ends on Sunday after three seasons."
    quote = _only_quote(_analyze(analyzer, text))
    assert quote.speaker_name == "Owen Marsh"
    assert quote.kind in ("direct", "partial")


def test_statement_introducing_a_block_quote(analyzer):
    text = (
        "9:58 p.m. \u2014 Director Hannah Voss's statement, released by the network just as the credits rolled:\n\n"
        "\u201cThank you for watching every episode. We could not have done it without you.\u201d\n\n"
        "10:05 p.m. \u2014 That is it for tonight."
    )
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert quote.kind == "block"
    assert _speaker_entity_name(analysis, quote) == "Hannah Voss"


def test_they_after_a_company_subject_is_the_company(analyzer):
    text = "Honestly, the studio told me not to get my hopes up. They said, \u201cWe are going to try, but keep it quiet.\u201d"
    quote = _only_quote(_analyze(analyzer, text))
    assert quote.speaker_name is not None and quote.speaker_name.lower() == "the studio"


def test_the_statement_read_is_the_issuer_of_the_statement(analyzer):
    text = (
        "In a statement sent to reporters, Netflix thanked the cast and crew. "
        "\u201cWe are proud of every episode of this series,\u201d the statement read."
    )
    assert _only_quote(_analyze(analyzer, text)).speaker_name == "Netflix"


def test_quoting_someone_makes_them_the_speaker(analyzer):
    text = (
        "Hannah Voss spoke to us from the edit suite. Owen Marsh was the opposite. "
        "He said, and I am quoting him here, \u201cGood, let the man rest at last.\u201d"
    )
    assert _only_quote(_analyze(analyzer, text)).speaker_name == "Owen Marsh"


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("\u201cWe own a finished season,\u201d Hannah Voss told the trade site Deadline.", "Deadline"),
        ("\u201cMy mother picked the dress,\u201d Hannah Voss told a reporter from Variety.", "Variety"),
        ("Hannah Voss posted a photo to Instagram with the caption \u201cback to work, everyone.\u201d", "Instagram"),
        ("Owen Marsh offered his blessing on X. \u201cDelighted for the whole team,\u201d he wrote.", "X"),
    ],
)
def test_outlet_cues(analyzer, text, outlet):
    assert _only_quote(_analyze(analyzer, text)).outlet == outlet


def test_outlet_of_a_later_sentence_is_not_taken(analyzer):
    text = "Asked about a sequel, Owen Marsh smiled and said only: \u201cAsk the studio.\u201d Hannah Voss had earlier told Variety that she was ready."
    assert _only_quote(_analyze(analyzer, text)).outlet is None


def test_hashtag_is_not_a_quote(analyzer):
    text = "Fans kept the hashtag \u201cBring Back Tidewater Now\u201d trending for two days."
    assert _analyze(analyzer, text).quotes == []


# --- question/answer interviews ---------------------------------------------------------------


@pytest.fixture(scope="module")
def qa_analyzer() -> articlenlp.Analyzer:
    """An Analyzer that emits Q/A answers as quotes (off by default)."""
    analyzer = articlenlp.load()
    analyzer.nlp.get_pipe("articlenlp_quotes").qa_answers = True
    return analyzer


_QA_INTRO = "Harbour Lights ends next month after five seasons. Showrunner Orla Finnegan spoke to Variety about the final episodes.\n\n"


def test_qa_answers_are_block_quotes_of_the_interviewee(qa_analyzer):
    text = (
        "Orla Finnegan on the end of Harbour Lights\n\n" + _QA_INTRO + "Q: When did you know this would be the last season?\n\n"
        "A: We planned five seasons from the start. The network agreed early.\n\n"
        "Q: Any regrets?\n\n"
        "A: Only that we never filmed in winter.\n\n"
        "Harbour Lights airs on Sundays."
    )
    analysis = _analyze(qa_analyzer, text)
    assert [q.text for q in analysis.quotes] == [
        "We planned five seasons from the start. The network agreed early.",
        "Only that we never filmed in winter.",
    ]
    for quote in analysis.quotes:
        assert quote.kind == "block"
        assert _speaker_entity_name(analysis, quote) == "Orla Finnegan"
        assert quote.outlet == "Variety"
    first = analysis.quotes[0]
    assert text[first.start - 3 : first.start] == "A: "
    _check_offsets(analysis)


def test_qa_answers_without_marks_are_not_quotes_by_default(analyzer):
    text = _QA_INTRO + 'Q: Any regrets?\n\nA: None at all. "Keep going," she told me once.'
    analysis = _analyze(analyzer, text)
    assert [q.text for q in analysis.quotes] == ["Keep going,"]


def test_qa_questions_are_not_quotes(qa_analyzer):
    text = _QA_INTRO + "Q: Any regrets?\n\nA: None at all.\n\nQ: What next?\n\nA: A long holiday."
    analysis = _analyze(qa_analyzer, text)
    assert all("?" not in q.text for q in analysis.quotes)
    assert [q.text for q in analysis.quotes] == ["None at all.", "A long holiday."]


def test_qa_named_prefixes(qa_analyzer):
    text = (
        "Interview: Min-jun Park on Night Garden\n\n"
        "The second season of Night Garden premieres on Friday. We caught up with its star, Park Min-jun, in Seoul.\n\n"
        "Variety: How did the second season change your character?\n\n"
        "Park: He grew up. In the first season he was angry at everything.\n\n"
        "Variety: Will there be a third?\n\n"
        "Park: I hope so. Nobody has told me anything yet.\n\n"
        "Night Garden streams on Netflix."
    )
    analysis = _analyze(qa_analyzer, text)
    assert [q.text for q in analysis.quotes] == [
        "He grew up. In the first season he was angry at everything.",
        "I hope so. Nobody has told me anything yet.",
    ]
    assert {_speaker_entity_name(analysis, q) for q in analysis.quotes} == {"Park Min-jun"}
    assert {q.outlet for q in analysis.quotes} == {"Variety"}


def test_qa_uppercase_surname_prefix_and_q_dot(qa_analyzer):
    text = (
        "Kim Seo-yeon has played the lead in Blue Lantern for three seasons. She sat down with The Korea Herald before the finale.\n\n"
        "Q. Is this really the end?\n\n"
        "KIM: Yes. We all agreed it was time.\n\n"
        "Q. What will you miss?\n\n"
        "KIM: The crew. They were my family for six years.\n\n"
        "The finale airs on Saturday."
    )
    analysis = _analyze(qa_analyzer, text)
    assert [q.text for q in analysis.quotes] == ["Yes. We all agreed it was time.", "The crew. They were my family for six years."]
    assert {_speaker_entity_name(analysis, q) for q in analysis.quotes} == {"Kim Seo-yeon"}
    assert {q.outlet for q in analysis.quotes} == {"The Korea Herald"}


def test_qa_prefixed_questions_with_plain_answers(qa_analyzer):
    text = (
        "Star Bae Yoon-ji sat down with us in Seoul before the final season.\n\n"
        "Q. When did you find out it was the last season?\n\n"
        "Before we shot the first one. The writer gave me a plan with three parts.\n\n"
        "Q. What is next for you?\n\n"
        "A film, and then a long holiday.\n\n"
        "The final season airs on Saturdays."
    )
    analysis = _analyze(qa_analyzer, text)
    assert [q.text for q in analysis.quotes] == [
        "Before we shot the first one. The writer gave me a plan with three parts.",
        "A film, and then a long holiday.",
    ]
    assert {_speaker_entity_name(analysis, q) for q in analysis.quotes} == {"Bae Yoon-ji"}


def test_qa_answer_continues_until_the_next_question_and_holds_nested_quotes(qa_analyzer):
    text = (
        "Renee Bastide talked to Variety about her last season.\n\n"
        "Q: Why stop now?\n\n"
        "A: Because the story is finished.\n\n"
        "And, honestly, we were tired.\n\n"
        "Q: And next?\n\n"
        "A: A film. As my agent says, \u201cRest is work.\u201d\n\n"
        "The final season starts in June."
    )
    analysis = _analyze(qa_analyzer, text)
    assert [q.text for q in analysis.quotes] == [
        "Because the story is finished.\n\nAnd, honestly, we were tired.",
        "A film. As my agent says, \u201cRest is work.\u201d",
    ]
    assert {_speaker_entity_name(analysis, q) for q in analysis.quotes} == {"Renee Bastide"}
    _check_offsets(analysis)


def test_reader_mailbag_is_not_an_interview(qa_analyzer):
    text = (
        "Our TV critic answers your questions every Friday.\n\n"
        "Q: Is Cold Harbour coming back? \u2014 Dana in Ohio\n\n"
        "A: Not yet. The network has not decided.\n\n"
        "Q: Why was Blue Ridge cancelled? \u2014 Sam, Leeds\n\n"
        "A: Ratings fell by half in its second season."
    )
    assert _analyze(qa_analyzer, text).quotes == []


def test_labelled_live_blog_lines_are_not_an_interview(qa_analyzer):
    text = "Live: the Ward Nine finale\n\nUPDATE: The network confirmed the news at 9pm.\n\nNote: Spoilers follow.\n\nWARNING: The finale is brutal."
    assert _analyze(qa_analyzer, text).quotes == []


def test_unprefixed_interview_first_person_is_the_interviewee(qa_analyzer):
    text = (
        "Hal Brennick created Dry Creek, which ends this week. I spoke with Brennick by phone from Austin.\n\n"
        "When did you decide to stop?\n\n"
        "After the second season. My producer called and said, \u201cWe can do one more.\u201d And I said, \u201cThen let us make it count.\u201d\n\n"
        "What do you tell fans?\n\n"
        "Thank you. I mean it.\n\n"
        "Dry Creek streams on Peacock."
    )
    analysis = _analyze(qa_analyzer, text)
    assert _quote_with(analysis, "make it count").speaker_name == "Hal Brennick"
    assert _quote_with(analysis, "one more").speaker_name == "My producer"
    assert len(analysis.quotes) == 2  # plain answers are not emitted


# --- block quotes: intro and attribution -----------------------------------------------------------


def test_block_quote_opened_after_said_colon_in_british_single_quotes(analyzer):
    text = (
        "Channel Nine has dropped the quiz show Brain Drain after two series.\n\n"
        "A Channel Nine spokesperson said: 'We are grateful to the contestants and the crew for two lively series.\n\n"
        "'Brain Drain will remain available to stream until the end of the year.'\n\n"
        "Ratings fell sharply in the second run."
    )
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert quote.kind == "block"
    assert quote.text.startswith("We are grateful") and quote.text.endswith("end of the year.")
    assert "spokesperson" in (quote.speaker_name or "") or _speaker_entity_name(analysis, quote) == "Channel Nine"
    _check_offsets(analysis)


def test_block_quote_speaker_from_a_lead_in_paragraph_without_colon(analyzer):
    text = (
        "The comedy Ward Nine is ending after three seasons.\n\n"
        "Creator Talia Brennock said in a statement on Monday that the story had always had an end.\n\n"
        "\u201cWe wrote the last page of this show before we wrote the first. It is time to turn it.\u201d\n\n"
        "The final season premieres in May."
    )
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert quote.kind == "block"
    assert _speaker_entity_name(analysis, quote) == "Talia Brennock" or quote.speaker_name == "Talia Brennock"


def test_block_quote_speaker_from_a_dash_signature_after_it(analyzer):
    text = (
        "The drama Saltmarsh will not return for a fourth season.\n\n"
        "\u201cWe gave everything to these characters and we are proud of every frame.\u201d\n\n"
        "\u2014 Orrin Bexley, in a statement to fans\n\n"
        "The network has not commented."
    )
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert "Bexley" in (_speaker_entity_name(analysis, quote) or quote.speaker_name or "")


def test_block_quote_speaker_from_the_statement_sentence_after_it(analyzer):
    text = (
        "The drama Saltmarsh will not return for a fourth season.\n\n"
        "\u201cWe gave everything to these characters and we are proud of every frame.\u201d\n\n"
        "Showrunner Orrin Bexley said in the statement, which was released on Tuesday, that filming had wrapped.\n\n"
        "The network has not commented."
    )
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert "Bexley" in (_speaker_entity_name(analysis, quote) or quote.speaker_name or "")


def test_statement_read_names_its_author_with_from(analyzer):
    text = (
        "The novelist Ilse Marrow did not attend the launch. Instead, presenter Tom Quarry read a letter from the author.\n\n"
        "\u201cI wish I could be with you tonight,\u201d the letter read."
    )
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert _speaker_entity_name(analysis, quote) != "Tom Quarry"
    assert quote.speaker_name in ("the author", "Ilse Marrow")


# --- speakers without a reporting verb, interviews, pronouns -----------------------------------------


def test_subject_of_a_sentence_ending_in_a_colon_is_the_speaker(analyzer):
    text = (
        "Director Paulo Venn told reporters the sequel was \u201cnearly ready.\u201d "
        "Lead actress Mirela Dask was more careful in a radio interview: \u201cI have not read a single page yet.\u201d"
    )
    analysis = _analyze(analyzer, text)
    quote = _quote_with(analysis, "single page")
    assert _speaker_entity_name(analysis, quote) == "Mirela Dask"


def test_quote_opening_an_answer_is_the_interviewees(analyzer):
    text = (
        "Greta Olin, the showrunner, spoke to us about the long wait for season two.\n\n"
        "Q: Has the network called?\n\n"
        'A: "Not yet. We are patient people."\n\n'
        "Q: And the cast?\n\n"
        'A: "They are all waiting by their phones."'
    )
    analysis = _analyze(analyzer, text)
    assert len(analysis.quotes) == 2
    for quote in analysis.quotes:
        assert (_speaker_entity_name(analysis, quote) or "").endswith("Greta Olin")


def test_same_pronoun_as_the_subject_skips_a_person_named_as_object(analyzer):
    text = (
        "Actor Ravi Sundaram broke his silence on Sunday. He thanked the show's director, Elena Moss, for her patience.\n\n"
        '"I will miss that set every single day," he wrote.'
    )
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert _speaker_entity_name(analysis, quote) == "Ravi Sundaram"


def test_relative_clause_subject_is_not_the_antecedent(analyzer):
    text = (
        "Kettering posted a photo of the bridge that stood at the end of the set. "
        'He wrote that it had been "the best set I ever walked on."'
    )
    analysis = _analyze(analyzer, text)
    quote = _only_quote(analysis)
    assert "Kettering" in (_speaker_entity_name(analysis, quote) or quote.speaker_name or "")


# --- outlets ---------------------------------------------------------------------------------------


def test_outlet_anaphor_takes_the_outlet_named_before(analyzer):
    text = (
        "Producer Hal Brixton spoke to Screen Daily about the delay last week.\n\n"
        '"We are waiting on the money, like everyone," he told the outlet.'
    )
    quote = _only_quote(_analyze(analyzer, text))
    assert quote.outlet == "Screen Daily"


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ('"We hope to shoot in spring," Brixton told the Dutch trade site Spotlight.', "Spotlight"),
        ('Brixton, speaking to Radio Kesteven, said: "We hope to shoot in spring."', "Radio Kesteven"),
        ('"We hope to shoot in spring," Brixton told the club\'s website.', "the club's website"),
    ],
)
def test_more_outlet_cues(analyzer, text, outlet):
    quote = _only_quote(_analyze(analyzer, text))
    assert quote.outlet == outlet


# --- robustness probes: partial quotes, role-only speakers, names --------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ('Netflix described the series as "a global hit" after it topped charts.', "a global hit", "Netflix"),
        ('Marcus Hale, who said the role was "the hardest of my life", has signed on again.', "the hardest", "Marcus Hale"),
        ('In what director Park Ji-hoon called "a love letter to Busan", three sisters reunite.', "a love letter", "Park Ji-hoon"),
        ('According to Dana Whitlock, the show is "far from over" despite the rumours.', "far from over", "Dana Whitlock"),
        ('Priya Nair has been "overwhelmed" by the response to the trailer, she said on Tuesday.', "overwhelmed", "Priya Nair"),
        ('The album is, in Olivia Grant\'s words, "a breakup record with a happy ending".', "breakup record", "Olivia Grant"),
        ('In the words of Tom Becker, the ending was "exactly right".', "exactly right", "Tom Becker"),
        ('"The second season is darker," added creator Sam Ruiz. "Much darker."', "second season", "Sam Ruiz"),
        ('"Nobody asked for a sequel, and here we are," quipped Rob Delaney.', "Nobody asked", "Rob Delaney"),
        ('10:42 \u2014 "We\'re not done," Kim Min-jae says.', "not done", "Kim Min-jae"),
    ],
)
def test_partial_and_inverted_quote_speakers(analyzer, text, fragment, speaker):
    analysis = _analyze(analyzer, text)
    quote = _quote_with(analysis, fragment)
    assert speaker in (_speaker_entity_name(analysis, quote), quote.speaker_name)


def test_pronoun_speaker_with_two_people_is_the_subject(analyzer):
    text = 'Leah Morgan met with Daniel Cho before the shoot. "It was the best day of my career," she said.'
    analysis = _analyze(analyzer, text)
    assert _speaker_entity_name(analysis, _only_quote(analysis)) == "Leah Morgan"


def test_role_only_speaker_is_the_entity_with_that_role(analyzer):
    text = 'Actor James Okafor spoke to reporters on the red carpet. "This one is personal," the actor said.'
    analysis = _analyze(analyzer, text)
    assert _speaker_entity_name(analysis, _only_quote(analysis)) == "James Okafor"


def test_speaker_name_has_no_leading_role_word(analyzer):
    analysis = _analyze(analyzer, 'Showrunner Orla Finnegan called the finale "a gift to the fans" in a post on Sunday.')
    assert _only_quote(analysis).speaker_name == "Orla Finnegan"


def test_bare_surname_speaker_takes_the_full_name(analyzer):
    text = (
        "Eli Grant and his co-star Mae Lin spoke after the screening. "
        'Grant called the ending "inevitable", while Lin said it was "a cop-out".'
    )
    analysis = _analyze(analyzer, text)
    assert "Eli Grant" in (
        _speaker_entity_name(analysis, _quote_with(analysis, "inevitable")),
        _quote_with(analysis, "inevitable").speaker_name,
    )
    assert _speaker_entity_name(analysis, _quote_with(analysis, "cop-out")) == "Mae Lin"


def test_british_single_quotes_with_outlet(analyzer):
    analysis = _analyze(analyzer, "'It was a bit of a laugh, really,' Hugh Pemberton told the Guardian.")
    quote = _only_quote(analysis)
    assert _speaker_entity_name(analysis, quote) == "Hugh Pemberton"
    assert quote.outlet == "Guardian"


def test_pronoun_prefers_the_subject_a_same_gender_possessive_points_to(analyzer):
    for text, speaker in [
        ('Oscar Ruiz thanked his mother and his co-star Pia Lund. He called the night "unreal".', "Oscar Ruiz"),
        ('Pia Lund hugged her co-star Oscar Ruiz on stage. She later told reporters the night was "unreal".', "Pia Lund"),
    ]:
        analysis = _analyze(analyzer, text)
        assert _speaker_entity_name(analysis, _only_quote(analysis)) == speaker, text


def test_colon_earlier_in_the_sentence_names_the_speaker(analyzer):
    text = 'Critics called it a triumph. Its star, Bea Lowe, was more modest: the film was "just a small story".'
    analysis = _analyze(analyzer, text)
    assert _speaker_entity_name(analysis, _quote_with(analysis, "small story")) == "Bea Lowe"


def test_publication_as_speaker_is_its_own_outlet(analyzer):
    text = (
        'Critics were largely enthusiastic. Libération called the finale "a rare ending that earns its silence," '
        "while Le Monde praised the lead's performance as \"the year's most controlled.\""
    )
    analysis = _analyze(analyzer, text)
    first = _quote_with(analysis, "rare ending")
    assert first.speaker_name == "Libération"
    assert first.outlet == "Libération"
    assert _quote_with(analysis, "most controlled").speaker_name == "Le Monde"


def test_participle_clause_quote_belongs_to_the_main_subject(analyzer):
    text = 'The couple announced in the spring that season 6 would be the last, saying they wanted to end "while people still liked us."'
    analysis = _analyze(analyzer, text)
    assert _only_quote(analysis).speaker_name == "The couple"


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "outlet"),
    [
        (
            "Niamh Doyle won best actress for her turn as a grieving mother. 'It's bonkers,' the Bafta winner told Radio Times.",
            "bonkers",
            "Niamh Doyle",
            "Radio Times",
        ),
        ('Posting on X, Ravi Menon wrote that the cut was "heartbreaking".', "heartbreaking", "Ravi Menon", "X"),
        ('"It\'s over," said Executive Producer Dana Kim, speaking to Variety.', "over", "Dana Kim", "Variety"),
    ],
)
def test_role_noun_and_titled_speakers_with_outlets(analyzer, text, fragment, speaker, outlet):
    analysis = _analyze(analyzer, text)
    quote = _quote_with(analysis, fragment)
    assert speaker in (_speaker_entity_name(analysis, quote), quote.speaker_name)
    assert quote.outlet == outlet


# --- outlets and speakers: platforms, programmes, colons ---------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "outlet"),
    [
        (
            "Harbour Lights renewed\n\nThe actor Nadia Okafor posted a photograph of the script for episode one on Instagram "
            'on Tuesday. "Back to work," she wrote.\n',
            "Back to work",
            "Instagram",
        ),
        (
            "Harbour Lights renewed\n\n'Nothing was ever in danger,' the director, Aisling Moran, told RTÉ Radio 1's Drivetime.\n",
            "Nothing was ever",
            "Drivetime",
        ),
    ],
)
def test_outlet_of_posts_and_programmes(analyzer, text, fragment, outlet):
    assert _quote_with(_analyze(analyzer, text), fragment).outlet == outlet


@pytest.mark.parametrize(
    "text",
    [
        "Quiz show revived\n\nThe producer, Ewan Blair, said talks with Channel 4 began last spring. "
        '"We always believed in it," he said.\n',
        "Undertakers of Pell Street\n\nThe comedy won a Bafta and a cult following on YouTube.\n\n"
        "'Critics love it,' Naveed Chaudhry joked at a festival in August.\n",
    ],
)
def test_talks_with_a_network_and_a_following_on_a_platform_are_not_outlets(analyzer, text):
    assert _only_quote(_analyze(analyzer, text)).outlet is None


def test_colon_lead_in_beats_a_reporting_verb_after_the_quote(analyzer):
    text = (
        "Will Spellbook return?\n\nAuthor Hanako Mizuno has been careful. In a post on X after the finale, Mizuno wrote: "
        '"Thank you for watching. I cannot say more." Fans have read that last line as a wink.\n'
    )
    analysis = _analyze(analyzer, text)
    assert _speaker_entity_name(analysis, _only_quote(analysis)) == "Hanako Mizuno"


def test_pronoun_prefers_the_subject_named_in_apposition(analyzer):
    text = (
        "Quiz to end\n\nLantern Quiz Co's founder, Moira Sutherland, who devised the format with Anand Rao, "
        "said there would be no revival.\n\n'The show is Anand,' she said.\n"
    )
    analysis = _analyze(analyzer, text)
    assert _speaker_entity_name(analysis, _only_quote(analysis)) == "Moira Sutherland"


def test_critic_quote_takes_the_outlet_named_with_the_critic(analyzer):
    text = (
        "Critics split on the new season\n\n"
        "Reviews were mixed. Dagbladet's Terje Ravnaas was less patient. "
        '"Eight hours is a long time to spend in the dark," he wrote.\n'
    )
    assert _only_quote(_analyze(analyzer, text)).outlet == "Dagbladet"


def test_speaker_in_apposition_with_an_organisations_title(analyzer):
    text = (
        "Sequel tops the box office\n\n"
        '"Audiences wanted more weather," Marcy Delgado-Tran, Warner Bros.\' president of domestic distribution, said on Sunday.\n'
    )
    analysis = _analyze(analyzer, text)
    assert _speaker_entity_name(analysis, _only_quote(analysis)) == "Marcy Delgado-Tran"
