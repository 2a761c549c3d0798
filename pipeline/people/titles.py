"""Titles as the record gives them: `normalized` (abbreviations expanded, tone placement folded) and de-duplicated.

>>> normalize_title("Phó Chủ tịch UBND tỉnh")
'Phó Chủ tịch Ủy ban nhân dân tỉnh'
>>> normalize_title("Bí thư Tỉnh ủy khóa XVI, nhiệm kỳ 2020 - 2025")
'Bí thư Tỉnh ủy'
>>> normalize_title("trưởng Đoàn ĐBQH TP.HCM")
'Trưởng Đoàn đại biểu Quốc hội Thành phố Hồ Chí Minh'
>>> dedupe(["Thủ tướng", "Bí thư Tỉnh uỷ", "Thủ tướng Chính phủ", "Bí thư Tỉnh ủy"])
['Bí thư Tỉnh uỷ', 'Thủ tướng Chính phủ']
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.text.lexicons import table
from pipeline.text.matcher import PhraseMatcher
from pipeline.text.normalize import fold_tones, key
from pipeline.text.tokens import tokenize


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[PhraseMatcher, dict[str, str]]:
    t = table("people/title_abbreviations")
    return PhraseMatcher(t), {key(k): v for k, v in t.items()}


# the body's term and "(mới)"/"(cũ)" after a title: not part of the post ("Bí thư Tỉnh ủy khóa XVI")
_TERM = re.compile(r"\s*[,(]?\s*(?:\((?:mới|cũ)\)|(?:khóa|khoá)\s+[IVXLCDM\d]+|nhiệm kỳ\s+\d{4}\s*[-–]\s*\d{4})\s*\)?\s*$",
                   re.I)


def without_term(text: str) -> str:
    """The title without the body's term ("khóa XVI", "nhiệm kỳ 2021-2026")."""
    while (cut := _TERM.sub("", text)) != text:
        text = cut
    return text


@lru_cache(maxsize=20_000)  # the same titles recur on every page
def normalize_title(text: str) -> str:
    """Expand abbreviations (models/people/title_abbreviations.tsv), normalise tone placement and spacing, and leave
    out the body's term ("khóa XVI", "nhiệm kỳ 2021-2026"): the post is the same in every term."""
    text = without_term(text)
    matcher, expansions = _abbreviations()
    toks = tokenize(text)
    out, last = [], 0
    for s, e in matcher.find(toks):
        out += [text[last:toks.starts[s]], expansions[" ".join(t.key for t in toks[s:e])]]
        last = toks.end(e - 1)
    text = " ".join(fold_tones("".join(out) + text[last:]).split())
    return text[:1].upper() + text[1:]  # "phó giám đốc Sở …" (press style) → "Phó giám đốc Sở …"


_LAST_BRACKET = re.compile(r"\s*\(([^()]{1,24})\)$")


def without_short_form(title: str) -> str:
    """Leave out a bracket that only gives the body's own short form, the initials of its words or its first words:
    "Phó Giám đốc Sở Thông tin và Truyền thông (TT&TT)", "Phó Chủ tịch Liên hiệp các tổ chức Hữu nghị Việt Nam
    (Liên hiệp)"; a foreign acronym or a parent body says more and stays ("… Quỹ Tiền tệ Quốc tế (IMF)").

    >>> without_short_form("Bộ trưởng Bộ Khoa học và Công nghệ (KH&CN)")
    'Bộ trưởng Bộ Khoa học và Công nghệ'
    >>> without_short_form("Chuyên gia của Quỹ Tiền tệ Quốc tế (IMF)")
    'Chuyên gia của Quỹ Tiền tệ Quốc tế (IMF)'
    """
    m = _LAST_BRACKET.search(title)
    if not m:
        return title
    inner, head = m.group(1).strip(), title[:m.start()]
    words = [w for w in re.findall(r"\w+", head) if key(w) not in ("và", "các")]
    letters = "".join(c for c in inner if c.isalpha()).upper()
    initials = "".join(w[0] for w in words).upper()
    if inner[:1].isupper() and (" " + key(inner) + " " in " " + key(head) + " "
                                or len(letters) >= 2 and inner.replace("&", "").isupper()
                                and initials.endswith(letters)):
        return head
    return title


_DASHES = re.compile(r"\s*[-–—]\s*")


def dedupe(titles: list[str]) -> list[str]:
    """Keep the first spelling of each title; drop a title whose words begin a longer one ("Thủ tướng" vs
    "Thủ tướng Chính phủ"): the guidelines' "a shorter repeat is not listed again"."""
    # ("Chủ tịch HĐND tỉnh khóa XVIII" repeats "… tỉnh Nghệ An"; "Bộ Lao động – Thương binh …" with another dash
    # repeats "Bộ Lao động - Thương binh …")
    keys = [_DASHES.sub("-", key(without_term(t))) for t in titles]
    out, seen = [], set()
    for t, k in zip(titles, keys):
        if k in seen or any(o != k and o.startswith(k + " ") for o in keys):
            continue
        seen.add(k)
        out.append(t)
    return out
