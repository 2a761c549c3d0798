"""Stage 5, metrics: the quantities of a text as records with their qualifier, subject, period and change.

The grammar of numbers and units lives in pipeline.quantities; this stage adds the sentence context
and lists a fact repeated verbatim (a headline repeated in the body) once.
"""
from __future__ import annotations

import re

from pipeline.text.normalize import key, lower_view
from pipeline.metrics.quantities import Quantity, find_quantities
from pipeline.text.sentences import split_sentences

# Qualifiers as written before the number, longest first; the comparator says what they mean.
_COMPARATORS = {
    "gần như": "≈", "trên dưới": "≈", "xấp xỉ": "≈", "khoảng": "≈", "chừng": "≈", "ước chừng": "≈",
    "gần": "≈", "ngót": "≈",
    "hơn": ">", "trên": ">", "ngoài": ">",
    "ít nhất": "≥", "tối thiểu": "≥", "không dưới": "≥",
    "dưới": "<", "chưa đến": "<", "chưa tới": "<", "không đến": "<",
    "tối đa": "≤", "không quá": "≤", "lên tới": "≤", "lên đến": "≤", "tới": "≤", "đến": "≤",
}
_QUALIFIER = re.compile(
    r"(?<!\w)(%s)[ \t]+$" % "|".join(re.escape(q) for q in sorted(_COMPARATORS, key=len, reverse=True)), re.I)

# Change verbs: "tăng 5% so với cùng kỳ", "giảm còn 2%", "tăng hơn 28,4%", "xuống còn 7,5%".
_CHANGE = re.compile(
    r"(?<!\w)(tăng trưởng|tăng|giảm|xuống|hạ|vượt|sụt giảm)"
    r"((?:[ \t]+(?:thêm|lên|xuống|còn|từ|có|được|bình quân|ước|ước tính|dự kiến|phấn đấu|khoảng|hơn|trên|gần|dưới|tới|đến|ở mức|mức|"
    r"xấp xỉ|chừng|tương ứng|đạt))*)[ \t]+$", re.I)
_CHANGE_DIRECTION = {"tăng trưởng": "increase", "tăng": "increase", "vượt": "increase",
                     "giảm": "decrease", "xuống": "decrease", "hạ": "decrease", "sụt giảm": "decrease"}

# The period a figure refers to: "năm 2020", "6 tháng đầu năm 2025", "quý I/2025", "giai đoạn 2021-2025".
# Searched in the lower-case view of the text (normalize.lower_view), hence "quý iv".
_PERIOD_RX = (
    r"(?<!\w)(?:(?:\d+|nửa)[ \t]+tháng(?:[ \t]+(?:đầu|cuối))?[ \t]+năm(?:[ \t]+(?:19|20)\d\d)?"
    r"|(?:\d+|nửa)[ \t]+(?:tháng|năm)(?:[ \t]+(?:đầu|cuối)[ \t]+năm)?(?=[ \t,.;]|$)"
    r"|quý[ \t]+[iv]+(?:[ \t]*[/.][ \t]*(?:19|20)\d\d|[ \t]+năm[ \t]+(?:19|20)\d\d)?"
    r"|(?:giai đoạn|nhiệm kỳ)[ \t]+(?:19|20)\d\d[ \t]*[-–][ \t]*(?:19|20)\d\d"
    r"|tháng[ \t]+\d{1,2}(?:[ \t]*/[ \t]*(?:19|20)\d\d|[ \t]+năm[ \t]+(?:19|20)\d\d)?"
    r"|(?:cả[ \t]+)?năm[ \t]+(?:19|20)\d\d(?:[ \t]*[-–/][ \t]*(?:19|20)\d\d)?"
    r"|(?:cả[ \t]+)?năm[ \t]+nay)(?!\w)")
_PERIOD = re.compile(_PERIOD_RX)
_PERIOD_ANY_CASE = re.compile(_PERIOD_RX, re.I)  # to cut periods out of a subject as written
_COMPARISON_BASE = re.compile(r"(?:so với|cùng kỳ)[ \t]+(?:\S+[ \t]+)?$")

