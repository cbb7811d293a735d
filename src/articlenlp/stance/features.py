"""Features for the renewal-stance classifier.

The classifier reads plain article text, so it can be retrained without running the
spaCy pipeline. Two feature families:

- word uni/bigrams (TF-IDF) over negation-marked text: the words after "not", "no",
  "never", "yet to" ... carry a ``not_`` prefix, so "has not been renewed" and
  "has been renewed" look different;
- cue counts per stance group from ``data/stance_cues.json``, plain and negated, in the
  headline and in the body.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from ..data import load as load_data

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_NEGATION_WINDOW = 3
_NEGATORS = {"not", "no", "never", "without", "nor", "n't", "denied", "denies", "dismissed", "debunked"}
_CLAUSE_BREAK = re.compile(r"[.!?;]")
_SEASON_NUMBER = re.compile(r"\b\d+(?:st|nd|rd|th)?\b")


def mark_negation(text: str) -> str:
    """Lowercased words, those within a few words after a negator prefixed ``not_``."""
    words = _WORD.findall(text.lower().replace("n't", " not"))
    marked = []
    remaining = 0
    for word in words:
        if word in _NEGATORS:
            remaining = _NEGATION_WINDOW
            marked.append(word)
            continue
        marked.append(f"not_{word}" if remaining else word)
        remaining = max(0, remaining - 1)
    return " ".join(marked)


def classifier_text(text: str) -> str:
    """The text the word features see: headline twice more (it carries the news), numbers
    folded. A single line (one sentence, scored for evidence) has no headline to repeat."""
    lines = text.strip().split("\n", 1)
    if len(lines) > 1:
        text = f"{lines[0]}\n{lines[0]}\n{text}"
    return _SEASON_NUMBER.sub(" num ", mark_negation(text))


class CueFeatures(BaseEstimator, TransformerMixin):
    """Counts of stance cue groups, plain and negated, in headline and body."""

    def __init__(self, negation_window: int = 40) -> None:
        self.negation_window = negation_window

    def fit(self, texts: Any, y: Any = None) -> CueFeatures:
        self._compile()
        return self

    def _compile(self) -> None:
        cues = load_data("stance_cues.json")
        self.groups_ = [g for g in cues if g not in ("_doc", "negators")]
        self.patterns_ = {g: re.compile(r"\b(?:" + "|".join(cues[g]) + r")", re.IGNORECASE) for g in self.groups_}
        self.negator_ = re.compile(r"\b(?:" + "|".join(cues["negators"]) + r")\b|n't", re.IGNORECASE)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.array([f"{part}:{g}:{neg}" for part in ("head", "body") for g in self.groups_ for neg in ("plain", "negated")])

    def transform(self, texts: Any) -> sparse.csr_matrix:
        if not hasattr(self, "patterns_"):
            self._compile()
        # Any cue at all: most sentences have none, and one scan settles them (built from the
        # fitted patterns, so a model pickled before this existed gets the same features).
        any_cue = re.compile("|".join(p.pattern for p in self.patterns_.values()), re.IGNORECASE)
        rows = [self._row(text, any_cue) for text in texts]
        return sparse.csr_matrix(np.array(rows, dtype=float))

    def _row(self, text: str, any_cue: re.Pattern[str]) -> list[float]:
        headline, _, body = text.strip().partition("\n")
        row: list[float] = []
        for part in (headline, body):
            if not any_cue.search(part):
                row += [0.0] * (2 * len(self.groups_))
                continue
            for group in self.groups_:
                plain = negated = 0
                for match in self.patterns_[group].finditer(part):
                    window = part[max(0, match.start() - self.negation_window) : match.start()]
                    window = _CLAUSE_BREAK.split(window)[-1]
                    if self.negator_.search(window):
                        negated += 1
                    else:
                        plain += 1
                row += [math.log1p(plain), math.log1p(negated)]
        return row
