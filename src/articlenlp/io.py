"""Reading article files: decoding, binary detection, HTML and Markdown to text.

Offsets in results are into the text returned here: after decoding, after turning HTML
or Markdown into text, and with line endings normalised to ``\\n``.

What happens with each kind of bad input (README, "What happens with bad input"):

- UTF-8, with or without a BOM: read; the BOM is dropped.
- UTF-16/UTF-32 with a BOM: read. UTF-16 without a BOM: read when the NUL pattern of
  mostly-ASCII text gives it away, with a warning.
- Not UTF-8, but almost (a few invalid byte sequences among valid multi-byte
  characters): each invalid sequence becomes U+FFFD, with a warning.
- Not UTF-8 at all: decoded as Windows-1252 (a superset of Latin-1 for text), with a
  warning; its 5 undefined bytes become U+FFFD.
- NUL characters (stray, or trailing padding) are dropped, with a warning.
- Binary files (a known file signature, more than 5% control bytes, or undecodable
  soup) are refused as not text.
- Empty or whitespace-only files (also HTML with no visible text) are refused.
- Files over :data:`MAX_BYTES` are refused before they are read; texts over
  :data:`MAX_CHARS` characters after decoding are refused too (the pipeline's memory
  and time grow with the article; see :data:`MAX_CHARS`).
- Folders, devices, pipes and sockets are refused without being read, so a FIFO named
  ``x.txt`` cannot hang a batch and ``/dev/zero`` cannot fill memory.
- HTML (by suffix or content): visible text only, no scripts or styles, entities
  decoded once, one paragraph per block element.
- Markdown (``.md``): markup removed (headings, emphasis, links, images, code fences,
  front matter, block-quote markers) so the headline is the heading's text.
- CRLF and CR line endings become ``\\n``.

Anything refused raises :class:`InputError` naming the file and the problem.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
# Files over this many bytes are refused before they are read into memory. HTML pages
# can be large around little text, so this is generous; MAX_CHARS is the real bound.
MAX_BYTES = 20 * 1024 * 1024
# The longest text analysed as one article (the spaCy pipeline's max_length). Measured
# with en_core_web_sm on this project's components: 50,000 characters take about 8 s and
# 400 MB, 200,000 characters about 2 min and 1 GB (time grows faster than linearly).
# Longer texts are refused rather than cut into pieces: an article's entities, quotes
# and stance are computed over the whole text, and pieces would silently change them.
MAX_CHARS = 200_000
# More control bytes than this (NUL, ESC, ... but not tab, newline, CR, form feed) is binary.
MAX_CONTROL_RATIO = 0.05
# File signatures that no article starts with (each has a byte text does not begin with,
# or is implausible as prose). Formats with printable signatures ("MZ", "RIFF", "ID3")
# are left to the control-byte check, so "MZ Entertainment said..." stays an article.
_SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office (OLE) document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
)
_MEDIA_BOX = re.compile(rb"\x00\x00[\x00-\x01].ftyp", re.DOTALL)  # MP4, MOV, HEIC
# Bytes that occur in text: tab, newline, form feed, CR and everything from space up.
_TEXT_BYTES = bytes([9, 10, 12, 13, *range(32, 127), *range(128, 256)])
_BOMS = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "figcaption",
    "figure",
    "pre",
    "hr",
    "table",
    "dl",
    "dt",
    "dd",
    "main",
    "aside",
    "nav",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object"}


class InputError(Exception):
    """A file that cannot be analysed; the message names the file and the problem."""


@dataclass
class ArticleText:
    text: str
    warnings: list[str] = field(default_factory=list)


def read_article(path: str | Path) -> ArticleText:
    """Read one article file as text, or raise InputError naming the file and the problem.

    Warnings (an encoding guess, replaced bytes, dropped NULs) name the file and go into
    the record's ``warnings``.
    """
    path = Path(path)
    data = _read_bytes(path)
    text, warnings = decode(data, path)
    text = normalise_newlines(text)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and looks_like_html(text)):
        text = normalise_newlines(html_to_text(text))
        if not text.strip():
            raise InputError(f"{path}: empty file (an HTML page with no visible text)")
    elif suffix in MARKDOWN_SUFFIXES:
        text = markdown_to_text(text)
    if not text.strip():
        raise InputError(f"{path}: empty file (no text to analyse)")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"{path}: {len(text):,} characters is over the {MAX_CHARS:,}-character limit for one article; split it into separate articles"
        )
    return ArticleText(text, [f"{path.name}: {warning}" for warning in warnings])


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing non-files and files over MAX_BYTES without reading them."""
    # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except IsADirectoryError as error:
        raise InputError(f"{path}: a folder, not a file") from error
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from error
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path}: a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file (a device, pipe or socket); not read")
        if info.st_size > MAX_BYTES:
            raise InputError(
                f"{path}: {info.st_size:,} bytes is over the {MAX_BYTES:,}-byte limit for one article; split it into separate articles"
            )
        data = bytearray()
        while len(data) <= MAX_BYTES:
            chunk = os.read(descriptor, min(1 << 20, MAX_BYTES + 1 - len(data)))
            if not chunk:
                break
            data += chunk
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from error
    finally:
        os.close(descriptor)
    if len(data) > MAX_BYTES:  # it grew after fstat
        raise InputError(f"{path}: over the {MAX_BYTES:,}-byte limit for one article; split it into separate articles")
    return bytes(data)


