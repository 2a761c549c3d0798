"""What the event is: its kind, title, place, the bodies that hold or sign it, and the outcomes it lists.

Kinds are the labelled patterns of models/meeting/types.txt, searched in the lower-case view; the title starts at an
event noun (models/meeting/event_nouns.txt) of the lead; the organisers are the bodies named before an organiser
verb ("UBND tỉnh và Bộ KH&CN tổ chức ký kết …"), found with the NER's organisation heads through the one matcher.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from pipeline.text.document import Document, Span
from pipeline.text.lexicons import alternation, entries, phrases
from pipeline.text.normalize import fold_tones, key
from pipeline.text.sentences import split_sentences


@lru_cache(maxsize=1)
def _type_patterns() -> list[tuple[str, re.Pattern, tuple[str, ...]]]:
    out = []
    for line in entries("meeting/types"):
        label, _, rx = (p.strip() for p in line.partition("|"))
        # no leading look-behind: a pattern that starts with literals lets `re` skip ahead fast; the word
        # boundary before the match is checked in type_hits
        compiled = re.compile(rf"(?:{fold_tones(rx)})(?!\w)")
        out.append((label, compiled, _needed(compiled)))
    return out


def _needed(rx: re.Pattern) -> tuple[str, ...]:
    """Strings one of which every match of `rx` holds ("hội nghị"; "ký kết", "lễ ký" …: a word of each branch), so a
    page holding none of them has no match and is not searched; () when the pattern shows none."""
    try:
        try:
            from re import _constants as c, _parser as parser  # (Python 3.11+)
        except ImportError:
            import sre_constants as c
            import sre_parse as parser
        parsed = parser.parse(rx.pattern, rx.flags)
        if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
            return ()

        def needed(seq) -> tuple[str, ...]:
            options, run = [], []
            for op, av in [*seq, (None, None)]:
                if op is c.LITERAL:
                    run.append(chr(av))
                    continue
                if run:
                    options.append(("".join(run),))
                    run = []
                if op is c.BRANCH and all(alts := [needed(b) for b in av[1]]):
                    options.append(tuple(x for alt in alts for x in alt))
                elif op is c.SUBPATTERN and not av[1] and not av[2] and (inner := needed(av[3])):
                    options.append(inner)  # (a group: what it needs, unless it changes flags)
            return max(options, key=lambda o: min(map(len, o)), default=())  # the most telling

        return needed(list(parsed))
    except Exception:  # an unusual pattern: searched on every page, as before
        return ()


def type_hits(low: str) -> dict[str, list[int]]:
    """Start offsets of each meeting type's words in a lower-case view."""
    hits = {}
    for label, rx, needed in _type_patterns():
        if needed and not any(n in low for n in needed):
            continue  # (each `in` is a fast scan; twenty searches of the whole page were not)
        found = [m.start() for m in rx.finditer(low) if not (m.start() and low[m.start() - 1].isalnum())]
        if found:
            hits[label] = found
    return hits


