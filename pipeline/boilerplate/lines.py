"""The line rules of boilerplate stripping, shared by text dumps and the lines of HTML pages.

Page chrome is dropped (models/boilerplate/chrome_lines.txt, and short lines after a
models/boilerplate/chrome_sections.txt heading); bylines move to Page.authors, photo and video credits
("Ảnh: VGP/Nhật Bắc") to Page.credits, source lines ("Theo Newsweek", "(Theo TTXVN)", "Nguồn: Reuters") to
Page.sources, date lines to Page.published, and what is left is typed title / lead / paragraph / caption. Body text
is never rewritten.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.text.lexicons import entries
from pipeline.text.normalize import nfc


@dataclass
class Block:
    text: str
    kind: str  # "title" | "lead" | "paragraph" | "caption" | "table"


@dataclass
class Page:
    title: str | None
    blocks: list[Block] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)  # who wrote it: bylines, signatures
    published: str | None = None
    credits: list[str] = field(default_factory=list)  # who made the pictures: "Ảnh: VGP/Nhật Bắc"
    sources: list[str] = field(default_factory=list)  # where the text is taken from: "Theo TTXVN"
    url: str | None = None  # the address the page gives itself (og:url, canonical link); HTML only
    kind: str = "article"  # "listing": a home or section page of teasers with no article body (HTML only)
    notes: list[str] = field(default_factory=list)  # what reading the page could not do as usual

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)



# ---- shared line rules -------------------------------------------------------------------

_BULLET = re.compile(r"^[\s•·*▪►»\-–]+")
_FINAL_PUNCT = ".!?:;…\"”’)»"
_LONG_CHARS = 160  # a line this long is article prose, never chrome
_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật|cn)"
_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
_TIME = re.compile(r"(?<!\d)(\d{1,2})\s*[:h]\s*(\d{2})(?:\s*:\s*(\d{2}))?(?!\d)")
_DATE_NOISE = re.compile(
    rf"{_WEEKDAY}|ngày|lúc|giờ|cập nhật|đăng( ngày| lúc)?|ngày đăng|thời gian|gmt\s*[+-]?\s*\d*|utc\s*[+-]?\s*\d*"
    r"|\b(?:am|pm|sa|ch)\b|\ba\b|[\s,|:()\[\]/+\-–]", re.I)
_CRAWLER_META = re.compile(r"^\s*date \d{4}-\d{2}")  # part of the text by the annotation rules
# Credit lines are "LABEL: who" ("Tin, ảnh: Quốc Tuấn", "Ảnh: VGP/Nhật Bắc", "Nguồn: TTXVN"); the label says which
# field the names go to: a byline label (the text's writer, even when they took the photos too) → authors, a
# picture label → credits, a source label → sources.
_BYLINE_LABEL = r"tin|bài viết|bài|thực hiện|tác giả"
_MEDIA_LABEL = r"ảnh|video|clip|đồ\s*họa|đồ\s*hoạ|infographic"
_SOURCE_LABEL = r"nguồn(?:\s*tin)?|theo"
_LABEL = rf"(?:{_BYLINE_LABEL}|{_MEDIA_LABEL}|{_SOURCE_LABEL})"
_LABEL_JOIN = r"\s*(?:,|\bvà\b|&|\+|-|/)\s*"
_LABELS = rf"{_LABEL}(?:{_LABEL_JOIN}{_LABEL})*"
_CREDIT = re.compile(rf"^(?P<label>{_LABELS})\s*:\s*(?P<who>.+)$", re.I)
_LABEL_AT = re.compile(rf"(?:^|(?<=[\s|,;–-]))(?P<label>{_LABELS})\s*:\s*", re.I)  # "Bài: A - Ảnh: B"
# Without a colon only source words make a credit line: "Theo TTXVN", "(theo Xinhua)", "Nguồn baobacgiang.com.vn";
# a byline may carry its source: "Đức Trung (Theo Newsweek)".
_SOURCE_LINE = re.compile(r"^(?:theo|nguồn(?:\s*tin)?)\s+(?P<who>[^()]{2,}?)\s*\.?$", re.I)
_SIGNED_SOURCE = re.compile(r"^(?P<who>[^()]{2,60}?)\s*\(\s*(?:theo|nguồn(?:\s*tin)?)\s*:?\s*(?P<src>[^()]{2,80}?)\s*\)"
                            r"\s*\.?$", re.I)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|info)\b(?:/\S*)?", re.I)
_URL_HINT = re.compile(r"://|www\.|\.(?:vn|com|net|org|info)\b", re.I)  # in every _URL match: a line without is none


def _without_urls(s: str, repl: str) -> str:
    return _URL.sub(repl, s) if _URL_HINT.search(s) else s  # (_URL alone reads every word of a paragraph)


_CREDIT_CHARS = 80  # a credit line is short once its links are left out
# A photo credit closing a caption: "… tại buổi làm việc. Ảnh: Thiên Ngôn", "… VssID - Ảnh: NAM TRẦN", "(Nguồn: EFE)",
# "… Ảnh: VGP. |" (the cell border of a dumped table)
_TRAILING_CREDIT = re.compile(r"([.!?…)]|\s[-–]|\s(?=ẢNH\s*:))\s*\(?(?:Ảnh|ẢNH|Nguồn|Video|Đồ họa)\s*:\s*([^.()|]{2,60}?)\)?\.?\s*\|?\s*$")
_CREDIT_HINT = re.compile(r"(?:Ảnh|ẢNH|Nguồn|Video|Đồ họa)\s*:")  # in every _TRAILING_CREDIT match
_AGENCY_LEAD = re.compile(r"^\([^()]{2,40}\)\s*[-–—]?\s*\S")
_BYLINE_DATE = re.compile(r"^(?P<who>[^|]{2,80}?)\s*\|\s*(?P<when>.*\d{4}.*)$")


@lru_cache(maxsize=None)
def _rules(name: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in entries(name)), re.I)


@lru_cache(maxsize=256)  # (each line is asked twice in a row: a section heading? a chrome line?)
def _key(line: str) -> str:
    return " ".join(_BULLET.sub("", line).split()).casefold()  # split/join: the same as collapsing \s+, in C


def is_chrome_line(line: str) -> bool:
    """A line of page chrome (counter, share button, footer contact…) by models/boilerplate/chrome_lines."""
    k = _key(line)
    return not k or (len(k) <= _LONG_CHARS and _rules("boilerplate/chrome_lines").fullmatch(k) is not None)


def is_section_heading(line: str) -> bool:
    """A heading that opens related-news / counter / footer chrome (models/boilerplate/chrome_sections)."""
    k = _key(line).rstrip(" :")
    return 0 < len(k) <= 100 and _rules("boilerplate/chrome_sections").fullmatch(k) is not None


def parse_date(line: str) -> str | None:
    """ISO date(-time) of the first date in `line` ("26/01/2019 19:26" → "2019-01-26T19:26:00+07:00")."""
    m = _DATE.search(line)
    if m:
        d, mo, y = (int(g) for g in m.groups())
        rest = line[m.end():] + " " + line[:m.start()]
        t = _TIME.search(rest)
    else:
        m = _ISO_DATE.search(line)
        if not m:
            return None
        y, mo, d = (int(g) for g in m.groups()[:3])
        t = m if m.group(4) else None
        if t:
            hh, mm, ss = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
    if not (1 <= d <= 31 and 1 <= mo <= 12 and 1900 < y < 2100):
        return None
    if t is not None and t is not m:
        hh, mm, ss = int(t.group(1)), int(t.group(2)), int(t.group(3) or 0)
    if t is None or not (hh < 24 and mm < 60 and ss < 60):
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return f"{y:04d}-{mo:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}+07:00"


def is_date_line(line: str) -> bool:
    """A line that only dates the page ("Thứ Bảy, 26/01/2019 19:26", "29/07/2022 16:45 (GMT+7)")."""
    if len(line) > 80 or not (_DATE.search(line) or _ISO_DATE.search(line)):
        return False
    rest = _DATE.sub(" ", _ISO_DATE.sub(" ", line))
    rest = _DATE_NOISE.sub("", _TIME.sub(" ", rest))
    return not rest


def _name_like(text: str) -> bool:
    """"Hoàng Tùng - Đàm Thanh", "Q.VIỆT", "PV", "Nhóm PV HNMO": capitalised words only, no digits."""
    text = text.strip(" |")
    parts = [p for p in re.split(r"\s*(?:\s-\s|–|,|&|/|\bvà\b)\s*", text) if p]
    if not parts or len(text) > 60 or re.search(r"\d", text):
        return False
    for part in parts:
        words = re.split(r"[\s.]+", part.strip("."))
        if not 1 <= len(words) <= 5 or not all(w and (w[0].isupper()) for w in words):
            return False
    return True


def _all_caps_tag(text: str) -> bool:
    """A short ALL-CAPS signature ("HƯƠNG LAN", "Q.VIỆT |", "BTNO") standing alone in the body."""
    t = text.strip(" |")
    # cheap tests first: most lines are long body paragraphs; str.isupper() is "all cased letters upper"
    return len(t) <= 60 and len(t.split()) <= 3 and t.isupper() and _name_like(t)


@lru_cache(maxsize=1)
def _outlet_nouns() -> re.Pattern:
    return re.compile("(?:" + "|".join(entries("boilerplate/outlet_nouns")) + r")(?:\s|$)", re.I)


def _outlet_like(who: str, strict: bool) -> bool:
    """An outlet, agency or byline a source line can name: "Reuters", "Báo điện tử Trà Vinh", "TTXVN/Vietnam+",
    "baohatinh.vn", "TG&VN: https://…". Under a colon label ("Nguồn: …") any short capitalised phrase will do;
    after a bare "Theo" (which also opens prose: "Theo Chủ tịch UBND tỉnh …") only names, outlet nouns or links."""
    who = who.strip(" |.")
    name = _without_urls(who, " ").strip(" :/-–|&+")
    if not name:
        return bool(who)  # only a link: "Theo: https://baotuyenquang.com.vn/"
    words = name.split()
    if len(name) > _CREDIT_CHARS or not 1 <= len(words) <= 10 or re.search(r"\d|[,;!?]|\.\s", name) \
            or not words[0][0].isupper():
        return False
    return not strict or _name_like(name) or bool(_outlet_nouns().match(name)) or bool(_URL.search(who))


def _credit_parts(text: str, default: str = "authors") -> list[tuple[str, str]]:
    """(field, name) pairs of a credit text: each "LABEL:" starts a part for its field, text before any label is
    `default`'s. Authors are split at " - ", "," and ";" ("Hoàng Tùng - Đàm Thanh"); credits and sources only at ";"
    and ", ", since "Doãn Tấn - TTXVN" and "VGP/Nhật Bắc" are one credit each."""
    text = text.strip(" |.")
    marks = list(_LABEL_AT.finditer(text))
    parts = [(default, text[:marks[0].start() if marks else len(text)])]
    for m, nxt in zip(marks, marks[1:] + [None]):
        parts.append((_label_field(m["label"]), text[m.end():nxt.start() if nxt else len(text)]))
    out = []
    for field_, part in parts:
        sep = r"\s+[-–]\s+|\s*[,;]\s*" if field_ == "authors" else r"\s*;\s*|,\s+"
        for name in re.split(sep, part.strip(" |.,;-–")):
            name = name.strip(" |.()")
            if name:
                out.append((field_, name))
    return out


def _label_field(label: str) -> str:
    parts = re.split(_LABEL_JOIN, label.casefold())
    if any(re.fullmatch(_BYLINE_LABEL, p) for p in parts):
        return "authors"
    if any(re.fullmatch(_MEDIA_LABEL, p) for p in parts):
        return "credits"
    return "sources"


def credit_line(line: str) -> list[tuple[str, str]] | None:
    """(field, name) pairs when the whole line is a byline, photo credit or source line, else None:
    "Tin, ảnh: Quốc Tuấn" → [("authors", "Quốc Tuấn")], "Ảnh: VGP/Nhật Bắc" → [("credits", "VGP/Nhật Bắc")],
    "(Theo TTXVN)" → [("sources", "TTXVN")], "Đức Trung (Theo Newsweek)" → an author and a source."""
    line = line.strip()
    if len(line) > _CREDIT_CHARS and len(_without_urls(line, "")) > _CREDIT_CHARS:
        return None
    inner = line[1:-1].strip() if line[:1] == "(" and line[-1:] == ")" else line
    m = _CREDIT.match(inner)
    if m:
        if _label_field(m["label"]) == "sources":
            ok = _outlet_like(m["who"], strict=False)
        else:
            ok = _name_like(re.sub(r"^(?:Báo|Theo|TTXVN)\b", "X", m["who"], flags=re.I) or "X")
        return _credit_parts(inner) if ok else None
    # names joined to a credit: "Trần Long - Thuỳ Linh - Ảnh: X" (not a caption: "Phan Văn Anh Vũ. Ảnh: X")
    m = _LABEL_AT.search(inner)
    if m and inner[:m.start()].rstrip()[-1:] in ("-", "–", "|", ",", ";") \
            and _name_like(inner[:m.start()].strip(" |,;-–")):
        rest = credit_line(inner[m.start():])
        return _credit_parts(inner[:m.start()]) + rest if rest else None
    m = _SOURCE_LINE.match(inner)
    if m and _outlet_like(m["who"], strict=True):
        return _credit_parts(m["who"], "sources")
    m = _SIGNED_SOURCE.match(line)
    if m and _name_like(m["who"]) and _outlet_like(m["src"], strict=False):
        return _credit_parts(m["who"]) + _credit_parts(m["src"], "sources")
    return None


def _is_headline(line: str) -> bool:
    words = line.split()
    return (4 <= len(words) <= 45 and len(line) <= 260 and line.rstrip()[-1] not in ".,;:" and not _CRAWLER_META.match(line)
            and not _AGENCY_LEAD.match(line))


def _is_long(line: str) -> bool:
    return len(line) >= _LONG_CHARS or len(line.split()) >= 30


def text_lines(content: str) -> list[str]:
    """The lines of a text dump (a dump with a little markup left in it loses the markup)."""
    content = nfc(content)
    if "<" in content and re.search(r"<br\s*/?>|</\w+>", content, re.I):
        content = re.sub(r"<br\s*/?>|</(?:p|div|li|h\d|tr)>", "\n", content, flags=re.I)
        content = re.sub(r"<[^>]{0,300}>", " ", content)
    if "&" in content:
        content = nfc(html.unescape(content))
    return _unwrap(content.splitlines())


def _unwrap(lines: list[str]) -> list[str]:
    """Lines hard-wrapped inside a sentence joined again: a line that starts in lower case goes on the line before it
    when that one is a wrapped line of prose (40 characters or more, ending without a stop: "… nguyên Ủy viên Trung" +
    "ương Đảng bằng hình thức …", real sets r25, r32). A line of its own starts with a capital (or a bullet, a digit,
    a quote); short lower-case lines are page chrome ("image advertisement")."""
    out: list[str] = []
    for line in lines:
        head = line.lstrip()
        if out and head[:1].islower() and len(out[-1].strip()) >= 40 and out[-1].rstrip()[-1:] not in ".!?:;…\"”)]":
            out[-1] = out[-1].rstrip() + " " + head
        else:
            out.append(line)
    return out


def clean_lines(lines: list[str], *, title: str | None = None, published: str | None = None,
                credits: list[tuple[str, str]] | None = None, kinds: list[str] | None = None) -> Page:
    """Apply the line rules to `lines` (one block each; `kinds` gives known kinds, e.g. from HTML; `credits` the
    (field, name) pairs the page's markup gave, e.g. its byline element)."""
    found = list(credits or [])  # (field, name): "authors" | "credits" | "sources"
    kept: list[tuple[str, str | None]] = []
    dates: list[tuple[int, str]] = []  # (index in kept when seen, iso)
    in_chrome = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        known = kinds[i] if kinds else None
        if not line:
            continue
        if known == "table":
            kept.append((line, known))
            continue
        if _CRAWLER_META.match(raw):
            kept.append((line, "paragraph"))
            continue
        if is_date_line(line):
            dates.append((len(kept), parse_date(line)))
            continue
        m = _BYLINE_DATE.match(line) if "|" in line else None
        if m and is_date_line(m.group("when")) and not _is_long(line):
            found += _credit_parts(m.group("who"))
            dates.append((len(kept), parse_date(m.group("when"))))
            continue
        parts = credit_line(line) if len(line) < 2 * _LONG_CHARS else None
        if parts:
            found += parts
            continue
        if is_section_heading(line):
            in_chrome = True
            continue
        if is_chrome_line(line):
            continue
        if in_chrome and not _is_long(line):
            continue
        in_chrome = False
        kept.append((line, known))

    # Title: the first headline-like line before any prose; short nav crumbs above it go.
    if title is None:
        for j, (line, known) in enumerate(kept[:4]):
            if _is_long(line) or known not in (None, "title"):
                break
            if _is_headline(line):
                title = line
                kept = kept[j + 1:]
                dates = [(max(0, k - j - 1), d) for k, d in dates]
                break
            if len(line.split()) > 3:
                break
    blocks: list[Block] = [Block(title, "title")] if title else []
    body: list[Block] = []
    for line, known in kept:
        if known == "table":
            body.append(Block(line, known))
            continue
        if _all_caps_tag(line) and known is None:
            found += _credit_parts(line)
            continue
        m = _TRAILING_CREDIT.search(line) if _CREDIT_HINT.search(line) else None
        if m and known in (None, "caption") and _name_like(re.sub(r"^(?:Báo|TTXVN)\b", "X", m.group(2))):
            found += _credit_parts(m.group(2), "credits")
            line = (line[:m.start(1)] + m.group(1).strip(" -–")).rstrip()
            body.append(Block(line, known or "caption"))
            continue
        if known:
            body.append(Block(line, known))
        elif not _is_long(line) and line[-1] not in _FINAL_PUNCT and len(line.split()) <= 40:
            body.append(Block(line, "caption"))
        else:
            body.append(Block(line, "paragraph"))
    # Signatures after the last paragraph: "Phạm Hòa", "Hoàng Tùng - Đàm Thanh", "PV".
    while len(body) > 1 and body[-1].kind in ("caption", "paragraph") and _name_like(body[-1].text) \
            and len(body[-1].text.split()) <= 8:
        found[:0] = _credit_parts(body.pop().text)
    if body and body[0].kind == "paragraph" and _AGENCY_LEAD.match(body[0].text):
        body[0].kind = "lead"
    seen: set[str] = set()
    for b in body:
        if b.text in seen and b.kind != "table":
            continue  # the same paragraph printed twice (lead repeated as first paragraph)
        seen.add(b.text)
        blocks.append(b)
    if published is None and dates:
        with_time = [d for _, d in dates if d and "T" in d]
        published = (with_time or [d for _, d in dates if d] or [None])[-1 if with_time else 0]
    fields = {f: list(dict.fromkeys(name for f_, name in found if f_ == f)) for f in ("authors", "credits", "sources")}
    return Page(title, blocks, fields["authors"], published, fields["credits"], fields["sources"])
