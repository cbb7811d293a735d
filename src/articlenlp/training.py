"""Training the stance classifier from a labelled corpus, with a model card."""

from __future__ import annotations

import datetime as _dt
import platform
from pathlib import Path
from typing import Any

import sklearn
import spacy
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from .corpus import SPLIT_FILE, GoldArticle, corpus_hash, make_split, read_corpus, read_split
from .metrics import classification_report
from .modelcard import save_model
from .stance.model import build_pipeline
from .types import STANCE_LABELS

CV_FOLDS = 5


def resolve_split(corpus: list[GoldArticle], folder: Path, split_path: str | Path | None) -> tuple[dict[str, list[str]], str]:
    """The split to use and where it came from: a given file, the corpus' own, or a fresh one."""
    path = Path(split_path) if split_path else folder / SPLIT_FILE
    if path.is_file():
        split = read_split(path, corpus)
        listed = set(split["train"]) | set(split["test"])
        split["train"] += sorted(a.id for a in corpus if a.id not in listed)
        return split, str(path)
    if split_path:
        raise FileNotFoundError(f"{path}: split file not found")
    return make_split(corpus), "generated (stratified, seed 13)"


def train(
    corpus_dir: str | Path,
    output: str | Path = "models/stance.joblib",
    split: str | Path | None = None,
    seed: int = 0,
    cue_features: bool = True,
    save: bool = True,
) -> dict[str, Any]:
    """Fit the stance classifier on the train split; report CV and test metrics; save with a card."""
    folder = Path(corpus_dir)
    corpus = read_corpus(folder)
    split_ids, split_source = resolve_split(corpus, folder, split)
    by_id = {a.id: a for a in corpus}
    train_set = [by_id[i] for i in split_ids["train"]]
    test_set = [by_id[i] for i in split_ids["test"]]
    texts = [a.text for a in train_set]
    labels = [a.stance for a in train_set]
    _check_trainable(labels)

    folds = min(CV_FOLDS, min(labels.count(label) for label in set(labels)))
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    cv_predicted = cross_val_predict(build_pipeline(seed, cue_features), texts, labels, cv=cv)
    model = build_pipeline(seed, cue_features).fit(texts, labels)
    metrics: dict[str, Any] = {"cross_validation": classification_report(labels, list(cv_predicted), STANCE_LABELS)}
    if test_set:
        predicted = model.predict([a.text for a in test_set])
        metrics["test"] = classification_report([a.stance for a in test_set], list(predicted), STANCE_LABELS)
    card = {
        "name": "articlenlp stance classifier",
        "labels": list(STANCE_LABELS),
        "features": "tfidf word 1-2grams over negation-marked text" + (" + stance cue counts" if cue_features else ""),
        "sklearn_version": sklearn.__version__,
        "spacy_version": spacy.__version__,
        "python_version": platform.python_version(),
        "corpus_hash": corpus_hash(corpus),
        "corpus_size": len(corpus),
        "split": {"source": split_source, "train": len(train_set), "test": len(test_set)},
        "seed": seed,
        "metrics": metrics,
        "trained": _dt.date.today().isoformat(),
    }
    if save:
        _drop_introspection_state(model)
        card = save_model(model, output, card)
    return card


def _drop_introspection_state(model: Any) -> None:
    """TF-IDF keeps the pruned vocabulary as a set (pickled in hash order) and the id() of
    its stop-word list; both are only for introspection and checks while transforming, and dropping
    them makes same-seed model files byte-identical."""
    for _, transformer in model.named_steps["features"].transformer_list:
        if hasattr(transformer, "stop_words_"):
            transformer.stop_words_ = None
        if hasattr(transformer, "_stop_words_id"):
            del transformer._stop_words_id


def _check_trainable(labels: list[str]) -> None:
    unknown = set(labels) - set(STANCE_LABELS)
    if unknown:
        raise ValueError(f"unknown stance labels {sorted(unknown)}")
    missing = [label for label in STANCE_LABELS if labels.count(label) < 2]
    if missing:
        raise ValueError(f"the train split needs at least 2 articles of every label; too few for {missing}")
