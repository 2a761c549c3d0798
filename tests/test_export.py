"""Query tables built from a real extraction of the samples in data/raw: every format, every table, linked by
doc_id/person_id, each row carrying the record's own values, written atomically."""
import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.batch.run import run
from pipeline.export import tables as export
from pipeline.export.tables import FORMATS, SCHEMA, write_tables

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    out = tmp_path_factory.mktemp("raw")
    run([RAW], out, fmt="jsonl", workers=1)
    return out, [json.loads(line) for line in (out / "records.jsonl").open(encoding="utf-8")]


def read_table(out, fmt, name) -> pd.DataFrame:
    if fmt == "duckdb":
        with duckdb.connect(str(out / export.DUCKDB_FILE), read_only=True) as con:
            return con.execute(f"SELECT * FROM {name}").df()
    reader = {"parquet": pd.read_parquet, "csv": pd.read_csv,
              "jsonl": lambda p: pd.read_json(p, lines=True, dtype=False)}[fmt]
    return reader(out / f"{name}.{fmt}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_has_every_table_with_the_records_values(extracted, tmp_path, fmt):
    src, records = extracted
    shutil.copy(src / "records.jsonl", tmp_path / "records.jsonl")
    counts = write_tables(tmp_path, fmt)
    n_att = sum(len(r["attendees"]) for r in records)
    assert counts["documents"] == len(records) == 5 and counts["attendees"] == n_att
    assert counts["positions"] == sum(len(a["positions"]) for r in records for a in r["attendees"])
    assert counts["metrics"] == sum(len(r["metrics"]) for r in records)
    docs = read_table(tmp_path, fmt, "documents")
    assert list(docs.columns) == SCHEMA["documents"].names
    assert sorted(docs.doc_id) == sorted(r["doc_id"] for r in records)
    # the Prime Minister of the VCCorp sample: one person in people, linked from attendees and positions
    att, pos, people = (read_table(tmp_path, fmt, t) for t in ("attendees", "positions", "people"))
    pm = people[people.name == "Phạm Minh Chính"].iloc[0]
    assert att[att.name == "Phạm Minh Chính"].iloc[0].person_id == pm.person_id
    assert set(pos[pos.person_id == pm.person_id].text) == {
        p["text"] for r in records for a in r["attendees"] if a["name"] == "Phạm Minh Chính" for p in a["positions"]}
    # a metric row carries its record's value, offsets and sentence
    rec = next(r for r in records if r["doc_id"] == "vccorp_press_page")
    met = read_table(tmp_path, fmt, "metrics")
    row = met[(met.doc_id == rec["doc_id"]) & (met.metric_idx == 0)].iloc[0]
    m = rec["metrics"][0]
    assert (row.value, row.unit, row.char_start, row.context) == (m["value"], m["unit"], m["start"], m["sentence"])
    assert rec["text"][m["start"]:m["end"]] == m["text"]
    meetings = read_table(tmp_path, fmt, "meetings")
    assert set(meetings[meetings.meeting_idx == 0].type) == {r["meeting"]["type"] for r in records}
    assert not list(tmp_path.glob(".*.tmp"))


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
