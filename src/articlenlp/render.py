"""Self-contained HTML views of results: one article, or a report over a JSONL batch.

Both pages carry their CSS (and the report its small sorting script) inline, load
nothing from the network and work offline. Every piece of article text is escaped with
:func:`html.escape`.

- :func:`render_article`: the article text with entity mentions highlighted by type,
  quotes marked with their speaker, claims underlined by label, and a side panel with the
  stance, its confidence and evidence, people with their roles and actor -> character pairs.
- :func:`render_report`: stance distribution (inline SVG), a sortable table of the
  articles, the most-quoted people, the most-mentioned works and the error records.

Markup classes (stable, for styling and tests): ``ent ent-PERSON`` (and CHARACTER, WORK,
ORG) with ``data-entity``; ``quote quote-<kind>`` with ``data-speaker``; ``claim
claim-fact`` / ``claim claim-speculation`` with ``data-cues``; ``evidence``. A span that
has to be split to keep the markup nested (it crosses another one) is emitted as several
elements sharing one ``data-id``; the first carries the class ``first``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote as url_quote

from .types import ENTITY_TYPES, STANCE_LABELS, Analysis, Entity

__all__ = ["read_records", "render_article", "render_report", "render_link"]

ENTITY_COLOURS = {"PERSON": "#cfe2ff", "CHARACTER": "#ecdcff", "WORK": "#ffe0b3", "ORG": "#c9efd5"}
ENTITY_NAMES = {"PERSON": "person", "CHARACTER": "character", "WORK": "work", "ORG": "organisation"}
STANCE_COLOURS = {
    "renewed": "#2f9e44",
    "cancelled": "#e03131",
    "ending": "#7048e8",
    "uncertain": "#f08c00",
    "unrelated": "#868e96",
}
_FALLBACK_COLOUR = "#495057"

# Layers, outermost first: at equal extent a claim wraps evidence wraps a quote wraps a mention.
_CLAIM, _EVIDENCE, _QUOTE, _ENTITY = range(4)


def _e(value: object) -> str:
    """Escape text for element content and double-quoted attribute values."""
    return escape(str(value), quote=True)


# --------------------------------------------------------------------------- markup


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    layer: int
    key: str  # shared by all fragments of one span (data-id)
    tag: str
    classes: str
    attrs: tuple[tuple[str, str], ...] = ()
    anchor: str | None = None  # id= on the first fragment

    def open(self, first: bool) -> str:
        classes = self.classes + (" first" if first else "")
        parts = [f'<{self.tag} class="{_e(classes)}" data-id="{_e(self.key)}"']
        if first and self.anchor:
            parts.append(f' id="{_e(self.anchor)}"')
        parts.extend(f' {name}="{_e(value)}"' for name, value in self.attrs)
        return "".join(parts) + ">"

    def close(self) -> str:
        return f"</{self.tag}>"


def _nest(text: str, marks: Iterable[_Mark]) -> str:
    """``text`` escaped, with ``marks`` as properly nested elements.

    The text is cut at every span boundary. In each piece the spans covering it are open,
    outer ones (ending later, then lower layer) outside inner ones. A span that crosses
    another is closed and reopened, so the output is always well-formed.
    """
    spans = sorted(
        (m for m in marks if 0 <= m.start < m.end <= len(text)),
        key=lambda m: (m.start, -m.end, m.layer),
    )
    cuts = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans)})
    out: list[str] = []
    stack: list[_Mark] = []
    pending = 0  # index into spans of the next span not yet started
    active: list[_Mark] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = [m for m in active if m.end > left]
        while pending < len(spans) and spans[pending].start <= left:
            if spans[pending].end > left:
                active.append(spans[pending])
            pending += 1
        live = set(active)
        keep = 0
        while keep < len(stack) and stack[keep] in live:
            keep += 1
        while len(stack) > keep:
            out.append(stack.pop().close())
        opened = set(stack)
        for mark in sorted((m for m in active if m not in opened), key=lambda m: (-m.end, m.layer, m.start)):
            out.append(mark.open(first=mark.start == left))
            stack.append(mark)
        out.append(_e(text[left:right]))
    while stack:
        out.append(stack.pop().close())
    return "".join(out)


def _article_marks(analysis: Analysis) -> list[_Mark]:
    marks: list[_Mark] = []
    for entity in analysis.entities:
        title = _entity_title(entity)
        for n, (start, end) in enumerate(entity.mentions):
            marks.append(
                _Mark(
                    start,
                    end,
                    _ENTITY,
                    f"{entity.id}-m{n}",
                    "span",
                    f"ent ent-{entity.type}",
                    (("data-entity", entity.id), ("data-type", entity.type), ("title", title)),
                )
            )
    for n, quote in enumerate(analysis.quotes):
        speaker = quote.speaker_name or "unattributed"
        title = f"{quote.kind} quote: {speaker}" + (f" (via {quote.outlet})" if quote.outlet else "")
        attrs = [("data-speaker", speaker), ("data-kind", quote.kind), ("title", title)]
        if quote.speaker:
            attrs.append(("data-speaker-entity", quote.speaker))
        if quote.outlet:
            attrs.append(("data-outlet", quote.outlet))
        marks.append(_Mark(quote.start, quote.end, _QUOTE, f"q{n}", "span", f"quote quote-{quote.kind}", tuple(attrs)))
    for n, claim in enumerate(analysis.claims):
        cues = ", ".join(claim.cues)
        title = claim.label + (f": {cues}" if cues else "")
        marks.append(
            _Mark(
                claim.start,
                claim.end,
                _CLAIM,
                f"c{n}",
                "span",
                f"claim claim-{claim.label}",
                (("data-label", claim.label), ("data-cues", cues), ("title", title)),
            )
        )
    for n, span in enumerate(analysis.stance.evidence):
        marks.append(
            _Mark(
                span.start,
                span.end,
                _EVIDENCE,
                f"v{n}",
                "span",
                "evidence",
                (("data-rank", str(n + 1)), ("title", f"stance evidence {n + 1}")),
                anchor=f"evidence-{n + 1}",
            )
        )
    return marks


def _entity_title(entity: Entity) -> str:
    details = ", ".join([ENTITY_NAMES.get(entity.type, entity.type.lower()), *entity.roles])
    return f"{entity.name} ({details})"


# --------------------------------------------------------------------------- article page


def render_article(analysis: Analysis) -> str:
    """One analysed article as a self-contained HTML page."""
    stance = analysis.stance
    body = _nest(analysis.text, _article_marks(analysis))
    heading = analysis.title or analysis.id
    return _page(
        f"{heading} · articlenlp",
        "article-page",
        f"""<header class="top">
