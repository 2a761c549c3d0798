"""Stage 4b, people: attendees (each named person with every title the text gives them) from a Doc's entities.

Titles attach to names by the patterns Vietnamese news uses, applied per sentence (";"-lists stay one sentence):
  A. name then titles      "Huỳnh Thành Đạt, Ủy viên Trung ương Đảng, Bộ trưởng Bộ KH&CN;"  "ông X – Bộ trưởng …"
  B. titles then name      "Bí thư Trung ương Đảng, Trưởng ban Tuyên giáo Trung ương Nguyễn Trọng Nghĩa"
  C. a shared plural title "các đồng chí Phó Chủ tịch UBND tỉnh: A, B và C" (every member gets it)
Mentions of the same person merge (tone placement and case folded); shorter repeats of a title are dropped.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from pipeline.text import lexicons as lexicon
from pipeline.ner.recognizer import UPPER, Ents, char_ents, doc_text
from pipeline.text.normalize import fold_tones, key
from pipeline.record import Attendee, Position
from pipeline.text.sentences import split_sentences

# What lies between two entities decides how they link.
ADJ, COMMA, SEMI, DASH, COLON, PAREN, AND, KIEM, HON, CHON, SHON, AHON, FOR, OTHER = (
    "adj", "comma", "semi", "dash", "colon", "paren", "and", "kiem", "hon", "chon", "shon", "ahon", "for", "other")
_HONORIFICS = ("đồng chí", "đ/c", "ông", "bà", "ngài", "tân")
_HON_WORDS = rf"(?:các\s+)?(?:{'|'.join(_HONORIFICS)})"
_GAP_RULES = [
    (ADJ, r""), (COMMA, r","), (SEMI, r";"), (DASH, r"[-–—]"), (COLON, r":"), (PAREN, r"\("),
    (AND, r",?\s*(?:và|cùng)"), (KIEM, r",?\s*kiêm"),
    (HON, _HON_WORDS), (CHON, rf",\s*{_HON_WORDS}"), (SHON, rf"[;:]\s*{_HON_WORDS}"),
    (AHON, rf",?\s*(?:và|cùng)\s+{_HON_WORDS}"),  # "… và bà B"
    (FOR, rf"đối với\s*(?:{_HON_WORDS})?"),  # "miễn nhiệm chức vụ Phó Chủ tịch UBND tỉnh đối với ông X"
]
_GAP_RES = [(kind, re.compile(rf"^\s*{rx}\s*$", re.I)) for kind, rx in _GAP_RULES]
# "các [đồng chí] Phó Chủ tịch: …", "hai Phó Giám đốc Sở Y tế: A và B"
_PLURAL_RE = re.compile(r"\b(?:các|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|\d{1,2})\s*(?:đồng chí\s*)?$", re.I)
# A title right after these verbs is the post the person before them holds, takes or held:
# "X tái đắc cử Chủ tịch …", "A, B được bầu giữ chức Phó Chủ tịch …", "ông X trước đó là Giám đốc …".
_POST_VERB_RE = re.compile(
    r"^\s*,?\s*(?:(?:trước đó|hiện nay|hiện|nay|vốn|đã|sẽ)\s+)?(?:là|tái đắc cử|đắc cử|trúng cử|được bầu(?:\s+(?:làm|giữ chức))?|"
    r"(?:được\s+)?(?:bổ nhiệm|điều động|phân công|giao)?\s*(?:làm|giữ chức(?:\s+vụ)?)|"
    r"[^.;:,\n]{0,30}?\b(?:giữ chức(?:\s+(?:vụ|danh))?|cử làm))\s*$", re.I)  # "được hiệp thương cử giữ chức"
# A title after these words is someone else's ("Thừa ủy quyền của Chủ tịch nước, Thứ trưởng X").
# (Not a bare "của": "dưới sự chủ trì của Ủy viên TW Đảng, Bí thư Tỉnh ủy X" introduces X himself.)
_OBJECT_RE = re.compile(r"\b(?:ủy quyền của|uỷ quyền của|thay mặt|theo|với|gửi|gặp|tiếp|chúc mừng|"
                        r"(?:quyết định|chỉ thị|công văn|thừa lệnh)[^.;:]{0,60}?của)\s*$", re.I)


# "Đỗ Văn Khiêm (SN 1978, trú TP Thanh Hóa), nguyên Giám đốc …": an aside about the person, then the comma
_ASIDE_COMMA = re.compile(r"^\s*\([^()\n]{1,80}\)\s*,\s*$")


def gap_kind(gap: str) -> str:
    if _ASIDE_COMMA.match(gap):
        return COMMA
    if len(gap) > 24:  # longer than any separator pattern: words stand between the two entities
        return OTHER
    for kind, rx in _GAP_RES:
        if rx.match(gap):
            return kind
    return OTHER


@dataclass
class _Item:
    label: str  # PERSON | POSITION
    text: str
    start: int
    end: int
    rank: bool = False
    gap: str = OTHER  # kind of the gap before this item (within the sentence)
    gap_text: str = ""
    owner: int | None = None  # for titles: index of the person item it belongs to
    shared_by: list[int] = field(default_factory=list)  # plural title: persons who share it


def _sentences(text: str, ents: Ents) -> list[list[_Item]]:
    """PERSON/POSITION items grouped by sentence, each with the kind of gap before it."""
    starts = [a for a, _ in split_sentences(text)]  # the splitter knows "TP. Huế", "GS. TS." are not ends
    groups: list[list[_Item]] = []
    current: list[_Item] = []
    prev_end, sentence = 0, -1
    for label, start, end, rank in ents:
        if label not in ("PERSON", "POSITION"):
            continue
        gap = text[prev_end:start]
        if current and current[-1].rank and gap.strip() == ".":
            gap = ""  # "TS. Cao Minh Đức": an abbreviated title's dot
        else:
            new_sentence = bisect.bisect_right(starts, start) - 1
            if current and new_sentence != sentence:
                groups.append(current)
                current = []
            sentence = new_sentence
        current.append(_Item(label, text[start:end], start, end, rank, gap_kind(gap) if current else OTHER, gap))
        prev_end = end
    if current:
        groups.append(current)
    return groups


def _link(items: list[_Item]) -> None:
    """Set `owner` of each title item (patterns A and B) and `shared_by` (pattern C)."""
    n = len(items)
    # A: titles after a name, joined by commas/dashes/"kiêm"; the last one goes to a following name it touches.
    for p, it in enumerate(items):
        if it.label != "PERSON":
            continue
        k = p + 1
        while k < n and items[k].label == "POSITION" and items[k].owner is None:
            allowed = (ADJ, COMMA, DASH, PAREN) if k == p + 1 else (ADJ, COMMA, DASH, KIEM)
            if items[k].gap not in allowed:
                break
            if k + 1 < n and items[k + 1].label == "PERSON" and items[k + 1].gap in (ADJ, DASH, HON):
                break  # "…, Phó Thủ tướng Trần Hồng Hà": this title names the next person
            items[k].owner = p
            k += 1
    # B: titles right before a name, walking back over commas/dashes.
    for p, it in enumerate(items):
        if it.label != "PERSON" or p == 0 or it.gap not in (ADJ, DASH, HON, CHON, FOR):
            continue
        k = p - 1
        while k >= 0 and items[k].label == "POSITION" and items[k].owner is None:
            if k < p - 1 and _OBJECT_RE.search(items[k].gap_text[-25:]):
                break
            items[k].owner = p
            if items[k].gap not in (ADJ, COMMA, DASH, KIEM):
                break
            k -= 1
    # D: a title after "đắc cử", "được bầu giữ chức", "là" … goes to the person (or list of persons) before it.
    for t, it in enumerate(items):
        if it.label != "POSITION" or it.owner is not None or t == 0 or not _POST_VERB_RE.match(it.gap_text):
            continue
        k = t - 1
        if items[k].label == "POSITION" and items[k].owner is not None:
            k = items[k].owner  # "bầu bổ sung ông X, Ủy viên …, giữ chức Phó Chủ tịch …"
        elif items[k].label != "PERSON":
            continue
        members = [k]
        while k > 0 and items[k].gap in (COMMA, AND) and items[k - 1].label == "PERSON":
            k -= 1
            members.append(k)
        it.owner, it.shared_by = (members[0], []) if len(members) == 1 else (None, members)
    # C: "các [đồng chí] TITLE[:] A, B; C và D", "hai TITLE: A và B" — every listed person shares the plural title.
    for t, it in enumerate(items):
        if it.label != "POSITION" or not _PLURAL_RE.search(it.gap_text[-20:]):
            continue
        members, k, first_own = [], t + 1, False
        sep_ok = (ADJ, COLON, SHON)  # "TITLE A", "TITLE: A", "TITLE: ông A"
        while k < n:
            start = k
            while k < n and items[k].label == "POSITION" and items[k].rank and items[k].gap in sep_ok + (COMMA, SEMI, AND):
                k += 1  # ranks before the member's name
            if k >= n or items[k].label != "PERSON" or items[k].gap not in (sep_ok if start == k else (ADJ,)):
                break
            own = False  # (a rank or degree before the name, "ThS. B", is not a post of one's own)
            person, k = k, k + 1
            while k < n and items[k].label == "POSITION" and items[k].owner == person:
                own = True
                k += 1
            if members and own and (items[start].gap in (AND, AHON) or not first_own):
                # "… và Thượng tướng Đỗ Căn – Phó Chủ nhiệm …", or "các Phó Chủ tịch: A, B; đồng chí C, Chủ tịch UBND":
                # a titled member after untitled ones (or after "và") starts another list
                break
            if not members:
                first_own = own
            members.append(person)
            sep_ok = (COMMA, SEMI, AND, HON, CHON, SHON, AHON)  # "…; bà B, …; ông C, …", "… và bà D"
            if k < n and items[k].gap not in sep_ok:
                break
        if members:
            it.shared_by = members
            if it.owner in members:
                it.owner = None


_ABBR = None


def normalize_title(text: str) -> str:
    """Expand abbreviations (UBND → Ủy ban nhân dân …) and normalise tone placement and spacing."""
    global _ABBR
    if _ABBR is None:
        table = lexicon.table("abbreviations")
        words = sorted(table, key=len, reverse=True)
        _ABBR = (re.compile(r"(?<![\w.&])(" + "|".join(map(re.escape, words)) + r")(?![\w&])"), table)
    rx, table = _ABBR
    text = re.sub(r"\s+", " ", fold_tones(rx.sub(lambda m: table[m.group(1)], text))).strip()
    return text[:1].upper() + text[1:]  # "phó giám đốc Sở …" (press style) → "Phó giám đốc Sở …"


def _dedupe(titles: list[str]) -> list[str]:
    """Keep the first spelling of each title; drop a title whose words begin a longer one ("Thủ tướng" vs
    "Thủ tướng Chính phủ") — the guidelines' "a shorter repeat is not listed again"."""
    keys = [key(t) for t in titles]
    out, seen = [], set()
    for t, k in zip(titles, keys):
        if k in seen or any(o != k and o.startswith(k + " ") for o in keys):
            continue
        seen.add(k)
        out.append(t)
    return out


