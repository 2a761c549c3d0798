"""The grammar of Vietnamese quantities: numbers (pipeline.metrics.numbers), scale words, units and counted nouns.

`find_quantities` finds every quantity in a text ("hơn 60 tỷ đồng", "5-7%", "66/69 phiếu", "9 doanh nghiệp FDI",
"60.000 CBCNV", "16/34 Cục Hải quan", "với số phiếu bầu 48/50") and leaves out what only looks like one: dates,
years, periods, durations and ages, codes, ordinals, levels, rankings, addresses, phone numbers, names with digits,
the two sides of a relation ("hai nước") and the page's own furniture (view counters, widgets, image alt text).
Metric-level context (qualifier, subject, period, change, de-duplication) is pipeline.metrics.context's business.

Scale words (tỷ, triệu, nghìn…) are kept in the unit, never multiplied into `value`; a number in two scale words is
one amount in the first ("3 tỷ 362 triệu USD": 3,362 tỷ USD, as the annotators write it). A counted noun is a whole
word: from the lexicons in models/metrics/ and underthesea's Viet74K word list when installed.

>>> [(q.text, q.value, q.unit, q.total) for q in find_quantities("Có 66/69 phiếu tán thành, chiếm 95,65%; 9 doanh nghiệp FDI")]
[('66/69 phiếu', 66, 'phiếu', 69), ('95,65%', 95.65, '%', None), ('9 doanh nghiệp', 9, 'doanh nghiệp', None)]
>>> [q.text for q in find_quantities("Ngày 29/7/2022, Nghị quyết số 169/2024/QH15 và năm 2021, lần thứ 11")]
[]
>>> [(q.text, q.value, q.unit) for q in find_quantities("Ông A (61 tuổi) báo cáo: xuất khẩu đạt 3 tỷ 362 triệu USD")]
[('3 tỷ 362 triệu USD', 3.362, 'tỷ USD')]
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from pipeline.metrics.numbers import DOT_DECIMAL, parse_digits, spelled_in
from pipeline.text.lexicons import administrative_units, alternation, dictionary_words, entries, table, word_tags
from pipeline.text.normalize import fold_tones, key, lower_view

SCALES = {w: int(f) for w, f in table("metrics/scales").items()}

# ---------------------------------------------------------------- lexicons compiled once


_NEW_PAIR = re.compile(r"(?<![qQ])([òóỏõọÒÓỎÕỌùúủũụÙÚỦŨỤ])([aeyAEY])(?![^\W\d_])")
_TONE_OF = {c: unicodedata.normalize("NFD", c) for c in "òóỏõọÒÓỎÕỌùúủũụÙÚỦŨỤ"}


def _old_placement(w: str) -> str:
    """The old tone placement of a word written the gov.vn way ("thỏa thuận" → "thoả thuận", "ủy viên" → "uỷ
    viên"): pages write either, and a lexicon lists one (pipeline.text.normalize.fold_tones goes the other way)."""
    return _NEW_PAIR.sub(lambda m: _TONE_OF[m.group(1)][0]
                         + unicodedata.normalize("NFC", m.group(2) + _TONE_OF[m.group(1)][1]), w)


def _alternation(words, flags=0) -> re.Pattern:
    words = set(words)
    ws = sorted(words | {_old_placement(w) for w in words}, key=len, reverse=True)
    return re.compile(r"(?:%s)(?![\w²³])" % "|".join(re.escape(w) for w in ws), flags)


@lru_cache(maxsize=1)
def _lex():
    units = table("metrics/units")
    nouns = entries("metrics/nouns")
    return {
        "units": units,
        "unit_re": _alternation(units),  # case-sensitive: "m" ≠ "M", "USD" ≠ "usd" unless listed
        "noun_re": _alternation([n for n in nouns if not n.isupper()], re.I),
        "abbr_re": _alternation([n for n in nouns if n.isupper()]),
        "single": {n for n in nouns if " " not in n},
        "modifiers": set(entries("metrics/noun_modifiers")),
        "name_heads": set(entries("metrics/name_heads")),
        "classifiers": set(entries("metrics/classifiers")),
        "time_re": _alternation(entries("metrics/time_units"), re.I),
        "stop_head_re": _alternation(entries("metrics/stop_heads"), re.I),
        "stopwords": set(entries("metrics/stopwords")),
        "contexts": {tuple(c.split()) for c in entries("metrics/stop_contexts")},
        "open_contexts": {tuple(c.split()) for c in entries("metrics/open_contexts")},
        "verb_contexts": set(entries("metrics/verb_contexts")),
        "party_re": _alternation(entries("metrics/party_nouns"), re.I),
        "sides_re": _alternation(entries("metrics/both_sides"), re.I),
        "pronouns": set(entries("metrics/pronoun_heads")),
        "side_heads": set(entries("metrics/side_heads")),
        "governing_verbs": set(entries("metrics/governing_verbs")),
        "one_title_re": re.compile(r"[Mm]ột(?<![^\W\d_][Mm]ột)[ \t]+(?=(?:%s)(?![^\W\d_]))"
                                   % "|".join(map(re.escape, entries("metrics/title_heads")))),
        # a title written lower-case counts after a verb of election or appointment ("bầu một trưởng ban" in a
        # headline); in the lower-case view
        "elected_one_re": re.compile(r"(?:bầu|bổ nhiệm|miễn nhiệm|bãi nhiệm)(?<![^\W\d_]bầu)(?<![^\W\d_]bổ nhiệm)"
                                     r"(?<![^\W\d_]miễn nhiệm)(?<![^\W\d_]bãi nhiệm)(?:[ \t]+(?:bổ sung|lại))?"
                                     r"[ \t]+(một)[ \t]+(?=(?:%s)(?![^\W\d_]))"
                                     % "|".join(re.escape(t.lower()) for t in entries("metrics/title_heads"))),
    }


_OLD_TONE_PLACEMENT = re.compile(r"[oO][àáảãạèéẻẽẹ]|[uU][ỳýỷỹỵ]")


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str] | None:
    """Multi-syllable lower-case words of underthesea's Viet74K word list ("đồng chí", "hợp tác xã", "ma túy"),
    also in the gov.vn tone placement ("hòa" for the list's "hoà"); None when the list is not installed. Built once
    per machine (pipeline.text.cache)."""
    from pipeline.text.cache import cached, code_files
    from pipeline.text.lexicons import data_files
    return cached("dictionary", _build_dictionary, data_files() + code_files("text", "metrics"))


def _build_dictionary() -> frozenset[str] | None:
    words = {w for w in dictionary_words() if w.islower()}
    if not words:
        return None
    words |= {fold_tones(w) for w in words if _OLD_TONE_PLACEMENT.search(w)}
    return frozenset(words | {_I_Y.sub(_swap_i_y, w) for w in words if _I_Y.search(w)})


# A final i or y after a single consonant is written either way ("liệt sĩ" / "liệt sỹ", "kỹ thuật" / "kĩ thuật")
_I_Y = re.compile(r"(?<![^\W\d_])([bcdđhklmnpstvx])([iíìỉĩịyýỳỷỹỵ])(?![^\W\d_])")
_I_TO_Y = dict(zip("iíìỉĩịyýỳỷỹỵ", "yýỳỷỹỵiíìỉĩị"))


def _swap_i_y(m: re.Match) -> str:
    return m.group(1) + _I_TO_Y[m.group(2)]


_WORD_RUN = re.compile(r"[^\W\d_]+(?:[ \t][^\W\d_]+){0,3}")


