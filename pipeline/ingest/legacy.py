"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI) → Unicode.

Pages typed with the .VnTime or VNI-Times fonts store Vietnamese as Latin-1 look-alikes ("§ång chÝ",
"Ñoàng chí"). The byte tables are data: models/ingest/legacy_tcvn3.tsv and models/ingest/legacy_vni.tsv. Text here is
always a str whose legacy bytes are the code points U+00A0-U+00FF (bytes read as Windows-1252/Latin-1,
or a UTF-8 page that carries the same characters).

TCVN3 has no codes for most toned capitals: .VnTimeH draws the lowercase bytes as capitals. `to_unicode`
decodes them as lowercase, then restores capitals where the text shows them (a word whose other letters are
capitals; a word between such words; the first word of a sentence) and returns a note for the words it
could not decide.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.text.lexicons import table

TCVN3, VNI = "TCVN3", "VNI"
NAMES = {TCVN3: "TCVN3 (ABC)", VNI: "VNI"}

# Letters only Vietnamese uses and Latin-1 lacks: legacy font encodings never produce them.
VIET_CHARS = re.compile("[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")
# TCVN3 puts Ă Â Ê Ô Ơ Ư Đ, đ ă â ê ô ơ ư and the a-tones on ¡ ¢ £ ¤ ¥ ¦ § ® ¨ © ª « ¬ ¸ µ ¶ · ¹, symbols
# that Latin-1 prose uses once in a while, not in every other word. VNI writes đ as "ñ", ươ as "öô" and
# tones as Latin-1 letters right after a vowel; "ñ" + vowel alone is Spanish, so tone pairs must be there.
_TCVN3_MARKS = re.compile("[¡¢£¤¥¦§®¨©ª«¬¸µ¶·¹]")
_VNI_TONE_PAIRS = re.compile("öô|[aeouyôö][âäáàåãõûøùïêéèúüë]", re.I)
_VNI_MARKS = re.compile(f"ñ[aeoöuieâ]|{_VNI_TONE_PAIRS.pattern}", re.I)
_MARKUP_TAG = re.compile(r"<(?:(script|style)\b)?[^<>]*>", re.I)
# Latin-1 characters written as HTML entities (&aacute; &#225;) by old editors: safe to unescape, never markup.
_LATIN1_ENTITY = re.compile(r"&(?:#(?:1[6-9]\d|2[0-5]\d)|#x[a-fA-F][0-9a-fA-F]|[a-zA-Z]{2,8});")


@dataclass
class Converted:
    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)


def strip_markup(text: str) -> str:
    """The text of a page: tags, and <script> and <style> elements whole, become spaces.

    Linear in the length of the page. A regex such as "<script.*?</script>|<[^>]*>" rescans the rest of the page
    at every unclosed "<script" or lone "<" (400 KB of them took two minutes); here a tag never runs past the next
    "<", and each element's closing tag is searched for once: none after one point means none after any later one.
    """
    lower = text.lower()
    out, pos, closes = [], 0, {}  # element name -> start of its next closing tag (-1: there is none)
    while (m := _MARKUP_TAG.search(text, pos)) is not None:
        out.append(text[pos:m.start()])
        out.append(" ")
        pos = m.end()
        name = (m.group(1) or "").lower()
        if name:
            close = closes.get(name)
            if close is None or 0 <= close < pos:
                close = closes[name] = lower.find(f"</{name}", pos)
            if close >= 0:
                end = text.find(">", close)
                pos = len(text) if end < 0 else end + 1
    out.append(text[pos:])
    return "".join(out)


def detect(text: str) -> str | None:
    """TCVN3 or VNI if `text` (entities unescaped) looks written in that legacy encoding, else None.

    Vietnamese has a diacritic in most syllables: sentences in either encoding show ~10% of their letters
    as the signature characters (all-capital headlines ~4%); Western Latin-1 text shows well under 1%.
    """
    sample = strip_markup(text[:60000])[:20000]
    letters = sum(map(str.isalpha, sample)) or 1  # (map: no Python frame per character)
    if len(VIET_CHARS.findall(sample)) > letters * 0.01:
        return None  # real Unicode Vietnamese
    tcvn3, vni = len(_TCVN3_MARKS.findall(sample)), len(_VNI_MARKS.findall(sample))
    if tcvn3 >= 3 and tcvn3 > letters * 0.03:
        return TCVN3
    if vni >= 3 and vni > letters * 0.03 and len(_VNI_TONE_PAIRS.findall(sample)) >= 2:
        return VNI
    return None


