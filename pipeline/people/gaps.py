"""The gap classifier: what lies between two entities of a sentence decides how they may link.

Gaps are read in the Document's lower-case view (tone placement folded), so "Ông" and "ông", "Uỷ" and "Ủy" are one.

>>> [gap_kind(g) for g in ["", ", ", " – ", " (", " và ", ", kiêm ", " ông ", ", bà ", "; đồng chí ", " và bà "]]
['adj', 'comma', 'dash', 'paren', 'and', 'kiem', 'hon', 'chon', 'shon', 'ahon']
>>> gap_kind(" đối với ông "), gap_kind(" (SN 1978, trú TP Thanh Hóa), "), gap_kind(" phát biểu tại hội nghị ")
('for', 'comma', 'other')
"""
from __future__ import annotations

import re

from pipeline.text.lexicons import alternation

ADJ, COMMA, SEMI, DASH, COLON, PAREN, AND, KIEM, HON, CHON, SHON, AHON, FOR, OTHER = (
    "adj", "comma", "semi", "dash", "colon", "paren", "and", "kiem", "hon", "chon", "shon", "ahon", "for", "other")


_HON = rf"(?:các\s+)?(?:{alternation('people/address_words')})"
# (kind, what the whole gap is), tried in order
_KINDS = [
    (ADJ, r""), (COMMA, r","), (SEMI, r";"), (DASH, r"[-–—]"), (COLON, r":"), (PAREN, r"\("),
    (AND, r",?\s*(?:và|cùng)"), (KIEM, r",?\s*kiêm"),
    (HON, _HON), (CHON, rf",\s*{_HON}"), (SHON, rf"[;:]\s*{_HON}"),
    (AHON, rf",?\s*(?:và|cùng)\s+{_HON}"),  # "… và bà B"
    (FOR, rf"đối với\s*(?:{_HON})?"),  # "miễn nhiệm chức vụ Phó Chủ tịch UBND tỉnh đối với ông X"
]
_KIND_RES = [(kind, re.compile(rf"^\s*{rx}\s*$")) for kind, rx in _KINDS]
# "Đỗ Văn Khiêm (SN 1978, trú TP Thanh Hóa), nguyên Giám đốc …": an aside about the person, then the comma
_ASIDE_COMMA = re.compile(r"^\s*\([^()\n]{1,80}\)\s*,\s*$")
_LONGEST = 24  # longer than any separator pattern: words stand between the two entities


def gap_kind(gap: str) -> str:
    """The kind of a gap (lower-case view) between two entities."""
    if _ASIDE_COMMA.match(gap):
        return COMMA
    if len(gap) > _LONGEST:
        return OTHER
    for kind, rx in _KIND_RES:
        if rx.match(gap):
            return kind
    return OTHER
