"""Meeting stage: the meeting(s) an article reports: kind, date, place, organisers, chair, speakers, sides, outcomes.

An article may report several events: each sentence-initial date phrase with a new day opens one, and the first is
the main meeting. People come from the people stage by the offsets of their mentions (pipeline.meeting.roles); the
stage returns each attendee's roles and side beside the meetings, and changes nothing it was given.

>>> from pipeline.text.document import Document
>>> from pipeline.ner import recognize
>>> from pipeline.people import find_people
>>> doc = Document("Chiều 29/7, UBND thành phố Hải Phòng tổ chức hội nghị. Ông Nguyễn Văn An chủ trì hội nghị.")
>>> people = find_people(doc, recognize(doc))
>>> found = find_meetings(doc, people, published="2022-07-30")
>>> m = found.meetings[0]
>>> m.type, m.date, m.date_text, m.organizers, m.chair, found.roles
('conference', '2022-07-29', 'Chiều 29/7', ['UBND thành phố Hải Phòng'], ['Nguyễn Văn An'], [['chair', 'attendee']])
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.meeting import dates, events, roles
from pipeline.record import Attendee, Delegation, Meeting
from pipeline.text.document import Document, Span
from pipeline.text.normalize import lower_view

_ROLE_ORDER = ("chair", "speaker", "attendee")


@dataclass
class Meetings:
    meetings: list[Meeting]  # the main one first
    roles: list[list[str]] = field(default_factory=list)  # per attendee (same order): "chair", "speaker", "attendee"
    sides: list[str | None] = field(default_factory=list)  # per attendee: the delegation they sat on


_LEAD_IN = re.compile(r"^(?:\([^)]{0,40}\)\s*[-–]?\s*|[\w.]{2,30}\s*[-–]\s*)?(?:tại\s[^,]{0,100},\s*)?$", re.I)


def _segments(doc: Document, candidates: list[re.Match]) -> list[tuple[Span, re.Match | None]]:
    """(stretch of text, its date phrase) of each event: date phrases opening a sentence (after a source tag or a
    "Tại …," lead-in) with a day not seen before open a new one."""
    text, sentences = doc.text, doc.sentences
    starts = []
    for m in candidates:
        k = doc.sentence_of(m.start())
        if k >= 0 and m.start() < sentences[k][1] and _LEAD_IN.match(text[sentences[k][0]:m.start()]):
            starts.append(m)
    if not starts:
        return [((0, len(text)), candidates[0] if candidates else None)]
    opening = [starts[0]]
    for m in starts[1:]:
        if not any((int(m["d1"]), int(m["m"])) == (int(o["d1"]), int(o["m"])) for o in opening):
            opening.append(m)
    bounds = [0] + [m.start() for m in opening[1:]] + [len(text)]
    return [((bounds[i], bounds[i + 1]), m) for i, m in enumerate(opening)]


def _names(attendees: list[Attendee], found: list[int]) -> list[str]:
    out: list[str] = []
    for i in found:
        if attendees[i].name not in out:
            out.append(attendees[i].name)
    return out


def find_meetings(doc: Document, attendees: list[Attendee], *, published: str | None = None,
                  url: str | None = None, title: str | None = None) -> Meetings:
    """Every meeting the page reports (the main one first), and each attendee's roles and side."""
    sentences = list(doc.sentences)
    people = roles.Mentions(attendees)
    page = dates.page_dates(doc, url)
    hits = events.type_hits(doc.lower)
    title_hits = events.type_hits(lower_view(title)) if title else {}
    meetings: list[Meeting] = []
    chairs: list[int] = []
    speakers: list[int] = []
    sides: list[roles.Side] = []
    for i, (seg, date_m) in enumerate(_segments(doc, dates.candidates(doc))):
        in_seg = [s for s in sentences if seg[0] <= s[0] < seg[1]]
        lead = [s for s in sentences if date_m is not None and s[0] <= date_m.start() < s[1]] or in_seg[:2]
        kind, kinds = events.types(hits, lead, seg, title_hits if i == 0 else {})
        organizers, parties = events.parties(doc, date_m, lead)
        place, place_text = events.location(doc, in_seg, lead, date_m is not None)
        # chairs, speakers and delegates are named people: only the sentences that mention someone are read
        named = [(a, b) for a, b in in_seg if people.any_in(a, b)]
        seg_chairs = roles.chairs(doc, named, people)
        seg_speakers = roles.speakers(doc, named, people)
        seg_sides = roles.delegations(doc, named, people)
        when = dates.date_fields(doc.text, date_m, published, page) if date_m is not None else {}
        meeting = Meeting(type=kind, types=kinds, title=events.event_title(doc, lead), **when,
                          location=place, location_text=place_text, organizers=organizers, parties=parties,
                          chair=_names(attendees, seg_chairs), speakers=_names(attendees, seg_speakers),
                          delegations=[Delegation(s.side, s.side_text, _names(attendees, s.members)) for s in seg_sides],
                          outcomes=events.outcomes(doc, seg), span=list(seg))
        if i == 0 or meeting.type or meeting.chair:
            meetings.append(meeting)
        chairs += seg_chairs
        speakers += seg_speakers
        sides += seg_sides
    out = Meetings(meetings)
    for i in range(len(attendees)):
        held = {"attendee"} | ({"chair"} if i in chairs else set()) | ({"speaker"} if i in speakers else set())
        out.roles.append([r for r in _ROLE_ORDER if r in held])
        out.sides.append(next((s.side for s in sides if i in s.members), None))
    return out
