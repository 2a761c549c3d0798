"""Linking rules: which person each title of a sentence belongs to.

A sentence is a list of items (PERSON and POSITION entities, each with the kind of gap before it, see
pipeline.people.gaps). Every rule is named and runs in priority order; a rule links only titles no earlier rule
has linked, except where it says otherwise, and every linked title remembers the rule that linked it
(`positions[].rule` in the record), so a wrong pair can be traced in one look.

To add a pattern: write a function over the items, register it with `@rule("id", priority)` and give it a table
test in tests/test_people_rules.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from pipeline.metrics.numbers import parse_number
from pipeline.people.gaps import (ADJ, AHON, AND, CHON, COLON, COMMA, DASH, FOR, HON, INTRO, INTRO_WORDS, IS, KIEM,
                                  OTHER, PAREN, SAND, SEMI, SHON, gap_kind)
from pipeline.text.lexicons import alternation


@dataclass
class Item:
    label: str  # PERSON | POSITION
    text: str
    start: int
    end: int
    rank: str = ""  # "rank", "degree" (pipeline.ner.Entity)
    gap: str = OTHER  # kind of the gap before this item (within the sentence)
    gap_text: str = ""  # the gap itself, in the lower-case view
    owner: int | None = None  # for titles: index of the person item it belongs to
    shared_by: list[int] = field(default_factory=list)  # a plural title: the persons who share it
    rule: str | None = None  # id of the rule that linked it

    def link(self, owner: int | None, rule_id: str, shared_by: list[int] | None = None) -> None:
        self.owner, self.shared_by, self.rule = owner, shared_by or [], rule_id

    def holders(self) -> list[int]:
        """The persons (item indices) this title belongs to."""
        return ([] if self.owner is None else [self.owner]) + [m for m in self.shared_by if m != self.owner]


@dataclass(frozen=True)
class Rule:
    id: str
    priority: int
    apply: Callable[[list[Item]], None]
    doc: str


RULES: list[Rule] = []


def rule(rule_id: str, priority: int):
    """Register a linking rule; rules run by ascending priority."""
    def register(fn: Callable[[list[Item]], None]):
        RULES.append(Rule(rule_id, priority, fn, (fn.__doc__ or "").strip()))
        RULES.sort(key=lambda r: r.priority)
        return fn
    return register


def link(items: list[Item]) -> list[Item]:
    """Run every rule over one sentence's items; returns the items, linked."""
    for r in RULES:
        r.apply(items)
    return items


def _person(items: list[Item], k: int) -> bool:
    return 0 <= k < len(items) and items[k].label == "PERSON"


def _free_title(items: list[Item], k: int) -> bool:
    """A title no rule has given to anyone yet (neither to one person nor shared by a list)."""
    return 0 <= k < len(items) and items[k].label == "POSITION" and items[k].owner is None and not items[k].shared_by


@rule("name-then-titles", 10)
def name_then_titles(items: list[Item]) -> None:
    """"Huỳnh Thành Đạt, Ủy viên Trung ương Đảng, Bộ trưởng Bộ KH&CN": titles after a name, joined by commas, dashes
    or "kiêm", are the name's; the last one goes to a following name it touches ("…, Phó Thủ tướng Trần Hồng Hà")."""
    for p, it in enumerate(items):
        if it.label != "PERSON":
            continue
        k = p + 1
        # a list of "TITLE NAME" (a post, not a rank or degree: "Đại tá A, Phó Giám đốc …, và Thượng tá B")
        titled = p > 0 and items[p - 1].label == "POSITION" and not items[p - 1].rank and it.gap == ADJ
        while _free_title(items, k):
            # (a semicolon between two of one person's titles: "Các đồng chí: A, Ủy viên Bộ Chính trị; Bí thư …")
            if items[k].gap not in ((ADJ, COMMA, DASH, PAREN) if k == p + 1 else (ADJ, COMMA, DASH, KIEM, SEMI)):
                break
            if _names_next(items, k) or titled and _chain_names_next(items, k):
                break  # this title names the next person
            items[k].link(p, "name-then-titles")
            k += 1


