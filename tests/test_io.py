"""Reading article files: encodings, binary and empty files, HTML, size limit."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

import articlenlp.io
from articlenlp.io import InputError, html_to_text, markdown_to_text, read_article, text_warnings

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = "Café Society renewed for a second season\n\nThe naïve barista’s story continues — with “more coffee”.\n"


def test_utf8(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    article = read_article(path)
    assert article.text == ARTICLE
    assert article.warnings == []


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))
    article = read_article(path)
    assert article.text == ARTICLE
    assert not article.text.startswith("\ufeff")
    assert article.warnings == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, encoding):
    path = tmp_path / "a.txt"
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[encoding]
    path.write_bytes(bom + ARTICLE.encode(encoding))  # Python's "utf-16" writes its own BOM
    article = read_article(path)
    assert article.text == ARTICLE
    assert article.warnings == []


def test_cp1252_fallback_warns(tmp_path):
    text = "Caf\u00e9 Society \u2013 \u201cthe finale\u201d\n\nIt ends with the na\u00efve barista.\n"
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    article = read_article(path)
    assert article.text == text
    assert len(article.warnings) == 1
    assert "legacy.txt" in article.warnings[0]
    assert "1252" in article.warnings[0]


def test_binary_with_nul_names_the_file(tmp_path):
    path = tmp_path / "picture.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    with pytest.raises(InputError) as error:
        read_article(path)
    assert "picture.txt" in str(error.value)
    assert "binary" in str(error.value).lower()


def test_binary_without_nul_is_rejected(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes([0x81, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]) * 200)
    with pytest.raises(InputError, match="noise.txt"):
        read_article(path)


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  \n"], ids=["empty", "whitespace"])
def test_empty_or_whitespace_only(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_article(path)
    assert "blank.txt" in str(error.value)
    assert "empty" in str(error.value).lower()


def test_html_with_only_markup_is_empty(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body><p> </p></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="blank.html"):
        read_article(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="nothere.txt"):
        read_article(tmp_path / "nothere.txt")


def test_crlf_and_cr_normalised(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(b"Headline here\r\n\r\nFirst paragraph.\r\nSecond line.\rOld Mac line.\r\n")
    text = read_article(path).text
    assert "\r" not in text
    assert text == "Headline here\n\nFirst paragraph.\nSecond line.\nOld Mac line.\n"


HTML = """<!DOCTYPE html>
<html><head>
<style>body { color: red; } .secret-style { display: none; }</style>
<script>var secretScript = "do not show"; if (a < b && c) { run(); }</script>
</head>
<body>
<h1>Tom &amp; Jerry &ndash; the reboot &#8220;ends&#8221;</h1>
<p>Fans of Cat&nbsp;&amp;&nbsp;Mouse were told on Monday.</p>
<p>It's &lt;over&gt; &mdash; says the studio.</p>
</body></html>
"""


def test_html_to_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    text = read_article(path).text
    assert "secretScript" not in text and "do not show" not in text
    assert "secret-style" not in text and "color: red" not in text
    assert "<" not in text.replace("<over>", "")
    assert "&amp;" not in text and "&lt;" not in text and "&#8220;" not in text
    assert text.startswith("Tom & Jerry \u2013 the reboot \u201cends\u201d")
    assert "Cat\u00a0&\u00a0Mouse" in text
    assert "It's <over> \u2014 says the studio." in text
    # block elements become separate paragraphs
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    assert len(paragraphs) == 3


def test_html_detected_by_content(tmp_path):
    path = tmp_path / "saved-page.txt"
    path.write_text("<!doctype html><html><body><h1>A &amp; B</h1><script>x()</script><p>Body text.</p></body></html>", encoding="utf-8")
    text = read_article(path).text
    assert "x()" not in text
    assert text.split("\n\n") == ["A & B", "Body text."]


def test_html_to_text_function():
    assert html_to_text("<p>One &amp; two</p><style>p{}</style><p>three</p>") == "One & two\n\nthree"


def test_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(articlenlp.io, "MAX_BYTES", 100)
    path = tmp_path / "huge.txt"
    path.write_text("word " * 50, encoding="utf-8")  # 250 bytes
    with pytest.raises(InputError) as error:
        read_article(path)
    assert "huge.txt" in str(error.value)
    assert "limit" in str(error.value)


def test_at_the_size_limit_is_fine(tmp_path, monkeypatch):
    monkeypatch.setattr(articlenlp.io, "MAX_BYTES", 100)
    path = tmp_path / "ok.txt"
    path.write_text("x" * 100, encoding="utf-8")
    assert read_article(path).text == "x" * 100


def test_html_entities_decoded_exactly_once(tmp_path):
    # "&amp;lt;" in markup is the visible text "&lt;", not "<"
    path = tmp_path / "howto.html"
    path.write_text(
        "<h1>Markup tips</h1><p>Write &amp;lt;p&amp;gt; to start a paragraph; AT&amp;amp;T is not AT&amp;T.</p>", encoding="utf-8"
    )
    text = read_article(path).text
    assert "Write &lt;p&gt; to start a paragraph; AT&amp;T is not AT&T." in text


# --- bad input: encodings ------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_with_bom(tmp_path, encoding):
    path = tmp_path / "a.txt"
    bom = {"utf-32": b"", "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[encoding]
    path.write_bytes(bom + ARTICLE.encode(encoding))
    article = read_article(path)
    assert article.text == ARTICLE
    assert article.warnings == []


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected_and_warned(tmp_path, encoding):
    path = tmp_path / "nobom.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    article = read_article(path)
    assert article.text == ARTICLE
    assert len(article.warnings) == 1
    assert "nobom.txt" in article.warnings[0]
    assert encoding.upper() in article.warnings[0]
    assert "byte-order mark" in article.warnings[0]


def test_utf8_with_a_few_invalid_bytes_keeps_utf8(tmp_path):
    # valid multi-byte UTF-8 (curly quotes, é) with a stray 0xFF and a truncated sequence
    path = tmp_path / "damaged.txt"
    path.write_bytes(ARTICLE.encode("utf-8").replace(b"Society", b"Soc\xffiety").replace(b"story", b"\xe2\x80story"))
    article = read_article(path)
    assert article.text == ARTICLE.replace("Society", "Soc\ufffdiety").replace("story", "\ufffdstory")
    assert len(article.warnings) == 1
    assert "damaged.txt" in article.warnings[0]
    assert "2 invalid byte sequences" in article.warnings[0]


def test_utf8_bom_with_invalid_bytes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"Headline\n\nOne \xff two.\n")
    article = read_article(path)
    assert article.text == "Headline\n\nOne \ufffd two.\n"
    assert "replaced with U+FFFD" in article.warnings[0]


def test_latin1_text_falls_back_to_windows_1252(tmp_path):
    text = "Les Mis\u00e9rables: the na\u00efve G\u00fcnter \u00a9 2024\n"
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    article = read_article(path)
    assert article.text == text
    assert "1252" in article.warnings[0]


def test_windows_1252_undefined_byte_becomes_replacement(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Headline\n\nA caf\xe9 with a \x81 byte.\n")
    article = read_article(path)
    assert article.text == "Headline\n\nA caf\u00e9 with a \ufffd byte.\n"
    assert "1252" in article.warnings[0] and "U+FFFD" in article.warnings[0]


def test_another_legacy_encoding_is_refused_with_advice(tmp_path):
    path = tmp_path / "russian.txt"
    path.write_bytes(
        "\u041a\u0430\u043d\u0430\u043b \u043f\u0440\u043e\u0434\u043b\u0438\u043b \u0441\u0435\u0440\u0438\u0430\u043b.\n".encode("cp1251")
    )
    with pytest.raises(InputError) as error:
        read_article(path)
    assert "russian.txt" in str(error.value)
    assert "convert it to UTF-8" in str(error.value)


def test_stray_nul_bytes_are_dropped_with_a_warning(tmp_path):
    path = tmp_path / "nuls.txt"
    path.write_bytes(ARTICLE.encode("utf-8").replace(b"barista", b"bar\x00ista") + b"\x00" * 5000)  # and zero padding
    article = read_article(path)
    assert article.text == ARTICLE
    assert "\x00" not in article.text
    assert article.warnings == ["nuls.txt: 5,001 NUL characters dropped"]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"word/document.xml" * 10, "ZIP"),
        (b"\x1f\x8b\x08\x00" + b"compressed" * 10, "gzip"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "ELF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100, "MP4"),
    ],
    ids=["pdf", "zip", "gzip", "elf", "jpeg", "mp4"],
)
def test_binary_signatures(tmp_path, data, kind):
    path = tmp_path / "file.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as error:
        read_article(path)
    assert "binary" in str(error.value) and kind in str(error.value)


def test_random_bytes_are_binary(tmp_path):
    import random

    path = tmp_path / "random.txt"
    path.write_bytes(random.Random(0).randbytes(5000))
    with pytest.raises(InputError, match="random.txt"):
        read_article(path)


def test_bom_followed_by_binary_is_refused(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + bytes(range(32)) * 20)
    with pytest.raises(InputError, match="binary"):
        read_article(path)


# --- bad input: files that are not articles -------------------------------------------------


def test_folder_is_refused(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(InputError, match="folder"):
        read_article(tmp_path / "folder.txt")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_article(fifo)  # opening it normally would wait forever for a writer


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_device_is_refused_without_reading():
    with pytest.raises(InputError, match="not a regular file"):
        read_article("/dev/zero")  # reading it would never end


def test_symlink_loop_file(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop.name)
    with pytest.raises(InputError) as error:
        read_article(loop)
    assert "loop.txt" in str(error.value) and "cannot read" in str(error.value)


def test_dangling_symlink(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    with pytest.raises(InputError, match="gone.txt"):
        read_article(link)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError) as error:
            read_article(path)
    finally:
        path.chmod(0o644)
    assert "secret.txt" in str(error.value) and "Permission denied" in str(error.value)


def test_permission_error_becomes_input_error(tmp_path, monkeypatch):
    # the same as chmod 000, also when the tests run as root
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(articlenlp.io.os, "open", denied)
    with pytest.raises(InputError) as error:
        read_article(path)
    assert "secret.txt" in str(error.value) and "Permission denied" in str(error.value)


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(articlenlp.io, "MAX_BYTES", 1000)
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(10_000)

    def no_reading(*args):
        raise AssertionError("read a file over the limit")

    monkeypatch.setattr(articlenlp.io.os, "read", no_reading)
    with pytest.raises(InputError) as error:
        read_article(path)
    assert "10,000 bytes" in str(error.value) and "limit" in str(error.value)


def test_too_many_characters(tmp_path, monkeypatch):
    monkeypatch.setattr(articlenlp.io, "MAX_CHARS", 100)
    path = tmp_path / "long.txt"
    path.write_text("word " * 21, encoding="utf-8")  # 105 characters
    with pytest.raises(InputError) as error:
        read_article(path)
    message = str(error.value)
    assert "long.txt" in message and "105 characters" in message and "100-character limit" in message and "split" in message


def test_character_limit_counts_visible_html_text(tmp_path, monkeypatch):
    monkeypatch.setattr(articlenlp.io, "MAX_CHARS", 100)
    path = tmp_path / "page.html"
    path.write_text("<html><head><script>" + "x = 1;\n" * 1000 + "</script></head><body><p>Short text.</p></body></html>", encoding="utf-8")
    assert read_article(path).text == "Short text."


def test_character_limit_matches_the_pipeline():
    from articlenlp.pipeline import MAX_LENGTH

    assert articlenlp.io.MAX_CHARS == MAX_LENGTH


def test_very_long_line(tmp_path):
    line = "All signs point to a third season of Harbour Lights. " * 3000  # about 160,000 characters, one line
    path = tmp_path / "long-line.txt"
    path.write_text(line, encoding="utf-8")
    assert read_article(path).text == line


# --- HTML and Markdown ----------------------------------------------------------------------


def test_html_title_is_the_headline_only_without_h1():
    assert html_to_text("<html><head><title>Page &amp; Title</title></head><body><p>Body.</p></body></html>") == "Page & Title\n\nBody."
    with_h1 = "<html><head><title>Headline | Site</title></head><body><h1>Headline</h1><p>Body.</p></body></html>"
    assert html_to_text(with_h1) == "Headline\n\nBody."


def test_html_hidden_parts_are_dropped():
    markup = (
        "<html><body><!-- a comment --><h1>Title</h1><noscript>enable JS</noscript><svg><title>icon</title><text>svg</text></svg>"
        "<iframe>frame</iframe><template><p>later</p></template><p>Line one<br/>line two</p></body></html>"
    )
    assert html_to_text(markup) == "Title\n\nLine one\n\nline two"


def test_html_unclosed_script_hides_the_rest_without_crashing():
    assert html_to_text("<p>Visible</p><script>var a = '</p>never closed") == "Visible"


def test_html_crlf_and_char_ref_cr_are_normalised(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b"<html><body>\r\n<h1>Title</h1>\r\n<p>One\r\ntwo&#13;three</p></body></html>")
    assert read_article(path).text == "Title\n\nOne\ntwo\nthree"


def test_html_detected_after_a_leading_comment(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text("<!-- saved from url=(0042)https://example.com/ -->\n<html><body><p>A &amp; B</p></body></html>", encoding="utf-8")
    assert read_article(path).text == "A & B"


def test_plain_text_with_angle_brackets_is_not_html(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Headline\n\nShe wrote <b>bold</b> &amp; more.\n", encoding="utf-8")
    assert read_article(path).text == "Headline\n\nShe wrote <b>bold</b> &amp; more.\n"


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("# Title #\n\nBody.", "Title\n\nBody."),
        ("Title\n=====\n\nBody.", "Title\n\nBody."),
        ("Sub\n---\nBody.", "Sub\nBody."),
        ("A **bold** and *soft* and __strong__ and _light_ word.", "A bold and soft and strong and light word."),
        ("snake_case_name and 5 * 3 * 2 stay.", "snake_case_name and 5 * 3 * 2 stay."),
        ("Read [the review](https://example.com/a_(b) 'title') now.", "Read the review now."),
        ("See [Variety][v].\n\n[v]: https://variety.com", "See Variety."),
        ("![alt text](pic.png)\nCaption.", "Caption."),
        ("> \u201cWe are back,\u201d she said.\n> \u201cSoon.\u201d", "\u201cWe are back,\u201d she said.\n\u201cSoon.\u201d"),
        ("Before.\n\n```python\nprint('code')\n```\n\nAfter.", "Before.\n\nAfter."),
        ("---\ntitle: Front\n---\n# Head\n\nBody.", "Head\n\nBody."),
        ("Use `code` and \\*stars\\*.", "Use code and *stars*."),
        ("- one\n- two\n\n***\n\nEnd.", "- one\n- two\n\nEnd."),
        ("Visit <https://example.com> ~~not~~ now.", "Visit https://example.com not now."),
    ],
    ids=[
        "atx",
        "setext-h1",
        "setext-h2",
        "emphasis",
        "not-emphasis",
        "link",
        "reference-link",
        "image",
        "blockquote",
        "code-fence",
        "front-matter",
        "inline-code-escapes",
        "list-and-rule",
        "autolink-strike",
    ],
)
def test_markdown_to_text(markdown, text):
    assert markdown_to_text(markdown) == text


def test_markdown_file(tmp_path):
    path = tmp_path / "post.md"
    path.write_bytes(b"# Harbour Lights renewed\r\n\r\nChannel 9 has **renewed** [the show](https://x.y).\r\n")
    assert read_article(path).text == "Harbour Lights renewed\n\nChannel 9 has renewed the show."


def test_markdown_file_is_not_taken_for_html(tmp_path):
    path = tmp_path / "post.md"
    path.write_text("<html> is a tag\n\nBody text.\n", encoding="utf-8")
    assert read_article(path).text == "<html> is a tag\n\nBody text."


# --- language -------------------------------------------------------------------------------


GERMAN = (
    "Die Serie wird um eine zweite Staffel verl\u00e4ngert. Das hat der Streamingdienst am Montag bekannt gegeben. Die Dreharbeiten "
    "beginnen im Fr\u00fchjahr in Berlin, und die Hauptdarstellerin kehrt zur\u00fcck. Was die Fans erwartet, ist noch unklar, aber "
    "die Produzenten sind zuversichtlich, dass die neue Staffel noch besser wird als die erste."
)
FRENCH = (
    "La s\u00e9rie a \u00e9t\u00e9 renouvel\u00e9e pour une deuxi\u00e8me saison. Le service de streaming l'a annonc\u00e9 lundi. "
    "Le tournage commencera au printemps \u00e0 Paris et l'actrice principale sera de retour. Ce qui attend les fans reste flou, "
    "mais les producteurs sont convaincus que la nouvelle saison sera encore meilleure que la premi\u00e8re."
)
KOREAN = (
    "\ub137\ud50c\ub9ad\uc2a4 \ub4dc\ub77c\ub9c8 \ub354 \uae00\ub85c\ub9ac \uc2dc\uc98c 2 \uc81c\uc791\uc774 \ud655\uc815\ub418\uc5c8\ub2e4. "
    * 4
)


@pytest.mark.parametrize("text", [GERMAN, FRENCH, KOREAN], ids=["german", "french", "korean"])
def test_other_languages_are_warned(text):
    (warning,) = text_warnings(text)
    assert "does not look like English" in warning


def test_english_is_not_warned():
    for path in sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt")):
        assert text_warnings(path.read_text(encoding="utf-8")) == [], path.name


def test_short_texts_are_not_judged():
    assert text_warnings("Staffel zwei kommt.") == []


@pytest.mark.parametrize("start", ["MZ Entertainment", "RIFF Raff", "ID3 tags", "BZh", "OggS", "wOFF"])
def test_printable_file_signatures_do_not_make_an_article_binary(tmp_path, start):
    path = tmp_path / "a.txt"
    path.write_text(f"{start} renews its deal\n\nThe studio said on Monday.\n", encoding="utf-8")
    assert read_article(path).text.startswith(start)


def test_executable_without_a_listed_signature_is_still_binary(tmp_path):
    path = tmp_path / "setup.txt"
    path.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 64)
    with pytest.raises(InputError, match="binary"):
        read_article(path)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le"])
def test_nul_characters_are_dropped_in_any_encoding(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.replace("Society", "Soc\x00iety").replace("story", "st\x00ory").encode(encoding))
    article = read_article(path)
    assert article.text == ARTICLE
    assert any("2 NUL characters dropped" in w for w in article.warnings)


def test_only_nul_bytes_is_binary(tmp_path):
    path = tmp_path / "zeros.txt"
    path.write_bytes(b"\x00" * 100)
    with pytest.raises(InputError):
        read_article(path)
