"""The query tables' shape, derived from the record schema (pipeline.record): a field added there reaches a table
with no edit here.

The Record's own fields are the `documents` table; each field holding a list of parts (Record.meetings, .attendees,
.metrics, .entities, Attendee.positions, Meeting.delegations) is a table of its own, named after the field, whose
rows carry `doc_id` and one `<part>_idx` per level ("attendee_idx", "position_idx"). A field holding one part of a
kind a list beside it holds (Record.meeting, the first of Record.meetings) is that list's first row.

Column types follow the annotations: int → BIGINT, float and int | float → DOUBLE, str → VARCHAR, list[...] → a
list, and by name: a field named `date` or `*_date` holds an ISO date (DATE), `published` the page's timestamp
(TIMESTAMP WITH TIME ZONE, and a `published_date` DATE beside it). `start`/`end` offsets are `char_start`/`char_end`
("end" is reserved in SQL).
"""
from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Callable, Iterator

from pipeline.record import Record


@dataclass(frozen=True)
class DataType:
    """A column's Arrow type, named without importing pyarrow (a run that writes JSONL or SQLite tables never loads
    it); `arrow()` gives the pyarrow type, and str() its name as pyarrow spells it."""
    name: str  # "string", "int64", "double", "bool", "date32[day]", "timestamp[us, tz=+07:00]", "list"
    item: "DataType | None" = None  # a list's

    def __str__(self) -> str:
        return f"list<item: {self.item}>" if self.item is not None else self.name

    def arrow(self):
        import pyarrow as pa
        if self.item is not None:
            return pa.list_(self.item.arrow())
        if self.name.startswith("timestamp"):
            return pa.timestamp("us", tz="+07:00")
        return {"string": pa.string, "int64": pa.int64, "double": pa.float64, "bool": pa.bool_,
                "date32[day]": pa.date32}[self.name]()

    @property
    def is_list(self) -> bool:
        return self.item is not None


@dataclass(frozen=True)
class Field:
    name: str
    type: DataType


class Schema:
    """A table's columns, in order (what pyarrow.Schema offers the exporters: names, field(), iteration)."""

    def __init__(self, fields: list[tuple[str, DataType]]):
        self.fields = [Field(n, t) for n, t in fields]
        self.names = [f.name for f in self.fields]
        self._arrow = None

    def __iter__(self):
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def field(self, name: str) -> Field:
        return self.fields[self.names.index(name)]

    def arrow(self):
        if self._arrow is None:
            import pyarrow as pa
            self._arrow = pa.schema([(f.name, f.type.arrow()) for f in self.fields])
        return self._arrow


STRING, INT64, DOUBLE, BOOL = DataType("string"), DataType("int64"), DataType("double"), DataType("bool")


def list_of(item: DataType) -> DataType:
    return DataType("list", item)


# Vietnam's zone: pages give their times in it, so a time written without an offset is read in it.
TZ = dt.timezone(dt.timedelta(hours=7))
DATE = DataType("date32[day]")
TIMESTAMP = DataType("timestamp[us, tz=+07:00]")
RENAMED = {"start": "char_start", "end": "char_end"}


def to_date(v) -> dt.date | None:
    """An ISO date ("2022-07-29", or the date of "2022-07-29T08:00:00+07:00"); None for anything else."""
    if isinstance(v, str) and len(v) >= 10:
        try:
            return dt.date.fromisoformat(v[:10])
        except ValueError:
            return None
    return None


def to_timestamp(v) -> dt.datetime | None:
    """An ISO timestamp with its zone (a time without one is Vietnam's); None for a bare date or anything else: the
    `_date` column beside it keeps the date, and no time is made up."""
    if not isinstance(v, str) or len(v) <= 10:
        return None
    try:
        t = dt.datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=TZ)


def _number(v):
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _integer(v):
    return int(v) if isinstance(v, int) and not isinstance(v, bool) else None


def _string(v):
    return None if v is None else v if isinstance(v, str) else str(v)


@dataclass(frozen=True)
class Column:
    name: str
    type: DataType
    source: str | None = None  # the part's field it is read from; None for a key or a derived column
    convert: Callable[[Any], Any] = _string


def _scalar(hint) -> tuple[DataType, Callable]:
    if hint is bool:
        return BOOL, lambda v: v if isinstance(v, bool) else None
    if hint is int:
        return INT64, _integer
    if hint is float:
        return DOUBLE, _number
    return STRING, _string


def _list(item_type: DataType, convert: Callable) -> tuple[DataType, Callable]:
    def to_list(v):
        return [convert(x) for x in v] if isinstance(v, (list, tuple)) else None
    to_list.item = convert  # (read by the generated row collectors, which inline it)
    return list_of(item_type), to_list


