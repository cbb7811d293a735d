"""Evaluation matching rules on hand-made gold and predictions."""

from __future__ import annotations

import json

import pytest
import spacy

from articlenlp.corpus import GoldArticle
from articlenlp.evaluation import _claim_metrics, _entity_metrics, _quote_metrics, _stance_metrics, evaluate, format_evaluation
from articlenlp.types import STANCE_LABELS, Analysis, Claim, Entity, Quote, Stance

TEXT = (
    "HBO renews Night Harbour for season 2\n\n"
    "HBO has renewed Night Harbour for a second season. "
    '"We are thrilled to go back to the docks," creator Mia Holt-Jensen told Variety. '
    "The second season could arrive next year.\n\n"
    "Holt-Jensen said star Ravi Anand, who plays Captain Brill, will return. "
    "Anand is expected to direct an episode.\n"
)
QUOTE = "We are thrilled to go back to the docks,"
FACT = "HBO has renewed Night Harbour for a second season."
SPECULATION = "The second season could arrive next year."
SPECULATION_2 = "Anand is expected to direct an episode."

GOLD_ENTITIES = [
    {"name": "HBO", "type": "ORG", "roles": ["network"], "aliases": []},
    {"name": "Night Harbour", "type": "WORK", "roles": ["series"], "aliases": []},
    {"name": "Mia Holt-Jensen", "type": "PERSON", "roles": ["creator"], "aliases": ["Holt-Jensen"]},
    {"name": "Ravi Anand", "type": "PERSON", "roles": ["actor"], "aliases": ["Anand"], "plays": ["Captain Brill"]},
    {"name": "Captain Brill", "type": "CHARACTER", "roles": [], "aliases": []},
    {"name": "Variety", "type": "ORG", "roles": ["outlet"], "aliases": []},
]


def _span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def _gold(**changes) -> GoldArticle:
    fields = {
        "id": "night-harbour",
        "text": TEXT,
        "stance": "renewed",
        "work": "Night Harbour",
        "season": 2,
        "entities": GOLD_ENTITIES,
        "quotes": [{"text": QUOTE, "kind": "direct", "speakers": ["Mia Holt-Jensen"], "outlet": "Variety"}],
        "claims": [
            {"text": FACT, "label": "fact"},
            {"text": SPECULATION, "label": "speculation"},
            {"text": SPECULATION_2, "label": "speculation"},
        ],
    }
    fields.update(changes)
    return GoldArticle(**fields)


def _stance(label="renewed", work="Night Harbour", season=2) -> Stance:
    return Stance(label=label, confidence=0.9, scores={k: 0.9 if k == label else 0.025 for k in STANCE_LABELS}, work=work, season=season)


def _perfect_entities() -> list[Entity]:
    return [
        Entity("e1", "HBO", "ORG", ["network"], works=["e2"]),
        Entity("e2", "Night Harbour", "WORK", ["series"]),
        Entity("e3", "Mia Holt-Jensen", "PERSON", ["creator"], aliases=["Holt-Jensen"]),
        Entity("e4", "Ravi Anand", "PERSON", ["actor"], aliases=["Anand"], plays=["e5"]),
        Entity("e5", "Captain Brill", "CHARACTER"),
        Entity("e6", "Variety", "ORG", ["outlet"]),
    ]


def _perfect_quotes() -> list[Quote]:
    start, end = _span(QUOTE)
    return [Quote(QUOTE, start, end, "direct", speaker="e3", speaker_name="Mia Holt-Jensen", outlet="Variety")]


def _perfect_claims() -> list[Claim]:
    claims = []
    for text, label, cues in (
        (FACT, "fact", []),
        (SPECULATION, "speculation", ["could"]),
        (SPECULATION_2, "speculation", ["is expected to"]),
    ):
        start, end = _span(text)
        claims.append(Claim(text, start, end, label, 0.9, cues))
    return claims


def _analysis(**changes) -> Analysis:
    fields = {
        "id": "night-harbour",
        "text": TEXT,
        "stance": _stance(),
        "entities": _perfect_entities(),
        "quotes": _perfect_quotes(),
        "claims": _perfect_claims(),
    }
    fields.update(changes)
    return Analysis(**fields)


