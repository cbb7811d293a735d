"""Gold files and splits: validation errors name the file; splits are stratified and stable."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest

from articlenlp.corpus import GoldArticle, GoldError, corpus_hash, make_split, read_corpus, read_gold, read_split
from articlenlp.types import STANCE_LABELS

TEXT = "Harbour Nights renewed\n\nChannel 4 has renewed Harbour Nights for a second series, starring Ola Brandt.\n"
GOOD = {
    "id": "harbour",
    "stance": "renewed",
    "work": "Harbour Nights",
    "season": 2,
    "entities": [{"name": "Ola Brandt", "type": "PERSON", "roles": ["actor"], "aliases": []}],
    "quotes": [],
    "claims": [{"text": "Channel 4 has renewed Harbour Nights for a second series, starring Ola Brandt.", "label": "fact"}],
}


def _write(folder, name, gold, text=TEXT):
    gold_path = folder / f"{name}.gold.json"
    gold_path.write_text(gold if isinstance(gold, str) else json.dumps(gold), encoding="utf-8")
    if text is not None:
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return gold_path


def test_read_good_gold(tmp_path):
    article = read_gold(_write(tmp_path, "harbour", GOOD))
    assert article.id == "harbour"
    assert article.text == TEXT
    assert article.stance == "renewed"
    assert article.work == "Harbour Nights"
    assert article.season == 2
    assert article.fully_annotated


def test_stance_only_gold_is_not_fully_annotated(tmp_path):
    article = read_gold(_write(tmp_path, "short", {"stance": "uncertain", "work": None, "season": None}))
    assert article.id == "short"  # falls back to the file name
    assert not article.fully_annotated


@pytest.mark.parametrize(
    ("case", "gold", "text"),
    [
        ("invalid-json", '{"stance": "renewed",', TEXT),
        ("not-an-object", "[1, 2]", TEXT),
        ("bad-stance", {**GOOD, "stance": "rebooted"}, TEXT),
        ("missing-stance", {"work": "Harbour Nights"}, TEXT),
        ("missing-txt", GOOD, None),
        ("bad-claim-label", {**GOOD, "claims": [{"text": "Channel 4 has renewed Harbour Nights.", "label": "opinion"}]}, TEXT),
        ("claim-without-text", {**GOOD, "claims": [{"label": "fact"}]}, TEXT),
        ("bad-entity-type", {**GOOD, "entities": [{"name": "Ola Brandt", "type": "HUMAN"}]}, TEXT),
        ("entity-without-name", {**GOOD, "entities": [{"type": "PERSON"}]}, TEXT),
        ("quote-without-text", {**GOOD, "quotes": [{"speakers": ["Ola Brandt"]}]}, TEXT),
        ("season-not-int", {**GOOD, "season": "two"}, TEXT),
        ("claims-not-list", {**GOOD, "claims": "none"}, TEXT),
    ],
)
def test_malformed_gold_names_the_file(tmp_path, case, gold, text):
    path = _write(tmp_path, case, gold, text)
    with pytest.raises(GoldError) as error:
        read_gold(path)
    assert f"{case}.gold.json" in str(error.value)


def test_read_corpus_reports_the_bad_file(tmp_path):
    _write(tmp_path, "a-good", GOOD)
    _write(tmp_path, "b-bad", {**GOOD, "stance": "maybe"})
    with pytest.raises(GoldError, match="b-bad.gold.json"):
        read_corpus(tmp_path)


def test_read_corpus_sorted_and_empty_folder(tmp_path):
    with pytest.raises(GoldError):
        read_corpus(tmp_path)
    with pytest.raises(GoldError):
        read_corpus(tmp_path / "missing")
    _write(tmp_path, "zeta", {**GOOD, "id": "zeta"})
    _write(tmp_path, "alpha", {**GOOD, "id": "alpha"})
    assert [a.id for a in read_corpus(tmp_path)] == ["alpha", "zeta"]


def _articles() -> list[GoldArticle]:
    """8 articles per label, half of them fully annotated."""
    articles = []
    for label in STANCE_LABELS:
        for i in range(8):
            full = i % 2 == 0
            articles.append(
                GoldArticle(
                    id=f"{label}-{i}",
                    text=f"{label} article {i}",
                    stance=label,
                    entities=[] if full else None,
                    quotes=[] if full else None,
                    claims=[] if full else None,
                )
            )
    return articles


def test_make_split_partitions_the_corpus():
    articles = _articles()
    split = make_split(articles)
    train, test = set(split["train"]), set(split["test"])
    assert not train & test
    assert train | test == {a.id for a in articles}
    assert len(test) == 10


def test_make_split_is_stratified():
    articles = _articles()
    by_id = {a.id: a for a in articles}
    split = make_split(articles)
    test_labels = Counter(by_id[i].stance for i in split["test"])
    train_labels = Counter(by_id[i].stance for i in split["train"])
    assert test_labels == {label: 2 for label in STANCE_LABELS}
    assert train_labels == {label: 6 for label in STANCE_LABELS}
    # ... and by full annotation within each label
    test_full = Counter((by_id[i].stance, by_id[i].fully_annotated) for i in split["test"])
    assert all(test_full[(label, full)] == 1 for label in STANCE_LABELS for full in (True, False))


def test_make_split_is_deterministic():
    articles = _articles()
    first = make_split(articles)
    shuffled = articles[:]
    random.Random(99).shuffle(shuffled)
    assert make_split(shuffled) == first
    assert make_split(articles, seed=13) == make_split(articles, seed=13)
    # the seed matters: not every seed gives the same split
    assert len({json.dumps(make_split(articles, seed=seed)) for seed in range(5)}) > 1


def test_corpus_hash_depends_on_content_not_order():
    articles = _articles()
    assert corpus_hash(articles) == corpus_hash(list(reversed(articles)))
    changed = articles[:]
    changed[0] = GoldArticle(id=changed[0].id, text=changed[0].text + "!", stance=changed[0].stance)
    assert corpus_hash(changed) != corpus_hash(articles)


def test_read_split_accepts_a_good_split(tmp_path):
    articles = _articles()
    split = make_split(articles)
    path = tmp_path / "splits.json"
    path.write_text(json.dumps(split), encoding="utf-8")
    assert read_split(path, articles) == split


def test_read_split_rejects_unknown_ids(tmp_path):
    articles = _articles()
    path = tmp_path / "splits.json"
    path.write_text(json.dumps({"train": ["renewed-0", "ghost-article"], "test": ["ending-1"]}), encoding="utf-8")
    with pytest.raises(GoldError) as error:
        read_split(path, articles)
    assert "ghost-article" in str(error.value)
    assert "splits.json" in str(error.value)


@pytest.mark.parametrize(
    "content",
    [
        json.dumps({"train": ["renewed-0", "ending-1"], "test": ["ending-1"]}),
        json.dumps({"train": ["renewed-0"]}),
        "{broken",
    ],
    ids=["overlap", "no-test", "invalid-json"],
)
def test_read_split_rejects_bad_files(tmp_path, content):
    path = tmp_path / "splits.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match="splits.json"):
        read_split(path, _articles())
