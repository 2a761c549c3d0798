"""Query tables from OUTDIR/records.jsonl, typed, in parquet, DuckDB, SQLite, CSV or JSONL.

The record's tables (documents, meetings, delegations, attendees, positions, metrics, entities) take their columns
from the record schema (pipeline.export.schema); beside them: `places` (every province, district and commune a page
names, resolved: pipeline.export.places), `people` (one row per person across pages) and `careers` (one row per post
of a person: pipeline.export.directory). Tables are linked by `doc_id` and `person_id`; a few derived columns
(the province of a document, meeting, position and metric, a metric's year, an attendee's person_id) are declared
here, in EXTRA.

Types: parquet and DuckDB keep them (DATE, TIMESTAMP WITH TIME ZONE, lists, numbers); SQLite, CSV and JSONL have no
list or date type, so lists are JSON arrays and dates ISO strings there (CSV starts with a UTF-8 byte-order mark so
that Excel reads Vietnamese). Records are streamed in batches: memory stays flat in the number of documents (only the
people directory, which needs every attendee, is held whole). Every output is written to a temp file in OUTDIR,
fsynced and renamed over the old one only when all tables are complete: a killed run leaves the previous tables or
the new ones, never a torn table.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import re
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.export.files import (FORMATS, TABLES_STAMP, atomic_files, file_digest, iter_records,  # noqa: F401
                                   iter_sized_records, read_stamp, temp_name)
from pipeline.export.directory import Title, directory, person_ids, sightings_of, split_post, titles_of
from pipeline.export.places import PagePlaces, gazetteer, page_places
from pipeline.export.schema import DATE, INT64, STRING, TABLES, Column, DataType, Schema, list_of

DUCKDB_FILE = "vngov.duckdb"
SQLITE_FILE = "vngov.sqlite"
BATCH = 500  # records at most in one batch of rows
BATCH_BYTES = 2 << 20  # and about this many bytes of records.jsonl (rows in Python take ~25 times as much)

_S, _I = STRING, INT64
_LS = list_of(_S)
_PROVINCE = [Column("province", _S), Column("province_today", _S)]
EXTRA: dict[str, list[Column]] = {
    "documents": [Column("n_attendees", _I), Column("n_metrics", _I), *_PROVINCE],
    "meetings": _PROVINCE,
    "attendees": [Column("person_id", _S)],
    "positions": [Column("person_id", _S), Column("name", _S), Column("role", _S), Column("organisation", _S),
                  *_PROVINCE, Column("province_source", _S)],
    "metrics": [*_PROVINCE, Column("year", _I)],
}
SCHEMA: dict[str, Schema] = {
    name: Schema([(c.name, c.type) for c in t.keys + t.columns + EXTRA.get(name, [])])
    for name, t in TABLES.items()}
SCHEMA["places"] = Schema([
    ("doc_id", _S), ("place_idx", _I), ("level", _S), ("text", _S), ("char_start", _I), ("char_end", _I),
    ("level_word", _S), ("name", _S), ("district", _S), ("commune_today", _S), ("province", _S),
    ("province_code", _S), ("province_today", _S), ("province_today_code", _S)])
SCHEMA["people"] = Schema([
    ("person_id", _S), ("name", _S), ("name_key", _S), ("names", _LS), ("article_count", _I), ("position_count", _I),
    ("positions", _LS), ("provinces", _LS), ("first_seen", DATE), ("last_seen", DATE), ("doc_ids", _LS)])
SCHEMA["careers"] = Schema([
    ("person_id", _S), ("career_idx", _I), ("name", _S), ("name_key", _S), ("post", _S), ("role", _S),
    ("organisation", _S),
    ("province", _S), ("province_today", _S), ("first_seen", DATE), ("last_seen", DATE), ("doc_ids", _LS),
    ("n_pages", _I), ("titles", _LS)])
# what each table's rows are keyed by, and what links them (the SQLite tables declare them, so Datasette links them)
PRIMARY_KEY = {name: [f.name for f in SCHEMA[name] if f.name == "doc_id" or f.name.endswith("_idx")]
               for name in SCHEMA}
PRIMARY_KEY.update(people=["person_id"], careers=["person_id", "career_idx"])
FOREIGN_KEYS = {name: [("doc_id", "documents", "doc_id")] for name in SCHEMA if name not in ("documents", "people")}
FOREIGN_KEYS["careers"] = [("person_id", "people", "person_id")]
for _name in ("attendees", "positions"):
    FOREIGN_KEYS[_name].append(("person_id", "people", "person_id"))
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _province(key: str | None) -> dict:
    g = gazetteer()
    return {"province": g.short(key), "province_today": g.today(key)}


def _metric_province(m: dict, text: str, places: PagePlaces) -> str | None:
    """The province the metric's sentence names (when it names one), else the page's."""
    sentence, start = m.get("sentence") or "", m.get("start")
    s0 = text.find(sentence, max(0, start - len(sentence))) if sentence and isinstance(start, int) else -1
    if 0 <= s0 <= start:
        named = {p.province for p in places.between(s0, s0 + len(sentence)) if p.province}
        if len(named) == 1:
            return gazetteer().key_of(named.pop())
    return places.province


def _year(m: dict, record: dict, places: PagePlaces) -> int | None:
    """The year the metric's period names ("6 tháng đầu năm 2025"), else the page's (its meeting's, or its date)."""
    found = _YEAR.findall(m.get("period") or "")
    if found:
        return int(found[-1])
    year = (record.get("meeting") or {}).get("year")
    return year if isinstance(year, int) else int(places.date[:4]) if places.date else None


def rows(record: dict, ids: dict[tuple[str, int], str] | None = None, places: PagePlaces | None = None,
         titles: list[list[Title | None]] | None = None) -> dict[str, list[dict]]:
    """The table rows of one record (all tables but `people` and `careers`); `ids`: the people directory's
    person_ids by (doc_id, attendee index) (None: the person_id cells are left None, to be filled in later);
    `places`, `titles`: page_places and titles_of its attendees, when the caller has them already."""
    ids = ids or {}
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    out["places"] = []
    doc_id, text = record["doc_id"], record.get("text") or ""
    places = places or page_places(record)
    attendees = record.get("attendees") or []
    if titles is None:
        titles = [titles_of(a, places) for a in attendees]  # each position as a post, with its province
    for name, row, obj in TABLES["documents"].rows(record, (doc_id,)):
        out[name].append(row)
        if name == "documents":
            row.update(n_attendees=len(attendees), n_metrics=len(record.get("metrics") or []),
                       **_province(places.province))
        elif name == "meetings":
            where, _ = places.province_of(obj.get("location"))
            row.update(_province(where or places.province))
        elif name == "attendees":
            row["person_id"] = ids.get((doc_id, row["attendee_idx"]))
        elif name == "positions":
            a = attendees[row["attendee_idx"]]
            t = titles[row["attendee_idx"]][row["position_idx"]]
            role, org = split_post(t.text) if t else (None, None)
            row.update(person_id=ids.get((doc_id, row["attendee_idx"])), name=a.get("name"), role=role,
                       organisation=org, **_province(t.post[1] if t else None),
                       province_source=(t.province_source or None) if t else None)
        elif name == "metrics":
            row.update(_province(_metric_province(obj, text, places)), year=_year(obj, record, places))
    for i, p in enumerate(places.places):
        out["places"].append({
            "doc_id": doc_id, "place_idx": i, "level": p.level, "text": p.text, "char_start": p.start,
            "char_end": p.end, "level_word": p.level_word, "name": p.name, "district": p.district,
            "commune_today": p.commune_today, "province": p.province, "province_code": p.province_code,
            "province_today": p.province_today, "province_today_code": p.province_today_code})
    return out


def _flat(value):
    """A cell for a format with no list or date type: lists as JSON, dates and times as ISO strings."""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, default=_iso)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _iso(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__}")


