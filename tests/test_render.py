"""HTML views (articlenlp.render and the render/report commands), checked as parsed DOM: no browser needed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from articlenlp.render import _Mark, _nest, read_records, render_article, render_link, render_report
from articlenlp.types import STANCE_LABELS, Analysis, Claim, Entity, Quote, Span, Stance

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "col", "area", "base", "source", "track", "embed", "param"}


# --------------------------------------------------------------------------- a tiny DOM


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes)
            and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'} class={cls!r} {attrs}>"
        return found[0]

    def ancestors(self) -> list[Node]:
        node, out = self.parent, []
        while node is not None:
            out.append(node)
            node = node.parent
        return out


class _TreeBuilder(HTMLParser):
    """Builds a Node tree and fails on any end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1]))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>: markup is not nested"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(page: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.stack == [builder.root], f"unclosed elements: {[n.tag for n in builder.stack[1:]]}"
    return builder.root


def fragments_text(dom: Node, cls: str) -> dict[str, str]:
    """data-id -> text of all elements with ``cls`` (a span split in fragments is joined)."""
    texts: dict[str, str] = {}
    for node in dom.find("article").find_all(cls=cls):
        texts[node.attrs["data-id"]] = texts.get(node.attrs["data-id"], "") + node.text()
    return texts


# --------------------------------------------------------------------------- fixtures

TEXT = (
    "Netflix renews Night Shift\n\n"
    'Netflix has renewed Night Shift for a second season. "Ana Ruiz and I are thrilled," Ben Cole told Variety.\n\n'
    "Ana Ruiz plays Dr. Mara Quinn. It could return in May, and <script>alert('x')</script> & more.\n"
)


