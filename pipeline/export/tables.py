"""Query tables from OUTDIR/records.jsonl: documents, meetings, attendees, positions, metrics, people.

Tables are linked by `doc_id` (and `person_id` for people). Formats: parquet (one file per table), csv,
jsonl, or one DuckDB database OUTDIR/vngov.duckdb. Records are streamed in batches, so memory stays flat
in the number of documents (only the people directory, which needs every attendee, is held whole).
Every output is written to a temp file in OUTDIR, fsynced and renamed over the old one only when all
tables are complete: a killed run leaves the previous tables or the new ones, never a torn table.
"""
from __future__ import annotations

import json
import logging
import os
import uuid
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa

from pipeline.export.directory import build_directory, person_ids

FORMATS = ("parquet", "csv", "jsonl", "duckdb")
DUCKDB_FILE = "vngov.duckdb"
BATCH = 500

_S, _I, _F = pa.string(), pa.int64(), pa.float64()
SCHEMA: dict[str, pa.Schema] = {
    "documents": pa.schema([("doc_id", _S), ("source", _S), ("url", _S), ("title", _S), ("published", _S),
                            ("content_hash", _S), ("n_attendees", _I), ("n_metrics", _I), ("authors", _S),
                            ("text", _S)]),
    "meetings": pa.schema([("doc_id", _S), ("meeting_idx", _I), ("type", _S), ("date", _S), ("time_of_day", _S),
                           ("location", _S), ("data", _S)]),
    "attendees": pa.schema([("doc_id", _S), ("attendee_idx", _I), ("person_id", _S), ("name", _S), ("roles", _S),
                            ("side", _S), ("n_positions", _I)]),
    "positions": pa.schema([("doc_id", _S), ("attendee_idx", _I), ("position_idx", _I), ("person_id", _S),
                            ("name", _S), ("text", _S), ("normalized", _S)]),
    "metrics": pa.schema([("doc_id", _S), ("metric_idx", _I), ("text", _S), ("value", _F), ("unit", _S),
                          ("qualifier", _S), ("char_start", _I), ("char_end", _I), ("context", _S)]),
    "people": pa.schema([("person_id", _S), ("name", _S), ("name_key", _S), ("article_count", _I),
                         ("position_count", _I), ("positions", _S), ("doc_ids", _S)]),
}


def iter_records(path: Path) -> Iterator[dict]:
    """Records of a records.jsonl. A line that is not a record (torn by a killed writer, not JSON, not UTF-8, not
    an object with a doc_id) is skipped with a warning naming it: one bad line never stops a reader."""
    with open(path, "rb") as f:
        for n, line in enumerate(f, 1):
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):
                record = None
            if isinstance(record, dict) and isinstance(record.get("doc_id"), str):
                yield record
            elif line.strip():
                logging.getLogger("vngov").warning("%s, line %d: not a record, skipped", path, n)


def _float(v) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _str(v) -> str | None:
    return None if v is None else str(v)


def rows(record: dict, ids: dict[tuple[str, int], str]) -> dict[str, list[dict]]:
    """The table rows of one record (all tables but `people`)."""
    doc_id, text = record["doc_id"], record.get("text") or ""
    attendees, metrics = record.get("attendees") or [], record.get("metrics") or []
    out: dict[str, list[dict]] = {t: [] for t in SCHEMA if t != "people"}
    out["documents"].append({
        "doc_id": doc_id, "source": record.get("source"), "url": record.get("url"), "title": record.get("title"),
        "published": record.get("published"), "content_hash": record.get("content_hash"),
        "n_attendees": len(attendees), "n_metrics": len(metrics),
        "authors": "; ".join(record.get("authors") or []), "text": text})
    for i, m in enumerate(record.get("meetings") or [record.get("meeting") or {}]):
        out["meetings"].append({"doc_id": doc_id, "meeting_idx": i, **{c: _str(m.get(c)) for c in
                                ("type", "date", "time_of_day", "location")},
                                "data": json.dumps(m, ensure_ascii=False, sort_keys=True)})
    for i, a in enumerate(attendees):
        pid = ids.get((doc_id, i))
        positions = a.get("positions") or []
        out["attendees"].append({"doc_id": doc_id, "attendee_idx": i, "person_id": pid, "name": a.get("name"),
                                 "roles": ", ".join(a.get("roles") or []), "side": a.get("side"),
                                 "n_positions": len(positions)})
        for j, p in enumerate(positions):
            p = p if isinstance(p, dict) else {"text": str(p), "normalized": str(p)}
            out["positions"].append({"doc_id": doc_id, "attendee_idx": i, "position_idx": j, "person_id": pid,
                                     "name": a.get("name"), "text": p.get("text"), "normalized": p.get("normalized")})
    for i, m in enumerate(metrics):
        out["metrics"].append({"doc_id": doc_id, "metric_idx": i, "text": _str(m.get("text")),
                               "value": _float(m.get("value")), "unit": _str(m.get("unit")),
                               "qualifier": _str(m.get("qualifier")), "char_start": m.get("start"),
                               "char_end": m.get("end"), "context": m.get("sentence")})
    return out