def _flat_type(t: DataType) -> DataType:
    return STRING if t.is_list or t.name.startswith("timestamp") else t


def _arrow_table(rows: list[dict], schema):
    import pyarrow as pa
    return pa.Table.from_pylist(rows, schema=schema)


class _Sink:
    """Streams rows of each table into one format."""

    def __init__(self, fmt: str, tmp):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.fmt, self.writers = fmt, {}
        # the files it writes, by their final names
        self.files = [DUCKDB_FILE] if fmt == "duckdb" else [SQLITE_FILE] if fmt == "sqlite" else \
            [f"{name}.{fmt}" for name in SCHEMA]
        if fmt == "duckdb":
            import duckdb
            self.db = duckdb.connect(str(tmp(DUCKDB_FILE)))
            for name, schema in SCHEMA.items():
                self.db.register("empty_batch", schema.arrow().empty_table())
                self.db.execute(f"CREATE TABLE {name} AS SELECT * FROM empty_batch")
                self.db.unregister("empty_batch")
        elif fmt == "sqlite":
            from pipeline.export.sqlite import SqliteWriter
            self.db = SqliteWriter(tmp(SQLITE_FILE), SCHEMA, PRIMARY_KEY, FOREIGN_KEYS)
        elif fmt == "jsonl":
            for name in SCHEMA:
                self.writers[name] = open(tmp(f"{name}.{fmt}"), "w", encoding="utf-8")
        else:
            import pyarrow as pa  # (only here: JSONL and SQLite tables need no pyarrow)
            import pyarrow.csv
            import pyarrow.parquet
            for name, schema in SCHEMA.items():
                path = tmp(f"{name}.{fmt}")
                if fmt == "parquet":
                    self.writers[name] = pyarrow.parquet.ParquetWriter(path, schema.arrow())
                else:
                    f = pa.OSFile(str(path), "wb")
                    f.write(b"\xef\xbb\xbf")  # the UTF-8 byte-order mark: Excel reads the file as UTF-8
                    flat = Schema([(fl.name, _flat_type(fl.type)) for fl in schema]).arrow()
                    self.writers[name] = (pyarrow.csv.CSVWriter(f, flat), f, flat)

    def write(self, name: str, batch: list[dict]) -> None:
        if not batch:
            return
        if self.fmt == "jsonl":
            self.writers[name].writelines(json.dumps(r, ensure_ascii=False, default=_iso) + "\n" for r in batch)
        elif self.fmt == "sqlite":
            self.db.write(name, [[_flat(r.get(c)) for c in SCHEMA[name].names] for r in batch])
        elif self.fmt == "csv":
            writer, _, flat = self.writers[name]
            flats = [{k: (v.isoformat() if isinstance(v, dt.datetime) else _flat(v) if isinstance(v, list) else v)
                      for k, v in r.items()} for r in batch]
            writer.write_table(_arrow_table(flats, flat))
        else:
            table = _arrow_table(batch, SCHEMA[name].arrow())
            if self.fmt == "duckdb":
                self.db.register("batch", table)
                self.db.execute(f"INSERT INTO {name} SELECT * FROM batch")
                self.db.unregister("batch")
            else:
                self.writers[name].write_table(table)

    def close(self) -> None:
        for w in self.writers.values():
            if isinstance(w, tuple):
                w[0].close()
                w[1].close()
            else:
                w.close()
        if self.fmt in ("duckdb", "sqlite"):
            self.db.close()


