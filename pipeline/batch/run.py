"""Batch extraction at scale: every core (or a Dask cluster), streaming, resumable.

OUTDIR/records.jsonl is the journal: one record per line, flushed as each document finishes, so a killed
run keeps its work and `resume=True` skips every document whose content hash is already there (a torn last
line is dropped). Each record has a doc_id of its own, and each content one record (Unique). errors.jsonl and the
query tables are written atomically at the end (pipeline.export).
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline.export.tables import atomic_files, iter_records, write_tables
from pipeline.chain import extract_doc, warm_up
from pipeline.ingest.load import InputError, RawDoc, iter_documents, iter_inputs, read_inputs

CHUNK = 8  # documents per task sent to a worker
MIN_PARALLEL = 64  # smaller batches run in-process: forking workers would cost more than it saves
PARTITION = 32  # files per Dask task

Result = tuple[str, dict | None]  # ("record" | "error" | "skipped", payload)
LISTING_REASON = "listing page, not an article (a home or section page of teasers, no article body)"


def content_hash(content: str) -> str:
    """The same hash Record.content_hash carries (extract() hashes the NFC text that RawDoc already holds)."""
    return hashlib.sha256(content.encode()).hexdigest()


class Resume:
    """Skips documents already in the journal, once per record there: a second input of the same content goes on to
    Unique, which notes it as a duplicate in errors.jsonl as a fresh run does."""

    def __init__(self, hashes: Iterable[str] = ()):
        self.left = Counter(hashes)

    def skip(self, doc: RawDoc | InputError) -> bool:
        if not isinstance(doc, RawDoc) or not self.left:
            return False
        h = content_hash(doc.content)
        if self.left[h] > 0:
            self.left[h] -= 1
            return True
        return False


class Unique:
    """One record per content and one doc_id per record, over a run and the journal it resumes.

    The records are checked where they are written, in input order, so the local and Dask engines agree. An input
    whose content is already a record (the same page given twice, or under two names) is dropped, with a line in
    errors.jsonl naming the record that has it (it was extracted, then dropped: duplicates are rare, and a check
    before extraction would not see across Dask partitions). A doc_id already taken by other content ("x/page" of
    x/page.txt and x/page.html, one JSONL id in two files) gets the first 8 hex digits of the content hash
    ("x/page~3f2a9c1b"), and the record's notes say so.
    """

    def __init__(self, journal: Iterable[tuple[str, str | None]] = ()):
        self.by_hash: dict[str, str] = {}  # content hash → doc_id
        self.ids: set[str] = set()
        for doc_id, h in journal:
            self.ids.add(doc_id)
            if h:
                self.by_hash[h] = doc_id

    def admit(self, record: dict) -> dict | None:
        """None when `record` is to be written (its doc_id made unique), else the error line of a duplicate."""
        h, doc_id = record.get("content_hash"), record["doc_id"]
        if h in self.by_hash:
            return {"source": record.get("source"), "reason": f"duplicate: same content as {self.by_hash[h]!r}, "
                    "which is kept", "duplicate_of": self.by_hash[h]}
        if doc_id in self.ids:
            record["doc_id"] = f"{doc_id}~{(h or content_hash(record.get('text') or ''))[:8]}"
            record["notes"] = [*(record.get("notes") or []),
                               f"doc_id {doc_id!r} is another input's: this one is {record['doc_id']!r}"]
        self.ids.add(record["doc_id"])
        if h:
            self.by_hash[h] = record["doc_id"]
        return None


def extract_item(item: RawDoc | InputError) -> Result:
    """One input to one result; any failure is an error line, never an exception."""
    if isinstance(item, InputError):
        return "error", {k: v for k, v in asdict(item).items() if v is not None}
    try:
        record = extract_doc(item)
    except Exception as e:  # one bad document never stops the batch
        return "error", {"source": item.source, "reason": f"{type(e).__name__}: {e}"}
    if record.kind == "listing":  # a home or section page holds no article: reported, not counted as a document
        where = {"url": record.url} if record.url else {}
        return "error", {"source": item.source, "reason": LISTING_REASON, **where}
    return "record", record.to_dict()


def _results(docs: Iterable[RawDoc | InputError], resume: Resume) -> Iterator[Result]:
    for d in docs:
        yield ("skipped", None) if resume.skip(d) else extract_item(d)


def _extract_or_skip(item: RawDoc | InputError | None) -> Result:
    return ("skipped", None) if item is None else extract_item(item)


def local_results(paths: Iterable[str | Path], resume: Resume, workers: int) -> Iterator[Result]:
    """Results in input order. Input is streamed: at most a few chunks per worker are in flight."""
    docs = iter_documents(paths)
    head = list(islice(docs, MIN_PARALLEL))
    if workers <= 1 or len(head) < MIN_PARALLEL:
        yield from _results(chain(head, docs), resume)
        return
    size = workers * CHUNK * 4
    window, stop = threading.Semaphore(size), threading.Event()

    def feed() -> Iterator[RawDoc | InputError | None]:
        for d in chain(head, docs):  # runs in the pool's feeder thread; Pool.imap would otherwise read it all
            window.acquire()
            if stop.is_set():
                return
            yield None if resume.skip(d) else d

    # fork: workers inherit the imported modules (and a built pipeline), so starting them is cheap
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    warm_up()  # load every lexicon before forking: the workers share them
    with ctx.Pool(workers) as pool:
        try:
            for result in pool.imap(_extract_or_skip, feed(), chunksize=CHUNK):
                window.release()
                yield result
        finally:  # a consumer that stops early must not leave the feeder blocked: Pool.terminate joins it
            stop.set()
            for _ in range(size + 1):
                window.release()


def list_inputs(paths: Iterable[str | Path]) -> list[tuple[str, str]]:
    """(file, name) of every input: the same expansion of folders, and the same doc_id names, iter_documents uses."""
    return [(str(f), name) for f, name in iter_inputs(paths)]


def extract_partition(inputs: list[tuple[str, str]], skip_hashes: list[str]) -> list[Result]:
    """One Dask task: the documents of a few files (read on the worker), in order."""
    return list(_results(read_inputs(inputs), Resume(skip_hashes)))


def dask_results(paths: Iterable[str | Path], resume: Resume, scheduler) -> Iterator[Result]:
    """The same results as local_results, computed on a Dask cluster; partitions are collected in order."""
    from dask.distributed import Client

    files = list_inputs(paths)
    parts = [files[i:i + PARTITION] for i in range(0, len(files), PARTITION)]
    skip = sorted(resume.left.elements())
    with Client(scheduler) as client:
        skip_future = client.scatter([skip], broadcast=True)[0] if skip else skip  # sent once, not per task
        in_flight = max(2, 2 * len(client.scheduler_info().get("workers", {})))
        futures = [client.submit(extract_partition, p, skip_future, pure=False) for p in parts[:in_flight]]
        for i in range(len(parts)):
            if i + in_flight < len(parts):
                futures.append(client.submit(extract_partition, parts[i + in_flight], skip_future, pure=False))
            yield from futures[i].result()
            futures[i] = None  # let the finished partition be freed


def recover_journal(path: Path) -> list[tuple[str, str | None]]:
    """(doc_id, content hash) of the records already in the journal; a torn last line is cut off for good."""
    if not path.exists():
        return []
    records = list(iter_records(path))
    with open(path, "rb") as f:
        n_lines = sum(1 for line in f if line.strip())
    if n_lines != len(records):
        with atomic_files(path.parent) as tmp:
            with open(tmp(path.name), "w", encoding="utf-8") as f:
                f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return [(r["doc_id"], r.get("content_hash")) for r in records if "doc_id" in r]


@dataclass
class Stats:
    docs: int = 0
    errors: int = 0
    skipped: int = 0
    duplicates: int = 0  # inputs whose content another record has: dropped, noted in errors.jsonl
    attendees: int = 0
    metrics: int = 0
    seconds: float = 0.0


def run(paths: Iterable[str | Path], out: Path, *, fmt: str = "parquet", workers: int | None = None,
        resume: bool = False, engine: str = "local", scheduler=None,
        on_result: Callable[[Stats], None] | None = None) -> Stats:
    """Extract every document under `paths` into `out` (records.jsonl, errors.jsonl, tables of `fmt`)."""
    start = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    journal = out / "records.jsonl"
    done = recover_journal(journal) if resume else []
    skip, unique = Resume(h for _, h in done if h), Unique(done)
    if engine == "dask":
        if scheduler is None:
            raise ValueError("--engine dask needs --scheduler ADDRESS")
        results = dask_results(paths, skip, scheduler)
    elif engine == "local":
        results = local_results(paths, skip, workers or os.cpu_count() or 1)
    else:
        raise ValueError(f"unknown engine {engine!r}; choose local or dask")
    stats = Stats()
    with atomic_files(out) as tmp, open(journal, "a" if resume else "w", encoding="utf-8") as rec, \
            open(tmp("errors.jsonl"), "w", encoding="utf-8") as err:
        for kind, payload in results:
            if kind == "record" and (dup := unique.admit(payload)):
                err.write(json.dumps(dup, ensure_ascii=False) + "\n")
                stats.duplicates += 1
            elif kind == "record":
                rec.write(json.dumps(payload, ensure_ascii=False) + "\n")
                rec.flush()
                stats.docs += 1
                stats.attendees += len(payload.get("attendees") or [])
                stats.metrics += len(payload.get("metrics") or [])
            elif kind == "error":
                err.write(json.dumps(payload, ensure_ascii=False) + "\n")
                stats.errors += 1
            else:
                stats.skipped += 1
            if on_result:
                on_result(stats)
        os.fsync(rec.fileno())
    write_tables(out, fmt, journal)
    stats.seconds = time.perf_counter() - start
    return stats
