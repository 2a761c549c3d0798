"""The output folder's plain files, without pyarrow: reading records.jsonl line by line and writing files atomically.
The journal, `--resume` and the record reader use these, so a run that writes no table never imports pyarrow
(pipeline.export.tables builds the tables).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

FORMATS = ("parquet", "csv", "jsonl", "duckdb", "sqlite")
# What the tables were built from: the digest of records.jsonl, the files of each format built from it, and the
# journal's entries (doc_id, content hash, source), so that a resume over an unchanged output reads neither the
# journal's records nor builds the tables again. Written with the tables, renamed last.
TABLES_STAMP = ".vngov.tables"


def file_digest(path: Path) -> str:
    """BLAKE2b of a file's bytes (records.jsonl: ~1 GB/s, a few percent of reading its records as JSON)."""
    h = hashlib.blake2b(digest_size=20)
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def read_stamp(out: Path) -> dict:
    """The tables' stamp of `out`, or {} when there is none or it cannot be read."""
    try:
        with open(Path(out) / TABLES_STAMP, encoding="utf-8") as f:
            stamp = json.load(f)
    except (OSError, ValueError, RecursionError):
        return {}
    return stamp if isinstance(stamp, dict) and isinstance(stamp.get("records"), str) else {}


def tables_current(out: Path, fmt: str, digest: str | None) -> bool:
    """Whether the `fmt` tables in `out` were built from the records.jsonl whose digest is `digest`, and are there."""
    stamp = read_stamp(out)
    files = (stamp.get("formats") or {}).get(fmt) if digest and stamp.get("records") == digest else None
    return isinstance(files, list) and bool(files) and all(isinstance(n, str) and (Path(out) / n).is_file()
                                                           for n in files)


def iter_records(path: Path) -> Iterator[dict]:
    """Records of a records.jsonl. A line that is not a record (torn by a killed writer, not JSON, not UTF-8, not
    an object with a doc_id) is skipped with a warning naming it: one bad line never stops a reader."""
    return (record for record, _ in iter_sized_records(path))


def iter_sized_records(path: Path) -> Iterator[tuple[dict, int]]:
    """(record, bytes of its line) of a records.jsonl, as iter_records reads them."""
    with open(path, "rb") as f:
        for n, line in enumerate(f, 1):
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):
                record = None
            if isinstance(record, dict) and isinstance(record.get("doc_id"), str):
                yield record, len(line)
            elif line.strip():
                logging.getLogger("vngov").warning("%s, line %d: not a record, skipped", path, n)


def temp_name(name: str) -> str:
    return f".{name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"


@contextmanager
def atomic_files(out: Path) -> Iterator[callable]:
    """Yields tmp(final_name) → a temp path in `out`; on success each is fsynced and renamed to its final name."""
    pending: list[tuple[Path, Path]] = []

    def tmp(name: str) -> Path:
        t = out / temp_name(name)  # named per run: two runs, or a run and a killed one's leftovers, never meet
        pending.append((t, out / name))
        return t
    try:
        yield tmp
    except BaseException:
        for t, _ in pending:
            t.unlink(missing_ok=True)
        raise
    for t, final in pending:
        fd = os.open(t, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(t, final)
    dir_fd = os.open(out, os.O_RDONLY)  # make the renames themselves durable
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
