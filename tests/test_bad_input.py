"""Bad input end to end: the real ``articlenlp analyze`` over tests/fixtures/bad/ and more.

tests/fixtures/bad/ holds one small file per kind of bad input (see EXPECTED). The CLI run
adds what cannot live in git: a 20 MB file, a sparse file over the byte limit, an
unreadable file (not when running as root, who reads it anyway), a named pipe, symlink
loops and a dangling symlink. Every file must end as exactly one line: an analysis (with
the expected warning) or an error record; the exit code is 1; nothing else is lost.

Also here: folder discovery with symlink loops, the JSONL writer, the library's type
checks and unusable models through the CLI.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import articlenlp
import articlenlp.batch
from articlenlp.batch import JsonlWriter, discover
from articlenlp.io import MAX_BYTES, read_article

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "fixtures" / "bad"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# name -> ("ok", expected warning or None) | ("error", expected words in the message)
EXPECTED: dict[str, tuple[str, str | None]] = {
    "utf8-bom.txt": ("ok", None),
    "utf16.txt": ("ok", None),
    "utf16-nobom.txt": ("ok", "no byte-order mark; read as UTF-16-LE"),
    "utf32.txt": ("ok", None),
    "cp1252.txt": ("ok", "not valid UTF-8; decoded as Windows-1252"),
    "invalid-bytes.txt": ("ok", "2 invalid byte sequences replaced with U+FFFD"),
    "nul-bytes.txt": ("ok", "6 NUL characters dropped"),
    "control-chars.txt": ("ok", None),
    "crlf.txt": ("ok", None),
    "cr.txt": ("ok", None),
    "script-style.html": ("ok", None),
    "markdown.md": ("ok", None),
    "long-line.txt": ("ok", None),
    "german.txt": ("ok", "does not look like English"),
    "korean.txt": ("ok", "does not look like English"),
    "binary.txt": ("error", "binary file (PNG image)"),
    "noise.txt": ("error", "binary file"),
    "cp1251.txt": ("error", "convert it to UTF-8"),
    "empty.txt": ("error", "empty file"),
    "whitespace.txt": ("error", "empty file"),
    "no-text.html": ("error", "no visible text"),
}
# Files whose decoded text is exactly that of utf8-bom.txt: their analyses must be identical.
SAME_TEXT = ["utf16.txt", "utf16-nobom.txt", "utf32.txt", "cp1252.txt", "crlf.txt", "cr.txt"]


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "articlenlp.cli", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=600
    )


def test_fixture_folder_is_complete():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad") / "in"
    shutil.copytree(BAD, folder)
    expected = dict(EXPECTED)
    # 20 MiB of English prose: read, decoded, then refused for its length, without the memory
    # the pipeline would need for it.
    sentence = b"Harbour Lights returns for a third season on Channel 9, and the cast is thrilled to be back. \n"
    (folder / "big-20mb.txt").write_bytes((sentence * (MAX_BYTES // len(sentence) + 1))[:MAX_BYTES])
    expected["big-20mb.txt"] = ("error", "-character limit")
    with open(folder / "huge-sparse.txt", "wb") as handle:  # over the byte limit: refused unread
        handle.truncate(MAX_BYTES + 1)
    expected["huge-sparse.txt"] = ("error", "-byte limit")
    if not IS_ROOT:
        unreadable = folder / "unreadable.txt"
        unreadable.write_bytes((BAD / "utf8-bom.txt").read_bytes())
        unreadable.chmod(0)
        expected["unreadable.txt"] = ("error", "Permission denied")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.txt")
        expected["fifo.txt"] = ("error", "not a regular file")
    (folder / "selfloop.txt").symlink_to("selfloop.txt")
    expected["selfloop.txt"] = ("error", "cannot read")
    (folder / "dangling.txt").symlink_to("deleted.txt")
    expected["dangling.txt"] = ("error", "cannot read")
    loops = folder / "loops"
    loops.mkdir()
    (loops / "self").symlink_to(".")
    (loops / "up").symlink_to("..")
    (loops / "top").symlink_to("../..")
    (loops / "story.txt").write_bytes((BAD / "crlf.txt").read_bytes())
    expected["loops/story.txt"] = ("ok", None)

    out = folder.parent / "out.jsonl"
    result = run_cli("analyze", str(folder), "-o", str(out))
    if not IS_ROOT:
        (folder / "unreadable.txt").chmod(0o644)
    lines = out.read_text(encoding="utf-8").split("\n") if out.exists() else []
    return result, lines, expected, folder


def test_exit_code_and_one_line_per_file(bad_run):
    result, lines, expected, _ = bad_run
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert lines[-1] == "", "the output ends with a newline"
    records = [json.loads(line) for line in lines[:-1]]
    in_order = sorted(name for name in expected if "/" not in name) + ["loops/story.txt"]  # a folder's files, then its folders
    assert [r["id"] for r in records] == in_order, "every file once, in order, nothing else"


def test_each_file_gets_the_expected_record(bad_run, validate, assert_spans):
    _, lines, expected, folder = bad_run
    for record in (json.loads(line) for line in lines[:-1]):
        outcome, detail = expected[record["id"]]
        if outcome == "error":
            assert set(record) == {"id", "error"}, record
            assert record["id"] in record["error"], record
            assert detail in record["error"], record
            continue
        assert "error" not in record, record
        validate(record)
        assert_spans(read_article(folder / record["id"]).text, record)  # offsets into the decoded text
        if detail is None:
            assert record["warnings"] == [], record["warnings"]
        else:
            assert len(record["warnings"]) == 1 and detail in record["warnings"][0], record["warnings"]


def test_stderr_names_every_error_and_sums_up(bad_run):
    result, _, expected, _ = bad_run
    errors = [line for line in result.stderr.splitlines() if line.startswith("articlenlp: error:")]
    failing = [name for name, (outcome, _) in expected.items() if outcome == "error"]
    assert len(errors) == len(failing)
    for name in failing:
        assert any(name in line for line in errors), name
    summary = result.stderr.strip().splitlines()[-1]
    ok = len(expected) - len(failing)
    assert f"{ok} articles, {len(failing)} errors" in summary


def test_same_text_same_analysis_whatever_the_encoding_or_line_ends(bad_run):
    _, lines, _, _ = bad_run
    records = {r["id"]: r for r in (json.loads(line) for line in lines[:-1])}
    reference = records["utf8-bom.txt"]
    assert reference["title"] == "Channel 9 renews Harbour Lights for a third season"
    for name in SAME_TEXT:
        record = records[name]
        for key in ("title", "stance", "entities", "quotes", "claims"):
            assert record[key] == reference[key], (name, key)


def test_html_scripts_and_styles_never_reach_the_analysis(bad_run):
    _, lines, _, _ = bad_run
    (record,) = [json.loads(line) for line in lines[:-1] if json.loads(line)["id"] == "script-style.html"]
    dumped = json.dumps(record)
    assert "hidden" not in dumped.lower()
    assert record["title"] == "Channel 9 renews Harbour Lights & Tides \u2013 for a third season"
    assert any(q["text"].startswith("We are thrilled") for q in record["quotes"])


def test_markdown_is_analysed_as_prose(bad_run):
    _, lines, _, _ = bad_run
    (record,) = [json.loads(line) for line in lines[:-1] if json.loads(line)["id"] == "markdown.md"]
    assert record["title"] == "Channel 9 renews Harbour Lights for a third season"
    assert "renewed" == record["stance"]["label"]
    assert "](" not in json.dumps(record) and "**" not in json.dumps(record)


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux")
def test_big_file_did_not_take_the_memory_it_would_need(bad_run):
    import resource

    # the largest child so far, this CLI run included; the 20 MiB file in spaCy would need tens of GB
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 2 * 1024 * 1024


# --- discovery ------------------------------------------------------------------------------


def test_symlink_loops_do_not_loop(tmp_path):
    root = tmp_path / "root"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "story.txt").write_text("x", encoding="utf-8")
    (root / "a" / "b" / "back").symlink_to("../..")  # to the root
    (root / "a" / "self").symlink_to(".")
    (root / "a" / "out").symlink_to("../..")  # above the root: would walk everything beside it
    (root / "twin").symlink_to("a/b")  # a second way into a folder: listed once
    (tmp_path / "outside.txt").write_text("x", encoding="utf-8")
    ids = [source.id for source in discover([root])]
    assert ids == ["a/b/story.txt"]


def test_symlink_to_a_folder_elsewhere_is_followed(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "story.txt").write_text("x", encoding="utf-8")
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "linked").symlink_to(tmp_path / "elsewhere")
    assert [source.id for source in discover([tmp_path / "root"])] == ["linked/story.txt"]


def test_a_folder_that_cannot_be_listed_becomes_an_error_record(tmp_path, monkeypatch, analyzer):
    (tmp_path / "a.txt").write_text("Headline here\n\nSome text for the article.\n", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.txt").write_text("x", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)  # what chmod 000 does, also as root
    output = io.StringIO()
    summary = articlenlp.batch.analyze_paths(analyzer, [str(tmp_path)], output, errors_to=io.StringIO())
    records = [json.loads(line) for line in output.getvalue().splitlines()]
    assert [r["id"] for r in records] == ["a.txt", "locked"]
    assert "error" in records[1] and "locked" in records[1]["error"]
    assert summary.errors == 1


# --- the JSONL writer -----------------------------------------------------------------------


class RecordingHandle(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def write(self, text: str) -> int:
        self.calls.append(text)
        return super().write(text)


def test_each_record_is_one_write_of_one_whole_line():
    handle = RecordingHandle()
    writer = JsonlWriter(handle)
    writer.write({"id": "a", "text": "line\nbreak \u2028 and \u201cquotes\u201d"})
    writer.write({"id": "b", "error": "x"})
    assert len(handle.calls) == 2
    for call in handle.calls:
        assert call.endswith("\n") and call.count("\n") == 1
        json.loads(call)


def test_a_record_that_cannot_be_written_leaves_no_half_line():
    handle = RecordingHandle()
    writer = JsonlWriter(handle)
    writer.write({"id": "a"})
    with pytest.raises(TypeError):
        writer.write({"id": "b", "bad": object()})
    assert handle.getvalue() == '{"id": "a"}\n'


def test_writer_escapes_for_a_stream_that_cannot_encode_everything():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    JsonlWriter(stream).write({"id": "caf\u00e9", "text": "\u201cLee Do-hyun\u201d \uc774\ub3c4\ud604"})
    line = raw.getvalue().decode("ascii")
    assert json.loads(line) == {"id": "caf\u00e9", "text": "\u201cLee Do-hyun\u201d \uc774\ub3c4\ud604"}


def test_writer_keeps_utf8_readable():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8")
    JsonlWriter(stream).write({"id": "caf\u00e9"})
    assert raw.getvalue().decode("utf-8") == '{"id": "caf\u00e9"}\n'


# --- the library ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, b"bytes", 42, ["a list"]], ids=["None", "bytes", "int", "list"])
def test_analyze_refuses_what_is_not_str(analyzer, monkeypatch, value):
    with pytest.raises(TypeError) as error:
        analyzer.analyze(value)
    assert type(value).__name__ in str(error.value) and "str" in str(error.value)
    with pytest.raises(TypeError):
        list(analyzer.analyze_many([value]))
    with pytest.raises(TypeError):
        list(analyzer.analyze_many([("id", value)]))
    monkeypatch.setattr(articlenlp, "_default", analyzer)
    with pytest.raises(TypeError):
        articlenlp.analyze(value)


def test_analyze_empty_and_odd_strings(analyzer, validate):
    for text in ["", " ", "\n\n", "\x00", "\ufeff", "\u200b", "\r\n\r", '"', "\u201c"]:
        record = analyzer.analyze(text).to_dict()
        validate(record)


def test_analyze_too_long_text_is_a_clear_value_error(analyzer):
    with pytest.raises(ValueError, match="exceeds maximum"):
        analyzer.analyze("x" * (analyzer.nlp.max_length + 1))


def test_library_warns_about_other_languages(analyzer):
    german = (BAD / "german.txt").read_text(encoding="utf-8")
    assert any("does not look like English" in w for w in analyzer.analyze(german).warnings)


# --- unusable models through the CLI: exit 2 with the message --------------------------------


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes((BAD / "utf8-bom.txt").read_bytes())
    return path


def _tampered_model(tmp_path):
    model = ROOT / "models" / "stance.joblib"
    copy = tmp_path / "tampered.joblib"
    data = bytearray(model.read_bytes())
    data[len(data) // 2] ^= 0x01
    copy.write_bytes(bytes(data))
    shutil.copy(model.with_suffix(".json"), copy.with_suffix(".json"))
    return copy


@pytest.mark.parametrize("command", ["analyze", "evaluate", "render"])
def test_tampered_model_is_exit_2_with_the_message(tmp_path, article, command):
    model = _tampered_model(tmp_path)
    target = {"analyze": str(article), "evaluate": str(ROOT / "corpus"), "render": str(article)}[command]
    extra = ["-o", str(tmp_path / "page.html")] if command == "render" else []
    result = run_cli(command, target, "--model", str(model), *extra)
    assert result.returncode == 2, result.stderr
    assert "tampered.joblib" in result.stderr and "sha256" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_model_without_card_is_exit_2(tmp_path, article):
    model = tmp_path / "nocard.joblib"
    shutil.copy(ROOT / "models" / "stance.joblib", model)
    result = run_cli("analyze", str(article), "--model", str(model))
    assert result.returncode == 2
    assert "nocard.joblib" in result.stderr and "card" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_model_is_read_from_the_current_folder(tmp_path, article):
    # A models/stance.joblib where the command runs is not the shipped model: it is never loaded.
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "stance.joblib").write_bytes(b"not a model")
    (tmp_path / "models" / "stance.json").write_text('{"sha256": "0", "labels": []}', encoding="utf-8")
    result = run_cli("analyze", str(article), "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["stance"]["label"] == "renewed"
