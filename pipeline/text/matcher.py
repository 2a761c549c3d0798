"""The lexicon matcher every stage uses: longest match of listed phrases over token keys.

A phrase is tokenised like the page (pipeline.text.tokens) and compared on token keys, so case and tone
placement never matter ("Uỷ ban" = "Ủy ban" = "ủy ban"), except that a phrase listed in capitals
("UBND", "HS") only matches capitals, since a lower-case "hs" is another word. Stages that need a capital
at the start ("Bộ Tài chính", not "bộ phận") check the token themselves.

>>> from pipeline.text.tokens import scan
>>> heads = PhraseMatcher(["Ủy ban", "Ủy ban nhân dân", "UBND"])
>>> toks = scan("uỷ ban nhân dân tỉnh và ubnd")
>>> heads.match(toks, 0), heads.match(toks, 6), "ủy" in heads
(4, 0, True)
>>> [(s, e) for s, e in heads.find(scan("Uỷ ban tỉnh, UBND huyện"))]
[(0, 2), (4, 5)]
"""
from __future__ import annotations

from typing import Iterable, Iterator

from pipeline.text.tokens import Tok, tokenize


class PhraseMatcher:
    """Phrases indexed by their first token key, longest first."""

    __slots__ = ("index", "lower_only", "phrases")

    def __init__(self, phrases: Iterable[str]):
        self.index: dict[str, list[tuple[str, ...]]] = {}  # first token key → phrases, longest first
        # for a first key that some phrase has only in capitals ("UBND"): the phrases a lower-case token may match
        self.lower_only: dict[str, list[tuple[str, ...]]] = {}
        self.phrases: list[str] = []
        capital = set()
        for p in phrases:
            toks = tokenize(p)
            if not toks:
                continue
            self.phrases.append(p)
            words = tuple(t.key for t in toks)
            self.index.setdefault(words[0], []).append(words)
            if all(t.abbr or not t.word for t in toks) and any(t.abbr for t in toks):
                capital.add(words)
        for v in self.index.values():
            v.sort(key=len, reverse=True)
        for words in capital:
            self.lower_only.setdefault(words[0], [w for w in self.index[words[0]] if w not in capital])

    def __contains__(self, word_key: str) -> bool:
        """Some phrase starts with this token key: a cheap test before `match` in hot loops."""
        return word_key in self.index

    def match(self, toks: list[Tok], i: int) -> int:
        """Length in tokens of the longest phrase starting at token i, or 0."""
        size = len(toks)
        if i >= size:
            return 0
        t = toks[i]
        cands = self.index.get(t.key)
        if cands is None:  # no phrase starts here: most calls
            return 0
        if not t.abbr and t.key in self.lower_only:
            cands = self.lower_only[t.key]
        for cand in cands:
            n = len(cand)
            if n == 1:  # (longest first: a one-word phrase is the last chance, and its word is this one)
                return 1
            if i + n > size:
                continue
            for k in range(1, n):  # a plain loop: this is the recogniser's innermost step
                if toks[i + k].key != cand[k]:
                    break
            else:
                return n
        return 0

    def find(self, toks: list[Tok], start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) token spans of the longest non-overlapping matches in toks[start:end], left to right."""
        end = len(toks) if end is None else end
        i = start
        while i < end:
            n = self.match(toks, i) if toks[i].key in self.index else 0
            if n and i + n <= end:
                yield i, i + n
                i += n
            else:
                i += 1
