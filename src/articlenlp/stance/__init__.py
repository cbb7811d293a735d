"""Renewal stance of an article: renewed, cancelled, ending, uncertain or unrelated.

The ``articlenlp_stance`` component loads a trained classifier (verified against its
model card) once, and sets ``doc._.stance`` (a :class:`~articlenlp.types.Stance`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from ..layout import HEADLINE, text_of
from ..modelcard import load_model
from ..types import STANCE_LABELS, Entity, Stance
from ..types import Span as TextSpan
from .model import predict_batch_scores, season_from, sentence_support

MAX_EVIDENCE = 3
_SEASON_CONTEXT = 6  # sentences after the headline and evidence that the season is read from
PACKAGE_MODEL = Path(__file__).resolve().parent.parent / "models" / "stance.joblib"
SOURCE_ROOT = Path(__file__).resolve().parents[3]
SOURCE_MODEL = SOURCE_ROOT / "models" / "stance.joblib"


def default_model_path() -> Path:
    """The shipped model: inside the installed package, else in the source checkout.

    Both paths are fixed relative to this file, never to the current directory. The
    checkout's ``models/`` is used only when this file really sits in a checkout
    (``src/articlenlp`` under a folder with ``pyproject.toml``), so an installed copy
    never picks up ``models/`` from a folder next to its site-packages.
    """
    if PACKAGE_MODEL.is_file():
        return PACKAGE_MODEL
    if Path(__file__).resolve().parents[2].name == "src" and (SOURCE_ROOT / "pyproject.toml").is_file():
        return SOURCE_MODEL
    return PACKAGE_MODEL  # missing: loading it fails with a ModelError naming it


@Language.factory("articlenlp_stance", default_config={"model_path": None})
def make_stance(nlp: Language, name: str, model_path: str | None) -> StanceClassifier:
    return StanceClassifier(Path(model_path) if model_path else default_model_path())


class StanceClassifier:
    """Classifies the article and finds the evidence, work and season."""

    def __init__(self, model_path: Path) -> None:
        self.model, self.card = load_model(model_path, expected_labels=STANCE_LABELS)
        self.model_path = model_path

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc], batch_size=1))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Classify a batch of articles with one call to the model for the articles and one
        for all their sentences (spaCy uses this in nlp.pipe)."""
        for batch in minibatch(docs, size=batch_size):
            sentences = [[s for s in doc.sents if _text(s).strip()] for doc in batch]
            support = sentence_support(self.model, [_text(s) for doc_sentences in sentences for s in doc_sentences])
            scores = predict_batch_scores(self.model, [text_of(d) for d in batch])
            offset = 0
            for doc, doc_sentences, doc_scores in zip(batch, sentences, scores, strict=True):
                self._set_stance(doc, doc_scores, doc_sentences, support[offset : offset + len(doc_sentences)])
                offset += len(doc_sentences)
                yield doc

    def _set_stance(self, doc: Doc, scores: dict[str, float], sentences: list[Span], support: np.ndarray) -> None:
        label = max(scores, key=lambda k: scores[k])
        evidence = self._evidence(sentences, support[:, list(self.model.classes_).index(label)])
        headline = [s for s in sentences if _is_headline(doc, s)]
        starts = {s.start for s in headline + evidence}
        nearby = [s for s in sentences if s.start not in starts][:_SEASON_CONTEXT]
        work = _main_work(doc, headline + evidence)
        season = season_from([_text(s) for s in headline + evidence + nearby], label)
        doc._.stance = Stance(
            label=label,
            confidence=scores[label],
            scores={k: scores.get(k, 0.0) for k in STANCE_LABELS},
            work=work.name if work else None,
            season=season,
            evidence=[_text_span(s) for s in evidence],
        )

    @staticmethod
    def _evidence(sentences: list[Span], support: np.ndarray) -> list[Span]:
        order = sorted(range(len(sentences)), key=lambda i: -support[i])
        return [sentences[i] for i in order[:MAX_EVIDENCE] if support[i] > 0]


def _text(sentence: Span) -> str:
    return text_of(sentence.doc)[sentence.start_char : sentence.end_char]


def _is_headline(doc: Doc, sentence: Span) -> bool:
    blocks = doc._.blocks or []
    return bool(blocks) and blocks[0].kind == HEADLINE and sentence.start_char < blocks[0].end


def _text_span(sentence: Span) -> TextSpan:
    text = sentence.text
    start = sentence.start_char + len(text) - len(text.lstrip())
    end = sentence.end_char - (len(text) - len(text.rstrip()))
    return TextSpan(text_of(sentence.doc)[start:end], start, end)


def _main_work(doc: Doc, key_sentences: list[Span]) -> Entity | None:
    """The title mentioned most, with headline and evidence mentions weighing more."""
    works = {e.id: e for e in doc._.entities or [] if e.type == "WORK"}
    if not works:
        return None
    weight: Counter[str] = Counter()
    for mention in doc._.entity_mentions or []:
        if mention.entity_id in works:
            key = any(s.start_char <= mention.start < s.end_char for s in key_sentences)
            weight[mention.entity_id] += 3 if key else 1
            if works[mention.entity_id].roles == ["series"]:
                weight[mention.entity_id] += 1
    best = max(weight, key=lambda i: (weight[i], -int(i[1:])))
    return works[best]


if not Doc.has_extension("stance"):
    Doc.set_extension("stance", default=None)
