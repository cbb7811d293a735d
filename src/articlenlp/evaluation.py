"""Scoring the analyzer against gold annotations.

Matching rules (also in the README):
- names match case- and hyphen-insensitively against a gold entity's name + aliases,
  and the types must agree;
- a quote matches on >= 50% character overlap (of the longer of the two);
- a claim matches a predicted claim whose span covers >= 50% of it;
- a gold item with no prediction counts as missed.
Each metric comes with a baseline on the same files: plain spaCy NER for entities and a
hedge-word list for claims.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from .corpus import SPLIT_FILE, GoldArticle, read_corpus, read_split
from .entities.aliases import name_key
from .metrics import classification_report, format_report, prf
from .pipeline import Analyzer, analysis_from_doc
from .types import ENTITY_TYPES, STANCE_LABELS, Analysis, Entity

BASELINE_HEDGES = {
    "could",
    "may",
    "might",
    "would",
    "reportedly",
    "rumored",
    "rumoured",
    "likely",
    "possibly",
    "perhaps",
    "if",
    "expected",
    "allegedly",
    "probably",
}
_NER_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "WORK_OF_ART": "WORK"}


def evaluate(
    gold_dir: str | Path,
    model_path: str | Path | None = None,
    split: str | Path | None = None,
    use_split: bool = True,
    spacy_model: str | None = None,
    analyzer: Analyzer | None = None,
) -> dict[str, Any]:
    """Metrics of the full analyzer on the gold files (the split's test ids by default)."""
    articles = _select(Path(gold_dir), split, use_split)
    analyzer = analyzer or Analyzer(spacy_model=spacy_model, model_path=model_path)
    docs = analyzer.nlp.pipe(((a.text, a) for a in articles), as_tuples=True)
    pairs = [(gold, analysis_from_doc(doc, gold.id), doc) for doc, gold in docs]
    full = [(g, a, d) for g, a, d in pairs if g.fully_annotated]
    return {
        "files": len(pairs),
        "fully_annotated": len(full),
        "stance": _stance_metrics(pairs),
        "entities": _entity_metrics(full),
        "quotes": _quote_metrics(full),
        "claims": _claim_metrics(full),
    }


def _select(folder: Path, split: str | Path | None, use_split: bool) -> list[GoldArticle]:
    articles = read_corpus(folder)
    split_path = Path(split) if split else folder / SPLIT_FILE
    if use_split and split_path.is_file():
        test = set(read_split(split_path, articles)["test"])
        return [a for a in articles if a.id in test]
    return articles


# --- stance -------------------------------------------------------------------------------


def _stance_metrics(pairs: list[tuple[GoldArticle, Analysis, Doc]]) -> dict[str, Any]:
    gold = [g.stance for g, _, _ in pairs]
    predicted = [a.stance.label for _, a, _ in pairs]
    report = classification_report(gold, predicted, STANCE_LABELS)
    with_work = [(g, a) for g, a, _ in pairs if g.work]
    with_season = [(g, a) for g, a, _ in pairs if g.season is not None]
    report["work_accuracy"] = _ratio(sum(_work_matches(g, a) for g, a in with_work), len(with_work))
    report["season_accuracy"] = _ratio(sum(a.stance.season == g.season for g, a in with_season), len(with_season))
    return report


def _work_matches(gold: GoldArticle, analysis: Analysis) -> bool:
    if not analysis.stance.work or not gold.work:
        return False
    names = {norm(gold.work)}
    entity = next((e for e in analysis.entities if e.name == analysis.stance.work), None)
    predicted = {norm(analysis.stance.work)} | ({norm(a) for a in entity.aliases} if entity else set())
    return bool(names & predicted)


# --- entities ------------------------------------------------------------------------------


def norm(name: str) -> str:
    return " ".join(name_key(name))


def _gold_names(entity: dict[str, Any]) -> set[str]:
    return {norm(entity["name"])} | {norm(a) for a in entity.get("aliases") or []}


def _predicted_names(entity: Entity) -> set[str]:
    return {norm(entity.name)} | {norm(a) for a in entity.aliases}


def _match_entities(gold: list[dict[str, Any]], predicted: list[Entity]) -> dict[int, int]:
    """gold index -> predicted index, one to one, same type, sharing a name."""
    matches: dict[int, int] = {}
    used: set[int] = set()
    for gi, g in enumerate(gold):
        names = _gold_names(g)
        candidates = [pi for pi, p in enumerate(predicted) if pi not in used and p.type == g["type"] and names & _predicted_names(p)]
        if candidates:
            best = max(candidates, key=lambda pi: (norm(predicted[pi].name) in names, len(_predicted_names(predicted[pi]) & names)))
            matches[gi] = best
            used.add(best)
    return matches


def _entity_metrics(full: list[tuple[GoldArticle, Analysis, Doc]]) -> dict[str, Any]:
    counts: dict[str, Counter[str]] = {t: Counter() for t in ENTITY_TYPES}
    baseline: dict[str, Counter[str]] = {t: Counter() for t in ENTITY_TYPES}
    roles: Counter[str] = Counter()
    links: Counter[str] = Counter()
    multi = merged = 0
    for gold_article, analysis, doc in full:
        gold = gold_article.entities or []
        matches = _match_entities(gold, analysis.entities)
        _count_by_type(counts, gold, analysis.entities, matches)
        spacy_entities = _baseline_entities(doc)
        _count_by_type(baseline, gold, spacy_entities, _match_entities(gold, spacy_entities))
        _count_roles(roles, gold, analysis.entities, matches)
        _count_links(links, gold, analysis, matches)
        for gi, g in enumerate(gold):
            if g.get("aliases"):
                multi += 1
                merged += gi in matches and _gold_names(g) <= _predicted_names(analysis.entities[matches[gi]])
    return {
        "per_type": {t: prf(c["tp"], c["predicted"], c["gold"]) for t, c in counts.items()},
        "overall": _overall(counts),
        "baseline_spacy_ner": {
            "per_type": {t: prf(c["tp"], c["predicted"], c["gold"]) for t, c in baseline.items()},
            "overall": _overall(baseline),
        },
        "roles": prf(roles["tp"], roles["predicted"], roles["gold"]),
        "links": prf(links["tp"], links["predicted"], links["gold"]),
        "alias_merge_rate": _ratio(merged, multi),
        "multi_alias_entities": multi,
    }


def _count_by_type(counts: dict[str, Counter[str]], gold: list[dict[str, Any]], predicted: list[Entity], matches: dict[int, int]) -> None:
    for g in gold:
        counts[g["type"]]["gold"] += 1
    for p in predicted:
        counts[p.type]["predicted"] += 1
    for gi in matches:
        counts[gold[gi]["type"]]["tp"] += 1


def _overall(counts: dict[str, Counter[str]]) -> dict[str, float]:
    total = sum(counts.values(), Counter())
    return prf(total["tp"], total["predicted"], total["gold"])


def _count_roles(roles: Counter[str], gold: list[dict[str, Any]], predicted: list[Entity], matches: dict[int, int]) -> None:
    """Roles of matched entities (CHARACTERs have none)."""
    for gi, pi in matches.items():
        gold_roles = set(gold[gi].get("roles") or [])
        predicted_roles = set(predicted[pi].roles)
        roles["gold"] += len(gold_roles)
        roles["predicted"] += len(predicted_roles)
        roles["tp"] += len(gold_roles & predicted_roles)


def _count_links(links: Counter[str], gold: list[dict[str, Any]], analysis: Analysis, matches: dict[int, int]) -> None:
    by_name: dict[str, int] = {}
    for gi, g in enumerate(gold):
        for name in _gold_names(g):
            by_name.setdefault(name, gi)
    gold_pairs = {(gi, by_name.get(norm(c), -1)) for gi, g in enumerate(gold) for c in g.get("plays") or []}
    inverse = {pi: gi for gi, pi in matches.items()}
    index = {e.id: i for i, e in enumerate(analysis.entities)}
    predicted_pairs = {
        (inverse.get(index[e.id], -1 - index[e.id]), inverse.get(index[c], -1000 - index[c])) for e in analysis.entities for c in e.plays
    }
    links["gold"] += len(gold_pairs)
    links["predicted"] += len(predicted_pairs)
    links["tp"] += len(gold_pairs & predicted_pairs)


def _baseline_entities(doc: Doc) -> list[Entity]:
    """Plain spaCy NER as an entity list: one entity per distinct text, no merging."""
    found: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        type_ = _NER_TYPES.get(ent.label_)
        if type_:
            key = (ent.text, type_)
            found.setdefault(key, Entity(id=f"b{len(found) + 1}", name=ent.text, type=type_))
    return list(found.values())


# --- quotes --------------------------------------------------------------------------------


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)] if needle else []


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _quote_metrics(full: list[tuple[GoldArticle, Analysis, Doc]]) -> dict[str, Any]:
    totals: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = {}
    for gold_article, analysis, _ in full:
        used: set[int] = set()
        for quote in gold_article.quotes or []:
            kind = by_kind.setdefault(quote.get("kind", "direct"), Counter())
            totals["gold"] += 1
            kind["gold"] += 1
            match = _match_quote(gold_article.text, quote["text"], analysis, used)
            if match is None:
                continue
            used.add(match)
            predicted = analysis.quotes[match]
            totals["tp"] += 1
            kind["tp"] += 1
            speaker_ok = _speaker_matches(quote, predicted.speaker, predicted.speaker_name, analysis, gold_article.entities or [])
            outlet_ok = norm(quote.get("outlet") or "") == norm(predicted.outlet or "")
            totals["speaker_ok"] += speaker_ok
            totals["outlet_ok"] += outlet_ok
            kind["speaker_ok"] += speaker_ok
        totals["predicted"] += len(analysis.quotes)
    detection = prf(totals["tp"], totals["predicted"], totals["gold"])
    return {
        "detection": detection,
        "attribution_accuracy": _ratio(totals["speaker_ok"], totals["tp"]),
        "outlet_accuracy": _ratio(totals["outlet_ok"], totals["tp"]),
        "end_to_end": prf(totals["speaker_ok"], totals["predicted"], totals["gold"]),
        "per_kind": {
            k: {"gold": c["gold"], "recall": _ratio(c["tp"], c["gold"]), "attribution_accuracy": _ratio(c["speaker_ok"], c["tp"])}
            for k, c in sorted(by_kind.items())
        },
    }