def _at(needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return start, start + len(needle)


def _span(needle: str) -> Span:
    start, end = _at(needle)
    return Span(needle, start, end)


@pytest.fixture
def analysis() -> Analysis:
    quote = _span("Ana Ruiz and I are thrilled,")
    claim_1 = _span("Netflix has renewed Night Shift for a second season.")
    claim_2 = _span('"Ana Ruiz and I are thrilled," Ben Cole told Variety.')
    claim_3 = _span("It could return in May, and <script>alert('x')</script> & more.")
    return Analysis(
        id="night<shift>.txt",
        text=TEXT,
        title="Netflix renews Night Shift",
        stance=Stance(
            label="renewed",
            confidence=0.8,
            scores={"renewed": 0.8, "cancelled": 0.05, "ending": 0.05, "uncertain": 0.05, "unrelated": 0.05},
            work="Night Shift",
            season=2,
            evidence=[claim_1],
        ),
        entities=[
            Entity("e1", "Netflix", "ORG", roles=["network"], mentions=[_at("Netflix"), _at("Netflix", 1)], works=["e2"]),
            Entity("e2", "Night Shift", "WORK", roles=["series"], mentions=[_at("Night Shift"), _at("Night Shift", 1)]),
            Entity("e3", "Ana Ruiz", "PERSON", roles=["actor"], mentions=[_at("Ana Ruiz"), _at("Ana Ruiz", 1)], plays=["e5"]),
            Entity("e4", "Ben <b>Cole</b>", "PERSON", roles=["showrunner"], mentions=[_at("Ben Cole")]),
            Entity("e5", "Mara Quinn", "CHARACTER", mentions=[_at("Mara Quinn")]),
            Entity("e6", "Variety", "ORG", roles=["outlet"], mentions=[_at("Variety")]),
        ],
        quotes=[Quote(quote.text, quote.start, quote.end, "direct", speaker="e4", speaker_name="Ben Cole", outlet="Variety")],
        claims=[
            Claim(claim_1.text, claim_1.start, claim_1.end, "fact", 0.85),
            Claim(claim_2.text, claim_2.start, claim_2.end, "fact", 0.85),
            Claim(claim_3.text, claim_3.start, claim_3.end, "speculation", 0.9, cues=["could"]),
        ],
    )


@pytest.fixture
def page(analysis) -> str:
    return render_article(analysis)


@pytest.fixture
def dom(page) -> Node:
    return parse(page)


def _record(id: str, label: str, confidence: float, quotes: int = 0, speculation: int = 0, title: str = "A title") -> dict:
    return {
        "schema_version": "1",
        "id": id,
        "title": title,
        "stance": {"label": label, "confidence": confidence, "scores": {}, "work": "Night Shift", "season": 2, "evidence": []},
        "entities": [
            {"id": "e1", "name": "Night Shift", "type": "WORK", "roles": ["series"], "aliases": [], "mentions": [[0, 5], [9, 14]]},
            {
                "id": "e2",
                "name": "Ben Cole",
                "type": "PERSON",
                "roles": [],
                "aliases": [],
                "mentions": [[20, 28]],
                "plays": [],
                "works": [],
            },
        ],
        "quotes": [
            {"text": "q", "start": 0, "end": 1, "kind": "direct", "speaker": "e2", "speaker_name": "Ben Cole", "outlet": None}
            for _ in range(quotes)
        ],
        "claims": [
            {"text": "c", "start": 0, "end": 1, "label": "speculation", "confidence": 0.9, "cues": ["may"]} for _ in range(speculation)
        ]
        + [{"text": "f", "start": 0, "end": 1, "label": "fact", "confidence": 0.85, "cues": []}],
        "warnings": [],
    }


RECORDS = [
    _record("a.txt", "renewed", 0.72, quotes=3, speculation=1),
    _record("sub/b.txt", "cancelled", 0.91, quotes=1, title="<script>alert(1)</script> Axed"),
    {"id": "broken.txt", "error": "broken.txt: binary file (NUL bytes), not text"},
    _record("c.html", "renewed", 0.55, speculation=4),
]


# --------------------------------------------------------------------------- nesting


def test_nest_crossing_spans_are_split_and_well_formed():
    text = "abcdefghij"
    marks = [
        _Mark(0, 6, 0, "outer", "span", "claim"),
        _Mark(4, 9, 2, "cross", "span", "quote"),
        _Mark(5, 7, 3, "inner", "span", "ent"),
    ]
    dom = parse(f"<article>{_nest(text, marks)}</article>")
    assert dom.find("article").text() == text
    assert fragments_text(dom, "claim") == {"outer": "abcdef"}
    assert fragments_text(dom, "quote") == {"cross": "efghi"}
    assert fragments_text(dom, "ent") == {"inner": "fg"}
    # exactly one fragment of each span is marked first, at its start
    for key in ("outer", "cross", "inner"):
        firsts = [n for n in dom.find_all(data_id=key) if "first" in n.classes]
        assert len(firsts) == 1


def test_nest_same_extent_orders_by_layer():
    marks = [_Mark(0, 3, 3, "m", "span", "ent"), _Mark(0, 3, 0, "c", "span", "claim")]
    assert _nest("abc", marks) == '<span class="claim first" data-id="c"><span class="ent first" data-id="m">abc</span></span>'


def test_nest_ignores_bad_offsets_and_escapes():
    assert _nest("<a>", [_Mark(2, 9, 0, "x", "span", "ent"), _Mark(1, 1, 0, "y", "span", "ent")]) == "&lt;a&gt;"


# --------------------------------------------------------------------------- article page


def test_article_text_is_complete(dom, analysis):
    assert dom.find("article").text() == analysis.text


def test_entity_spans_per_type(dom, analysis):
    for entity in analysis.entities:
        nodes = dom.find("article").find_all(cls=f"ent-{entity.type}", data_entity=entity.id)
        assert nodes, entity
        assert all("ent" in n.classes and n.attrs["data-type"] == entity.type for n in nodes)
    texts = fragments_text(dom, "ent")
    expected = {f"{e.id}-m{n}": analysis.text[s:t] for e in analysis.entities for n, (s, t) in enumerate(e.mentions)}
    assert texts == expected
    for type_ in ("PERSON", "CHARACTER", "WORK", "ORG"):
        assert dom.find("article").find_all(cls=f"ent-{type_}")


def test_quote_with_speaker(dom, analysis):
    (quote,) = dom.find("article").find_all(cls="quote")
    assert quote.attrs["data-speaker"] == "Ben Cole"
    assert quote.attrs["data-outlet"] == "Variety"
    assert quote.attrs["data-speaker-entity"] == "e4"
    assert "quote-direct" in quote.classes
    assert quote.text() == analysis.quotes[0].text


def test_claims_with_labels(dom, analysis):
    claims = dom.find("article").find_all(cls="claim")
    assert [c.attrs["data-label"] for c in claims] == ["fact", "fact", "speculation"]
    assert "claim-speculation" in claims[2].classes and claims[2].attrs["data-cues"] == "could"
    assert fragments_text(dom, "claim") == {f"c{n}": c.text for n, c in enumerate(analysis.claims)}


def test_mention_inside_quote_inside_claim_nests(dom):
    mention = dom.find("article").find(cls="ent", data_id="e3-m0")  # "Ana Ruiz" inside the quote
    classes = [c for a in mention.ancestors() for c in a.classes]
    assert "quote" in classes and "claim" in classes
    assert classes.index("quote") < classes.index("claim")  # quote is the nearer ancestor


def test_script_in_article_text_is_escaped(page, dom):
    scripts = dom.find_all("script")
    assert len(scripts) == 1 and "alert" not in scripts[0].text()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more." in page
    assert "<b>" not in page and "Ben &lt;b&gt;Cole&lt;/b&gt;" in page
    assert dom.find("p", cls="kicker").text() == "articlenlp · night<shift>.txt"


def test_side_panel(dom, analysis):
    panel = dom.find("aside")
    stance = panel.find(cls="stance")
    assert stance.attrs["data-stance"] == "renewed"
    assert stance.find(cls="stance-label").text() == "renewed"
    assert "Night Shift season 2" in stance.text()
    meter = stance.find(cls="confidence").find(role="meter")
    assert meter.attrs["aria-valuenow"] == "0.8000"
    evidence = stance.find("ol", cls="evidence-list").find_all("a")
    assert [a.text() for a in evidence] == [analysis.stance.evidence[0].text]
    assert evidence[0].attrs["href"] == "#evidence-1"
    assert dom.find("article").find(id="evidence-1").text() == analysis.stance.evidence[0].text
    people = {p.attrs["data-entity"]: p for p in panel.find_all("li", cls="person")}
    assert set(people) == {"e3", "e4"}
    assert [r.text() for r in people["e3"].find_all(cls="role")] == ["actor"]
    assert [r.text() for r in people["e4"].find_all(cls="role")] == ["showrunner"]
    (pair,) = panel.find_all(cls="cast-pair")
    assert (pair.attrs["data-actor"], pair.attrs["data-character"]) == ("e3", "e5")
    assert "Ana Ruiz" in pair.text() and "Mara Quinn" in pair.text()


def test_article_page_is_self_contained(page):
    assert page.startswith("<!DOCTYPE html>")
    assert "<link" not in page and " src=" not in page
    assert not re.search(r"https?://", page)
    assert "@import" not in page and "url(" not in page


def test_article_without_anything_found():
    empty = Analysis(id="x", text="Nothing here.", stance=Stance("unrelated", 0.9, {"unrelated": 0.9}))
    dom = parse(render_article(empty))
    assert dom.find("article").text() == "Nothing here."
    assert dom.find(cls="stance").attrs["data-stance"] == "unrelated"


def test_real_article(analyzer):
    from articlenlp.io import read_article

    text = read_article(EXAMPLES / "the-glory-season-2.txt").text
    analysis = analyzer.analyze(text, id="the-glory-season-2.txt")
    dom = parse(render_article(analysis))
    article = dom.find("article")
    assert article.text() == text
    texts = fragments_text(dom, "ent")
    for entity in analysis.entities:
        for n, (start, end) in enumerate(entity.mentions):
            assert texts[f"{entity.id}-m{n}"] == text[start:end]
    assert fragments_text(dom, "quote") == {f"q{n}": q.text for n, q in enumerate(analysis.quotes)}
    assert fragments_text(dom, "claim") == {f"c{n}": c.text for n, c in enumerate(analysis.claims)}
    speakers = {n.attrs["data-speaker"] for n in article.find_all(cls="quote")}
    assert "Kim Mun Hui" in speakers
    assert article.find_all(cls="claim-speculation")


# --------------------------------------------------------------------------- report page


@pytest.fixture
def report_dom() -> Node:
    return parse(render_report(RECORDS))


def test_report_chart(report_dom):
    svg = report_dom.find("svg", cls="stance-chart")
    rows = {g.attrs["data-label"]: int(g.attrs["data-count"]) for g in svg.find_all("g", cls="row")}
    assert rows == {"renewed": 2, "cancelled": 1, "ending": 0, "uncertain": 0, "unrelated": 0}
    assert len(svg.find_all("rect", cls="bar")) == len(STANCE_LABELS)
    assert svg.find("title").text() == "Stance of 3 articles"


def test_report_table_rows(report_dom):
    table = report_dom.find("table", cls="sortable")
    headers = [th.attrs["data-key"] for th in table.find("thead").find_all("th")]
    assert headers == ["id", "title", "stance", "confidence", "quotes", "speculation"]
    rows = table.find("tbody").find_all("tr")
    assert [r.attrs["data-id"] for r in rows] == ["a.txt", "sub/b.txt", "c.html"]
    cells = [[td.attrs.get("data-sort", td.text()) for td in r.find_all("td")] for r in rows]
    assert [c[2:] for c in cells] == [["renewed", "0.7200", "3", "1"], ["cancelled", "0.9100", "1", "0"], ["renewed", "0.5500", "0", "4"]]
    assert rows[1].find(cls="title").text() == "<script>alert(1)</script> Axed"
    assert not table.find_all("a")  # no link_dir: no links


def test_report_escapes_and_has_one_static_script():
    page = render_report(RECORDS)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Axed" in page
    scripts = parse(page).find_all("script")
    assert len(scripts) == 1 and "alert" not in scripts[0].text() and "sortable" in scripts[0].text()
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", page)


def test_report_errors_listed(report_dom):
    errors = report_dom.find(cls="errors")
    (item,) = errors.find_all("li", cls="error-record")
    assert item.attrs["data-id"] == "broken.txt"
    assert "binary file" in item.text()
    assert errors.find("h2").text() == "Errors (1)"


def test_report_lists(report_dom):
    speakers = report_dom.find("ol", cls="speakers").find_all("li")
    assert [(li.find(cls="name").text(), li.attrs["data-count"]) for li in speakers] == [("Ben Cole", "4")]
    works = report_dom.find("ol", cls="works").find_all("li")
    assert [(li.find(cls="name").text(), li.attrs["data-count"]) for li in works] == [("Night Shift", "6")]


def test_report_links_to_existing_renders(tmp_path):
    (tmp_path / "a.html").write_text("<p>a</p>")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>b</p>")
    table = parse(render_report(RECORDS, link_dir=tmp_path)).find("table")
    links = {a.text(): a.attrs["href"] for a in table.find_all("a")}
    assert links == {"a.txt": "a.html", "sub/b.txt": "sub/b.html"}


def test_render_link_naming(tmp_path):
    (tmp_path / "name.html").write_text("x")
    assert render_link("deep/path/name.txt", tmp_path) == "name.html"  # falls back to the stem
    assert render_link("/abs/name.md", tmp_path) == "name.html"
    assert render_link("../name.txt", tmp_path) == "name.html"
    assert render_link("other.txt", tmp_path) is None
    (tmp_path / "a b.html").write_text("x")
    assert render_link("a b.txt", tmp_path) == "a%20b.html"


def test_report_of_nothing():
    dom = parse(render_report([]))
    assert dom.find("svg", cls="stance-chart")
    assert dom.find(cls="errors").find(cls="none").text() == "none"


def test_read_records(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n\n", encoding="utf-8")
    assert read_records(path) == RECORDS
    path.write_text(json.dumps(RECORDS[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"out.jsonl:2: not a JSON line"):
        read_records(path)
    path.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"out.jsonl:1: not an articlenlp record"):
        read_records(path)


# --------------------------------------------------------------------------- command line


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "articlenlp.cli", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=600
    )


@pytest.mark.parametrize("command", ["render", "report"])
def test_help(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0 and "usage:" in result.stdout


def test_cli_render_default_output(tmp_path):
    result = run_cli("render", str(EXAMPLES / "second-helpings-axed.txt"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "second-helpings-axed.html").read_text(encoding="utf-8")
    dom = parse(page)
    assert dom.find("article").find_all(cls="ent")
    assert dom.find(cls="stance").attrs["data-stance"] == "cancelled"
    assert "second-helpings-axed.html" in result.stderr


def test_cli_render_stdout(tmp_path):
    result = run_cli("render", str(EXAMPLES / "ember-and-ash-final-season.html"), "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert parse(result.stdout).find("article").find_all(cls="quote")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "content, message",
    [(None, "no such file"), (b"", "empty file"), (b"\x00\x01binary", "binary file")],
    ids=["missing", "empty", "binary"],
)
def test_cli_render_errors(tmp_path, content, message):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    result = run_cli("render", str(path), "-o", str(tmp_path / "out.html"))
    assert result.returncode == 2
    assert message in result.stderr and "articlenlp: error:" in result.stderr
    assert not (tmp_path / "out.html").exists()


def test_cli_render_will_not_overwrite_its_input(tmp_path):
    source = tmp_path / "page.html"
    original = "<html><body><p>Netflix renewed Night Shift.</p></body></html>"
    source.write_text(original, encoding="utf-8")
    result = run_cli("render", "page.html", cwd=tmp_path)
    assert result.returncode == 2
    assert "overwrite" in result.stderr
    assert source.read_text(encoding="utf-8") == original


def test_cli_report(tmp_path):
    results = tmp_path / "out.jsonl"
    results.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    (tmp_path / "c.html").write_text("<p>c</p>")
    result = run_cli("report", str(results), "-o", str(tmp_path / "report.html"))
    assert result.returncode == 0, result.stderr
    dom = parse((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert len(dom.find("tbody").find_all("tr")) == 3
    assert [a.attrs["href"] for a in dom.find("table").find_all("a")] == ["c.html"]
    assert dom.find(cls="errors").find_all("li")


def test_cli_report_default_and_stdout(tmp_path):
    results = tmp_path / "out.jsonl"
    results.write_text(json.dumps(RECORDS[0]) + "\n", encoding="utf-8")
    assert run_cli("report", "out.jsonl", cwd=tmp_path).returncode == 0
    assert (tmp_path / "report.html").exists()
    result = run_cli("report", "out.jsonl", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0 and "stance-chart" in result.stdout


@pytest.mark.parametrize("content", [None, "{broken\n", "[]\n"], ids=["missing", "not-json", "not-a-record"])
def test_cli_report_errors(tmp_path, content):
    results = tmp_path / "out.jsonl"
    if content is not None:
        results.write_text(content, encoding="utf-8")
    result = run_cli("report", str(results), "-o", str(tmp_path / "report.html"))
    assert result.returncode == 2
    assert "articlenlp: error:" in result.stderr and "out.jsonl" in result.stderr
    assert not (tmp_path / "report.html").exists()