def _byline_line(text: str, item: _Item) -> bool:
    """A line that holds only names ("Hoàng Tùng - Đàm Thanh") is a byline, not an attendee."""
    s = text.rfind("\n", 0, item.start) + 1
    e = text.find("\n", item.end)
    line = text[s: e if e >= 0 else len(text)]
    return bool(re.fullmatch(r"[\w\s.\-–,&|/()+]+", line)) and len(line.split()) <= 8 and not re.search(
        r"[a-zđ]{2,}\s+[a-zđ]{2,}", line.replace(item.text, ""))


def find_attendees(doc: Doc) -> list[Attendee]:
    """Every named person in the Doc with their titles (as written and normalised), in order of first mention."""
    return attendees_of(doc_text(doc), char_ents(doc))  # Doc.text rebuilds the string token by token: not that


def attendees_of(text: str, ents: Ents) -> list[Attendee]:
    """The same from a text and its entities (pipeline.ner.recognize): the batch path, no spaCy Doc."""
    people: dict[str, Attendee] = {}
    titles: dict[str, list[str]] = {}
    for items in _sentences(text, ents):
        _link(items)
        for p, it in enumerate(items):
            if it.label != "PERSON":
                continue
            own = [x.text for x in items if x.label == "POSITION" and (x.owner == p or p in x.shared_by)]
            if not own and _byline_line(text, it):
                continue
            k = key(it.text)
            if k not in people:
                people[k] = Attendee(name=it.text)
                titles[k] = []
            people[k].mentions.append((it.start, it.end))
            titles[k].extend(own)
    _merge_short_names(people, titles)
    for k, a in people.items():
        a.positions = [Position(t, normalize_title(t)) for t in _dedupe(titles[k])]
    _short_mentions(text, list(people.values()))
    return list(people.values())


