"""The Document: one cleaned page as every stage after boilerplate stripping reads it.

Built once per page and passed down the chain; each view is computed the first time a stage asks for it and
then shared, so no stage tokenises, splits or folds the page again.

>>> doc = Document("Sáng 29/7, UBND tỉnh họp. Ông Nguyễn Văn An chủ trì.")
>>> [doc.text[a:b] for a, b in doc.sentences]
['Sáng 29/7, UBND tỉnh họp.', 'Ông Nguyễn Văn An chủ trì.']
>>> doc.sentence_of(30), doc.lower[:9]
(1, 'sáng 29/7')
"""
from __future__ import annotations

import bisect
import re
from functools import cached_property

from pipeline.text.normalize import fold_tones, lower_view, strip_tones
from pipeline.text.sentences import split_sentences
from pipeline.text.tokens import Tokens, scan

Span = tuple[int, int]


class Document:
    __slots__ = ("text", "__dict__")

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def tokens(self) -> Tokens:
        """Syllables, abbreviations, symbols and line breaks, with offsets (pipeline.text.tokens.scan)."""
        return scan(self.text)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """(start, end) of each sentence (pipeline.text.sentences)."""
        return tuple(split_sentences(self.text))

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [a for a, _ in self.sentences]

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence holding (or last starting before) character `pos`; -1 before the first."""
        return bisect.bisect_right(self.sentence_starts, pos) - 1

    def token_at(self, pos: int) -> int | None:
        """Index of the token starting exactly at character `pos`, or None."""
        starts = self.tokens.starts
        k = bisect.bisect_left(starts, pos)
        return k if k < len(starts) and starts[k] == pos else None

    @cached_property
    def line_breaks(self) -> list[int]:
        """Offsets of the text's line breaks."""
        return [m.start() for m in re.finditer("\n", self.text)]

    def line_around(self, start: int, end: int) -> Span:
        """(start, end) of the line holding text[start:end] (found by bisection: a page may be one long line)."""
        breaks = self.line_breaks
        k = bisect.bisect_left(breaks, start)
        a = breaks[k - 1] + 1 if k else 0
        k = bisect.bisect_left(breaks, end, k)
        return a, breaks[k] if k < len(breaks) else len(self.text)

    @cached_property
    def folded(self) -> str:
        """The text with tone placement folded ("hoà" → "hòa"), case kept, one character for one."""
        return fold_tones(self.text)

    @cached_property
    def lower(self) -> str:
        """Lower case, tone placement folded, one character for one (search it, read the words from `text`)."""
        return lower_view(self.text, self.folded)  # (the page is folded once for both views)

    @cached_property
    def bare(self) -> str:
        """`lower` without tone marks, for words pages often mistype."""
        return strip_tones(self.lower)  # (bare_view, from the view already made)
