"""Stage 5, the meeting(s) an article reports: kind, date, place, organisers, chair, speakers, sides, outcomes.

Regex and lexicons only (models/meeting_*.txt). People come from the attendees' mention offsets, so this
stage never guesses names: it only decides which named person chaired, spoke, or sat on which side.
An article may report several events; each sentence-initial date phrase with a new day opens one.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from datetime import date as Date
from functools import lru_cache

from pipeline.text.lexicons import entries, word_alternation
from pipeline.text.normalize import fold_tones, key, lower_view
from pipeline.text.sentences import split_sentences

# ---------------------------------------------------------------- dates

_TOD_WORDS = {"sáng": "sáng", "rạng sáng": "sáng", "trưa": "trưa", "chiều": "chiều", "tối": "tối", "đêm": "tối"}
_WEEKDAY = r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật"
_PREFIX = (rf"(?<!\w)(?:(?P<tod>rạng\s+sáng|sáng|trưa|chiều|tối|đêm)(?:\s+(?:nay|qua|mai))?(?:\s+(?:{_WEEKDAY}))?"
           rf"|(?P<rel>hôm\s+(?:nay|qua))|(?={_WEEKDAY}))?"
           r"(?P<glue>\s*,?\s*\(?\s*)(?P<ngay>ngày\s+)?")
_DAY_MONTH = r"(?P<sep>[-/.])(?P<m>\d{1,2})(?:(?P=sep)(?P<y>\d{4}))?(?!\d)"
_DATE_RANGE = re.compile(  # "14 và 15/6", "14, 15 và 16/8" (the first and last days)
    _PREFIX + r"(?P<d1>\d{1,2})(?:\s*,\s*\d{1,2})*\s*(?:và|-|–|,|đến)\s*(?P<d2>\d{1,2})" + _DAY_MONTH, re.I)
_DATE_ONE = re.compile(_PREFIX + r"(?P<d1>\d{1,2})" + _DAY_MONTH, re.I)
# the formal spelling: "ngày 17 tháng 10 năm 2025"
_DATE_WORDS = re.compile(_PREFIX + r"(?P<d1>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s+năm\s+(?P<y>\d{4}))?(?!\d)", re.I)

# Context that makes a date something other than the day of the event.
_NOT_EVENT_BEFORE = re.compile(
    r"(?:(?<!\w)(?:đến|tới|từ|trước|sau|hết|kể từ|tính đến)\s*$"  # "đến ngày 30.6": a reporting cut-off
    r"|số\s*[\w/.-]+\s*,?\s*$"  # "Quyết định số 83, ngày 29-4"
    r"|(?:quyết định|nghị quyết|nghị định|thông tư|công văn|chỉ thị|kết luận|thông báo|tờ trình|luật|"
    r"ban hành|ký)[^.;:\n]{0,25}$"
    r"|\d\s*[-–]\s*\(?$)", re.I)  # second half of a range "(09/01/1960-09/01/2020)"
_NOT_EVENT_AFTER = re.compile(r"^\s*(?:[|,]\s*)?\d{1,2}[:h]\d{2}|^\s*[-–]\s*(?:ngày\s+)?\d{1,2}[-/.]\d", re.I)
_CHROME_LEFTOVER = re.compile(rf"(?:{_WEEKDAY}|gmt|[\W\d_])*", re.I)  # fullmatch: fails at a prose line's first word
# Dates of the page itself (crawler tag, timestamps, header date lines): they give the year, never the event.
_CRAWLER_TAG = re.compile(r"^\s*date\s+(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?")
# "12/3/2024 10:05": found from its first "/" (a literal start is a fast scan); the day is read back from there
_TIMESTAMP = re.compile(r"/(?P<m>\d{1,2})/(?P<y>\d{4})\s*(?:\|\s*)?\d{1,2}:\d{2}")
_DAY_BEFORE = re.compile(r"(?<!\d)\d{1,2}$")
_URL_DATE = re.compile(r"(?<!\d)(?P<y>19[89]\d|20[0-4]\d)[/_-]?(?P<m>0[1-9]|1[0-2])(?:[/_-]?(?P<d>0[1-9]|[12]\d|3[01]))?")
_ISO = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?")


def _match_date(text: str, pos: int):
    for rx in (_DATE_RANGE, _DATE_ONE, _DATE_WORDS):
        m = rx.match(text, pos)
        if not m or not 1 <= int(m["m"]) <= 12:
            continue
        days = [int(m[g]) for g in ("d1", "d2") if g in m.re.groupindex]
        # a bare "29/7" needs a time word, "ngày" or a bracket to be a date phrase
        if all(1 <= d <= 31 for d in days) and (m["tod"] or m["rel"] or m["ngay"] or "(" in m["glue"]):
            return m
    return None


_DATE_START = word_alternation(["rạng", "sáng", "trưa", "chiều", "tối", "đêm", "hôm", "ngày", "thứ", "chủ"])  # on lower case


def _is_chrome_line(text: str, m) -> bool:
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    rest = text[line_start:m.start()] + " " + text[m.end():line_end]
    return bool(_CHROME_LEFTOVER.fullmatch(rest))


def _date_candidates(text: str) -> list:
    """Every date phrase that can date an event, in text order (chrome, documents, ranges dropped)."""
    out, pos = [], 0
    for s in _DATE_START.finditer(lower_view(text)):
        if s.start() < pos:
            continue
        m = _match_date(text, s.start())
        if not m:
            continue
        pos = m.end()
        if (_NOT_EVENT_BEFORE.search(text[max(0, m.start() - 60):m.start()])
                or _NOT_EVENT_AFTER.match(text[m.end():m.end() + 20]) or _is_chrome_line(text, m)):
            continue
        out.append(m)
    return out


def _date_text(text: str, m) -> str:
    end = m.end()
    if "(" in m["glue"]:
        close = re.match(r"\s*\)", text[end:])
        if close:
            end += close.end()
    elif zone := _TIME_ZONE.match(text, end):  # "Tối 11/11 (giờ địa phương)": the phrase goes on
        end = zone.end()
    start = m.start()
    if text[start:start + 5].lower() == "ngày " and (lead := _OVER_DAYS.search(text, max(0, start - 20), start)):
        start = lead.start()  # "Trong 2 ngày 14 và 15/6": the span is part of the phrase
    return text[start:end].strip()


_OVER_DAYS = re.compile(r"(?<!\w)[Tt]rong[ \t]+(?:\d|hai|ba|bốn|năm|các)[ \t]+$")  # "Trong (2|các) ngày …"


_TIME_ZONE = re.compile(r"[ \t]*\((?:theo[ \t]+)?giờ[^()\n]{0,25}\)")


_PAGE_DATE = re.compile(rf"(?:{_WEEKDAY})\s*,?\s*(?:ngày\s+)?(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})")  # on lower case


@lru_cache(maxsize=4)  # asked once per candidate date of the same page
def _page_dates(text: str, url: str | None) -> tuple[tuple[int, Date, str], ...]:
    """(offset, date, source) of dates the page gives about itself; offset -1 for the URL."""
    out = []
    tag = _CRAWLER_TAG.match(text)
    if tag:
        out.append((0, _safe_date(tag["y"], tag["m"], tag["d"] or 28), "page"))
    for t in _TIMESTAMP.finditer(text):
        if day := _DAY_BEFORE.search(text, max(0, t.start() - 3), t.start()):
            out.append((day.start(), _safe_date(t["y"], t["m"], day.group()), "page"))
    for m in _PAGE_DATE.finditer(lower_view(text)):
        out.append((m.start(), _safe_date(m[3], m[2], m[1]), "page"))
    if url:
        u = _URL_DATE.search(url)
        if u:
            out.append((-1, _safe_date(u["y"], u["m"], u["d"] or 28), "url"))
    return tuple(o for o in out if o[1])


def _safe_date(y, m, d) -> Date | None:
    try:
        return Date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None


def _year_near(month: int, day: int, ref: Date) -> int:
    """The year putting day/month closest before `ref` (an event is reported on or after it, rarely announced >60 days early)."""
    for year in (ref.year, ref.year - 1, ref.year + 1):
        d = _safe_date(year, month, min(day, 28) if month == 2 else day)
        if d and -60 <= (ref - d).days <= 305:
            return year
    return ref.year


def _reference_date(published: str | None, url: str | None, text: str, at: int) -> tuple[Date | None, str | None]:
    if published:
        p = _ISO.match(published.strip())
        if p:
            return _safe_date(p["y"], p["m"] or 12, p["d"] or 28), "published"
    page = _page_dates(text, url)
    if not page:
        return None, None
    before = [p for p in page if p[0] <= at and p[2] == "page"]
    # the nearest page date before the event phrase is the article's own timestamp, not the crawl header
    chosen = max(before, key=lambda p: p[0]) if before else next((p for p in page if p[2] == "page"), page[0])
    return chosen[1], chosen[2]


def _date_fields(text: str, m, published, url) -> dict:
    month, d1 = int(m["m"]), int(m["d1"])
    d2 = int(m["d2"]) if "d2" in m.re.groupindex and m["d2"] else None
    tod = m["tod"]
    out = {"date": None, "end_date": None, "date_text": _date_text(text, m), "date_precision": "day-no-year",
           "date_source": None, "day": d1, "month": month, "year": None,
           "time_of_day": _TOD_WORDS.get(" ".join(tod.lower().split())) if tod else None, "date_span": [m.start(), m.end()]}
    year, source = (int(m["y"]), "text") if m["y"] else (None, None)
    if year is None:
        ref, source = _reference_date(published, url, text, m.start())
        year = _year_near(month, d1, ref) if ref else None
    if year is not None:
        start = _safe_date(year, month, d1)
        if start:
            out.update(date=start.isoformat(), year=year, date_precision="day", date_source=source)
            end = _safe_date(year, month, d2) if d2 else None
            if end and end > start:
                out["end_date"] = end.isoformat()
    return out


# ---------------------------------------------------------------- lexicons and text views

@lru_cache(maxsize=1)
def _type_patterns() -> list[tuple[str, re.Pattern]]:
    out = []
    for line in entries("meeting_types"):
        label, _, rx = (p.strip() for p in line.partition("|"))
        # no leading look-behind: a pattern that starts with literals lets `re` skip ahead fast; the word
        # boundary before the match is checked by the caller (_word_start)
        out.append((label, re.compile(rf"(?:{fold_tones(rx)})(?!\w)")))
    return out


def _strip_char(c: str) -> str:
    bare = unicodedata.normalize("NFC", "".join(
        ch for ch in unicodedata.normalize("NFD", c) if ch not in "\u0300\u0301\u0303\u0309\u0323"))
    return bare if len(bare) == 1 else c


# every precomposed Latin letter with a Vietnamese tone mark → the same letter without it
_STRIP_TABLE = {cp: _strip_char(chr(cp)) for cp in range(0xC0, 0x1EFA) if _strip_char(chr(cp)) != chr(cp)}


@lru_cache(maxsize=1)
def _speech_verbs() -> re.Pattern:
    return word_alternation(v.lower().translate(_STRIP_TABLE) for v in entries("meeting_speech_verbs"))


_LEVELS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "phường", "xã")


@lru_cache(maxsize=1)
def _org_head() -> re.Pattern:
    # the NER's organisation heads, plus the levels a local body is named by ("thành phố Hải Phòng tổ chức …")
    heads = sorted({*entries("org_heads"), *_LEVELS}, key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(map(re.escape, heads)) + r")(?!\w)")


# ---------------------------------------------------------------- people by offset

class _People:
    """Attendees indexed by mention offset."""

    def __init__(self, attendees):
        self.mentions = sorted(((s, e, a) for a in attendees for s, e in a.mentions), key=lambda m: m[:2])
        self.starts = [s for s, _, _ in self.mentions]

    def any_in(self, a: int, b: int) -> bool:
        """Some mention starts in [a, b): a sentence without one names no chair, speaker or delegate."""
        k = bisect.bisect_left(self.starts, a)
        return k < len(self.starts) and self.starts[k] < b

    def between(self, a: int, b: int) -> list:
        out = []
        for _, _, att in self.mentions[bisect.bisect_left(self.starts, a):bisect.bisect_left(self.starts, b)]:
            if not any(att is o for o in out):
                out.append(att)
        return out

    def last_before(self, pos: int, floor: int):
        """The last mention (in text order) inside [floor, pos)."""
        for k in range(bisect.bisect_left(self.starts, pos) - 1, -1, -1):
            s, e, _ = self.mentions[k]
            if s < floor:
                return None
            if e <= pos:
                return self.mentions[k]
        return None


def _names(people) -> list[str]:
    out = []
    for p in people:
        if p.name not in out:
            out.append(p.name)
    return out


# ---------------------------------------------------------------- chair, speakers, sides

_CHAIR = re.compile(r"chủ(?<!\wchủ)\s+trì(?!\w)")  # on lower case ("đồng chủ trì" too)
_CHAIR_AFTER = re.compile(r"dưới\s+sự\s+(?:đồng\s+)?chủ\s+trì(?:\s+của)?\s*$", re.I)
_CHAIR_LIST = re.compile(r"^(?:[^,;]{0,25}\s)?(?:đồng\s+)?chủ\s+trì[^,.;:]{0,80}?,?\s*(?:có|là|gồm)\b|^(?:đồng\s+)?chủ\s+trì\b", re.I)


def _chairs(text: str, sentences, people: _People) -> list:
    out, low = [], lower_view(text)
    for a, b in sentences:
        for m in _CHAIR.finditer(low, a, b):
            head = text[a:m.start()]
            clause_start = a + max(head.rfind(";") + 1, 0)
            if _CHAIR_AFTER.search(text[a:m.end()]) or _CHAIR_LIST.match(text[clause_start:b].lstrip(" ,")):
                found = people.between(m.end(), b)
            else:
                do = head.rfind(" do ")
                found = people.between(a + do if do >= 0 else a, m.start())
            out += [p for p in found if p not in out]
    return out


def _in_segment(sentences, seg: tuple[int, int]):
    """The sentences starting inside `seg` (sentences are in text order: a slice, not a scan)."""
    lo = bisect.bisect_left(sentences, (seg[0], -1))
    hi = bisect.bisect_left(sentences, (seg[1], -1))
    return sentences[lo:hi]


def _speakers(text: str, sentences, people: _People) -> list:
    low = lower_view(text)
    out = []
    for a, b in sentences:
        found = []
        if low.startswith("theo ", a):  # "Theo đồng chí X, …"
            found += people.between(a, min(b, a + 90))[:1]
        bare = low[a:b].translate(_STRIP_TABLE)  # tone marks off ("nhấn manh" counts), one char for one
        for v in _speech_verbs().finditer(bare):
            v_start, v_end = a + v.start(), a + v.end()
            near = people.last_before(v_start, a)
            if near and v_start - near[1] <= 160 and not re.search(r"[.;!?:]", text[near[1]:v_start]):
                found.append(near[2])
            elif not text[a:v_start].strip(" -–(“\""):  # "Phát biểu tại …, đồng chí X …": subject follows
                found += people.between(v_end, b)[:1]
        out += [p for p in found if p not in out]
    return out


# on lower case; the side's name is then read from the text at the same offsets
_SIDE = re.compile(r"về(?<!\wvề)\s+phía\s+(?P<side>[^,:;.\n]+?)(?:\s+(?:có|gồm)(?!\w)|\s*[,:])")
_LED_BY = re.compile(r"đoàn(?<!\wđoàn)\s+(?:công\s+tác|đại\s+biểu)\s+(?:của\s+)?(?P<side>[^,.;\n]+?)\s+do\s+"
                     r"(?P<who>[^.;\n]{3,200}?)\s+(?:dẫn\s+đầu|làm\s+trưởng\s+đoàn)")


def _clean_side(side: str) -> str:
    side = re.sub(r"^(?:các\s+)?(?:đồng\s+chí\s+)?(?:lãnh\s+đạo\s+)+", "", side.strip(), flags=re.I)
    return side.strip()


def _delegations(text: str, sentences, people: _People) -> list[dict]:
    out, low = [], lower_view(text)

    def side(m, members) -> dict:
        written = text[m.start("side"):m.end("side")]
        return {"side": _clean_side(written), "side_text": written.strip(), "members": _names(members),
                "_people": members}

    for a, b in sentences:
        sides = list(_SIDE.finditer(low, a, b))
        for i, m in enumerate(sides):
            stop = sides[i + 1].start() if i + 1 < len(sides) else b
            if members := people.between(m.end(), stop):
                out.append(side(m, members))
        for m in _LED_BY.finditer(low, a, b):
            if members := people.between(m.start("who"), m.end("who")):
                out.append(side(m, members))
    return out


# ---------------------------------------------------------------- type, title, place, parties, outcomes

def _types(text: str, lead: list[tuple[int, int]], seg: tuple[int, int], title: str | None) -> tuple[str | None, list[str]]:
    low = lower_view(text)
    title_low = lower_view(title or "")
    counts, first_in_lead = {}, {}
    lead = sorted(lead)
    starts = [a for a, _ in lead]

    def in_lead(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < lead[k][1]

    hits = _type_hits(low)
    title_hits = _type_hits(title_low)
    for label, positions in hits.items():
        lo, hi = bisect.bisect_left(positions, seg[0]), bisect.bisect_left(positions, seg[1])
        if hi > lo:
            counts[label] = hi - lo
            first = next((p for p in positions[lo:hi] if in_lead(p)), None)
            if first is not None:
                first_in_lead[label] = first
    for label, positions in title_hits.items():
        first_in_lead.setdefault(label, seg[1] + positions[0])  # after any lead mention
    types = sorted(first_in_lead, key=first_in_lead.get)
    types += sorted((t for t, n in counts.items() if n >= 2 and t not in types), key=lambda t: -counts[t])
    return (types[0] if types else None), types


@lru_cache(maxsize=4)  # one scan per page; each meeting of the page reads its own stretch
def _type_hits(low: str) -> dict[str, list[int]]:
    """Start offsets of each meeting type's words in the folded, lower-cased text."""
    hits = {}
    for label, rx in _type_patterns():
        found = [m.start() for m in rx.finditer(low) if not (m.start() and low[m.start() - 1].isalnum())]
        if found:
            hits[label] = found
    return hits