def _unescape_latin1(text: str) -> str:
    def one(m: re.Match) -> str:
        ch = html.unescape(m.group(0))
        return ch if len(ch) == 1 and 0xA0 <= ord(ch) <= 0xFF else m.group(0)
    return _LATIN1_ENTITY.sub(one, text)


@lru_cache(maxsize=None)
def _table(encoding: str) -> dict[str, str]:
    """Legacy character sequence → Unicode, from the hex byte column of the model file."""
    name = {TCVN3: "ingest/legacy_tcvn3", VNI: "ingest/legacy_vni"}[encoding]
    return {"".join(chr(int(b, 16)) for b in k.split()): v for k, v in table(name).items()}


@lru_cache(maxsize=None)
def _vni_table() -> dict[str, str]:
    """VNI table plus mixed-case pairs ("Aù", "aÙ"): the base letter decides the case."""
    out = dict(_table(VNI))
    for seq, uni in _table(VNI).items():
        if len(seq) == 2:
            base, mark = seq
            out.setdefault(base + mark.swapcase(), uni)
    return out


@lru_cache(maxsize=None)
def _pattern(encoding: str) -> re.Pattern:
    keys = _vni_table() if encoding == VNI else _table(encoding)
    return re.compile("|".join(map(re.escape, sorted(keys, key=len, reverse=True))))


# ---- TCVN3 capitals -------------------------------------------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_WORD = re.compile(r"[A-Za-z\u00a1-\u00ff]+")
_TAG = re.compile(r"<(?:p|div|br|td|th|li|h\d|title|body)\b[^>]*>\s*$", re.I)
# Punctuation that ends a sentence, then spaces, opening quotes/brackets, list dashes.
_SENTENCE_END = re.compile(r"[.!?…:][\s\"“'(\[–-]*$")
_PARAGRAPH_START = re.compile(r"(?:^|\n)[\s\"“'(\[•*–-]*$")


def _case_of(word: str, lower_codes: set[str], upper_codes: set[str]) -> str:
    """'lower' / 'upper' when the word shows its case, 'unknown' when it has toned lowercase codes that
    may be .VnTimeH capitals (one capital at most), 'plain' for an all-capital word of ASCII only."""
    if any("a" <= c <= "z" for c in word):
        return "lower"  # an ASCII lowercase letter: typed in .VnTime, not .VnTimeH
    capitals = sum("A" <= c <= "Z" or c in upper_codes for c in word)
    if not any(c in lower_codes for c in word):
        # all-ASCII capitals are often acronyms (UBND, HĐND): no evidence about the line
        return "upper" if capitals >= 2 and any(c in upper_codes for c in word) else "plain"
    return "upper" if capitals >= 2 else "unknown"


def _starts_sentence(before: str, markup: bool) -> bool:
    if markup:
        return bool(_TAG.search(before) or _SENTENCE_END.search(before) or not before.strip())
    return bool(_PARAGRAPH_START.search(before) or _SENTENCE_END.search(before))


def _restore_tcvn3_capitals(legacy: str, markup: bool) -> tuple[dict[int, str], int]:
    """Word start offset → 'upper' (whole word) or 'title' (first letter) for toned capitals TCVN3 wrote
    as lowercase codes; also the count of words whose capital nothing shows (left lowercase)."""
    codes = _table(TCVN3)
    lower_codes = {k for k, v in codes.items() if v.islower()}
    upper_codes = {k for k, v in codes.items() if v.isupper()}
    # Only toned vowels lack a capital code: a word starting with "®" (đ) or "¨" (ă) is lowercase for sure.
    toned_lower = {k for k in lower_codes if any(t in unicodedata.normalize("NFD", codes[k]) for t in _TONES)}
    decisions: dict[int, str] = {}
    undecided = 0
    for line_start, line in _lines(legacy):
        words = [(line_start + m.start(), m.group(0), _case_of(m.group(0), lower_codes, upper_codes))
                 for m in _WORD.finditer(line)]
        shown = [(i, case) for i, (_, _, case) in enumerate(words) if case in ("upper", "lower")]
        for i, (start, word, case) in enumerate(words):
            around = [c for j, c in shown if j < i][-1:] + [c for j, c in shown if j > i][:1]
            if (case == "upper" and any(c in lower_codes for c in word)) or (
                    case == "unknown" and around and all(c == "upper" for c in around)):
                decisions[start] = "upper"
            elif word[0] in toned_lower and _starts_sentence(legacy[max(0, start - 300):start], markup):
                decisions[start] = "title"
            elif case == "unknown" and not around:
                undecided += 1
            elif word[0] in toned_lower:
                undecided += 1  # "Lª V¨n ¸nh", "Chñ tÞch ñy ban": it may have been a capital, nothing shows it
    return decisions, undecided


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


