"""Training the stance classifier on a tiny hand-written corpus: card, determinism, loading."""

from __future__ import annotations

import json

import numpy as np
import pytest

import articlenlp
from articlenlp.corpus import corpus_hash, read_corpus
from articlenlp.modelcard import ModelError, load_model, sha256_file
from articlenlp.training import train
from articlenlp.types import STANCE_LABELS

# (id, stance, work, season, text): 4 short, distinct articles per label.
ARTICLES = [
    (
        "lantern-street",
        "renewed",
        "Lantern Street",
        2,
        "Hulu renews Lantern Street for a second season\n\n"
        "Hulu has ordered a second season of Lantern Street, the Chicago-set legal comedy from creator Bea Montrose. "
        "The pickup follows a strong debut that kept the show in the streamer's top ten for five straight weeks.\n\n"
        "Montrose said the writers will return to the room in January, and the full ensemble has signed on again. "
        "Eight new episodes are planned, with filming pencilled in for early summer. The first season is available to stream now.",
    ),
    (
        "velvet-frontier",
        "renewed",
        "Velvet Frontier",
        3,
        "Starz picks up Velvet Frontier for season three\n\n"
        "Starz has given Velvet Frontier a third season order, extending the western romance into next year. "
        "Network president Carla Duvall praised the cast in a short statement and confirmed that Jonah Pike and Rima Saleh will both return.\n\n"
        "Ratings for the second season grew week on week, the network said, making it the channel's best-performing drama since its launch. "
        "Production resumes in New Mexico this autumn.",
    ),
    (
        "lock-keeper",
        "renewed",
        "The Lock Keeper",
        2,
        "ITV recommissions The Lock Keeper\n\n"
        "ITV has recommissioned The Lock Keeper, its canal-side detective drama, for another series. "
        "The broadcaster confirmed on Thursday that six further episodes are in development, with Ewan Roddick returning as Inspector Tom Barrow.\n\n"
        "The first run averaged 5.8 million viewers across linear and streaming, comfortably ahead of the slot average. "
        "Writer Helen Mayhew is already drafting the new scripts, and filming starts in Oxfordshire next spring.",
    ),
    (
        "glasswing",
        "renewed",
        "Glasswing",
        2,
        "Apple TV+ orders more Glasswing\n\n"
        "Glasswing is coming back. Apple TV+ confirmed a season two renewal for the sci-fi thriller on Wednesday, only days after its finale aired. "
        "The streamer did not share viewing figures but said the show had brought in more new subscribers than any of its original dramas this year.\n\n"
        "Showrunner Dev Anand Rao is returning, along with leads Mara Quist and Tobias Wren.",
    ),
    (
        "midnight-pantry",
        "cancelled",
        "Midnight Pantry",
        1,
        "Netflix cancels Midnight Pantry after one season\n\n"
        "Netflix has cancelled Midnight Pantry, the baking competition hosted by Gus Ferreira, after a single season. "
        "The streamer made the decision quietly, and the series no longer appears in its upcoming slate.\n\n"
        "Viewership fell sharply after the opening week, according to the company's own engagement report. "
        "Ferreira thanked fans on social media and said the contestants had been a joy to work with. The eight existing episodes will remain available.",
    ),
    (
        "steel-harbor",
        "cancelled",
        "Steel Harbor",
        3,
        "CBS axes procedural Steel Harbor\n\n"
        "CBS has axed Steel Harbor, ending the naval procedural after three seasons on the network. "
        "The cancellation was confirmed by a spokesperson, who cited rising production costs and a slide in live ratings.\n\n"
        "The cast, led by Ron Vasquez, learned of the decision on Friday afternoon. Steel Harbor will not be shopped to other outlets, "
        "and the season three finale, filmed as a cliffhanger, now serves as the last episode anyone will see.",
    ),
    (
        "sea-glass-cottage",
        "cancelled",
        "Sea Glass Cottage",
        2,
        "Channel 5 drops Sea Glass Cottage\n\n"
        "Channel 5 has dropped Sea Glass Cottage, the Cornish renovation show, after two runs. "
        "A network source said the programme had failed to hold its audience against a crowded Sunday schedule, "
        "and the axe fell during this week's commissioning review.\n\n"
        "Presenter Lottie Brannigan described the news as a blow to the small crew in Truro. "
        "The broadcaster has also pulled the remaining repeats from its daytime listings.",
    ),
    (
        "neon-saints",
        "cancelled",
        "Neon Saints",
        2,
        "Max pulls the plug on Neon Saints\n\n"
        "Max has pulled the plug on Neon Saints, scrapping the anthology series before its second season went into production. "
        "Scripts had been written and sets partly built when the streamer halted the project, citing a broader review of its spending.\n\n"
        "Creator Yusuf Adeyemi said he was devastated and would try to find the show a new home. "
        "The first season, which drew modest numbers, leaves the platform at the end of the month.",
    ),
    (
        "broken-compass",
        "ending",
        "Broken Compass",
        5,
        "Broken Compass to end with its fifth season\n\n"
        "Broken Compass will conclude with its upcoming fifth season, FX announced on Monday. "
        "Creators Noor Haddad and Sam Ellery said they had always planned a five-part story and wanted to finish on their own terms.\n\n"
        "The final ten episodes wrap up the saga of the Kessler family and their failing vineyard. "
        "Filming finished last month, and the farewell season premieres in September.",
    ),
    (
        "paper-crowns",
        "ending",
        "Paper Crowns",
        4,
        "Paper Crowns farewell season announced\n\n"
        "The fourth season of Paper Crowns will be its last. The BBC and co-producer Tallis Films confirmed that the royal satire "
        "will bow out next spring with six closing episodes.\n\n"
        "Writer Imogen Feld said the story had reached its natural end and that the team wanted to leave audiences wanting more. "
        "Lead actor Peter Okonkwo called the wrap party emotional. A retrospective special airs after the finale.",
    ),
    (
        "hollow-pines",
        "ending",
        "Hollow Pines",
        3,
        "Hollow Pines closes the book after season three\n\n"
        "Hollow Pines is coming to a planned end. Showtime has confirmed that the third season of the small-town mystery "
        "will serve as the final chapter, wrapping every remaining thread.\n\n"
        "Executive producer Marta Lindqvist said the writers knew the killer's identity from the pilot, and the last episode finally reveals it. "
        "The story was always conceived as a trilogy. The concluding season debuts in October.",
    ),
    (
        "sunday-roast",
        "ending",
        "Sunday Roast",
        6,
        "Sunday Roast sitcom wraps up with final series\n\n"
        "Sunday Roast, the family sitcom starring June Okafor, is to finish with its sixth and final series. "
        "Creator Barney Hale announced that the show would sign off this Christmas with a double-length special.\n\n"
        "He explained that the children in the cast have grown up and that the premise had run its course. "
        "The closing run of episodes was filmed in front of a studio audience in Manchester in August.",
    ),
    (
        "orchard-road",
        "uncertain",
        "Orchard Road",
        2,
        "Is there a season two for Orchard Road?\n\n"
        "Fans of Orchard Road are still waiting for news. Paramount+ has not confirmed whether the coming-of-age drama "
        "will get a second season, and nobody from the production has commented.\n\n"
        "The show finished its debut run six months ago to middling reviews but a loyal online following. "
        "Star Keira Tamsett told fans on a livestream that she would love to return, although she admitted she knows nothing.",
    ),
    (
        "ironbridge",
        "uncertain",
        "Ironbridge",
        3,
        "What we know about Ironbridge season 3\n\n"
        "Ironbridge has not yet been renewed for a third season, and its future remains unclear. "
        "The historical drama's second season ended on a cliffhanger, but AMC has stayed silent.\n\n"
        "Reports suggest talks with the lead cast are ongoing, although contracts have reportedly expired. "
        "Director Lucia Fenn said in a podcast interview that she has ideas for more episodes. Until an announcement arrives, viewers will have to keep guessing.",
    ),
    (
        "coldwater-bay",
        "uncertain",
        "Coldwater Bay",
        2,
        "Will Coldwater Bay return?\n\n"
        "Coldwater Bay's future hangs in the balance. Peacock has yet to decide whether to bring back the coastal thriller, "
        "according to people close to the production.\n\n"
        "The streamer's schedule for next year is full, and showrunner Felix Oduya has moved on to another project, "
        "which could complicate any revival. Fans have launched a petition. For now, nothing has been announced either way.",
    ),
    (
        "starling-academy",
        "uncertain",
        "Starling Academy",
        4,
        "Still no word on Starling Academy season four\n\n"
        "There is still no word on a fourth season of Starling Academy. Disney+ typically makes renewal decisions within three months "
        "of a finale, but that window has passed.\n\n"
        "Cast member Aiden Corr posted a cryptic photo of a script, prompting speculation, though he later deleted it. "
        "Insiders say a decision may come after the summer. Until then, the boarding-school drama sits in limbo.",
    ),
    (
        "nadia-vell-broadway",
        "unrelated",
        None,
        None,
        "Harbour Lights star Nadia Vell joins Broadway revival\n\n"
        "Nadia Vell, best known for the television hit Harbour Lights, will make her Broadway debut this autumn in a revival of a classic comedy. "
        "Vell plays a scheming heiress in the production, which begins previews in October on West 45th Street.\n\n"
        "The actress trained in London before moving to New York. Tickets go on sale next week, and the producers promise a sixteen-week engagement.",
    ),
    (
        "salt-archive-review",
        "unrelated",
        "The Salt Archive",
        None,
        "Review: The Salt Archive is a patient, handsome documentary\n\n"
        "The Salt Archive, a new documentary about the fishing villages of northern Norway, rewards patience. "
        "Director Ingrid Solheim lets long takes of grey water do most of the talking, and the result is hypnotic.\n\n"
        "Interviews with elderly net-makers give the film warmth, while a score of low strings adds weight. "
        "At ninety minutes it drags slightly in the middle, but the closing sequence is gorgeous.",
    ),
    (
        "thunder-alley-box-office",
        "unrelated",
        "Thunder Alley",
        None,
        "Box office: Thunder Alley races to the top\n\n"
        "Thunder Alley sped to the top of the weekend box office, taking an estimated forty-two million dollars from three thousand screens. "
        "The street-racing film, directed by Marco Bellini, beat the animated holiday comedy that had led for two weeks.\n\n"
        "Audiences gave it a strong grade in exit polling. The studio now plans a wider international rollout, starting with Mexico and Brazil next Friday.",
    ),
    (
        "emmy-snubs",
        "unrelated",
        None,
        None,
        "Emmy nominations: the snubs and surprises\n\n"
        "This year's Emmy nominations brought the usual mix of delight and outrage. Veteran performer Sheila Grant earned her tenth nod, "
        "while breakout comedian Rafi Lohan was left off the list entirely.\n\n"
        "Limited series dominated the technical categories, and voting members appeared to favour established names over newcomers. "
        "The ceremony takes place in Los Angeles in September.",
    ),
]

