"""vngov: the command line (typer). Each command is a thin layer over one module of the package.

An error the user or the environment causes (a bad option, a missing input, an output folder that is read-only,
full or in use) is one line on stderr and an exit code, never a traceback: 1 the run could not be done, 2 a bad
command line, 3 the run was done but some inputs failed (errors.jsonl says why), 130 interrupted. A bug is one line
too (exit 70); VNGOV_DEBUG=1 shows its traceback.
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional

import typer
from typer.core import TyperGroup

EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL, EXIT_BUG, EXIT_INTERRUPTED = 1, 2, 3, 70, 130
# typer's click (vendored by newer typer, the click package before): its error classes, found where typer has them
_CLICK_ERROR, _USAGE_ERROR = (next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)
                              for name in ("ClickException", "UsageError"))


class Failed(Exception):
    """A command that cannot do its job: the message is the one line the user sees (exit 1)."""


class _Commands(TyperGroup):
    """Turns every error into one line on stderr and an exit code (typer would print a box, Python a traceback)."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except _CLICK_ERROR as e:
            if type(e).__name__ == "NoArgsIsHelpError":  # typer has printed the help already
                sys.exit(e.exit_code)
            ctx = getattr(e, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            _say(f"error: {e.format_message()}{hint}")
            sys.exit(e.exit_code)
        except typer.Abort:
            _say("aborted")
            sys.exit(EXIT_FAILED)
        except Failed as e:
            _say(f"error: {e}")
            sys.exit(EXIT_FAILED)
        except KeyboardInterrupt:
            _say("interrupted")
            sys.exit(EXIT_INTERRUPTED)
        except Exception as e:  # noqa: BLE001 - the last guard: still one line, the traceback on request
            if os.environ.get("VNGOV_DEBUG"):
                raise
            message = f"{e.strerror}: {e.filename}" if isinstance(e, OSError) and e.strerror else str(e)
            if isinstance(e, OSError):
                _say(f"error: {message}")
                sys.exit(EXIT_FAILED)
            _say(f"internal error: {type(e).__name__}: {message} (set VNGOV_DEBUG=1 for the traceback)")
            sys.exit(EXIT_BUG)
        sys.exit(code if isinstance(code, int) else 0)


def _say(message: str) -> None:
    typer.echo(f"vngov: {' '.join(str(message).split())}", err=True)  # one line, whatever the message holds


class _OneLine(logging.Handler):
    """Warnings (a bad journal line, a repaired journal end) as one line each, each said once: the journal is read
    more than once in a run (resume, then each table pass)."""

    def __init__(self):
        super().__init__()
        self.said: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        message = f"{record.levelname.lower()}: {record.getMessage()}"
        if message not in self.said:
            self.said.add(message)
            _say(message)


_log = logging.getLogger("vngov")
if not any(isinstance(h, _OneLine) for h in _log.handlers):
    _log.addHandler(_OneLine())

app = typer.Typer(cls=_Commands, help="Extract meetings, attendees and metrics from Vietnamese government news pages.",
                  no_args_is_help=True)


def _version(value: bool) -> None:
    if value:
        from pipeline import __version__
        typer.echo(f"vngov-extract {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit")) -> None:
    """vngov-extract command line."""


def _usage(message: str, param: str | None = None) -> Exception:
    return typer.BadParameter(message, param_hint=param) if param else _USAGE_ERROR(message)


def _ignore_file_size_signal() -> None:
    """Past a file-size limit (ulimit -f), let writes fail with EFBIG, reported in one line, instead of SIGXFSZ
    killing the process with a core dump and no word."""
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


