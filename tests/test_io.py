"""Reading article files: encodings, binary and empty files, HTML, size limit."""

from __future__ import annotations

import codecs

import pytest

import articlenlp.io
from articlenlp.io import InputError, html_to_text, read_article

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
