"""Batch runs: workers give the same output as one process, resume after a kill equals a fresh run."""
import json

import pyarrow.parquet as pq
import pytest

from pipeline.batch import pool, work
from pipeline.batch import run as batch
from pipeline.batch.run import content_hash, run
from pipeline.export.tables import SCHEMA
from pipeline.ingest.load import RawDoc

PROVINCES = ["Lào Cai", "Nghệ An", "Đắk Lắk", "Cà Mau", "Hưng Yên", "Kon Tum", "Bình Định", "Sóc Trăng"]
NAMES = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Phúc", "Phạm Thu Hà", "Đặng Quốc Khánh", "Hoàng Minh Đức"]


def article(i: int) -> str:
    prov, name = PROVINCES[i % len(PROVINCES)], NAMES[i % len(NAMES)]
    return (f"Hội nghị sơ kết công tác quý {i % 4 + 1} của tỉnh {prov}\n\n"
            f"Sáng {i % 28 + 1}/0{i % 9 + 1}, UBND tỉnh {prov} tổ chức hội nghị sơ kết. Tham dự có đồng chí {name}, "
            f"Phó Chủ tịch UBND tỉnh {prov}; lãnh đạo các sở, ngành.\n\n"
            f"Báo cáo cho biết tổng thu ngân sách đạt {1000 + 37 * i} tỷ đồng, tăng {i % 13 + 2},{i % 10}% "
            f"so với cùng kỳ; có {120 + i} dự án được cấp phép.")


def write_corpus(folder, n: int, start: int = 0):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"doc{i:04d}.txt").write_text(article(i), encoding="utf-8")
    return folder


def sorted_lines(path):
    return sorted(path.read_text(encoding="utf-8").splitlines())


def table(out, name):
    """The rows of a parquet table, in a canonical order (lists and dates compared as they are)."""
    t = pq.read_table(out / f"{name}.parquet")
    return t.schema, sorted(json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) for r in t.to_pylist())


def assert_same_output(a, b):
    assert sorted_lines(a / "records.jsonl") == sorted_lines(b / "records.jsonl")
    assert sorted_lines(a / "errors.jsonl") == sorted_lines(b / "errors.jsonl")
    for name in SCHEMA:
        assert table(a, name) == table(b, name), name