@app.command()
def extract(paths: List[Path] = typer.Argument(..., help="Files or folders (recursive): .html .htm .txt .jsonl .json"),
            out: Path = typer.Option(..., "-o", "--out", help="Output folder"),
            format: str = typer.Option("parquet", "--format", help="parquet | csv | jsonl | duckdb | sqlite"),
            workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="Processes (default: all cores)"),
            resume: bool = typer.Option(False, "--resume", help="Skip documents already in OUT/records.jsonl"),
            doc_timeout: float = typer.Option(60.0, "--doc-timeout", min=0,
                                              help="Seconds one document may take before it is an error (0: no limit)"),
            engine: str = typer.Option("local", "--engine", help="local | dask"),
            scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (--engine dask)")):
    """Extract every document under PATHS into OUT/records.jsonl (+ tables, errors.jsonl)."""
    from pipeline.batch.run import EngineError, FolderInUse, OutputError, run
    from pipeline.export.files import FORMATS

    if format not in FORMATS:
        raise _usage(f"choose one of {', '.join(FORMATS)}", "--format")
    if engine == "dask" and not scheduler:
        raise _usage("--engine dask needs --scheduler ADDRESS", "--scheduler")
    missing = [str(p) for p in paths if not os.path.lexists(p)]
    if missing:
        raise _usage(f"no such file or folder: {', '.join(missing)}", "PATHS")
    _ignore_file_size_signal()
    with _progress() as on_result:
        try:
            stats = run(paths, out, fmt=format, workers=workers, resume=resume, engine=engine,
                        scheduler=scheduler, doc_timeout=doc_timeout or None, on_result=on_result)
        except ValueError as e:
            raise _usage(str(e))
        except (FolderInUse, OutputError, EngineError) as e:
            raise Failed(str(e))
        except KeyboardInterrupt:
            _say(f"interrupted: the records done so far are in {out / 'records.jsonl'}; --resume goes on from there")
            raise typer.Exit(EXIT_INTERRUPTED) from None
    skipped = f", {stats.skipped} skipped (resume)" if resume else ""
    skipped += f", {stats.duplicates} duplicates dropped (errors.jsonl)" if stats.duplicates else ""
    typer.echo(f"{stats.docs} docs, {stats.errors} errors{skipped}, {stats.attendees} attendees, "
               f"{stats.metrics} metrics in {stats.seconds:.1f} s → {out}")
    if stats.errors:  # a script running the batch must see that not every input became a record
        _say(f"{stats.errors} input{'s' if stats.errors > 1 else ''} failed: {out / 'errors.jsonl'} says why")
        raise typer.Exit(EXIT_PARTIAL)


