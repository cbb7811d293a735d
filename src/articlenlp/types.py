"""The data model: what an analysed article looks like.

Every class has ``to_dict()`` producing exactly the shape of
``schema/analysis.schema.json``. All offsets are character offsets into the analysed
text, end exclusive, so ``text[start:end] == span.text`` holds everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1"
STANCE_LABELS = ("renewed", "cancelled", "ending", "uncertain", "unrelated")
ENTITY_TYPES = ("PERSON", "CHARACTER", "WORK", "ORG")
PERSON_ROLES = (
    "actor",
    "director",
    "writer",
    "showrunner",
    "creator",
    "producer",
    "executive",
    "journalist",
    "representative",
    "other",
)
ORG_ROLES = ("network", "studio", "outlet", "agency", "other")
WORK_ROLES = ("series", "film", "other")


@dataclass(frozen=True)
class Span:
    """A stretch of the analysed text."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Entity:
    """One real-world thing, all its mentions merged."""

    id: str
    name: str
    type: str
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    plays: list[str] = field(default_factory=list)
    works: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "roles": list(self.roles),
            "aliases": list(self.aliases),
            "mentions": [[start, end] for start, end in self.mentions],
        }
        if self.type == "PERSON":
            data["plays"] = list(self.plays)
        if self.type in ("PERSON", "ORG"):
            data["works"] = list(self.works)
        return data


@dataclass
class Quote:
    """A quotation with who said it and where it was first published."""

    text: str
    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_name: str | None = None
    outlet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_name": self.speaker_name,
            "outlet": self.outlet,
        }


@dataclass
class Claim:
    """A sentence of the writer's own prose, labelled fact or speculation."""

    text: str
    start: int
    end: int
    label: str
    confidence: float
    cues: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "confidence": round(self.confidence, 4),
            "cues": list(self.cues),
        }


@dataclass
class Stance:
    """Whether the series the article discusses continues."""

    label: str
    confidence: float
    scores: dict[str, float]
    work: str | None = None
    season: int | None = None
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "confidence": round(self.confidence, 4),
            "scores": {label: round(score, 4) for label, score in self.scores.items()},
            "work": self.work,
            "season": self.season,
            "evidence": [span.to_dict() for span in self.evidence],
        }


@dataclass
class Analysis:
    """Everything articlenlp found in one article."""

    id: str
    text: str
    stance: Stance
    title: str | None = None
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready record described by ``analysis.schema.json``."""
        return {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "title": self.title,
            "stance": self.stance.to_dict(),
            "entities": [entity.to_dict() for entity in self.entities],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "claims": [claim.to_dict() for claim in self.claims],
            "warnings": list(self.warnings),
        }

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)