def temp_name(name: str) -> str:
    return f".{name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"


@contextmanager
def atomic_files(out: Path) -> Iterator[callable]:
    """Yields tmp(final_name) → a temp path in `out`; on success each is fsynced and renamed to its final name."""
    pending: list[tuple[Path, Path]] = []

    def tmp(name: str) -> Path:
        t = out / temp_name(name)  # named per run: two runs, or a run and a killed one's leftovers, never meet
        pending.append((t, out / name))
        return t
    try:
        yield tmp
    except BaseException:
        for t, _ in pending:
            t.unlink(missing_ok=True)
        raise
    for t, final in pending:
        fd = os.open(t, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(t, final)
    dir_fd = os.open(out, os.O_RDONLY)  # make the renames themselves durable
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class _Sink:
    """Streams arrow batches of each table into one format."""

    def __init__(self, fmt: str, tmp):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.fmt, self.writers = fmt, {}
        if fmt == "duckdb":
            import duckdb
            self.db = duckdb.connect(str(tmp(DUCKDB_FILE)))
            for name, schema in SCHEMA.items():
                self.db.register("empty_batch", schema.empty_table())
                self.db.execute(f"CREATE TABLE {name} AS SELECT * FROM empty_batch")
                self.db.unregister("empty_batch")
        else:
            import pyarrow.csv
            import pyarrow.parquet
            for name, schema in SCHEMA.items():
                path = tmp(f"{name}.{fmt}")
                if fmt == "parquet":
                    self.writers[name] = pyarrow.parquet.ParquetWriter(path, schema)
                elif fmt == "csv":
                    self.writers[name] = pyarrow.csv.CSVWriter(str(path), schema)
                else:
                    self.writers[name] = open(path, "w", encoding="utf-8")

    def write(self, name: str, batch: list[dict]) -> None:
        if not batch:
            return
        if self.fmt == "jsonl":
            self.writers[name].writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in batch)
            return
        table = pa.Table.from_pylist(batch, schema=SCHEMA[name])
        if self.fmt == "duckdb":
            self.db.register("batch", table)
            self.db.execute(f"INSERT INTO {name} SELECT * FROM batch")
            self.db.unregister("batch")
        else:
            self.writers[name].write_table(table)

    def close(self) -> None:
        for w in self.writers.values():
            w.close()
        if self.fmt == "duckdb":
            self.db.close()


def _batches(it: Iterable[dict], n: int) -> Iterator[list[dict]]:
    it = iter(it)
    while batch := list(islice(it, n)):
        yield batch


def write_tables(out: Path, fmt: str = "parquet", records_path: Path | None = None) -> dict[str, int]:
    """Build every table of `fmt` in `out` from records.jsonl; returns row counts per table."""
    out = Path(out)
    records_path = records_path or out / "records.jsonl"
    people = build_directory(iter_records(records_path))  # first pass: attendees only are kept
    ids = person_ids(people)
    counts = {name: 0 for name in SCHEMA}
    with atomic_files(out) as tmp:
        sink = _Sink(fmt, tmp)
        try:
            for batch in _batches(iter_records(records_path), BATCH):
                tables: dict[str, list[dict]] = {}
                for r in batch:
                    for name, rs in rows(r, ids).items():
                        tables.setdefault(name, []).extend(rs)
                for name, rs in tables.items():
                    sink.write(name, rs)
                    counts[name] += len(rs)
            for batch in _batches((p.row() for p in people), BATCH):
                sink.write("people", batch)
                counts["people"] += len(batch)
        finally:
            sink.close()
    return counts