def _names_next(items: list[Item], k: int) -> bool:
    """The title at k goes with the name that follows it: touching it, or through titles joined by "kiêm" and a
    rank or degree ("…, Phó Chủ tịch kiêm Tổng thư ký GS. Nguyễn Hoàng Lương")."""
    m = k + 1
    while _free_title(items, m) and items[m].gap == KIEM and not items[m].rank:
        m += 1
    while _free_title(items, m) and items[m].rank and items[m].gap == ADJ:
        m += 1
    return _person(items, m) and items[m].gap in (ADJ, DASH, HON)


def _chain_names_next(items: list[Item], k: int) -> bool:
    """In a list of "TITLE NAME" ("Chủ tịch nước Trần Đại Quang, Tổng Bí thư …, Chủ tịch nước … Bun-nhăng
    Vo-la-chít", "…, Giám đốc Học viện … và Chủ tịch Hội đồng Lý luận Trung ương Nguyễn Xuân Thắng"), the titles
    from k on, joined by commas, dashes or "và", lead up to the next name: they are its."""
    m = k
    while _free_title(items, m + 1) and items[m + 1].gap in (COMMA, DASH, KIEM, AND) and not items[m + 1].rank:
        m += 1
    return m > k and _person(items, m + 1) and items[m + 1].gap in (ADJ, HON)


@rule("titles-after-a-run", 12)
def titles_after_a_run(items: list[Item]) -> None:
    """"ông Lò Minh Hùng, ông Nguyễn Quốc Khánh, ông Bùi Đức Hải, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh": titles after
    a run of names with no titles of their own are each name's."""
    for p, it in enumerate(items):
        if it.label != "PERSON" or not (p + 1 < len(items) and items[p + 1].owner == p
                                         and items[p + 1].rule == "name-then-titles"):
            continue
        run, k = [p], p
        while k > 0 and _person(items, k - 1) and items[k].gap in (COMMA, CHON) and not (  # ("… và ông C, Bí thư …")
                k >= 2 and items[k - 1].gap == ADJ and _free_title(items, k - 2)):  # (nor "Chủ tịch nước A, ông B, …")
            k -= 1
            run.append(k)
        if len(run) > 1:
            j = p + 1
            while j < len(items) and items[j].owner == p and items[j].rule == "name-then-titles":
                items[j].link(None, "titles-after-a-run", sorted(run))
                j += 1


# A title after these words is someone else's ("Thừa ủy quyền của Chủ tịch nước, Thứ trưởng X").
_OBJECT_RE = re.compile(rf"(?<!\w)(?:{alternation('people/object_words')}|"
                        rf"(?:{alternation('people/object_documents')})[^.;:]{{0,60}}?của)\s*$")
_OPENER_RE = re.compile(rf"(?<!\w)(?:{alternation('people/object_openers')})\s*$")  # in the sentence's first clause


@rule("titles-then-name", 20)
def titles_then_name(items: list[Item]) -> None:
    """"Bí thư Trung ương Đảng, Trưởng ban Tuyên giáo Trung ương Nguyễn Trọng Nghĩa", "có Chủ nhiệm là Thượng tướng
    X": titles right before a name, walking back over commas and dashes (and a rank after "là"), are the name's; not
    across "thay mặt", "ủy quyền của" …"""
    for p, it in enumerate(items):
        if it.label != "PERSON" or p == 0:
            continue
        gap = it.gap
        if gap == OTHER and _WITH_HOLDER.match(it.gap_text) and _free_title(items, p - 1) \
                and _APPOINTING_RE.search(items[p - 1].gap_text):
            gap = FOR  # "miễn nhiệm chức danh Phó Chủ tịch Thường trực HĐND với ông X": "với" for "đối với"
        if gap not in (ADJ, DASH, HON, CHON, FOR, IS):
            continue
        k = p - 1
        linked = []
        while _free_title(items, k):
            if (k < p - 1 or gap == CHON) and (_OBJECT_RE.search(items[k].gap_text[-25:])  # ("…, ông X")
                                                  or k == 0 and _OPENER_RE.search(items[k].gap_text[-25:])):
                break
            items[k].link(p, "titles-then-name")
            linked.append(items[k])
            if items[k].gap not in (ADJ, COMMA, DASH, KIEM, FOR) and not (items[k].rank and items[k].gap == IS) \
                    and not (items[k].gap == AND and _free_title(items, k - 1) and items[k - 1].gap == COMMA
                             and _person(items, k - 2)):  # "…, A, TITLE và TITLE B": a list of "TITLE NAME"
                break
            k -= 1
        if linked and (gap == FOR or any(x.gap == FOR for x in linked)):  # "… Phó Chủ tịch UBND tỉnh đối với ông A,
            # nguyên …, và bà B, nguyên …": all (also "… đối với đại tá A, …")
            members, j = [p], p + 1
            while True:
                while j < len(items) and items[j].label == "POSITION" and items[j].owner in members:
                    j += 1  # a member's own titles
                if not (_person(items, j) and items[j].gap in (AND, AHON, COMMA, CHON, SEMI, SHON)):
                    break
                members.append(j)
                j += 1
            if len(members) > 1:
                for x in linked:
                    x.link(None, "titles-then-name", members)