_EVENT_NOUN = (r"Hội nghị|Hội thảo|Lễ|Tọa đàm|Toạ đàm|Diễn đàn|Kỳ họp|Đại hội|Ký kết|Phiên họp|Cuộc thi|Hội thi|"
               r"Cuộc họp|Hội chợ|Triển lãm|Đối thoại|Họp báo|Chương trình")
_EVENT_TITLE = re.compile(rf"(?<=[\s“\"])(?:{_EVENT_NOUN})(?!\w)")
_TITLE_STOP = re.compile(r"[.;:\n(]|,\s|\s(?:để|nhằm|tại|do|dưới|với sự|có sự|cùng|và đón|đã|được|khai mạc|diễn ra)(?!\w)")
_ENUM_COMMA = re.compile(r",\s(?:[\wÀ-ỹ]+\s){1,2}và\s")


def _cut_phrase(text: str, start: int, limit: int = 220) -> str:
    """The phrase from `start` to the first clause break (not inside quotes, not at "a, b và c")."""
    end = min(len(text), start + limit)
    quoted = [q.span() for q in re.finditer(r"“[^”\n]*”|\"[^\"\n]*\"", text[start:end])]
    for s in _TITLE_STOP.finditer(text, start, end):
        off = s.start() - start
        if any(a < off < b for a, b in quoted):
            continue
        if s.group().startswith(",") and _ENUM_COMMA.match(text, s.start()):
            continue
        end = s.start()
        break
    return text[start:end].strip(" ,-–")


