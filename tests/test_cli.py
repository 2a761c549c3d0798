"""The `vngov` command line on sample inputs: extract (every format, errors), tables, show, eval."""
import json

import pytest
from typer.testing import CliRunner

from cli import app

runner = CliRunner()

HTML = """<html><head><title>Kỳ họp thứ 9 HĐND tỉnh Tây Ninh</title></head><body><article>
<h1>Khai mạc Kỳ họp thứ 9 HĐND tỉnh Tây Ninh</h1>
<p>Sáng 10/7, HĐND tỉnh Tây Ninh khóa X khai mạc Kỳ họp thứ 9. Đồng chí Nguyễn Văn An, Chủ tịch UBND tỉnh dự và
phát biểu. Kỳ họp xem xét 25 tờ trình; tổng vốn đầu tư công năm 2025 là 6.850 tỷ đồng.</p>
</article></body></html>"""
TEXT = ("Sở Nông nghiệp tỉnh Long An họp giao ban tháng 8\n\nChiều 28/8, Sở Nông nghiệp và Phát triển nông thôn "
        "tỉnh Long An họp giao ban. Đồng chí Võ Thành Công, Giám đốc Sở chủ trì. Diện tích lúa thu hoạch đạt "
        "45.600 ha, năng suất bình quân 5,8 tấn/ha.")
