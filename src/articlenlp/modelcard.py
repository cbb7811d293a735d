"""Saving and loading trained models with their model cards.

A model is a joblib file ``NAME.joblib`` next to a JSON card ``NAME.json`` holding the
labels, library versions, corpus hash, split, metrics, training date and the sha256 of
the joblib file. Unpickling runs code, so :func:`load_model` refuses any file whose
sha256 does not match its card, and only loads from a path it was given.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import joblib

CARD_VERSION = 1


class ModelError(Exception):
    """A model file or its card is missing, corrupt, tampered with or incompatible."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def card_path(model_path: Path) -> Path:
    return model_path.with_suffix(".json")


def save_model(model: Any, path: str | Path, card: dict[str, Any]) -> dict[str, Any]:
    """Write ``model`` with joblib and its card; returns the card with the sha256 filled in."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, lambda handle: joblib.dump(model, handle, compress=3))
    card = {**card, "card_version": CARD_VERSION, "file": path.name, "sha256": sha256_file(path)}
    text = json.dumps(card, indent=2, sort_keys=True) + "\n"
    _atomic_write(card_path(path), lambda handle: handle.write(text.encode("utf-8")))
    return card


def _atomic_write(path: Path, write) -> None:
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False)
    try:
        with handle:
            write(handle)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def read_card(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    card_file = card_path(path)
    if not card_file.is_file():
        raise ModelError(f"{path}: no model card at {card_file}; refusing to load a model without one")
    try:
        card = json.loads(card_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(f"{card_file}: unreadable model card ({error})") from error
    if not isinstance(card, dict) or "sha256" not in card or "labels" not in card:
        raise ModelError(f"{card_file}: model card lacks 'sha256' or 'labels'")
    return card


def load_model(path: str | Path, expected_labels: tuple[str, ...] | None = None) -> tuple[Any, dict[str, Any]]:
    """Load a model after checking its sha256 against its card. Returns (model, card)."""
    path = Path(path)
    if not path.is_file():
        raise ModelError(f"{path}: model file not found")
    card = read_card(path)
    actual = sha256_file(path)
    if actual != card["sha256"]:
        raise ModelError(
            f"{path}: sha256 {actual} does not match its card ({card['sha256']}); "
            "the file was changed or corrupted, refusing to unpickle it"
        )
    if expected_labels is not None and sorted(card["labels"]) != sorted(expected_labels):
        raise ModelError(f"{path}: model labels {card['labels']} differ from the expected {list(expected_labels)}")
    try:
        model = joblib.load(path)
    except Exception as error:  # a verified file that still fails: incompatible versions
        raise ModelError(
            f"{path}: could not load the model ({type(error).__name__}: {error}); "
            f"it was trained with scikit-learn {card.get('sklearn_version')}"
        ) from error
    return model, card
