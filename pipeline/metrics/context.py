"""The context of a figure, read in its sentence: qualifier, subject, period and change; and which figures repeat one
fact (a headline repeated in the body is listed once).

Sentences are read in the Document's lower-case view (tone placement folded); words come from models/metrics/.

>>> s = "Năm 2024, tổng thu ngân sách đạt hơn 1.200 tỷ đồng, tăng 12,5% so với năm 2023."
>>> low = s.lower()
>>> qualifier(s, low, s.index("1.200")), change(low, s.index("12,5"))
(('hơn', '>'), 'increase')
>>> subject(s, low, s.index("1.200")), period(s, periods(low), s.index("1.200"))
('tổng thu ngân sách', 'Năm 2024')
"""
from __future__ import annotations

import bisect
import re
from difflib import SequenceMatcher

from pipeline.text.lexicons import alternation, table
from pipeline.record import Metric
from pipeline.text.normalize import key

_COMPARATORS = {key(q): c for q, c in table("metrics/qualifiers").items()}
_QUALIFIER = re.compile(rf"(?<!\w)({alternation('metrics/qualifiers')})[ \t]+$")  # in the lower-case view
_DIRECTIONS = {key(v): d for v, d in table("metrics/change_verbs").items()}
_CHANGE = re.compile(rf"(?<!\w)({alternation('metrics/change_verbs')})"
                     rf"((?:[ \t]+(?:{alternation('metrics/change_words')}))*)[ \t]+$")  # in the lower-case view
_DECREASE = re.compile(r"(?<!\w)(?:còn|xuống)(?!\w)")


def qualifier(sentence: str, low: str, offset: int) -> tuple[str | None, str | None]:
    """(qualifier as written, comparator) right before the figure at `offset` ("hơn 30", "khoảng 38,7%")."""
    m = _QUALIFIER.search(low, max(0, offset - 20), offset)
    if not m:
        return None, None
    written = sentence[m.start(1):m.end(1)]
    return written, _COMPARATORS[" ".join(m.group(1).split())]


def change(low: str, offset: int) -> str | None:
    """"increase"/"decrease" when a verb of change governs the figure ("tăng 5%", "giảm xuống còn 2%")."""
    m = _CHANGE.search(low, max(0, offset - 60), offset)
    if not m:
        return None
    if _DECREASE.search(m.group(2) or ""):
        return "decrease"
    return _DIRECTIONS[" ".join(m.group(1).split())]


# The period a figure refers to: "năm 2020", "6 tháng đầu năm 2025", "quý I/2025", "giai đoạn 2021-2025".
# Searched in the lower-case view of the text (normalize.lower_view), hence "quý iv".
_PERIOD_RX = (
    r"(?<!\w)(?<![-–/.])(?:(?:\d+|nửa)[ \t]+tháng(?:[ \t]+(?:đầu|cuối))?[ \t]+năm(?:[ \t]+(?:19|20)\d\d)?"
    r"|(?:\d+|nửa)[ \t]+(?:tháng|năm)(?:[ \t]+(?:đầu|cuối)[ \t]+năm)?(?=[ \t,.;]|$)"
    r"|quý[ \t]+[iv]+(?:[ \t]*[/.][ \t]*(?:19|20)\d\d|[ \t]+năm[ \t]+(?:(?:19|20)\d\d|nay))?"
    r"|(?:giai đoạn|nhiệm kỳ)[ \t]+(?:19|20)\d\d[ \t]*[-–][ \t]*(?:19|20)\d\d"
    r"|tháng[ \t]+\d{1,2}(?:[ \t]*/[ \t]*(?:19|20)\d\d|[ \t]+năm[ \t]+(?:19|20)\d\d)?"
    r"|(?:cả[ \t]+)?năm[ \t]+(?:19|20)\d\d(?:[ \t]*[-–/][ \t]*(?:19|20)\d\d)?"
    r"|(?:cả[ \t]+)?năm[ \t]+nay)(?!\w)")
_PERIOD = re.compile(_PERIOD_RX)
_PERIOD_ANY_CASE = re.compile(_PERIOD_RX, re.I)  # to cut periods out of a subject as written
_COMPARISON_BASE = re.compile(r"(?:so với|cùng kỳ)[ \t]+(?:\S+[ \t]+)?$")