_VENUE_BEFORE = re.compile(r"(?:Trung tâm|Hội trường|Cung|Nhà|Phòng)\s*$")


def _event_title(text: str, lead: list[tuple[int, int]]) -> str | None:
    for a, b in lead:
        for m in _EVENT_TITLE.finditer(text, a, b):
            if _VENUE_BEFORE.search(text, max(a, m.start() - 12), m.start()):
                continue  # "Trung tâm Hội nghị tỉnh" is the venue
            phrase = _cut_phrase(text, m.start())
            if len(phrase.split()) >= 2:
                return phrase
    return None


_AT = re.compile(r"(?<!\w)[Tt]ại\s+(?!(?:hội nghị|hội thảo|buổi|kỳ họp|cuộc|lễ|chương trình|đây|địa phương|phiên|"
                 r"quyết định|điểm cầu|Hội nghị|Hội thảo|Kỳ họp|Lễ|Chương trình|buổi|đại hội|Đại hội|diễn đàn|các|nhiều)\b)")
_AT_STOP = re.compile(r"[,.;:(\n]|\s(?:về|với|nhằm|để|do|dưới|cho|đã|tổ chức|diễn ra|khai mạc|từ|trong|vào|dẫn đầu|"
                      r"phục vụ|đạt|có)(?!\w)|\svà\s(?=[a-zà-ỹđ])")
