"""Query tables built from real extractions (the samples in data/raw, the dev corpus): every format, every table,
typed as the record schema says, linked by doc_id/person_id, each row carrying the record's own values, written
atomically."""
import csv
import datetime as dt
import json
import shutil
import sqlite3
from dataclasses import fields, make_dataclass
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline import record as schema_of_records
from pipeline.batch.run import run
from pipeline.export import tables as export
from pipeline.export.schema import RENAMED, TABLES, Column, derive
from pipeline.export.tables import FORMATS, SCHEMA, write_tables

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
VN = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    out = tmp_path_factory.mktemp("raw")
    run([RAW], out, fmt="jsonl", workers=1)
    return out, [json.loads(line) for line in (out / "records.jsonl").open(encoding="utf-8")]


def read_rows(out, fmt, name) -> list[dict]:
    """A table's rows as each format gives them back (lists and dates JSON/ISO in csv, jsonl and sqlite)."""
    if fmt == "parquet":
        return pq.read_table(out / f"{name}.parquet").to_pylist()
    if fmt == "duckdb":
        with duckdb.connect(str(out / export.DUCKDB_FILE), read_only=True) as con:
            cur = con.execute(f"SELECT * FROM {name}")
            return [dict(zip([d[0] for d in cur.description], r)) for r in cur.fetchall()]
    if fmt == "sqlite":
        con = sqlite3.connect(out / export.SQLITE_FILE)
        con.row_factory = sqlite3.Row
        rows = [dict(r) for r in con.execute(f"SELECT * FROM {name}")]
        con.close()
        return rows
    if fmt == "csv":
        with open(out / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))
    return [json.loads(line) for line in open(out / f"{name}.jsonl", encoding="utf-8")]


def as_list(v):
    return json.loads(v) if isinstance(v, str) else v


def test_every_part_field_of_the_record_schema_is_a_column():
    """The tables derive from pipeline/record.py: each field of each part is a column of its table, or (a list of
    parts) a table of its own; Record.meeting is the first row of `meetings`."""
    by_part = {t.part: t for t in TABLES.values()}
    parts = [schema_of_records.Record, schema_of_records.Meeting, schema_of_records.Delegation,
             schema_of_records.Attendee, schema_of_records.Position, schema_of_records.Metric,
             schema_of_records.EntitySpan]
    for part in parts:
        table = by_part[part]
        columns = set(SCHEMA[table.name].names)
        for f in fields(part):
            child = {c.path[-1]: c for c in table.children}
            assert RENAMED.get(f.name, f.name) in columns or f.name in child \
                or any(c.covers == f.name for c in table.children), (part.__name__, f.name)
    assert TABLES["meetings"].covers == "meeting"
    assert {"entities", "delegations", "places", "people", "careers"} <= set(SCHEMA)