<p class="kicker">articlenlp · <span class="doc-id">{_e(analysis.id)}</span></p>
<h1>{_e(heading)}</h1>
{_legend()}
</header>
<main class="layout">
<article class="article-text" lang="en">{body}</article>
<aside class="panel">
{_stance_panel(stance, analysis.text)}
{_people_panel(analysis)}
{_cast_panel(analysis)}
{_other_entities_panel(analysis)}
{_quotes_panel(analysis)}
{_claims_panel(analysis)}
{_warnings_panel(analysis.warnings)}
</aside>
</main>""",
        script=_HIGHLIGHT_SCRIPT,
    )


def _legend() -> str:
    chips = "".join(f'<span class="ent ent-{t}">{_e(ENTITY_NAMES[t])}</span> ' for t in ENTITY_TYPES)
    return (
        '<p class="legend">'
        + chips
        + '<span class="quote">“quote”</span> <span class="claim claim-fact">fact</span> '
        + '<span class="claim claim-speculation">speculation</span> <span class="evidence">stance evidence</span></p>'
    )


def _stance_panel(stance: Any, text: str) -> str:
    label = str(stance.label)
    colour = STANCE_COLOURS.get(label, _FALLBACK_COLOUR)
    what = " ".join(x for x in (stance.work or "", f"season {stance.season}" if stance.season is not None else "") if x)
    scores = "".join(
        f'<li><span class="score-label">{_e(name)}</span>{_bar(score, STANCE_COLOURS.get(name, _FALLBACK_COLOUR), "small")}'
        f'<span class="score-value">{score:.0%}</span></li>'
        for name, score in sorted(stance.scores.items(), key=lambda item: -item[1])
    )
    evidence = "".join(
        f'<li><a href="#evidence-{n}" class="evidence-link">{_e(span.text)}</a></li>' for n, span in enumerate(stance.evidence, 1)
    )
    return f"""<section class="card stance" data-stance="{_e(label)}">