# Verbs and linking words that end the subject of a figure: "<subject> đạt 40,43%", "<subject> giảm còn 2%".
_PRED_WORD = f"(?:{alternation('metrics/predicate_words')})"
_PREDICATE = re.compile(rf"(?<!\w){_PRED_WORD}(?:[ \t]+{_PRED_WORD})*(?!\w)")  # in the lower-case view
_CLAUSE_CUT = re.compile(r"[,;:()\[\]]|(?<!\w)(?:trong đó|với|và|theo đó)(?!\w)")  # in the lower-case view
_LEADING_NOISE = re.compile(r"^(?:[-–•*\s]|(?:trong|đến|tính đến|sau|riêng|theo đó|như vậy|đặc biệt)(?!\w))+", re.I)


_AUXILIARIES = re.compile(r"(?:[ \t]+(?:đã|đang|sẽ|được|vẫn|cũng|đều|chỉ|mới))+$", re.I)


def clean_subject(s: str) -> str | None:
    s = _PERIOD_ANY_CASE.sub(" ", s)
    s = _LEADING_NOISE.sub("", s.strip().strip("\"“”'‘’"))
    s = re.sub(r"\s+", " ", s).strip(" ,.;:-–\"“”")
    s = _AUXILIARIES.sub("", " " + s).strip()
    words = s.split()
    if not words or len(words) > 14 or not re.search(r"[^\W\d_]{2}", s):
        return None
    return s


# A search for cuts that stops at `offset` finds the same cuts as one over the whole sentence up to here before it:
# a try at position p reads at most p-1 … p+9 ("trong đó" and the look-ahead's character).
_CUT_REACH = 10


def clause_cuts(low_sentence: str) -> tuple[list[int], list[tuple[int, int]]]:
    """The clause cuts of the whole sentence (starts, spans): for subject() on a sentence holding many figures."""
    spans = [m.span() for m in _CLAUSE_CUT.finditer(low_sentence)]
    return [a for a, _ in spans], spans


def _cuts_before(low_sentence: str, offset: int, cuts: tuple[list[int], list[tuple[int, int]]] | None) -> list:
    """The clause cuts of the sentence before `offset` (the last three suffice when `cuts` are given: only the last
    three clauses are read), as a search stopping at `offset` finds them."""
    if cuts is None:
        return [(m.start(), m.end()) for m in _CLAUSE_CUT.finditer(low_sentence, 0, offset)]
    starts, spans = cuts
    k = bisect.bisect_right(starts, offset - _CUT_REACH)
    kept = spans[max(0, k - 3):k]
    pos = max(kept[-1][1] if kept else 0, offset - _CUT_REACH + 1, 0)
    return kept + [(m.start(), m.end()) for m in _CLAUSE_CUT.finditer(low_sentence, pos, offset)]


def subject(sentence: str, low_sentence: str, offset: int,
            cuts: tuple[list[int], list[tuple[int, int]]] | None = None) -> str | None:
    """What the figure measures, when the sentence says it: the words before its verb ("tỷ trọng TFP đóng
    góp vào tăng trưởng GRDP" in "tỷ trọng TFP … tăng đáng kể, năm 2020 đạt 40,43%"). `cuts`: clause_cuts of the
    sentence, so that each of its figures reads only its own clauses."""
    cuts = _cuts_before(low_sentence, offset, cuts)
    bounds = [0, *(x for cut in cuts for x in cut), offset]  # clause k is bounds[2k]:bounds[2k+1]
    clauses = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    for a, b in reversed(clauses[-3:]):
        verbs = list(_PREDICATE.finditer(low_sentence, a, b))
        if not verbs:
            continue
        subj = clean_subject(sentence[a:verbs[-1].start()])
        if subj:
            return subj
    return None


def periods(low_sentence: str) -> list[tuple[int, int]]:
    """Spans of the sentence's period phrases; a comparison base ("so với năm 2020", "cùng kỳ 2019") is none."""
    return [m.span() for m in _PERIOD.finditer(low_sentence)
            if not _COMPARISON_BASE.search(low_sentence, max(0, m.start() - 60), m.start())]


def _offsets(s: str, ch: str) -> list[int]:
    """Every offset of the character `ch` in `s` (str.find: most sentences have no bracket)."""
    out, k = [], s.find(ch)
    while k >= 0:
        out.append(k)
        k = s.find(ch, k + 1)
    return out


