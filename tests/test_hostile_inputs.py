"""Hostile inputs at the loading stage: every one ends as exactly one document or one error, read within bounds.

Deep nesting, lone surrogates, file names that are not UTF-8, fields of the wrong type, FIFOs, devices, files that
lie about their size, a 3 GB JSONL line, folders that cannot be listed; and markup that made the old regexes
quadratic.
"""
import errno
import json
import os
import resource
import threading
import time

import pytest

from pipeline.ingest import load
from pipeline.ingest.legacy import strip_markup
from pipeline.ingest.load import InputError, RawDoc, iter_documents

BODY = ("Sáng 12/3, UBND tỉnh Hòa Vang tổ chức hội nghị triển khai kế hoạch năm 2024. Đồng chí Lê Văn Sơn, "
        "Phó Chủ tịch UBND tỉnh chủ trì; dự có 85 đại biểu của các sở, ngành.")


def within(seconds, fn, *args):
    """fn(*args), failing (not hanging) when it takes longer than `seconds`: a blocked read would never return."""
    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("out", fn(*args)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return box["out"]


def load_all(*paths):
    return within(30, lambda: list(iter_documents(paths)))


def reason(items):
    [item] = items
    assert isinstance(item, InputError), item
    return item.reason


def test_deeply_nested_json_is_an_error_not_a_crash(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 200_000 + "]" * 200_000)
    (tmp_path / "deep.jsonl").write_text(json.dumps({"id": "ok", "text": BODY}, ensure_ascii=False) + "\n"
                                         + '{"text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    assert "nested too deeply" in reason(load_all(tmp_path / "deep.json"))
    ok, deep = load_all(tmp_path / "deep.jsonl")
    assert isinstance(ok, RawDoc) and ok.doc_id == "ok"
    assert isinstance(deep, InputError) and deep.line == 2 and "nested too deeply" in deep.reason


def test_lone_surrogates_in_fields_are_replaced_and_noted(tmp_path):
    line = json.dumps({"id": "bad\ud800id", "url": "https://a.gov.vn/\udc80x", "text": BODY + " \udfff"})
    assert "\\ud800" in line  # as JSON writes it: an escape that decodes to an unwritable character
    (tmp_path / "s.jsonl").write_text(line + "\n", encoding="ascii")
    [doc] = load_all(tmp_path / "s.jsonl")
    assert (doc.doc_id, doc.url) == ("bad\ufffdid", "https://a.gov.vn/\ufffdx")
    assert doc.content.endswith("\ufffd")
    assert doc.notes == ["lone surrogate(s) replaced with U+FFFD in text, id, url"]
    for value in (doc.doc_id, doc.url, doc.content, doc.source):
        value.encode("utf-8")


def test_fields_of_the_wrong_type_are_dropped_and_noted(tmp_path):
    (tmp_path / "t.jsonl").write_text(json.dumps({"id": 17, "url": 5, "published": ["2024"], "text": BODY},
                                                 ensure_ascii=False) + "\n"
                                      + json.dumps({"id": {"x": 1}, "text": BODY}, ensure_ascii=False) + "\n")
    first, second = load_all(tmp_path / "t.jsonl")
    assert (first.doc_id, first.url, first.published) == ("17", None, None)
    assert first.notes == ['"url" ignored: not a string', '"published" ignored: not a string']
    assert second.doc_id == "t-2" and second.notes == ['"id" ignored: not a string']


def test_a_file_name_that_is_not_utf8_is_shown_repaired_and_still_read(tmp_path):
    raw = os.path.join(os.fsencode(tmp_path), b"bi\xean b\xe1n.txt")  # Latin-1 bytes from an old archive
    with open(raw, "wb") as f:
        f.write(BODY.encode())
    [doc] = load_all(tmp_path)
    assert doc.doc_id == "bi\ufffdn b\ufffdn" and doc.source.endswith("bi\ufffdn b\ufffdn.txt")
    assert doc.notes == ["file name is not valid UTF-8: shown with U+FFFD"] and "Lê Văn Sơn" in doc.content


def test_fifos_and_devices_are_refused_before_any_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.html").symlink_to("/dev/zero")
    (tmp_path / "ok.txt").write_text(BODY, encoding="utf-8")
    items = load_all(tmp_path)  # a FIFO nobody writes to, read as a file, blocks forever
    by_name = {os.path.basename(i.source): i for i in items}
    assert set(by_name) == {"pipe.txt", "zero.html", "ok.txt"}
    assert "not a regular file (a FIFO)" in by_name["pipe.txt"].reason
    assert "not a regular file (a character device)" in by_name["zero.html"].reason
    assert isinstance(by_name["ok.txt"], RawDoc)
    assert "character device" in reason(load_all("/dev/zero"))  # named directly: read until MemoryError before
    assert "FIFO" in reason(load_all(tmp_path / "pipe.txt"))


def test_the_size_limit_holds_for_what_is_read_not_what_stat_says(tmp_path, monkeypatch):
    """/proc files say size 0 and hold more: the limit must stop the read itself."""
    monkeypatch.setattr(load, "MAX_DOC_BYTES", 2000)
    proc = "/proc/self/smaps"  # kilobytes of text, st_size 0
    if not os.path.exists(proc) or os.stat(proc).st_size != 0:
        pytest.skip("no /proc file with a size that lies")
    (tmp_path / "liar.txt").symlink_to(proc)
    assert "file too large (more than" in reason(load_all(tmp_path / "liar.txt"))
    (tmp_path / "big.txt").write_bytes(b"x" * 2001)
    assert "file too large (0.0 MB" in reason(load_all(tmp_path / "big.txt"))  # refused by its size, unread


def test_a_3gb_jsonl_line_is_skipped_without_being_held(tmp_path):
    path = tmp_path / "feed.jsonl"
    with open(path, "wb") as f:  # one line of 3 GB: 40 MB of text, a hole (a preallocated download), 40 MB of text
        f.write(json.dumps({"id": "first", "text": BODY}, ensure_ascii=False).encode() + b"\n")
        f.write(b'{"id": "huge", "text": "' + b"x" * (40 * 2**20))
        f.seek(3 * 2**30 - 80 * 2**20, os.SEEK_CUR)
        f.write(b"y" * (40 * 2**20) + b'"}\n' + json.dumps({"id": "after", "text": BODY}, ensure_ascii=False).encode()
                + b"\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    first, huge, after = load_all(path)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert (first.doc_id, after.doc_id) == ("first", "after")  # the line after it is read as usual
    assert huge.line == 2 and "line too large" in huge.reason
    assert grown_mb < 100, grown_mb  # 8 MB of the line at most, never 3 GB
    assert time.monotonic() - start < 30


def test_a_folder_that_cannot_be_listed_is_an_error_line(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(BODY, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(BODY, encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root lists anything: make the listing fail as it would for a user
            real = os.scandir

            def scandir(path="."):
                if os.fspath(path) == str(locked):
                    raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
                return real(path)
            monkeypatch.setattr(os, "scandir", scandir)
        items = load_all(tmp_path)
    finally:
        locked.chmod(0o755)
    errors = [i for i in items if isinstance(i, InputError)]
    assert [(e.source, e.reason) for e in errors] == [(str(locked), "cannot read folder: Permission denied")]
    assert [i.doc_id for i in items if isinstance(i, RawDoc)] == ["ok"]


@pytest.mark.parametrize("page", [
    "<script>" * 40_000 + f"<p>{BODY}</p>",  # unclosed elements: the old regex rescanned the page at each one
    "<" * 350_000 + BODY,  # lone "<": the same
    "<style>" * 20_000 + "<" * 200_000 + f"<div>{BODY}</div>",
])
def test_markup_is_stripped_in_linear_time(tmp_path, page):
    start = time.monotonic()
    assert "Lê Văn Sơn" in strip_markup(page)
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    [doc] = load_all(tmp_path / "page.html")  # 400 KB of these took two minutes to load before
    assert isinstance(doc, RawDoc)
    assert time.monotonic() - start < 5


def test_strip_markup_keeps_the_text_and_drops_scripts_and_styles():
    page = "<p>Ông A</p><script>var x = '<b>Bà B</b>';</script><style>p{}</style>a < b<br/>c <SCRIPT src=x>"
    assert strip_markup(page).split() == ["Ông", "A", "a", "<", "b", "c"]


def test_jsonl_lines_over_the_limit_are_dropped_and_the_rest_read_exactly(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "MAX_DOC_BYTES", 100)
    monkeypatch.setattr(load, "READ_CHUNK", 16)  # the skip goes chunk by chunk, across the reader's buffer
    lengths = [5, 150, 3, 1000, 99, 100, 101, 0, 37, 100_000, 2, 64, 17]
    lines = [bytes([97 + k % 26]) * n + b"\n" for k, n in enumerate(lengths)]
    path = tmp_path / "f.jsonl"
    path.write_bytes(b"".join(lines) + b"z" * 500)  # and a last line without a newline, too long
    got = list(load.jsonl_lines(str(path)))
    want = [(k + 1, None if n > 100 else line) for k, (n, line) in enumerate(zip(lengths, lines))]
    want.append((len(lines) + 1, None))
    assert got == want
