"""The data model: to_dict shapes follow the schema; entity lookup."""

from __future__ import annotations

import json

import pytest

from articlenlp.types import (
    ENTITY_TYPES,
    STANCE_LABELS,
    Analysis,
    Claim,
    Entity,
    Quote,
    Span,
    Stance,
)

TEXT = 'Netflix renews Night Shift\n\nNetflix has renewed Night Shift. "We are thrilled," Ana Ruiz told Variety. It could return in May.'


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(needle, start, start + len(needle))


def _analysis() -> Analysis:
    quote_text = "We are thrilled,"
    q_start = TEXT.index(quote_text)
    claim_1 = _span(TEXT, "Netflix has renewed Night Shift.")
    claim_2 = _span(TEXT, "It could return in May.")
    return Analysis(
        id="night-shift",
        text=TEXT,
        title="Netflix renews Night Shift",
        stance=Stance(
            label="renewed",
            confidence=0.812345678,
            scores={"renewed": 0.812345678, "cancelled": 0.05, "ending": 0.05, "uncertain": 0.05, "unrelated": 0.037654322},
            work="Night Shift",
            season=None,
            evidence=[claim_1],
        ),
        entities=[
            Entity(id="e1", name="Netflix", type="ORG", roles=["network"], mentions=[(0, 7), (28, 35)], works=["e2"]),
            Entity(id="e2", name="Night Shift", type="WORK", roles=["series"], mentions=[(15, 26)]),
            Entity(
                id="e3",
                name="Ana Ruiz",
                type="PERSON",
                roles=["executive"],
                aliases=["Ruiz"],
                mentions=[(TEXT.index("Ana Ruiz"), TEXT.index("Ana Ruiz") + 8)],
            ),
            Entity(id="e4", name="Variety", type="ORG", roles=["outlet"]),
            Entity(id="e5", name="Nurse Jo", type="CHARACTER"),
        ],
        quotes=[Quote(quote_text, q_start, q_start + len(quote_text), "direct", speaker="e3", speaker_name="Ana Ruiz", outlet="Variety")],
        claims=[
            Claim(claim_1.text, claim_1.start, claim_1.end, "fact", 0.9),
            Claim(claim_2.text, claim_2.start, claim_2.end, "speculation", 0.7777777, cues=["could"]),
        ],
        warnings=["night-shift.txt: not valid UTF-8; decoded as Windows-1252"],
    )


def test_analysis_to_dict_validates(validate):
    record = _analysis().to_dict()
    validate(record)
    assert record["schema_version"] == "1"
    assert record["id"] == "night-shift"
    assert record["title"] == "Netflix renews Night Shift"
    assert json.loads(json.dumps(record)) == record  # plain JSON types only


def test_minimal_analysis_validates(validate):
    stance = Stance(label="unrelated", confidence=1.0, scores={label: float(label == "unrelated") for label in STANCE_LABELS})
    record = Analysis(id="x", text="Hello.", stance=stance).to_dict()
    validate(record)
    assert record["title"] is None
    assert record["entities"] == record["quotes"] == record["claims"] == record["warnings"] == []
    assert record["stance"]["work"] is None and record["stance"]["season"] is None and record["stance"]["evidence"] == []


@pytest.mark.parametrize("label", STANCE_LABELS)
def test_every_stance_label_validates(validate, label):
    stance = Stance(
        label=label, confidence=0.5, scores={other: 0.5 if other == label else 0.125 for other in STANCE_LABELS}, work="W", season=3
    )
    validate(Analysis(id="x", text="t", stance=stance).to_dict())


def test_entity_shapes_by_type():
    record = _analysis().to_dict()
    by_type = {}
    for entity in record["entities"]:
        by_type.setdefault(entity["type"], entity)
    assert set(by_type) == set(ENTITY_TYPES)
    assert "plays" in by_type["PERSON"] and "works" in by_type["PERSON"]
    assert "works" in by_type["ORG"] and "plays" not in by_type["ORG"]
    assert "plays" not in by_type["WORK"] and "works" not in by_type["WORK"]
    assert "plays" not in by_type["CHARACTER"] and "works" not in by_type["CHARACTER"]
    assert by_type["CHARACTER"]["roles"] == []
    assert by_type["ORG"]["mentions"] == [[0, 7], [28, 35]]


def test_spans_in_record_match_text():
    record = _analysis().to_dict()
    for item in [*record["quotes"], *record["claims"], *record["stance"]["evidence"]]:
        assert TEXT[item["start"] : item["end"]] == item["text"]


def test_numbers_rounded_for_output():
    record = _analysis().to_dict()
    assert record["stance"]["confidence"] == 0.8123
    assert record["stance"]["scores"]["renewed"] == 0.8123
    assert record["claims"][1]["confidence"] == 0.7778
    assert record["claims"][1]["cues"] == ["could"]
    assert record["claims"][0]["cues"] == []


def test_quote_to_dict_keys():
    quote = Quote("Hi", 0, 2, "partial").to_dict()
    assert quote == {"text": "Hi", "start": 0, "end": 2, "kind": "partial", "speaker": None, "speaker_name": None, "outlet": None}


def test_to_dict_is_a_copy():
    analysis = _analysis()
    record = analysis.to_dict()
    record["entities"][0]["roles"].append("studio")
    record["warnings"].append("changed")
    assert analysis.entities[0].roles == ["network"]
    assert len(analysis.warnings) == 1


def test_entity_lookup():
    analysis = _analysis()
    assert analysis.entity("e3").name == "Ana Ruiz"
    assert analysis.entity("e5").type == "CHARACTER"
    assert analysis.entity("e99") is None
    assert analysis.entity(None) is None
    quote = analysis.quotes[0]
    assert analysis.entity(quote.speaker).name == quote.speaker_name
