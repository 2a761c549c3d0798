"""Dates of events: the phrase that dates what an article reports, and its ISO date.

A date phrase is a day/month with a time word, "ngày" or a bracket before it ("Chiều 29/7", "Sáng nay (12/3)",
"ngày 17 tháng 10 năm 2025", "Trong 2 ngày 14 và 15/6"); dates of documents, cut-offs, ranges and page chrome are
not. The year comes from the phrase, else the publication date, else the page's own dates (crawler tag,
timestamps, URL).

>>> from pipeline.text.document import Document
>>> doc = Document("Quyết định số 83, ngày 29-4 được công bố. Chiều 29/7, UBND tỉnh họp.")
>>> [m.group().strip() for m in candidates(doc)]
['Chiều 29/7']
>>> f = date_fields(doc.text, candidates(doc)[0], "2022-08-01", ())
>>> f["date"], f["date_text"], f["time_of_day"], f["date_source"]
('2022-07-29', 'Chiều 29/7', 'chiều', 'published')
"""
from __future__ import annotations

import re
from datetime import date as Date

from pipeline.text.document import Document
from pipeline.text.lexicons import alternation, word_alternation

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
    rf"|(?:{alternation('meeting/document_words')})[^.;:\n]{{0,25}}$"
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


# A word _CHROME_LEFTOVER cannot match: a run of letters that is not made of the pattern's own words (a weekday, "gmt",
# in any case) makes the line prose. Found without copying the line once per date (a page on one line holds
# thousands); every letter run of the pattern's text counts as one of its words, so no line the pattern takes is
# turned down.
_LETTERS = re.compile(r"[^\W\d_]+")
_CHROME_WORDS = re.compile(
    "(?:" + "|".join(sorted(set(_LETTERS.findall(_CHROME_LEFTOVER.pattern)), key=lambda w: (-len(w), w))) + ")+", re.I)


def _prose_word(text: str, start: int, end: int) -> bool:
    return any(not _CHROME_WORDS.fullmatch(w.group()) for w in _LETTERS.finditer(text, start, end))


def _is_chrome_line(doc: Document, m) -> bool:
    text = doc.text
    line_start, line_end = doc.line_around(m.start(), m.end())
    if _prose_word(text, m.end(), line_end) or _prose_word(text, line_start, m.start()):
        return False
    rest = text[line_start:m.start()] + " " + text[m.end():line_end]
    return bool(_CHROME_LEFTOVER.fullmatch(rest))


def candidates(doc: Document) -> list[re.Match]:
    """Every date phrase that can date an event, in text order (chrome, documents, ranges dropped)."""
    text, out, pos = doc.text, [], 0
    for s in _DATE_START.finditer(doc.lower):
        if s.start() < pos:
            continue
        m = _match_date(text, s.start())
        if not m:
            continue
        pos = m.end()
        if (_NOT_EVENT_BEFORE.search(text[max(0, m.start() - 60):m.start()])
                or _NOT_EVENT_AFTER.match(text[m.end():m.end() + 20]) or _is_chrome_line(doc, m)):
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


def page_dates(doc: Document, url: str | None) -> tuple[tuple[int, Date, str], ...]:
    """(offset, date, source) of dates the page gives about itself; offset -1 for the URL."""
    text, out = doc.text, []
    tag = _CRAWLER_TAG.match(text)
    if tag:
        out.append((0, _safe_date(tag["y"], tag["m"], tag["d"] or 28), "page"))
    for t in _TIMESTAMP.finditer(text):
        if day := _DAY_BEFORE.search(text, max(0, t.start() - 3), t.start()):
            out.append((day.start(), _safe_date(t["y"], t["m"], day.group()), "page"))
    for m in _PAGE_DATE.finditer(doc.lower):
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


def _reference_date(published: str | None, page: tuple, at: int) -> tuple[Date | None, str | None]:
    if published:
        p = _ISO.match(published.strip())
        if p:
            return _safe_date(p["y"], p["m"] or 12, p["d"] or 28), "published"
    if not page:
        return None, None
    before = [p for p in page if p[0] <= at and p[2] == "page"]
    # the nearest page date before the event phrase is the article's own timestamp, not the crawl header
    chosen = max(before, key=lambda p: p[0]) if before else next((p for p in page if p[2] == "page"), page[0])
    return chosen[1], chosen[2]


def date_fields(text: str, m: re.Match, published: str | None, page: tuple) -> dict:
    """The Meeting fields of a date phrase: ISO date (the year from the phrase, else the publication date, else
    the page's own dates), its text as written, precision, source and time of day."""
    month, d1 = int(m["m"]), int(m["d1"])
    d2 = int(m["d2"]) if "d2" in m.re.groupindex and m["d2"] else None
    tod = m["tod"]
    out = {"date": None, "end_date": None, "date_text": _date_text(text, m), "date_precision": "day-no-year",
           "date_source": None, "day": d1, "month": month, "year": None,
           "time_of_day": _TOD_WORDS.get(" ".join(tod.lower().split())) if tod else None, "date_span": [m.start(), m.end()]}
    year, source = (int(m["y"]), "text") if m["y"] else (None, None)
    if year is None:
        ref, source = _reference_date(published, page, m.start())
        year = _year_near(month, d1, ref) if ref else None
    if year is not None:
        start = _safe_date(year, month, d1)
        if start:
            out.update(date=start.isoformat(), year=year, date_precision="day", date_source=source)
            end = _safe_date(year, month, d2) if d2 else None
            if end and end > start:
                out["end_date"] = end.isoformat()
    return out
