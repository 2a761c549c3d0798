"""The record schema: one Record per document, the contract every output reads (JSON keys are stable).

Every part of a record is a dataclass here and nowhere else: the stages build them, `to_dict` gives the JSON of
records.jsonl, `from_dict` reads it back, and the query tables (pipeline.export) and views are derived from these
fields, so a field added here reaches every output.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar


class _Part:
    """to_dict/from_dict for the record's dataclasses (hand-rolled: dataclasses.asdict deep-copies, ten times slower)."""
    NESTED: ClassVar[dict[str, type]] = {}  # field → part class of its items (or of the value)

    def to_dict(self) -> dict[str, Any]:
        out = {}
        for name in self._names():
            v = getattr(self, name)
            if name in self.NESTED:
                v = [x.to_dict() for x in v] if isinstance(v, list) else (v.to_dict() if v is not None else None)
            elif isinstance(v, tuple):
                v = list(v)
            out[name] = v
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]):
        kw = {}
        for name in cls._names():
            if name not in d:
                continue
            v = d[name]
            part = cls.NESTED.get(name)
            if part is not None and v is not None:
                v = [part.from_dict(x) if isinstance(x, dict) else x for x in v] if isinstance(v, list) \
                    else part.from_dict(v)
            kw[name] = v
        return cls(**kw)

    @classmethod
    def _names(cls) -> tuple[str, ...]:
        names = cls.__dict__.get("_NAMES")
        if names is None:
            names = tuple(f.name for f in fields(cls))
            setattr(cls, "_NAMES", names)
        return names


@dataclass
class Position(_Part):
    text: str  # as written in the page
    normalized: str  # abbreviations expanded, tone placement normalised
    rule: str | None = None  # the linking rule that gave it to the person (pipeline.people.rules)


@dataclass
class Attendee(_Part):
    NESTED: ClassVar[dict[str, type]] = {"positions": Position}
    name: str
    positions: list[Position] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # "chair", "speaker", "attendee"
    side: str | None = None  # delegation: "Bộ Khoa học và Công nghệ", "thành phố" …
    mentions: list[tuple[int, int]] = field(default_factory=list)  # offsets into Record.text

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["mentions"] = [list(m) for m in self.mentions]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Attendee":
        a = super().from_dict(d)
        a.mentions = [tuple(m) for m in a.mentions]
        return a


@dataclass
class Metric(_Part):
    text: str  # number + unit as written, without the qualifier
    value: int | float  # as written (no tỷ/triệu multiplier)
    unit: str  # "%", "tỷ đồng", "doanh nghiệp" …
    qualifier: str | None = None  # "hơn", "khoảng" … as written
    comparator: str | None = None  # what the qualifier means: ">", "≈", "≤" …
    scale: int | None = None  # 10**9 for "tỷ"
    value_normalized: int | float | None = None  # value × scale (60 tỷ đồng → 6e10)
    currency: str | None = None  # "VND", "USD" …
    total: int | float | None = None  # 69 in "66/69 phiếu"
    per: str | None = None  # "năm" in "7,6%/năm"
    range: str | None = None  # "from" / "to": the two ends of "5-7%"
    subject: str | None = None  # what the figure measures, when the sentence says it
    period: str | None = None  # "năm 2020", "6 tháng đầu năm"
    change: str | None = None  # "increase" / "decrease"
    start: int = 0  # offsets into Record.text
    end: int = 0
    sentence: str = ""  # the sentence the figure is in


@dataclass
class Delegation(_Part):
    side: str  # "Bộ Khoa học và Công nghệ", cleaned
    side_text: str  # as written
    members: list[str] = field(default_factory=list)  # attendee names


@dataclass
class Meeting(_Part):
    NESTED: ClassVar[dict[str, type]] = {"delegations": Delegation}
    type: str | None = None  # "signing", "working_session", "conference" … (models/meeting/types.txt)
    types: list[str] = field(default_factory=list)
    title: str | None = None  # "Hội nghị sơ kết 6 tháng …"
    date: str | None = None  # ISO
    end_date: str | None = None
    date_text: str | None = None  # the phrase that dates it, as written ("Chiều 29/7")
    date_precision: str | None = None  # "day" | "day-no-year"
    date_source: str | None = None  # where the year came from: "text", "published", "page", "url"
    day: int | None = None
    month: int | None = None
    year: int | None = None
    time_of_day: str | None = None  # "sáng", "chiều" …
    date_span: list[int] | None = None
    location: str | None = None
    location_text: str | None = None
    organizers: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    chair: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    delegations: list[Delegation] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    span: list[int] | None = None  # the stretch of Record.text that reports it


@dataclass
class EntitySpan(_Part):
    label: str  # PERSON | POSITION | ORG
    text: str
    start: int
    end: int


@dataclass
class Record(_Part):
    NESTED: ClassVar[dict[str, type]] = {"meeting": Meeting, "meetings": Meeting, "attendees": Attendee,
                                         "metrics": Metric, "entities": EntitySpan}
    doc_id: str
    source: str
    title: str | None
    text: str  # the cleaned page; every offset indexes into it
    url: str | None = None
    published: str | None = None
    meeting: Meeting = field(default_factory=Meeting)  # the main meeting (the first of `meetings`)
    meetings: list[Meeting] = field(default_factory=list)
    attendees: list[Attendee] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)  # who wrote it (bylines, signatures)
    metrics: list[Metric] = field(default_factory=list)
    entities: list[EntitySpan] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # remarks from loading, e.g. "converted from TCVN3 (ABC)"
    content_hash: str | None = None
    credits: list[str] = field(default_factory=list)  # who made the pictures: "Ảnh: VGP/Nhật Bắc" → "VGP/Nhật Bắc"
    sources: list[str] = field(default_factory=list)  # where the text is taken from: "Theo TTXVN" → "TTXVN"
    kind: str = "article"  # "listing": a home or section page (teasers, no article body), so no text to extract