def _match_quote(text: str, gold_text: str, analysis: Analysis, used: set[int]) -> int | None:
    best, best_overlap = None, 0.0
    for span in _occurrences(text, gold_text):
        for index, quote in enumerate(analysis.quotes):
            if index in used:
                continue
            overlap = _overlap(span, (quote.start, quote.end))
            if overlap >= 0.5 * max(span[1] - span[0], quote.end - quote.start) and overlap > best_overlap:
                best, best_overlap = index, overlap
    return best


def _speaker_matches(
    quote: dict[str, Any], speaker: str | None, speaker_name: str | None, analysis: Analysis, gold_entities: list[dict[str, Any]]
) -> bool:
    gold_names = {norm(s) for s in quote.get("speakers") or []}
    for gold_entity in gold_entities:
        names = _gold_names(gold_entity)
        if names & gold_names:
            gold_names |= names
    predicted = {norm(speaker_name)} if speaker_name else set()
    entity = analysis.entity(speaker)
    if entity is not None:
        predicted |= _predicted_names(entity)
    return bool(predicted & gold_names)


# --- claims --------------------------------------------------------------------------------


def _claim_metrics(full: list[tuple[GoldArticle, Analysis, Doc]]) -> dict[str, Any]:
    gold_labels: list[str] = []
    predicted_labels: list[str] = []
    baseline_labels: list[str] = []
    cue_violations = 0
    for gold_article, analysis, _ in full:
        for predicted_claim in analysis.claims:
            cue_violations += (predicted_claim.label == "speculation") != bool(predicted_claim.cues)
        for claim in gold_article.claims or []:
            spans = _occurrences(gold_article.text, claim["text"])
            if not spans:
                continue
            span = spans[0]
            match = next((c for c in analysis.claims if _overlap(span, (c.start, c.end)) >= 0.5 * (span[1] - span[0])), None)
            gold_labels.append(claim["label"])
            predicted_labels.append(match.label if match else "missed")
            baseline_labels.append(_hedge_baseline(claim["text"]))
    labels = ("fact", "speculation")
    report = classification_report(gold_labels, predicted_labels, labels)
    baseline = classification_report(gold_labels, baseline_labels, labels)
    return {
        "gold_claims": len(gold_labels),
        "missed": predicted_labels.count("missed"),
        "accuracy": report["accuracy"],
        "macro_f1": report["macro_f1"],
        "per_label": report["per_label"],
        "cue_consistency_violations": cue_violations,
        "baseline_hedge_words": {"accuracy": baseline["accuracy"], "macro_f1": baseline["macro_f1"], "per_label": baseline["per_label"]},
    }


