"""Stage 4b, people: attendees (name + every position) from the entities of a Doc (skeleton)."""
from __future__ import annotations

from .record import Attendee


def find_attendees(doc) -> list[Attendee]:
    return []
