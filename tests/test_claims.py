"""Claims: which sentences are the writer's claims, and fact vs speculation with cues."""

from __future__ import annotations

import pytest

from articlenlp.types import Claim

HEADLINE = "Harbour Lights: What We Know About the Drama\n\n"


def _claim(analyzer, sentence: str) -> Claim:
    """The one claim for ``sentence``, analysed as the body paragraph of a short article."""
    text = HEADLINE + sentence + "\n"
    analysis = analyzer.analyze(text)
    found = [c for c in analysis.claims if c.start == len(HEADLINE)]
    assert len(found) == 1, [c.text for c in analysis.claims]
    claim = found[0]
    assert claim.text == sentence
    assert text[claim.start : claim.end] == claim.text
    return claim


def _assert_speculation(claim: Claim, cue: str) -> None:
    assert claim.label == "speculation", claim
    assert any(cue.lower() in c.lower() for c in claim.cues), claim.cues


def _assert_fact(claim: Claim) -> None:
    assert claim.label == "fact", claim
    assert claim.cues == []


# --- modal hedges -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The third season could arrive on Netflix next spring.", "could"),
        ("Some of the original cast may return for a holiday special.", "may"),
        ("The finale might be split into two feature-length episodes.", "might"),
        ("A fourth season would follow the family to Lisbon.", "would"),
    ],
)
def test_modal_hedge_is_speculation(analyzer, sentence, cue):
    _assert_speculation(_claim(analyzer, sentence), cue)


@pytest.mark.parametrize(
    "sentence",
    [
        "Filming wrapped in May after a four-month shoot in Cornwall.",
        "The second season premiered on May 12 to strong reviews.",
        "In May, the network confirmed the renewal.",
        "May was a busy month for the cast and crew.",
        "May Calloway has joined the cast as the detective's sister.",
    ],
)
def test_may_the_month_or_name_is_not_a_cue(analyzer, sentence):
    _assert_fact(_claim(analyzer, sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "A spokesperson for the network could not be reached for comment.",
        "Representatives for Mara Quill could not immediately be reached for comment.",
        "Netflix declined to comment on the future of the series.",
        "Quill would not confirm whether she had signed on for more episodes.",
    ],
)
def test_fixed_fact_expressions_cancel_the_modal(analyzer, sentence):
    _assert_fact(_claim(analyzer, sentence))


# --- other speculation families -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The new season is expected to premiere in the autumn.", "expected to"),
        ("The studio has reportedly approached a new director for the final episodes.", "reportedly"),
        ("A spin-off set in Edinburgh has long been rumoured.", "rumoured"),
        ("The show is likely to return in 2026.", "likely"),
        ("If the ratings hold, the series will return for a fourth season.", "if"),
        ("Unless the ratings improve, the network will not order more episodes.", "unless"),
        ("Fans hope the show will return for one more season.", "hope"),
        ("Many fans are hoping for a reunion special.", "hoping"),
        ("Hopefully, the wait will be shorter this time around.", "hopefully"),
        ("It remains to be seen whether the original cast will return.", "remains to be seen"),
        ("There is a chance the cast will reunite for a special.", "chance"),
        ("The cast may be back sooner than expected, according to reports.", "according to reports"),
    ],
)
def test_speculation_families(analyzer, sentence, cue):
    _assert_speculation(_claim(analyzer, sentence), cue)


def test_viewers_hope_is_a_hope(analyzer):
    _assert_speculation(_claim(analyzer, "Viewers hope the drama will return for a third season."), "hope")


def test_it_remains_unclear_whether_is_an_open_question(analyzer):
    _assert_speculation(_claim(analyzer, "It remains unclear whether the original cast will return."), "unclear")


# --- facts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The series has not been renewed for a third season.",
        "Netflix has not announced a premiere date for the new episodes.",
        "No word has come from the network about a third season.",
        "The show was renewed in March and filming began in June.",
        "The series will premiere on Netflix in October.",
        "The second season drew 12 million viewers in its first week.",
    ],
)
def test_facts_have_no_cues(analyzer, sentence):
    _assert_fact(_claim(analyzer, sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Owen Marsh, who described the new season as one that \u201ccould surprise a lot of people,\u201d finished writing the scripts in June.",
        'The network, which said it "might revisit the story one day," has moved on to other projects this year.',
        "Quill, who told fans the story \u2018may not be over,\u2019 has signed on to a film that shoots in Prague this summer.",
    ],
)
def test_hedge_inside_quotation_marks_belongs_to_the_quote(analyzer, sentence):
    _assert_fact(_claim(analyzer, sentence))