_ADV = rf"(?:(?:{alternation('people/post_adverbs')})\s+)*"
_OBJ = rf"(?:\s+(?:{alternation('people/post_objects')}))?"
# the whole gap before the title: the verb (with its adverbs and the noun of the post) right after the person or
# their title, or a few words later for the longer verbs ("ông X, sinh năm 1972, từng kinh qua các chức vụ:")
_POST_VERB_RE = re.compile(
    rf"^\s*,?\s*(?:{_ADV}(?:{alternation('people/post_verbs_near')}|{alternation('people/post_verbs')}){_OBJ}"
    # or a few words on ("ông X, sinh năm 1972, từng kinh qua …"), if no other group is named between ("A và B tặng
    # hoa các đại biểu vừa trúng cử …": the group's post)
    rf"|(?:(?!(?<!\w)(?:(?:các|những)\s(?!vị trí|chức|cương vị)|kết quả\s))[^.;:\n]){{0,120}}?(?<!\w){_ADV}"
    rf"(?:{alternation('people/post_verbs')}){_OBJ}"
    # or after a clause of schooling ("ông X (sinh năm 1976) có trình độ thạc sĩ …; từng kinh qua chức vụ …")
    rf"|\s*(?:{alternation('people/bio_clauses')})[^.:\n]{{0,160}}?;\s*{_ADV}(?:{alternation('people/post_verbs')}){_OBJ})\s*:?\s*$")
_LIST_GAPS = (COMMA, SEMI, DASH, AND, KIEM)  # between the posts of one career or one appointment
_ASIDES = re.compile(r"\([^()]{0,120}\)")  # "ông X (52 tuổi, quê ở xã …), có trình độ …, từng giữ các chức vụ …"


@rule("post-after-verb", 15)
def post_after_verb(items: list[Item]) -> None:
    """"X tái đắc cử Chủ tịch …", "A, B được bầu giữ chức Phó Chủ tịch …", "ông X từng kinh qua các chức vụ: A, B; C":
    a title after a verb of post (models/people/post_verbs*.txt) goes to the person, or list of persons, before the
    verb; so do the titles listed right after it (a career)."""
    n = len(items)
    for t, it in enumerate(items):
        if it.label != "POSITION" or it.owner is not None or it.shared_by or t == 0 \
                or not _POST_VERB_RE.match(_ASIDES.sub("", it.gap_text)):
            continue
        k = t - 1
        if items[k].label == "POSITION" and items[k].owner is not None:
            k = items[k].owner  # "bầu bổ sung ông X, Ủy viên …, giữ chức Phó Chủ tịch …"
        elif items[k].label != "PERSON":
            continue
        members = [k]
        while k > 0 and items[k].gap in (COMMA, AND, CHON, AHON):
            if _person(items, k - 1):
                k -= 1  # "bà A, ông B và ông C tái cử chức danh …"
            elif items[k - 1].label == "POSITION" and items[k - 1].owner is not None and items[k - 1].owner < k - 1 \
                    and items[k - 1].rule == "name-then-titles":
                k = items[k - 1].owner  # "bầu ông A - Giám đốc Sở Tài chính và ông B - Giám đốc Sở Y tế giữ chức …"
            else:
                break
            members.append(k)
        members += _appointed_before(items, k)
        j = t
        while j < n and (j == t or _free_title(items, j) and not items[j].shared_by and items[j].gap in _LIST_GAPS):
            if j > t and _person(items, j + 1) and items[j + 1].gap in (ADJ, DASH, HON):
                break  # "…, Phó Thủ tướng Trần Hồng Hà": this title names the next person
            if len(members) == 1:
                items[j].link(members[0], "post-after-verb")
            else:
                items[j].link(None, "post-after-verb", members)
            j += 1
            if j < n and _person(items, j):
                break


