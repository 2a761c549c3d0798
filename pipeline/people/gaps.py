r"""The gap classifier: what lies between two entities of a sentence decides how they may link.

Gaps are read in the Document's lower-case view (tone placement folded), so "Ông" and "ông", "Uỷ" and "Ủy" are one.

>>> [gap_kind(g) for g in ["", ", ", " – ", " (", " và ", ", kiêm ", " ông ", ", bà ", "; đồng chí ", " và bà "]]
['adj', 'comma', 'dash', 'paren', 'and', 'kiem', 'hon', 'chon', 'shon', 'ahon']
>>> gap_kind(" đối với ông "), gap_kind(" là "), gap_kind(" (SN 1978, trú TP Thanh Hóa), "), gap_kind(" phát biểu ")
('for', 'is', 'comma', 'other')
>>> gap_kind(" nhiệm kỳ 2025-2030 gồm:\n\nông "), gap_kind(".\n\nông "), gap_kind(",\n"), gap_kind(", xiii, ")
('intro', 'shon', 'semi', 'comma')
>>> gap_kind(", nhiệm kỳ 2016-2021 đối với bà "), gap_kind("), ")
('for', 'comma')
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.text.lexicons import alternation, entries

ADJ, COMMA, SEMI, DASH, COLON, PAREN, AND, SAND, KIEM, HON, CHON, SHON, AHON, FOR, IS, INTRO, OTHER = (
    "adj", "comma", "semi", "dash", "colon", "paren", "and", "sand", "kiem", "hon", "chon", "shon", "ahon", "for", "is",
    "intro", "other")


_HON = rf"(?:các\s+)?(?:{alternation('people/address_words')})"
# (kind, what the whole gap is), tried in order
_KINDS = [
    # ("Đại sứ Mỹ hiện nay Daniel Kritenbrink": the title touches its person)
    (ADJ, rf"(?:{alternation('ner/incumbent_words')})?"), (COMMA, r","), (SEMI, r";"), (DASH, r"[-–—]"),
    (COLON, r":"), (PAREN, r"\("),
    (AND, r",?\s*(?:và|cùng|rồi)"), (SAND, rf";\s*và(?:\s+{_HON})?"), (KIEM, r",?\s*kiêm"),  # "…; và C, …": a list's end
    (HON, rf"(?:[-–—]\s*)?{_HON}"), (CHON, rf",\s*{_HON}"), (SHON, rf"[;:]\s*{_HON}"),  # ("TITLE - ông X")
    (AHON, rf",?\s*(?:và|cùng)\s+{_HON}"),  # "… và bà B"
    (FOR, rf"đối với\s*(?:{_HON})?\s*:?"),  # "miễn nhiệm chức vụ Phó Chủ tịch UBND tỉnh đối với (các) ông(:) X"
    # "… có Chủ nhiệm là Thượng tướng X", "hai Phó Bí thư là ông A", "Người giữ chức Chủ tịch … trước đó là ông X"
    (IS, rf",?\s*(?:hiện nay\s+|hiện\s+|trước đó\s+|trước đây\s+)?là(?:\s+{_HON})?"),
]
_KIND_RES = [(kind, re.compile(rf"^\s*{rx}\s*$")) for kind, rx in _KINDS]
# a few words announcing the list that follows ("Các Phó Bí thư Tỉnh ủy, nhiệm kỳ 2025-2030 gồm: ông A, …")
_HONS = rf"(?:{_HON}(?:\s*,\s*{_HON})?\s*)"  # "các ông, bà"
INTRO_WORDS = r"gồm có|gồm|bao gồm|là"
_INTRO = re.compile(rf"^[^.;\n]{{0,50}}?(?<!\w)(?:{INTRO_WORDS})\s*:?\s*{_HONS}?:?\s*$|^[^.;\n]{{0,50}}:\s*{_HONS}?$")
_NEW = re.compile(r"(?<!\w)tân\s*$")  # "ông X, tân Bí thư Tỉnh ủy": "new" qualifies the title (and is left out of it)
_LINE_BREAK = re.compile(r"(:)?[.;,]?[ \t]*\n\s*")  # after a colon the list starts: the break is a space
# "Đỗ Văn Khiêm (SN 1978, trú TP Thanh Hóa), nguyên Giám đốc …", "ông A (SN 1967), ông B": an aside about the
# person before the gap; the gap is what follows it
_ASIDE = re.compile(r"^\s*\([^()\n]{1,80}\)(?=\s*[,;:]|\s+(?:và|cùng)\s)"
                    r"|^\s*,\s*(?:(?:sinh năm|sinh ngày|sn)\s+[\d/.-]{4,10}|\d{2}\s+tuổi)"  # "Bà A, sinh năm 1963, Phó …",
                    # "Ông A, 48 tuổi, Phó bí thư …" (r29)
                    r"(?:\s*,\s*(?:dân tộc|quê|quê quán|quê ở)\s[^,;:\n]{1,40})?(?=\s*,)")  # (", dân tộc Khmer, …")
# "Ủy viên Trung ương Đảng khóa XII, XIII, Đại biểu Quốc hội …": the title keeps its first term; the later terms
# ("XIII") open the gap to the next title, which is then a plain comma
# (and a term after a comma: "miễn nhiệm chức vụ Trưởng ban … khóa IX, nhiệm kỳ 2016-2021 đối với bà X")
_MORE_TERMS = re.compile(r"^(?:\s*(?:,|và)\s*(?:[ivxlc]+|\d{1,2})(?=\s*[,;])"
                         r"|\s*,?\s*\(?nhiệm kỳ\s+\d{4}\s*[-–]+\s*\d{4}\)?(?=\s*[,;]|\s+đối với))+")
_CLOSE = re.compile(r"^\s*\)")  # the bracket a title in brackets leaves: "A (Chủ tịch UBND tỉnh), B (…), C"
# longer than any separator pattern (the longest word of address with its punctuation: "samdech akka moha sena padei
# techo"): a longer gap has words standing between the two entities
_LONGEST = max(24, max(map(len, entries("people/address_words"))) + 6)


@lru_cache(maxsize=20_000)  # the same gaps (", ", " – ", " và ông ") recur on every page
def gap_kind(gap: str) -> str:
    """The kind of a gap (lower-case view) between two entities. A line break separates like a semicolon: a title
    ending one line is not the name's that opens the next, but a list may go on over lines."""
    if "\n" in gap:
        gap = _LINE_BREAK.sub(lambda m: ": " if m.group(1) else "; ", gap)
    gap = _NEW.sub("", _ASIDE.sub("", _MORE_TERMS.sub("", _CLOSE.sub("", gap, count=1), count=1), count=1))
    if len(gap) <= _LONGEST:
        for kind, rx in _KIND_RES:
            if rx.match(gap):
                return kind
    return INTRO if _INTRO.match(gap) else OTHER
