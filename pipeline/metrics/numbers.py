"""Numbers as written in Vietnamese: digits with Vietnamese or unambiguous English grouping, and numbers in words.

"," is the decimal mark and "." groups thousands; a dot is read as a thousands mark (also in malformed "190.00"),
but a dot before one digit groups nothing and is an English decimal point ("tăng 5.5%"); English grouping is read
only when unambiguous ("1,234,567", "1,234.5").

>>> [parse_number(s) for s in ("40,43", "1.234", "1.234,5", "1,234,567", "5.5", "03", "0912345678")]
[40.43, 1234, 1234.5, 1234567, 5.5, 3, None]
>>> [parse_number(s) for s in ("ba mươi", "mười lăm", "hai mươi mốt", "một trăm linh năm", "nửa", "bảy")]
[30, 15, 21, 105, 0.5, 7]
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from pipeline.text.lexicons import word_alternation

_VN_GROUPED = re.compile(r"\d{1,3}(?:\.\d{2,3})+(?:,\d+)?")  # 1.234.567 / 1.234,5 (and the typo 190.00)
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3}(?:,\d{3})+\.\d+")  # 1,234,567 / 1,234.5
_PLAIN = re.compile(r"\d+(?:,\d+)?")  # 40 / 40,43
DOT_DECIMAL = re.compile(r"\d{1,3}\.\d")  # 5.5 / 12.3: one digit after a dot groups nothing, so it is a decimal


def _num(s: str) -> int | float:
    x = float(s)
    return int(x) if x.is_integer() else x


def parse_digits(s: str) -> int | float | None:
    """A number written with digits, Vietnamese conventions first; None when it is not one number."""
    s = s.strip()
    if _PLAIN.fullmatch(s):
        if len(s) > 3 and s[0] == "0" and s[1] != ",":
            return None  # a long number with a leading zero is a phone number or code ("03 hợp đồng" is a count)
        return _num(s.replace(",", "."))
    if _EN_GROUPED.fullmatch(s):
        return _num(s.replace(",", ""))
    if DOT_DECIMAL.fullmatch(s):
        return _num(s)
    if _VN_GROUPED.fullmatch(s):
        return _num(s.replace(".", "").replace(",", "."))
    return None


# ---------------------------------------------------------------- numbers written in words

_DIGIT_WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _tens_forms(n: int) -> list[str]:
    """Spellings of 1..99."""
    if n < 10:
        return [_DIGIT_WORDS[n]]
    tens, unit = divmod(n, 10)
    head = ["mười"] if tens == 1 else [f"{_DIGIT_WORDS[tens]} mươi"]
    if unit == 0:
        return head
    units = {1: ["một"] if tens == 1 else ["mốt", "một"], 4: ["bốn", "tư"] if tens > 1 else ["bốn"],
             5: ["lăm", "nhăm"]}.get(unit, [_DIGIT_WORDS[unit]])
    return [f"{h} {u}" for h in head for u in units]


@lru_cache(maxsize=1)
def spelled_numbers() -> dict[str, int | float]:
    """Every spelling of 1..999 ("mười lăm", "hai mươi mốt", "một trăm linh năm") and "nửa"."""
    out: dict[str, int | float] = {"nửa": 0.5}
    for n in range(1, 100):
        for f in _tens_forms(n):
            out[f] = n
    for h in range(1, 10):
        base = f"{_DIGIT_WORDS[h]} trăm"
        out[base] = h * 100
        for n in range(1, 100):
            for f in _tens_forms(n):
                if n < 10:
                    out[f"{base} linh {f}"] = out[f"{base} lẻ {f}"] = h * 100 + n
                else:
                    out[f"{base} {f}"] = h * 100 + n
    return out


_NUMERALS = ("một", "hai", "ba", "bốn", "tư", "năm", "lăm", "nhăm", "sáu", "bảy", "tám", "chín", "mười", "mươi", "mốt",
             "trăm", "linh", "lẻ", "nửa")
_NUMERAL_WORD = rf"(?:{'|'.join(_NUMERALS)})"
# searched in the lower-case view of the text (pipeline.text.normalize.lower_view)
_SPELLED_RUN = re.compile(rf"{word_alternation(_NUMERALS).pattern}(?:[ \t]+{_NUMERAL_WORD})*(?!\w)")
# Numerals that alone are far more often something else: "một" (a/one), "năm" (year), "tư" (private).
_AMBIGUOUS_ALONE = {"một", "năm", "tư", "lăm", "nhăm", "mốt", "linh", "lẻ", "mươi", "trăm"}


@lru_cache(maxsize=4096)  # (runs of numeral words are short and recur: "hai", "ba", "mười lăm")
def _spelled_prefix(run: str) -> tuple[int | float, int] | None:
    """Longest leading spelled number of a run of numeral words: (value, length in chars)."""
    words = run.split()
    table_ = spelled_numbers()
    for n in range(min(len(words), 7), 0, -1):
        phrase = " ".join(w.lower() for w in words[:n])
        if phrase in table_:
            if n == 1 and phrase in _AMBIGUOUS_ALONE:
                return None
            m = re.match(r"\S+(?:\s+\S+){%d}" % (n - 1), run)
            return table_[phrase], m.end()
    return None


def parse_spelled(s: str) -> int | float | None:
    """A number written in words ("ba mươi" → 30, "mười lăm" → 15, "nửa" → 0.5); None otherwise."""
    return spelled_numbers().get(" ".join(s.lower().split()))


def parse_number(s: str) -> int | float | None:
    """A number written with digits (Vietnamese or unambiguous English grouping) or in words."""
    v = parse_digits(s)
    return v if v is not None else parse_spelled(s)


def spelled_in(text: str, low: str) -> Iterator[tuple[int, int, int | float]]:
    """(start, end, value) of each number written in words in `text` (searched in its lower-case view `low`).

    >>> s = "Hai Phó Chủ tịch và mười lăm đại biểu"
    >>> list(spelled_in(s, s.lower()))
    [(0, 3, 2), (20, 28, 15)]
    """
    for m in _SPELLED_RUN.finditer(low):
        if got := _spelled_prefix(text[m.start():m.end()]):
            yield m.start(), m.start() + got[1], got[0]