@contextmanager
def _progress():
    """A progress bar on a terminal (rich), as the on_result callback of a run; None, and rich not imported (~0.1 s),
    when stderr is no terminal and no variable asks rich to draw (its own test: FORCE_COLOR, TTY_COMPATIBLE,
    TTY_INTERACTIVE)."""
    if not (sys.stderr.isatty() or any(v in os.environ for v in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"))):
        yield None
        return
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} docs/s"), TimeElapsedColumn())
    # No refresh thread: the bar is redrawn from the result loop, so forking workers never copies a live thread.
    with Progress(*columns, console=console, auto_refresh=False, transient=True,
                  disable=not console.is_terminal) as progress:
        task = progress.add_task("extracting", total=None, rate=0.0)
        started = [None]

        def on_result(stats) -> None:
            now = time.perf_counter()
            started[0] = started[0] or now
            done = stats.docs + stats.errors + stats.skipped
            progress.update(task, completed=done, rate=done / max(now - started[0], 1e-9))
            if done % 8 == 0:
                progress.refresh()

        yield on_result


def _records_of(out: Path) -> Path:
    records = out / "records.jsonl"
    if not records.is_file():
        raise _usage(f"no records in {out} (no {records.name}): run `vngov extract PATHS -o {out}` first", "OUT")
    return records


@app.command()
def tables(out: Path = typer.Argument(..., help="Folder with records.jsonl"),
           format: str = typer.Option("parquet", "--format", help="parquet | csv | jsonl | duckdb | sqlite")):
    """Rebuild the query tables of OUT from its records.jsonl."""
    from pipeline.batch.outdir import FolderInUse, claim
    from pipeline.export.tables import FORMATS, write_tables

    if format not in FORMATS:
        raise _usage(f"choose one of {', '.join(FORMATS)}", "--format")
    records = _records_of(out)
    _ignore_file_size_signal()
    try:
        with claim(out):
            counts = write_tables(out, format, records)
    except FolderInUse as e:
        raise Failed(str(e))
    except OSError as e:
        raise Failed(f"cannot write the tables in {out}: {e.strerror or e}")
    typer.echo(", ".join(f"{n} {name}" for name, n in counts.items()))


@app.command()
def query(out: Path = typer.Argument(..., help="Output folder (its vngov.duckdb, or its parquet tables)"),
          sql: str = typer.Argument(..., help="SQL over the tables; vn_key(text) folds a name like name_key"),
          format: str = typer.Option("table", "--format", help="table | csv | json (one object a line)")):
    """Run SQL over the tables of OUT with the DuckDB the project installs."""
    import duckdb

    from pipeline.export.query import NoTables, format_rows, run_sql
    if format not in ("table", "csv", "json"):
        raise _usage("choose one of table, csv, json", "--format")
    try:
        columns, rows = run_sql(out, sql)
    except (NoTables, duckdb.Error) as e:
        raise Failed(str(e).strip().splitlines()[0])
    typer.echo(format_rows(columns, rows, format), nl=False)


@app.command()
def person(name: str = typer.Argument(..., help="A name, in any case or tone placement (Thuỷ = Thủy)"),
           out: Path = typer.Argument(..., help="Output folder (its vngov.duckdb, or its parquet tables)")):
    """Print one official's timeline: each post with the dates and pages it was seen on, then their pages."""
    from pipeline.export.query import NoTables, timeline
    try:
        found = timeline(out, name)
    except NoTables as e:
        raise Failed(str(e))
    if not found:
        raise Failed(f"no person named {name!r} in {out}")


@app.command()
def serve(out: Path = typer.Argument(..., help="Output folder; its vngov.sqlite is built from records.jsonl if absent"),
          port: int = typer.Option(8001, "--port", "-p", help="Port on 127.0.0.1"),
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on")):
    """Browse the tables of OUT in Datasette: facets, full-text search, canned queries, a page per person."""
    from pipeline.export.serve import serve as run_datasette
    from pipeline.export.tables import SQLITE_FILE, write_tables
    db = out / SQLITE_FILE
    records = _records_of(out) if not db.is_file() else out / "records.jsonl"
    if not db.is_file() or (records.is_file() and records.stat().st_mtime > db.stat().st_mtime):
        write_tables(out, "sqlite", records)
    typer.echo(f"serving {db} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    run_datasette(db, host, port)


@app.command()
def show(file: Path = typer.Argument(..., help="An input page/text, or a records.jsonl"),
         doc: Optional[str] = typer.Option(None, "--doc", help="doc_id to show (default: the first)"),
         html: Optional[Path] = typer.Option(None, "--html", help="Also write a displaCy entity page here")):
    """Show one document's record: attendees with positions and roles, metrics, meeting."""
    from pipeline.export.show import html_page, load_record, render
    if not file.is_file():
        raise _usage(f"not a file: {file}", "FILE")
    try:
        record = load_record(file, doc)
    except (LookupError, ValueError) as e:
        raise Failed(str(e))
    render(record)
    if html:
        try:
            html.write_text(html_page(record), encoding="utf-8")
        except OSError as e:
            raise Failed(f"cannot write {html}: {e.strerror or e}")
        typer.echo(f"wrote {html}")


@app.command("eval")
def eval_(gold_dir: Path = typer.Argument(..., help="Folder of gold *.json files"),
          errors: bool = typer.Option(False, "--errors", help="List missed and spurious items per document"),
          records: Optional[Path] = typer.Option(None, "--records", help="Score this records.jsonl instead of running")):
    """Precision/recall/F1 for attendee names, (name, position) pairs and metrics against gold files."""
    from pipeline.eval.scores import evaluate, load_gold, read_predictions, report
    from pipeline.export.files import iter_records
    if not gold_dir.is_dir():
        raise _usage(f"not a folder: {gold_dir}", "GOLD_DIR")
    if records and not records.is_file():
        raise _usage(f"not a file: {records}", "--records")
    preds = read_predictions(iter_records(records), load_gold(gold_dir)) if records else None
    typer.echo(report(evaluate(gold_dir, preds), errors))


if __name__ == "__main__":
    app()