_WITH_HOLDER = re.compile(rf"^\s*với\s+(?:{alternation('people/address_words')})\s*$")
_APPOINTING_RE = re.compile(rf"(?<!\w)(?:{alternation('people/appointment_verbs')})(?:\s+[^\s.;:]+){{0,3}}?\s*:?\s*$")


def _chunk_start(items: list[Item], k: int) -> int:
    """Index of the first item of person k's part of a list: back over the ranks and titles written before k (a rank
    right before the name, linked or not yet)."""
    s = k
    while s > 0 and items[s - 1].label == "POSITION" and (
            items[s - 1].owner == k and items[s - 1].rule != "name-then-titles"
            or items[s - 1].owner is None and items[s - 1].rank and items[s].gap == ADJ):
        s -= 1
    return s


def _appointed_before(items: list[Item], k: int) -> list[int]:
    """The members of a list set off by semicolons that ends with person k, when an appointment verb opens it: "bầu
    các cán bộ: A, Giám đốc Sở …; B, Giám đốc Sở Y tế; Đại tá C, Giám đốc Công an tỉnh | làm Ủy viên UBND tỉnh"
    (each member with their own titles); [] otherwise. At most 40 back, so a page-long roster stays linear."""
    found, semicolon = [], False
    while (s := _chunk_start(items, k)) > 0 and items[s].gap in (SEMI, SHON, COMMA, CHON) and len(found) < 40:
        semicolon = semicolon or items[s].gap in (SEMI, SHON)
        p = s - 1
        if items[p].label == "POSITION" and items[p].owner is not None and items[p].owner < p \
                and items[p].rule == "name-then-titles":
            p = items[p].owner
        elif items[p].label != "PERSON":
            break
        found.append(p)
        k = p
    return found if semicolon and _APPOINTING_RE.search(items[_chunk_start(items, k)].gap_text) else []


# a title's subject holds posts, it does not give them ("Thủ tướng bổ nhiệm lại 3 Thứ trưởng")
_HOLDING_VERB_RE = re.compile(rf"^\s*,?\s*{_ADV}(?:{alternation('people/elided_subject_verbs')}){_OBJ}\s*:?\s*$")


def careers_of_titles(items: list[Item]) -> list[tuple[int, list[int]]]:
    """"Trước khi được bầu, tân Chủ tịch UBND tỉnh Quảng Ngãi từng kinh qua các chức vụ: Giám đốc Sở GTVT, …": a
    title as the subject of a career, no person named before it in the sentence: (the subject title, the career's
    titles), for the page to give to the person who holds that title (rule "career-of-a-title", page-wide: see
    pipeline.people.find_people). The career's titles are marked with the rule."""
    out = []
    for t, it in enumerate(items):
        if not (t and _free_title(items, t) and _free_title(items, t - 1) and not items[t - 1].rank
                and _HOLDING_VERB_RE.match(it.gap_text) and not any(x.label == "PERSON" for x in items[:t])):
            continue
        career, j = [], t
        while j < len(items) and (j == t or _free_title(items, j) and items[j].gap in _LIST_GAPS):
            items[j].rule = "career-of-a-title"
            career.append(j)
            j += 1
        out.append((t - 1, career))
    return out