def _merge_short_names(people: dict[str, Attendee], titles: dict[str, list[str]]) -> None:
    """A short name that is part of exactly one longer name is that person: a word of it ("Keovilay", "Tanaka")
    or its last words ("Thu Ba" of "Tôn Nữ Thu Ba")."""
    def part_of(short: str, full: str) -> bool:  # a word of it, its last words, or (two words or more) its first
        return short in full.split(" ") if " " not in short else (
            full.endswith(" " + short) or full.startswith(short + " "))

    for k in sorted(people, key=len):
        if k not in people:
            continue
        owners = [o for o in people if o != k and len(o) > len(k) and part_of(k, o)]
        if len(owners) == 1:
            people[owners[0]].mentions.extend(people.pop(k).mentions)
            titles[owners[0]].extend(titles.pop(k))


# "ông Tùng", "đồng chí Hiến": a word of address and one capitalised word that no other name word follows
_SHORT_MENTION = re.compile(  # the words of address in their three cases: a literal start is a fast scan
    lexicon.word_alternation(w for h in _HONORIFICS for w in (h, h.capitalize(), h.upper())).pattern
    + rf"\s+([{UPPER}][\w'’-]*)\b(?!\s+[{UPPER}])")


def _short_mentions(text: str, attendees: list[Attendee]) -> None:
    """Add later short mentions ("ông Tùng", "đồng chí Hiến") to the one attendee whose given name they use."""
    by_given: dict[str, list[Attendee]] = {}
    for a in attendees:
        by_given.setdefault(a.name.split()[-1], []).append(a)
    for m in _SHORT_MENTION.finditer(text):
        people = by_given.get(m.group(1))
        if not people or len(people) != 1 or len(m.group(1)) < 2:
            continue  # nobody, or several people, go by that name
        a = people[0]
        span = (m.start(1), m.end(1))
        if not any(s <= span[0] < e for s, e in a.mentions):
            a.mentions.append(span)
    for a in attendees:
        a.mentions.sort()
