"""The record: one per document, the contract every output reads (keys are stable)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Position:
    text: str  # as written in the page
    normalized: str  # abbreviations expanded, tone placement normalised


@dataclass
class Attendee:
    name: str
    positions: list[Position] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # "chair", "speaker", "attendee"
    side: str | None = None  # delegation: "Bộ Khoa học và Công nghệ", "thành phố" …
    mentions: list[tuple[int, int]] = field(default_factory=list)  # offsets into Record.text


@dataclass
class Record:
    doc_id: str
    source: str
    title: str | None
    text: str
    url: str | None = None
    published: str | None = None
    meeting: dict[str, Any] = field(default_factory=dict)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    attendees: list[Attendee] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    metrics: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # remarks from loading, e.g. "converted from TCVN3 (ABC)"
    content_hash: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for a in d["attendees"]:
            a["mentions"] = [list(m) for m in a["mentions"]]
        return d
