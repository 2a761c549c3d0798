"""The SQL in the README's queries block, run as written on the DuckDB database of a real extraction of the dev
corpus (../shared/corpus/dev, read at run time), returns the rows it promises."""
import re
from pathlib import Path

import duckdb
import pytest

from pipeline.batch.run import run as extract_batch
from pipeline.export.tables import DUCKDB_FILE

README = Path(__file__).resolve().parents[1] / "README.md"
DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def queries() -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- queries:start -->(.*?)<!-- queries:end -->", text, re.S)
    assert block, "README has no queries block"
    return re.findall(r"```sql\n(.*?)```", block.group(1), re.S)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    if not DEV.is_dir():
        pytest.skip("dev corpus ../shared/corpus/dev absent")
    out = tmp_path_factory.mktemp("q")
    extract_batch([DEV], out, fmt="duckdb", workers=1)
    con = duckdb.connect(str(out / DUCKDB_FILE), read_only=True)
    yield con
    con.close()


def rows(db, sql):
    cur = db.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def test_readme_has_three_queries():
    assert len(queries()) == 3


def test_meetings_attended_by_one_official(db):
    result = rows(db, queries()[0])
    # Trần Lưu Quang, Bí thư Thành ủy Hải Phòng, is on two dev pages: the seed signing and a31
    assert sorted(r["doc_id"] for r in result) == ["a31", "seed"]
    seed = next(r for r in result if r["doc_id"] == "seed")
    assert seed["type"] == "signing" and "speaker" in seed["roles"]


def test_grdp_metrics(db):
    result = rows(db, queries()[1])
    assert len(result) >= 5
    assert all("grdp" in r["context"].casefold() or "tổng sản phẩm" in r["context"].casefold() for r in result)
    assert any(r["unit"] == "%" for r in result)


def test_people_with_more_than_one_position(db):
    result = rows(db, queries()[2])
    assert result and all(r["position_count"] > 1 for r in result)
    assert "Huỳnh Thành Đạt" in {r["name"] for r in result}
