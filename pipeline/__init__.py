"""vngov-extract: meetings, attendees and metrics from Vietnamese government news pages.

    from pipeline import extract
    record = extract(html_or_text, url=..., published="2022-07-29")
    record.to_dict()["attendees"]

Stages, in the order data flows: load → clean → sentences → ner/people → metrics → extract (record).
"""
from pipeline.chain import extract, extract_doc, extract_many
from pipeline.ner.recognizer import get_nlp, make_doc
from pipeline.record import Attendee, Position, Record

__all__ = ["extract", "extract_doc", "extract_many", "get_nlp", "make_doc", "Record", "Attendee", "Position"]
