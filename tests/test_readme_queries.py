"""The README's queries block, run exactly as written (`uv run vngov query OUT "SQL"`, OUT an extraction of the dev
corpus ../shared/corpus/dev, read at run time) through the `vngov` command, returns the rows it promises."""
import datetime as dt
import json
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.export.query import run_sql

README = Path(__file__).resolve().parents[1] / "README.md"
runner = CliRunner()


def commands() -> list[list[str]]:
    """The shell commands of the block's bash snippets, as argument lists."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- queries:start -->(.*?)<!-- queries:end -->", text, re.S)
    assert block, "README has no queries block"
    return [shlex.split(snippet) for snippet in re.findall(r"```bash\n(.*?)```", block.group(1), re.S)]


def run(out, args) -> list[dict]:
    """Run one README command as written (OUT replaced by the folder), then the rows of its SQL."""
    assert args[:5] == ["uv", "run", "vngov", "query", "OUT"], args
    result = runner.invoke(app, ["query", str(out), *args[5:]], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    json_result = runner.invoke(app, ["query", str(out), *args[5:], "--format", "json"])
    assert json_result.exit_code == 0, json_result.output
    rows = [json.loads(line) for line in json_result.output.splitlines()]
    columns, typed = run_sql(out, args[5])
    assert rows == [json.loads(json.dumps(dict(zip(columns, r)), default=str)) for r in typed]  # the same rows
    assert f"{len(rows)} rows" in result.output  # the table the user sees has the rows the JSON has
    return [dict(zip(columns, r)) for r in typed]


@pytest.fixture(scope="module")
def queries():
    return {i: cmd for i, cmd in enumerate(commands())}


def test_readme_has_six_queries(queries):
    assert len(queries) == 6


def test_meetings_attended_by_one_official(dev_out, queries):
    result = run(dev_out, queries[0])
    # Trần Lưu Quang, Bí thư Thành ủy Hải Phòng, is on two dev pages: the seed signing and a31
    assert sorted(r["doc_id"] for r in result) == ["a31", "seed"]
    seed = next(r for r in result if r["doc_id"] == "seed")
    assert seed["type"] == "signing" and "speaker" in seed["roles"] and seed["province"] == "Hải Phòng"


def test_one_officials_career(dev_out, queries):
    result = run(dev_out, queries[1])
    pm = [r for r in result if r["post"] == "Thủ tướng Chính phủ"]
    assert len(pm) == 1 and pm[0]["doc_ids"] == ["a19", "b27", "e25"]
    assert (pm[0]["first_seen"], pm[0]["last_seen"]) == (dt.date(2016, 7, 2), dt.date(2019, 2, 23))
    assert "Thủ tướng" not in {r["post"] for r in result}  # the short form is that post, not a line of its own


def test_budget_revenue_by_province_and_year(dev_out, queries):
    result = run(dev_out, queries[2])
    by_province = {r["province"]: r for r in result}
    assert by_province["Long An"]["ty_dong"] == pytest.approx(26500)
    assert by_province["Quảng Nam"]["ty_dong"] == pytest.approx(22711)
    assert all(r["province"] for r in result)


def test_grdp_metrics(dev_out, queries):
    result = run(dev_out, queries[3])
    assert len(result) >= 5
    assert all("grdp" in r["sentence"].casefold() or "tổng sản phẩm" in r["sentence"].casefold() for r in result)
    assert any(r["unit"] == "%" for r in result)


def test_meetings_by_province_as_of_today(dev_out, queries):
    result = {r["province_today"]: r for r in run(dev_out, queries[4])}
    assert result["An Giang"]["named_as"] == ["An Giang", "Kiên Giang"]
    assert result["Đà Nẵng"]["named_as"] == ["Quảng Nam", "Đà Nẵng"]


def test_people_with_more_than_one_position(dev_out, queries):
    result = run(dev_out, queries[5])
    assert result and all(r["position_count"] > 1 for r in result)
    assert "Huỳnh Thành Đạt" in {r["name"] for r in result}