def decode(data: bytes, path: Path | str = "text") -> tuple[str, list[str]]:
    """Bytes to str, and warnings (without the file name) about how it was done.

    BOMs are honoured (UTF-8, UTF-16, UTF-32), UTF-16 without a BOM is recognised by its
    NULs, then UTF-8; Windows-1252 is the warned fallback. NUL characters are dropped.
    Raises InputError for binary data.
    """
    padding = len(data) - len(data.rstrip(b"\x00"))
    if padding and not data.startswith(tuple(bom for bom, _ in _BOMS)) and _sniff_utf16(data) is None:
        data = data[: len(data) - padding]  # zero padding left by a crash or a preallocating writer
    else:
        padding = 0
    text, warnings = _decode(data, path)
    nuls = text.count("\x00") + padding
    if nuls:
        text = text.replace("\x00", "")
        warnings.append(f"{nuls:,} NUL characters dropped")
    return text, warnings


def _decode(data: bytes, path: Path | str) -> tuple[str, list[str]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text, replaced = _decode_replacing(data[len(bom) :], encoding)
            _refuse_garbage(text, path)
            return text, [f"{replaced} undecodable byte sequences replaced with U+FFFD"] if replaced else []
    utf16 = _sniff_utf16(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            _refuse_garbage(text, path)
            return text, [f"no byte-order mark; read as {utf16.upper()} from its NUL bytes"]
    kind = _signature(data)
    if kind is not None:
        raise InputError(f"{path}: binary file ({kind}), not text")
    warnings: list[str] = []
    control = len(data.translate(None, _TEXT_BYTES))
    if control > len(data) * MAX_CONTROL_RATIO:
        raise InputError(f"{path}: binary file ({control / len(data):.0%} control bytes such as NUL), not text")
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    text, replaced = _decode_replacing(data, "utf-8")
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if non_ascii >= replaced:
        # Mostly valid multi-byte UTF-8 with a few bad bytes: a damaged UTF-8 file.
        warnings.append(f"not valid UTF-8: {replaced:,} invalid byte sequences replaced with U+FFFD")
        return text, warnings
    high = len(data) - len(data.translate(None, bytes(range(128, 256))))
    if high > len(data) * 0.3:
        raise InputError(f"{path}: not text in UTF-8 or Windows-1252 (a binary file, or another encoding: convert it to UTF-8)")
    text, replaced = _decode_replacing(data, "cp1252")
    note = f" ({replaced} bytes undefined there replaced with U+FFFD)" if replaced else ""
    warnings.append(f"not valid UTF-8; decoded as Windows-1252{note}")
    return text, warnings


def _decode_replacing(data: bytes, encoding: str) -> tuple[str, int]:
    """``data`` decoded with U+FFFD for each undecodable sequence, and how many there were."""
    text = data.decode(encoding, errors="replace")
    return text, text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")


def _sniff_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the NULs fall on one side of mostly-ASCII text."""
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _signature(data: bytes) -> str | None:
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    if _MEDIA_BOX.match(data[:12]):
        return "MP4/QuickTime media"
    return None


def _refuse_garbage(text: str, path: Path | str) -> None:
    """Refuse a decoded text that is mostly control characters or replacement marks."""
    if not text:
        return
    sample = text[:65536]
    bad = sum(1 for ch in sample if (ch < " " and ch not in "\t\n\f\r") or ch == "\ufffd")
    if bad > len(sample) * MAX_CONTROL_RATIO:
        raise InputError(f"{path}: binary file ({bad / len(sample):.0%} control or undecodable characters), not text")


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR to ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


_HTML_START = re.compile(r"\A(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


def looks_like_html(text: str) -> bool:
    """A whole HTML page: a doctype or <html>/<head>/<body> first (after comments)."""
    return _HTML_START.match(text[:4096]) is not None


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skipping: list[str] = []
        self.in_title = False
        self.has_h1 = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_TAGS:
            self.skipping.append(tag)
        elif tag == "title":
            self.in_title = True
        elif tag in _BLOCK_TAGS:
            self.has_h1 = self.has_h1 or tag == "h1"
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:  # <br/>, <hr/>; a self-closed <script/> skips nothing
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            if tag in self.skipping:
                while self.skipping.pop() != tag:
                    pass
        elif tag == "title":
            self.in_title = False
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            (self.title if self.in_title else self.parts).append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page, one paragraph per block element.

    Scripts, styles, templates, SVG and comments are dropped; character references are
    decoded exactly once ("&amp;lt;" is the text "&lt;"). The page's ``<title>`` (often
    "Headline | Site") is the headline only when the page has no ``<h1>``.
    """
    parser = _TextExtractor()
    parser.feed(markup)
    # feed() stops at a tag or comment that is never closed and keeps the rest in rawdata;
    # close() would then reparse it once per "<" (quadratic time, CVE-2025-6069 before
    # Python 3.11.13). Like a browser, let an unclosed tag or comment hide the rest.
    if parser.rawdata.startswith("<"):
        parser.rawdata = ""
    parser.close()
    parts = parser.parts if parser.has_h1 else [*parser.title, "\n\n", *parser.parts]
    text = "".join(parts)  # convert_charrefs already decoded entities, exactly once
    text = normalise_newlines(text)
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# Every pattern runs in linear time: no two repetitions can match the same characters,
# and a span (emphasis, link text) cannot run past the next mark that could open one.
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.DOTALL | re.MULTILINE)
_SETEXT = re.compile(r"(?<=\S)[ \t]*\n[ \t]{0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)
_RULE = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)
_ATX = re.compile(r"[ \t]{0,3}#{1,6}(?=[ \t]|$)")
_BLOCKQUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE)
_REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\[\]\n]+\]:[ \t]+\S+[^\n]*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\([^()\n]*\)")
_INLINE_LINK = re.compile(r"\[([^\[\]\n]+)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_STRONG = re.compile(
    r"\*\*(?=[^\s*])((?:[^*\n]|\*(?!\*))+?)(?<=[^\s*])\*\*"  # **strong**
    r"|(?<![\w_])__(?=[^\s_])((?:[^_\n]|_(?!_))+?)(?<=[^\s_])__(?![\w_])"  # __strong__
)
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"  # *soft*, not 5 * 3
    r"|(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])"  # _soft_, not snake_case
)
_STRIKE = re.compile(r"~~(?=[^\s~])((?:[^~\n]|~(?!~))+?)(?<=[^\s~])~~")
_CODE = re.compile(r"(`+)([^`\n]+)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")