RECORD_KEYS = {"doc_id", "source", "title", "text", "url", "published", "meeting", "meetings", "attendees",
               "authors", "metrics", "entities", "captions", "content_hash"}


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "tayninh.html").write_text(HTML, encoding="utf-8")
    (folder / "longan.txt").write_text(TEXT, encoding="utf-8")
    (folder / "feed.jsonl").write_text(json.dumps({"id": "feed-1", "text": TEXT.replace("Long An", "Tiền Giang")},
                                                  ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    return folder


def extract(*args):
    result = runner.invoke(app, ["extract", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result


def test_extract_writes_records_errors_and_a_summary(inputs, tmp_path):
    out = tmp_path / "out"
    result = extract(inputs, "-o", out, "--format", "csv")
    records = [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["doc_id"] for r in records) == ["feed-1", "longan", "tayninh"]
    for r in records:
        assert RECORD_KEYS <= set(r)
        assert all({"name", "positions", "roles"} <= set(a) for a in r["attendees"])
        assert all({"text", "value", "unit", "qualifier", "start", "end"} <= set(m) for m in r["metrics"])
    assert "Đồng chí Võ Thành Công" in next(r for r in records if r["doc_id"] == "longan")["text"]
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(errors) == 1 and errors[0]["source"].endswith("feed.jsonl") and errors[0]["line"] == 2
    assert "3 docs, 1 errors" in result.output and "attendees" in result.output and "metrics" in result.output


@pytest.mark.parametrize("fmt,files", [("parquet", ["documents.parquet", "people.parquet"]),
                                       ("csv", ["meetings.csv", "metrics.csv"]),
                                       ("jsonl", ["attendees.jsonl", "positions.jsonl"]),
                                       ("duckdb", ["vngov.duckdb"]), ("sqlite", ["vngov.sqlite"])])
def test_every_format(inputs, tmp_path, fmt, files):
    out = tmp_path / fmt
    extract(inputs, "-o", out, "--format", fmt, "--workers", "2")
    for name in files:
        assert (out / name).stat().st_size > 0
    if fmt == "duckdb":
        import duckdb
        with duckdb.connect(str(out / "vngov.duckdb"), read_only=True) as con:
            assert con.execute("SELECT count(*) FROM documents").fetchone() == (3,)


def test_bad_options_are_refused(inputs, tmp_path):
    assert runner.invoke(app, ["extract", str(inputs), "-o", str(tmp_path / "x"), "--format", "xml"]).exit_code != 0
    bad_engine = runner.invoke(app, ["extract", str(inputs), "-o", str(tmp_path / "y"), "--engine", "dask"])
    assert bad_engine.exit_code != 0 and "scheduler" in bad_engine.output


def test_resume_skips_what_is_done(inputs, tmp_path):
    out = tmp_path / "out"
    extract(inputs, "-o", out)
    result = extract(inputs, "-o", out, "--resume")
    assert "0 docs, 1 errors, 3 skipped" in result.output
    assert len((out / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_tables_rebuilds_from_records(inputs, tmp_path):
    out = tmp_path / "out"
    extract(inputs, "-o", out, "--format", "csv")
    result = runner.invoke(app, ["tables", str(out), "--format", "jsonl"])
    assert result.exit_code == 0 and "3 documents" in result.output
    assert len((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_show_renders_a_record_and_a_displacy_page(inputs, tmp_path):
    page = tmp_path / "page.html"
    result = runner.invoke(app, ["show", str(inputs / "longan.txt"), "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert "Attendees" in result.output and "Metrics" in result.output and "Meeting" in result.output
    html = page.read_text(encoding="utf-8")
    assert "<title>displaCy</title>" in html and "Võ Thành Công" in html


def test_show_reads_a_record_from_records_jsonl(tmp_path):
    text = "Đồng chí Lý Văn Sơn dự họp; doanh thu đạt 12 tỷ đồng."
    start = text.index("12 tỷ đồng")
    record = {"doc_id": "r1", "source": "r1.txt", "title": "Họp", "text": text, "meeting": {"type": "họp"},
              "attendees": [{"name": "Lý Văn Sơn", "positions": [{"text": "Bí thư Đảng ủy xã",
                                                                  "normalized": "Bí thư Đảng ủy xã"}],
                             "roles": ["attendee"]}],
              "metrics": [{"text": "12 tỷ đồng", "value": 12e9, "unit": "đồng", "qualifier": "đạt",
                           "start": start, "end": start + len("12 tỷ đồng")}]}
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps({**record, "doc_id": "r0"}, ensure_ascii=False) + "\n"
                    + json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    page = tmp_path / "r1.html"
    result = runner.invoke(app, ["show", str(path), "--doc", "r1", "--html", str(page)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Lý Văn Sơn" in result.output and "Bí thư Đảng ủy xã" in result.output and "12 tỷ đồng" in result.output
    assert "METRIC" in page.read_text(encoding="utf-8")
    assert runner.invoke(app, ["show", str(path), "--doc", "nope"]).exit_code == 1


def test_sqlite_format_and_serve_database(inputs, tmp_path):
    out = tmp_path / "sqlite"
    extract(inputs, "-o", out, "--format", "sqlite")
    import sqlite3
    con = sqlite3.connect(out / "vngov.sqlite")
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (3,)
    assert con.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'long an'").fetchone()[0] >= 1
    con.close()


def test_query_runs_sql_over_the_tables(inputs, tmp_path):
    out = tmp_path / "out"
    extract(inputs, "-o", out)  # parquet: the query command reads the files through DuckDB views
    result = runner.invoke(app, ["query", str(out), "SELECT doc_id, province, province_today FROM documents "
                                 "ORDER BY doc_id", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows == [{"doc_id": "feed-1", "province": "Tiền Giang", "province_today": "Đồng Tháp"},
                    {"doc_id": "longan", "province": "Long An", "province_today": "Tây Ninh"},
                    {"doc_id": "tayninh", "province": "Tây Ninh", "province_today": "Tây Ninh"}]
    bad = runner.invoke(app, ["query", str(out), "SELECT nope FROM documents"])
    assert bad.exit_code == 1 and "Traceback" not in bad.output and len(bad.output.strip().splitlines()) == 1
    empty = runner.invoke(app, ["query", str(tmp_path), "SELECT 1"])
    assert empty.exit_code == 1 and "no tables" in empty.output


def test_person_prints_a_timeline_found_by_any_spelling(inputs, tmp_path):
    out = tmp_path / "out"
    extract(inputs, "-o", out, "--format", "duckdb")
    result = runner.invoke(app, ["person", "VÕ THÀNH CÔNG", str(out)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Võ Thành Công" in result.output and "Giám đốc Sở" in result.output and "longan" in result.output
    missing = runner.invoke(app, ["person", "Không Có Ai", str(out)])
    assert missing.exit_code == 1 and "no person" in missing.output


def test_show_prints_page_text_as_text_not_markup(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("[bold]Hội nghị[/bold] tổng kết [red]năm 2024[/red]\n\nSáng 5/1, UBND tỉnh Nghệ An tổ chức hội "
                    "nghị. Đồng chí Nguyễn Đức Trung, Chủ tịch UBND tỉnh chủ trì.", encoding="utf-8")
    result = runner.invoke(app, ["show", str(page)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "[bold]Hội nghị[/bold]" in result.output
