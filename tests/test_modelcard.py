"""Saving and loading models with their cards; refusing tampered or mismatched files."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from articlenlp.modelcard import ModelError, load_model, read_card, save_model, sha256_file

LABELS = ("left", "right")


@pytest.fixture
def tiny_model():
    features = np.array([[0.0, 1.0], [0.1, 0.9], [1.0, 0.0], [0.9, 0.2]])
    return LogisticRegression(random_state=0).fit(features, ["left", "left", "right", "right"])


@pytest.fixture
def saved(tmp_path, tiny_model):
    path = tmp_path / "models" / "tiny.joblib"
    card = save_model(tiny_model, path, {"labels": list(LABELS), "name": "tiny", "metrics": {"accuracy": 1.0}})
    return path, card


def test_round_trip(saved, tiny_model):
    path, card = saved
    assert path.is_file()
    card_file = path.with_suffix(".json")
    assert card_file.is_file()
    assert json.loads(card_file.read_text(encoding="utf-8")) == card
    assert card["sha256"] == sha256_file(path)
    assert card["labels"] == list(LABELS)
    assert card["name"] == "tiny"
    assert card["metrics"] == {"accuracy": 1.0}

    model, loaded_card = load_model(path, expected_labels=LABELS)
    assert loaded_card == card
    probe = np.array([[0.2, 0.8], [0.8, 0.1]])
    assert list(model.predict(probe)) == list(tiny_model.predict(probe))
    np.testing.assert_array_equal(model.predict_proba(probe), tiny_model.predict_proba(probe))


def test_label_order_does_not_matter(saved):
    path, _ = saved
    load_model(path, expected_labels=("right", "left"))


def test_no_temporary_files_left(saved):
    path, _ = saved
    assert sorted(p.name for p in path.parent.iterdir()) == ["tiny.joblib", "tiny.json"]


def test_tampered_file(saved):
    path, _ = saved
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError) as error:
        load_model(path, expected_labels=LABELS)
    message = str(error.value)
    assert "sha256" in message
    assert "tiny.joblib" in message


def test_tampered_card_hash(saved):
    path, card = saved
    card_file = path.with_suffix(".json")
    card["sha256"] = "0" * 64
    card_file.write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelError, match="sha256"):
        load_model(path)


def test_missing_card(saved):
    path, _ = saved
    path.with_suffix(".json").unlink()
    with pytest.raises(ModelError) as error:
        load_model(path)
    assert "tiny.joblib" in str(error.value)
    assert "card" in str(error.value)


def test_unreadable_card(saved):
    path, _ = saved
    path.with_suffix(".json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="card"):
        read_card(path)


def test_card_without_sha256(saved):
    path, card = saved
    del card["sha256"]
    path.with_suffix(".json").write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelError, match="sha256"):
        load_model(path)


def test_missing_model_file(tmp_path):
    with pytest.raises(ModelError, match="nothing.joblib"):
        load_model(tmp_path / "nothing.joblib")


def test_wrong_expected_labels(saved):
    path, _ = saved
    with pytest.raises(ModelError) as error:
        load_model(path, expected_labels=("renewed", "cancelled", "ending", "uncertain", "unrelated"))
    message = str(error.value)
    assert "tiny.joblib" in message
    assert "labels" in message


def test_subset_of_labels_is_wrong(saved):
    path, _ = saved
    with pytest.raises(ModelError):
        load_model(path, expected_labels=("left",))


def test_verified_bytes_are_the_bytes_unpickled(saved, monkeypatch):
    # the file is read once: swapping it after the check cannot slip other bytes in
    import joblib

    path, _ = saved
    seen = []
    real_load = joblib.load

    def load(source, *args, **kwargs):
        seen.append(source)
        return real_load(source, *args, **kwargs)

    monkeypatch.setattr(joblib, "load", load)
    load_model(path, expected_labels=LABELS)
    assert len(seen) == 1 and not isinstance(seen[0], (str, type(path)))


def test_corrupt_file_with_a_matching_card(tmp_path):
    path = tmp_path / "garbage.joblib"
    path.write_bytes(b"this is not a joblib file")
    path.with_suffix(".json").write_text(json.dumps({"labels": list(LABELS), "sha256": sha256_file(path)}), encoding="utf-8")
    with pytest.raises(ModelError) as error:
        load_model(path, expected_labels=LABELS)
    assert "garbage.joblib" in str(error.value) and "could not load" in str(error.value)


def test_card_labels_that_differ_from_the_model_classes(tmp_path, tiny_model):
    path = tmp_path / "liar.joblib"
    save_model(tiny_model, path, {"labels": ["up", "down"]})
    with pytest.raises(ModelError) as error:
        load_model(path, expected_labels=("up", "down"))
    assert "liar.joblib" in str(error.value) and "classes" in str(error.value)


def test_newer_card_version(saved):
    path, card = saved
    card["card_version"] = 99
    path.with_suffix(".json").write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelError, match="newer"):
        load_model(path)


def test_default_model_is_not_looked_up_in_the_current_folder(tmp_path, monkeypatch):
    from articlenlp import stance

    monkeypatch.chdir(tmp_path)
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "stance.joblib").write_bytes(b"planted")
    path = stance.default_model_path()
    assert path.is_absolute()
    assert tmp_path not in path.parents
    assert path in (stance.PACKAGE_MODEL, stance.SOURCE_MODEL)


def test_default_model_outside_a_checkout_is_only_the_package_one(tmp_path, monkeypatch):
    # an installed copy without its model must not pick up models/ from a folder near site-packages
    from articlenlp import stance

    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "stance.joblib").write_bytes(b"planted")
    monkeypatch.setattr(stance, "PACKAGE_MODEL", tmp_path / "missing" / "stance.joblib")
    monkeypatch.setattr(stance, "SOURCE_ROOT", tmp_path)  # no pyproject.toml: not a checkout
    monkeypatch.setattr(stance, "SOURCE_MODEL", tmp_path / "models" / "stance.joblib")
    assert stance.default_model_path() == tmp_path / "missing" / "stance.joblib"
    with pytest.raises(ModelError, match="not found"):
        load_model(stance.default_model_path())
