"""Labelled corpora: reading gold files and the fixed train/test split.

A corpus is a folder of ``NAME.txt`` + ``NAME.gold.json`` pairs in the format of
``GOLD_FORMAT.md``; ``splits.json`` beside them names the train and test articles.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .types import ENTITY_TYPES, STANCE_LABELS

SPLIT_FILE = "splits.json"


class GoldError(ValueError):
    """A gold file that does not follow the format; the message names the file."""


@dataclass
class GoldArticle:
    id: str
    text: str
    stance: str
    work: str | None = None
    season: int | None = None
    entities: list[dict[str, Any]] | None = None
    quotes: list[dict[str, Any]] | None = None
    claims: list[dict[str, Any]] | None = None
    path: Path = field(default_factory=Path)

    @property
    def fully_annotated(self) -> bool:
        return self.entities is not None and self.quotes is not None and self.claims is not None


def read_gold(gold_path: Path) -> GoldArticle:
    """One gold article (its .gold.json and the .txt beside it), validated."""
    text_path = gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
    try:
        data = json.loads(gold_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise GoldError(f"{gold_path}: invalid JSON ({error.msg} at line {error.lineno})") from error
    except (OSError, UnicodeDecodeError) as error:
        raise GoldError(f"{gold_path}: cannot read ({error})") from error
    if not text_path.is_file():
        raise GoldError(f"{gold_path}: article text {text_path.name} is missing")
    text = text_path.read_text(encoding="utf-8")
    _validate(gold_path, data, text)
    return GoldArticle(
        id=data.get("id") or text_path.stem,
        text=text,
        stance=data["stance"],
        work=data.get("work"),
        season=data.get("season"),
        entities=data.get("entities"),
        quotes=data.get("quotes"),
        claims=data.get("claims"),
        path=gold_path,
    )


def _validate(path: Path, data: Any, text: str) -> None:
    if not isinstance(data, dict):
        raise GoldError(f"{path}: expected a JSON object")
    if data.get("stance") not in STANCE_LABELS:
        raise GoldError(f"{path}: 'stance' must be one of {list(STANCE_LABELS)}, got {data.get('stance')!r}")
    season = data.get("season")
    if season is not None and not isinstance(season, int):
        raise GoldError(f"{path}: 'season' must be an integer or null, got {season!r}")
    for key in ("entities", "quotes", "claims"):
        if key in data and not isinstance(data[key], list):
            raise GoldError(f"{path}: '{key}' must be a list")
    for entity in data.get("entities") or []:
        if not isinstance(entity, dict) or "name" not in entity or entity.get("type") not in ENTITY_TYPES:
            raise GoldError(f"{path}: entity {entity!r} needs a 'name' and a 'type' in {list(ENTITY_TYPES)}")
    for quote in data.get("quotes") or []:
        if not isinstance(quote, dict) or not isinstance(quote.get("text"), str):
            raise GoldError(f"{path}: quote {quote!r} needs a 'text'")
    for claim in data.get("claims") or []:
        if not isinstance(claim, dict) or claim.get("label") not in ("fact", "speculation") or not isinstance(claim.get("text"), str):
            raise GoldError(f"{path}: claim {claim!r} needs a 'text' and a 'label' of fact/speculation")


def read_corpus(folder: str | Path) -> list[GoldArticle]:
    """Every gold article in ``folder``, sorted by id."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GoldError(f"{folder}: not a folder")
    articles = [read_gold(path) for path in sorted(folder.glob("*.gold.json"))]
    if not articles:
        raise GoldError(f"{folder}: no *.gold.json files")
    return articles


def corpus_hash(articles: list[GoldArticle]) -> str:
    """sha256 over every article's id, text and stance label, in id order."""
    digest = hashlib.sha256()
    for article in sorted(articles, key=lambda a: a.id):
        digest.update(f"{article.id}\0{article.stance}\0{article.text}\0".encode())
    return digest.hexdigest()


def make_split(articles: list[GoldArticle], test_fraction: float = 0.25, seed: int = 13) -> dict[str, list[str]]:
    """A stratified split by stance label and by full annotation."""
    rng = random.Random(seed)
    strata: dict[tuple[str, bool], list[str]] = {}
    for article in articles:
        strata.setdefault((article.stance, article.fully_annotated), []).append(article.id)
    split: dict[str, list[str]] = {"train": [], "test": []}
    for key in sorted(strata):
        ids = sorted(strata[key])
        rng.shuffle(ids)
        n_test = round(len(ids) * test_fraction)
        split["test"] += ids[:n_test]
        split["train"] += ids[n_test:]
    return {name: sorted(ids) for name, ids in split.items()}


def read_split(path: str | Path, articles: list[GoldArticle]) -> dict[str, list[str]]:
    """The split file, checked against the corpus it splits."""
    path = Path(path)
    try:
        split = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise GoldError(f"{path}: cannot read split file ({error})") from error
    if not isinstance(split, dict) or not {"train", "test"} <= set(split):
        raise GoldError(f"{path}: split file needs 'train' and 'test' lists")
    known = {a.id for a in articles}
    unknown = (set(split["train"]) | set(split["test"])) - known
    if unknown:
        raise GoldError(f"{path}: ids not in the corpus: {sorted(unknown)[:5]}")
    if set(split["train"]) & set(split["test"]):
        raise GoldError(f"{path}: ids in both train and test")
    return {"train": list(split["train"]), "test": list(split["test"])}
