"""Batch runs under faults: slow and crashing documents, write errors, a second run on the folder, resume edge cases.

Every case must end promptly: a document over its budget becomes an error and the batch goes on; a write error
stops the run with one line and a non-zero exit, workers gone; nothing ever waits forever.
"""
import errno
import json
import multiprocessing as mp
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.batch import journal as journal_module
from pipeline.batch import pool, work
from pipeline.batch.outdir import FolderInUse, claim
from pipeline.batch.run import OutputError, content_hash, run
from pipeline.export.tables import atomic_files
from test_batch import article, assert_same_output, write_corpus

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def records(out):
    return [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]


def errors(out):
    return [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


def slow_stage(monkeypatch, seconds: float, block_alarm: bool = False, crash: bool = False):
    """Documents whose file name starts with "slow" take `seconds` in extraction (or never let the alarm in, or
    have their process killed): a stage gone quadratic, a C call that never returns, the OOM killer."""
    real = work.extract_doc

    def extract_doc(raw):
        if os.path.basename(raw.source).startswith("slow"):
            if crash:
                os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer does
            if block_alarm:
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            end = time.monotonic() + seconds
            while time.monotonic() < end:  # Python code that takes long (a thread's budget stops it between steps)
                time.sleep(0.05)
        return real(raw)
    monkeypatch.setattr(work, "extract_doc", extract_doc)


def corpus_with_slow_first(folder, n):
    write_corpus(folder, n)
    (folder / "doc0000.txt").rename(folder / "slow0000.txt")  # first in input order
    return folder


# ---- a per-document time budget ----------------------------------------------------------------------------

@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_over_its_budget_is_an_error_and_the_batch_goes_on(tmp_path, monkeypatch, workers):
    slow_stage(monkeypatch, 60)
    src = corpus_with_slow_first(tmp_path / "in", 6)
    start = time.monotonic()
    stats = run([src], tmp_path / "out", fmt="csv", workers=workers, doc_timeout=1)
    assert time.monotonic() - start < 30  # not 60 s
    assert (stats.docs, stats.errors) == (5, 1)
    [err] = errors(tmp_path / "out")
    assert err["source"].endswith("slow0000.txt") and "timed out after 1 s" in err["reason"]
    assert sorted(r["doc_id"] for r in records(tmp_path / "out")) == [f"doc{i:04d}" for i in range(1, 6)]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_worker_that_ignores_its_alarm_is_killed_and_replaced(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(pool, "GRACE", 0.5)
    slow_stage(monkeypatch, 60, block_alarm=True)  # as a C call that never checks for signals
    src = corpus_with_slow_first(tmp_path / "in", 5)
    start = time.monotonic()
    stats = run([src], tmp_path / "out", fmt="csv", workers=workers, doc_timeout=1)
    assert time.monotonic() - start < 30
    assert (stats.docs, stats.errors) == (4, 1)
    assert "did not stop and was killed" in errors(tmp_path / "out")[0]["reason"]
    assert not mp.active_children()


def test_a_worker_that_crashes_costs_its_document_only(tmp_path, monkeypatch):
    slow_stage(monkeypatch, 0, crash=True)
    src = corpus_with_slow_first(tmp_path / "in", 5)
    stats = run([src], tmp_path / "out", fmt="csv", workers=2)
    assert (stats.docs, stats.errors) == (4, 1)
    assert "worker process died (killed by SIGKILL)" in errors(tmp_path / "out")[0]["reason"]


def test_a_slow_document_does_not_hold_back_the_output_of_the_others(tmp_path, monkeypatch):
    slow_stage(monkeypatch, 6)  # within its budget: it is kept, only later
    src = corpus_with_slow_first(tmp_path / "in", 11)
    seen = []
    run([src], tmp_path / "out", fmt="csv", workers=2, doc_timeout=30,
        on_result=lambda s: seen.append((time.monotonic(), s.docs)))
    done_fast = next(t for t, n in seen if n == 10)
    assert seen[-1][0] - done_fast > 2.5  # the ten others were written while the slow one still ran
    ids = [r["doc_id"] for r in records(tmp_path / "out")]
    assert ids[-1] == "slow0000" and sorted(ids[:-1]) == [f"doc{i:04d}" for i in range(1, 11)]


# ---- write errors: the run ends at once, one line, non-zero ---------------------------------------------------

def fail_after(monkeypatch, n: int, err: int = errno.ENOSPC):
    real, count = journal_module.Journal.write, [0]

    def write(self, outcome):
        count[0] += 1
        if count[0] > n:
            raise OSError(err, os.strerror(err), str(self.path))
        return real(self, outcome)
    monkeypatch.setattr(journal_module.Journal, "write", write)


@pytest.mark.parametrize("workers", [1, 2])
def test_disk_full_ends_the_run_promptly(tmp_path, monkeypatch, workers):
    fail_after(monkeypatch, 3)
    src = write_corpus(tmp_path / "in", 40)
    start = time.monotonic()
    with pytest.raises(OutputError, match="No space left on device"):
        run([src], tmp_path / "out", workers=workers)
    assert time.monotonic() - start < 20
    assert not mp.active_children()  # no worker left behind to wait for
    assert not list((tmp_path / "out").glob(".*.tmp"))  # the unfinished errors file went with it
    assert len(records(tmp_path / "out")) == 3  # what was written stays, for --resume


def test_disk_full_from_the_command_line_is_one_line_and_exit_1(tmp_path, monkeypatch):
    fail_after(monkeypatch, 2)
    src = write_corpus(tmp_path / "in", 20)
    result = runner.invoke(app, ["extract", str(src), "-o", str(tmp_path / "out"), "-j", "2"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "No space left on device" in result.output
    assert "Traceback" not in result.output


def cli(*args, limit_bytes=None, timeout=120):
    """`vngov` in a fresh process (optionally under a file-size limit, as `ulimit -f`)."""
    def limit():
        if limit_bytes:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, preexec_fn=limit)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_file_size_limit_ends_the_run_with_one_line(tmp_path, workers):
    src = write_corpus(tmp_path / "in", 30)
    start = time.monotonic()
    done = cli("extract", src, "-o", tmp_path / "out", "-j", workers, limit_bytes=20_000)
    assert done.returncode == 1, done.stderr
    assert time.monotonic() - start < 60
    assert done.stderr.count("\n") == 1 and "File too large" in done.stderr, done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_real_disk_full_with_two_workers(tmp_path):
    src = write_corpus(tmp_path / "in", 30)
    (tmp_path / "out").mkdir()
    (tmp_path / "out/records.jsonl").symlink_to("/dev/full")  # every write: ENOSPC
    done = cli("extract", src, "-o", tmp_path / "out", "-j", "2")
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "No space left on device" in done.stderr


# ---- one run per output folder; temp files per run ----------------------------------------------------------

def test_a_second_run_on_a_folder_in_use_is_refused(tmp_path):
    src = write_corpus(tmp_path / "in", 2)
    with claim(tmp_path / "out"):
        with pytest.raises(FolderInUse, match="in use by another run"):
            run([src], tmp_path / "out", workers=1)
        result = runner.invoke(app, ["extract", str(src), "-o", str(tmp_path / "out")])
        assert result.exit_code == 1 and "is in use by another run" in result.output
        assert runner.invoke(app, ["tables", str(tmp_path / "out")]).exit_code != 0
    assert run([src], tmp_path / "out", workers=1).docs == 2  # free again


def test_two_concurrent_runs_leave_one_complete_output(tmp_path):
    import pyarrow.parquet as pq
    src = write_corpus(tmp_path / "in", 120)
    out = tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "extract", str(src), "-o", str(out), "-j", "1"],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (out / ".vngov.lock").exists() or not (out / ".vngov.lock").read_text().strip():
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.05)
    second = cli("extract", src, "-o", out, "-j", "1")
    assert first.wait(120) == 0, first.stderr.read()
    assert second.returncode == 1 and "in use by another run" in second.stderr
    assert len(records(out)) == 120 and pq.read_table(out / "documents.parquet").num_rows == 120


def test_temp_files_are_named_per_run_and_leftovers_of_dead_runs_removed(tmp_path):
    (tmp_path / ".records.jsonl.99999-0badc0de.tmp").write_text("a dead run's")
    (tmp_path / ".notes.tmp").write_text("not ours")
    with claim(tmp_path):
        with atomic_files(tmp_path) as tmp:
            a, b = tmp("errors.jsonl"), tmp("errors.jsonl")
            a.write_text("first")
            b.write_text("second")
    assert a != b and f".{os.getpid()}-" in a.name
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.tmp", ".vngov.lock", "errors.jsonl"]


# ---- resume: keyed on identity and content; the journal's end repaired; bad lines skipped ----------------------

def test_an_edited_input_replaces_its_record(tmp_path):
    src = write_corpus(tmp_path / "in", 6)
    run([src], tmp_path / "out", workers=1)
    edited = article(1).replace("Phó Chủ tịch", "Chủ tịch")
    (src / "doc0001.txt").write_text(edited, encoding="utf-8")
    stats = run([src], tmp_path / "out", workers=1, resume=True)
    assert (stats.skipped, stats.docs) == (5, 1)
    mine = [r for r in records(tmp_path / "out") if r["doc_id"] == "doc0001"]
    assert len(mine) == 1 and mine[0]["content_hash"] == content_hash(edited)  # no stale record beside it
    run([src], tmp_path / "fresh", workers=1)
    assert_same_output(tmp_path / "fresh", tmp_path / "out")


def test_a_journal_end_without_its_newline_loses_nothing(tmp_path):
    src = write_corpus(tmp_path / "in", 4)
    run(sorted(src.glob("*.txt"))[:3], tmp_path / "out", workers=1)
    journal = tmp_path / "out/records.jsonl"
    journal.write_bytes(journal.read_bytes().rstrip(b"\n"))  # the last record complete, its newline not
    stats = run([src], tmp_path / "out", workers=1, resume=True)
    assert (stats.skipped, stats.docs) == (3, 1)
    assert sorted(r["doc_id"] for r in records(tmp_path / "out")) == ["doc0000", "doc0001", "doc0002", "doc0003"]


def test_bad_journal_lines_are_reported_and_skipped(tmp_path, caplog):
    src = write_corpus(tmp_path / "in", 3)
    run([src], tmp_path / "out", workers=1)
    journal = tmp_path / "out/records.jsonl"
    lines = journal.read_bytes().splitlines()
    junk = [b"[1, 2]", b'"a string"', b'{"no": "doc_id"}', b"not json", b"[" * 50_000, b'{"doc_id": "\xff\xfe"}']
    journal.write_bytes(b"\n".join(lines[:1] + junk + lines[1:]) + b"\n")
    result = runner.invoke(app, ["tables", str(tmp_path / "out"), "--format", "csv"])
    assert result.exit_code == 0 and "3 documents" in result.output
    assert result.output.count("not a record, skipped") == len(junk)
    caplog.clear()
    stats = run([src], tmp_path / "out", workers=1, resume=True)
    assert (stats.skipped, stats.docs) == (3, 0)
    assert sum("not a record" in m for m in caplog.messages) >= len(junk)
