"""Stage 6, record assembly: raw page in, Record out, running every stage once, in order."""
from __future__ import annotations

import hashlib
from typing import Iterable, Iterator

from pipeline.boilerplate.lines import clean
from pipeline.ingest.load import RawDoc, sniff_kind
from pipeline.meeting.events import extract_meeting
from pipeline.metrics.context import find_metrics
from pipeline.ner.recognizer import recognize
from pipeline.text.normalize import nfc
from pipeline.people.attendees import attendees_of
from pipeline.record import Record


def extract(raw: str, *, url: str | None = None, published: str | None = None,
            doc_id: str | None = None, kind: str | None = None, source: str | None = None) -> Record:
    """Extract one document. `raw` is HTML or the text of a page; `kind` is sniffed when not given."""
    raw = nfc(raw)
    kind = kind or sniff_kind(raw)
    page = clean(raw, kind, url=url)
    published = published or page.published
    text = page.text
    ents = recognize(text)  # the spaCy Doc (make_doc) has the same entities; building it is not needed here
    attendees = attendees_of(text, ents)
    record = Record(
        doc_id=doc_id or hashlib.sha1(raw.encode()).hexdigest()[:12],
        source=source or url or "",
        title=page.title,
        text=text,
        url=url,
        published=published,
        attendees=attendees,
        authors=page.authors,
        metrics=find_metrics(text),
        entities=[{"label": label, "text": text[s:e], "start": s, "end": e} for label, s, e, _ in ents],
        captions=[b.text for b in page.blocks if b.kind == "caption"],
        content_hash=hashlib.sha256(raw.encode()).hexdigest(),
    )
    record.meeting = extract_meeting(text, attendees, published=published, url=url, title=page.title)
    record.meetings = record.meeting.pop("meetings", [])
    return record


def extract_doc(raw: RawDoc) -> Record:
    record = extract(raw.content, url=raw.url, published=raw.published, doc_id=raw.doc_id,
                     kind=raw.kind, source=raw.source)
    record.notes = list(raw.notes)  # what loading did to the input (legacy encoding converted, …)
    return record


def extract_many(docs: Iterable[RawDoc | str]) -> Iterator[Record]:
    """Batch form: RawDoc objects (from pipeline.load) or raw strings, one Record each."""
    for d in docs:
        yield extract_doc(d) if isinstance(d, RawDoc) else extract(d)
