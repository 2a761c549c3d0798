"""Batch extraction at scale: every core (or a Dask cluster), streaming, resumable, one outcome per input.

`run` holds the output folder (pipeline.batch.outdir: a second run on it is refused), streams every input unit
through worker processes (pipeline.batch.pool) or Dask tasks, each document under its time budget
(pipeline.batch.work), appends each record to the journal OUTDIR/records.jsonl as it comes
(pipeline.batch.journal: resume, replaced records; pipeline.batch.unique: one record per content, one doc_id per
record) and each error to errors.jsonl, and writes the query tables (pipeline.export): a run that starts the journal
afresh writes them as the records come, each record's rows found by the worker that extracted it (the journal is not
read again); a resume over earlier records rebuilds them from the journal at the end. Any write error ends the run
at once with OutputError, workers stopped: never a hang.
"""
from __future__ import annotations

import json
import os
import pickle
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline.batch.journal import Journal
from pipeline.batch.outdir import FolderInUse, claim
from pipeline.batch.unique import Unique
from pipeline.batch.budget import DocTimeout, time_budget
from pipeline.batch.work import LISTING_REASON, Outcome, Skip, content_hash, extract_item, process_unit
from pipeline.chain import warm_up
from pipeline.export.files import FORMATS, atomic_files, file_digest, tables_current
from pipeline.ingest.load import InputError, RawDoc, Unit, file_units, iter_files, load_unit

__all__ = ["EngineError", "FolderInUse", "LISTING_REASON", "OutputError", "Stats", "content_hash", "extract_item", "run"]

DOC_TIMEOUT = 60.0  # seconds a document may take (loading and extraction each), `--doc-timeout`
PARTITION = 32  # files per Dask task
ENGINES = ("local", "dask")


class OutputError(RuntimeError):
    """The output folder cannot be written (disk full, file-size limit, read-only): the run stops."""


class EngineError(RuntimeError):
    """The engine itself failed (a Dask scheduler out of reach, no process can be started): the run stops."""


def _engine(name: str, outcomes: Iterator[Outcome]) -> Iterator[Outcome]:
    """`outcomes`, with an OSError of the engine told apart from one of the output (which `run` reports)."""
    try:
        yield from outcomes
    except OSError as e:
        raise EngineError(f"the {name} engine failed: {e}") from e


def _units(paths: Iterable[str | Path]) -> Iterator[Unit | InputError]:
    for f in iter_files(paths):
        yield from (file_units(f) if isinstance(f, Unit) else [f])


def local_outcomes(paths: Iterable[str | Path], skip: Skip, workers: int,
                   timeout: float | None, tables: bool = False) -> Iterator[Outcome]:
    """Outcomes in input order from `workers` local processes (JSONL files are split into lines here); `tables`:
    each record's table rows found by its worker too (Outcome.tables)."""
    from pipeline.batch.pool import ordered_outcomes

    warm_up()  # load every lexicon before forking: the workers share them
    if tables:
        from pipeline.export.places import gazetteer
        gazetteer()  # (and the gazetteer the table rows need)
    return ordered_outcomes(_units(paths), workers, skip, timeout, tables)


def all_done(paths: Iterable[str | Path], skip: Skip, timeout: float | None) -> int | None:
    """The number of documents under `paths` when the journal holds every one of them with its content (a resume
    with nothing to do: no worker, no lexicon needed), else None, as soon as one is new, changed or unreadable."""
    n = 0
    for unit in _units(paths):
        if isinstance(unit, InputError):
            return None
        try:
            with time_budget(timeout):
                docs = list(load_unit(unit))
        except DocTimeout:
            return None
        for doc in docs:
            if not (isinstance(doc, RawDoc) and content_hash(doc.content) in skip.get(doc.source, ())):
                return None
        n += len(docs)
    return n


def extract_partition(units: list[Unit | InputError], skip: Skip, timeout: float | None) -> list[Outcome]:
    """One Dask task: the outcomes of a few files (read on the worker, by absolute path), in order."""
    return [o for u in units for v in (file_units(u) if isinstance(u, Unit) else [u])
            for o in process_unit(v, skip, timeout)]


def dask_outcomes(paths: Iterable[str | Path], skip: Skip, scheduler, timeout: float | None) -> Iterator[Outcome]:
    """The same outcomes as local_outcomes, computed on a Dask cluster; partitions are collected in order. The
    client sends absolute paths: a worker's directory is not the client's."""
    from dask.distributed import Client

    units = list(iter_files(paths, absolute=True))
    parts = [units[i:i + PARTITION] for i in range(0, len(units), PARTITION)]
    with Client(scheduler) as client:
        skip_future = client.scatter([skip], broadcast=True)[0] if skip else skip  # sent once, not per task
        in_flight = max(2, 2 * len(client.scheduler_info().get("workers", {})))
        futures = [client.submit(extract_partition, p, skip_future, timeout, pure=False) for p in parts[:in_flight]]
        for i in range(len(parts)):
            if i + in_flight < len(parts):
                futures.append(client.submit(extract_partition, parts[i + in_flight], skip_future, timeout,
                                             pure=False))
            yield from futures[i].result()
            futures[i] = None  # let the finished partition be freed


