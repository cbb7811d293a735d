"""Lexicons, patterns and cue lists shipped with articlenlp, loaded by name."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> Any:
    """The parsed JSON data file ``name`` (e.g. ``"roles.json"``) from this package."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)
