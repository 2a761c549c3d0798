"""Tokens: syllables, abbreviations and symbols with offsets, and what every matcher asks of each token.

>>> toks = scan("Bộ trưởng Bộ KH&CN Huỳnh Thành Đạt,\\n\\nTP.HCM")
>>> [t.text for t in toks]
['Bộ', 'trưởng', 'Bộ', 'KH&CN', 'Huỳnh', 'Thành', 'Đạt', ',', '\\n', 'TP.HCM']
>>> toks.starts[4], toks[4].key, toks[3].abbr, toks[4].name
(19, 'huỳnh', True, True)
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pipeline.text.normalize import key

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# Abbreviations with dots ("T.Ư", "TP.HCM", "Tp.HCM", "TP.Hải") or hyphens ("GD-ĐT", "KH-ĐT", "LĐ-TB&XH"), capitalised words
# joined by hyphens ("Mashego-Dlamini"), words (with "&", apostrophes and lower-case hyphenated parts: "KH&CN",
# "H'Hen", "Sung-ho", "Chăm-pa-xắc"; not "ủy-Chủ tịch", two titles), or one symbol.
# (The first four open with the same capital, matched once for them: most tokens are lower case or spaces.)
_TOKEN_RE = re.compile(rf"[{UPPER}](?:\.[{UPPER}][{LOWER}]*(?:-[{LOWER}]+)+(?!\w)"  # "M.Lê-bê-đép": an initial, a name
                       rf"|(?:[{UPPER}]{{0,3}}|p)\.(?:[{UPPER}]{{1,4}}\.)*\w+"  # "T.Ư", "TP.HCM", "Tp.HCM", "TP.Hải"
                       rf"|[{UPPER}]{{0,4}}(?:-[{UPPER}]{{1,5}})+(?:&[{UPPER}]+)?(?!\w)"  # "GD-ĐT", "LĐ-TB&XH"
                       rf"|[{LOWER}]+(?:-[{UPPER}][{LOWER}]+)+(?!\w))"  # "Mashego-Dlamini", "Díaz-Canel"
                       rf"|\w+(?:[&'’]\w+|-(?=[{LOWER}])\w+)*|\S")
_SCAN_RE = re.compile(rf"\n|{_TOKEN_RE.pattern}")
# One Vietnamese syllable: onset, vowel nucleus (one of the language's vowel clusters, tone marks aside), coda.
# Words that fail it are foreign: "Vilayvong", "Mathilde", and "Lee", "Myung" (no Vietnamese nucleus "ee", "yu").
_NUCLEI = ("a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa "
           "ưi ươ ưu yê iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu"
           " ie uo ye ieu uoi uou uye yeu").split()  # (the last: written without diacritics, "Nguyen", "Truong")
_SYLLABLE_RE = re.compile(
    rf"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?({'|'.join(sorted(_NUCLEI, key=len, reverse=True))})"
    r"(ch|nh|ng|[cmnptk])?$")  # "k": Tây Nguyên names ("Đắk Lắk")
_TONES = str.maketrans("", "", "\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook, dot below
# Brands written in camel case ("VietinBank", "EuroCham", "HDBank") are never a person's name ("McDonald" is)
_BRAND = re.compile(rf"[{LOWER}]{{3}}[{UPPER}]|^[{UPPER}]{{3,}}[{LOWER}]")


@dataclass(slots=True)
class Tok:
    """A token string and what the stages ask of it. One object per distinct string, shared by every
    occurrence (the same few thousand words recur in every page); offsets live in `Tokens.starts`."""
    text: str
    key: str  # folded lower case (pipeline.text.normalize.key); symbols keep themselves, dashes are all "-"
    word: bool  # letters/digits, not a symbol
    cap: bool  # first letter upper case
    abbr: bool  # all upper case, 2+ letters ("UBND", "T.Ư")
    name: bool = False  # can be a word of a person's name: capitalised, not an abbreviation or a number
    syllable: bool = False  # a Vietnamese syllable (is_syllable); words that are not are foreign


class Tokens(list):
    """A page's tokens, with `starts[i]` the character offset of token i."""
    __slots__ = ("starts",)

    def end(self, i: int) -> int:
        return self.starts[i] + len(self[i].text)


BREAK = Tok("\n", "\n", False, False, False)  # a line break: captions and list items are line-bound


def tokenize(text: str) -> Tokens:
    """The tokens of `text`, line breaks ignored (lexicon phrases are tokenised this way)."""
    return _tokens(_TOKEN_RE, text)


def scan(text: str) -> Tokens:
    """`tokenize`, plus a line-break token wherever one or more newlines separate two tokens."""
    return _tokens(_SCAN_RE, text)


def _tokens(rx: re.Pattern, text: str) -> Tokens:
    out, starts = Tokens(), []
    add, at, make, known = out.append, starts.append, tok, _TOKS.get  # (bound once: a page has thousands of tokens)
    for m in rx.finditer(text):
        t = m.group()
        if t == "\n":
            if out and out[-1] is BREAK:
                continue
            add(BREAK)
        elif "-" in t and not t.isupper() and _vietnamese_words(parts := t.split("-")):
            # Vietnamese words hyphened without spaces are two ("Kpă Đô-Trưởng ban", "Bà Rịa-Vũng Tàu"): only
            # foreign names are one word ("Mashego-Dlamini", "Díaz-Canel")
            start = m.start()
            for k, part in enumerate(parts):
                if k:
                    out.append(tok("-"))
                    starts.append(start)
                    start += 1
                out.append(tok(part))
                starts.append(start)
                start += len(part)
            continue
        else:
            add(known(t) or make(t))  # (the shared Tok looked up here: tok's own call costs more than the look-up)
        at(m.start())
    out.starts = starts
    return out


_TOKS: dict[str, Tok] = {}  # token string → its shared Tok (a plain dict: a look-up is 3x cheaper than lru_cache's)


def tok(t: str) -> Tok:
    """The shared Tok of a token string."""
    got = _TOKS.get(t)
    if got is None:
        if len(_TOKS) >= 200_000:  # numbers and codes keep adding new strings: stay bounded
            _TOKS.clear()
        got = _TOKS[t] = _new_tok(t)
    return got


def _new_tok(t: str) -> Tok:
    cap = t[0].isupper()
    k = t.lower() if t.isascii() else key(t)  # ASCII (numbers, codes) needs no tone folding: the common new token
    word, abbr = t[0].isalnum(), cap and len(t) >= 2 and t.isupper()
    # a symbol keeps itself as key (dashes all "-"), so "TP." in a lexicon matches "TP." and not "TP -"
    k = k.strip(" ,.;:-–") or ("-" if t in "-–—" else t)
    return Tok(t, k, word, cap, abbr, word and cap and not abbr and not _BRAND.search(t), is_syllable(t))


def _vietnamese_words(parts: list[str]) -> bool:
    return all(p[:1].isupper() and is_syllable(p) for p in parts)


def is_syllable(word: str) -> bool:
    """A Vietnamese syllable ("Nguyễn", "Đắk"); foreign words are not ("Vilayvong")."""
    return bool(_SYLLABLE_RE.match(unicodedata.normalize("NFC", unicodedata.normalize("NFD", word.lower()).translate(_TONES))))
