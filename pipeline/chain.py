"""The chain of stages, in the order data flows, declared once; `extract` runs it on one page.

    raw page ─ ingest (pipeline.ingest: bytes, encodings, NFC)
             ─ boilerplate (pipeline.boilerplate: title, body blocks, authors, date)
             ─ Document (pipeline.text: tokens, sentences and folded views, built once)
             ─ CHAIN: entities (pipeline.ner) → people → metrics → meetings
             ─ Record (pipeline.record)

Each stage reads the Document and the results of the stages before it and returns its own result; none changes
another's. The spaCy pipeline (pipeline.nlp) runs the same CHAIN as its components, so a library user's Doc and a
batch run give the same record.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Iterator

from pipeline.ingest.load import RawDoc, sniff_kind
from pipeline.record import Attendee, EntitySpan, Record
from pipeline.text.document import Document
from pipeline.text.normalize import nfc


@dataclass
class Analysis:
    """One page on its way through the CHAIN: the Document, what the page says about itself, each stage's result."""
    document: Document
    title: str | None = None
    url: str | None = None
    published: str | None = None
    entities: Any = None  # list[pipeline.ner.Entity]
    people: Any = None  # list[pipeline.record.Attendee], without roles
    metrics: Any = None  # list[pipeline.record.Metric]
    meetings: Any = None  # pipeline.meeting.Meetings


@dataclass(frozen=True)
class Stage:
    name: str  # the Analysis field it fills
    run: Callable[[Analysis], Any]
    doc: str


def _entities(a: Analysis):
    from pipeline.ner import recognize
    return recognize(a.document)


def _people(a: Analysis):
    from pipeline.people import find_people
    return find_people(a.document, a.entities)


def _metrics(a: Analysis):
    from pipeline.metrics import find_metrics
    return find_metrics(a.document)


def _meetings(a: Analysis):
    from pipeline.meeting import find_meetings
    return find_meetings(a.document, a.people, published=a.published, url=a.url, title=a.title)


CHAIN: tuple[Stage, ...] = (
    Stage("entities", _entities, "PERSON, POSITION and ORG spans"),
    Stage("people", _people, "each named person with every title the text gives them"),
    Stage("metrics", _metrics, "every figure with unit, qualifier and what it measures"),
    Stage("meetings", _meetings, "the events reported, and each person's roles and side"),
)


def analyse(text: str, *, title: str | None = None, url: str | None = None, published: str | None = None,
            upto: str | None = None) -> Analysis:
    """Run the CHAIN on a cleaned page (up to and including stage `upto`, default all)."""
    a = Analysis(Document(text), title, url, published)
    for stage in CHAIN:
        setattr(a, stage.name, stage.run(a))
        if stage.name == upto:
            break
    return a


def attendees(a: Analysis) -> list[Attendee]:
    """The people stage's attendees with the roles and side the meeting stage found for them."""
    m = a.meetings
    return [replace(p, roles=m.roles[i], side=m.sides[i]) for i, p in enumerate(a.people)]


def entity_spans(a: Analysis) -> list[EntitySpan]:
    text = a.document.text
    return [EntitySpan(e.label, text[e.start:e.end], e.start, e.end) for e in a.entities]


def extract(raw: str, *, url: str | None = None, published: str | None = None,
            doc_id: str | None = None, kind: str | None = None, source: str | None = None) -> Record:
    """Extract one document. `raw` is HTML or the text of a page; `kind` is sniffed when not given."""
    from pipeline.boilerplate import clean

    raw = nfc(raw)
    page = clean(raw, kind or sniff_kind(raw), url=url)
    url = url or page.url  # the address an HTML page gives itself (og:url, canonical link)
    published = published or page.published
    a = analyse(page.text, title=page.title, url=url, published=published)
    meetings = a.meetings.meetings
    return Record(
        doc_id=doc_id or hashlib.sha1(raw.encode()).hexdigest()[:12],
        source=source or url or "",
        title=page.title,
        text=page.text,
        url=url,
        published=published,
        meeting=meetings[0],
        meetings=meetings,
        attendees=attendees(a),
        authors=page.authors,
        metrics=a.metrics,
        entities=entity_spans(a),
        captions=[b.text for b in page.blocks if b.kind == "caption"],
        content_hash=hashlib.sha256(raw.encode()).hexdigest(),
        credits=page.credits,
        sources=page.sources,
        kind=page.kind,
        notes=list(page.notes),
    )


def extract_doc(raw: RawDoc) -> Record:
    """Extract a loaded document (pipeline.ingest), keeping what loading noted about it."""
    record = extract(raw.content, url=raw.url, published=raw.published, doc_id=raw.doc_id,
                     kind=raw.kind, source=raw.source)
    record.notes = [*raw.notes, *record.notes]  # what loading did to the input (legacy encoding converted, …), first
    return record


def extract_many(docs: Iterable[RawDoc | str]) -> Iterator[Record]:
    """Batch form: RawDoc objects (from pipeline.ingest) or raw strings, one Record each."""
    for d in docs:
        yield extract_doc(d) if isinstance(d, RawDoc) else extract(d)


def warm_up() -> None:
    """Load every lexicon and compile every pattern now (before forking workers, which then share them)."""
    extract("Chiều 29/7, ông Nguyễn Văn An, Chủ tịch UBND tỉnh, chủ trì hội nghị; 30 doanh nghiệp dự.", kind="text")
    from pipeline.text.lexicons import word_tags
    word_tags()  # (the sample does not reach it: each worker would read it again, ~50 ms, on its first figure)
