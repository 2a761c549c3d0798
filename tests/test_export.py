"""Query tables from records.jsonl: every format, linked by doc_id/person_id, written atomically."""
import json

import duckdb
import pandas as pd
import pytest

from pipeline.export import tables as export
from pipeline.export.tables import FORMATS, SCHEMA, write_tables
from pipeline.record import Attendee, Position, Record

TEXT = ("Sáng 03/06, UBND tỉnh Bình Phước họp bàn kế hoạch đầu tư công. Đồng chí Lê Quang Huy, Phó Chủ tịch UBND "
        "tỉnh chủ trì. Tỷ lệ giải ngân đạt 45,2% kế hoạch vốn.")


def records():
    start = TEXT.index("45,2%")
    huy = Attendee("Lê Quang Huy", [Position("Phó Chủ tịch UBND tỉnh", "Phó Chủ tịch Ủy ban nhân dân tỉnh")],
                   ["chair"], mentions=[(90, 102)])
    return [
        Record("bp-1", "in/bp-1.txt", "Họp bàn đầu tư công", TEXT, published="2024-06-03", content_hash="h1",
               meeting={"type": "cuộc họp", "date": "2024-06-03", "time_of_day": "sáng", "location": None},
               attendees=[huy, Attendee("Vũ Thị Lan", [], ["attendee"])],
               metrics=[{"text": "45,2%", "value": 45.2, "unit": "%", "qualifier": "đạt", "start": start,
                         "end": start + 5}]).to_dict(),
        Record("bp-2", "in/bp-2.txt", None, "Tin vắn không có cuộc họp.", content_hash="h2").to_dict(),
    ]


def write_journal(out, recs):
    out.mkdir(exist_ok=True)
    with open(out / "records.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)


def read_table(out, fmt, name) -> pd.DataFrame:
    if fmt == "duckdb":
        with duckdb.connect(str(out / export.DUCKDB_FILE), read_only=True) as con:
            return con.execute(f"SELECT * FROM {name}").df()
    reader = {"parquet": pd.read_parquet, "csv": pd.read_csv,
              "jsonl": lambda p: pd.read_json(p, lines=True, dtype=False)}[fmt]
    return reader(out / f"{name}.{fmt}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_has_every_table_linked_by_ids(tmp_path, fmt):
    write_journal(tmp_path, records())
    counts = write_tables(tmp_path, fmt)
    assert counts == {"documents": 2, "meetings": 2, "attendees": 2, "positions": 1, "metrics": 1, "people": 2}
    docs = read_table(tmp_path, fmt, "documents")
    assert list(docs.columns) == SCHEMA["documents"].names
    assert sorted(docs.doc_id) == ["bp-1", "bp-2"]
    att = read_table(tmp_path, fmt, "attendees")
    pos = read_table(tmp_path, fmt, "positions")
    people = read_table(tmp_path, fmt, "people")
    huy = people[people.name == "Lê Quang Huy"].iloc[0]
    assert att[att.name == "Lê Quang Huy"].iloc[0].person_id == huy.person_id == pos.iloc[0].person_id
    assert pos.iloc[0].normalized == "Phó Chủ tịch Ủy ban nhân dân tỉnh"
    met = read_table(tmp_path, fmt, "metrics").iloc[0]
    assert (met.doc_id, met.value, met.unit, met.char_start) == ("bp-1", 45.2, "%", TEXT.index("45,2%"))
    assert met.context == "Tỷ lệ giải ngân đạt 45,2% kế hoạch vốn."
    meetings = read_table(tmp_path, fmt, "meetings").sort_values("doc_id")
    assert meetings.iloc[0].type == "cuộc họp" and json.loads(meetings.iloc[0].data)["time_of_day"] == "sáng"
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_failed_export_leaves_the_previous_tables_whole(tmp_path, monkeypatch):
    write_journal(tmp_path, records())
    write_tables(tmp_path, "parquet")
    before = {p.name: p.read_bytes() for p in tmp_path.glob("*.parquet")}
    write_journal(tmp_path, records()[:1])

    def boom(self, name, batch):
        raise OSError("disk full")
    monkeypatch.setattr(export._Sink, "write", boom)
    with pytest.raises(OSError):
        write_tables(tmp_path, "parquet")
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.parquet")} == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_torn_last_line_is_ignored(tmp_path):
    write_journal(tmp_path, records())
    with open(tmp_path / "records.jsonl", "a", encoding="utf-8") as f:
        f.write('{"doc_id": "half-writ')
    assert write_tables(tmp_path, "jsonl")["documents"] == 2


def test_unknown_format_is_refused(tmp_path):
    write_journal(tmp_path, records())
    with pytest.raises(ValueError, match="format"):
        write_tables(tmp_path, "xlsx")
