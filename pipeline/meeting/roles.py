"""Who chaired, who spoke, who sat on which side: attendees found by the offsets of their mentions.

This stage never guesses names: it only decides which of the people stage's attendees (by index) chaired, spoke
(a reporting verb of models/meeting/speech_verbs.txt after them) or belonged to a delegation ("Về phía Bộ …, có
các đồng chí …", "Đoàn công tác của … do … dẫn đầu").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.record import Attendee
from pipeline.text.document import Document, Span
from pipeline.text.lexicons import entries, word_alternation
from pipeline.text.normalize import bare_view, strip_tones


class Mentions:
    """Attendees (by index) indexed by the offsets of their mentions."""

    def __init__(self, attendees: list[Attendee]):
        self.mentions = sorted((s, e, i) for i, a in enumerate(attendees) for s, e in a.mentions)
        self.starts = [s for s, _, _ in self.mentions]

    def any_in(self, a: int, b: int) -> bool:
        """Some mention starts in [a, b): a sentence without one names no chair, speaker or delegate."""
        k = bisect.bisect_left(self.starts, a)
        return k < len(self.starts) and self.starts[k] < b

    def between(self, a: int, b: int) -> list[int]:
        """The attendees mentioned in [a, b), in order of first mention there."""
        out: list[int] = []
        for _, _, i in self.mentions[bisect.bisect_left(self.starts, a):bisect.bisect_left(self.starts, b)]:
            if i not in out:
                out.append(i)
        return out

    def last_before(self, pos: int, floor: int) -> tuple[int, int, int] | None:
        """The last mention (start, end, attendee) ending before `pos` and starting at or after `floor`."""
        for k in range(bisect.bisect_left(self.starts, pos) - 1, -1, -1):
            s, e, _ = self.mentions[k]
            if s < floor:
                return None
            if e <= pos:
                return self.mentions[k]
        return None


def _add(out: list[int], found: list[int]) -> None:
    out += [p for p in found if p not in out]


_CHAIR = re.compile(r"chủ(?<!\wchủ)\s+trì(?!\w)")  # on lower case ("đồng chủ trì" too)
_CHAIR_AFTER = re.compile(r"dưới\s+sự\s+(?:đồng\s+)?chủ\s+trì(?:\s+của)?\s*$")
_CHAIR_LIST = re.compile(r"^(?:[^,;]{0,25}\s)?(?:đồng\s+)?chủ\s+trì[^,.;:]{0,80}?,?\s*(?:có|là|gồm)\b|^(?:đồng\s+)?chủ\s+trì\b")


def chairs(doc: Document, sentences: list[Span], people: Mentions) -> list[int]:
    """"X chủ trì", "dưới sự chủ trì của X", "Chủ trì hội nghị có X": the chairs, in order."""
    out: list[int] = []
    low = doc.lower
    for a, b in sentences:
        for m in _CHAIR.finditer(low, a, b):
            head = low[a:m.start()]
            clause_start = a + max(head.rfind(";") + 1, 0)
            if _CHAIR_AFTER.search(low[a:m.end()]) or _CHAIR_LIST.match(low[clause_start:b].lstrip(" ,")):
                found = people.between(m.end(), b)
            else:
                do = head.rfind(" do ")
                found = people.between(a + do if do >= 0 else a, m.start())
            _add(out, found)
    return out


@lru_cache(maxsize=1)
def _speech_verbs() -> re.Pattern:
    # matched on the bare view (tone marks off): pages mistype them ("nhấn manh")
    return word_alternation(bare_view(v) for v in entries("meeting/speech_verbs"))


def speakers(doc: Document, sentences: list[Span], people: Mentions) -> list[int]:
    """The person a reporting verb follows ("X phát biểu", "X nhấn mạnh"), or precedes in a sentence that opens with
    it ("Phát biểu tại …, đồng chí X …"), or that "Theo" opens ("Theo đồng chí X, …")."""
    text, low = doc.text, doc.lower
    out: list[int] = []
    for a, b in sentences:
        found = []
        if low.startswith("theo ", a):
            found += people.between(a, min(b, a + 90))[:1]
        bare = strip_tones(low[a:b])  # only these sentences: stripping a whole page costs more than the rest
        for v in _speech_verbs().finditer(bare):
            v_start, v_end = a + v.start(), a + v.end()
            near = people.last_before(v_start, a)
            if near and v_start - near[1] <= 160 and not re.search(r"[.;!?:]", text[near[1]:v_start]):
                found.append(near[2])
            elif not text[a:v_start].strip(" -–(“\""):
                found += people.between(v_end, b)[:1]
        _add(out, found)
    return out


# on lower case; the side's name is then read from the text at the same offsets
_SIDE = re.compile(r"về(?<!\wvề)\s+phía\s+(?P<side>[^,:;.\n]+?)(?:\s+(?:có|gồm)(?!\w)|\s*[,:])")
_LED_BY = re.compile(r"đoàn(?<!\wđoàn)\s+(?:công\s+tác|đại\s+biểu)\s+(?:của\s+)?(?P<side>[^,.;\n]+?)\s+do\s+"
                     r"(?P<who>[^.;\n]{3,200}?)\s+(?:dẫn\s+đầu|làm\s+trưởng\s+đoàn)")
_LEADERS = re.compile(r"^(?:các\s+)?(?:đồng\s+chí\s+)?(?:lãnh\s+đạo\s+)+", re.I)


@dataclass
class Side:
    side: str  # cleaned ("Bộ Khoa học và Công nghệ" of "lãnh đạo Bộ Khoa học và Công nghệ")
    side_text: str  # as written
    members: list[int]  # attendees


def delegations(doc: Document, sentences: list[Span], people: Mentions) -> list[Side]:
    """"Về phía Bộ …, có các đồng chí A, B", "Đoàn công tác của tỉnh … do X dẫn đầu": each side and its members."""
    text, low = doc.text, doc.lower
    out: list[Side] = []

    def side(m: re.Match, members: list[int]) -> Side:
        written = text[m.start("side"):m.end("side")]
        return Side(_LEADERS.sub("", written.strip()).strip(), written.strip(), members)

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
