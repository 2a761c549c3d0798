"""`vngov show`: one document's record in the terminal (rich), or as a displaCy entity page.

Everything taken from a page is printed as text: never read as rich markup ("[link=…]", "[/x]" are shown as
written), and with control characters (terminal escape sequences, carriage returns, bidi overrides) shown as
visible escapes instead of acting on the terminal.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

COLORS = {"PERSON": "#f4a3a3", "POSITION": "#a3c9f4", "ORG": "#b8e0a8", "METRIC": "#f4d58d"}


# C0 and C1 controls but tab and newline, and the bidi embeddings/overrides/isolates that reorder what is shown.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain(value) -> Text:
    """A value from a page as a rich Text (no markup) with its control characters made visible ("\\x1b")."""
    s = "" if value is None else str(value)
    return Text(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                             else f"\\u{ord(m.group()):04x}", s))


def _json(line: str):
    try:
        return json.loads(line)
    except (ValueError, RecursionError):
        return None


def load_record(path: Path, doc_id: str | None = None) -> dict:
    """A record: from a records.jsonl (by doc_id, else the first), or by extracting an input file."""
    path = Path(path)
    if path.suffix.lower() == ".jsonl":
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                obj = _json(line) if line.strip() else None
                if not isinstance(obj, dict):
                    continue  # a blank, torn or foreign line: not a record
                if "attendees" in obj and doc_id in (None, obj.get("doc_id")):
                    return obj
                if "attendees" not in obj:
                    break  # an input JSONL (html/text per line), not records
    from pipeline.batch.work import extract_item
    from pipeline.ingest.load import iter_documents
    for item in iter_documents([path]):
        if doc_id is None or getattr(item, "doc_id", None) == doc_id:
            kind, payload = extract_item(item)
            if kind == "error":
                raise ValueError(f"{payload['source']}: {payload['reason']}")
            return payload
    raise LookupError(f"no document {doc_id or ''} in {path}")


def render(record: dict, console: Console | None = None) -> None:
    """The record in the terminal. Every value is a rich Text: page text is shown as written, never read as markup
    (a title with "[b]" in it stays "[b]")."""
    console = console or Console()
    title = plain(record.get("title") or record.get("doc_id"))
    title.stylize("bold")
    console.rule(title)
    console.print(plain(f"doc_id={record.get('doc_id')}  source={record.get('source')}  "
                        f"published={record.get('published')}"))
    meeting = Table(title="Meeting", show_header=False)
    for k, v in (record.get("meeting") or {}).items():
        meeting.add_row(plain(k), plain(v))
    console.print(meeting)
    people = Table(title=f"Attendees ({len(record.get('attendees') or [])})")
    for col in ("name", "positions", "roles"):
        people.add_column(col)
    for a in record.get("attendees") or []:
        positions = "\n".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in a.get("positions") or [])
        people.add_row(plain(a.get("name")), plain(positions), plain(", ".join(a.get("roles") or [])))
    console.print(people)
    metrics = Table(title=f"Metrics ({len(record.get('metrics') or [])})")
    for col in ("text", "value", "unit", "qualifier"):
        metrics.add_column(col)
    for m in record.get("metrics") or []:
        metrics.add_row(*(plain(m.get(c)) for c in ("text", "value", "unit", "qualifier")))
    console.print(metrics)


def html_page(record: dict) -> str:
    """displaCy entity page of the record's text: its entities plus the metrics as METRIC spans (read from the
    record, not found again)."""
    from spacy import displacy
    from spacy.util import filter_spans
    from spacy.vocab import Vocab

    from pipeline.nlp import VietTokenizer
    doc = VietTokenizer(Vocab())(record.get("text") or "")
    spans = []
    for label, items in [(None, record.get("entities") or []), ("METRIC", record.get("metrics") or [])]:
        for e in items:
            if isinstance(e.get("start"), int) and isinstance(e.get("end"), int):
                span = doc.char_span(e["start"], e["end"], label=label or e.get("label"), alignment_mode="expand")
                if span is not None:
                    spans.append(span)
    doc.ents = filter_spans(spans)  # the longest span wins where a metric overlaps an entity
    return displacy.render(doc, style="ent", page=True, minify=True,
                           options={"colors": COLORS})
