"""OUTDIR/records.jsonl, the journal: one record per line, each written whole and at once as its document finishes,
so that a killed run keeps its work.

Resume is keyed on the input's identity (Record.source: the path, with ":line" inside a JSONL or JSON list) and
its content hash: an input seen before with the same content is skipped; an input whose content changed is
extracted again and its new record replaces the old one (the journal is rewritten without the old lines when the
run ends). Opening for resume repairs the end left by a killed writer: a torn last line is cut off, a complete one
that lacks its newline gets it (else the next record would be glued to it and both lost). Lines that are not
records are reported and skipped (pipeline.export.files.iter_records), never fatal.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from pipeline.batch.work import Outcome
from pipeline.export.files import atomic_files, file_digest, iter_records, read_stamp

_log = logging.getLogger("vngov")
_BACK = 1 << 20  # bytes read at a time when looking for the start of the last line


class Journal:
    def __init__(self, path: Path, resume: bool):
        self.path = Path(path)
        self.done: dict[str, set[str]] = {}  # source → content hashes of its records already here
        self.replaced: set[str] = set()  # sources whose earlier record a new one replaces
        self.entries: list[tuple[str, str | None, str | None]] = []  # (doc_id, content hash, source) of those records
        self.digest: str | None = None  # of the journal as this run found it (resume)
        self.written = False
        if resume and self.path.exists():
            self._repair_end()
            self.digest = file_digest(self.path)
            stamp = read_stamp(self.path.parent)
            known = stamp.get("entries") if stamp.get("records") == self.digest else None
            if isinstance(known, list) and all(isinstance(e, list) and len(e) == 3 for e in known):
                self.entries = [tuple(e) for e in known]  # the tables were built from this very journal
            else:
                self.entries = [(r["doc_id"], r.get("content_hash"), r.get("source")) for r in iter_records(self.path)]
            for _, h, source in self.entries:
                if isinstance(source, str) and isinstance(h, str):
                    self.done.setdefault(source, set()).add(h)
        self.f = open(self.path, "ab" if resume else "wb", buffering=0)  # unbuffered: a write error shows at once
        self.boundary = self.f.tell()  # what earlier runs wrote ends here

    def write(self, outcome: Outcome) -> None:
        self.written = True
        data = memoryview((outcome.line + "\n").encode("utf-8"))
        while data:
            data = data[self.f.write(data):]
        if outcome.source in self.done:
            self.replaced.add(outcome.source)  # extracted again, so its content changed: the old record goes

    @property
    def unchanged(self) -> bool:
        """The journal is as this run found it: no record written, none replaced."""
        return self.digest is not None and not self.written and not self.replaced

    def close(self, complete: bool = True) -> None:
        """Sync and close; on a complete run, drop the records that newer ones replaced."""
        try:
            if complete:
                os.fsync(self.f.fileno())
        finally:
            self.f.close()
        if complete and self.replaced:
            self._drop_replaced()

    def _repair_end(self) -> None:
        with open(self.path, "r+b") as f:
            end = f.seek(0, os.SEEK_END)
            start = end
            tail = b""
            while start > 0:
                step = min(_BACK, start)
                f.seek(start - step)
                chunk = f.read(step)
                cut = chunk.rfind(b"\n")
                if cut >= 0:
                    start, tail = start - step + cut + 1, chunk[cut + 1:] + tail
                    break
                start, tail = start - step, chunk + tail
            if not tail:
                return
            try:
                whole = isinstance(json.loads(tail), dict)
            except (ValueError, RecursionError):
                whole = False
            if whole:
                f.seek(0, os.SEEK_END)
                f.write(b"\n")
                _log.warning("%s: the last record had no newline: added", self.path)
            else:
                f.truncate(start)
                _log.warning("%s: torn last line (%d bytes, a run killed while writing) removed", self.path, len(tail))

    def _drop_replaced(self) -> None:
        with atomic_files(self.path.parent) as tmp, open(self.path, "rb") as old, \
                open(tmp(self.path.name), "wb") as new:
            while old.tell() < self.boundary and (line := old.readline()):
                try:
                    record = json.loads(line)
                except (ValueError, RecursionError):
                    continue  # reported when the journal was read
                if isinstance(record, dict) and record.get("source") not in self.replaced:
                    new.write(line)
            while chunk := old.read(_BACK):
                new.write(chunk)