def types(hits: dict[str, list[int]], lead: list[Span], seg: Span, title_hits: dict[str, list[int]]
          ) -> tuple[str | None, list[str]]:
    """The event's kind and every kind it shows: those of the lead and the page title first, in order, then any
    mentioned twice in the stretch, most frequent first. `title_hits`: type_hits of the page title's view."""
    counts, first_in_lead = {}, {}
    lead = sorted(lead)
    starts = [a for a, _ in lead]

    def in_lead(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < lead[k][1]

    for label, positions in hits.items():
        lo, hi = bisect.bisect_left(positions, seg[0]), bisect.bisect_left(positions, seg[1])
        if hi > lo:
            counts[label] = hi - lo
            first = next((p for p in positions[lo:hi] if in_lead(p)), None)
            if first is not None:
                first_in_lead[label] = first
    for label, positions in title_hits.items():
        first_in_lead.setdefault(label, seg[1] + positions[0])  # after any lead mention
    found = sorted(first_in_lead, key=first_in_lead.get)
    found += sorted((t for t, n in counts.items() if n >= 2 and t not in found), key=lambda t: -counts[t])
    return (found[0] if found else None), found


@lru_cache(maxsize=1)
def _event_title_re() -> tuple[re.Pattern, re.Pattern]:
    nouns = "|".join(re.escape(fold_tones(n)) for n in sorted(entries("meeting/event_nouns"), key=len, reverse=True))
    venues = "|".join(re.escape(v) for v in entries("meeting/venue_heads"))
    return re.compile(rf"(?<=[\s“\"])(?:{nouns})(?!\w)"), re.compile(rf"(?:{venues})\s*$")


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


def event_title(doc: Document, lead: list[Span]) -> str | None:
    """"Hội nghị sơ kết 6 tháng đầu năm 2024": the event's name in the lead, from its event noun to a clause break."""
    noun_re, venue_re = _event_title_re()
    for a, b in lead:
        for m in noun_re.finditer(doc.folded, a, b):
            if venue_re.search(doc.folded, max(a, m.start() - 12), m.start()):
                continue  # "Trung tâm Hội nghị tỉnh" is the venue
            phrase = _cut_phrase(doc.text, m.start())
            if len(phrase.split()) >= 2:
                return phrase
    return None


_AT = re.compile(r"(?<!\w)[Tt]ại\s+(?!(?:hội nghị|hội thảo|buổi|kỳ họp|cuộc|lễ|chương trình|đây|địa phương|phiên|"
                 r"quyết định|điểm cầu|Hội nghị|Hội thảo|Kỳ họp|Lễ|Chương trình|buổi|đại hội|Đại hội|diễn đàn|các|nhiều)\b)")
_AT_STOP = re.compile(r"[,.;:(\n]|\s(?:về|với|nhằm|để|do|dưới|cho|đã|tổ chức|diễn ra|khai mạc|từ|trong|vào|dẫn đầu|"
                      r"phục vụ|đạt|có)(?!\w)|\svà\s(?=[a-zà-ỹđ])")
_HELD_AT = re.compile(r"(?:tổ chức|diễn ra|làm việc|khai mạc|họp|đến thăm)\s+tại\s")  # on lower case


def location(doc: Document, segment_sentences: list[Span], lead: list[Span], dated: bool) -> tuple[str | None, str | None]:
    """Where the event was held: a "tại …" of the dated lead sentence, else of a "tổ chức/diễn ra … tại"."""
    text = doc.text

    def from_at(m):
        stop = _AT_STOP.search(text, m.end(), min(len(text), m.end() + 120))
        place = text[m.end():stop.start() if stop else m.end() + 120].strip()
        return (place, text[m.start():m.end()] + place) if place else (None, None)

    for a, b in lead if dated else []:
        for m in _AT.finditer(text, a, b):
            place, written = from_at(m)
            if place:
                return place, written
    for a, b in segment_sentences:
        held = _HELD_AT.search(doc.lower, a, b)
        m = _AT.match(text, held.end() - len("tại ")) if held else None
        if m:
            place, written = from_at(m)
            if place:
                return place, written
    return None, None


def _body_at(doc: Document, pos: int) -> bool:
    """A body's name starts at character `pos`: an organisation head (capitalised, or of three words or more: "ủy ban
    nhân dân"; a lower-case "thành ủy" is the common noun), or an administrative level before a capitalised name
    ("thành phố Hải Phòng")."""
    toks = doc.tokens
    i = doc.token_at(pos)
    if i is None:
        return False
    n = phrases("ner/org_heads").match(toks, i)
    if n and (toks[i].cap or n >= 3):
        return True
    n = phrases("ner/admin_levels").match(toks, i)
    return bool(n) and i + n < len(toks) and toks[i + n].cap


_ORG_STOP = re.compile(r"[,.;:()\n“\"]|\s(?:đã|tổ chức|phối hợp|long trọng|ký|khai mạc|họp|tiến hành|có|làm việc|giai đoạn|"
                       r"về|để|nhằm|tại|năm|nhiệm kỳ|cùng|với|tiếp|đón|thăm|diễn ra|trao|công bố|sơ kết|tổng kết)\s")
_LIST_SEP = re.compile(r",\s|\s(và|cùng|với)\s")


@lru_cache(maxsize=1)
def _organizer_verb() -> re.Pattern:
    return re.compile(rf"\s(?:đã\s+)?(?:phối hợp\s+|long trọng\s+|chính thức\s+|đồng\s+)?"
                      rf"(?:{alternation('meeting/organizer_verbs')})(?!\w)")


def _bodies_in(doc: Document, a: int, b: int) -> list[str]:
    """Bodies listed in text[a:b] ("A, B và C"), each cut at its first clause word."""
    text, out, cuts = doc.text, [], [a]
    for m in _LIST_SEP.finditer(text, a, b):
        if m.group(1) is None or _body_at(doc, m.end()):
            cuts += [m.start(), m.end()]
    cuts.append(b)
    for s, e in zip(cuts[::2], cuts[1::2]):
        while s < e and text[s].isspace():
            s += 1
        if not _body_at(doc, s):
            continue
        part = text[s:e].strip()
        stop = _ORG_STOP.search(" " + part + " ")
        name = (" " + part + " ")[:stop.start()].strip() if stop else part
        if name and name not in out:
            out.append(name)
    return _drop_prefixes(out)


def _drop_prefixes(names: list[str]) -> list[str]:
    keys = [key(n) for n in names]
    return [n for n, k in zip(names, keys) if not any(o != k and o.startswith(k) for o in keys)]


def parties(doc: Document, date_m: re.Match | None, lead: list[Span]) -> tuple[list[str], list[str]]:
    """(organisers, parties): the bodies before the organiser verb right after the date phrase ("Chiều 29/7, UBND
    thành phố Hải Phòng và Bộ KH&CN tổ chức ký kết …"), and those after "giữa" in the lead."""
    text, low = doc.text, doc.lower
    organizers: list[str] = []
    if date_m is not None:
        sent_end = next((b for a, b in lead if a <= date_m.start() < b), len(text))
        start = date_m.end()
        after = re.match(r"\s*\)?\s*,\s*(?:tại\s[^,]{0,80},\s*)?", text[start:sent_end])
        start += after.end() if after else 0
        verb = _organizer_verb().search(low, start, sent_end)
        if verb and _body_at(doc, start):
            organizers = _bodies_in(doc, start, verb.start())
    found = list(organizers)
    for a, b in lead:
        for m in re.finditer(r"(?<!\w)giữa\s+", low[a:b]):
            found += [o for o in _bodies_in(doc, a + m.end(), b) if o not in found]
    return organizers, _drop_prefixes(found)


_NUMBERS = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}


@lru_cache(maxsize=1)
def _outcome_list() -> re.Pattern:  # on lower case
    return re.compile(r"(?:với|gồm|gồm có|bao gồm|thống nhất|tập trung vào)\s+(?P<n>\d{1,2}|hai|ba|bốn|năm|sáu|bảy|tám|"
                      rf"chín|mười)\s+(?:nhóm\s+)?(?:{alternation('meeting/outcome_nouns')})[^:.\n]{{0,60}}:[ \t]*")


def outcomes(doc: Document, seg: Span) -> list[str]:
    """"Hai bên thống nhất 5 nội dung: A; B; …": the listed items, when there are as many as announced."""
    text = doc.text
    m = _outcome_list().search(doc.lower, *seg)
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