# --- what is not a claim ---------------------------------------------------------------------------

ARTICLE = (
    "Harbour Lights Could Return for a Third Season\n"
    "\n"
    "By Nadia Okafor\n"
    "\n"
    "Netflix renewed Harbour Lights for a second season in 2023.\n"
    "\n"
    "Will there be a third season\n"
    "\n"
    "The streamer has not announced a decision. Will the original cast return? "
    "The new episodes could arrive next year if the show is renewed.\n"
    "\n"
    "Who might join the cast?\n"
    "\n"
    "\u201cWe might come back one day, you never know,\u201d Quill said.\n"
    "\n"
    "Fans hope the show will return for one more season. Filming on the second season wrapped in May.\n"
)


@pytest.fixture(scope="module")
def article(analyzer):
    return analyzer.analyze(ARTICLE)


def test_headline_byline_subheadings_and_questions_are_not_claims(article):
    texts = [c.text for c in article.claims]
    assert texts == [
        "Netflix renewed Harbour Lights for a second season in 2023.",
        "The streamer has not announced a decision.",
        "The new episodes could arrive next year if the show is renewed.",
        "Fans hope the show will return for one more season.",
        "Filming on the second season wrapped in May.",
    ]


def test_sentence_that_is_mostly_quotation_is_not_a_claim(article):
    assert not any("never know" in c.text for c in article.claims)


def test_labels_in_the_article(article):
    labels = {c.text: c.label for c in article.claims}
    assert labels["Netflix renewed Harbour Lights for a second season in 2023."] == "fact"
    assert labels["The streamer has not announced a decision."] == "fact"
    assert labels["The new episodes could arrive next year if the show is renewed."] == "speculation"
    assert labels["Fans hope the show will return for one more season."] == "speculation"
    assert labels["Filming on the second season wrapped in May."] == "fact"


def test_every_speculation_has_cues_and_every_fact_none(article):
    assert article.claims
    for claim in article.claims:
        assert claim.label in ("fact", "speculation")
        assert 0.0 <= claim.confidence <= 1.0
        assert article.text[claim.start : claim.end] == claim.text
        if claim.label == "speculation":
            assert claim.cues, claim
        else:
            assert claim.cues == [], claim


def test_cues_of_a_sentence_are_listed_once_in_order(analyzer):
    claim = _claim(analyzer, "If the ratings hold, the show could return, and it could arrive as early as next spring.")
    assert claim.label == "speculation"
    assert claim.cues[0].lower() == "if"
    assert len(claim.cues) == len(set(claim.cues))


# --- families read with the parse (issue #6) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        # predictions
        ("The drama seems set to return for a fourth run.", "seems"),
        ("The sitcom appears poised to lose its Thursday slot.", "poised"),
        ("The thriller is tipped to win best drama at the awards.", "tipped"),
        ("A revival seems increasingly probable.", "probable"),
        ("The comedy will likely end with its sixth season.", "likely"),
        ("The new episodes are widely expected in the spring.", "expected"),
        ("Critics expect the finale to divide viewers.", "expect"),
        # rumours and unattributed reports
        ("The series is said to be in early development at the studio.", "said"),
        ("The actor is understood to have signed a two-year deal.", "understood"),
        ("It is thought that the budget was doubled.", "thought"),
        ("Insiders say the cast has been told to keep next summer free.", "insiders say"),
        ("According to rumours, the spin-off has been shelved.", "according to rumours"),
        ("The studio allegedly paid the writers in advance.", "allegedly"),
        ("The report could not be independently verified.", "verified"),
        # conditionals
        ("Assuming the strike ends soon, production will resume in March.", "assuming"),
        ("Were the ratings to slip, the channel would pull the show.", "were"),
        ("Should the pilot test well, the network will order ten episodes.", "should"),
        ("Provided the money comes through, filming starts in June.", "provided"),
        # hopes
        ("Viewers are hoping for a happier ending this time.", "hoping"),
        ("Fans continue to hope that the streamer changes its mind.", "hope"),
        # possibility nouns as the head of the assertion
        ("Speculation is mounting that the lead will leave.", "speculation"),
        ("There is a strong possibility that the show moves to cable.", "possibility"),
        ("The odds of a fifth season look slim.", "odds"),
        ("Rumours are swirling that the show has been cancelled.", "rumours"),
        ("Amid speculation that the show will end, the cast stayed quiet.", "speculation"),
        # open questions stated as declaratives
        ("Whether the network agrees is anyone's guess.", "whether"),
        ("It is unclear if the cast will return.", "unclear"),
        ("The future of the franchise remains uncertain.", "uncertain"),
        ("It is not clear when the new season will air.", "not clear"),
        # a reported hedge stays a hedge
        ("Kim said the show could return next year.", "could"),
    ],
)
def test_parse_families_are_speculation(analyzer, sentence, cue):
    _assert_speculation(_claim(analyzer, sentence), cue)


