"""The tables as one SQLite database (`--format sqlite`), the file `vngov serve` shows in Datasette.

Keys and links are declared (PRIMARY KEY, FOREIGN KEY), so Datasette links an attendee to the person and to the
page; the page text and titles (`documents_fts`) and people's names and posts (`people_fts`) have full-text indexes
(FTS5, case and accents folded: "Thuy" finds "Thủy" and "Thuỷ"). SQLite has no list or date type: lists are JSON
arrays (Datasette facets them as arrays) and dates ISO strings.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

# full-text indexes: table → its indexed text columns
FTS = {"documents": ("title", "text"), "people": ("name", "names", "positions")}
TOKENIZE = "unicode61 remove_diacritics 2"
# columns looked up often enough to index (person pages, facets)
INDEXED = ("person_id", "name_key", "province", "type", "date", "published_date", "post")


def _sql_type(t) -> str:
    """SQLite's type of a column (pipeline.export.schema.DataType)."""
    if t.name in ("int64", "bool"):
        return "INTEGER"
    if t.name == "double":
        return "REAL"
    return "TEXT"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class SqliteWriter:
    def __init__(self, path: Path, schemas: dict, primary_keys: dict[str, list[str]],
                 foreign_keys: dict[str, list[tuple[str, str, str]]]):
        self.con = sqlite3.connect(str(path))
        # a temp file renamed into place when complete (pipeline.export.files.atomic_files): no journal needed
        self.con.execute("PRAGMA journal_mode = OFF")
        self.con.execute("PRAGMA synchronous = OFF")
        self.schemas = schemas
        for name, schema in schemas.items():
            cols = [f"{_q(f.name)} {_sql_type(f.type)}" for f in schema]
            if primary_keys.get(name):
                cols.append(f"PRIMARY KEY ({', '.join(map(_q, primary_keys[name]))})")
            for col, table, ref in foreign_keys.get(name, []):
                cols.append(f"FOREIGN KEY ({_q(col)}) REFERENCES {_q(table)}({_q(ref)})")
            self.con.execute(f"CREATE TABLE {_q(name)} ({', '.join(cols)})")

    def write(self, name: str, rows: list[list]) -> None:
        marks = ", ".join("?" * len(self.schemas[name]))
        self.con.executemany(f"INSERT INTO {_q(name)} VALUES ({marks})", rows)

    def close(self) -> None:
        for table, columns in FTS.items():
            fts = _q(f"{table}_fts")
            # content="table" (double quotes) is the form Datasette looks for to offer a search box on the table
            self.con.execute(f'CREATE VIRTUAL TABLE {fts} USING FTS5 ({", ".join(columns)}, content="{table}", '
                             f'tokenize="{TOKENIZE}")')
            self.con.execute(f"INSERT INTO {fts} (rowid, {', '.join(columns)}) "
                             f"SELECT rowid, {', '.join(columns)} FROM {_q(table)}")
        for name, schema in self.schemas.items():
            for col in INDEXED:
                if col in schema.names:
                    self.con.execute(f"CREATE INDEX {_q(f'{name}_{col}')} ON {_q(name)} ({_q(col)})")
        self.con.commit()
        self.con.close()
