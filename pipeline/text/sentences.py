"""Stage 3, sentence splitting: character spans of the sentences of a text (regex, no model).

Rules, in the order they matter for gov.vn prose:
- a newline always ends a sentence (captions, headings and list items are one line each);
- inside a line, a sentence ends at ".", "!", "?", "…" or "..." (plus any closing quote/bracket) followed by
  space and a sentence start (capital letter, digit, opening quote/bracket, dash);
- not after an abbreviation ("TP. Huế", "GS. TS.", initials "V."), not inside a quotation
  (“…” or "…" closed on the same line), never at ";" (an attendee list is one sentence);
- dots without a following space ("TP.HCM", "T.Ư", "29.7", "9001:2015") never split, and ".." followed by a
  lower-case word is an elided ellipsis, not an end.
Spans are trimmed of surrounding whitespace; empty lines give no span.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from pipeline.text.lexicons import entries

# End mark(s), closing quotes/brackets, then the whitespace the split happens in.
# A run of marks is matched from its first mark only (the look-behind): a search from inside a run ends where the
# run's own search ended, so it finds nothing new, and a page-long run of dots is scanned once, not once per dot.
# (The look-behind comes after the first mark, which it includes: a pattern that opens with the marks lets `re`
# skip ahead to them.)
_END = re.compile(r"(?:[.!?](?<![.!?][.!?])[.!?]*|…)[\"”’»)\]]*(?P<space>[ \t]+)")
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")
_WORD_BEFORE = re.compile(r"([^\s(“\"]+)\.+$")
_OPENERS = "“\"‘'([«-–—•*"


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(a.casefold() for a in entries("text/abbreviations"))


@lru_cache(maxsize=1)
def _OPENER() -> re.Pattern:
    """A word that opens a sentence (models/text/sentence_openers.txt), as written at a sentence start."""
    words = sorted(entries("text/sentence_openers"), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


def _is_abbreviation(line: str, dot_end: int) -> bool:
    """True if the "." ending at `dot_end` closes an abbreviation or an initial ("TP.", "GS.TS.", "V.")."""
    m = _WORD_BEFORE.search(line, max(0, dot_end - 40), dot_end)  # the word before: not a scan of the whole line
    if not m:
        return False
    word = m.group(1)
    last = word.rsplit(".", 1)[-1]  # "PGS.TS" -> "TS"
    if len(last) == 1 and last.isupper():
        return True  # an initial: "Nguyễn V. An", "Q. Ba Đình"
    abbrevs = _abbreviations()
    return last.casefold() in abbrevs or word.casefold() in abbrevs


def _starts_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in _OPENERS


def _line_breaks(line: str) -> list[int]:
    """Offsets in `line` where a new sentence starts."""
    quoted = [m.span() for m in _QUOTED.finditer(line)]  # in order, not overlapping
    quote_starts = [a for a, _ in quoted]
    breaks = []
    for m in _END.finditer(line):
        nxt = m.end()
        if nxt >= len(line) or not _starts_sentence(line[nxt]):
            continue
        q = bisect.bisect_left(quote_starts, m.start()) - 1  # the last quotation opened before the mark
        if q >= 0 and m.start("space") < quoted[q][1]:
            continue  # an end mark inside a quotation
        mark_end = m.start("space")
        marks = line[m.start():mark_end].rstrip("\"”’»)]")
        if marks == "." and _is_abbreviation(line, m.start() + 1) and not _OPENER().match(line, nxt):
            continue
        breaks.append(nxt)
    return breaks


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of `text`, in order."""
    return list(_split(text))


@lru_cache(maxsize=4)  # metrics and meeting split the same document: do it once
def _split(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    offset = 0
    for line in text.split("\n"):
        cuts = [0, *_line_breaks(line), len(line)]
        for a, b in zip(cuts, cuts[1:]):
            span = _trimmed(text, offset + a, offset + b)
            if span:
                spans.append(span)
        offset += len(line) + 1
    return tuple(spans)
