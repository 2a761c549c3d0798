"""The `vngov` command line on sample inputs: extract (every format, errors), tables, show, eval."""
import json

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.cli import EXIT_PARTIAL

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


def extract(*args, code=EXIT_PARTIAL):
    """`vngov extract`; on the `inputs` folder (one bad JSONL line in it) the run is done but partial: exit 3."""
    result = runner.invoke(app, ["extract", *map(str, args)])
    assert result.exit_code == code, result.output
    return result


def test_exit_code_says_whether_every_input_became_a_record(tmp_path):
    folder = tmp_path / "clean"
    folder.mkdir()
    (folder / "longan.txt").write_text(TEXT, encoding="utf-8")
    result = extract(folder, "-o", tmp_path / "out1", "--format", "jsonl", code=0)
    assert "1 docs, 0 errors" in result.output and "failed" not in result.output
    (folder / "broken.json").write_text('{"text": "Sáng 5/1, UBND tỉnh', encoding="utf-8")
    result = extract(folder, "-o", tmp_path / "out2", "--format", "jsonl", code=EXIT_PARTIAL)
    assert "1 docs, 1 errors" in result.output and "1 input failed: " in result.output


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


HOSTILE = "Hội nghị [link=https://evil.example]bấm[/link] [/x] [bold red]\x1b[31mđỏ\x1b[0m\x1b]8;;https://x\x1b\\ \u202eabc\r"


def test_show_prints_page_text_as_text(tmp_path):
    """Rich markup in a page ("[link=…]", "[/x]", which crashed show) is printed as written, and terminal escape
    sequences are shown as escapes instead of acting on the terminal."""
    import io

    from rich.console import Console

    from pipeline.export.show import render
    record = {"doc_id": "h1", "source": HOSTILE, "title": HOSTILE, "text": HOSTILE, "meeting": {"type": HOSTILE},
              "attendees": [{"name": HOSTILE, "positions": [{"text": HOSTILE}], "roles": [HOSTILE]}],
              "metrics": [{"text": HOSTILE, "value": 1, "unit": HOSTILE, "qualifier": None}]}
    buf = io.StringIO()
    render(record, Console(file=buf, force_terminal=True, color_system="truecolor", width=400))
    shown = buf.getvalue()
    assert shown.count("[link=https://evil.example]bấm[/link] [/x] [bold red]") == 8  # title, source, 6 cells
    assert "\x1b]8;" not in shown and "\x1b[31m" not in shown and "\u202e" not in shown and "\r" not in shown
    assert r"\x1b[31mđỏ\x1b[0m" in shown and r"\u202eabc\x0d" in shown
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["show", str(path)], terminal_width=400)
    assert result.exit_code == 0, result.output
    assert "[/x]" in result.output and "\x1b" not in result.output


def test_show_extracts_a_page_whose_text_holds_markup(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text(TEXT.replace("Võ Thành Công, Giám đốc Sở", "Võ Thành Công, Giám đốc Sở [/x] [link=https://a]"),
                    encoding="utf-8")
    result = runner.invoke(app, ["show", str(page)], terminal_width=300)
    assert result.exit_code == 0, result.output
    assert "Võ Thành Công" in result.output


def one_line_error(args, code):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == code, result.output
    assert result.output.count("\n") == 1 and result.output.startswith("vngov: error: "), result.output
    assert "Traceback" not in result.output and "╭" not in result.output
    return result.output


def test_user_and_environment_errors_are_one_line_with_an_exit_code(inputs, tmp_path, monkeypatch):
    assert "no such file or folder: " in one_line_error(["extract", tmp_path / "nope", "-o", tmp_path / "o"], 2)
    assert "--format" in one_line_error(["extract", inputs, "-o", tmp_path / "o", "--format", "xml"], 2)
    assert "--workers" in one_line_error(["extract", inputs, "-o", tmp_path / "o", "-j", "0"], 2)
    assert "--doc-timeout" in one_line_error(["extract", inputs, "-o", tmp_path / "o", "--doc-timeout", "-1"], 2)
    assert "Missing argument" in one_line_error(["extract"], 2)
    assert "No such command" in one_line_error(["exract"], 2)
    assert "no records.jsonl" in one_line_error(["tables", tmp_path], 2)
    assert "not a file" in one_line_error(["show", tmp_path / "nope.html"], 2)
    assert "not a folder" in one_line_error(["eval", tmp_path / "nope"], 2)
    (tmp_path / "afile").write_text("x")
    assert "cannot write the output" in one_line_error(["extract", inputs, "-o", tmp_path / "afile"], 1)


def test_a_read_only_output_folder_is_one_line(inputs, tmp_path, monkeypatch):
    import errno
    import os
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    if os.access(out, os.W_OK):  # root writes anywhere: refuse writes in the folder as a read-only mount would
        real = os.open

        def read_only(path, flags, *args, **kwargs):
            if str(path).startswith(str(out)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                raise PermissionError(errno.EROFS, os.strerror(errno.EROFS), str(path))
            return real(path, flags, *args, **kwargs)
        monkeypatch.setattr(os, "open", read_only)
    try:
        message = one_line_error(["extract", inputs, "-o", out], 1)
    finally:
        out.chmod(0o755)
    assert f"cannot write the output in {out}" in message