def _hedge_baseline(sentence: str) -> str:
    words = set(re.findall(r"[a-z]+", sentence.lower()))
    return "speculation" if words & BASELINE_HEDGES else "fact"


def _ratio(numerator: int | float, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def format_evaluation(metrics: dict[str, Any]) -> str:
    """The evaluation as plain-text tables."""
    lines = [f"files: {metrics['files']} ({metrics['fully_annotated']} fully annotated)", ""]
    stance = metrics["stance"]
    lines.append(format_report(stance, "STANCE"))
    lines.append(f"work accuracy {stance['work_accuracy']:.3f}   season accuracy {stance['season_accuracy']:.3f}\n")
    entities = metrics["entities"]
    lines.append("ENTITIES            articlenlp P/R/F1          spaCy NER P/R/F1")
    for type_ in (*ENTITY_TYPES, "overall"):
        ours = entities["overall"] if type_ == "overall" else entities["per_type"][type_]
        base = entities["baseline_spacy_ner"]["overall"] if type_ == "overall" else entities["baseline_spacy_ner"]["per_type"][type_]
        lines.append(f"  {type_:<12}{_prf_text(ours):>28}{_prf_text(base):>28}")
    lines.append(
        f"  role F1 {entities['roles']['f1']:.3f}   link F1 {entities['links']['f1']:.3f}   alias merge rate {entities['alias_merge_rate']:.3f} (of {entities['multi_alias_entities']})\n"
    )
    quotes = metrics["quotes"]
    lines.append(
        f"QUOTES detection {_prf_text(quotes['detection'])}   attribution {quotes['attribution_accuracy']:.3f}   outlet {quotes['outlet_accuracy']:.3f}   end-to-end F1 {quotes['end_to_end']['f1']:.3f}"
    )
    for kind, row in quotes["per_kind"].items():
        lines.append(f"  {kind:<8} gold {row['gold']:>4}  recall {row['recall']:.3f}  attribution {row['attribution_accuracy']:.3f}")
    claims = metrics["claims"]
    lines.append("")
    lines.append(
        f"CLAIMS ({claims['gold_claims']} gold, {claims['missed']} missed)  accuracy {claims['accuracy']:.3f}  macro-F1 {claims['macro_f1']:.3f}   hedge-word baseline: accuracy {claims['baseline_hedge_words']['accuracy']:.3f}  macro-F1 {claims['baseline_hedge_words']['macro_f1']:.3f}"
    )
    for label, row in claims["per_label"].items():
        lines.append(f"  {label:<12}P {row['precision']:.3f}  R {row['recall']:.3f}  F1 {row['f1']:.3f}  n {row['support']}")
    return "\n".join(lines)


def _prf_text(row: dict[str, float]) -> str:
    return f"{row['precision']:.3f}/{row['recall']:.3f}/{row['f1']:.3f}"