_HELD_AT = re.compile(r"(?:tổ chức|diễn ra|làm việc|khai mạc|họp|đến thăm)\s+tại\s")  # on lower case


def _location(text: str, sentences, lead: list[tuple[int, int]], seg: tuple[int, int],
              dated: bool) -> tuple[str | None, str | None]:
    """Where the event was held: a \"tại …\" of the dated lead sentence, else of a \"tổ chức/diễn ra … tại\"."""
    def from_at(m):
        stop = _AT_STOP.search(text, m.end(), min(len(text), m.end() + 120))
        place = text[m.end():stop.start() if stop else m.end() + 120].strip()
        return (place, text[m.start():m.end()] + place) if place else (None, None)

    for a, b in lead if dated else []:
        for m in _AT.finditer(text, a, b):
            place, written = from_at(m)
            if place:
                return place, written
    for a, b in _in_segment(sentences, seg):
        held = _HELD_AT.search(lower_view(text), a, b)
        m = _AT.match(text, held.end() - len("tại ")) if held else None
        if m:
            place, written = from_at(m)
            if place:
                return place, written
    return None, None


_ORG_STOP = re.compile(r"[,.;:()\n“\"]|\s(?:đã|tổ chức|phối hợp|long trọng|ký|khai mạc|họp|tiến hành|có|làm việc|giai đoạn|"
                       r"về|để|nhằm|tại|năm|nhiệm kỳ|cùng|với|tiếp|đón|thăm|diễn ra|trao|công bố|sơ kết|tổng kết)\s")
