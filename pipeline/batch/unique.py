"""One record per content and one doc_id per record, over a run and the journal it resumes.

The records are checked where they are written, in input order, so the local and Dask engines agree. An input whose
content is already a record (the same page given twice, or under two names) is dropped, with a line in errors.jsonl
naming the record that has it (it was extracted, then dropped: duplicates are rare, and a check before extraction
would not see across Dask partitions). A doc_id already taken by another input ("x/page" of x/page.txt and
x/page.html, one JSONL id in two files) gets the first 8 hex digits of the content hash ("x/page~3f2a9c1b"), and
the record's notes say so. An input extracted again because its content changed keeps its doc_id: its old record
is replaced (pipeline.batch.journal).

>>> u = Unique([("a", "h1", "a.txt")])
>>> u.admit({"doc_id": "a", "source": "b/a.txt", "content_hash": "h2"}), u.admit({"doc_id": "c", "content_hash": "h1"})
(None, {'source': None, 'reason': "duplicate: same content as 'a', which is kept", 'duplicate_of': 'a'})
"""
from __future__ import annotations

import hashlib
from typing import Iterable


class Unique:
    def __init__(self, journal: Iterable[tuple[str, str | None, str | None]] = ()):
        """`journal`: (doc_id, content hash, source) of the records already written."""
        self.by_hash: dict[str, str] = {}  # content hash → doc_id
        self.ids: dict[str, str | None] = {}  # doc_id → the source that has it
        for doc_id, h, source in journal:
            self.ids[doc_id] = source
            if h:
                self.by_hash[h] = doc_id

    def renames(self, doc_id: str, content_hash: str | None, source: str | None) -> bool:
        """Whether `admit` would give this record another doc_id (its line must then be rewritten)."""
        return content_hash not in self.by_hash and doc_id in self.ids \
            and not (source and self.ids[doc_id] == source)

    def admit(self, record: dict) -> dict | None:
        """None when `record` is to be written (its doc_id made unique, in place), else the error line of a
        duplicate."""
        h, doc_id, source = record.get("content_hash"), record["doc_id"], record.get("source")
        if h in self.by_hash:
            return {"source": source, "reason": f"duplicate: same content as {self.by_hash[h]!r}, which is kept",
                    "duplicate_of": self.by_hash[h]}
        if doc_id in self.ids and not (source and self.ids[doc_id] == source):
            suffix = (h or hashlib.sha256((record.get("text") or "").encode()).hexdigest())[:8]
            record["doc_id"] = f"{doc_id}~{suffix}"
            record["notes"] = [*(record.get("notes") or []),
                               f"doc_id {doc_id!r} is another input's: this one is {record['doc_id']!r}"]
        self.ids[record["doc_id"]] = source
        if h:
            self.by_hash[h] = record["doc_id"]
        return None