# Verbs and linking words that end the subject of a figure: "<subject> đạt 40,43%", "<subject> giảm còn 2%".
_PRED_WORD = (r"(?:đạt|tăng trưởng|tăng|giảm|chiếm|là|có|còn|ở mức|bằng|lên|xuống|vượt|thu hút|thu|chi|"
              r"cấp|trao|hỗ trợ|giải ngân|dự kiến|ước tính|ước|phấn đấu|khoảng|hơn|trên|gần|từ|thêm|được)")
_PREDICATE = re.compile(rf"(?<!\w){_PRED_WORD}(?:[ \t]+{_PRED_WORD})*(?!\w)")  # in the lower-case view
_CLAUSE_CUT = re.compile(r"[,;:()\[\]]|(?<!\w)(?:trong đó|với|và|theo đó)(?!\w)")  # in the lower-case view
_LEADING_NOISE = re.compile(r"^(?:[-–•*\s]|(?:trong|đến|tính đến|sau|riêng|theo đó|như vậy|đặc biệt)(?!\w))+", re.I)


_AUXILIARIES = re.compile(r"(?:[ \t]+(?:đã|đang|sẽ|được|vẫn|cũng|đều|chỉ|mới))+$", re.I)


def _clean_subject(s: str) -> str | None:
    s = _PERIOD_ANY_CASE.sub(" ", s)
    s = _LEADING_NOISE.sub("", s.strip().strip("\"“”'‘’"))
    s = re.sub(r"\s+", " ", s).strip(" ,.;:-–\"“”")
    s = _AUXILIARIES.sub("", " " + s).strip()
    words = s.split()
    if not words or len(words) > 14 or not re.search(r"[^\W\d_]{2}", s):
        return None
    return s


def _subject(sentence: str, low_sentence: str, offset: int) -> str | None:
    """What the figure measures, when the sentence says it: the words before its verb ("tỷ trọng TFP đóng
    góp vào tăng trưởng GRDP" in "tỷ trọng TFP … tăng đáng kể, năm 2020 đạt 40,43%")."""
    cuts = [(m.start(), m.end()) for m in _CLAUSE_CUT.finditer(low_sentence, 0, offset)]
    bounds = [0, *(x for cut in cuts for x in cut), offset]  # clause k is bounds[2k]:bounds[2k+1]
    clauses = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    for a, b in reversed(clauses[-3:]):
        verbs = list(_PREDICATE.finditer(low_sentence, a, b))
        if not verbs:
            continue
        subj = _clean_subject(sentence[a:verbs[-1].start()])
        if subj:
            return subj
    return None


def _periods(low_sentence: str) -> list[tuple[int, int]]:
    """Spans of the sentence's period phrases; a comparison base ("so với năm 2020", "cùng kỳ 2019") is none."""
    return [m.span() for m in _PERIOD.finditer(low_sentence)
            if not _COMPARISON_BASE.search(low_sentence, max(0, m.start() - 60), m.start())]


def _period(sentence: str, periods: list[tuple[int, int]], offset: int) -> str | None:
    """The period phrase nearest before the figure in its sentence, else the first one after it."""
    before, after = [], []
    for start, end in periods:
        opened = sentence.rfind("(", 0, start)
        if opened > sentence.rfind(")", 0, start) and not opened < offset < sentence.find(")", end) + 1:
            continue  # "giảm từ 19,6% (năm 2010) xuống còn 7,5%": the bracketed year is the other figure's
        (before if end <= offset else after).append(sentence[start:end])
    return before[-1] if before else (after[0] if after else None)


def _change(sentence: str, offset: int) -> str | None:
    m = _CHANGE.search(sentence[max(0, offset - 60):offset])
    if not m:
        return None
    if re.search(r"(?<!\w)(?:còn|xuống)(?!\w)", m.group(2) or "", re.I):
        return "decrease"
    return _CHANGE_DIRECTION[m.group(1).lower()]


def _headline_like(sentence: str) -> bool:
    s = sentence.strip()
    return bool(s) and s[-1] not in ".!?…;:" and len(s.split()) <= 35