# (on the title's line: "… 3 tướng lĩnh nghỉ hưu từ 1/11 | Thượng tướng A, …" is a date and a new line, no count)
_PLURAL_RE = re.compile(rf"(?<![\w/.,-])(?P<n>{alternation('people/plural_words')}|\d{{1,2}})[ \t]*(?:đồng chí[ \t]*)?$")
# or the list after the title says it is plural ("… bầu làm Phó Chủ tịch UBND TP nhiệm kỳ 2021 - 2026 gồm các ông: A, B")
_PLURAL_INTRO = re.compile(rf"(?<!\w)(?:{INTRO_WORDS})\s+(?:{alternation('people/plural_words')})\s+"
                           rf"(?:{alternation('people/address_words')})\s*:?\s*$")


@rule("shared-plural-title", 40)
def shared_plural_title(items: list[Item]) -> None:
    """"các [đồng chí] Phó Chủ tịch UBND tỉnh: A, B; C và D", "hai Phó Giám đốc: A và B": every person of the list
    shares the plural title, even one an earlier rule gave it to; a titled member after untitled ones (or after
    "và") starts another list."""
    n = len(items)
    for t, it in enumerate(items):
        plural = _PLURAL_RE.search(it.gap_text[-20:]) if it.label == "POSITION" else None
        if it.label != "POSITION" or not (plural or t + 1 < n and items[t + 1].gap == INTRO
                                          and _PLURAL_INTRO.search(items[t + 1].gap_text)):
            continue
        last = t  # "các đồng chí Ủy viên Bộ Chính trị, Bí thư T.Ư Đảng: A, …": the titles chained to it are shared too
        while _free_title(items, last + 1) and items[last + 1].gap in (COMMA, DASH) and not items[last + 1].rank:
            last += 1
        members, k, first_own = [], last + 1, False
        count = (parse_number(plural.group("n")) or 0) if plural else 0  # "2 Ủy viên", "hai Phó Giám đốc"; "các": 0
        # "TITLE A", "TITLE: A", "TITLE: ông A", "hai TITLE là ông A", "… gồm: A"; "các TITLE, A, …; B, …" (a list of
        # two or more)
        comma_start = not count and plural is not None and _person(items, k) and items[k].gap == COMMA
        sep_ok = (ADJ, COLON, SHON, IS, INTRO) + ((COMMA,) if comma_start else ())
        while k < n:
            start, own = k, False
            while k < n and items[k].label == "POSITION" and items[k].gap in sep_ok + (COMMA, SEMI, AND) and (
                    items[k].rank or items[k].rule == "titles-then-name" and items[k].owner > k):
                own = own or not items[k].rank  # (a rank or degree before the name, "ThS. B", is not a post)
                k += 1  # ranks and the member's own titles before the name ("…: Bộ trưởng Bộ Y tế A, …")
            before = own  # ("…; và Đại sứ Lào tại Việt Nam B" closes the list: B is not a member)
            if k >= n or items[k].label != "PERSON" or items[k].gap not in (sep_ok if start == k else (ADJ, DASH, HON)):
                break
            person, k = k, k + 1
            while k < n and items[k].label == "POSITION" and items[k].owner == person:
                own = True
                k += 1
            if members and own and len(members) >= count and (items[start].gap in (AND, AHON) or not first_own
                                                              or before and items[start].gap == SAND):
                break  # (unless the count says more: "2 Ủy viên UBND tỉnh là ông A, Giám đốc …, và ông B, …", "6 Ủy
                # viên Trung ương Đảng …, gồm: Đại tướng A, …, và Thượng tướng F (nguyên …)")
            if not members:
                first_own = own
            members.append(person)
            sep_ok = (COMMA, SEMI, SAND, AND, HON, CHON, SHON, AHON)  # "…; bà B, …; ông C, …", "… và bà D", "…; và C"
            if k < n and items[k].gap not in sep_ok:
                break
        if members and (last == t or items[last + 1].gap in (COLON, SHON, INTRO)) and not (comma_start and len(members) < 2):
            for x in items[t:last + 1]:
                x.link(None if x.owner in members else x.owner, "shared-plural-title", members)


# "Trước khi làm Phó Chủ tịch UBND tỉnh, ông từng là …": a clause of time around a post, the subject after it
_WHEN_CLAUSE = re.compile(rf"(?<!\w)(?:trước|sau) khi\s+{_ADV}(?:{alternation('people/post_verbs_near')}|"
                          rf"{alternation('people/post_verbs')}){_OBJ}\s*$")


