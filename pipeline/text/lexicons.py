"""Vocabulary as data: the lists and tables in `models/<stage>/`, and the word lists underthesea ships.

Each file says at its top where its entries come from and which stages read it; lines are entries, `#` starts a
comment. Files are read once per process. `phrases(name)` is a list compiled into the one matcher
(pipeline.text.matcher), which every stage uses for word lists.
"""
from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from pipeline.text.matcher import PhraseMatcher

_HERE = Path(__file__).resolve().parent
# models/ ships inside the installed package (pipeline/models) and sits beside it in the source tree
MODELS_DIR = next((p for p in (_HERE.parent / "models", _HERE.parents[1] / "models") if p.is_dir()),
                  _HERE.parents[1] / "models")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@lru_cache(maxsize=None)
def entries(name: str) -> tuple[str, ...]:
    """Lines of models/<name>.txt ("ner/surnames") without comments and blanks; of a table (models/<name>.tsv), its
    first column."""
    if not (MODELS_DIR / f"{name}.txt").exists() and (MODELS_DIR / f"{name}.tsv").exists():
        return tuple(table(name))
    out = []
    for line in _lines(MODELS_DIR / f"{name}.txt"):
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, str]:
    """models/<name>.tsv as {first column: second column}."""
    out = {}
    for line in _lines(MODELS_DIR / f"{name}.tsv"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        a, b = line.split("\t")[:2]
        out[a.strip()] = b.strip()
    return out


@lru_cache(maxsize=None)
def phrases(*names: str) -> PhraseMatcher:
    """The lists models/<name>.txt, together, as one PhraseMatcher."""
    return PhraseMatcher(e for name in names for e in entries(name))


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """models/<name>.txt as a set of lower-case entries, for one-word look-ups by token key."""
    from pipeline.text.normalize import key
    return frozenset(key(e) for e in entries(name))


def data_files() -> list[Path]:
    """Every file a lexicon may be built from: models/ and the underthesea data files read here (pipeline.text.cache
    keys compiled lexicons on them)."""
    files = [p for p in MODELS_DIR.rglob("*") if p.is_file()]
    return files + [p for p in (_underthesea_file("corpus", "data", "Viet74K.txt"),
                                _underthesea_file("address", "data", "mapping.json")) if p]


def _underthesea_file(*parts: str) -> Path | None:
    """A data file shipped inside the installed underthesea package, located without importing it (importing is slow
    and only the data is needed); None when the package or the file is not there."""
    spec = importlib.util.find_spec("underthesea")
    path = Path(spec.origin).parent.joinpath(*parts) if spec and spec.origin else None
    return path if path is not None and path.is_file() else None


@lru_cache(maxsize=1)
def word_tags() -> dict[str, frozenset[str]]:
    """The part-of-speech tags (VLSP 2013 tagset: N noun, V verb, A adjective, E preposition …) each lower-case word
    has in the gold-tagged VLSP 2013 test sentences underthesea ships with its POS model (3,700 words); {} when that
    file is not installed. Used to tell a verb ("tạo", "phối hợp") from a counted noun after a number."""
    from pipeline.text.cache import cached, code_files
    path = _underthesea_file("pipeline", "pos_tag", "models", "pos_crf_vlsp2013_20230303", "test_output.txt")

    def build() -> dict[str, frozenset[str]]:
        tags: dict[str, set[str]] = {}
        for line in _lines(path) if path else ():
            parts = line.split("\t")
            if len(parts) >= 2 and parts[1].startswith("B-"):
                tags.setdefault(parts[0].lower(), set()).add(parts[1][2:])
        return {w: frozenset(t) for w, t in tags.items()}
    # (~50 ms to read the 3,700 sentences; the pickle loads in a few)
    return cached("word_tags", build, ([path] if path else []) + code_files("text"))


@lru_cache(maxsize=1)
def dictionary_words() -> tuple[str, ...]:
    """The multi-syllable words of underthesea's Viet74K word list ("doanh nghiệp", "hợp tác xã"), or () when it is
    not installed. The package is located, not imported: importing it is slow and only its data file is needed."""
    path = _underthesea_file("corpus", "data", "Viet74K.txt")
    return tuple(w for w in _lines(path) if " " in w) if path else ()


_LEVEL = re.compile(r"^(?:Thành phố|Tỉnh|Quận|Huyện|Thị xã|Phường|Xã|Thị trấn|Đặc khu)\s+")


@lru_cache(maxsize=1)
def administrative_units() -> dict[str, dict]:
    """Every province, district, ward and commune of Viet Nam, old and after the 2025 reorganisation, from the
    gazetteer underthesea ships (underthesea/address/data/mapping.json, 10,602 records, source vietnamadminunits),
    located and read without importing underthesea: {proper name ("Lâm Sơn", "Châu Thành A"): {"levels": {...},
    "provinces": {...}}}; {} when the file is not installed."""
    import json

    path = _underthesea_file("address", "data", "mapping.json")
    if path is None:
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dict] = {}

    def add(full: str | None, province: str | None) -> None:
        m = _LEVEL.match(full or "")
        if m and not re.search(r"\d", full):
            unit = out.setdefault(full[m.end():], {"levels": set(), "provinces": set()})
            unit["levels"].add(m.group().strip().lower())
            if province:
                unit["provinces"].add(province)
    for r in data.get("ward_mapping", ()):
        add(r.get("old_district"), r.get("old_province"))
        add(r.get("old_ward"), r.get("old_province"))
        add(r.get("new_ward"), r.get("new_province"))
    for table_ in ("province_names", "old_province_names"):
        for p in data.get(table_, {}).values():
            add(p.get("name"), p.get("name"))
    return out


def word_alternation(words, flags: int = 0) -> re.Pattern:
    """A regex for any of `words` as whole words, longest first, for the few grammars written as regexes over the
    text (dates, numbers). Each word opens its own branch and checks the character before it afterwards (not with a
    leading look-behind): a pattern whose branches all start with a literal lets `re` skip ahead to candidate first
    letters, several times faster on a whole page."""
    ws = sorted(set(words), key=len, reverse=True)
    return re.compile("(?:" + "|".join(rf"{re.escape(w)}(?<!\w{re.escape(w)})" for w in ws) + r")(?!\w)", flags)


@lru_cache(maxsize=None)
def alternation(name: str) -> str:
    """The entries of models/<name>.txt as a regex alternation (longest first, any spacing) for grammars written as
    regexes over a lower-case view (pipeline.text.normalize.lower_view): entries are folded the same way."""
    from pipeline.text.normalize import key
    return "|".join(r"\s+".join(map(re.escape, key(e).split())) for e in sorted(entries(name), key=len, reverse=True))