class PeriodIndex:
    """The period phrases of one sentence, laid out once for all its figures: period_of(offset) is period(sentence,
    spans, offset) found by bisection, not by reading every phrase and bracket of the sentence per figure."""

    def __init__(self, sentence: str, spans: list[tuple[int, int]]):
        self.sentence, self.spans = sentence, spans
        opens, closes = _offsets(sentence, "("), _offsets(sentence, ")")
        self.ends = [end for _, end in spans]
        self.free: list[int] = []  # phrases outside brackets: always a figure's candidates
        self.bracketed: list[tuple[int, int, int]] = []  # (index, "(" before it, ")" after it or -1)
        for k, (start, end) in enumerate(spans):
            i = bisect.bisect_left(opens, start)
            opened = opens[i - 1] if i else -1
            i = bisect.bisect_left(closes, start)
            if opened > (closes[i - 1] if i else -1):
                i = bisect.bisect_left(closes, end)
                self.bracketed.append((k, opened, closes[i] if i < len(closes) else -1))
            else:
                self.free.append(k)
        self.bracketed_at = [k for k, _, _ in self.bracketed]

    def period_of(self, offset: int) -> str | None:
        # Phrases are in order and do not overlap, so the "(" before a phrase and the ")" after it only move right
        # (a missing ")" stays missing): of the bracketed phrases, only the last one ending before the figure and
        # the first one ending after it can hold the figure in their brackets.
        k = bisect.bisect_right(self.ends, offset)  # phrases [0, k) end at or before the figure
        best = -1
        if (i := bisect.bisect_left(self.free, k)) > 0:
            best = self.free[i - 1]
        i = bisect.bisect_left(self.bracketed_at, k)
        if i > 0 and (b := self.bracketed[i - 1])[2] >= offset:
            best = max(best, b[0])
        if best >= 0:
            return self.sentence[slice(*self.spans[best])]
        first = len(self.spans)
        if (j := bisect.bisect_left(self.free, k)) < len(self.free):
            first = self.free[j]
        if i < len(self.bracketed) and (b := self.bracketed[i])[1] < offset and b[2] >= 0:
            first = min(first, b[0])
        return self.sentence[slice(*self.spans[first])] if first < len(self.spans) else None


def period(sentence: str, spans: list[tuple[int, int]], offset: int) -> str | None:
    """The period phrase nearest before the figure in its sentence, else the first one after it."""
    before, after = [], []
    for start, end in spans:
        opened = sentence.rfind("(", 0, start)
        if opened > sentence.rfind(")", 0, start) and not opened < offset < sentence.find(")", end) + 1:
            continue  # "giảm từ 19,6% (năm 2010) xuống còn 7,5%": the bracketed year is the other figure's
        (before if end <= offset else after).append(sentence[start:end])
    return before[-1] if before else (after[0] if after else None)


def headline_like(sentence: str) -> bool:
    s = sentence.strip()
    return bool(s) and s[-1] not in ".!?…;:" and len(s.split()) <= 35


def _content_words(sentence: str) -> set[str]:
    return {w for w in key(sentence).split() if re.search(r"[^\W\d_]", w)}


_LIST_TAIL = re.compile(r",[ \t].*$", re.S)
_DEICTIC_YEAR = re.compile(r"^cả |(?<=năm) nay$")


def fact_key(metric_text: str) -> str:
    """The figure and its head noun: a body listing more nouns than the headline states the same fact
    ("75 doanh nghiệp, đơn vị" repeats "75 doanh nghiệp"); a decimal comma has no space after it."""
    return key(_LIST_TAIL.sub("", metric_text))


def _period_key(period: str | None) -> str:
    """"năm nay" names no year, so it fits any ("năm nay" fits "năm 2024", "6 tháng đầu năm nay" fits
    "6 tháng đầu năm 2024")."""
    return _DEICTIC_YEAR.sub("", key(period or ""))


_MASK_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")


def _template(sentence: str) -> list[str]:
    """The sentence with its numbers and capitalised words (names) masked: the frame of a list of parallel facts."""
    words = _MASK_NUMBER.sub("0", sentence).split()
    return [w if k == 0 or not w[:1].isupper() else "X" for k, w in enumerate(words)]


def parallel(a: str, b: str) -> bool:
    """Two sentences of one frame stating facts about different things ("Nguyễn Văn A, 93 số phiếu đồng ý …" and
    "Lê Văn B, 93 số phiếu đồng ý …"; the vote on one law and on the next)."""
    return SequenceMatcher(None, _template(a), _template(b), autojunk=False).ratio() >= 0.8


def _subject_words(subject: str | None) -> list[str]:
    return key(subject or "").split()


def _same_subject(a: str | None, b: str | None) -> bool:
    """The same thing measured: one subject is the other or starts it ("tỷ lệ hộ nghèo" and "tỷ lệ hộ nghèo ở
    Hương Đô"), and says more than one word."""
    wa, wb = sorted((_subject_words(a), _subject_words(b)), key=len)
    return len(wa) >= 2 and wb[:len(wa)] == wa


