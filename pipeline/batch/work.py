"""The work of one input unit, wherever it runs (a local worker process, a Dask task): load it, skip what the
journal already holds, extract each document under its time budget, and serialise each outcome to its JSON line.

Whatever a document does (a RecursionError, a type error, a timeout, text that cannot be encoded), it ends as
exactly one Outcome: a record, an error, or a skip. Nothing is raised out of process_unit.
"""
from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import asdict, dataclass
from typing import Iterator, Mapping

from pipeline.batch.budget import DocTimeout, time_budget
from pipeline.chain import extract_doc
from pipeline.ingest.load import InputError, RawDoc, Unit, load_unit, scrub

Skip = Mapping[str, "set[str] | frozenset[str]"]  # source → content hashes the journal holds for it


@dataclass
class Outcome:
    kind: str  # "record" | "error" | "skipped"
    line: str | None = None  # the JSON line to write (records.jsonl or errors.jsonl), without its newline
    source: str | None = None  # the input's identity (Record.source), which resume keys on with content_hash
    content_hash: str | None = None
    # a record's doc_id as its line has it, so the writer checks it without parsing the line (None: parse it)
    doc_id: str | None = None
    attendees: int = 0
    metrics: int = 0
    timed_out: bool = False  # the document hit its budget: a worker that ran it is replaced afterwards
    # a record's table rows and sightings (pipeline.export.tables.record_rows of the record as its line has it),
    # pickled, when the run writes its tables as records come; None: the writer reads them from the line
    tables: bytes | None = None


def content_hash(content: str) -> str:
    """The same hash Record.content_hash carries (extract() hashes the NFC text that RawDoc already holds)."""
    return hashlib.sha256(content.encode()).hexdigest()


LISTING_REASON = "listing page, not an article (a home or section page of teasers, no article body)"


def extract_item(item: RawDoc | InputError) -> tuple[str, dict]:
    """One input to ("record" | "error", payload); any failure is an error payload, never an exception."""
    if isinstance(item, InputError):
        return "error", {k: v for k, v in asdict(item).items() if v is not None}
    try:
        record = extract_doc(item)
    except Exception as e:  # one bad document never stops the batch (RecursionError, MemoryError included)
        return "error", {"source": item.source, "reason": f"{type(e).__name__}: {e}"}
    if record.kind == "listing":  # a home or section page holds no article: reported, not counted as a document
        return "error", {"source": item.source, "reason": LISTING_REASON, **({"url": record.url} if record.url else {})}
    return "record", record.to_dict()


def _line(kind: str, payload: dict) -> str:
    return _encoded(kind, payload)[0]


def _encoded(kind: str, payload: dict) -> tuple[str, bool]:
    """The payload as one JSON line that UTF-8 can hold, and whether the line holds the payload unchanged: lone
    surrogates (which no file can store) are replaced and the record says so, so that one unwritable field never
    costs the record, or the run."""
    line = json.dumps(payload, ensure_ascii=False)
    try:
        line.encode("utf-8")
        return line, True
    except UnicodeEncodeError:
        payload = json.loads(scrub(line)[0])
        if kind == "record":
            payload["notes"] = [*(payload.get("notes") or []), "lone surrogate(s) replaced with U+FFFD"]
        else:
            payload["reason"] += " (lone surrogates replaced with U+FFFD)"
        return json.dumps(payload, ensure_ascii=False), False


def outcome_of(kind: str, payload: dict, timed_out: bool = False) -> Outcome:
    if kind == "error":
        return Outcome("error", _line(kind, payload), payload.get("source"), timed_out=timed_out)
    line, unchanged = _encoded(kind, payload)
    doc_id = payload.get("doc_id") if unchanged and isinstance(payload.get("doc_id"), str) else None
    return Outcome("record", line, payload.get("source"), payload.get("content_hash"), doc_id,
                   len(payload.get("attendees") or []), len(payload.get("metrics") or []))


def _tables_of(record: dict) -> bytes | None:
    """The record's table rows, found here in the worker that holds the record (the parent then neither parses its
    line again nor finds its places); None when they cannot be (the parent then reads them from the line)."""
    try:
        from pipeline.export.tables import record_rows
        return pickle.dumps(record_rows(record), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - the parent builds them from the line, and reports what fails there
        return None


def error_outcome(source: str, reason: str, line: int | None = None, timed_out: bool = False) -> Outcome:
    return outcome_of(*extract_item(InputError(source, reason, line)), timed_out=timed_out)


def process_unit(unit: Unit | InputError, skip: Skip, timeout: float | None,
                 tables: bool = False) -> Iterator[Outcome]:
    """The outcomes of one unit, in order: loading it and extracting each of its documents are each bounded by
    `timeout` seconds; a document whose (source, content hash) is in `skip` is not extracted again."""
    if isinstance(unit, InputError):
        yield outcome_of(*extract_item(unit))
        return
    try:
        with time_budget(timeout):
            docs = list(load_unit(unit))
    except DocTimeout:
        yield error_outcome(unit.source, f"timed out after {timeout:g} s reading the input (--doc-timeout)",
                            unit.line, timed_out=True)
        return
    for doc in docs:
        if isinstance(doc, RawDoc) and doc.source in skip and content_hash(doc.content) in skip[doc.source]:
            yield Outcome("skipped", source=doc.source)
            continue
        try:
            with time_budget(timeout):
                kind, payload = extract_item(doc)
                outcome = outcome_of(kind, payload)
        except DocTimeout:
            outcome = error_outcome(doc.source, f"timed out after {timeout:g} s (--doc-timeout)",
                                    getattr(doc, "line", None), timed_out=True)
        else:
            if tables and outcome.kind == "record":  # (outside the budget: the document's work is done)
                outcome.tables = _tables_of(payload if outcome.doc_id is not None else json.loads(outcome.line))
        yield outcome
