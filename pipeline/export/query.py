"""`vngov query` and `vngov person`: SQL over an output folder's tables with the DuckDB library the project installs
(a separately installed duckdb command may be older than the file it is asked to open).

The connection opens OUT/vngov.duckdb read-only, or else puts a view over each parquet table; it has `vn_key(text)`,
the folded key `people.name_key` and `careers.name_key` hold (pipeline.text.normalize.key: case, tone placement and
spacing folded), so `WHERE name_key = vn_key('Nguyễn Thị Thủy')` finds "Nguyễn Thị Thuỷ" too; and it shows times in
Vietnam's zone.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pipeline.export.tables import DUCKDB_FILE, SCHEMA
from pipeline.text.normalize import key, strip_tones


class NoTables(LookupError):
    """An output folder with no tables this module can read."""


def connect(out: Path):
    import duckdb

    out = Path(out)
    if (out / DUCKDB_FILE).is_file():
        con = duckdb.connect(str(out / DUCKDB_FILE), read_only=True)
    elif (out / "documents.parquet").is_file():
        con = duckdb.connect()
        for name in SCHEMA:
            path = out / f"{name}.parquet"
            if path.is_file():
                con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{_literal(path)}')")
    else:
        raise NoTables(f"no tables in {out}: run `vngov tables {out}` (parquet) or extract with --format duckdb")
    con.create_function("vn_key", key, ["VARCHAR"], "VARCHAR")
    try:
        con.execute("SET TimeZone = 'Asia/Ho_Chi_Minh'")
    except duckdb.Error:  # a DuckDB built without time zones shows UTC
        pass
    return con


def _literal(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")


def run_sql(out: Path, sql: str) -> tuple[list[str], list[tuple]]:
    """(column names, rows) of `sql` over OUT's tables."""
    con = connect(out)
    try:
        cur = con.execute(sql)
        return [d[0] for d in cur.description or []], cur.fetchall()
    finally:
        con.close()


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False, default=_cell)
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e18:
        return str(int(v))
    return str(v)


def format_rows(columns: list[str], rows: list[tuple], fmt: str = "table", console: Console | None = None) -> str:
    """Rows as a table (drawn on `console`, returns ""), CSV or JSON lines (returned)."""
    if fmt == "json":
        return "".join(json.dumps(dict(zip(columns, r)), ensure_ascii=False, default=_cell) + "\n" for r in rows)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(columns)
        w.writerows([_cell(v) for v in r] for r in rows)
        return buf.getvalue()
    table = Table(*columns, caption=f"{len(rows)} rows")
    for r in rows:
        table.add_row(*(Text(_cell(v)) for v in r))  # Text: page text is shown as written, never read as markup
    (console or Console()).print(table)
    return ""


_CAREERS = """SELECT career_idx, post, province, province_today, first_seen, last_seen, n_pages, doc_ids
FROM careers WHERE person_id = ? ORDER BY first_seen NULLS LAST, career_idx"""
_PAGES = """SELECT coalesce(CAST(coalesce(m.date, d.published_date) AS VARCHAR), m.date_text) AS date, m.type,
       coalesce(m.title, d.title) AS title,
       a.roles, coalesce(m.province, d.province) AS province, a.doc_id
FROM attendees a JOIN documents d USING (doc_id)
LEFT JOIN meetings m ON m.doc_id = a.doc_id AND m.meeting_idx = 0
WHERE a.person_id = ? ORDER BY coalesce(m.date, d.published_date) NULLS LAST, a.doc_id"""


def find_people(con, name: str) -> list[tuple]:
    """People of this name (any case or tone placement); failing that, of this name without its tones."""
    cols = "person_id, name, names, article_count, first_seen, last_seen"
    found = con.execute(f"SELECT {cols} FROM people WHERE name_key = ? ORDER BY article_count DESC, person_id",
                        [key(name)]).fetchall()
    if not found:
        bare = strip_tones(key(name))
        found = [r for r in con.execute(f"SELECT {cols}, name_key FROM people ORDER BY article_count DESC, person_id")
                 .fetchall() if strip_tones(r[-1]) == bare]
    return [r[:6] for r in found]


def timeline(out: Path, name: str, console: Console | None = None) -> int:
    """Print the timeline of everyone called `name` in OUT (homonyms one after the other); returns how many."""
    console = console or Console()
    con = connect(out)
    try:
        people = find_people(con, name)
        for pid, display, names, n_pages, first, last in people:
            pages = f"{n_pages} page" + ("s" if n_pages != 1 else "")
            console.rule(Text(f"{display}  ·  {pages}  ·  {_cell(first) or '?'} – {_cell(last) or '?'}"))
            others = [n for n in names if n != display]
            console.print(Text(f"person_id {pid}" + (f"  ·  also written {', '.join(others)}" if others else "")))
            career = Table("post", "province", "first seen", "last seen", "pages", title="Posts", title_justify="left")
            for _, post, prov, today, f, la, n, docs in con.execute(_CAREERS, [pid]).fetchall():
                where = prov + (f" (now {today})" if today and today != prov else "") if prov else ""
                career.add_row(*(Text(x) for x in (post, where, _cell(f), _cell(la), f"{n}: {', '.join(docs)}")))
            console.print(career)
            pages = Table("date", "meeting", "title", "roles", "province", "doc_id", title="Pages",
                          title_justify="left")
            for row in con.execute(_PAGES, [pid]).fetchall():
                pages.add_row(*(Text(_cell(v) if not isinstance(v, list) else ", ".join(v)) for v in row))
            console.print(pages)
        return len(people)
    finally:
        con.close()