def same_fact(a: Metric, a_sentence: int, b: Metric, b_sentence: int) -> bool:
    """A fact stated again in another sentence: same figure, head noun, qualifier and compatible period, and
    - the sentences repeat each other (one holds the other: the lead repeated as the body's first sentence, a
      caption with its credit) or one is a headline sharing the other's words (headline, lead, "read also" teaser);
    - or, not being parallel statements about different things, they say what is measured alike ("tỷ lệ hộ
      nghèo giảm 0,67%" twice) or name the same period for a change ("quý III tăng 5,33%" after "GDP quý III năm
      nay ước tính tăng 5,33%"), or give a share or amount with decimals with the same change (_precise: "91,58%
      thí sinh đỗ" and "bình quân chung là 91,58%"), but for vote shares, each candidate's.
    A count stated again elsewhere in other words stays two facts, as the annotators list it ("19 tỉnh, thành phố"
    for a directive's scope and for a meeting's participants), unless it says it refers back (refers_back) or the
    page's headline and lead stated it (lead_end and restates, in find_metrics). The
    same figure twice in one sentence is two facts ("khiển trách đối với 2 trường hợp, … khai trừ đối với 2
    trường hợp"); so is a range's end and a lone figure."""
    if a_sentence == b_sentence or key(a.qualifier or "") != key(b.qualifier or "") \
            or bool(a.range) != bool(b.range) or fact_key(a.text) != fact_key(b.text):  # "Hơn 3.000" opening a headline
        return False
    periods = sorted((_period_key(a.period), _period_key(b.period)), key=len)
    if periods[0] and not periods[1].startswith(periods[0]):
        return False  # "năm 2017" vs "năm 2018"; "6 tháng đầu năm" fits "6 tháng đầu năm 2024"
    sa, sb = key(a.sentence), key(b.sentence)
    if sa in sb or sb in sa:
        return True
    if headline_like(a.sentence) or headline_like(b.sentence):
        shared = (_content_words(a.sentence) & _content_words(b.sentence)) - _content_words(a.text)
        if len(shared) >= 2:
            return True
    if parallel(a.sentence, b.sentence):
        return False
    if _precise(a) and a.change == b.change and not (_VOTES.search(sa) or _VOTES.search(sb)) \
            and not (a.subject and b.subject):
        return True  # (two subjects said are two things measured unless _same_subject: "Nông nghiệp", "Công nghiệp")
    return _same_subject(a.subject, b.subject) or bool(periods[0] and a.change and a.change == b.change)


def _precise(m: Metric) -> bool:
    """A share or an amount written with decimals ("22,57%", "48,6 tỷ USD"): a page does not give two facts the same
    one by chance, unlike round figures ("70%", "12 xã")."""
    return isinstance(m.value, float) and (m.unit == "%" or m.scale is not None)


_VOTES = re.compile(r"(?<!\w)phiếu(?!\w)")  # in the key view: each candidate's vote share is a fact of its own


# "Hai vụ này", "2 thửa đất trên", "cả 6 nhân sự được giới thiệu": a group named again by its count
_BACK_BEFORE = re.compile(r"(?<!\w)cả[ \t]+$")  # in the lower-case view
# after the noun or one more word of it ("2 thửa đất nói trên"); "trên" only closing the phrase ("5 xã trên địa bàn"
# is "in the area"), and "trong đó" is "among which"
_BACK_AFTER = re.compile(r"(?:[ \t]+(?!trong\b)[^\W\d_]+)?[ \t]+"
                         r"(?:(?:này|đó|ấy|nói trên|kể trên|nêu trên|vừa nêu|trên đây)(?!\w)|trên(?=[ \t]*(?:[,.;:)]|$)))")  # lower-case view


# "2 BQL nêu trên", "hai dự án kể trên": said to be the group named above, whether counted there or named
_SAID_ABOVE = re.compile(r"(?:[ \t]+(?!trong\b)[^\W\d_]+)?[ \t]+(?:nêu trên|nói trên|kể trên|vừa nêu|trên đây)(?!\w)")
_ONE_OF = re.compile(r"(?<!\w)(?:một|1)[ \t]+trong[ \t]+(?:số[ \t]+)?$")  # in the lower-case view


def said_above(low: str, m: Metric) -> bool:
    """The figure says it is the group named above ("2 BQL nêu trên"): no new fact even when that group was named,
    not counted."""
    return bool(_SAID_ABOVE.match(low, m.end))