@pytest.mark.parametrize(
    "sentence",
    [
        # scheduled and confirmed events
        "The season will premiere on March 3 on the streamer.",
        "The show is set to premiere in October.",
        "Filming is slated to begin in Belfast next month.",
        "Netflix confirmed the renewal on Tuesday.",
        # the reported plan of a named party
        "Netflix said the show would return if ratings held.",
        "The network announced that the series would end after five seasons.",
        # indirect questions
        "The studio did not say whether the show would return.",
        "She was asked if she would return for the revival.",
        "The network declined to say whether it might revive the show.",
        # refusals, comparisons, narrated rumours
        "Neither actor would comment on the rumours.",
        "The channel pays more than it would for an in-house show.",
        "Rumours of a split began circulating last year.",
        "The announcement ended months of speculation about the show.",
        "The series, as expected, ended with a wedding.",
        # words that only look like cues
        "The show's will to survive impressed critics.",
        "Hope Street returns to BBC One in January.",
        "He kept his hope for a sequel private.",
        "He played a would-be detective in the first season.",
        "The cast appeared on the talk show to promote the finale.",
        "The episode lasts maybe fifty minutes.",
    ],
)
def test_scope_traps_are_facts(analyzer, sentence):
    _assert_fact(_claim(analyzer, sentence))


# --- rules from the blind dev set (new writers' constructions) --------------------------------


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        # an opinion held in the present, with a clause
        ("Many fans think the masked figure is the detective's missing brother.", "think"),
        ("One camp of viewers thinks the finale was a dream sequence.", "thinks"),
        # anonymous sourcing about deliberations
        ("According to two people familiar with the talks, the studio wants a shorter order.", "familiar with the talks"),
        ("People familiar with the negotiations said the lead actor has asked for a producer credit.", "familiar with"),
        # a possibility noun that the parser leaves as the root of the sentence
        ("Speculation among viewers centres on the butler.", "speculation"),
        # a present expectation or hope stays speculation
        ("Viewers are told to expect a darker tone in the new episodes.", "expect"),
        ("Ortiz hinted that fans should expect new episodes next year.", "expect"),
        # a spokesperson's could stays a hedge
        ("A spokesperson said the show could return next year.", "could"),
    ],
)
def test_dev_set_families_are_speculation(analyzer, sentence, cue):
    _assert_speculation(_claim(analyzer, sentence), cue)


@pytest.mark.parametrize(
    "sentence",
    [
        # a hope or expectation narrated in the past
        "The strong finale prompted many viewers to hope for a spin-off, but the network moved on.",
        "Crew members were told to expect a call sheet for a new block in the autumn.",
        "The cast had been encouraged to hope for a longer run before the budget was cut.",
        # think without a clause
        "The director thinks of the series as a western.",
        # a spokesperson or representative is a named party: would is the reported plan
        "A network spokesperson said the drama would return in the spring with eight episodes.",
        "A studio spokeswoman said the second season would premiere in January.",
        # a figure from a person familiar with the numbers, and "familiar" in another sense
        "The finale drew 4.1 million viewers, according to a person familiar with the ratings.",
        "The cast is familiar with the deal the studio struck.",
        # speculation narrated as a past episode
        "Speculation ended when the network confirmed the cancellation in March.",
    ],
)
def test_dev_set_traps_are_facts(analyzer, sentence):
    _assert_fact(_claim(analyzer, sentence))