# the tables whose rows carry a person_id: held (pickled to a temp file) until the people directory is complete
_LINKED = ("attendees", "positions")


def record_rows(record: dict) -> tuple[dict[str, list[dict]], list]:
    """(rows of every table but `people` and `careers`, the record's sightings for the people directory): what the
    tables take from one record, its places and titles found once. A worker that holds the record computes them
    (pipeline.batch.work), or write_tables from the record's line."""
    places = page_places(record)
    titles = [titles_of(a, places) for a in record.get("attendees") or []]
    return rows(record, None, places, titles), list(sightings_of(record, places, titles))


class TableBuilder:
    """Every table of `fmt` in `out`, written as records come (add, add_record), completed by finish() or dropped
    by abort(): the rows of each batch written as it ends, the attendees kept as sightings for the people
    directory, the attendee and position rows waiting in a temp file for the person_ids the complete directory
    gives them; then the people and careers rows. Every file is a temp file until finish() renames it."""

    def __init__(self, out: Path, fmt: str, journal: bool = True):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.out, self.fmt, self.journal = Path(out), fmt, journal
        self.counts = {name: 0 for name in SCHEMA}
        self.sightings: list = []
        self.entries: list[tuple] = []
        self.batch: dict[str, list[dict]] = {}
        self.n = self.size = 0
        self._stack = ExitStack()
        self.sink = None
        try:
            self.tmp = self._stack.enter_context(atomic_files(self.out))
            self.held = self._stack.enter_context(tempfile.TemporaryFile(dir=self.out, prefix=".linked-"))
            self.sink = _Sink(fmt, self.tmp)
        except BaseException:
            self._stack.__exit__(*sys.exc_info())
            raise

    def add_record(self, record: dict, size: int) -> None:
        """One record of records.jsonl (`size`: the bytes of its line)."""
        self.add((record["doc_id"], record.get("content_hash"), record.get("source")), *record_rows(record), size)

    def add(self, entry: tuple, tables: dict[str, list[dict]], sightings: list, size: int) -> None:
        """One record's journal entry (doc_id, content hash, source) and record_rows."""
        self.entries.append(entry)
        self.sightings.extend(sightings)
        batch = self.batch
        for name, rs in tables.items():
            if name in batch:
                batch[name].extend(rs)
            else:
                batch[name] = list(rs)
        self.n += 1
        self.size += size
        if self.n >= BATCH or self.size >= BATCH_BYTES:  # the rows of a batch are held until written
            self._flush()

    def _flush(self) -> None:
        if not self.n:
            return
        tables, self.batch, self.n, self.size = self.batch, {}, 0, 0
        pickle.dump([tables.pop(name, []) for name in _LINKED], self.held, protocol=pickle.HIGHEST_PROTOCOL)
        for name, rs in tables.items():
            self.sink.write(name, rs)
            self.counts[name] += len(rs)

    def finish(self, digest: str | None) -> dict[str, int]:
        """Complete the tables and put them in place (with the stamp of the journal whose digest is `digest`, when
        they are the folder's journal's); row counts per table."""
        sink, counts = self.sink, self.counts
        try:
            try:
                self._flush()
                people = directory(self.sightings)
                self.sightings = []
                ids = person_ids(people)
                self.held.seek(0)
                while True:
                    try:
                        linked = pickle.load(self.held)
                    except EOFError:
                        break
                    for name, rs in zip(_LINKED, linked):
                        for row in rs:
                            row["person_id"] = ids.get((row["doc_id"], row["attendee_idx"]))
                        sink.write(name, rs)
                        counts[name] += len(rs)
                for start in range(0, len(people), BATCH):
                    careers = [(p, p.careers()) for p in people[start:start + BATCH]]
                    sink.write("people", [p.row(cs) for p, cs in careers])
                    career_rows = [c.row(p, i) for p, cs in careers for i, c in enumerate(cs)]
                    sink.write("careers", career_rows)
                    counts["people"] += len(careers)
                    counts["careers"] += len(career_rows)
            finally:
                self.sink = None
                sink.close()
            if self.journal:  # created last, so renamed last: a stamp never speaks for tables not in place
                _write_stamp(self.tmp(TABLES_STAMP), self.out, self.fmt, digest, sink.files, self.entries)
        except BaseException:
            self._stack.__exit__(*sys.exc_info())
            raise
        self._stack.close()
        return counts

    def abort(self) -> None:
        """Drop the tables begun: no file of theirs is left."""
        try:
            if self.sink is not None:
                sink, self.sink = self.sink, None
                sink.close()
        finally:
            try:
                raise _Aborted
            except _Aborted:
                self._stack.__exit__(*sys.exc_info())


class _Aborted(Exception):
    pass


def write_tables(out: Path, fmt: str = "parquet", records_path: Path | None = None) -> dict[str, int]:
    """Build every table of `fmt` in `out` from records.jsonl; returns row counts per table (TableBuilder: one
    pass over the records, each record's places and titles found once)."""
    out = Path(out)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    records_path = Path(records_path or out / "records.jsonl")
    journal = records_path.resolve() == (out / "records.jsonl").resolve()  # (the tables of the folder's journal)
    digest = file_digest(records_path) if journal else None
    builder = TableBuilder(out, fmt, journal)
    try:
        for record, size in iter_sized_records(records_path):
            builder.add_record(record, size)
    except BaseException:
        builder.abort()
        raise
    return builder.finish(digest)


def _write_stamp(path: Path, out: Path, fmt: str, digest: str, files: list[str], entries: list[tuple]) -> None:
    stamp = read_stamp(out)
    formats = stamp.get("formats") if stamp.get("records") == digest and isinstance(stamp.get("formats"), dict) \
        else {}
    formats = {**formats, fmt: files}
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"records": digest, "formats": formats, "entries": entries}, f)  # (ASCII: any lone surrogate)