NEW_TEXTS = [
    "Showtime renews Red Meadow for season two\n\nShowtime has renewed Red Meadow for a second season after a record debut.",
    "NBC cancels Night Desk\n\nNBC has cancelled Night Desk after one season, ending the newsroom comedy.",
    "Fans wait on Blue Hour\n\nThere is no word yet on whether Blue Hour will return; the streamer has not decided.",
]


def test_hand_written_corpus_is_sound():
    assert len({a[0] for a in ARTICLES}) == len(ARTICLES)
    assert len({a[4] for a in ARTICLES}) == len(ARTICLES)
    for label in STANCE_LABELS:
        assert sum(a[1] == label for a in ARTICLES) == 4
    for id_, *_, text in ARTICLES:
        assert 60 <= len(text.split()) <= 120, id_


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny_corpus")
    for id_, stance, work, season, text in ARTICLES:
        (folder / f"{id_}.txt").write_text(text + "\n", encoding="utf-8")
        gold = {"id": id_, "stance": stance, "work": work, "season": season}
        (folder / f"{id_}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def two_runs(corpus_dir, tmp_path_factory):
    """The same corpus trained twice with the same seed, to different files."""
    out = tmp_path_factory.mktemp("models")
    first = train(corpus_dir, out / "first" / "stance.joblib", seed=7, save=True)
    second = train(corpus_dir, out / "second" / "stance.joblib", seed=7, save=True)
    return (out / "first" / "stance.joblib", first), (out / "second" / "stance.joblib", second)


def test_card_contents(two_runs, corpus_dir):
    (path, card), _ = two_runs
    assert path.is_file()
    on_disk = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert on_disk == card
    assert card["labels"] == list(STANCE_LABELS)
    assert card["sha256"] == sha256_file(path)
    assert card["corpus_hash"] == corpus_hash(read_corpus(corpus_dir))
    assert card["corpus_size"] == 20
    assert card["seed"] == 7
    assert card["split"]["train"] + card["split"]["test"] == 20
    assert card["split"]["test"] == 5  # one per label: stratified 25%
    for part in ("cross_validation", "test"):
        report = card["metrics"][part]
        assert set(report["per_label"]) == set(STANCE_LABELS)
        assert 0.0 <= report["macro_f1"] <= 1.0
        assert 0.0 <= report["accuracy"] <= 1.0
        assert len(report["confusion_matrix"]) == len(STANCE_LABELS)
    assert sum(map(sum, card["metrics"]["cross_validation"]["confusion_matrix"])) == 15
    assert sum(map(sum, card["metrics"]["test"]["confusion_matrix"])) == 5
    for key in ("sklearn_version", "spacy_version", "python_version", "trained"):
        assert card[key]


def test_same_seed_same_metrics_and_predictions(two_runs):
    (first_path, first_card), (second_path, second_card) = two_runs
    assert first_card["metrics"] == second_card["metrics"]
    first_model, _ = load_model(first_path, expected_labels=STANCE_LABELS)
    second_model, _ = load_model(second_path, expected_labels=STANCE_LABELS)
    texts = [a[4] for a in ARTICLES] + NEW_TEXTS
    assert list(first_model.predict(texts)) == list(second_model.predict(texts))
    np.testing.assert_allclose(first_model.predict_proba(texts), second_model.predict_proba(texts), rtol=0, atol=1e-12)


def test_same_seed_same_model_file(two_runs):
    (_, first_card), (_, second_card) = two_runs
    assert first_card["sha256"] == second_card["sha256"]


def test_model_fits_its_training_data(two_runs):
    (path, _), _ = two_runs
    model, _ = load_model(path, expected_labels=STANCE_LABELS)
    assert set(model.classes_) == set(STANCE_LABELS)
    probabilities = model.predict_proba(NEW_TEXTS)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)