@pytest.fixture(scope="module")
def doc():
    """A Doc without named entities: the spaCy-NER baseline predicts nothing on it."""
    return spacy.blank("en")(TEXT)


# --- quotes --------------------------------------------------------------------------------


def test_quotes_perfect():
    metrics = _quote_metrics([(_gold(), _analysis(), None)])
    assert metrics["detection"]["precision"] == 1.0
    assert metrics["detection"]["recall"] == 1.0
    assert metrics["detection"]["f1"] == 1.0
    assert metrics["attribution_accuracy"] == 1.0
    assert metrics["outlet_accuracy"] == 1.0
    assert metrics["end_to_end"]["f1"] == 1.0
    assert metrics["per_kind"]["direct"]["recall"] == 1.0


def test_quotes_empty_prediction():
    metrics = _quote_metrics([(_gold(), _analysis(quotes=[]), None)])
    assert metrics["detection"]["recall"] == 0.0
    assert metrics["detection"]["gold"] == 1
    assert metrics["detection"]["predicted"] == 0
    assert metrics["end_to_end"]["recall"] == 0.0


def test_quote_overlap_threshold():
    start, end = _span(QUOTE)
    # covers more than half of the gold quote: a match
    mostly = Quote(TEXT[start : start + 30], start, start + 30, "partial", speaker_name="Mia Holt-Jensen")
    assert _quote_metrics([(_gold(), _analysis(quotes=[mostly]), None)])["detection"]["recall"] == 1.0
    # covers well under half: missed, and a false positive
    little = Quote(TEXT[start : start + 10], start, start + 10, "partial", speaker_name="Mia Holt-Jensen")
    metrics = _quote_metrics([(_gold(), _analysis(quotes=[little]), None)])
    assert metrics["detection"]["recall"] == 0.0
    assert metrics["detection"]["precision"] == 0.0
    # a prediction far longer than the gold quote does not match either
    long_end = TEXT.index("next year.") + len("next year.")
    sprawling = Quote(TEXT[start:long_end], start, long_end, "direct")
    assert _quote_metrics([(_gold(), _analysis(quotes=[sprawling]), None)])["detection"]["recall"] == 0.0


def test_quote_speaker_by_alias_and_spelling():
    start, end = _span(QUOTE)
    for speaker_name in ("Holt-Jensen", "mia holt jensen", "Holt-Jensen's"):
        quote = Quote(QUOTE, start, end, "direct", speaker=None, speaker_name=speaker_name, outlet="variety")
        metrics = _quote_metrics([(_gold(), _analysis(quotes=[quote]), None)])
        assert metrics["attribution_accuracy"] == 1.0, speaker_name
        assert metrics["outlet_accuracy"] == 1.0


def test_quote_speaker_by_entity_id():
    start, end = _span(QUOTE)
    quote = Quote(QUOTE, start, end, "direct", speaker="e3", speaker_name="the creator", outlet=None)
    metrics = _quote_metrics([(_gold(), _analysis(quotes=[quote]), None)])
    assert metrics["attribution_accuracy"] == 1.0
    assert metrics["outlet_accuracy"] == 0.0


def test_quote_wrong_speaker():
    start, end = _span(QUOTE)
    quote = Quote(QUOTE, start, end, "direct", speaker="e4", speaker_name="Ravi Anand", outlet="Variety")
    metrics = _quote_metrics([(_gold(), _analysis(quotes=[quote]), None)])
    assert metrics["detection"]["f1"] == 1.0
    assert metrics["attribution_accuracy"] == 0.0
    assert metrics["end_to_end"]["recall"] == 0.0


def test_one_prediction_matches_one_gold_quote():
    start, end = _span(QUOTE)
    gold = _gold(quotes=[{"text": QUOTE, "speakers": ["Mia Holt-Jensen"]}, {"text": QUOTE[:-1], "speakers": ["Mia Holt-Jensen"]}])
    metrics = _quote_metrics([(gold, _analysis(), None)])
    assert metrics["detection"]["gold"] == 2
    assert metrics["detection"]["recall"] == 0.5
    assert metrics["detection"]["precision"] == 1.0


# --- claims --------------------------------------------------------------------------------


