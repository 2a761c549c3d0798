"""Batch runs: workers give the same output as one process, resume after a kill equals a fresh run."""
import json

import pandas as pd
import pytest

from pipeline.batch import pool, work
from pipeline.batch import run as batch
from pipeline.batch.run import content_hash, run

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
    df = pd.read_parquet(out / f"{name}.parquet")
    return df.sort_values(list(df.columns)).reset_index(drop=True)


def assert_same_output(a, b):
    assert sorted_lines(a / "records.jsonl") == sorted_lines(b / "records.jsonl")
    assert sorted_lines(a / "errors.jsonl") == sorted_lines(b / "errors.jsonl")
    for name in ("documents", "meetings", "attendees", "positions", "metrics", "people"):
        pd.testing.assert_frame_equal(table(a, name), table(b, name))


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
    assert (stats.skipped, stats.docs) == (1, 3)
    assert len(sorted_lines(tmp_path / "out/records.jsonl")) == 4


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
