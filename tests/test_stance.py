"""Renewal stance with the shipped model: labels, scores, evidence, work and season."""

from __future__ import annotations

import math

import pytest

from articlenlp.stance.model import season_from
from articlenlp.types import STANCE_LABELS

RENEWED = """Harbour Lights Renewed for Season 3 at Netflix

By Nadia Okafor

Netflix has renewed Harbour Lights for a third season, the streamer announced on Tuesday, just three weeks after the second season of the Cornish mystery drama debuted on the platform.

The renewal comes as little surprise. The second season spent five consecutive weeks in the streamer's global top ten and drew the strongest reviews of the show's run so far.

Mara Quill will return as Detective Ines Roe, alongside Tobias Wren as her estranged brother Callum. Creator Owen Marsh is back as showrunner, and production on the eight new episodes begins in Falmouth in early spring.

"We have so much more story to tell, and we are thrilled that Netflix is giving us the chance to tell it," Marsh said in a statement.

Netflix has not yet set a premiere date for the third season.
"""

CANCELLED = """The Salt Road Cancelled at HBO After Two Seasons

HBO has cancelled The Salt Road after two seasons, ending the desert western's run before it could resolve the cliffhanger that closed its most recent episode.

The network confirmed the decision on Friday. Viewership for the second season fell by more than a third compared with the debut, and the show's expensive location shoot in Morocco made a renewal difficult to justify, according to people familiar with the matter.

Creator Lena Hartmann thanked the cast and crew in a post on Instagram and said she was "heartbroken" that the story would not be finished.

There will be no third season. Both seasons of The Salt Road remain available to stream on Max, and the cancellation follows the axing of several other HBO dramas this year as the network trims its spending.
"""

ENDING = """Northern Lines Will End With Its Fifth Season

The BBC has confirmed that Northern Lines will end with its fifth season, bringing the long-running railway drama to a close next year.

Series creator Colm Fairley said he had always planned to finish the story after five seasons and that the final episodes would give every character a proper farewell. The decision to conclude the show was made jointly by Fairley and the broadcaster, which described the fifth season as the final chapter.

Filming on the last season began in Leeds this month. The final series will consist of six episodes and is due to air in the autumn, with the series finale scheduled for Christmas.

"It felt right to end on our own terms while people still love these characters," Fairley said.

The BBC said it would mark the show's farewell with a documentary about its making.
"""

UNCERTAIN = """Will There Be a Season 3 of Midnight Orchard?

Fans of Midnight Orchard have been waiting for news since the second season wrapped up in March, but Hulu has yet to confirm whether the gothic drama will return.

The streamer has not renewed or cancelled the series. The show has performed steadily rather than spectacularly, which leaves its fate uncertain heading into the network's summer planning meetings.

Star Elodie Vance said in a recent interview that she would love to come back, but added that nobody in the cast had heard anything. Creator Sam Okonjo has reportedly sketched out ideas for a third season, though no scripts have been commissioned.

If Hulu does give the show a green light, a third season would likely not arrive before late next year, given the lengthy post-production the first two seasons required.

For now, it remains to be seen whether Midnight Orchard will be back. We will update this page when there is news.
"""

UNRELATED = """Review: The Glass Cartographer Is a Dazzling, Chilly Puzzle Box

The Glass Cartographer, the new film from director Ines Moreau, opens in cinemas this weekend after a warm reception at the Venice Film Festival.

The story follows a mapmaker who discovers that the city she has charted for thirty years is slowly rearranging itself. Moreau shoots the film in long, patient takes, and the production design is extraordinary, with streets that fold into one another like paper.

Anouk Lindgren gives a precise, guarded performance in the lead role, although the screenplay keeps her character at arm's length for much of the two-hour running time. The final act leans too heavily on exposition.

Still, it is one of the most visually inventive films of the year, and the score by Tomas Reyes is worth hearing in a proper theatre.

The Glass Cartographer is rated 12A and runs 124 minutes. It arrives on streaming in the spring.
"""

ARTICLES = {
    "renewed": RENEWED,
    "cancelled": CANCELLED,
    "ending": ENDING,
    "uncertain": UNCERTAIN,
    "unrelated": UNRELATED,
}


@pytest.fixture(scope="module")
def stances(analyzer):
    return {label: analyzer.analyze(text).stance for label, text in ARTICLES.items()}


@pytest.mark.parametrize("label", list(ARTICLES))
def test_articles_are_realistic_length(label):
    assert 120 <= len(ARTICLES[label].split()) <= 200


@pytest.mark.parametrize("label", list(ARTICLES))
def test_label(stances, label):
    stance = stances[label]
    assert stance.label == label, stance.scores


@pytest.mark.parametrize("label", list(ARTICLES))
def test_scores_are_probabilities_over_all_labels(stances, label):
    stance = stances[label]
    assert set(stance.scores) == set(STANCE_LABELS)
    assert all(0.0 <= s <= 1.0 for s in stance.scores.values())
    assert math.isclose(sum(stance.scores.values()), 1.0, abs_tol=1e-6)
    assert stance.confidence == stance.scores[stance.label]
    assert stance.confidence == max(stance.scores.values())


@pytest.mark.parametrize("label", list(ARTICLES))
def test_evidence_spans_are_substrings_at_their_offsets(stances, label):
    text = ARTICLES[label]
    stance = stances[label]
    assert 1 <= len(stance.evidence) <= 3
    for span in stance.evidence:
        assert text[span.start : span.end] == span.text
        assert span.text == span.text.strip()
        assert span.text


@pytest.mark.parametrize(
    ("label", "work"),
    [
        ("renewed", "Harbour Lights"),
        ("cancelled", "The Salt Road"),
        ("ending", "Northern Lines"),
        ("uncertain", "Midnight Orchard"),
    ],
)
def test_work(stances, label, work):
    assert stances[label].work == work


@pytest.mark.parametrize(("label", "season"), [("renewed", 3), ("cancelled", 3), ("ending", 5), ("uncertain", 3)])
def test_season(stances, label, season):
    assert stances[label].season == season


def test_evidence_of_renewal_mentions_the_renewal(stances):
    assert any("renew" in span.text.lower() for span in stances["renewed"].evidence)


def test_evidence_of_cancellation_mentions_the_cancellation(stances):
    assert any("cancel" in span.text.lower() for span in stances["cancelled"].evidence)


# --- season_from ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "label", "season"),
    [
        ("Netflix has renewed the drama for a third season.", "renewed", 3),
        ("The streamer renewed the show for a third season on Tuesday.", "renewed", 3),
        ("Filming on Season 4 begins in the spring.", "uncertain", 4),
        ("Harbour Lights season 2 arrives in October.", "renewed", 2),
        ("The network cancelled the comedy after two seasons.", "cancelled", 3),
        ("HBO has cancelled the series after just one season.", "cancelled", 2),
        ("The BBC confirmed the fifth and final season.", "ending", 5),
        ("The show's sophomore season premieres in June.", "renewed", 2),
    ],
)
def test_season_from(sentence, label, season):
    assert season_from([sentence], label) == season


def test_season_from_after_two_seasons_only_when_cancelled():
    assert season_from(["The show ended after two seasons."], "ending") is None


def test_season_from_nothing():
    assert season_from(["The cast returns to Cornwall in the spring."], "renewed") is None
    assert season_from([], "renewed") is None


def test_season_from_prefers_the_first_sentences():
    assert season_from(["The streamer ordered a fourth season.", "The third season drew big audiences."], "renewed") == 4
