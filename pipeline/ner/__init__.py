"""NER stage: PERSON, POSITION and ORG spans of a Document, as character offsets.

>>> from pipeline.text.document import Document
>>> doc = Document("Bộ trưởng Bộ Khoa học và Công nghệ Huỳnh Thành Đạt phát biểu.")
>>> [(e.label, doc.text[e.start:e.end]) for e in recognize(doc)]
[('POSITION', 'Bộ trưởng Bộ Khoa học và Công nghệ'), ('PERSON', 'Huỳnh Thành Đạt')]
"""
from __future__ import annotations

from typing import NamedTuple

from pipeline.text.document import Document


class Entity(NamedTuple):
    label: str  # PERSON | POSITION | ORG
    start: int  # character offsets into the Document's text
    end: int
    rank: str = ""  # "rank": a military, police or religious rank (a position with no organisation); "degree": an
    # academic degree or honorary title before a name ("PGS.TS", "NSND"), which announces a name but is no position


def recognize(doc: Document) -> list[Entity]:
    """Every PERSON / POSITION / ORG span of the page, in text order."""
    from pipeline.ner.recognizer import get_recognizer
    toks, text = doc.tokens, doc.text
    out = []
    for e in get_recognizer()(toks):
        start, end = toks.starts[e.start], toks.end(e.end - 1)
        if e.label == "POSITION" and not e.rank and text[end - 1] == ".":
            end -= 1  # "… Chủ tịch UBND TP.": an abbreviation's dot that ends the title ends the sentence ("TP. Huế"
            # would have gone on to its name)
        out.append(Entity(e.label, start, end, e.rank))
    return out