def test_save_false_writes_nothing(corpus_dir, tmp_path):
    card = train(corpus_dir, tmp_path / "stance.joblib", seed=7, save=False)
    assert list(tmp_path.iterdir()) == []
    assert "sha256" not in card
    assert card["labels"] == list(STANCE_LABELS)


def test_split_file_is_used(corpus_dir, tmp_path):
    ids = [a[0] for a in ARTICLES]
    test_ids = [ids[0], ids[4], ids[8], ids[12], ids[16], ids[17]]
    split_path = tmp_path / "my-split.json"
    split_path.write_text(json.dumps({"train": [i for i in ids if i not in test_ids], "test": test_ids}), encoding="utf-8")
    card = train(corpus_dir, tmp_path / "m.joblib", split=split_path, save=False)
    assert card["split"] == {"source": str(split_path), "train": 14, "test": 6}


def test_missing_split_file(corpus_dir, tmp_path):
    with pytest.raises(FileNotFoundError):
        train(corpus_dir, tmp_path / "m.joblib", split=tmp_path / "nope.json", save=False)


def test_too_few_articles_of_a_label(tmp_path):
    for id_, stance, work, season, text in ARTICLES:
        if stance == "unrelated":
            continue
        (tmp_path / f"{id_}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{id_}.gold.json").write_text(json.dumps({"stance": stance, "work": work, "season": season}), encoding="utf-8")
    with pytest.raises(ValueError, match="unrelated"):
        train(tmp_path, tmp_path / "m.joblib", save=False)


@pytest.fixture(scope="module")
def trained_analyzer(two_runs):
    (path, _), _ = two_runs
    return articlenlp.load(model_path=path)


def test_load_with_trained_model(trained_analyzer, two_runs, validate):
    (path, _), _ = two_runs
    model, _ = load_model(path, expected_labels=STANCE_LABELS)
    for text in NEW_TEXTS:
        analysis = trained_analyzer.analyze(text)
        validate(analysis.to_dict())
        expected = dict(zip(model.classes_, model.predict_proba([text])[0], strict=True))
        assert analysis.stance.label == max(expected, key=expected.get)
        for label in STANCE_LABELS:
            assert analysis.stance.scores[label] == pytest.approx(expected[label])


def test_load_refuses_a_tampered_model(two_runs, tmp_path):
    (path, _), _ = two_runs
    copy = tmp_path / "stance.joblib"
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    copy.write_bytes(bytes(data))
    copy.with_suffix(".json").write_bytes(path.with_suffix(".json").read_bytes())
    with pytest.raises(ModelError, match="sha256"):
        articlenlp.load(model_path=copy)