def _metric(q: Quantity, text: str, low: str, span: tuple[int, int], periods: list[tuple[int, int]]) -> dict:
    a, b = span
    sentence = text[a:b]
    offset = q.start - a
    qual = None if q.range_role == "to" else _QUALIFIER.search(text[max(a, q.start - 20):q.start])
    qualifier = qual.group(1) if qual else None
    return {
        "text": q.text,
        "value": q.value,
        "unit": q.unit,
        "qualifier": qualifier,
        "comparator": _COMPARATORS[qualifier.lower()] if qualifier else None,
        "scale": q.scale,
        "value_normalized": q.value_normalized,
        "currency": q.currency,
        "total": q.total,
        "per": q.per,
        "range": q.range_role,
        "subject": _subject(sentence, low[a:b], offset),
        "period": _period(sentence, periods, offset),
        "change": _change(sentence, offset),
        "start": q.start,
        "end": q.end,
        "sentence": sentence.strip(),
    }


def _content_words(sentence: str) -> set[str]:
    return {w for w in key(sentence).split() if re.search(r"[^\W\d_]", w)}


_LIST_TAIL = re.compile(r",[ \t].*$", re.S)
_DEICTIC_YEAR = re.compile(r"^cả |(?<=năm) nay$")


def _fact_key(metric_text: str) -> str:
    """The figure and its head noun: a body listing more nouns than the headline states the same fact
    ("75 doanh nghiệp, đơn vị" repeats "75 doanh nghiệp"); a decimal comma has no space after it."""
    return key(_LIST_TAIL.sub("", metric_text))


def _period_key(period: str | None) -> str:
    """"năm nay" names no year, so it fits any ("năm nay" fits "năm 2024", "6 tháng đầu năm nay" fits
    "6 tháng đầu năm 2024")."""
    return _DEICTIC_YEAR.sub("", key(period or ""))


def _same_fact(m: dict, seen: dict) -> bool:
    """A fact repeated in another sentence: same figure, head noun, qualifier and compatible period, and the
    two sentences are the same words or one is a headline sharing the other's words (headline, lead,
    "read also" teaser); a range's ends repeat as a range ("vượt 3-5% dự toán" in headline and body). The same figure
    twice in one sentence is two facts."""
    if m["_sentence_start"] == seen["_sentence_start"] or key(m["qualifier"] or "") != key(seen["qualifier"] or "") \
            or bool(m["range"]) != bool(seen["range"]) or _fact_key(m["text"]) != _fact_key(seen["text"]):  # "Hơn 3.000" opening a headline
        return False
    periods = sorted((_period_key(m["period"]), _period_key(seen["period"])), key=len)
    if periods[0] and not periods[1].startswith(periods[0]):
        return False  # "năm 2017" vs "năm 2018"; "6 tháng đầu năm" fits "6 tháng đầu năm 2024"
    if key(m["sentence"]) == key(seen["sentence"]):
        return True
    if not (_headline_like(m["sentence"]) or _headline_like(seen["sentence"])):
        return False
    shared = (_content_words(m["sentence"]) & _content_words(seen["sentence"])) - _content_words(m["text"])
    return len(shared) >= 2


def find_metrics(text: str) -> list[dict]:
    """Every metric of the text (see pipeline.quantities for what counts), in text order, each with
    text/value/unit/qualifier/comparator/scale/value_normalized/currency/subject/period/change/start/end/sentence."""
    quantities = find_quantities(text)
    if not quantities:
        return []
    spans = split_sentences(text) or [(0, len(text))]
    low = lower_view(text)
    periods: dict[tuple[int, int], list] = {}  # per sentence: a sentence often holds several figures
    out: list[dict] = []
    by_text: dict[str, list[dict]] = {}  # a repeated fact has the same figure and head noun: compare only with those
    i = 0
    for q in quantities:
        while i + 1 < len(spans) and spans[i][1] <= q.start:
            i += 1
        span = spans[i] if spans[i][0] <= q.start < spans[i][1] else (q.start, q.end)
        if span not in periods:
            periods[span] = _periods(low[span[0]:span[1]])
        m = _metric(q, text, low, span, periods[span])
        m["_sentence_start"] = span[0]
        if q.range_role == "to" and out and out[-1]["range"] == "from":
            for field in ("subject", "period", "change"):  # "tăng từ 5% đến 7%": the ends share their context
                m[field] = m[field] or out[-1][field]
        same_text = by_text.setdefault(_fact_key(m["text"]), [])
        if not any(_same_fact(m, seen) for seen in same_text):
            out.append(m)
            same_text.append(m)
    for m in out:
        del m["_sentence_start"]
    return out
