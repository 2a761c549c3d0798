"""vngov: the command line (typer)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List

import typer

app = typer.Typer(help="Extract meetings, attendees and metrics from Vietnamese government news pages.",
                  no_args_is_help=True)


@app.callback()
def main() -> None:
    """vngov-extract command line."""


@app.command()
def extract(paths: List[Path] = typer.Argument(..., help="Files or folders (recursive): .html .htm .txt .jsonl"),
            out: Path = typer.Option(..., "-o", "--out", help="Output folder"),
            format: str = typer.Option("parquet", "--format", help="parquet | csv")):
    """Extract every document under PATHS into OUT/records.jsonl (+ tables, errors.jsonl)."""
    from pipeline.extract import extract_doc
    from pipeline.load import InputError, iter_documents

    out.mkdir(parents=True, exist_ok=True)
    n_ok = n_err = 0
    with open(out / "records.jsonl", "w", encoding="utf-8") as rec, open(out / "errors.jsonl", "w", encoding="utf-8") as err:
        for item in iter_documents(paths):
            if isinstance(item, InputError):
                err.write(json.dumps(item.__dict__, ensure_ascii=False) + "\n"); n_err += 1
                continue
            try:
                rec.write(json.dumps(extract_doc(item).to_dict(), ensure_ascii=False) + "\n"); n_ok += 1
            except Exception as e:  # one bad document never stops the batch
                err.write(json.dumps({"source": item.source, "reason": f"{type(e).__name__}: {e}"}, ensure_ascii=False) + "\n"); n_err += 1
    typer.echo(f"{n_ok} records, {n_err} errors → {out}")


if __name__ == "__main__":
    app()