_WHEN_DATE = re.compile(r"^\s*\(?(?:vào\s+)?(?:năm|tháng|ngày)\s+[\d/.-]+\)?")  # "Trước khi làm … vào năm 2015, ông …"


@rule("post-in-time-clause", 35)
def post_in_time_clause(items: list[Item]) -> None:
    """"Trước khi được bầu giữ chức Chủ tịch UBND tỉnh, ông Thiều từng …": the post of a time clause opening the
    sentence is the post of the person who follows it."""
    for t, it in enumerate(items):
        if it.label == "POSITION" and it.owner is None and not it.shared_by and _WHEN_CLAUSE.search(it.gap_text) \
                and _person(items, t + 1) and (items[t + 1].gap in (ADJ, COMMA, HON, CHON) or gap_kind(
                    _WHEN_DATE.sub("", items[t + 1].gap_text, count=1)) in (COMMA, CHON)):
            it.link(t + 1, "post-in-time-clause")


# "trao quyết định thăng cấp bậc hàm Trung tướng cho Thiếu tướng X", "thăng quân hàm từ Đại tá lên Thiếu tướng đối với
# các đồng chí: A, …; B, …", "… được thăng quân hàm từ Đại tá lên Thiếu tướng gồm: A, …", "X được thăng cấp lên thiếu
# tướng": the rank conferred (and the rank before "lên", the old one), then who receives it
_PROMOTION = re.compile(rf"(?<!\w)(?:{alternation('people/promotion_verbs')})\s+(?:\S+\s+){{0,3}}?"
                        rf"(?:hàm(?:\s+từ)?|lên)\s*$")
# ("… lên Thượng tướng cũng được công bố đối với các đồng chí Thứ trưởng Bộ Công an: A và B")
_TO = re.compile(rf"^\s*(?:[^.;:\n]{{0,30}}?\s)?(?:cho|đối với|{INTRO_WORDS})(?:\s+[^.;:\n]{{0,60}}?)?\s*:?\s*$")
_UP_TO = re.compile(r"\s*lên\s*")  # "từ trung tướng lên thượng tướng": the rank before "lên" is the old one
_PASSIVE = re.compile(r"^\s*,?\s*(?:(?:đã|vừa|mới|cũng)\s+)*được\s")  # "X (, Cục trưởng …,) được thăng …"


@rule("rank-conferred", 18)
def rank_conferred(items: list[Item]) -> None:
    """"… thăng cấp bậc hàm Trung tướng cho Thiếu tướng Nguyễn Ngọc Toàn", "thăng quân hàm từ Đại tá lên Thiếu tướng
    gồm: A, …; B, …": the ranks of a promotion (the old one before "lên" and the new one) are the ranks of the person,
    or each of the persons, it is conferred on: after "cho", "đối với" or "gồm", or the subject of "được thăng …"."""
    n = len(items)
    for t, it in enumerate(items):
        if not (_free_title(items, t) and it.rank == "rank") \
                or t + 1 < n and items[t + 1].rank == "rank" and _UP_TO.fullmatch(items[t + 1].gap_text):
            continue  # (an old rank goes with the new one after "lên")
        old = t - 1 if t and _UP_TO.fullmatch(it.gap_text) and _free_title(items, t - 1) and items[t - 1].rank \
            else None
        first = t if old is None else old
        if not _PROMOTION.search(items[first].gap_text):
            continue
        members = []
        if t + 1 < n and _TO.match(items[t + 1].gap_text):
            k = t + 1
            while k < n and (k == t + 1 or items[k].gap in (COMMA, AND, SEMI, SAND, CHON, SHON, AHON, ADJ, COLON)):
                if items[k].label == "PERSON":
                    members.append(k)
                k += 1
        elif first and _PASSIVE.match(items[first].gap_text):
            k = first - 1
            k = items[k].owner if items[k].label == "POSITION" else k
            members = [k] if k is not None and _person(items, k) else []
        if members:
            for r in ([old] if old is not None else []) + [t]:
                items[r].link(members[0] if len(members) == 1 else None, "rank-conferred",
                              members if len(members) > 1 else None)