def test_a_field_added_to_the_record_schema_reaches_the_tables():
    """Deriving from a Record with more fields (a date, a list, a part) gives the columns and table they need."""
    extended = make_dataclass("Extended", [("signed_date", "str | None", None), ("tags", "list[str]", None),
                                           ("venue", "Delegation | None", None)], bases=(schema_of_records.Record,))
    extended.__module__ = schema_of_records.__name__  # its annotations name the record module's classes
    table = derive(extended, "documents", (), [Column("doc_id", SCHEMA["documents"].field("doc_id").type)])
    types = {c.name: c.type for c in table.columns}
    assert str(types["signed_date"]) == "date32[day]" and str(types["tags"]) == "list<item: string>"
    venue = next(c for c in table.children if c.name == "venue")
    assert [k.name for k in venue.keys] == ["doc_id"] and {c.name for c in venue.columns} >= {"side", "members"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_has_every_table_with_the_records_values(extracted, tmp_path, fmt):
    src, records = extracted
    shutil.copy(src / "records.jsonl", tmp_path / "records.jsonl")
    counts = write_tables(tmp_path, fmt)
    assert counts["documents"] == len(records) == 5
    assert counts["attendees"] == sum(len(r["attendees"]) for r in records)
    assert counts["positions"] == sum(len(a["positions"]) for r in records for a in r["attendees"])
    assert counts["metrics"] == sum(len(r["metrics"]) for r in records)
    assert counts["entities"] == sum(len(r["entities"]) for r in records)
    assert counts["meetings"] == sum(len(r["meetings"]) for r in records)
    docs = read_rows(tmp_path, fmt, "documents")
    assert list(docs[0]) == SCHEMA["documents"].names
    assert sorted(d["doc_id"] for d in docs) == sorted(r["doc_id"] for r in records)
    # the Prime Minister of the VCCorp sample: one person in people, linked from attendees and positions
    att, pos, people = (read_rows(tmp_path, fmt, t) for t in ("attendees", "positions", "people"))
    pm = next(p for p in people if p["name"] == "Phạm Minh Chính")
    assert next(a for a in att if a["name"] == "Phạm Minh Chính")["person_id"] == pm["person_id"]
    assert {p["text"] for p in pos if p["person_id"] == pm["person_id"]} == {
        p["text"] for r in records for a in r["attendees"] if a["name"] == "Phạm Minh Chính" for p in a["positions"]}
    # a metric row carries every field of its record's metric
    rec = next(r for r in records if r["doc_id"] == "vccorp_press_page")
    m = next(m for m in rec["metrics"] if m["value_normalized"])
    row = next(x for x in read_rows(tmp_path, fmt, "metrics")
               if x["doc_id"] == rec["doc_id"] and int(x["metric_idx"]) == rec["metrics"].index(m))
    for name in ("text", "unit", "currency", "subject", "period", "sentence", "qualifier", "change", "per"):
        assert (row[name] or None) == m[name], name
    assert float(row["value"]) == m["value"] and float(row["value_normalized"]) == m["value_normalized"]
    assert int(row["scale"]) == m["scale"] and int(row["char_start"]) == m["start"]
    assert rec["text"][m["start"]:m["end"]] == m["text"]
    meetings = read_rows(tmp_path, fmt, "meetings")
    assert {x["type"] for x in meetings if int(x["meeting_idx"]) == 0} == {r["meeting"]["type"] for r in records}
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("fmt", ["parquet", "duckdb"])
def test_typed_columns(extracted, tmp_path, fmt):
    """Dates are dates, the page's timestamp keeps its zone, lists are lists, numbers are numbers."""
    src, records = extracted
    shutil.copy(src / "records.jsonl", tmp_path / "records.jsonl")
    write_tables(tmp_path, fmt)
    docs = {d["doc_id"]: d for d in read_rows(tmp_path, fmt, "documents")}
    liferay = docs["liferay_portal_page"]  # published "2024-03-28T16:45:00+07:00"
    assert liferay["published"] == dt.datetime(2024, 3, 28, 16, 45, tzinfo=VN)
    assert liferay["published_date"] == dt.date(2024, 3, 28)
    dated = docs["thaiphong-2024-05-10"]  # published "2024-05-10": a date, no time made up
    assert dated["published"] is None and dated["published_date"] == dt.date(2024, 5, 10)
    assert isinstance(liferay["authors"], list)
    meeting = next(m for m in read_rows(tmp_path, fmt, "meetings") if m["doc_id"] == "liferay_portal_page")
    assert meeting["date"] == dt.date(2024, 3, 28) and isinstance(meeting["types"], list)
    att = read_rows(tmp_path, fmt, "attendees")
    assert all(isinstance(a["roles"], list) and isinstance(a["mentions"], list) for a in att)
    assert isinstance(read_rows(tmp_path, fmt, "people")[0]["doc_ids"], list)


def test_duckdb_date_and_list_functions_work(extracted, tmp_path):
    src, records = extracted
    shutil.copy(src / "records.jsonl", tmp_path / "records.jsonl")
    write_tables(tmp_path, "duckdb")
    with duckdb.connect(str(tmp_path / export.DUCKDB_FILE), read_only=True) as con:
        months = con.execute("SELECT DISTINCT CAST(date_trunc('month', published_date) AS DATE) FROM documents "
                             "WHERE published_date IS NOT NULL").fetchall()
        assert (dt.date(2024, 3, 1),) in months
        chairs = con.execute("SELECT count(*) FROM attendees WHERE list_contains(roles, 'chair')").fetchone()[0]
        assert chairs == sum("chair" in a["roles"] for r in records for a in r["attendees"]) > 0


def test_csv_starts_with_a_bom_and_keeps_vietnamese(extracted, tmp_path):
    src, _ = extracted
    shutil.copy(src / "records.jsonl", tmp_path / "records.jsonl")
    write_tables(tmp_path, "csv")
    raw = (tmp_path / "people.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "Phạm Minh Chính".encode() in raw
    people = read_rows(tmp_path, "csv", "people")
    assert all(isinstance(json.loads(p["doc_ids"]), list) for p in people)


def test_sqlite_has_keys_links_and_full_text_search(dev_out, tmp_path):
    shutil.copy(dev_out / "records.jsonl", tmp_path / "records.jsonl")
    write_tables(tmp_path, "sqlite")
    con = sqlite3.connect(tmp_path / export.SQLITE_FILE)
    fks = con.execute("SELECT \"table\", \"from\" FROM pragma_foreign_key_list('attendees')").fetchall()
    assert ("people", "person_id") in fks and ("documents", "doc_id") in fks
    # accents and case folded: "phuc" finds "Nguyễn Xuân Phúc", "hoa binh" both spellings of "Nguyễn Hòa/Hoà Bình"
    hits = {r[0] for r in con.execute("SELECT name FROM people_fts WHERE people_fts MATCH 'phuc'")}
    same_name = con.execute("SELECT name FROM people_fts WHERE people_fts MATCH ?", ['name : "nguyen hoa binh"'])
    assert {r[0] for r in same_name} == {"Nguyễn Hòa Bình", "Nguyễn Hoà Bình"}
    assert "Nguyễn Xuân Phúc" in hits
    docs = con.execute("SELECT d.doc_id FROM documents_fts f JOIN documents d ON d.rowid = f.rowid "
                       "WHERE documents_fts MATCH 'GRDP'").fetchall()
    assert docs and all("GRDP" in con.execute("SELECT text FROM documents WHERE doc_id = ?", d).fetchone()[0]
                        for d in docs)
    con.close()


def test_a_failed_export_leaves_the_previous_tables_whole(extracted, tmp_path, monkeypatch):
    src, _ = extracted
    shutil.copy(src / "records.jsonl", tmp_path / "records.jsonl")
    write_tables(tmp_path, "parquet")
    before = {p.name: p.read_bytes() for p in tmp_path.glob("*.parquet")}
    lines = (tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "records.jsonl").write_text(lines[0], encoding="utf-8")

    def boom(self, name, batch):
        raise OSError("disk full")
    monkeypatch.setattr(export._Sink, "write", boom)
    with pytest.raises(OSError):
        write_tables(tmp_path, "parquet")
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.parquet")} == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_torn_last_line_is_ignored(extracted, tmp_path):
    src, records = extracted
    shutil.copy(src / "records.jsonl", tmp_path / "records.jsonl")
    with open(tmp_path / "records.jsonl", "a", encoding="utf-8") as f:
        f.write('{"doc_id": "half-writ')
    assert write_tables(tmp_path, "jsonl")["documents"] == len(records)


def test_unknown_format_is_refused(extracted, tmp_path):
    src, _ = extracted
    shutil.copy(src / "records.jsonl", tmp_path / "records.jsonl")
    with pytest.raises(ValueError, match="format"):
        write_tables(tmp_path, "xlsx")


def test_batches_are_sized_by_bytes_and_give_the_same_tables(extracted, tmp_path, monkeypatch):
    """A batch of rows ends at BATCH_BYTES of records.jsonl, so a folder of long pages is written a few pages at a
    time; the tables (the person_ids filled in after the directory is complete included) are the same however the
    records are batched."""
    src, records = extracted
    for name in ("one", "many"):
        (tmp_path / name).mkdir()
        shutil.copy(src / "records.jsonl", tmp_path / name / "records.jsonl")
    write_tables(tmp_path / "one", "parquet")
    monkeypatch.setattr(export, "BATCH_BYTES", 1)  # every record a batch of its own
    write_tables(tmp_path / "many", "parquet")
    assert pq.ParquetFile(tmp_path / "one" / "documents.parquet").num_row_groups == 1
    assert pq.ParquetFile(tmp_path / "many" / "documents.parquet").num_row_groups == len(records)
    for name in SCHEMA:
        assert read_rows(tmp_path / "one", "parquet", name) == read_rows(tmp_path / "many", "parquet", name), name
    assert any(r["person_id"] for r in read_rows(tmp_path / "many", "parquet", "positions"))
    assert [p.name for p in (tmp_path / "many").glob(".*")] == [".vngov.tables"]  # the held rows' temp file is gone