# An element set in a capitals font of the ABC family (.VnTimeH, .VnArialH, ".VnCentury SchoolbookH"):
# the page itself says its lowercase codes are drawn as capitals.
_CAPITALS_FONT_ELEMENT = re.compile(
    r"""<(font|span|p|div|b|strong|h\d|td|th|a)\b[^>]*(?:face|font-family)\s*[=:]\s*["']?[^>]*?\.Vn[\w ]*?H\b[^>]*>"""
    r"(.*?)</\1\s*>", re.S | re.I)


def _capitals_font_words(legacy: str) -> set[int]:
    """Start offsets of the words inside elements set in a .Vn…H capitals font."""
    starts = set()
    for element in _CAPITALS_FONT_ELEMENT.finditer(legacy):
        inner_start = element.start(2)
        for text in re.finditer(r"[^<>]+(?=<|$)", element.group(2)):
            starts.update(inner_start + text.start() + w.start() for w in _WORD.finditer(text.group(0)))
    return starts


def _decode_tcvn3(legacy: str, markup: bool) -> Converted:
    decisions, undecided = _restore_tcvn3_capitals(legacy, markup)
    font_capitals = _capitals_font_words(legacy) if markup else set()
    for start in font_capitals:
        decisions.pop(start, None)
    table_, pattern = _table(TCVN3), _pattern(TCVN3)
    guessed = dict(decisions)
    decisions.update(dict.fromkeys(font_capitals, "upper"))
    if not decisions:
        text = pattern.sub(lambda m: table_[m.group(0)], legacy)
    else:
        parts, pos = [], 0
        for m in _WORD.finditer(legacy):
            how = decisions.get(m.start())
            if how is None:
                continue
            word = pattern.sub(lambda c: table_[c.group(0)], m.group(0))
            word = word.upper() if how == "upper" else word[0].upper() + word[1:]
            parts += [pattern.sub(lambda c: table_[c.group(0)], legacy[pos:m.start()]), word]
            pos = m.end()
        parts.append(pattern.sub(lambda c: table_[c.group(0)], legacy[pos:]))
        text = "".join(parts)
    notes = [f"converted from {NAMES[TCVN3]}"]
    if guessed:
        starts = sum(1 for how in guessed.values() if how == "title")
        notes.append(f"{NAMES[TCVN3]}: toned capitals restored from context in {len(guessed)} word(s) "
                     f"({starts} at sentence starts)")
    if undecided:
        notes.append(f"{NAMES[TCVN3]}: {undecided} word(s) may have lost a toned capital (the encoding has no "
                     "code for it, the .VnTimeH font draws lowercase codes as capitals); kept lowercase")
    return Converted(unicodedata.normalize("NFC", text), TCVN3, notes)


def _decode_vni(legacy: str) -> Converted:
    table_, stray = _vni_table(), 0

    def one(m: re.Match) -> str:
        nonlocal stray
        if m.group(0) in table_:
            return table_[m.group(0)]
        stray += 1  # a diacritic byte after no vowel: unreadable, left as it was
        return m.group(0)

    text = re.sub(f"{_pattern(VNI).pattern}|[\u00c0-\u00ff]", one, legacy)
    notes = [f"converted from {NAMES[VNI]}"]
    if stray:
        notes.append(f"{NAMES[VNI]}: {stray} diacritic byte(s) after no vowel left as they were")
    return Converted(unicodedata.normalize("NFC", text), VNI, notes)


_MARKUP = re.compile(r"<(?:!doctype|html|body|p|div|br|table|span|font)\b", re.I)


def to_unicode(text: str, encoding: str) -> Converted:
    """`text` in a legacy encoding (TCVN3 or VNI, as detected by `detect`) → NFC Unicode with notes."""
    legacy = _unescape_latin1(text)
    if encoding == VNI:
        return _decode_vni(legacy)
    return _decode_tcvn3(legacy, markup=bool(_MARKUP.search(legacy[:5000])))


def from_unicode(text: str, encoding: str) -> str:
    """Unicode → legacy characters (the inverse table), as a .VnTime/.VnTimeH or VNI-Times author typed it:
    toned capitals TCVN3 has no code for are written with the lowercase code (.VnTimeH convention)."""
    inverse = {}
    for seq, uni in _table(encoding).items():
        if len(uni) == 1 and not unicodedata.combining(uni):
            inverse.setdefault(uni, seq)
    out = []
    for ch in unicodedata.normalize("NFC", text):
        lower = ch.lower()
        if encoding == TCVN3 and ch.isupper() and lower in inverse and ch not in "ĂÂÊÔƠƯĐ":
            out.append(inverse[lower])
        else:
            out.append(inverse.get(ch, ch))
    return "".join(out)