def _dictionary_word_end(text: str, i: int) -> int | None:
    """End of the longest multi-syllable dictionary word starting at i (its first letter may be capitalised,
    the other syllables are lower-case), else None. A word whose last syllable also starts the next word
    gives it back ("bài báo quốc tế": "báo", not "báo quốc"; "tỉnh thành phố": "tỉnh")."""
    words_ = _dictionary()
    m = _WORD_RUN.match(text, i)
    if not words_ or not m:
        return None
    written = m.group().split()
    syllables = [_lower_first(written[0])] + written[1:]
    for n in range(len(syllables), 1, -1):
        if all(w.islower() for w in syllables[1:n]) and " ".join(syllables[:n]) in words_ \
                and not (n < len(syllables) and f"{syllables[n - 1]} {syllables[n]}" in words_
                         and syllables[n] not in _lex()["stopwords"]):  # "chi bộ thuộc": "thuộc" opens no word
            return i + len(" ".join(written[:n]))
    return None


# ---------------------------------------------------------------- finding quantities in text

# (each pattern searched over the whole page opens with what it matches, and checks the characters before it
# afterwards, with the first digit or word inside the look-behind: `re` then skips ahead to candidate first characters)
_NUMBER = re.compile(
    r"\d(?<![\w.,/]\d)(?<![^\W\d_]-\d)(?<!\d:\d)"  # not inside a word, code ("Covid-19") or time ("9001:2015")
    r"\d*(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)*"
    r"(?![.,]?\d)(?!:\d)"
)
# "175 hộ/673 khẩu": a count after "/" that follows a counted noun is a second quantity
_AFTER_NOUN_SLASH = re.compile(r"\d(?<=[^\W\d_]/\d)\d*(?:[.,]\d+)*(?![.,/]?\d)")
_LETTER_DIGIT = re.compile(r"[^\W\d_]+\d")  # "5S4", "H5N1": a code, unless a unit ("140m2", "9,13km2")
_SCALE_WORD = "|".join(sorted(SCALES, key=len, reverse=True))
_SCALE = re.compile(rf"[ \t]*({_SCALE_WORD})(?!\w)(?![ \t]+(?:lệ|trọng|giá)\b)")  # not "tỷ lệ", "tỷ trọng", "tỷ giá"
_SMALLER_AMOUNT = re.compile(rf"[ \t]+(\d{{1,3}}(?:,\d+)?)((?:[ \t]*(?:{_SCALE_WORD})(?!\w))+)")
_PERCENT = re.compile(r"[ \t]*(?:%|phần trăm(?!\w))")
_PER = re.compile(r"(?:/[^\W\d_][\w²³]*)+")  # "/người/năm", "/km2", "/tháng"
_WORD = re.compile(r"[^\W\d_]+")
_NEXT_WORD = re.compile(r"[ \t]([^\W\d_]+)")
_RANGE_GAP = re.compile(r"[ \t]*[-–—][ \t]*|[ \t]+(?:đến|tới)[ \t]+")
# "tăng từ 7 lên 14 chuyến/tuần", "giảm từ 12 xuống còn 8 vụ": a change's two ends, the first often bare
_CHANGE_GAP = re.compile(r"[ \t]+(?:lên|xuống)(?:[ \t]+(?:còn|mức))?[ \t]+")
_FROM = re.compile(r"(?<!\w)từ[ \t]+$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ISO_DATE_BEFORE = re.compile(r"(?:19|20)\d\d[-–](?:\d\d?[-–])?$")  # "2025-08-", "2025-08-12 Chỉ định"
_DAY_BEFORE = re.compile(r"(?<![^\W\d_])(?:ngày|mùng|mồng|hôm)[ \t]+\d{1,2}[ \t]*[-–][ \t]*$", re.I)  # "ngày 15-10 lực lượng"
_GAP = re.compile(r"[ \t]*")


@dataclass
class Quantity:
    text: str  # number + unit as written (scale words included, qualifier excluded)
    start: int
    end: int
    value: int | float  # as written: no tỷ/triệu multiplier
    unit: str  # "%", "tỷ đồng", "doanh nghiệp", "USD/người/năm", "" when bare
    scale: int | None = None  # 10**9 for "tỷ", 10**12 for "nghìn tỷ"
    currency: str | None = None  # "VND", "USD" …
    total: int | float | None = None  # 69 in "66/69 phiếu"
    per: str | None = None  # "năm" in "7,6%/năm"
    kind: str = ""  # "percent", "measure", "count", "scale" ("8,3 triệu"), "ratio" ("48/50") or "" (bare number)
    range_role: str | None = None  # "from" / "to" for the two ends of "5-7%"
    spelled: bool = False

    @property
    def value_normalized(self) -> int | float | None:
        if self.scale is None:
            return None
        return _plain(Fraction(str(self.value)) * self.scale)


def _product(scale_words: str) -> int:
    f = 1
    for w in scale_words.split():
        f *= SCALES[w]
    return f


def _plain(x: Fraction) -> int | float:
    return int(x) if x.denominator == 1 else float(x)


def _lower_first(w: str) -> str:
    return w[0].lower() + w[1:] if w[:1].isupper() and not w.isupper() else w


def _head_noun(text: str, i: int, labelled: bool = False, governed: bool = False) -> tuple[str, int] | None | bool:
    """The counted noun starting at i: (noun, end); None when there is none; False when the number
    is a duration, a level or an idiom (so it is no quantity at all). `labelled`: the number may label the noun
    before it (_label_before: "cơ sở 2 Trung tâm Y tế"), so a name after it is not what it counts. `governed`: a
    verb or "và" stands before the number (_governed), so what follows it is an object, even a word tagged a verb.

    The noun is the longest of the lexicon's nouns and the dictionary's words there ("đoàn viên" over the
    lexicon's "đoàn", "phó giáo sư"), else the first word alone ("37 nhà phải …"); a classifier takes the
    noun it classifies ("viên ma túy", "cặp địa phương", "bộ sách giáo khoa"); a modifier takes the noun it
    modifies ("96 tân Bí thư", "hai cựu chủ tịch"); "số" (number of) gives way to it ("93/95 số phiếu")."""
    lx = _lex()
    if (m := _WORD.match(text, i)) and (m.group() == "số" or m.group().lower() in lx["modifiers"]) \
            and (nxt := _NEXT_WORD.match(text, m.end())):
        head = _head_noun(text, nxt.start(1), labelled)
        if head and m.group() == "số":
            return head
        # a title after it ("tân Bí thư", "Phó chánh"), else a noun, not a verb ("3 nam sĩ quan"; not "2 nữ trúng cử")
        if head and head[0].lower() not in lx["modifiers"] and (
                m.group()[0].isupper() or text[nxt.start(1)].isupper() or lx["noun_re"].match(text, nxt.start(1))
                or any(t.startswith("N") for t in word_tags().get(head[0].lower(), ()))):
            return f"{_lower_first(m.group())} {text[nxt.start(1):head[1]]}", head[1]
    if (agent := _agent_noun(text, i)) is not None:
        return agent
    cands = []  # (end, priority, kind): longest wins, a stop beats a noun of the same length
    for kind, rx, prio in (("noun", lx["noun_re"], 0), ("abbr", lx["abbr_re"], 0),
                           ("time", lx["time_re"], 1), ("stop", lx["stop_head_re"], 1)):
        m = rx.match(text, i)
        if m:
            cands.append((m.end(), prio, kind))
    kind = max(cands)[2] if cands else None
    if kind in ("time", "stop"):
        return False
    if kind == "abbr":
        return text[i:max(cands)[0]], max(cands)[0]
    if kind is None and not labelled and (a := _ABBREVIATION.match(text, i)):
        return a.group(), a.end()  # "58 HS", "60.000 CBCNV": an abbreviation outside the lexicon is a counted noun too
    if kind == "noun" and labelled and _opens_a_name(text, i, max(cands)[0]):
        return None
    if kind is None:
        m = _WORD.match(text, i)
        if not m:
            return None
        if m.group() in lx["stopwords"]:
            # a stop syllable may still open a noun of the dictionary ("dịch vụ", "tiến sĩ", "chi cục"; not "tiến hành")
            end = _dictionary_word_end(text, i)
            if not end or _predicate(text[i:end]) or _function_word(m.group()) \
                    or any(w in lx["stopwords"] for w in text[i:end].split()[1:]):
                return None  # "tiến hành" is a verb, "so với" two function words, "tại chỗ" an adverb
            return text[i:end], end
        end = m.end()
        if not m.group().islower():  # a capitalised common noun counts as a whole dictionary word ("63 Trung tâm")
            end = _dictionary_word_end(text, i)
            if end is not None and labelled and _opens_a_name(text, i, end, title=False):
                return None
            if end is None:
                # one capitalised syllable: a noun ("4 Ban của HĐND", "1 Luật"), or the head of the name it opens
                # ("16/34 Cục Hải quan", "6 Mẹ Việt Nam Anh hùng"), unless the number labels the noun before it
                if not (_is_noun(m.group().lower()) or m.group().lower() in lx["name_heads"]):
                    return None  # "tại 4 Nguyễn Thái Học": an address
                if labelled and _opens_a_name(text, i, m.end(), title=False):
                    return None
                return _lower_first(m.group()), m.end()
    else:
        end = max(cands)[0]
    if _dictionary() is None:
        if kind is None:  # no word list: a noun of two syllables unless the first stands alone
            m2 = _NEXT_WORD.match(text, end)
            if m2 and m2.group(1).islower() and m2.group(1) not in lx["stopwords"] and text[i:end] not in lx["single"]:
                end = m2.end()
        return _lower_first(text[i:end]), end
    end = max(end, _dictionary_word_end(text, i) or 0)
    if kind is None and _predicate(text[i:end]) and text[i].islower() \
            and not (governed and " " in text[i:end] and word_tags().get(text[i:end].lower()) == {"V"}):
        return None  # "Đề án 06 tạo …", "Vùng 4 phối hợp …": a verb follows the number, nothing is counted
    # (but after a verb or "và" a compound the word list tags a verb only is the object counted, as gov.vn uses
    # it as a noun: "ký kết 7 thỏa thuận", "tổ chức 14 đoàn và 6 hội thảo")
    if _lower_first(text[i:end]) in lx["classifiers"] and (m2 := _NEXT_WORD.match(text, end)) \
            and m2.group(1).islower() and m2.group(1) not in lx["stopwords"]:
        end = _dictionary_word_end(text, m2.start(1)) or m2.end()
    return _lower_first(text[i:end]), end


# "cấp ủy viên", "điều tra viên", "giám sát viên": a two-syllable word and "viên" (member, agent) name people, even
# when the word alone is a verb or a level; not "cán bộ viên chức" ("viên chức" is a word of its own)
_AGENT = re.compile(r"([^\W\d_]+[ \t][^\W\d_]+)[ \t]viên(?![^\W\d_])(?![ \t]+chức(?![^\W\d_]))")


def _agent_noun(text: str, i: int) -> tuple[str, int] | None:
    """(noun, end) of an agent noun "<word> viên" starting at i, when the word is in the dictionary, else None."""
    m = _AGENT.match(text, i)
    words_ = _dictionary()
    if not m or not words_ or not m.group(1).islower() or fold_tones(m.group(1)) not in words_ \
            and m.group(1) not in words_:
        return None
    return m.group(), m.end()


_NAME_NEXT = re.compile(r"[ \t]+(\w)")
# an abbreviation as a counted noun: two to eight capitals, not a code ("QĐ-UBND", "H5N1") or a unit
_ABBREVIATION = re.compile(r"(?:[A-ZĐ]{2,8})(?![\w\-/.]*\d)(?![\w\-]|\.\w)")  # not "QĐ-UBND", "TP.HCM"


def _is_noun(word: str) -> bool:
    """A word the lexicon counts or the POS word list tags only as a common noun ("ban", "luật"; not "Nguyễn")."""
    tags = word_tags().get(word) or frozenset()
    return word in _lex()["single"] or (bool(tags & {"N", "Nc"}) and all(t.startswith("N") for t in tags))


def _noun_word(word: str) -> bool:
    """A counted noun of the lexicon, or a word the POS word list tags only as a noun ("tập thể", "cá nhân")."""
    tags = word_tags().get(word) or frozenset()
    return bool(_lex()["noun_re"].fullmatch(word)) or _is_noun(word) or bool(tags) and all(t.startswith("N") for t in tags)


def _label_before(text: str, start: int) -> bool:
    """The number may label the word before it ("cơ sở 2", "Vành đai 4", "Vùng CSB 3"), so a name after it is not
    what it counts: unless punctuation, a qualifier, a function word or a verb stands before it ("gồm: 9 Huân
    chương Độc lập", "có 16/34 Cục Hải quan", "bầu 24 Hội thẩm Tòa án")."""
    before = _words_before(text[max(0, start - 40):start].split("\n")[-1])
    return bool(before) and _labelling_words(before)


@lru_cache(maxsize=4096)  # (a verdict on the words alone: the same few recur)
def _labelling_words(before: str) -> bool:
    words = before.lower().split()
    last_two = " ".join(words[-2:])
    word = last_two if len(words) >= 2 and _dictionary() and last_two in _dictionary() else words[-1]
    if key(word) in _COMPARATOR_WORDS or words[-1] in _lex()["stopwords"] or _governing_verb(words):
        return False
    tags = (word_tags().get(word) or frozenset()) | (word_tags().get(words[-1]) or frozenset())
    return not (tags & _NOT_NOUN_TAGS)  # "trao tặng 7 Huân chương": "tặng" is a verb


def _governed(text: str, start: int) -> bool:
    """A verb ("ký kết", "tổ chức") or "và" right before the number: it governs what the number counts."""
    before = _words_before(text[max(0, start - 40):start].split("\n")[-1])
    return bool(before) and _governing_words(before)


@lru_cache(maxsize=4096)
def _governing_words(before: str) -> bool:
    words = before.lower().split()
    if words[-1] == "và" or _governing_verb(words):
        return True
    return any(word_tags().get(" ".join(words[-n:])) == {"V"} for n in (1, 2) if n <= len(words))


def _governing_verb(words: list[str]) -> bool:
    """The last one or two words are a verb the word list leaves untagged (models/metrics/governing_verbs.txt)."""
    return any(" ".join(words[-n:]) in _lex()["governing_verbs"] for n in (1, 2) if n <= len(words))


_NOT_NOUN_TAGS = frozenset({"V", "A", "E", "C", "Cc", "R", "L", "P", "T", "X"})


def _function_word(word: str) -> bool:
    """Only ever a preposition, conjunction, pronoun, determiner, adverb or particle (lexicon.word_tags): "tại", "với"."""
    tags = word_tags().get(word.lower())
    return bool(tags) and tags <= {"E", "C", "Cc", "P", "L", "R", "T", "X"}


def _predicate(word: str) -> bool:
    """Only ever a verb or adjective (lexicon.word_tags), so no counted noun: "tạo", "phối hợp" (not "giống", also
    a noun)."""
    tags = word_tags().get(word.lower())
    return bool(tags) and not any(t.startswith("N") for t in tags)


def _opens_a_name(text: str, i: int, end: int, title: bool = True) -> bool:
    """A capitalised noun followed by a capitalised word opens a proper name, so the number before it is a
    label ("lớp 12 Trường THPT Chu Văn An", "Đội 3 Phòng Cảnh sát", "số 5 Trung tâm Y tế"), not a count of it.
    Followed by punctuation or a lower-case word it is a count ("63 Trung tâm với …"); so is a lexicon title
    of several syllables (title=True), even before a capitalised word ("2 Phó Chủ tịch UBND")."""
    word = text[i:end]
    nxt = _NAME_NEXT.match(text, end)
    return word[:1].isupper() and not (title and " " in word) and bool(nxt) and nxt.group(1).isupper()


def _unit_after(text: str, p: int, attached_ok: bool, labelled: bool = False, governed: bool = False):
    """Parse scale words and a unit after a number ending at p: (unit, end, scale, currency, kind, per, added)
    or False when the number is a duration/level/idiom; `added` is the part written in a smaller scale word
    ("3 tỷ 362 triệu": 0.362, in tỷ), to add to the number."""
    lx = _lex()
    scale, scale_words, q = 1, [], p
    while m := _SCALE.match(text, q):
        scale *= SCALES[m.group(1)]
        scale_words.append(m.group(1))
        q = m.end()
    added = Fraction(0)  # "3 tỷ 362 triệu USD" is 3,362 tỷ USD: the smaller amount in the first scale's unit
    while scale_words and (m := _SMALLER_AMOUNT.match(text, q)) and (factor := _product(m.group(2))) < scale \
            and (smaller := parse_digits(m.group(1))) is not None:
        added += Fraction(str(smaller)) * factor / scale
        q = m.end()
    gap = _GAP.match(text, q).group()
    u = u_end = None
    currency, kind = None, ""
    if m := _PERCENT.match(text, q):
        u, u_end, kind = "%", m.end(), "percent"
    elif (m := lx["unit_re"].match(text, q + len(gap))) and (gap or attached_ok or scale_words) \
            and not (gap and (n := lx["noun_re"].match(text, q + len(gap))) and n.end() > m.end()):
        # a longer counted noun is no unit: "45 đồng chí" is no money
        u, u_end, kind = m.group(), m.end(), "measure"
        currency = None if lx["units"][u] == "-" else lx["units"][u]
    elif gap and (quoted := _QUOTED_NAME.match(text, q + len(gap))) and not labelled:
        u, u_end, kind = quoted.group(1), quoted.end(), "count"  # "xây 148 “Mái ấm tình thương”": what is built
    elif not gap and attached_ok and not scale_words and text[q:q + 1].islower() \
            and (glued := _dictionary_word_end(text, q)) and _noun_word(text[q:glued]):
        u, u_end, kind = text[q:glued], glued, "count"  # "11chức danh": a space left out before a noun of two syllables
    elif gap and text[q + len(gap):q + len(gap) + 1] not in "\n":
        head = _head_noun(text, q + len(gap), labelled and not scale_words, governed and not scale_words)
        if head is False and not scale_words:
            return False
        if head:  # after a scale word a duration or verb just follows the amount ("60 tỷ giải ngân", "2 triệu năm nay")
            u, u_end = head
            kind = "count"
    if u is None:
        if not scale_words:
            return "", p, None, None, "", None, 0
        kind, u_end = "scale", q
    per = None
    if u_end is not None and (m := _PER.match(text, u_end)):
        last = text.rindex("/", m.start(), m.end()) + 1  # "bác sĩ/vạn dân", "con/phụ nữ": the base a whole word
        end = max(m.end(), _dictionary_word_end(text, last) or 0) if text[last:m.end()].islower() else m.end()
        per, u_end = text[m.start() + 1:end], end
    elif u_end is not None and kind in ("count", "measure") and (rate := _rate_base(text, u_end)):
        per, u_end = rate
    unit_text = " ".join(scale_words + ([u] if u and kind != "scale" else []))
    if per and kind != "percent":
        unit_text += "/" + per
    if kind == "percent":
        unit_text = "%"
    return unit_text, u_end, (scale if scale_words else None), currency, kind, per, added


_OPEN_QUOTES, _CLOSE_QUOTES = ("“", '"', "‘", "'"), ("”", '"', "’", "'")
# a capitalised name in quotes after a number is the thing counted: a programme's houses, a title's holders
_QUOTED_NAME = re.compile(r"[“\"]((?:[A-ZĐ\u00C0-\u1EF8][^\W\d_]*)(?:[ \t][^\W\d_]+){0,5})[”\"]")


_RATE_BASE = re.compile(r"(?:/|[ \t]+trên[ \t]+)(\d+(?:\.\d{3})*)[ \t]*")


def _rate_base(text: str, p: int) -> tuple[str, int] | None:
    """The base of a rate after a unit: "271,6 ca/100.000 dân", "5,6 ca trên 100.000 dân" ("trên" is "per" here, no
    qualifier), "111,6 bé trai/100 bé gái": a power of ten and its noun, as (per, end); the base is no metric."""
    m = _RATE_BASE.match(text, p)
    if not m or parse_digits(m.group(1)) not in _POWERS_OF_TEN:
        return None
    lx = _lex()
    if u := lx["unit_re"].match(text, m.end()):
        end = u.end()
    elif (head := _head_noun(text, m.end())) and m.end() > m.start(1) + len(m.group(1)):
        end = head[1]
    else:
        return None
    return text[m.start(1):end], end


_POWERS_OF_TEN = {10 ** k for k in range(0, 10)}

_WORDS_BEFORE = re.compile(r"(?<!\w)([^\W\d_]+(?:[ \t]+[^\W\d_]+){0,2})[ \t]+$")


def _words_before(line: str) -> str | None:
    """The one to three words ending `line` (_WORDS_BEFORE's group), read once for the three questions asked of the
    words before a number (_excluded_by_context, _label_before, _governed)."""
    return _read_words_before(line) if line.endswith((" ", "\t")) else None  # (no space before it: no match)


@lru_cache(maxsize=4096)
def _read_words_before(line: str) -> str | None:
    m = _WORDS_BEFORE.search(line)
    return m.group(1) if m else None


_WORD_DASH_BEFORE = re.compile(r"(?<!\w)([^\W\d_]+)[ \t]*[-–][ \t]*$")


def _excluded_by_context(text: str, start: int) -> bool:
    """Ordinals, dates, periods, codes, levels, rankings, addresses: decided by the words right before
    ("lần thứ 11", "ngày 22-8", "năm 2021", "Nghị quyết số 169", "cấp độ 4", "Top 10", "quận 1")."""
    line = text[max(0, start - 40):start].split("\n")[-1]
    contexts = _lex()["contexts"]
    if line.rstrip(" \t")[-1:] in ("-", "–") and (d := _WORD_DASH_BEFORE.search(line)) \
            and (d.group(1).casefold(),) in contexts:  # (a dash ends the line: the search has no match without)
        return True  # "Covid - 19"
    before = _words_before(line)
    if not before:
        return False  # punctuation or nothing between the last word and the number
    verdict = _excluded_by_words(before)
    if verdict is None:  # "trong số 500 hồ sơ" counts; "đứng thứ 3 trong số 63 tỉnh", "thứ 1 trong 5 …" rank
        return bool(_RANKED_AMONG.search(text[max(0, start - 40):start]))
    return verdict


@lru_cache(maxsize=4096)  # (the same few words stand before numbers on every page: "năm", "ngày", "đạt" …)
def _excluded_by_words(before: str) -> bool | None:
    """_excluded_by_context's verdict from the words right before the number; None after "trong (số)", where the
    words before those decide."""
    contexts = _lex()["contexts"]
    written = before.split()
    words = before.casefold().split()
    if any(tuple(words[-n:]) in _lex()["open_contexts"] for n in range(1, len(words) + 1)):
        return False  # "dân số 8.060 người", "hằng năm 2,97%"
    if len(words) >= 2 and words[-2] in ("mỗi", "từng"):
        return False  # "mỗi lớp 30 học sinh", "mỗi đợt 50 người": each one's share, no label
    if any(" ".join(written[-n:]) in _lex()["verb_contexts"] for n in range(1, len(written) + 1)):
        return False  # "quyết định 8 nội dung": the verb, not the document
    if words[-2:] == ["trong", "số"] or words[-1] == "trong":
        return None  # (and "thứ 1 trong 5 địa phương", r24)
    if len(words) >= 2 and words[-1] in ("sáng", "tối") and words[-2] in ("thắp", "chiếu", "làm", "soi", "rọi"):
        return False  # "thắp sáng 15 tuyến đường": the verb, not the morning of the 15th
    return any(tuple(words[-n:]) in contexts for n in range(1, len(words) + 1))


_RANKED_AMONG = re.compile(r"(?<!\w)(?:thứ|hạng)[ \t]+\S+[ \t]+trong[ \t]+(?:số[ \t]+)?$", re.I)

_NAME_BEFORE = re.compile(r"(?<=[^\s.!?:;(\"“])[ \t]+([^\W\d_]+)[ \t]+$")


def _after_a_name(text: str, start: int) -> bool:
    """A Title-case word right before the number, not opening a sentence, names what the number is part of."""
    m = _NAME_BEFORE.search(text[max(0, start - 40):start])
    word = m.group(1) if m else ""
    # Title case only: an abbreviation ("UBND 5 huyện") is the owner of a count; codes ("NQ 32") are contexts.
    return word[:1].isupper() and not word.isupper() and word.casefold() not in _COMPARATOR_WORDS


_NAME_RUN_BEFORE = re.compile(r"(?<![^\W\d_])((?:[A-ZĐ\u00C0-\u1EF8][^\W\d_]*[ \t]+){1,4})$")


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Provinces and countries (models/ner/places.txt, models/ner/countries.txt, and the provinces of the
    gazetteer lexicons.administrative_units), folded by key()."""
    names = set(entries("ner/places")) | set(entries("ner/countries"))
    names |= {n for n, u in administrative_units().items() if u["levels"] & {"tỉnh", "thành phố"}}
    return frozenset(key(n) for n in names)


def _after_a_place(text: str, start: int) -> bool:
    """A province or country right before the number owns the count, as in a breakdown by place ("6 người chết
    (Vĩnh Phúc 2 người, Lào Cai 1 người)", "tiếp đến là Hà Giang 97 nhà", "tại Nhật Bản 200 bộ sách"); so does a
    district or commune of the gazetteer after its level word ("huyện Mường Lát 12 nhà"): a place is never numbered
    like "Sư đoàn 312", so the number is no part of its name."""
    m = _NAME_RUN_BEFORE.search(text, max(0, start - 60), start)
    if not m:
        return False
    words = m.group(1).split()
    if any(key(" ".join(words[-n:])) in _places() for n in range(1, len(words) + 1)):
        return True
    level = _LEVEL_BEFORE.search(text, max(0, m.start(1) - 12), m.start(1))
    return bool(level) and " ".join(words) in administrative_units()


_LEVEL_BEFORE = re.compile(r"(?<![^\W\d_])(?:huyện|xã|thị xã|thị trấn|quận|phường)[ \t]+$")  # lower-case, as written


# words before a number that are not the name it belongs to: its qualifier ("Hơn 30"), or a verb ("Có 5")
_COMPARATOR_WORDS = {key(q) for q in table("metrics/qualifiers")} | {"có", "với", "đạt"}


def _refers_to_people(text: str, unit: str, end: int) -> bool:
    """"hai ông đều được bầu", "hai ông gửi lời chúc mừng", "hai bà Nguyễn Thị A và Trần Thị B": an honorific not
    followed by a noun it heads ("5 bà mẹ") refers back to people named. (Only after a number in words: with digits,
    "Cả 3 ông đều …", the annotators of every real set count them.)"""
    if unit not in _lex()["pronouns"]:
        return False
    following = _NEXT_WORD.match(text, end)
    return not following or not following.group(1).islower() or following.group(1) in _lex()["stopwords"] \
        or _acts(following.group(1))


_NO_ACT = frozenset({"được", "bị", "là", "có", "về"})  # "hai giám đốc được tuyên dương", "là ông A": passive, copula, preposition


def _acts(word: str, nxt: str | None = None) -> bool:
    """The word (or the word and the next, "nhất trí") is a verb or adverb only, a clause's predicate ("gửi", "đã",
    "nhất trí"); not a passive or the copula."""
    for w in ((f"{word} {nxt}",) if nxt else ()) + (word,):
        tags = word_tags().get(w.lower())
        if tags:
            return w.lower() not in _NO_ACT and tags <= {"V", "R", "A"}
    return False


def _heads_of_two_sides(text: str, unit: str, end: int) -> bool:
    """Two heads of one body each (models/metrics/side_heads.txt) as the subject of a verb, past their bodies'
    capitalised words: "hai Bộ trưởng Quốc phòng đã duyệt đội danh dự", "hai Bộ trưởng nhất trí"."""
    if _lower_first(unit).lower() not in _lex()["side_heads"]:
        return False
    p = end
    for _ in range(6):  # past the body's words: capitalised, with the syllables of its word ("Quốc phòng"), or nouns
        m = _NEXT_WORD.match(text, p)   # ("Chủ tịch tỉnh")
        if not m or m.group(1).islower() and not _is_noun(m.group(1)):
            break
        p = _dictionary_word_end(text, m.start(1)) or m.end()
    if not m or not m.group(1).islower():
        return False
    nxt = _NEXT_WORD.match(text, m.end())
    return _acts(m.group(1), nxt.group(1) if nxt else None)


def _side_and_verb(unit: str) -> bool:
    """A side noun the dictionary joins to the verb after it ("hai bên có khả năng": "bên có", the credit side, is a
    word): the two sides, then their verb."""
    m = _lex()["sides_re"].match(unit)
    rest = unit[m.end():].strip() if m else ""
    tags = word_tags().get(rest.lower()) if rest and " " not in rest else None
    return bool(tags) and not any(t.startswith("N") for t in tags)


def _names_two_parties(text: str, start: int, end: int) -> bool:
    """Two + party noun that names the two sides of a relation, not a count: "giữa hai tỉnh", followed by the
    parties' names ("hai tỉnh Hải Dương - Phú Yên") or closing its phrase ("Ban Thường vụ hai tỉnh."). Followed by a
    lower-case word it opens a clause and counts ("Hai tỉnh đã phối hợp")."""
    following = _NEXT_WORD.match(text, end)
    if not following or not following.group(1).islower():
        return True
    before = text[max(0, start - 8):start].split()
    return bool(before) and before[-1].casefold() == "giữa"


def find_quantities(text: str, low: str | None = None) -> list[Quantity]:
    """Every quantity with a unit, counted noun or scale word, in text order; bare numbers are left out. `low` is
    the text's lower-case view (pipeline.text.document.Document.lower), computed when not given."""
    raw = []  # (start, num_end, value, spelled, total)
    units = _lex()["unit_re"]
    for m in sorted([*_NUMBER.finditer(text), *_AFTER_NOUN_SLASH.finditer(text)], key=lambda m: m.start()):
        tok = m.group()
        if _LETTER_DIGIT.match(text, m.end()) and not ((u := units.match(text, m.end())) and u.end() > m.end() + 1
                                                       and text[u.end() - 1].isdigit()):
            continue
        parts = tok.split("/")
        if len(parts) > 2:  # "169/2024/QH15", "20/12/2016": codes and dates
            continue
        vals = [parse_digits(x) for x in parts]
        if any(v is None for v in vals):
            continue
        if _ISO_DATE_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # "2025-02", "2025-08-15": parts of an ISO date
        if _DAY_BEFORE.search(text, max(0, m.start() - 14), m.start()):
            continue  # "chậm nhất ngày 15-10 lực lượng …": the month of a date written with a dash
        if text[m.start() - 1:m.start()] == "/" and vals[0] in _POWERS_OF_TEN:
            continue  # "bé trai/100 bé gái": the base of a rate, not a second count
        total = vals[1] if len(vals) == 2 else None
        if total is not None and not (vals[0] <= total):
            continue  # "29/7" is a date, not 29 out of 7
        raw.append((m.start(), m.end(), vals[0], False, total, tok))
    low = lower_view(text) if low is None else low
    for start, end, value in spelled_in(text, low):
        raw.append((start, end, value, True, None, text[start:end]))
    for m in _lex()["one_title_re"].finditer(text):  # "bầu bổ sung một Phó Chủ tịch": "một" counts one office holder
        raw.append((m.start(), m.start() + 3, 1, True, None, text[m.start():m.start() + 3]))
    for m in _lex()["elected_one_re"].finditer(low):
        if text[m.end():m.end() + 1].islower():  # (a capitalised title is one_title_re's)
            raw.append((m.start(1), m.end(1), 1, True, None, text[m.start(1):m.end(1)]))
    after_names: set[int] = set()
    taken = {r[0] for r in raw}
    alone = set()  # "năm", "một" alone: counts only where a count reads so (_alone_counts)
    for m in _ALONE_NUMERAL.finditer(low):
        if m.start() not in taken:
            alone.add(m.start())
            raw.append((m.start(), m.end(1), _ALONE_VALUES[m.group(1)], True, None, text[m.start():m.end(1)]))
    raw.sort()

    out: list[Quantity] = []
    for start, num_end, value, spelled, total, tok in raw:
        if out and start < out[-1].end:
            continue  # the smaller amount of "3 tỷ 362 triệu USD"
        if _STREET_AFTER.match(text, num_end) and _ADDRESS_BEFORE.search(lower_view(text[max(0, start - 24):start])):
            continue  # "Trụ sở tại: 185 Giảng Võ, Đống Đa": a house number
        if _excluded_by_context(text, start) and not _money_after(text, num_end) \
                and not (not spelled and _measure_after(text, start, num_end)):
            continue  # but "ngân sách Trung ương 168 tỷ đồng" is money: no label is followed by a scale and a currency
        parsed = _unit_after(text, num_end, attached_ok=not spelled,
                             labelled=total is None and _label_before(text, start),
                             governed=total is None and _governed(text, start))
        if parsed is False and (age := _AGE.match(text, num_end)) \
                and _AVERAGE_AGE_BEFORE.search(lower_view(text[max(0, start - 40):start])):
            parsed = "tuổi", age.end(), None, None, "count", None, 0  # "tuổi thọ trung bình đạt 74,7 tuổi"
        if parsed is False:
            continue
        unit, end, scale, currency, kind, per, added = parsed
        if value == 0 and currency and total is None:
            continue  # "gian hàng 0 đồng", "siêu thị 0 đồng": a free stall's name, no amount
        if kind == "" and total is not None and (ratio_unit := _ratio_unit(text, start)) is not None:
            unit, kind = ratio_unit, "ratio"  # "với số phiếu bầu 48/50", "đạt 25/25"
        if kind == "" and total is None and (rank := _topic_before(text, start)):
            unit, kind = rank, "count"  # "Thượng tướng với Thứ trưởng, số lượng không quá 6"
        if added:
            value = _plain(Fraction(str(value)) + added)
        if not kind and text[num_end:num_end + 1].isalpha():
            continue  # "5S", "4G": a letter glued to the number is a code
        if "." in tok and DOT_DECIMAL.fullmatch(tok) and kind not in ("percent", "measure", "scale"):
            continue  # "2.3 Phòng Điều hành": an outline's number; a decimal point only before a unit ("5.5%")
        if _YEAR.fullmatch(tok) and kind not in ("percent", "measure") and not scale:
            continue  # a year, even when a word follows it ("năm 2019 tăng …")
        if spelled and (kind in ("", "scale") and value == 0.5 or not kind):
            continue
        if start in alone and scale is not None and kind in ("measure", "count"):
            alone.discard(start)  # "ủng hộ một tỷ đồng", "năm triệu USD": before a scale word, a number
        elif start in alone and (kind != "count" or not _noun_word(unit.lower())):
            continue  # "năm học", "một cách": the year, the article
        if value == 2 and kind == "count" and total is None and (_lex()["sides_re"].fullmatch(unit) or _side_and_verb(unit) or (
                _lex()["party_re"].fullmatch(unit) and _names_two_parties(text, start, end))):
            continue  # "hai nước", "hai bên", "2 tỉnh An Giang và Kandal": the two sides, named, not counted
        if kind == "count" and spelled and _refers_to_people(text, unit, end):
            continue  # "cả hai ông đều được bầu": people already named
        if value == 2 and kind == "count" and total is None and _heads_of_two_sides(text, unit, end):
            continue  # "hai Bộ trưởng nhất trí": the two sides' ministers
        named = kind in ("count", "scale") and _after_a_name(text, start) \
            and not (kind == "count" and _after_a_place(text, start))
        if named and not (kind == "count" and _ITEM_END.match(text, end)):
            continue  # "Sư đoàn 312 tổ chức", "Hội nghị Trung ương 8 khóa XIII": part of a name
        if kind == "count" and text[start - 1:start] in _OPEN_QUOTES and text[end:end + 1] in _CLOSE_QUOTES \
                and " " not in unit and start:
            continue  # "3 cứng", “4 tại chỗ”: a slogan quoted whole, no count
        span_end = num_end if kind == "" else end
        if kind == "percent":
            span_end = _PERCENT.match(text, num_end).end()
        out.append(Quantity(text=text[start:span_end], start=start, end=span_end, value=value, unit=unit,
                            scale=scale, currency=currency, total=total, per=per, kind=kind, spelled=spelled))
        if named:
            after_names.add(start)  # kept only as an item of a breakdown by name (_breakdown_item)
    if alone:
        out = [q for k, q in enumerate(out) if q.start not in alone or _alone_counts(text, low, out, k)]
    if after_names:
        out = [q for k, q in enumerate(out) if q.start not in after_names or _breakdown_item(text, out, k)]
    _link_ranges(text, out)
    _list_of_ratios(text, out)
    lines = _Lines(text)
    return [q for q in out if q.kind and not _page_furniture(text, q, lines)]


# "năm" (five; year) and "một" (one; a) alone are numbers only where a list of counts in words reads them so
_ALONE_VALUES = {"một": 1, "năm": 5}
# (not "một số", some)
_ALONE_NUMERAL = re.compile(r"(một|năm)(?<![^\W\d_]một)(?<![^\W\d_]năm)[ \t]+(?!số(?![^\W\d_]))(?=[^\W\d_])")
_LIST_JOIN = re.compile(r"[ \t]*(?:,|;)?[ \t]*(?:và|cùng)?[ \t]*")


def _alone_counts(text: str, low: str, qs: list[Quantity], k: int) -> bool:
    """qs[k], "một" or "năm" alone before a noun, is a count: in a list of counts ("năm tập thể và một cá nhân",
    "gồm một báo cáo và 19 dự thảo nghị quyết"), after a qualifier that only a number takes ("ít nhất một huyện",
    "xã dưới năm tiêu chí"), or "năm" after a verb ("chúc mừng năm cán bộ"; "một" there is the article: "tổ chức một
    hội nghị")."""
    q = qs[k]
    for a, b in ((qs[k - 1], q) if k else (None, None), (q, qs[k + 1]) if k + 1 < len(qs) else (None, None)):
        other = b if a is q else a
        if other is not None and other.kind == "count" and b.start > a.end \
                and _LIST_JOIN.fullmatch(text, a.end, b.start) and text[a.end:b.start].strip():
            return True
    if _ALONE_QUALIFIER.search(low, max(0, q.start - 16), q.start):
        return True
    if not low.startswith("năm", q.start) or _function_before(low, q.start):
        return False
    # "năm tỉnh Tây Nguyên": five provinces of the region named; the year is no province's ("năm tỉnh tái lập")
    region = q.unit in _REGION_LEVELS and (nxt := _NEXT_WORD.match(text, q.end)) and nxt.group(1)[0].isupper()
    return bool(region) or _governed(text, q.start)


_REGION_LEVELS = frozenset({"tỉnh", "thành phố", "huyện", "quận", "xã"})


# qualifiers before "một"/"năm" that only a number takes (models/metrics/qualifiers.tsv but for those that are also a
# place or a time: "trên một địa bàn", "đến năm", "ngoài", "tới"); in the lower-case view
_ALONE_QUALIFIER = re.compile(r"(?<![^\W\d_])(?:%s)[ \t]+$" % "|".join(
    re.escape(w) for w in sorted(table("metrics/qualifiers"), key=len, reverse=True)
    if w not in ("trên", "ngoài", "tới", "đến", "lên tới", "lên đến", "trên dưới")))


def _function_before(low: str, start: int) -> bool:
    """A preposition or conjunction right before: "trong năm", "cả năm" read the year."""
    m = _WORDS_BEFORE.search(low, max(0, start - 40), start)
    return bool(m) and (_function_word(m.group(1).split()[-1]) or m.group(1).split()[-1] in ("cả", "trong", "mỗi"))


# the end of an item of a list: its counted noun closes it ("Bệnh viện Bạch Mai 5 ca, Bệnh viện Chợ Rẫy 3 ca")
_ITEM_END = re.compile(r"[ \t]*(?:[,;)\n]|và(?![^\W\d_])|\.(?!\d)|$)")
# between two items of a breakdown by name: a separator, then the next item's name or label
_NEXT_ITEM = re.compile(r"[ \t]*(?:[,;]|và)[ \t]*[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,5}[ \t]+")


def _breakdown_item(text: str, qs: list[Quantity], k: int) -> bool:
    """qs[k], a count after a name, is an item of a breakdown by name: the count of the same noun after the next or
    the last name ("Bệnh viện Bạch Mai 5 ca, Bệnh viện Chợ Rẫy 3 ca"; "Tân Phú 12 hộ, Tân Lập 9 hộ")."""
    q = qs[k]
    for a, b in ((qs[k - 1], q) if k else (None, None), (q, qs[k + 1]) if k + 1 < len(qs) else (None, None)):
        if a is not None and key(a.unit) == key(b.unit) and a.kind == b.kind == "count" \
                and _NEXT_ITEM.fullmatch(text, a.end, b.start):
            return True
    return False


_COUNTER_LINE = re.compile(rf"[\d.,/]+[^\w\n]*(?:{alternation('metrics/page_counters')})?[^\w\n]*")  # lower-case view
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _names_only(s: str) -> bool:
    """Only capitalised words and bullets ("• TP Hồ Chí Minh")."""
    return all(w[0].isupper() or not any(c.isalnum() for c in w) for w in s.split())


class _Lines:
    """The lines of a text, each read once for all its quantities (a page on one line may hold thousands)."""

    def __init__(self, text: str):
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self._read: dict[int, tuple[int, int, bool]] = {}

    def around(self, start: int, end: int) -> tuple[int, int]:
        """(start, end) of the line holding text[start:end]: after the last line break before `start`, up to the
        first one from `end` on."""
        k = bisect.bisect_left(self.breaks, start)
        a = self.breaks[k - 1] + 1 if k else 0
        k = bisect.bisect_left(self.breaks, end, k)
        return a, self.breaks[k] if k < len(self.breaks) else len(self.text)

    def read(self, a: int, b: int) -> tuple[int, int, bool]:
        """Of the line text[a:b]: where its content starts (past bullets and spaces), its number of words, and
        whether it is an unaccented caption or alt text."""
        if a not in self._read:
            line = self.text[a:b]
            lead = len(line) - len(line.lstrip(" \t•-|"))
            unaccented = len(_LATIN_WORD.findall(line)) >= 4 and not any(c.isalpha() and not c.isascii() for c in line)
            self._read[a] = (a + lead, len(line.split()), unaccented)
        return self._read[a]


def _page_furniture(text: str, q: Quantity, lines: _Lines | None = None) -> bool:
    """A quantity of the page, not of the article: alone on its line but for a page counter ("12,868 lượt xem",
    a zoom "100%") or names ("Hà Nội 17 °C" in a weather box); in an unaccented image caption ("Thu ngan sach tang
    gap 100 lan - Anh 1"); or cut off by the end of the excerpt ("Bí thư 96 phư")."""
    lines = lines or _Lines(text)
    a, b = lines.around(q.start, q.end)
    lead, n_words, unaccented = lines.read(a, b)
    if lead >= q.start and _COUNTER_LINE.fullmatch(lower_view(text[q.start:b])) \
            and (q.kind in ("percent", "ratio") or text[q.start:b].strip() != q.text):
        return True  # "12,868 lượt xem", "100%" alone on a line
    # (the words around the figure number at least the line's but the figure's, less one joined across it: a long
    # line is no weather box, and is not copied once per figure)
    if q.kind == "measure" and n_words - len(text[q.start:q.end].split()) - 1 <= 8:
        before, after = text[a:q.start], text[q.end:b]
        words = (before + after).split()
        if words and len(words) <= 8 and _names_only(before + after) and not "".join(words).isupper() \
                and any(c.isalpha() for c in before + after):
            return True  # "Hà Nội 17 °C", "• TP Hồ Chí Minh 30°C"
    if unaccented:
        return True  # an unaccented caption or alt text
    # the excerpt stops in the middle of the unit: a syllable no word has ("96 phư"), or a bare scale ("hai tỉ")
    return q.end == len(text) and text[q.end - 1].isalpha() and (
        q.kind == "scale" and q.spelled
        or q.kind == "count" and bool(_syllables()) and (last := _WORD.findall(q.unit)[-1]).islower()
        and last not in _syllables())


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every syllable of the dictionary's words (empty without the word list)."""
    return frozenset(w for word in (_dictionary() or ()) for w in word.split())


_RATIO_UNITS = {key(w): ("" if u == "-" else u) for w, u in table("metrics/ratio_contexts").items()}
_VOTE_BEFORE = re.compile(rf"(?<!\w)({'|'.join(re.escape(w) for w, u in _RATIO_UNITS.items() if u)})"
                          r"(?:[ \t]+[^\W\d_]+){0,3}[ \t]+$")
_BARE_BEFORE = re.compile(rf"(?<!\w)({'|'.join(re.escape(w) for w, u in _RATIO_UNITS.items() if not u)})[ \t]+$")


def _ratio_unit(text: str, start: int) -> str | None:
    """The unit of a bare ratio its context makes a metric ("số phiếu tín nhiệm 37/37" → phiếu), else None."""
    before = lower_view(text[max(0, start - 40):start])
    m = _VOTE_BEFORE.search(before) or _BARE_BEFORE.search(before)
    return _RATIO_UNITS[m.group(1)] if m else None


def _money_after(text: str, p: int) -> bool:
    """A scale word and a currency follow the number ("168 tỷ đồng"): an amount of money, whatever the words before."""
    lx = _lex()
    q, scaled = p, False
    while m := _SCALE.match(text, q):
        q, scaled = m.end(), True
    u = lx["unit_re"].match(text, _GAP.match(text, q).end()) if scaled else None
    return bool(u) and lx["units"][u.group()] != "-"


# an address: its cue before the number ("địa chỉ:", "trụ sở tại:"; in the lower-case view) and a street's name of
# capitalised syllables after it (in the text)
_ADDRESS_BEFORE = re.compile(r"(?<![^\W\d_])(?:địa chỉ|trụ sở|tọa lạc|số nhà)(?:[ \t]+(?:chính|tại|ở))?[ \t]*:?[ \t]*$")
_STREET_AFTER = re.compile(r"[ \t]+[A-ZĐ\u00C0-\u1EF8][^\W\d_]*[ \t]+[A-ZĐ\u00C0-\u1EF8][^\W\d_]*")


# units that measure a length, an area, a volume or a mass: a label ("đoạn đường", "tuyến", "thửa đất") is followed by
# its number alone, so one of these after the number measures the thing labelled ("nâng cấp tuyến 15 km")
_PHYSICAL_UNITS = frozenset({"km", "m", "cm", "mm", "mét", "ha", "héc-ta", "hécta", "hecta", "km2", "km²", "m2", "m²",
                             "m3", "m³", "mét vuông", "mét khối", "kg", "tấn", "tạ", "yến", "lít"})


def _measure_after(text: str, start: int, p: int) -> bool:
    """A physical unit follows the number ("5 km", "12 ha", "300 m2"): a measure, whatever word labels it; not after
    a date's word ("ngày 5 tấn công": "tấn công" is a verb, the number a day)."""
    u = _lex()["unit_re"].match(text, _GAP.match(text, p).end())
    if not u or u.group() not in _PHYSICAL_UNITS or _DATE_WORD_BEFORE.search(lower_view(text[max(0, start - 12):start])):
        return False
    end = _dictionary_word_end(text, u.start())
    return not end or end <= u.end()  # "tấn công", "tạ ơn": a word of its own


_DATE_WORD_BEFORE = re.compile(r"(?<![^\W\d_])(?:ngày|tháng|năm|quý|tuần|mùng|mồng|lúc|sáng|chiều|tối|trưa|đêm|hôm"
                               r"|nay|thứ|khóa|kỳ|lần|đợt|phiên)[ \t]+$")  # in the lower-case view


@lru_cache(maxsize=1)
def _topic_re() -> re.Pattern:
    # a rank (models/ner/ranks.txt) opening its clause, what it is assigned to, a comma, then the bare number's
    # "số lượng" and qualifier: "Thượng tướng với Thứ trưởng, số lượng không quá 6; Trung tướng, …; và Thiếu tướng,
    # không quá 157" (r15: the caps of each rank, annotated as counts of the rank)
    ranks = "|".join(re.escape(r) for r in sorted(entries("ner/ranks"), key=len, reverse=True))
    quals = "|".join(re.escape(q) for q in sorted(table("metrics/qualifiers"), key=len, reverse=True))
    return re.compile(rf"(?:^|[;:.\n]|(?<!\w)và)[ \t]*({ranks})(?:[ \t]+[^\W\d_][^,;:.\n\d]{{0,40}})?[ \t]*,"
                      rf"[ \t]*(?:số lượng[ \t]+)?(?:(?:{quals})[ \t]+)?$")


def _topic_before(text: str, start: int) -> str | None:
    """The rank a bare number counts when its clause opens with it as the topic (_topic_re), else None."""
    m = _topic_re().search(text, max(0, start - 80), start)
    return m.group(1) if m else None


# An age is an attribute like a duration (time_units.txt); an average age is measured.
_AGE = re.compile(r"[ \t]+tuổi(?!\w)")
_AVERAGE_AGE_BEFORE = re.compile(rf"(?<!\w)(?:{alternation('metrics/average_age_words')})(?!\w)[^.;:!?\n]*$")


# between two ratios of a list: a bracket on the first ("66/70 (đạt 94,3%) và 67/70"), then a comma or "và"
_RATIO_JOIN = re.compile(r"[ \t]*(?:\([^()\n]{0,60}\))?[ \t]*(?:,|;|và)[ \t]*")


def _list_of_ratios(text: str, qs: list[Quantity]) -> None:
    """A bare ratio listed after a ratio with a unit counts the same ("với số phiếu lần lượt là 66/70 (đạt tỷ lệ
    94,3%) và 67/70": 67 phiếu out of 70)."""
    last = None  # the last ratio with a unit
    for q in qs:
        if q.total is None:
            continue
        if q.kind == "" and last is not None and q.total == last.total \
                and _RATIO_JOIN.fullmatch(text, last.end, q.start):
            q.unit, q.kind = last.unit, last.kind
        last = q if q.kind else None


def _link_ranges(text: str, qs: list[Quantity]) -> None:
    """"5-7%", "từ 5 đến 7 tỷ đồng", "6,5% - 6,7%": both ends are quantities; a bare first end takes the unit."""
    for a, b in zip(qs, qs[1:]):
        if not b.kind or a.total is not None or b.total is not None:
            continue
        change = bool(_CHANGE_GAP.fullmatch(text[a.end:b.start])) and bool(_FROM.search(text, 0, a.start))
        if not change and not _RANGE_GAP.fullmatch(text[a.end:b.start]):
            continue
        if a.kind == "":
            if not (change or a.value < b.value) or a.spelled != b.spelled:
                continue
            a.unit, a.scale, a.currency, a.kind, a.per = b.unit, b.scale, b.currency, b.kind, b.per
        elif a.kind == "scale" and b.unit.startswith(a.unit + " ") and a.scale == b.scale:
            a.unit, a.currency, a.kind, a.per = b.unit, b.currency, b.kind, b.per  # "từ 120 triệu đến 130 triệu đồng"
        elif a.unit != b.unit:
            continue
        a.range_role, b.range_role = "from", "to"
