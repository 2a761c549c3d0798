"""The SQL in the README's queries block runs on a DuckDB built from sample records and answers the question."""
import json
import re
from pathlib import Path

import duckdb
import pytest

from pipeline.export.tables import DUCKDB_FILE, write_tables
from pipeline.record import Attendee, Position, Record

README = Path(__file__).resolve().parents[1] / "README.md"


def queries() -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- queries:start -->(.*?)<!-- queries:end -->", text, re.S)
    assert block, "README has no queries block"
    return re.findall(r"```sql\n(.*?)```", block.group(1), re.S)


def person(name, *positions, roles=("attendee",)):
    return Attendee(name, [Position(p, p) for p in positions], list(roles))


def metric(text, snippet, value, unit, qualifier=None):
    start = text.index(snippet)
    return {"text": snippet, "value": value, "unit": unit, "qualifier": qualifier, "start": start,
            "end": start + len(snippet)}


def sample_records() -> list[dict]:
    t1 = ("Sáng 12/01, UBND tỉnh Hà Giang tổ chức hội nghị tổng kết năm. Đồng chí Nguyễn Văn An, Chủ tịch UBND tỉnh "
          "chủ trì. Năm qua, GRDP của tỉnh Hà Giang tăng 6,5% so với năm trước.")
    t2 = ("Chiều 20/03, Tỉnh ủy Quảng Trị họp phiên thường kỳ. Đồng chí Nguyễn Văn An, Ủy viên Ban Thường vụ Tỉnh ủy "
          "dự họp. Tổng sản phẩm trên địa bàn (GRDP) của tỉnh Quảng Trị ước đạt 42.300 tỷ đồng.")
    t3 = "Ngày 05/04, Sở Y tế tỉnh Hà Giang kiểm tra công tác tiêm chủng; 1.200 trẻ em được tiêm vắc xin."
    return [
        Record("hg-01", "hg-01.txt", "Hà Giang tổng kết năm", t1, published="2024-01-12",
               meeting={"type": "hội nghị", "date": "2024-01-12", "time_of_day": "sáng", "location": "Hà Giang"},
               attendees=[person("Nguyễn Văn An", "Chủ tịch UBND tỉnh", roles=("chair",))],
               metrics=[metric(t1, "6,5%", 6.5, "%", "tăng")]).to_dict(),
        Record("qt-02", "qt-02.txt", "Quảng Trị họp thường kỳ", t2, published="2024-03-20",
               meeting={"type": "phiên họp", "date": "2024-03-20", "time_of_day": "chiều", "location": None},
               attendees=[person("Nguyễn Văn An", "Chủ tịch UBND tỉnh", "Ủy viên Ban Thường vụ Tỉnh ủy"),
                          person("Trần Thị Mai", "Giám đốc Sở Kế hoạch và Đầu tư")],
               metrics=[metric(t2, "42.300 tỷ đồng", 42300e9, "đồng", "ước đạt")]).to_dict(),
        Record("hg-03", "hg-03.txt", "Kiểm tra tiêm chủng", t3, published="2024-04-05",
               meeting={"type": "kiểm tra", "date": "2024-04-05"},
               attendees=[person("Trần Thị Mai", "Giám đốc Sở Kế hoạch và Đầu tư")],
               metrics=[metric(t3, "1.200 trẻ em", 1200, "trẻ em")]).to_dict(),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    out = tmp_path_factory.mktemp("q")
    with open(out / "records.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in sample_records())
    write_tables(out, "duckdb")
    con = duckdb.connect(str(out / DUCKDB_FILE), read_only=True)
    yield con
    con.close()


def run(db, sql):
    cur = db.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def test_readme_has_three_queries():
    assert len(queries()) == 3


def test_meetings_attended_by_one_official(db):
    result = run(db, queries()[0])
    assert [r["doc_id"] for r in result] == ["hg-01", "qt-02"]
    assert [r["type"] for r in result] == ["hội nghị", "phiên họp"]
    assert result[0]["roles"] == "chair"


def test_grdp_metrics_by_province(db):
    result = run(db, queries()[1])
    assert [(r["province"], r["value"], r["unit"]) for r in result] == [("Hà Giang", 6.5, "%"),
                                                                       ("Quảng Trị", 42300e9, "đồng")]


def test_people_with_more_than_one_position(db):
    result = run(db, queries()[2])
    assert [(r["name"], r["position_count"], r["article_count"]) for r in result] == [("Nguyễn Văn An", 2, 2)]
    positions = json.loads(result[0]["positions"])
    assert positions[0] == {"position": "Chủ tịch UBND tỉnh", "doc_ids": ["hg-01", "qt-02"],
                            "dates": ["2024-01-12", "2024-03-20"]}
