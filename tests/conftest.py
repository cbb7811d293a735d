"""Shared fixtures: one Analyzer per session, the output schema and validation helpers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import articlenlp

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "src" / "articlenlp" / "schema" / "analysis.schema.json"
EXAMPLES = ROOT / "examples"
CORPUS = ROOT / "corpus"


def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def assert_valid(record: Any, schema: dict[str, Any]) -> None:
    """Fail with every schema violation listed when ``record`` does not validate."""
    Draft202012Validator.check_schema(schema)
    errors = sorted(Draft202012Validator(schema).iter_errors(record), key=lambda e: list(e.absolute_path))
    assert not errors, "schema violations:\n" + "\n".join(f"  at {list(e.absolute_path)}: {e.message}" for e in errors)


def span_problems(text: str, record: dict[str, Any]) -> list[str]:
    """Every span in an analysis record whose offsets do not give back its text."""
    problems = []

    def check(where: str, start: int, end: int, expected: str | None) -> None:
        if not (0 <= start <= end <= len(text)):
            problems.append(f"{where}: offsets {start}:{end} outside the text (length {len(text)})")
        elif expected is not None and text[start:end] != expected:
            problems.append(f"{where}: text[{start}:{end}] == {text[start:end]!r}, span text {expected!r}")
        elif start == end:
            problems.append(f"{where}: empty span at {start}")

    for entity in record["entities"]:
        surfaces = {entity["name"], *entity["aliases"]}
        for start, end in entity["mentions"]:
            check(f"entity {entity['id']} mention", start, end, None)
            mention = text[start:end]
            if 0 <= start <= end <= len(text) and not any(mention == s or mention.startswith(s) for s in surfaces):
                problems.append(
                    f"entity {entity['id']} ({entity['name']!r}): mention {mention!r} is not one of its surface forms {sorted(surfaces)}"
                )
    for i, quote in enumerate(record["quotes"]):
        check(f"quote {i}", quote["start"], quote["end"], quote["text"])
    for i, claim in enumerate(record["claims"]):
        check(f"claim {i}", claim["start"], claim["end"], claim["text"])
    for i, span in enumerate(record["stance"]["evidence"]):
        check(f"evidence {i}", span["start"], span["end"], span["text"])
    return problems


@pytest.fixture(scope="session")
def analyzer() -> articlenlp.Analyzer:
    """The default Analyzer, loaded once: spaCy loads are slow."""
    return articlenlp.load()


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    return load_schema()


@pytest.fixture(scope="session")
def validate(schema):
    """``validate(record)`` asserts that ``record`` follows analysis.schema.json."""

    def _validate(record: Any) -> None:
        assert_valid(record, schema)

    return _validate


@pytest.fixture(scope="session")
def assert_spans():
    """``assert_spans(text, record)`` asserts that every span in the record is ``text[start:end]``."""

    def _assert_spans(text: str, record: dict[str, Any]) -> None:
        problems = span_problems(text, record)
        assert not problems, "bad spans:\n" + "\n".join(f"  {p}" for p in problems)

    return _assert_spans
