"""vngov: the command line (typer). Each command is a thin layer over one module of the package."""
from __future__ import annotations

import time
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(help="Extract meetings, attendees and metrics from Vietnamese government news pages.",
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


@app.command()
def extract(paths: List[Path] = typer.Argument(..., help="Files or folders (recursive): .html .htm .txt .jsonl .json"),
            out: Path = typer.Option(..., "-o", "--out", help="Output folder"),
            format: str = typer.Option("parquet", "--format", help="parquet | csv | jsonl | duckdb | sqlite"),
            workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="Processes (default: all cores)"),
            resume: bool = typer.Option(False, "--resume", help="Skip documents already in OUT/records.jsonl"),
            engine: str = typer.Option("local", "--engine", help="local | dask"),
            scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (--engine dask)")):
    """Extract every document under PATHS into OUT/records.jsonl (+ tables, errors.jsonl)."""
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from pipeline.batch.run import run
    from pipeline.export.tables import FORMATS

    if format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
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

        try:
            stats = run(paths, out, fmt=format, workers=workers, resume=resume, engine=engine,
                        scheduler=scheduler, on_result=on_result)
        except ValueError as e:
            raise typer.BadParameter(str(e))
    skipped = f", {stats.skipped} skipped (resume)" if resume else ""
    skipped += f", {stats.duplicates} duplicates dropped (errors.jsonl)" if stats.duplicates else ""
    typer.echo(f"{stats.docs} docs, {stats.errors} errors{skipped}, {stats.attendees} attendees, "
               f"{stats.metrics} metrics in {stats.seconds:.1f} s → {out}")


def _records_of(out: Path) -> Path:
    records = out / "records.jsonl"
    if not records.is_file():
        typer.echo(f"no records in {out} (no {records.name}): run `vngov extract PATHS -o {out}` first", err=True)
        raise typer.Exit(1)
    return records


@app.command()
def tables(out: Path = typer.Argument(..., help="Folder with records.jsonl"),
           format: str = typer.Option("parquet", "--format", help="parquet | csv | jsonl | duckdb | sqlite")):
    """Rebuild the query tables of OUT from its records.jsonl."""
    from pipeline.export.tables import FORMATS, write_tables
    if format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    counts = write_tables(out, format, _records_of(out))
    typer.echo(", ".join(f"{n} {name}" for name, n in counts.items()))


@app.command()
def query(out: Path = typer.Argument(..., help="Output folder (its vngov.duckdb, or its parquet tables)"),
          sql: str = typer.Argument(..., help="SQL over the tables; vn_key(text) folds a name like name_key"),
          format: str = typer.Option("table", "--format", help="table | csv | json (one object a line)")):
    """Run SQL over the tables of OUT with the DuckDB the project installs."""
    import duckdb

    from pipeline.export.query import NoTables, format_rows, run_sql
    if format not in ("table", "csv", "json"):
        raise typer.BadParameter("choose one of table, csv, json", param_hint="--format")
    try:
        columns, rows = run_sql(out, sql)
    except (NoTables, duckdb.Error) as e:
        typer.echo(str(e).strip().splitlines()[0], err=True)
        raise typer.Exit(1)
    typer.echo(format_rows(columns, rows, format), nl=False)


@app.command()
def person(name: str = typer.Argument(..., help="A name, in any case or tone placement (Thuỷ = Thủy)"),
           out: Path = typer.Argument(..., help="Output folder (its vngov.duckdb, or its parquet tables)")):
    """Print one official's timeline: each post with the dates and pages it was seen on, then their pages."""
    from pipeline.export.query import NoTables, timeline
    try:
        found = timeline(out, name)
    except NoTables as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1)
    if not found:
        typer.echo(f"no person named {name!r} in {out}", err=True)
        raise typer.Exit(1)


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
def show(file: Path = typer.Argument(..., exists=True, help="An input page/text, or a records.jsonl"),
         doc: Optional[str] = typer.Option(None, "--doc", help="doc_id to show (default: the first)"),
         html: Optional[Path] = typer.Option(None, "--html", help="Also write a displaCy entity page here")):
    """Show one document's record: attendees with positions and roles, metrics, meeting."""
    from pipeline.export.show import html_page, load_record, render
    try:
        record = load_record(file, doc)
    except (LookupError, ValueError) as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1)
    render(record)
    if html:
        html.write_text(html_page(record), encoding="utf-8")
        typer.echo(f"wrote {html}")


@app.command("eval")
def eval_(gold_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="Folder of gold *.json files"),
          errors: bool = typer.Option(False, "--errors", help="List missed and spurious items per document"),
          records: Optional[Path] = typer.Option(None, "--records", help="Score this records.jsonl instead of running")):
    """Precision/recall/F1 for attendee names, (name, position) pairs and metrics against gold files."""
    from pipeline.eval.scores import evaluate, load_gold, read_predictions, report
    from pipeline.export.tables import iter_records
    preds = read_predictions(iter_records(records), load_gold(gold_dir)) if records else None
    typer.echo(report(evaluate(gold_dir, preds), errors))


if __name__ == "__main__":
    app()
