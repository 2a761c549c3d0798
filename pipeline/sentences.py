"""Stage 3, sentence splitting (skeleton; the full splitter lands with issue 2)."""
from __future__ import annotations

import re

_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ\"“(])|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _END.finditer(text):
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