_SUBJECT_VERB = re.compile(r"\s(?:đã\s+)?(?:phối hợp\s+|long trọng\s+|chính thức\s+|đồng\s+)?(?:tổ chức|ký kết|ký|khai mạc|"
                           r"họp|tiến hành|có buổi|làm việc)(?!\w)")


def _orgs_in(text: str, a: int, b: int) -> list[str]:
    """Organisation names listed in text[a:b] ("A, B và C"), each cut at its first clause word."""
    out = []
    for part in re.split(r",\s|\s(?:và|cùng|với)\s(?=" + _org_head().pattern + ")", text[a:b]):
        part = part.strip()
        if not _org_head().match(part):
            continue
        stop = _ORG_STOP.search(" " + part + " ")
        name = (" " + part + " ")[:stop.start()].strip() if stop else part
        if name and name not in out:
            out.append(name)
    return _drop_prefixes(out)


def _drop_prefixes(names: list[str]) -> list[str]:
    keys = [key(n) for n in names]
    return [n for n, k in zip(names, keys) if not any(o != k and o.startswith(k) for o in keys)]


def _parties(text: str, date_m, lead: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
    organizers, parties = [], []
    if date_m is not None:
        sent_end = next((b for a, b in lead if a <= date_m.start() < b), len(text))
        start = date_m.end()
        after = re.match(r"\s*\)?\s*,\s*(?:tại\s[^,]{0,80},\s*)?", text[start:sent_end])
        start += after.end() if after else 0
        verb = _SUBJECT_VERB.search(text, start, sent_end)
        if verb and _org_head().match(text, start):
            organizers = _orgs_in(text, start, verb.start())
    parties = list(organizers)
    for a, b in lead:
        for m in re.finditer(r"(?<!\w)giữa\s+", text[a:b]):
            found = _orgs_in(text, a + m.end(), b)
            parties += [o for o in found if o not in parties]
    return organizers, _drop_prefixes(parties)


_NUMBERS = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_OUTCOME_LIST = re.compile(  # on lower case
    r"(?:với|gồm|gồm có|bao gồm|thống nhất|tập trung vào)\s+(?P<n>\d{1,2}|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+"
    r"(?:nhóm\s+)?(?:nội dung|lĩnh vực|nhiệm vụ|điểm|vấn đề|giải pháp|mục tiêu|chương trình|điều khoản|cam kết)"
    r"[^:.\n]{0,60}:[ \t]*")


def _outcomes(text: str, seg: tuple[int, int]) -> list[str]:
    m = _OUTCOME_LIST.search(lower_view(text), *seg)
    if not m:
        return []
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"]]
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    rest = text[m.end():line_end]
    if rest.strip():
        parts = rest.split(";") if rest.count(";") >= n - 1 else [rest[a:b] for a, b in split_sentences(rest)]
    else:  # one item per following line ("- A", "+ B")
        parts = [ln for ln in text[line_end:].split("\n") if ln.strip()][:n]
    items = [re.sub(r"^\s*(?:[-+•*]|\(?\d{1,2}[).]|[a-zđ]\))\s*", "", p).strip().rstrip(";.") for p in parts]
    items = [i for i in items if i]
    return items[:n] if len(items) >= n else []


# ---------------------------------------------------------------- assembly

_LEAD_IN = re.compile(r"^(?:\([^)]{0,40}\)\s*[-–]?\s*|[\w.]{2,30}\s*[-–]\s*)?(?:tại\s[^,]{0,100},\s*)?$", re.I)


def _event_starts(text: str, candidates, sentences) -> list:
    """Date phrases opening a sentence (after a source tag or a "Tại …," lead-in): each may open an event."""
    starts = []
    for m in candidates:
        sent = next(((a, b) for a, b in sentences if a <= m.start() < b), None)
        if sent and _LEAD_IN.match(text[sent[0]:m.start()]):
            starts.append(m)
    return starts


def _same_day(m1, m2) -> bool:
    return (int(m1["d1"]), int(m1["m"])) == (int(m2["d1"]), int(m2["m"]))


def _segments(text: str, candidates, sentences) -> list[tuple[tuple[int, int], object]]:
    starts = _event_starts(text, candidates, sentences)
    if not starts:
        return [((0, len(text)), candidates[0] if candidates else None)]
    opening = [starts[0]]
    for m in starts[1:]:
        if not any(_same_day(m, o) for o in opening):
            opening.append(m)
    bounds = [0] + [m.start() for m in opening[1:]] + [len(text)]
    return [((bounds[i], bounds[i + 1]), m) for i, m in enumerate(opening)]


def _empty_dates() -> dict:
    return {"date": None, "end_date": None, "date_text": None, "date_precision": None, "date_source": None,
            "day": None, "month": None, "year": None, "time_of_day": None, "date_span": None}


def _one_meeting(text, sentences, people, seg, date_m, published, url, title, first) -> dict:
    lead = [s for s in sentences if date_m is not None and s[0] <= date_m.start() < s[1]]
    if not lead:
        lead = [s for s in sentences if seg[0] <= s[0] < seg[1]][:2]
    mtype, types = _types(text, lead, seg, title if first else None)
    organizers, parties = _parties(text, date_m, lead)
    location, location_text = _location(text, sentences, lead, seg, date_m is not None)
    # chairs, speakers and delegates are named people: only the segment's sentences that mention someone are read
    named = [(a, b) for a, b in _in_segment(sentences, seg) if people.any_in(a, b)]
    chairs = _chairs(text, named, people)
    speakers = _speakers(text, named, people)
    delegations = _delegations(text, named, people)
    meeting = {
        "type": mtype, "types": types, "title": _event_title(text, lead),
        **(_date_fields(text, date_m, published, url) if date_m is not None else _empty_dates()),
        "location": location, "location_text": location_text,
        "organizers": organizers, "parties": parties,
        "chair": _names(chairs), "speakers": _names(speakers),
        "delegations": [{k: v for k, v in d.items() if k != "_people"} for d in delegations],
        "outcomes": _outcomes(text, seg), "span": list(seg),
    }
    return meeting, chairs, speakers, delegations


def _set_roles(attendees, chairs, speakers, delegations) -> None:
    for a in attendees:
        roles = set(a.roles) | {"attendee"}
        if any(a is c for c in chairs):
            roles.add("chair")
        if any(a is s for s in speakers):
            roles.add("speaker")
        a.roles = [r for r in ("chair", "speaker", "attendee") if r in roles] + sorted(
            roles - {"chair", "speaker", "attendee"})
        if a.side is None:
            a.side = next((d["side"] for d in delegations if any(a is p for p in d["_people"])), None)


def extract_meeting(text: str, attendees: list, *, published: str | None = None,
                    url: str | None = None, title: str | None = None) -> dict:
    """The main meeting the article reports, with key `meetings` listing every one (the main one first).

    Also sets each attendee's `.roles` ("chair", "speaker", "attendee") and `.side` in place.
    """
    sentences = split_sentences(text)
    people = _People(attendees)
    candidates = _date_candidates(text)
    meetings, all_chairs, all_speakers, all_sides = [], [], [], []
    for i, (seg, date_m) in enumerate(_segments(text, candidates, sentences)):
        meeting, chairs, speakers, sides = _one_meeting(text, sentences, people, seg, date_m,
                                                        published, url, title, first=i == 0)
        if i == 0 or meeting["type"] or meeting["chair"]:
            meetings.append(meeting)
        all_chairs += chairs
        all_speakers += speakers
        all_sides += sides
    _set_roles(attendees, all_chairs, all_speakers, all_sides)
    main = dict(meetings[0])
    main["meetings"] = meetings
    return main
