"""Saving and loading trained models with their model cards.

A model is a joblib file ``NAME.joblib`` next to a JSON card ``NAME.json`` holding the
labels, library versions, corpus hash, split, metrics, training date and the sha256 of
the joblib file. Unpickling runs code, so :func:`load_model` only unpickles bytes whose
sha256 matches the card: it reads the file once, hashes those bytes and unpickles the
same bytes (the file cannot be swapped in between). It only loads from a path it was
given; nothing is looked up in the current directory.
"""

from __future__ import annotations

import hashlib
import io
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
    if not isinstance(card, dict) or not isinstance(card.get("sha256"), str) or not isinstance(card.get("labels"), list):
        raise ModelError(f"{card_file}: model card lacks 'sha256' or 'labels'")
    version = card.get("card_version", CARD_VERSION)
    if not isinstance(version, int) or version > CARD_VERSION:
        raise ModelError(
            f"{card_file}: model card version {version!r} is newer than this articlenlp reads ({CARD_VERSION}); upgrade articlenlp"
        )
    return card


def load_model(path: str | Path, expected_labels: tuple[str, ...] | None = None) -> tuple[Any, dict[str, Any]]:
    """Load a model after checking its sha256 against its card. Returns (model, card).

    Raises ModelError, naming the file, when the file or its card is missing, the card is
    unreadable, the sha256 differs, the labels differ from ``expected_labels`` or from
    the model's own classes, or the verified file still cannot be loaded.
    """
    path = Path(path)
    if not path.is_file():
        raise ModelError(f"{path}: model file not found")
    card = read_card(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ModelError(f"{path}: cannot read the model ({error.strerror or error})") from error
    actual = hashlib.sha256(data).hexdigest()
    if actual != card["sha256"]:
        raise ModelError(
            f"{path}: sha256 {actual} does not match its card ({card['sha256']}); "
            "the file was changed or corrupted, refusing to unpickle it"
        )
    if expected_labels is not None and sorted(card["labels"]) != sorted(expected_labels):
        raise ModelError(f"{path}: model labels {card['labels']} differ from the expected {list(expected_labels)}")
    try:
        model = joblib.load(io.BytesIO(data))  # the bytes just verified, not the file again
    except Exception as error:  # a verified file that still fails: incompatible versions
        raise ModelError(
            f"{path}: could not load the model ({type(error).__name__}: {error}); "
            f"it was trained with scikit-learn {card.get('sklearn_version')}"
        ) from error
    classes = getattr(model, "classes_", None)
    if expected_labels is not None and (classes is None or sorted(map(str, classes)) != sorted(card["labels"])):
        found = "no classes" if classes is None else f"classes {sorted(map(str, classes))}"
        raise ModelError(f"{path}: the model has {found}, but its card says {card['labels']}; refusing a mismatched model")
    return model, card
