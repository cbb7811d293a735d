"""The HTML views in a real browser: headless Chromium renders, screenshots and runs the pages' scripts.

Skipped when Chromium is not installed (``apt-get install chromium``; .ci/run installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from articlenlp.io import read_article
from articlenlp.render import render_article, render_report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
WIDTH = 1280


def _chromium() -> str | None:
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium not found (/usr/bin/chromium or chromium on PATH): apt-get install chromium to run browser tests"
)


def chromium(page: Path, profile: Path, *options: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *options,
        page.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=180)
    assert result.returncode == 0, f"chromium failed ({result.returncode}):\n{result.stderr[-2000:]}"
    return result


def dump_dom(page: Path, profile: Path) -> str:
    return chromium(page, profile, "--dump-dom").stdout


def screenshot(page: Path, png: Path, profile: Path, height: int = 2000) -> tuple[int, int]:
    chromium(page, profile, f"--screenshot={png}", f"--window-size={WIDTH},{height}")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


class Elements(HTMLParser):
    """Every element's tag and attributes, in document order."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def with_class(self, cls: str) -> list[dict[str, str]]:
        return [attrs for _, attrs in self.elements if cls in attrs.get("class", "").split()]


def _with_script(page: str, script: str) -> str:
    """The page with ``script`` run after its own (at the end of body)."""
    return page.replace("</body>", f"<script>{script}</script>\n</body>")


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("chromium-profile")


@pytest.fixture(scope="module")
def article_page(analyzer, tmp_path_factory) -> Path:
    text = read_article(EXAMPLES / "the-glory-season-2.txt").text
    path = tmp_path_factory.mktemp("pages") / "the-glory-season-2.html"
    path.write_text(render_article(analyzer.analyze(text, id="the-glory-season-2.txt")), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def records(analyzer) -> list[dict]:
    records = []
    for path in sorted(EXAMPLES.iterdir()):
        records.append(analyzer.analyze(read_article(path).text, id=path.name).to_dict())
    records.append({"id": "broken.txt", "error": "broken.txt: binary file (NUL bytes), not text"})
    return records


@pytest.fixture(scope="module")
def report_page(records, article_page) -> Path:
    path = article_page.parent / "report.html"
    path.write_text(render_report(records, link_dir=path.parent), encoding="utf-8")
    return path


def test_article_screenshot(article_page, profile, tmp_path):
    assert screenshot(article_page, tmp_path / "article.png", profile) == (WIDTH, 2000)


def test_report_screenshot(report_page, profile, tmp_path):
    assert screenshot(report_page, tmp_path / "report.png", profile, height=1100) == (WIDTH, 1100)


def test_article_dom(article_page, profile):
    dom = Elements(dump_dom(article_page, profile))
    types = {attrs["data-type"] for attrs in dom.with_class("ent") if "data-type" in attrs}
    assert types == {"PERSON", "CHARACTER", "WORK", "ORG"}
    speakers = {attrs["data-speaker"] for attrs in dom.with_class("quote") if "data-speaker" in attrs}
    assert {"Kim Mun Hui", "Ahn Gil-ho"} <= speakers
    assert dom.with_class("claim-speculation") and dom.with_class("claim-fact")
    assert dom.with_class("evidence-list") and dom.with_class("cast-pair")


def test_article_highlights_are_painted(article_page, profile, tmp_path):
    """The browser applies the styles: entities get their type's background, speculation a wavy underline."""
    probe = """
    var ent = document.querySelector('.article-text .ent-PERSON');
    var spec = document.querySelector('.article-text .claim-speculation');
    var quote = document.querySelector('.article-text .quote.first');
    var box = ent.getBoundingClientRect();
    document.body.setAttribute('data-probe', JSON.stringify({
      ent: getComputedStyle(ent).backgroundColor,
      spec: getComputedStyle(spec).textDecorationStyle,
      badge: getComputedStyle(quote, '::before').content,
      visible: box.width > 0 && box.height > 0
    }));
    """
    page = tmp_path / "probe.html"
    page.write_text(_with_script(article_page.read_text(encoding="utf-8"), probe), encoding="utf-8")
    (body,) = [attrs for tag, attrs in Elements(dump_dom(page, profile)).elements if tag == "body"]
    probe_result = json.loads(body["data-probe"])
    assert probe_result["ent"] == "rgb(207, 226, 255)"
    assert probe_result["spec"] == "wavy"
    assert probe_result["badge"] not in ("none", "normal", '""')  # the speaker badge is drawn
    assert probe_result["visible"]


def test_report_dom(report_page, profile, records):
    dom = Elements(dump_dom(report_page, profile))
    svgs = [attrs for tag, attrs in dom.elements if tag == "svg" and "stance-chart" in attrs.get("class", "")]
    assert len(svgs) == 1
    bars = [attrs for tag, attrs in dom.elements if tag == "rect" and "bar" in attrs.get("class", "").split()]
    assert len(bars) == 5
    rows = [attrs["data-id"] for tag, attrs in dom.elements if tag == "tr" and "data-id" in attrs]
    assert rows == [r["id"] for r in records if "error" not in r]
    assert [attrs["data-id"] for attrs in dom.with_class("error-record")] == ["broken.txt"]
    links = [attrs["href"] for tag, attrs in dom.elements if tag == "a" and attrs.get("href", "").endswith(".html")]
    assert links == ["the-glory-season-2.html"]  # the one article rendered next to the report


@pytest.mark.parametrize("clicks, reverse", [(1, False), (2, True)], ids=["ascending", "descending"])
def test_report_table_sorts_on_click(report_page, profile, records, tmp_path, clicks, reverse):
    click = "var b = document.querySelector('th[data-key=confidence] button');" + "b.click();" * clicks
    page = tmp_path / "sorted.html"
    page.write_text(_with_script(report_page.read_text(encoding="utf-8"), click), encoding="utf-8")
    dom = Elements(dump_dom(page, profile))
    rows = [attrs["data-id"] for tag, attrs in dom.elements if tag == "tr" and "data-id" in attrs]
    articles = [r for r in records if "error" not in r]
    assert rows == [r["id"] for r in sorted(articles, key=lambda r: r["stance"]["confidence"], reverse=reverse)]
    (th,) = [attrs for tag, attrs in dom.elements if tag == "th" and attrs.get("data-key") == "confidence"]
    assert th["aria-sort"] == ("descending" if reverse else "ascending")