def _add_rows(builder, o: Outcome, record: dict | None) -> None:
    """The table rows of a record just written to the journal: its worker's (the line as written), else found from
    the record (its doc_id made unique here) or from its line."""
    line_bytes = len(o.line.encode("utf-8")) + 1
    if record is None and o.tables is not None:
        builder.add((o.doc_id, o.content_hash, o.source), *pickle.loads(o.tables), line_bytes)
        return
    record = json.loads(o.line) if record is None else record
    if isinstance(record, dict) and isinstance(record.get("doc_id"), str):  # (what the journal's reader takes)
        builder.add_record(record, line_bytes)


@dataclass
class Stats:
    docs: int = 0
    errors: int = 0
    skipped: int = 0
    duplicates: int = 0  # inputs whose content another record has: dropped, noted in errors.jsonl
    attendees: int = 0
    metrics: int = 0
    seconds: float = 0.0


def _check(fmt: str, engine: str, scheduler, workers: int | None, doc_timeout: float | None) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose local or dask")
    if engine == "dask" and scheduler is None:
        raise ValueError("--engine dask needs --scheduler ADDRESS")
    if workers is not None and workers < 1:
        raise ValueError("--workers must be at least 1")
    if doc_timeout is not None and doc_timeout < 0:
        raise ValueError("--doc-timeout must be 0 (no limit) or more seconds")


def run(paths: Iterable[str | Path], out: Path, *, fmt: str = "parquet", workers: int | None = None,
        resume: bool = False, engine: str = "local", scheduler=None, doc_timeout: float | None = DOC_TIMEOUT,
        on_result: Callable[[Stats], None] | None = None) -> Stats:
    """Extract every document under `paths` into `out` (records.jsonl, errors.jsonl, tables of `fmt`).

    Raises ValueError for a bad option, FolderInUse when another run holds `out`, OutputError when the output
    cannot be written, EngineError when the workers or the cluster fail; a bad input is never raised, it is an
    error line."""
    _check(fmt, engine, scheduler, workers, doc_timeout)
    start = time.perf_counter()
    paths = list(paths)
    out = Path(out)
    stats = Stats()
    try:
        with claim(out):
            journal = Journal(out / "records.jsonl", resume)
            done = all_done(paths, journal.done, doc_timeout) if resume and engine == "local" and journal.done \
                else None
            if done is not None:  # every input is in the journal as it is now: nothing to extract
                with atomic_files(out) as tmp:
                    open(tmp("errors.jsonl"), "w").close()  # (as a run whose every input was skipped leaves it)
                journal.close()
                stats.skipped = done
                if on_result:
                    on_result(stats)
                if not tables_current(out, fmt, journal.digest):
                    from pipeline.export.tables import write_tables
                    write_tables(out, fmt, journal.path)
                stats.seconds = time.perf_counter() - start
                return stats
            # A run that starts the journal afresh writes its tables as the records come, their rows found by the
            # workers: the journal is then not read again. (A resume over earlier records rebuilds them after.)
            stream = engine == "local" and journal.boundary == 0 and not journal.entries
            outcomes = _engine(engine, dask_outcomes(paths, journal.done, scheduler, doc_timeout) if engine == "dask"
                               else local_outcomes(paths, journal.done, workers or os.cpu_count() or 1, doc_timeout,
                                                   tables=stream))
            complete, builder = False, None
            try:
                if stream:
                    from pipeline.export.tables import TableBuilder  # (pyarrow: only when a table is written)
                    builder = TableBuilder(out, fmt)
                with atomic_files(out) as tmp, open(tmp("errors.jsonl"), "w", encoding="utf-8") as err:
                    unique = Unique(journal.entries)
                    for o in outcomes:
                        record = None
                        if o.kind == "record":
                            # the line is parsed only when its doc_id is unknown or is to change (rare): else its
                            # head is enough, and the line goes to the journal as the worker wrote it
                            head = {"doc_id": o.doc_id, "content_hash": o.content_hash, "source": o.source}
                            if o.doc_id is None or unique.renames(o.doc_id, o.content_hash, o.source):
                                head = record = json.loads(o.line)
                        if o.kind == "record" and (dup := unique.admit(head)):
                            err.write(json.dumps(dup, ensure_ascii=False) + "\n")
                            stats.duplicates += 1
                        elif o.kind == "record":
                            if record is not None:
                                o.line = json.dumps(record, ensure_ascii=False)  # (its doc_id made unique)
                            journal.write(o)
                            if builder is not None:
                                _add_rows(builder, o, record)
                            stats.docs += 1
                            stats.attendees += o.attendees
                            stats.metrics += o.metrics
                        elif o.kind == "error":
                            err.write(o.line + "\n")
                            stats.errors += 1
                        else:
                            stats.skipped += 1
                        if on_result:
                            on_result(stats)
                    complete = True
            finally:
                outcomes.close()  # a failed write stops the workers now, not when the generator is collected
                closed = False
                try:
                    journal.close(complete)
                    closed = complete
                finally:
                    if builder is not None and not closed:
                        builder.abort()  # (its temp files go)
            if builder is not None:
                builder.finish(file_digest(journal.path))  # (on a failure it drops its temp files itself)
            elif not (journal.unchanged and tables_current(out, fmt, journal.digest)):
                from pipeline.export.tables import write_tables  # (pyarrow: only when a table is written)
                write_tables(out, fmt, journal.path)
    except (FolderInUse, OutputError, EngineError):
        raise
    except OSError as e:
        raise OutputError(f"cannot write the output in {out}: {e.strerror or e}"
                          f"{f' ({e.filename})' if e.filename else ''}") from e
    stats.seconds = time.perf_counter() - start
    return stats