def arrow_type(hint) -> tuple[DataType, Callable]:
    """Arrow type and converter of a field annotation (parts excepted)."""
    origin, args = typing.get_origin(hint), [a for a in typing.get_args(hint) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        if set(args) <= {int, float} and len(args) > 1:
            return DOUBLE, _number
        return arrow_type(args[0])
    if origin in (list, tuple):  # a tuple is a fixed pair of offsets: a list of its item type
        return _list(*arrow_type(args[0]))
    return _scalar(hint)


def columns_of_field(name: str, hint) -> list[Column]:
    col = RENAMED.get(name, name)
    if name == "published":
        return [Column(col, TIMESTAMP, name, to_timestamp), Column(f"{col}_date", DATE, name, to_date)]
    if name == "date" or name.endswith("_date"):
        return [Column(col, DATE, name, to_date)]
    typ, convert = arrow_type(hint)
    return [Column(col, typ, name, convert)]


def _part_of(hint) -> type | None:
    """The part class a field holds (one, or a list of them), or None."""
    args = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
    for a in args:
        inner = typing.get_args(a)
        cand = inner[0] if typing.get_origin(a) is list and inner else a
        if isinstance(cand, type) and is_dataclass(cand):
            return cand
    return None


@dataclass
class Table:
    name: str
    part: type
    path: tuple[str, ...]  # the fields from the Record to this table's list ((): the Record itself)
    keys: list[Column]
    columns: list[Column]  # from the part's fields
    children: list["Table"] = field(default_factory=list)
    covers: str = ""  # a single-part field this list's first item is (Record.meeting for Record.meetings)

    def rows(self, obj: dict, keys: tuple = ()) -> Iterator[tuple[str, dict, dict]]:
        """(table name, row, the part's dict) for this part and every part under it."""
        out: list[tuple[str, dict, dict]] = []
        self._collect(obj, keys, out)
        return iter(out)

    def _collect(self, obj: dict, keys: tuple, out: list) -> None:
        # (a list filled depth first, not nested generators: a page has hundreds of rows, mostly one level down)
        plan = self.__dict__.get("_plan")
        if plan is None or plan[0] is not self.columns or plan[1] is not self.children:
            plan = self.__dict__["_plan"] = (self.columns, self.children, _compile_collector(self))
        plan[2](obj, keys, out)


# converters inlined by the generated collectors: the common case (the value already of the column's type) costs a
# type test, anything else goes through the converter itself, so every value is the one the converter gives
_INLINE = {_string: "str", _integer: "int", _number: "float"}


def _cell(convert: Callable, v: str, env: dict, depth: int = 0) -> str:
    """An expression that is convert(v) for the variable `v`, inlined where the converter is known."""
    name = f"_f{len(env)}"
    env[name] = convert
    typ = _INLINE.get(convert)
    if typ == "str":
        return f"({v} if {v} is None or type({v}) is str else {name}({v}))"
    if typ:
        return f"({v} if type({v}) is {typ} else {name}({v}))"
    item = getattr(convert, "item", None)
    if item is not None and depth < 3:
        x = f"x{depth}"
        return f"([{_cell(item, x, env, depth + 1)} for {x} in {v}] if isinstance({v}, _seq) else None)"
    return f"{name}({v})"


def _compile_collector(table: "Table") -> Callable[[dict, tuple, list], None]:
    """The table's row collector as straight-line code (one function per table, built from its columns): the same
    rows, in the same key order, as reading each column through its converter one by one."""
    env: dict[str, Any] = {"_name": table.name, "_dict": dict, "_seq": (list, tuple)}
    lines = ["def collect(obj, keys, out):", "    get = obj.get"]
    cells = [f"{k.name!r}: keys[{i}]" for i, k in enumerate(table.keys)]
    for i, c in enumerate(table.columns):
        lines.append(f"    v{i} = get({c.source!r})")
        cells.append(f"{c.name!r}: {_cell(c.convert, f'v{i}', env)}")
    lines.append(f"    out.append((_name, {{{', '.join(cells)}}}, obj))")
    for j, child in enumerate(table.children):
        env[f"_t{j}"] = child
        lines += [f"    items = get({child.path[-1]!r}) or []",
                  "    if isinstance(items, _dict):",
                  f"        _t{j}._collect(items, keys, out)",
                  "    else:",
                  f"        if not items and {child.covers!r} in obj and get({child.covers!r}):"
                  f" items = [obj[{child.covers!r}]]",
                  "        for i, item in enumerate(items):",
                  "            if isinstance(item, _dict):",
                  f"                _t{j}._collect(item, keys + (i,), out)"]
    exec(compile("\n".join(lines), f"<rows of {table.name}>", "exec"), env)
    return env["collect"]


def _singular(name: str) -> str:
    return name[:-3] + "y" if name.endswith("ies") else name[:-1] if name.endswith("s") else name


def derive(part: type, name: str, path: tuple[str, ...], keys: list[Column]) -> Table:
    hints = typing.get_type_hints(part)
    columns, children, singles = [], [], {}
    for f in fields(part):
        sub = _part_of(hints[f.name])
        if sub is None:
            columns.extend(columns_of_field(f.name, hints[f.name]))
        elif typing.get_origin(hints[f.name]) is list:
            children.append((f.name, sub))
        else:
            singles[sub] = f.name
    table = Table(name, part, path, keys, columns)
    for fname, sub in children:
        key = Column(f"{_singular(fname)}_idx", INT64)
        child = derive(sub, fname, path + (fname,), keys + [key])
        child.covers = singles.pop(sub, "")
        table.children.append(child)
    for sub, fname in singles.items():  # a lone part no list covers: a table with one row per parent
        table.children.append(derive(sub, fname, path + (fname,), keys))
    return table


DOCUMENTS = derive(Record, "documents", (), [Column("doc_id", STRING, "doc_id")])
DOCUMENTS.columns = [c for c in DOCUMENTS.columns if c.name != "doc_id"]


def all_tables(root: Table = DOCUMENTS) -> list[Table]:
    out = [root]
    for child in root.children:
        out.extend(all_tables(child))
    return out


TABLES: dict[str, Table] = {t.name: t for t in all_tables()}
assert len(TABLES) == len(all_tables()), "two record fields give tables of one name"