def test_claims_perfect():
    metrics = _claim_metrics([(_gold(), _analysis(), None)])
    assert metrics["gold_claims"] == 3
    assert metrics["missed"] == 0
    assert metrics["accuracy"] == 1.0
    assert metrics["macro_f1"] == 1.0
    assert metrics["per_label"]["speculation"]["recall"] == 1.0
    assert metrics["cue_consistency_violations"] == 0


def test_claims_empty_prediction():
    metrics = _claim_metrics([(_gold(), _analysis(claims=[]), None)])
    assert metrics["missed"] == 3
    assert metrics["accuracy"] == 0.0
    assert metrics["per_label"]["fact"]["recall"] == 0.0
    assert metrics["per_label"]["speculation"]["recall"] == 0.0


def test_claims_no_gold_articles():
    metrics = _claim_metrics([])
    assert metrics["gold_claims"] == 0
    assert metrics["missed"] == 0


def test_claims_wrong_labels_and_cue_consistency():
    claims = _perfect_claims()
    claims[1] = Claim(claims[1].text, claims[1].start, claims[1].end, "fact", 0.6, [])
    claims[2] = Claim(claims[2].text, claims[2].start, claims[2].end, "speculation", 0.6, [])  # no cues: inconsistent
    metrics = _claim_metrics([(_gold(), _analysis(claims=claims), None)])
    assert metrics["missed"] == 0
    assert metrics["accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert metrics["per_label"]["speculation"]["recall"] == 0.5
    assert metrics["cue_consistency_violations"] == 1


def test_claim_covering_half_matches():
    start, end = _span(FACT)
    half = start + (end - start) // 2 + 1
    claims = [Claim(TEXT[start:half], start, half, "fact", 0.9)]
    metrics = _claim_metrics([(_gold(claims=[{"text": FACT, "label": "fact"}]), _analysis(claims=claims), None)])
    assert metrics["missed"] == 0
    short = start + (end - start) // 4
    claims = [Claim(TEXT[start:short], start, short, "fact", 0.9)]
    metrics = _claim_metrics([(_gold(claims=[{"text": FACT, "label": "fact"}]), _analysis(claims=claims), None)])
    assert metrics["missed"] == 1


def test_hedge_baseline_is_reported():
    baseline = _claim_metrics([(_gold(), _analysis(), None)])["baseline_hedge_words"]
    # "could" and "expected" are hedge words, the fact has none: the baseline gets all three
    assert baseline["accuracy"] == 1.0


# --- entities ------------------------------------------------------------------------------


def test_entities_perfect(doc):
    metrics = _entity_metrics([(_gold(), _analysis(), doc)])
    assert metrics["overall"]["precision"] == 1.0
    assert metrics["overall"]["recall"] == 1.0
    for type_ in ("PERSON", "CHARACTER", "WORK", "ORG"):
        assert metrics["per_type"][type_]["f1"] == 1.0, type_
    assert metrics["roles"]["f1"] == 1.0
    assert metrics["links"]["f1"] == 1.0
    assert metrics["multi_alias_entities"] == 2
    assert metrics["alias_merge_rate"] == 1.0
    assert metrics["baseline_spacy_ner"]["overall"]["predicted"] == 0


def test_entities_empty_prediction(doc):
    metrics = _entity_metrics([(_gold(), _analysis(entities=[]), doc)])
    assert metrics["overall"]["recall"] == 0.0
    assert metrics["overall"]["gold"] == 6
    assert metrics["links"]["recall"] == 0.0
    assert metrics["alias_merge_rate"] == 0.0


def test_entity_names_match_case_and_hyphen_insensitively(doc):
    entities = _perfect_entities()
    entities[2] = Entity("e3", "mia holt jensen", "PERSON", ["creator"], aliases=["HOLT JENSEN"])
    metrics = _entity_metrics([(_gold(), _analysis(entities=entities), doc)])
    assert metrics["per_type"]["PERSON"]["recall"] == 1.0
    assert metrics["alias_merge_rate"] == 1.0


def test_entity_type_must_agree(doc):
    entities = _perfect_entities()
    entities[1] = Entity("e2", "Night Harbour", "ORG", ["other"])
    metrics = _entity_metrics([(_gold(), _analysis(entities=entities), doc)])
    assert metrics["per_type"]["WORK"]["recall"] == 0.0
    assert metrics["per_type"]["ORG"]["precision"] == pytest.approx(2 / 3, abs=1e-3)


def test_unmerged_aliases_and_wrong_roles(doc):
    entities = _perfect_entities()
    entities[3] = Entity("e4", "Ravi Anand", "PERSON", ["director"], plays=[])  # "Anand" split off, wrong role, no link
    entities.append(Entity("e7", "Anand", "PERSON", ["actor"]))
    metrics = _entity_metrics([(_gold(), _analysis(entities=entities), doc)])
    assert metrics["alias_merge_rate"] == 0.5
    assert metrics["links"]["recall"] == 0.0
    assert metrics["roles"]["recall"] < 1.0
    assert metrics["per_type"]["PERSON"]["precision"] == pytest.approx(2 / 3, abs=1e-3)


# --- stance --------------------------------------------------------------------------------


def test_stance_metrics():
    pairs = [
        (_gold(), _analysis(), None),
        (_gold(id="b", stance="cancelled", work="Blue Line", season=3), _analysis(stance=_stance("cancelled", "the blue line", 2)), None),
        (_gold(id="c", stance="ending", work=None, season=None), _analysis(stance=_stance("uncertain", None, None)), None),
    ]
    metrics = _stance_metrics(pairs)
    assert metrics["accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert metrics["per_label"]["renewed"]["f1"] == 1.0
    assert metrics["per_label"]["ending"]["recall"] == 0.0
    assert metrics["work_accuracy"] == 1.0  # "the blue line" is "Blue Line"
    assert metrics["season_accuracy"] == 0.5


# --- end to end ----------------------------------------------------------------------------


def test_evaluate_on_a_gold_folder(tmp_path, analyzer):
    (tmp_path / "night-harbour.txt").write_text(TEXT, encoding="utf-8")
    gold = _gold()
    record = {k: getattr(gold, k) for k in ("id", "stance", "work", "season", "entities", "quotes", "claims")}
    (tmp_path / "night-harbour.gold.json").write_text(json.dumps(record), encoding="utf-8")
    (tmp_path / "other.txt").write_text(
        "Netflix cancels Dust Road\n\nNetflix has cancelled Dust Road after one season.\n", encoding="utf-8"
    )
    (tmp_path / "other.gold.json").write_text(json.dumps({"stance": "cancelled", "work": "Dust Road", "season": 1}), encoding="utf-8")
    metrics = evaluate(tmp_path, analyzer=analyzer)
    assert metrics["files"] == 2
    assert metrics["fully_annotated"] == 1
    assert metrics["claims"]["gold_claims"] == 3
    assert metrics["quotes"]["detection"]["gold"] == 1
    assert metrics["entities"]["overall"]["gold"] == 6
    assert 0.0 <= metrics["stance"]["accuracy"] <= 1.0
    json.dumps(metrics)
    report = format_evaluation(metrics)
    assert "STANCE" in report and "QUOTES" in report and "CLAIMS" in report

    # a split file limits evaluation to its test ids unless all=True
    (tmp_path / "splits.json").write_text(json.dumps({"train": ["other"], "test": ["night-harbour"]}), encoding="utf-8")
    assert evaluate(tmp_path, analyzer=analyzer)["files"] == 1
    assert evaluate(tmp_path, analyzer=analyzer, use_split=False)["files"] == 2


def test_evaluate_stance_only_gold(tmp_path, analyzer):
    """Gold files with a stance label only (no entities/quotes/claims) still give stance metrics."""
    (tmp_path / "other.txt").write_text(
        "Netflix cancels Dust Road\n\nNetflix has cancelled Dust Road after one season.\n", encoding="utf-8"
    )
    (tmp_path / "other.gold.json").write_text(json.dumps({"stance": "cancelled", "work": "Dust Road", "season": 1}), encoding="utf-8")
    metrics = evaluate(tmp_path, analyzer=analyzer)
    assert metrics["files"] == 1
    assert metrics["fully_annotated"] == 0
    assert metrics["claims"]["gold_claims"] == 0
    assert metrics["stance"]["per_label"]["cancelled"]["support"] == 1
    format_evaluation(metrics)
