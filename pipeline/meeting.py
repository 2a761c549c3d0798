"""The meeting an article reports (skeleton; issue 7 fills it in)."""
from __future__ import annotations


def extract_meeting(text: str, attendees: list, *, published: str | None = None,
                    url: str | None = None, title: str | None = None) -> dict:
    return {"type": None, "date": None, "time_of_day": None, "location": None}