def test_records_carry_the_hash_resume_computes(tmp_path):
    run([write_corpus(tmp_path / "in", 2)], tmp_path / "out", workers=1)
    rec = json.loads((tmp_path / "out/records.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert rec["content_hash"] == content_hash(article(0))


def test_workers_give_the_same_output_as_one_process(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "in", 24)
    one = run([corpus], tmp_path / "one", workers=1)
    two = run([corpus], tmp_path / "two", workers=2)
    assert (one.docs, two.docs) == (24, 24)
    assert (tmp_path / "one/records.jsonl").read_text() == (tmp_path / "two/records.jsonl").read_text()  # in order
    assert_same_output(tmp_path / "one", tmp_path / "two")


def test_input_is_streamed_with_a_bounded_window(tmp_path, monkeypatch):
    """The pool must not read the whole input ahead of the results."""
    corpus = write_corpus(tmp_path / "in", 200)
    read = []

    def units(paths):
        for u in real_units(paths):
            read.append(u)
            yield u
    real_units = batch._units
    monkeypatch.setattr(batch, "_units", units)
    results = batch.local_outcomes([corpus], {}, workers=2, timeout=60)
    for _ in zip(range(5), results):
        pass
    assert len(read) <= 5 + 2 * pool.WINDOW_PER_WORKER  # consumed + the window
    results.close()


def test_resume_after_a_kill_equals_a_fresh_run(tmp_path):
    corpus = write_corpus(tmp_path / "in", 20)
    files = sorted(corpus.glob("*.txt"))
    run([corpus], tmp_path / "fresh", workers=1)
    run(files[:10], tmp_path / "resumed", workers=1)  # the "killed" run got through half
    with open(tmp_path / "resumed/records.jsonl", "a", encoding="utf-8") as f:
        f.write('{"doc_id": "doc0010", "text": "cut off mid-wri')  # and died mid-line
    stats = run([corpus], tmp_path / "resumed", workers=1, resume=True)
    assert (stats.skipped, stats.docs) == (10, 10)
    assert_same_output(tmp_path / "fresh", tmp_path / "resumed")


def test_resume_extracts_each_duplicate_once(tmp_path):
    corpus = tmp_path / "in"
    write_corpus(corpus, 3)
    (corpus / "zcopy.txt").write_text(article(0), encoding="utf-8")  # same content as doc0000
    run([corpus / "doc0000.txt"], tmp_path / "out", workers=1)
    stats = run([corpus], tmp_path / "out", workers=1, resume=True)
    assert (stats.skipped, stats.docs, stats.duplicates) == (1, 2, 1)
    assert len(sorted_lines(tmp_path / "out/records.jsonl")) == 3
    assert_same_output(tmp_path / "out", (run([corpus], tmp_path / "fresh", workers=1), tmp_path / "fresh")[1])


def test_duplicate_content_is_dropped_once_with_a_note(tmp_path):
    corpus = write_corpus(tmp_path / "in", 2)
    (corpus / "zcopy.txt").write_text(article(1), encoding="utf-8")  # the same page saved twice
    stats = run([corpus, corpus / "doc0000.txt"], tmp_path / "out", workers=1)  # and one file given twice
    assert (stats.docs, stats.duplicates, stats.errors) == (2, 2, 0)
    ids = [json.loads(line)["doc_id"] for line in sorted_lines(tmp_path / "out/records.jsonl")]
    assert sorted(ids) == ["doc0000", "doc0001"]
    notes = [json.loads(line) for line in sorted_lines(tmp_path / "out/errors.jsonl")]
    assert sorted((n["source"].rsplit("/", 1)[-1], n["duplicate_of"]) for n in notes) == \
        [("doc0000.txt", "doc0000"), ("zcopy.txt", "doc0001")]
    assert all("duplicate" in n["reason"] for n in notes)


def test_doc_ids_are_unique_paths_under_the_input_root(tmp_path):
    root = tmp_path / "in"
    for i, sub in enumerate(["x", "y"]):
        (root / sub).mkdir(parents=True)
        (root / sub / "page.txt").write_text(article(i), encoding="utf-8")
    (root / "x" / "page.html").write_text(f"<html><body><p>{article(5)}</p></body></html>", encoding="utf-8")
    run([root], tmp_path / "out", workers=1)
    records = [json.loads(line) for line in (tmp_path / "out/records.jsonl").open(encoding="utf-8")]
    ids = [r["doc_id"] for r in records]
    assert len(set(ids)) == 3 and {"x/page", "y/page"} <= set(ids)
    first = next(r for r in records if r["doc_id"] == "x/page")  # x/page.html, read first (sorted)
    renamed = next(r for r in records if r["doc_id"] not in ("x/page", "y/page"))
    assert first["source"].endswith("x/page.html") and renamed["source"].endswith("x/page.txt")
    assert renamed["doc_id"] == "x/page~" + renamed["content_hash"][:8]
    assert any("'x/page'" in n for n in renamed["notes"])
    docs = pq.read_table(tmp_path / "out/documents.parquet").column("doc_id").to_pylist()
    assert sorted(docs) == sorted(ids)  # joins on doc_id no longer double rows


def test_a_failing_document_becomes_an_error_line(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "in", 3)
    real = work.extract_doc

    def flaky(raw):
        if raw.doc_id == "doc0001":
            raise RuntimeError("parser exploded")
        return real(raw)
    monkeypatch.setattr(work, "extract_doc", flaky)
    stats = run([corpus], tmp_path / "out", fmt="csv", workers=1)
    assert (stats.docs, stats.errors) == (2, 1)
    err = json.loads((tmp_path / "out/errors.jsonl").read_text(encoding="utf-8"))
    assert err["source"].endswith("doc0001.txt") and "parser exploded" in err["reason"]


def test_unknown_engine_is_refused(tmp_path):
    with pytest.raises(ValueError, match="engine"):
        run([write_corpus(tmp_path / "in", 1)], tmp_path / "out", engine="spark")


def _tables_state(out):
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.iterdir() if p.suffix == ".parquet"}


def test_resume_over_an_unchanged_output_extracts_and_rewrites_nothing(tmp_path, monkeypatch):
    """--resume over a finished output whose inputs are unchanged: every input is read and found in the journal,
    no worker is started, the journal's records are not parsed again (the tables' stamp holds its entries) and the
    tables, built from this very journal, are left as they are."""
    corpus = write_corpus(tmp_path / "in", 6)
    out = tmp_path / "out"
    run([corpus], out, workers=1)
    before, journal = _tables_state(out), (out / "records.jsonl").read_bytes()
    monkeypatch.setattr(batch, "local_outcomes", lambda *a, **k: pytest.fail("a worker was started"))
    monkeypatch.setattr("pipeline.batch.journal.iter_records", lambda *a: pytest.fail("the journal was parsed"))
    stats = run([corpus], out, workers=1, resume=True)
    assert (stats.docs, stats.skipped, stats.errors) == (0, 6, 0)
    assert _tables_state(out) == before and len(before) == len(SCHEMA)
    assert (out / "records.jsonl").read_bytes() == journal and (out / "errors.jsonl").read_text() == ""


def test_resume_rebuilds_the_tables_that_are_not_those_of_the_journal(tmp_path):
    """The shortcut holds only for tables built from the journal as it is: a table deleted, another format asked
    for, an input edited (its record replaced) or a journal edited by hand, and the tables are built again."""
    corpus = write_corpus(tmp_path / "in", 4)
    out = tmp_path / "out"
    run([corpus], out, workers=1)
    (out / "metrics.parquet").unlink()
    run([corpus], out, workers=1, resume=True)
    assert table(out, "metrics")[1]
    run([corpus], out, fmt="csv", workers=1, resume=True)
    assert (out / "documents.csv").is_file()
    before = _tables_state(out)
    run([corpus], out, workers=1, resume=True)  # parquet again: still the journal's, left alone
    assert _tables_state(out) == before
    (corpus / "doc0001.txt").write_text(article(1).replace("tổ chức hội nghị", "tổ chức hội nghị trực tuyến"),
                                        encoding="utf-8")
    stats = run([corpus], out, workers=1, resume=True)
    assert (stats.docs, stats.skipped) == (1, 3)
    assert any("trực tuyến" in r["text"] for r in pq.read_table(out / "documents.parquet").to_pylist())
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    (out / "records.jsonl").write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")  # a record removed by hand
    stats = run([corpus], out, workers=1, resume=True)
    assert (stats.docs, stats.skipped) == (1, 3)
    assert_same_output(out, (run([corpus], tmp_path / "fresh", workers=1), tmp_path / "fresh")[1])