def _atx_heading(line: str) -> str:
    """``## Title ##`` -> ``Title``; other lines unchanged."""
    match = _ATX.match(line)
    if match is None:
        return line
    content = line[match.end() :].strip(" \t")
    without_closing = content.rstrip("#")
    if not without_closing or without_closing[-1] in " \t":  # a closing run of #s
        content = without_closing.rstrip(" \t")
    return content


def markdown_to_text(markdown: str) -> str:
    """The prose of a Markdown article: markup removed, one paragraph per block.

    Headings keep their text ("# Title" is "Title"), links their words, images and code
    blocks go, emphasis marks go, list bullets stay (the layout reads them).
    """
    text = normalise_newlines(markdown)
    # Escaped characters (\\*) are set aside as private-use characters until the end, so
    # that no rule takes them for markup.
    protect = re.search("[\ue000-\ue07f]", text) is None
    if protect:
        text = _ESCAPE.sub(lambda m: chr(0xE000 + ord(m.group(1))), text)
    text = _FRONT_MATTER.sub("", text)
    text = _FENCE.sub("", text)
    text = _SETEXT.sub("", text)
    text = _RULE.sub("", text)
    text = "\n".join(_atx_heading(line) for line in text.split("\n"))
    text = _BLOCKQUOTE.sub("", text)
    text = _REFERENCE.sub("", text)
    text = _IMAGE.sub("", text)
    text = _INLINE_LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    text = _STRONG.sub(lambda m: m.group(1) or m.group(2), text)
    text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    text = _STRIKE.sub(r"\1", text)
    if protect:
        text = re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - 0xE000), text)
    else:
        text = _ESCAPE.sub(r"\1", text)
    text = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


# Common English function words, chosen to be rare as words in other European languages
# ("in", "so", "was", "an", "also", "die" are left out: German and others use them).
_ENGLISH = frozenset(
    "the of and to is that for with by it he she has have be at from his her this are not but they been were "
    "which their said its who would or had you we there what when will after about than them into more "
    "over just could should can because".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
MIN_WORDS_FOR_LANGUAGE = 30
MIN_ENGLISH_RATIO = 0.08


def text_warnings(text: str) -> list[str]:
    """Warnings about the text itself: for now, text that does not look like English.

    A cheap check: the share of common English function words among the words (English
    news prose has 25-40%, German or French under 5%), and the share of Latin letters.
    Short texts are not judged. The text is analysed either way.
    """
    sample = text[:20000]
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters >= 40:
        latin = len(_LATIN.findall(sample))
        if latin < letters * 0.5:
            return [
                f"text does not look like English ({latin / letters:.0%} Latin letters); the models are English-only, results may be poor"
            ]
    words = _WORD.findall(sample)
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return []
    english = sum(1 for word in words if word.lower() in _ENGLISH)
    ratio = english / len(words)
    if ratio < MIN_ENGLISH_RATIO:
        return [f"text does not look like English ({ratio:.0%} common English words); the models are English-only, results may be poor"]
    return []
