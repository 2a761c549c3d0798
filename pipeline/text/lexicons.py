"""Lexicons shipped as data in `models/` (one entry per line, `#` comments).

Each file documents its sources at the top. Loaded once and cached.
"""
from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent
MODELS_DIR = next((p for p in (_HERE.parent / "models", _HERE.parents[1] / "models") if p.is_dir()), _HERE.parents[1] / "models")


@lru_cache(maxsize=None)
def entries(name: str) -> tuple[str, ...]:
    """Lines of models/<name>.txt without comments and blanks."""
    out = []
    for line in (MODELS_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, str]:
    """models/<name>.tsv as {first column: second column}."""
    out = {}
    for line in (MODELS_DIR / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        a, b = line.split("\t")[:2]
        out[a.strip()] = b.strip()
    return out


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
    path = _underthesea_file("pipeline", "pos_tag", "models", "pos_crf_vlsp2013_20230303", "test_output.txt")
    tags: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines() if path else ():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1].startswith("B-"):
            tags.setdefault(parts[0].lower(), set()).add(parts[1][2:])
    return {w: frozenset(t) for w, t in tags.items()}


@lru_cache(maxsize=1)
def dictionary_words() -> tuple[str, ...]:
    """The multi-syllable words of underthesea's Viet74K word list ("doanh nghiệp", "hợp tác xã"), or () when it is
    not installed. The package is located, not imported: importing it is slow and only its data file is needed."""
    path = _underthesea_file("corpus", "data", "Viet74K.txt")
    if path is None:
        return ()
    return tuple(w for w in path.read_text(encoding="utf-8").splitlines() if " " in w)


def word_alternation(words, flags: int = 0) -> re.Pattern:
    """A regex for any of `words` as whole words, longest first. Each word opens its own branch and checks the
    character before it afterwards (not with a leading look-behind): a pattern whose branches all start with a
    literal lets `re` skip ahead to candidate first letters, several times faster on a whole page."""
    ws = sorted(set(words), key=len, reverse=True)
    return re.compile("(?:" + "|".join(rf"{re.escape(w)}(?<!\w{re.escape(w)})" for w in ws) + r")(?!\w)", flags)