def one_of(low: str, m: Metric) -> bool:
    """The figure is the size of a group one member is said to belong to ("là một trong 60 doanh nhân"): the page
    counts that group elsewhere as well, and it is one fact."""
    return bool(_ONE_OF.search(low, max(0, m.start - 16), m.start))


def refers_back(low: str, m: Metric) -> bool:
    """The figure names a group counted before ("2 vụ …. Hai vụ này vẫn …"), so it states no new fact."""
    return bool(_BACK_BEFORE.search(low, max(0, m.start - 4), m.start) or _BACK_AFTER.match(low, m.end))


_CLAUSE_BEFORE = re.compile(r"([^\W\d_]+(?:[ \t]+[^\W\d_]+){2,3})[ \t]+$")  # in the lower-case view
# (the same, from a word's start only: past the window's first character, a match that starts inside a word would
# also match from the letter before it, so the leftmost one starts a word; trying every letter is what costs)
_CLAUSE_BEFORE_WORD = re.compile(r"(?<![^\W\d_])" + _CLAUSE_BEFORE.pattern)
_WORDS_AFTER = re.compile(r"(?:[ \t]+[^\W\d_]+){0,2}")


def echo(low: str, m: Metric) -> str | None:
    """The figure with the three or four words before it in its clause and the two after: a clause a page copies
    twice into one sentence ("khu vực dịch vụ tăng 3,84%; khu vực dịch vụ tăng 3,84%", a headline run into the body
    without a stop) says one fact; the same figure after other words ("khiển trách 2 trường hợp, khai trừ 2
    trường hợp") is another. None when fewer than three words stand before it."""
    a = max(0, m.start - 60)
    before = _CLAUSE_BEFORE.match(low, a, m.start) or _CLAUSE_BEFORE_WORD.search(low, a + 1, m.start)
    if not before:
        return None
    return f"{before.group(1)}|{key(m.text)}|{_WORDS_AFTER.match(low, m.end).group().strip()}"


# a page's opening: crawler metadata before the headline ("date 2025-06 …"), or the agency's tag opening the lead
# ("TTO - …", "(Chinhphu.vn) - …", "Cần Thơ (TTXVN) - …")
_PAGE_OPENING = re.compile(r"date[ \t]+(?:19|20)\d\d|[^\W\d_][\w.]{1,15}(?:[ \t][^\W\d_]+){0,2}[ \t]*(?:\([^()\n]{2,30}\))?"
                           r"[ \t]*[-–][ \t]|\([^()\n]{2,30}\)[ \t]*[-–][ \t]")


def lead_end(text: str) -> int:
    """End of the page's headline and lead: its first line when it reads like a headline (headline_like) or opens the
    page (_PAGE_OPENING); 0 when the excerpt opens in the body ("Ngoài ra, …")."""
    first = text.lstrip()
    k = first.find("\n")
    line = first[:k] if k >= 0 else first
    headline = headline_like(line) or line.rstrip()[-1:] in "?!" and len(line.split()) <= 25  # also a question
    if k < 0 or not (headline or _PAGE_OPENING.match(line)):
        return 0
    end = len(text) - len(first) + k
    if headline:  # the headline, then the lead paragraph under it, past the lines between them
        for _ in range(_FURNITURE_LINES + 1):
            nxt = text[end:].lstrip()
            k2 = nxt.find("\n")
            if k2 <= 0:
                break
            end = len(text) - len(nxt) + k2
            if not _furniture_line(nxt[:k2]):
                break
    return end


# Between a headline and its lead a page may print a byline, a time stamp or a share button ("Trung Thi", "Admin",
# "Cập nhật 17/4/2019, 13:04:51", "Chia sẻ"): short lines that are no sentence.
_FURNITURE_LINES = 3


def _furniture_line(line: str) -> bool:
    s = line.strip()
    return len(s.split()) <= 6 and s[-1:] not in ".!?…"


def restates(a: Metric, b: Metric) -> bool:
    """b, in the body, may state a's fact of the headline or lead again: the same qualifier, or one the headline left
    out for brevity ("75% diện tích" in the headline, "trên 75% diện tích" in the body; but "gần 30.000 suất quà" in
    the headline and "là 30.000 suất quà" in the body are listed twice, as annotated), both or neither a range's
    end, compatible periods."""
    if a.qualifier and key(a.qualifier) != key(b.qualifier or "") or bool(a.range) != bool(b.range):
        return False
    periods = sorted((_period_key(a.period), _period_key(b.period)), key=len)
    return not periods[0] or periods[1].startswith(periods[0])

