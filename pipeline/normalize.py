"""Unicode and Vietnamese spelling normalisation shared by every stage.

Pages mix NFC and NFD, and two tone-placement conventions ("hoà"/"hòa", "Uỷ"/"Ủy").
`nfc` is applied to all text on load; `fold_tones` and `key` are for comparing and
normalising titles and names without changing the text offsets refer to.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_TONE_RE = re.compile(f"[{_TONES}]")
# Open syllables with these vowel pairs carry the tone on the first vowel in the
# conventional (gov.vn) spelling: hòa, khỏe, Ủy, thủy. "qu"+y is an onset, not a pair.
_PAIR_RE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])(?![a-zA-Zđăâêôơư])")


def nfc(text: str) -> str:
    """NFC-normalise and turn non-breaking/odd spaces into plain spaces (not newlines)."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")


@lru_cache(maxsize=100_000)
def _fold_word(word: str) -> str:
    d = unicodedata.normalize("NFD", word)
    tones = _TONE_RE.findall(d)
    if len(tones) != 1:
        return word
    base = _TONE_RE.sub("", d)
    base_nfc = unicodedata.normalize("NFC", base)
    m = _PAIR_RE.search(base_nfc)
    if not m:
        return word
    i = m.start(1)  # tone goes on the first vowel of the pair
    out = base_nfc[: i + 1] + tones[0] + base_nfc[i + 1:]
    return unicodedata.normalize("NFC", out)


# Only words with an o/u followed by a/e/y (any tone, any case) can need folding: look at those alone.
_CANDIDATE_RE = re.compile(r"\w*[oòóỏõọuùúủũụ][aàáảãạeèéẻẽẹyỳýỷỹỵ]\w*", re.I)


def fold_tones(text: str) -> str:
    """Rewrite "hoà", "Uỷ", "khoẻ" as "hòa", "Ủy", "khỏe" (tone on the first vowel of oa/oe/uy)."""
    return _CANDIDATE_RE.sub(lambda m: _fold_word(m.group(0)), unicodedata.normalize("NFC", text))


@lru_cache(maxsize=100_000)
def key(text: str) -> str:
    """Comparison key: NFC, tone placement folded, case-folded, spaces collapsed, edge punctuation cut."""
    text = fold_tones(text or "").casefold()
    return re.sub(r"\s+", " ", text).strip(" ,.;:-–")
