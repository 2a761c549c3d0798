"""Unicode and Vietnamese spelling normalisation: the one place where case and tones are folded.

Pages mix NFC and NFD, and two tone-placement conventions ("hoà"/"hòa", "Uỷ"/"Ủy").
`nfc` is applied to all text on load; `fold_tones`, `key`, `lower_view` and `bare_view` are for comparing and
matching without changing the text offsets refer to (each view has one character for each character of the text).

>>> key("  Uỷ ban nhân dân TỈNH, ")
'ủy ban nhân dân tỉnh'
>>> fold_tones("hoà bình, khoẻ, quý")
'hòa bình, khỏe, quý'
>>> bare_view("nhấn mạnh")
'nhân manh'
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# The old placement puts the tone on the second vowel of a final oa/oe/uy ("hoà", "Uỷ", "khoẻ"); the gov.vn
# spelling puts it on the first ("hòa", "Ủy", "khỏe"). Not after "q" ("quý": "qu" is an onset), not before another
# letter ("hoàng", "tuyến": closed syllables keep the tone where it is).
_SECOND = {unicodedata.normalize("NFC", v + t): (v, t) for v in "aeyAEY" for t in _TONES}
# (the first letter opens the pattern and the look-behind, over it and the letter before, comes after it: a pattern
# that opens with a character set lets `re` skip ahead to those letters, three times faster on a page)
_OLD_PAIR_RE = re.compile(f"[oOuU](?<![qQ].)[{''.join(_SECOND)}](?![^\\W\\d_])")


def nfc(text: str) -> str:
    """NFC-normalise, read the look-alike "Ð"/"ð" (Icelandic eth, typed on some pages) as "Đ"/"đ", and turn
    non-breaking/odd spaces into plain spaces (not newlines)."""
    text = unicodedata.normalize("NFC", text)  # (str.replace: much faster than translate on a whole page)
    return text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111").replace("\u00a0", " ") \
        .replace("\u200b", "").replace("\ufeff", "")


def _move_tone(m: re.Match) -> str:
    first, second = m.group()
    vowel, tone = _SECOND[second]
    return unicodedata.normalize("NFC", first + tone) + vowel


def fold_tones(text: str) -> str:
    """Rewrite "hoà", "Uỷ", "khoẻ" as "hòa", "Ủy", "khỏe" (tone on the first vowel of oa/oe/uy); one character
    for one, so offsets into the folded text are offsets into the text."""
    return _OLD_PAIR_RE.sub(_move_tone, unicodedata.normalize("NFC", text))


def lower_view(text: str, folded: str | None = None) -> str:
    """`text` with tone placement folded and lower-cased, one character for one, so a match's offsets in the view
    are its offsets in the text: stages search the view without re.I (much faster on Vietnamese) and read the
    words from the text. `folded`: fold_tones(text), when the caller has it."""
    folded = fold_tones(text) if folded is None else folded
    view = folded.lower()
    if len(view) != len(text):  # a letter whose lower case is longer ("İ"): keep it as it is
        view = "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)
    return view


@lru_cache(maxsize=100_000)
def key(text: str) -> str:
    """Comparison key: NFC, tone placement folded, case-folded, spaces collapsed, edge punctuation cut."""
    text = fold_tones(text or "").casefold()
    return re.sub(r"\s+", " ", text).strip(" ,.;:-–")


def _strip_char(c: str) -> str:
    bare = unicodedata.normalize("NFC", "".join(ch for ch in unicodedata.normalize("NFD", c) if ch not in _TONES))
    return bare if len(bare) == 1 else c


# every precomposed Latin letter with a Vietnamese tone mark → the same letter without it
_STRIP_TABLE = {cp: _strip_char(chr(cp)) for cp in range(0xC0, 0x1EFA) if _strip_char(chr(cp)) != chr(cp)}
# the same as a list indexed by code point (any other character maps to itself, or is past its end): str.translate
# reads a list about twice as fast as a dict
_STRIP_LIST = [_STRIP_TABLE.get(cp, chr(cp)) for cp in range(0x1EFA)]


def strip_tones(text: str) -> str:
    """`text` with tone marks (not vowel marks) removed, one character for one: "nhấn mạnh" → "nhân manh"."""
    return text.translate(_STRIP_LIST)


def bare_view(text: str) -> str:
    """The lower-case view without tone marks, for words pages often mistype ("nhấn manh" for "nhấn mạnh")."""
    return strip_tones(lower_view(text))