<h2>Stance</h2>
<p class="stance-label" style="color:{colour}">{_e(label)}</p>
{f'<p class="stance-work">{_e(what)}</p>' if what else ""}
<div class="confidence" title="confidence {stance.confidence:.0%}">{_bar(stance.confidence, colour, "big")}<span class="confidence-value">{stance.confidence:.0%} confidence</span></div>
<ul class="scores">{scores}</ul>
<h3>Evidence</h3>
{f'<ol class="evidence-list">{evidence}</ol>' if evidence else '<p class="none">none</p>'}
</section>"""


def _bar(value: float, colour: str, size: str) -> str:
    width = max(0.0, min(1.0, float(value))) * 100
    return (
        f'<span class="bar bar-{size}" role="meter" aria-valuemin="0" aria-valuemax="1" aria-valuenow="{float(value):.4f}">'
        f'<span class="fill" style="width:{width:.1f}%;background:{colour}"></span></span>'
    )


def _by_mentions(entities: Iterable[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (-len(e.mentions), e.name.lower()))


def _entity_ref(entity: Entity) -> str:
    return f'<span class="ent ent-{entity.type} ref" data-entity-ref="{_e(entity.id)}">{_e(entity.name)}</span>'


def _people_panel(analysis: Analysis) -> str:
    people = _by_mentions(e for e in analysis.entities if e.type == "PERSON")
    rows = []
    for person in people:
        roles = "".join(f'<span class="role">{_e(role)}</span>' for role in person.roles) or '<span class="role none">no role</span>'
        aliases = f'<span class="aliases">also {_e(", ".join(person.aliases))}</span>' if person.aliases else ""
        rows.append(
            f'<li class="person" data-entity="{_e(person.id)}">{_entity_ref(person)} {roles}'
            f'<span class="count" title="mentions">×{len(person.mentions)}</span>{aliases}</li>'
        )
    body = f'<ul class="people">{"".join(rows)}</ul>' if rows else '<p class="none">none</p>'
    return f'<section class="card"><h2>People</h2>{body}</section>'


def _cast_panel(analysis: Analysis) -> str:
    pairs = []
    for actor in analysis.entities:
        for character_id in actor.plays:
            character = analysis.entity(character_id)
            if character is not None:
                pairs.append(
                    f'<li class="cast-pair" data-actor="{_e(actor.id)}" data-character="{_e(character.id)}">'
                    f'{_entity_ref(actor)} <span class="arrow">→</span> {_entity_ref(character)}</li>'
                )
    characters = [e for e in analysis.entities if e.type == "CHARACTER"]
    played = {c for e in analysis.entities for c in e.plays}
    unplayed = [c for c in characters if c.id not in played]
    extra = f'<p class="unplayed">other characters: {", ".join(_entity_ref(c) for c in unplayed)}</p>' if unplayed else ""
    if not pairs and not extra:
        return ""
    body = f'<ul class="cast">{"".join(pairs)}</ul>' if pairs else ""
    return f'<section class="card"><h2>Actor → character</h2>{body}{extra}</section>'


def _other_entities_panel(analysis: Analysis) -> str:
    parts = []
    for type_, heading in (("WORK", "Works"), ("ORG", "Organisations")):
        items = [
            f"<li>{_entity_ref(e)} {''.join(f'<span class=role>{_e(r)}</span>' for r in e.roles)}"
            f'<span class="count" title="mentions">×{len(e.mentions)}</span></li>'
            for e in _by_mentions(x for x in analysis.entities if x.type == type_)
        ]
        if items:
            parts.append(f'<h3>{heading}</h3><ul class="entities entities-{type_}">{"".join(items)}</ul>')
    return f'<section class="card"><h2>Works and organisations</h2>{"".join(parts)}</section>' if parts else ""


def _quotes_panel(analysis: Analysis) -> str:
    if not analysis.quotes:
        return ""
    speakers: Counter[str] = Counter(q.speaker_name or "unattributed" for q in analysis.quotes)
    outlets = {q.speaker_name or "unattributed": q.outlet for q in analysis.quotes if q.outlet}
    items = "".join(
        f'<li><span class="speaker">{_e(name)}</span>'
        + (f' <span class="outlet">via {_e(outlets[name])}</span>' if name in outlets else "")
        + f'<span class="count">×{count}</span></li>'
        for name, count in speakers.most_common()
    )
    return f'<section class="card"><h2>Quotes ({len(analysis.quotes)})</h2><ul class="speakers">{items}</ul></section>'


def _claims_panel(analysis: Analysis) -> str:
    if not analysis.claims:
        return ""
    labels = Counter(c.label for c in analysis.claims)
    cues = Counter(cue.lower() for c in analysis.claims for cue in c.cues)
    cue_list = ", ".join(f"{_e(cue)} ×{n}" if n > 1 else _e(cue) for cue, n in cues.most_common())
    counts = " · ".join(f'<span class="claim claim-{_e(label)}">{_e(label)}</span> {n}' for label, n in sorted(labels.items()))
    return (
        f'<section class="card"><h2>Claims ({len(analysis.claims)})</h2><p>{counts}</p>'
        + (f'<p class="cues">cues: {cue_list}</p>' if cue_list else "")
        + "</section>"
    )


def _warnings_panel(warnings: list[str]) -> str:
    if not warnings:
        return ""
    items = "".join(f"<li>{_e(w)}</li>" for w in warnings)
    return f'<section class="card warnings"><h2>Warnings</h2><ul>{items}</ul></section>'


# --------------------------------------------------------------------------- report page


def read_records(path: str | Path) -> list[dict[str, Any]]:
    """The records of a JSONL results file; ValueError naming the line for anything else."""
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not a JSON line ({error.msg})") from error
            if not isinstance(record, dict) or "id" not in record:
                raise ValueError(f"{path}:{number}: not an articlenlp record (expected a JSON object with an id)")
            records.append(record)
    return records


def render_link(record_id: str, link_dir: str | Path) -> str | None:
    """The href of the per-article page for ``record_id`` when one exists in ``link_dir``.

    For an id ``path/name.ext`` that is ``path/name.html`` under ``link_dir`` or, failing
    that, ``name.html`` (what ``articlenlp render path/name.ext`` writes by default).
    """
    folder = Path(link_dir)
    candidates = []
    posix = PurePosixPath(record_id.replace("\\", "/"))
    if posix.name and not posix.is_absolute() and ".." not in posix.parts:
        candidates.append(posix.with_suffix(".html"))
    if posix.name:
        candidates.append(PurePosixPath(PurePosixPath(posix.name).stem + ".html"))
    for candidate in candidates:
        if (folder / Path(*candidate.parts)).is_file():
            return url_quote(str(candidate))
    return None


def render_report(records: list[dict[str, Any]], link_dir: str | Path | None = None) -> str:
    """A report over result records (the lines of ``articlenlp analyze`` output).

    With ``link_dir`` (the report's folder), article ids link to per-article pages found
    there by :func:`render_link`.
    """
    articles = [r for r in records if "error" not in r]
    errors = [r for r in records if "error" in r]
    labels = Counter(str((r.get("stance") or {}).get("label", "unknown")) for r in articles)
    n_quotes = sum(len(r.get("quotes") or []) for r in articles)
    n_speculation = sum(_speculation_count(r) for r in articles)
    n_claims = sum(len(r.get("claims") or []) for r in articles)
    summary = (
        f'<p class="summary"><b>{len(articles)}</b> articles · <b>{len(errors)}</b> errors · '
        f"<b>{n_quotes}</b> quotes · <b>{n_speculation}</b> of <b>{n_claims}</b> claims speculation</p>"
    )
    return _page(
        "articlenlp report",
        "report-page",
        f"""<header class="top">
<p class="kicker">articlenlp</p>
<h1>Report</h1>
{summary}
</header>
<main class="report">
<section class="card chart-card"><h2>Stance</h2>{_stance_chart(labels)}</section>
<section class="card side-lists">{_top_speakers(articles)}{_top_works(articles)}</section>
<section class="card wide"><h2>Articles</h2>{_articles_table(articles, link_dir)}</section>
<section class="card wide errors"><h2>Errors ({len(errors)})</h2>{_error_list(errors)}</section>
</main>""",
        script=_SORT_SCRIPT,
    )


def _speculation_count(record: dict[str, Any]) -> int:
    return sum(1 for c in record.get("claims") or [] if c.get("label") == "speculation")


def _stance_chart(labels: Counter[str]) -> str:
    rows = list(STANCE_LABELS) + sorted(label for label in labels if label not in STANCE_LABELS)
    top = max(labels.values(), default=0) or 1
    label_w, bar_w, row_h, pad = 96, 330, 34, 10
    width, height = label_w + bar_w + 60, pad * 2 + row_h * len(rows)
    total = sum(labels.values())
    parts = [
        f'<svg class="stance-chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">Stance of {total} articles</title>',
    ]
    for i, label in enumerate(rows):
        count = labels.get(label, 0)
        y = pad + i * row_h
        w = bar_w * count / top
        colour = STANCE_COLOURS.get(label, _FALLBACK_COLOUR)
        parts.append(
            f'<g class="row" data-label="{_e(label)}" data-count="{count}">'
            f'<text x="{label_w - 10}" y="{y + row_h / 2 + 5:.0f}" text-anchor="end" class="axis">{_e(label)}</text>'
            f'<rect x="{label_w}" y="{y + 5}" width="{bar_w}" height="{row_h - 10}" rx="4" class="track"/>'
            f'<rect x="{label_w}" y="{y + 5}" width="{w:.1f}" height="{row_h - 10}" rx="4" fill="{colour}" '
            f'class="bar bar-{_e(label)}"><title>{_e(label)}: {count}</title></rect>'
            f'<text x="{label_w + w + 8:.1f}" y="{y + row_h / 2 + 5:.0f}" class="value">{count}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _articles_table(articles: list[dict[str, Any]], link_dir: str | Path | None) -> str:
    if not articles:
        return '<p class="none">no analysed articles</p>'
    head = "".join(
        f'<th scope="col" data-key="{key}" data-type="{kind}"><button type="button">{label}</button></th>'
        for key, label, kind in (
            ("id", "id", "text"),
            ("title", "title", "text"),
            ("stance", "stance", "text"),
            ("confidence", "confidence", "number"),
            ("quotes", "quotes", "number"),
            ("speculation", "speculation claims", "number"),
        )
    )
    rows = []
    for record in articles:
        record_id = str(record.get("id", ""))
        stance = record.get("stance") or {}
        label = str(stance.get("label", "unknown"))
        confidence = stance.get("confidence")
        confidence_cell = (
            f'<td class="num" data-sort="{float(confidence):.4f}">{_bar(float(confidence), STANCE_COLOURS.get(label, _FALLBACK_COLOUR), "small")}'
            f"{float(confidence):.0%}</td>"
            if isinstance(confidence, (int, float))
            else '<td class="num" data-sort="-1">–</td>'
        )
        href = render_link(record_id, link_dir) if link_dir is not None else None
        id_cell = f'<a href="{_e(href)}">{_e(record_id)}</a>' if href else _e(record_id)
        work = stance.get("work")
        season = stance.get("season")
        detail = " ".join(str(x) for x in (work, f"S{season}" if season is not None else None) if x)
        n_quotes = len(record.get("quotes") or [])
        n_spec = _speculation_count(record)
        rows.append(
            f'<tr data-id="{_e(record_id)}" data-stance="{_e(label)}">'
            f'<td class="id">{id_cell}</td>'
            f'<td class="title">{_e(record.get("title") or "")}</td>'
            f'<td data-sort="{_e(label)}"><span class="chip" style="background:{STANCE_COLOURS.get(label, _FALLBACK_COLOUR)}">{_e(label)}</span>'
            + (f' <span class="work">{_e(detail)}</span>' if detail else "")
            + "</td>"
            + confidence_cell
            + f'<td class="num" data-sort="{n_quotes}">{n_quotes}</td>'
            f'<td class="num" data-sort="{n_spec}">{n_spec}</td></tr>'
        )
    return f'<table class="articles sortable"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _name_key(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").split())


def _top_speakers(articles: list[dict[str, Any]], limit: int = 10) -> str:
    counts: Counter[str] = Counter()
    in_articles: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for record in articles:
        entities = {e.get("id"): e for e in record.get("entities") or []}
        for quote in record.get("quotes") or []:
            name = quote.get("speaker_name") or (entities.get(quote.get("speaker")) or {}).get("name")
            if not name:
                continue
            key = _name_key(name)
            names.setdefault(key, name)
            counts[key] += 1
            in_articles[key].add(str(record.get("id")))
    return "<h2>Most-quoted people</h2>" + _ranked(
        "speakers", [(names[k], n, len(in_articles[k])) for k, n in counts.most_common(limit)], "quotes"
    )


def _top_works(articles: list[dict[str, Any]], limit: int = 10) -> str:
    counts: Counter[str] = Counter()
    in_articles: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for record in articles:
        for entity in record.get("entities") or []:
            if entity.get("type") != "WORK" or not entity.get("name"):
                continue
            key = _name_key(entity["name"])
            names.setdefault(key, entity["name"])
            counts[key] += len(entity.get("mentions") or [])
            in_articles[key].add(str(record.get("id")))
    return "<h2>Most-mentioned works</h2>" + _ranked(
        "works", [(names[k], n, len(in_articles[k])) for k, n in counts.most_common(limit)], "mentions"
    )


def _ranked(kind: str, rows: list[tuple[str, int, int]], unit: str) -> str:
    if not rows:
        return '<p class="none">none</p>'
    top = max(n for _, n, _ in rows) or 1
    items = "".join(
        f'<li data-count="{n}"><span class="name">{_e(name)}</span>{_bar(n / top, "#4263eb", "small")}'
        f'<span class="count">{n} {unit if n != 1 else unit[:-1]}</span><span class="articles-count">{a} article{"s" if a != 1 else ""}</span></li>'
        for name, n, a in rows
    )
    return f'<ol class="ranked {kind}">{items}</ol>'


def _error_list(errors: list[dict[str, Any]]) -> str:
    if not errors:
        return '<p class="none">none</p>'
    items = "".join(
        f'<li class="error-record" data-id="{_e(r.get("id", ""))}"><code>{_e(r.get("id", ""))}</code> {_e(r.get("error", ""))}</li>'
        for r in errors
    )
    return f'<ul class="error-list">{items}</ul>'


# --------------------------------------------------------------------------- page shell

_CSS = """
:root{--ink:#1f2328;--muted:#656d76;--line:#d8dee4;--bg:#f6f8fa;--card:#fff}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif}
.top{padding:20px 32px 12px;background:var(--card);border-bottom:1px solid var(--line)}
.top h1{margin:2px 0 8px;font-size:24px;line-height:1.25}
.kicker{margin:0;color:var(--muted);font-size:13px}
.legend{margin:6px 0 0;font-size:13px;display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center}
.summary{margin:0;color:var(--muted)}
h2{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:0 0 10px}
h3{font-size:13px;color:var(--muted);margin:14px 0 6px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px}
.none{color:var(--muted);margin:0}
ul,ol{margin:0;padding-left:0;list-style:none}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 380px;gap:24px;padding:24px 32px;align-items:start}
.article-text{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:24px 32px;white-space:pre-wrap;
  overflow-wrap:anywhere;font:17px/1.75 Georgia,"DejaVu Serif",serif;min-width:0}
.panel{display:flex;flex-direction:column;gap:14px;position:sticky;top:12px;max-height:calc(100vh - 24px);overflow:auto}
.ent{border-radius:4px;padding:1px 3px;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.ent.lit{outline:2px solid #1f2328}
.quote{background:#fff6cc;font-style:italic;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.quote.first::before{content:attr(data-speaker);font:600 11px/1 system-ui,"DejaVu Sans",sans-serif;font-style:normal;
  white-space:nowrap;background:#5c4800;color:#fff;border-radius:3px;padding:2px 5px;margin-right:4px;vertical-align:2px}
.claim-speculation{text-decoration:underline wavy #e8590c;text-decoration-thickness:1.5px;text-underline-offset:4px}
.claim-fact{text-decoration:underline solid rgba(47,158,68,.5);text-decoration-thickness:1px;text-underline-offset:4px}
.evidence{background:rgba(66,99,235,.08);box-decoration-break:clone;-webkit-box-decoration-break:clone}
.evidence:target{background:rgba(66,99,235,.25)}
.article-text .evidence.first::before{content:attr(data-rank);display:inline-block;width:16px;height:16px;border-radius:50%;
  background:#4263eb;color:#fff;font:600 10px/16px system-ui,"DejaVu Sans",sans-serif;text-align:center;margin-right:4px;
  vertical-align:2px;font-style:normal}
.legend .ent,.legend .quote,.legend .claim,.legend .evidence{font-style:normal;padding:1px 6px}
.stance-label{font-size:28px;font-weight:700;margin:0;text-transform:capitalize}
.stance-work{margin:0 0 8px;color:var(--muted)}
.bar{display:inline-block;background:#e9ecef;border-radius:99px;overflow:hidden;vertical-align:middle}
.bar .fill{display:block;height:100%}
.bar-big{width:100%;height:12px}
.bar-small{width:90px;height:8px;margin:0 8px}
.confidence{display:flex;flex-direction:column;gap:4px;margin:6px 0 10px}
.confidence-value{font-size:13px;color:var(--muted)}
.scores li{display:flex;align-items:center;font-size:13px}
.score-label{width:80px}.score-value{color:var(--muted)}
.evidence-list{counter-reset:ev}
.evidence-list li{counter-increment:ev;font-size:13px;line-height:1.4;margin:0 0 6px;padding-left:22px;position:relative}
.evidence-list li::before{content:counter(ev);position:absolute;left:0;top:1px;width:16px;height:16px;border-radius:50%;
  background:#4263eb;color:#fff;font-size:10px;text-align:center;line-height:16px}
.evidence-list a{color:inherit;text-decoration:none}.evidence-list a:hover{text-decoration:underline}
.people li,.cast li,.entities li,.speakers li{margin:0 0 6px;font-size:14px}
.role{display:inline-block;font-size:11px;border:1px solid var(--line);border-radius:99px;padding:0 6px;margin-right:3px;color:#444}
.role.none{color:var(--muted);border-style:dashed}
.count{color:var(--muted);font-size:12px;margin-left:4px}
.aliases{display:block;color:var(--muted);font-size:12px;padding-left:4px}
.arrow{color:var(--muted)}
.outlet{color:var(--muted);font-size:12px}
.cues{font-size:13px;color:var(--muted);margin:6px 0 0}
.card p{margin:0}
.ref{cursor:default}
.report{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:20px;padding:24px 32px;align-items:start}
.report .wide{grid-column:1 / -1}
.stance-chart{max-width:100%;height:auto;font:13px system-ui,"DejaVu Sans",sans-serif}
.stance-chart .track{fill:#f1f3f5}.stance-chart .axis{fill:#1f2328}.stance-chart .value{fill:#656d76}
.ranked{counter-reset:r;margin-bottom:12px}
.ranked li{display:grid;grid-template-columns:1fr 100px 90px 76px;align-items:center;font-size:14px;margin:0 0 4px}
.ranked .bar-small{margin:0}.ranked .count{margin:0}.ranked .articles-count{color:var(--muted);font-size:12px}
.side-lists h2:not(:first-child){margin-top:6px}
table.articles{width:100%;border-collapse:collapse;font-size:14px}
table.articles th{text-align:left;border-bottom:2px solid var(--line);padding:0}
table.articles th button{all:unset;cursor:pointer;display:block;padding:8px;font-weight:600;width:100%;box-sizing:border-box}
table.articles th button:focus-visible{outline:2px solid #4263eb}
table.articles th[aria-sort=ascending] button::after{content:" ▲";font-size:10px}
table.articles th[aria-sort=descending] button::after{content:" ▼";font-size:10px}
table.articles td{padding:8px;border-bottom:1px solid var(--line);vertical-align:middle}
table.articles td.num{white-space:nowrap;text-align:right}
table.articles th[data-type=number] button{text-align:right}
table.articles td.title{max-width:420px}
table.articles td.id{white-space:nowrap}
table.articles tbody tr:hover{background:#f6f8fa}
.chip{display:inline-block;color:#fff;border-radius:99px;padding:1px 9px;font-size:12px;font-weight:600}
.work{color:var(--muted);font-size:12px}
table.articles .work{display:block;margin-top:2px;white-space:nowrap}
.error-list li{margin:0 0 6px}
.error-list code{background:#fff0f0;color:#c92a2a;padding:1px 5px;border-radius:4px;margin-right:6px}
@media (max-width:900px){.layout,.report{grid-template-columns:1fr}.panel{position:static;max-height:none}}
"""

_ENTITY_CSS = "".join(f".ent-{type_}{{background:{colour}}}" for type_, colour in ENTITY_COLOURS.items()) + "\n"

_HIGHLIGHT_SCRIPT = """
document.querySelectorAll('[data-entity-ref]').forEach(function (ref) {
  function lit(on) {
    document.querySelectorAll('.article-text [data-entity="' + ref.dataset.entityRef + '"]').forEach(function (m) {
      m.classList.toggle('lit', on);
    });
  }
  ref.addEventListener('mouseenter', function () { lit(true); });
  ref.addEventListener('mouseleave', function () { lit(false); });
});
"""

_SORT_SCRIPT = """
document.querySelectorAll('table.sortable').forEach(function (table) {
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, column) {
    th.querySelector('button').addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir);
      var numeric = th.dataset.type === 'number';
      var key = function (row) {
        var cell = row.cells[column];
        var value = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
        return numeric ? parseFloat(value) : value.toLowerCase();
      };
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        return (x < y ? -1 : x > y ? 1 : 0) * (dir === 'ascending' ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""


def _page(title: str, page_class: str, body: str, script: str = "") -> str:
    script_tag = f"<script>{script}</script>\n" if script else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="articlenlp">
<title>{_e(title)}</title>
<style>{_CSS}{_ENTITY_CSS}</style>
</head>
<body class="{page_class}">
{body}
{script_tag}</body>
</html>
"""
