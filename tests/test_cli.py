"""End to end through the real ``articlenlp`` command line, in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import articlenlp
from articlenlp.io import SUFFIXES, read_article

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GLORY = "the-glory-season-2.txt"

GOOD_ARTICLE = (
    "Paramount+ renews Dust Road for a second season\n\n"
    "Paramount+ has renewed Dust Road, the desert crime drama created by Ines Marlowe, for a second season. "
    '"We have barely scratched the surface of this town," Marlowe told Deadline.\n\n'
    "Production on the eight new episodes begins in Arizona in the spring.\n"
)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "articlenlp.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=600,
    )


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert articlenlp.__version__ in result.stdout


@pytest.mark.parametrize("command", [[], ["analyze"], ["train"], ["evaluate"]], ids=["main", "analyze", "train", "evaluate"])
def test_help(command):
    result = run_cli(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


def test_no_command_is_a_usage_error():
    result = run_cli()
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_missing_path(tmp_path):
    missing = tmp_path / "no-such-folder"
    result = run_cli("analyze", str(missing), "--quiet")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no-such-folder" in result.stderr


@pytest.mark.parametrize("options", [["--jobs", "0"], ["--no-such-option"]], ids=["jobs-0", "unknown-option"])
def test_bad_options(tmp_path, options):
    (tmp_path / "a.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    result = run_cli("analyze", str(tmp_path), *options)
    assert result.returncode == 2
    assert result.stdout == ""


def test_unusable_model_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    fake = tmp_path / "fake.joblib"
    fake.write_bytes(b"not a model")
    result = run_cli("analyze", str(tmp_path / "a.txt"), "--model", str(fake))
    assert result.returncode == 2
    assert "fake.joblib" in result.stderr
    assert result.stdout == ""


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "a-good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (folder / "b-empty.txt").write_bytes(b"")
    (folder / "c-binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 64)
    (folder / "notes.csv").write_text("not,an,article\n", encoding="utf-8")  # not an article suffix: ignored
    return run_cli("analyze", str(folder))


def test_mixed_batch_exit_code_and_lines(mixed_run):
    assert mixed_run.returncode == 1, mixed_run.stderr
    lines = mixed_run.stdout.splitlines()
    assert len(lines) == 3
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["a-good.txt", "b-empty.txt", "c-binary.txt"]


def test_mixed_batch_records(mixed_run, validate):
    good, empty, binary = (json.loads(line) for line in mixed_run.stdout.splitlines())
    validate(good)
    assert good["title"] == "Paramount+ renews Dust Road for a second season"
    for record, name in ((empty, "b-empty.txt"), (binary, "c-binary.txt")):
        assert set(record) == {"id", "error"}
        assert name in record["error"]
    assert "empty" in empty["error"]
    assert "binary" in binary["error"]


def test_mixed_batch_stderr(mixed_run):
    lines = mixed_run.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("articlenlp: error:")]
    assert len(errors) == 2
    assert any("b-empty.txt" in line for line in errors)
    assert any("c-binary.txt" in line for line in errors)
    summary = lines[-1]
    assert "1 articles" in summary and "2 errors" in summary and "words/s" in summary


EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix.lower() in SUFFIXES)


@pytest.fixture(scope="module")
def examples_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("examples") / "out.jsonl"
    result = run_cli("analyze", "examples/", "-o", str(out), cwd=ROOT)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    return result, out, records


def test_examples_to_jsonl(examples_run, validate, assert_spans):
    result, out, records = examples_run
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").endswith("\n")
    assert len(records) == len(EXAMPLE_FILES)
    assert [r["id"] for r in records] == EXAMPLE_FILES
    for record in records:
        assert "error" not in record, record
        validate(record)
        assert_spans(read_article(EXAMPLES / record["id"]).text, record)
    assert f"{len(EXAMPLE_FILES)} articles, 0 errors" in result.stderr


def test_glob_and_quiet(tmp_path):
    result = run_cli("analyze", "examples", "--glob", "*.html", "--quiet", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == [name for name in EXAMPLE_FILES if name.endswith(".html")]
    assert "articlenlp:" not in result.stderr  # no summary line with --quiet


# --- acceptance: the Glory article -------------------------------------------------------


@pytest.fixture(scope="module")
def glory(examples_run):
    _, _, records = examples_run
    (record,) = [r for r in records if r["id"] == GLORY]
    return record


def _entity(record, name):
    matches = [e for e in record["entities"] if e["name"] == name]
    assert len(matches) == 1, f"{name!r}: {[e['name'] for e in record['entities']]}"
    return matches[0]


def _starting(items, prefix):
    return [item for item in items if item["text"].startswith(prefix)]


def test_glory_stance(glory):
    stance = glory["stance"]
    assert stance["label"] == "uncertain"
    assert stance["work"] == "The Glory"
    assert stance["season"] == 2


def test_glory_lee_do_hyun(glory):
    lee = _entity(glory, "Lee Do-hyun")
    assert lee["type"] == "PERSON"
    assert "actor" in lee["roles"]
    assert "Lee Do Hyun" in lee["aliases"]
    assert "Lee" in lee["aliases"]
    characters = {e["id"]: e for e in glory["entities"] if e["type"] == "CHARACTER"}
    played = [characters[i]["name"] for i in lee["plays"] if i in characters]
    assert "Joo Yeo-jeong" in played


def test_glory_ahn_gil_ho(glory):
    ahn = _entity(glory, "Ahn Gil-ho")
    assert ahn["type"] == "PERSON"
    assert "director" in ahn["roles"]
    assert "Ahn Gil Ho" in ahn["aliases"]
    assert "Gil-ho" in ahn["aliases"]


@pytest.mark.parametrize(
    ("name", "type_", "role"),
    [("Song Hye-kyo", "PERSON", "actor"), ("Netflix", "ORG", "network"), ("The Glory", "WORK", "series")],
)
def test_glory_other_entities(glory, name, type_, role):
    entity = _entity(glory, name)
    assert entity["type"] == type_
    assert role in entity["roles"]


def test_glory_lawyer_block_quote(glory):
    quotes = _starting(glory["quotes"], "I am lawyer Kim Mun Hui")
    assert len(quotes) == 1
    (quote,) = quotes
    assert quote["kind"] == "block"
    assert quote["speaker_name"] == "Kim Mun Hui"
    assert quote["outlet"] == "Soompi"
    # the statement runs over four paragraphs and is one quote
    assert "apologizes for causing controversy" in quote["text"]


def test_glory_representation_block_quote(glory):
    quotes = [q for q in _starting(glory["quotes"], "Nothing has been decided") if q["kind"] == "block"]
    assert len(quotes) == 1
    (quote,) = quotes
    assert "Lee" in quote["speaker_name"]
    assert "representation" in quote["speaker_name"]
    assert quote["outlet"] == "Soompi"


@pytest.mark.parametrize(
    ("prefix", "label"),
    [
        ("Given the controversy surrounding the series director", "speculation"),
        ("The Korean psychological thriller was first released", "fact"),
    ],
)
def test_glory_claims(glory, prefix, label):
    claims = _starting(glory["claims"], prefix)
    assert len(claims) == 1
    assert claims[0]["label"] == label
