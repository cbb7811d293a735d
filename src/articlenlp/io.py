"""Reading article files: decoding, binary detection, HTML to text.

Offsets in results are into the text returned here (after decoding and, for HTML,
after turning markup into text); line endings are normalised to ``\\n``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_BYTES = 20 * 1024 * 1024
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
    "title",
    "pre",
    "hr",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg"}


class InputError(Exception):
    """A file that cannot be analysed; the message names the file and the problem."""


@dataclass
class ArticleText:
    text: str
    warnings: list[str] = field(default_factory=list)


def read_article(path: str | Path) -> ArticleText:
    """Read one article file as text, or raise InputError naming the file and the problem."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from error
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: {len(data):,} bytes is over the {MAX_BYTES:,}-byte limit for one article")
    text, warnings = decode(data, path)
    if path.suffix.lower() in (".html", ".htm") or _looks_like_html(text):
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{path}: empty file (no text to analyse)")
    return ArticleText(text, warnings)


def decode(data: bytes, path: Path) -> tuple[str, list[str]]:
    """Bytes to str: BOMs honoured, UTF-8 first, Windows-1252 as a warned fallback."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path), []
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    if _mostly_binary(data):
        raise InputError(f"{path}: binary file, not text")
    text = data.decode("cp1252", errors="replace")
    return text, [f"{path.name}: not valid UTF-8; decoded as Windows-1252"]


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: undecodable {encoding} ({error.reason} at byte {error.start})") from error


def _mostly_binary(data: bytes) -> bool:
    sample = data[:8192]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) * 0.1


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page, one paragraph per block element."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)  # convert_charrefs already decoded entities, exactly once
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
