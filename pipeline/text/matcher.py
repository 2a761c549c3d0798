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

from itertools import compress, islice
from operator import attrgetter
from typing import Iterable, Iterator

from pipeline.text.tokens import Tok, tokenize


_KEY = attrgetter("key")


class PhraseMatcher(dict):
    """Phrases in a trie over token keys: one dict step per token, whatever the number of phrases sharing a start
    (the gazetteer has ~200 that start with "tân"). The matcher is the trie's root, a dict from a phrase's first
    token key to its node, so `key in matcher` (the hot loops' cheap test before `match`) is a plain dict lookup.
    A node maps the next token key to its node, and None to the phrase ending there: True, or False for a phrase
    listed only in capitals ("UBND"), which a token of the phrase's first key in lower case ("ubnd") does not match."""

    __slots__ = ("phrases",)

    def __init__(self, phrases: Iterable[str]):
        super().__init__()
        self.phrases: list[str] = []
        capital = set()
        ends = []
        for p in phrases:
            toks = tokenize(p)
            if not toks:
                continue
            self.phrases.append(p)
            words = tuple(t.key for t in toks)
            ends.append(words)
            if all(t.abbr or not t.word for t in toks) and any(t.abbr for t in toks):
                capital.add(words)
        for words in ends:
            node = self.setdefault(words[0], {})
            for w in words[1:]:
                node = node.setdefault(w, {})
            node[None] = words not in capital

    @property
    def index(self) -> dict[str, dict]:
        """First token key → trie node (the matcher itself)."""
        return self

    def match(self, toks: list[Tok], i: int) -> int:
        """Length in tokens of the longest phrase starting at token i, or 0."""
        size = len(toks)
        if i >= size:
            return 0
        t = toks[i]
        node = self.get(t.key)
        if node is None:  # no phrase starts here: most calls
            return 0
        capitals = t.abbr  # a capitals-only phrase needs its first token in capitals
        best, j = 0, i + 1
        while True:  # (a plain loop: this is the recogniser's innermost step)
            end = node.get(None)
            if end is not None and (end or capitals):
                best = j - i
            if j >= size:
                return best
            node = node.get(toks[j].key)
            if node is None:
                return best
            j += 1

    def find(self, toks: list[Tok], start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) token spans of the longest non-overlapping matches in toks[start:end], left to right."""
        end = len(toks) if end is None else end
        i = start  # the first token not inside a match yet
        # (the few tokens a phrase starts with, picked without a Python step per token)
        for k in list(compress(range(start, end), map(self.__contains__, map(_KEY, islice(toks, start, end))))):
            if k >= i and (n := self.match(toks, k)) and k + n <= end:
                yield k, k + n
                i = k + n

