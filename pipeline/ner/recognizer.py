"""NER: PERSON, POSITION and ORG spans of a Document, by rules over its tokens and the lexicons in models/ner/.

Rules and lexicons rather than a statistical model: Vietnamese names are surname-first from a closed set of family
names, and titles are a closed system of head words ("Bộ trưởng", "Phó Bí thư", ranks) followed by the body they
belong to ("Bộ Khoa học và Công nghệ", "UBND tỉnh Nghệ An"). The recogniser walks the page's tokens once, left to
right; every word list is a PhraseMatcher or a set of token keys (pipeline.text), so case and tone placement are
folded the same way everywhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.text.lexicons import administrative_units, dictionary_words, phrases, words
from pipeline.text.matcher import PhraseMatcher
from pipeline.text.normalize import key
from pipeline.text.tokens import Tok

_ROMAN = re.compile(r"[IVXLC]+")
_COMPANY_INTRO = words("ner/company_intro")
_NAMING_HEADS = words("ner/naming_heads")
_DEPUTY = words("ner/deputy_words")  # before any title head: its deputy, or acting holder
_WORD_SURNAMES = words("ner/word_surnames")
_WEAK_ADDRESS = words("ner/weak_address")
_NAME_PARTICLES = words("ner/name_particles")
_COMPANY_WORDS = words("ner/company_words")
_NUMBERED_UNITS = words("ner/numbered_units")
_ADMIN = words("ner/admin_levels")
_UNNAMED_ADMIN = words("ner/unnamed_admin_levels")
_CAN = words("ner/year_stems")
_CHI = words("ner/year_branches")
_TOP_SURNAMES = words("ner/top_surnames")
_KOREAN_SURNAMES = words("ner/korean_surnames")
_INCUMBENT = words("ner/incumbent_words")  # "hiện nay", "đương nhiệm": between a title and its person
_PLACE_INTRO = words("ner/place_intro")
_PLURAL = words("people/plural_words")
_FORMER = words("ner/former_words")
_NAME_PREFIXES = words("ner/name_prefixes")
# the last word of a verb of post (models/people/post_verbs*.txt, post_objects.txt): "làm", "chức", "chức vụ" …
_POST_ENDS = {"làm", "chức", "vụ", "danh", "cử", "là", "giữ", "nhiệm", "vị", "sung"}  # ("bầu bổ sung ủy viên …")


_REGNAL = re.compile(r"(?:X{0,2})(?:IX|IV|V?I{1,3}|V)")  # a monarch's or pope's number, I–XXIX


def _pair_or_word(toks, j) -> str:
    """The word(s) right before token j: a two-syllable word when there is one, else the previous syllable."""
    return f"{toks[j - 2].key} {toks[j - 1].key}" if j >= 2 else (toks[j - 1].key if j else "")


_YEAR = re.compile(r"(?:19|20)\d\d")


def _term_end(toks, j) -> int:
    """End of the body's term starting at token j ("khóa XXV", "khóa 17", "nhiệm kỳ 2021 - 2026"), else 0: it belongs
    to the title, so what follows it (a name, "đối với ông X") is read as following the title."""
    n = len(toks)
    if toks[j].key == "khóa" and j + 1 < n and (_ROMAN.fullmatch(toks[j + 1].text) or toks[j + 1].text.isdigit()):
        return j + 2
    if toks[j].key == "nhiệm" and j + 4 < n and toks[j + 1].key == "kỳ" and _YEAR.fullmatch(toks[j + 2].text) \
            and toks[j + 3].text in "-–" and _YEAR.fullmatch(toks[j + 4].text):
        return j + 5
    return 0


def _foreign_word(toks, k) -> bool:
    """Token k is a capitalised word that is no Vietnamese syllable nor an abbreviation ("Saito", "Swee")."""
    return k < len(toks) and toks[k].cap and toks[k].word and not toks[k].syllable and not toks[k].abbr


def _korean_given(word: str) -> bool:
    """A hyphenated given name with a lower-case second part: "Young-soo", "Ji-hoon"."""
    head, _, rest = word.partition("-")
    return bool(rest) and head[:1].isupper() and rest[:1].islower()


def _delegation_at(toks, i) -> bool:
    """A deputy's delegation ("(Đoàn ĐBQH tỉnh Yên Bái)"): where the deputy comes from, not the body of the title
    before it, unlike a parent body ("Cục Y tế dự phòng (Bộ Y tế)")."""
    return toks[i].key == "đoàn" and i + 1 < len(toks) and toks[i + 1].key in ("đbqh", "đại", "đbnd")


def _admin_before(toks, i) -> str | None:
    """The administrative level word ("huyện", "thành phố") right before token i, if any."""
    if i >= 2 and (pair := f"{toks[i - 2].key} {toks[i - 1].key}") in _ADMIN:
        return pair
    if i >= 1 and toks[i - 1].key in _ADMIN and not (i >= 2 and (
            f"{toks[i - 2].key} {toks[i - 1].key}" == "già làng"
            or toks[i - 1].cap and toks[i - 2].cap and not toks[i - 2].abbr)):
        return toks[i - 1].key  # (not "già làng Y Khu Niê", a village elder; not the "Bản" of "Nhật Bản")
    return None


def _admin_after(toks, i) -> int:
    """Length of the lower-case administrative level word at i ("tỉnh", "thành phố"), else 0."""
    if i + 1 < len(toks) and f"{toks[i].key} {toks[i + 1].key}" in _ADMIN and not toks[i].cap:
        return 2
    return 1 if i < len(toks) and toks[i].key in _ADMIN and not toks[i].cap else 0


def _listed_after_admin(toks, i) -> bool:
    """Token i opens an item of a list of places an administrative word began: "8 huyện (U Minh, Thới Bình, Trần
    Văn Thời, Cái Nước …)", "các xã An Phú, Lộc Giang và …" (back over capitalised words, commas, "và", a bracket)."""
    if i < 2 or toks[i - 1].text not in ",(" and toks[i - 1].key != "và":
        return False
    for k in range(i - 1, max(0, i - 40), -1):
        t = toks[k]
        if t.text in ",(" or t.key == "và" or t.cap and t.word and not t.abbr:
            continue
        return t.key in _ADMIN
    return False


class Lexicon:
    """Everything the recogniser looks up, loaded once."""

    def __init__(self):
        self.surnames = words("ner/surnames")
        self.heads = phrases("ner/position_heads")
        self.ranks = phrases("ner/ranks")
        self.degrees = phrases("ner/degrees")  # read like ranks, but no position (pipeline.people leaves them out)
        self.honorifics = phrases("ner/honorifics")
        self.address = phrases("people/address_words")  # "ông", "bà", "đồng chí": a name follows
        self.org_heads = phrases("ner/org_heads")
        self.domains = phrases("ner/org_domains")
        self.places = phrases("ner/places", "ner/ethnic_groups", "ner/countries")  # names, not persons
        self.countries = phrases("ner/countries")
        # the country's wards, communes and districts: a name equal to one is a place unless a word of address or a
        # title with a family name makes it a person ("các xã Hộ Hải, Phương Hải", but "ông Hoàng Long")
        self.units = PhraseMatcher(n for n in administrative_units() if " " in n)
        self.towns = {n for n in administrative_units() if " " not in n}  # one-word names ("Pleiku"), as written
        self.blockers = phrases("ner/name_blockers")
        self.cont_words = phrases("ner/position_words")
        self.body_words = phrases("ner/position_words_after_body")
        self.body_lower = phrases("ner/position_body_words")
        self.modifiers = phrases("ner/title_modifiers")
        # Two-syllable Vietnamese words ("doanh nghiệp", "công an", "đảng ủy" …): a capitalised syllable followed by
        # a lower-case one that forms such a word continues a body's name.
        self.pairs = frozenset(key(w) for w in dictionary_words() if w.count(" ") == 1)
        # words that end a body's name: a predicate starts (title_end_words) or a reporting verb closes the title
        self.name_closers = phrases("meeting/speech_verbs", "ner/title_closers")
        self.name_enders = phrases("ner/title_end_words")
        self.body_nouns = words("ner/body_nouns")
        self.bare_titles = phrases("ner/bare_titles")
        self.brands = words("ner/brands")
        # events and documents are not bodies: "Chủ tịch HĐND tỉnh | tại Đại hội …", "Bộ Y tế | và Quyết định …"
        self.not_bodies = phrases("meeting/event_nouns", "meeting/document_words")
        self.subunits = phrases("ner/subunit_heads")


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """The lexicon, built once per machine and version of its data and code (pipeline.text.cache)."""
    from pipeline.text.cache import cached, code_files
    from pipeline.text.lexicons import data_files
    return cached("lexicon", Lexicon, data_files() + code_files("text", "ner"))


@dataclass(slots=True)
class Ent:
    label: str  # PERSON | POSITION | ORG
    start: int  # token indices, end exclusive
    end: int
    rank: str = ""  # "rank" (military, police, religious: a position with no organisation), "degree" (no position)


class Recognizer:
    """Finds PERSON, POSITION and ORG spans in a token list, left to right."""

    def __init__(self, lex: Lexicon | None = None):
        self.lex = lex or get_lexicon()
        self._plain: dict[str, int] = {}  # token text -> _plain_kind, memoised: most tokens are plain
        self._blocked_memo: tuple[list, dict[int, bool]] = ([], {})  # the token list in hand, start -> blocked

    def _plain_kind(self, t: Tok) -> int:
        """1: a plain lower-case word or symbol, which can only end a name context; 2: the same, but a title head
        word ("phó chủ tịch" in apposition); 0: anything else."""
        if t.cap or t.key in self.lex.honorifics or t.key in self.lex.ranks or t.key in self.lex.degrees \
                or t.key in _FORMER or t.key in _DEPUTY \
                or t.text in ".!?\n;":
            return 0
        return 2 if t.key in self.lex.heads else 1

    # -- titles ---------------------------------------------------------------------------------------------------
    def _head(self, toks, i, lower_ok=False) -> tuple[int, str]:
        """Length of a title head (or rank) starting at token i, and whether it is a rank. Heads are capitalised,
        except in apposition after a name, where the press often writes them in lower case (`lower_ok`)."""
        t = toks[i]
        if not (t.cap or lower_ok and t.word):
            return 0, ""
        if t.key in self.lex.ranks and (n := self.lex.ranks.match(toks, i)):
            if n == 1 and not t.cap and i + 1 < len(toks) and f"{t.key} {toks[i + 1].key}" in self.lex.pairs:
                return 0, ""  # "các tướng lĩnh": the word "tướng lĩnh" (generals), not the rank
            return n, "rank"
        if t.key in self.lex.degrees and (n := self.lex.degrees.match(toks, i)):
            return n, "degree"
        n = self.lex.heads.match(toks, i) if t.key in self.lex.heads else 0
        if t.key in _DEPUTY and i + 1 < len(toks) and toks[i + 1].key in self.lex.heads:
            n = max(n, 1 + self.lex.heads.match(toks, i + 1))  # "Phó Trưởng đại diện", "Quyền Giám đốc" (not listed)
        return (n if n > 1 or t.key not in _DEPUTY else 0), ""

    def _breaks_title(self, toks, j) -> bool:
        """A new title starts at j (so the current one ends)."""
        n, _ = self._head(toks, j)
        # "Trưởng đoàn Đại biểu Quốc hội": "Đại biểu" is the body here, not a new title; so is "Đại sứ quán"
        return n > 0 and not (toks[j].key == "đại" and toks[j + 1].key == "biểu") \
            and not (toks[j].key == "thường" and j > 0 and toks[j - 1].key in ("viên", "ban")) \
            and self.lex.org_heads.match(toks, j) <= n  # (nor "Ủy viên | Thường vụ Tỉnh ủy": one title)

    def title_at(self, toks, i, lower_ok=False, after_name=False) -> tuple[int, str] | None:
        """End token index of the title starting at i (None if there is none) and its kind ("rank", "degree", "").
        `after_name`: the title is in apposition after a person ("ông X, Vụ trưởng Vụ …."), so it may run to the
        sentence's end."""
        j = i
        if toks[j].key in _FORMER and j + 1 < len(toks) and not self._head(toks, j, lower_ok)[0]:
            j += 1  # former post, kept as written (but "Cố vấn" is a title of its own, not "cố" + "vấn")
        n, rank = self._head(toks, j, lower_ok)
        if not n:
            return None
        bare_delegate = n == 2 and toks[j].key == "đại" and toks[j + 1].key == "biểu"
        j += n
        if rank:
            return j, rank
        head_end = j
        # a head that names its body ("Phó Trưởng Ban Quản lý"): the body's own name has begun
        # (or ends with one: "Bí thư Đoàn | thanh niên …")
        named = any(toks[k].key in self.lex.org_heads and toks[k + 1].cap for k in range(j - n + 1, j - 1)) \
            or n > 1 and toks[j - 1].cap and toks[j - 1].key in self.lex.org_heads
        while j < len(toks) and (m := self.lex.modifiers.match(toks, j)):
            j += m
        j = self._scope(toks, j)
        j = self._body(toks, j, toks[j - 1], after_name=after_name, named_body=named)
        j = self._scope(toks, j)
        if bare_delegate and j == head_end:
            return None  # bare "Đại biểu" is a role label, "Đại biểu Quốc hội" a title
        return j, ""

    def _scope(self, toks, j) -> int:
        """End of the field a post is in charge of, after "phụ trách" ("Phó Giám đốc phụ trách chuyên môn Bệnh viện
        …", "Phó Bí thư Tỉnh ủy phụ trách xây dựng tổ chức cơ sở Đảng"): its words run to where a title closes."""
        if j >= 2 and toks[j - 2].key == "phụ" and toks[j - 1].key == "trách":
            return self._name_tail(toks, j, after_name=True)
        if j + 1 < len(toks) and toks[j].key == "phụ" and toks[j + 1].key == "trách":
            k = self._name_tail(toks, j + 2, after_name=True)
            return k if k > j + 2 else j
        return j

    def _body(self, toks, j, prev, in_title=True, after_name=False, named_body=False) -> int:
        """Extend a title (or, `in_title` False, an organisation) over the body's name; returns the end index."""
        lex, n = self.lex, len(toks)
        end, company, body_start, place_end, abroad_end, long_place, closed = j, False, j, -1, -1, -1, -1
        # named_body: a capitalised word (not a place) has started the body's own name

        def naming_head_ends(b: int) -> bool:
            if b >= 1 and f"{toks[b - 1].key} {toks[b].key}" in _NAMING_HEADS:
                return True  # "Đại học", "Bệnh viện", "Huân chương"
            # not "Môi trường" (a school?), not "thành phố" (a street?)
            return toks[b].key in _NAMING_HEADS and not self._second_syllable(toks, b) \
                and not (b >= 1 and f"{toks[b - 1].key} {toks[b].key}" in _ADMIN)

        def named_after(k: int) -> bool:
            """Token k continues a name that a naming head ("Trường THPT", "Viện", "đường") introduced."""
            b = k - 1
            while b >= body_start - 1 and not naming_head_ends(b) and toks[b].word and (
                    toks[b].cap and not toks[b].abbr or b >= 1 and toks[b - 1].cap):
                b -= 1  # back over the capitalised words ("Y khoa") this token follows
            if b < 0 or not naming_head_ends(b):
                return False
            # the name after the head is one name; two words into it, a full name starts a new person
            # (a bare organisation is not followed by a name: there the whole capitalised run is its name)
            if b + 1 == k:  # the head's own name, but not a foreign person's after a title ("Bộ trưởng Cảng và Sân bay
                run = self._run(toks, k, 6)  # Silvio Costa Filho")
                return not (in_title and run - k >= 2 and not any(t.syllable for t in toks[k:run]))
            # ("Căn cứ Hải quân Ream"; but "Viện Pasteur | Nguyễn Vũ Trung": a Vietnamese full name is a person)
            return toks[b + 1].cap and (not in_title or (p := self.person_at(toks, k, strict=True)) - k < 2 or (
                k - b - 1 < 2 and not (toks[k].key in self.lex.surnames and p - k >= 3)))
        while j < n:
            t = toks[j]
            company = company or j > body_start and (
                toks[j - 1].key in _COMPANY_INTRO or _pair_or_word(toks, j) in _COMPANY_INTRO)
            m = lex.domains.match(toks, j) if t.key in lex.domains else 0
            if not m and t.cap:
                m = lex.places.match(toks, j)  # "tỉnh Đắk Lắk", but "Chủ tịch Hồ Chí Minh" is the person
                if m and j == body_start and self.person_at(toks, j, strict=True):
                    m = 0  # only right after the head is a place name the person ("Chủ tịch Hồ Chí Minh"; but
                    # "Học viện Chính trị quốc gia Hồ Chí Minh")
                elif not m:
                    m = lex.org_heads.match(toks, j)  # a multi-word body ("Đại sứ quán", "Văn Phòng Quốc hội"), not
                    m = m if m > 1 else 0  # "Đoàn Minh Tuệ"
            if m:
                j = end = j + m
                prev = toks[j - 1]
                named_body = named_body or (t.cap and t.key not in _ADMIN)  # "Cục Cảnh sát …", "Bộ Tư lệnh Cảnh sát biển"
                place_end = j if t.cap else place_end
                long_place = j if t.cap and m > 1 else -1  # ("Hà Nội" is whole; "Pháp" may be "Pháp luật")
                if t.cap and lex.countries.match(toks, j - m) == m:
                    abroad_end = closed = j  # a foreign country ends the body: "Thượng viện Campuchia Tép Ngôn"
                elif m == 2 and t.key == "việt" and prev.key == "nam":
                    closed = j  # (Việt Nam closes it before a foreign name only)
                continue
            if t.text[0].isdigit():
                if toks[j - 1].key in _NUMBERED_UNITS or _pair_or_word(toks, j) in _NUMBERED_UNITS \
                        or toks[body_start].key in _NUMBERED_UNITS and (j + 1 >= n or not toks[j + 1].word):
                    # (the unit's number after its name: "Vùng Cảnh sát biển 4")
                    j += 1
                    end, prev = j, t
                    continue
                break
            if not t.word:
                if t.text == "," and end == j and self._member_of_university(toks, body_start, j):
                    j += 1  # "Trường Đại học Nông Lâm, Đại học Huế": a member school and its university are one body
                    continue
                if t.text == "," and end == j and in_title and (k := self._parent_body(toks, body_start, j)):
                    j = end = k  # "Trưởng phòng Kế hoạch - Tài chính, Sở Y tế Hà Nội": the unit and the body it is in
                    prev = toks[j - 1]
                    continue
                if t.text == "," and end == j and in_title and named_body and (k := self._domain_series(toks, j)):
                    j = end = k  # "Bộ Thương mại, Công nghiệp và Năng lượng": the body's name lists its domains; the
                    prev = toks[j - 1]  # loop reads on from the last one
                    continue
                if t.text == "&" and end == j and j + 1 < n and toks[j + 1].cap and toks[j - 1].word:
                    j += 1  # "Sở Kế hoạch & Đầu tư", "Sở Thông tin & Truyền thông": "&" for "và"
                    continue
                if t.text in "-–" and end == j and j + 1 < n and toks[j + 1].cap and (
                        not toks[j + 1].abbr or toks[j - 1].abbr) \
                        and toks[j + 1].key != "ảnh" \
                        and j > 0 and toks[j - 1].word and not self._breaks_title(toks, j + 1) \
                        and (lex.places.match(toks, j + 1) or not self.person_at(toks, j + 1, strict=True)) \
                        and not lex.honorifics.match(toks, j + 1):
                    j += 1  # "Cục Kinh tế - Quản lý …", "Hội Hữu nghị Việt Nam - Cuba", "khu vực Đông Á – Thái Bình
                    continue  # Dương" (a place, though it reads as a name): one body
                close = next((k for k in range(j + 2, min(n, j + 6)) if not toks[k].cap), None) if t.text == "(" else None
                if close is not None and toks[close].text == ")" and (toks[j + 1].abbr or not toks[j + 1].syllable) \
                        and not (toks[j + 1].key.startswith("tp") or lex.places.match(toks, j + 1)):  # ("(TP.HCM)")
                    j = end = closed = close + 1  # "Hiệp hội Doanh nghiệp Nhật Bản (JBAV)", "Công ty Điện lực X (PC X)"
                    prev = toks[j - 1]
                    continue
                if t.text == "(" and j + 1 < n and lex.org_heads.match(toks, j + 1) and not _delegation_at(toks, j + 1):
                    close = next((k for k in range(j + 1, min(n, j + 16)) if toks[k].text in ")\n"), None)
                    if close is not None and toks[close].text == ")":
                        j = end = close + 1
                        prev = toks[close]
                        continue
                break
            if t.key in lex.degrees and lex.degrees.match(toks, j):
                break  # "Phó Chủ tịch Hội GS. Lê Quốc Minh": a degree opens the next person's name
            if t.text == "ẢNH" or t.key == "ảnh" and j + 1 < n and toks[j + 1].text == ":":
                break  # a caption's photo credit: "… Bí thư Thành ủy Đà Nẵng ẢNH: ĐỖ TRƯỜNG"
            if t.abbr or "." in t.text and "-" not in t.text:  # "UBND", "T.Ư", "TP.Hải" (not "M.Lê-bê-đép", a name)
                pass
            elif t.cap and closed == j and not t.syllable \
                    and self.person_at(toks, j, after_title=True) - j >= (2 if company else 1):
                break  # a country or a bracketed abbreviation closes the body's name before a foreign name: "Tổ chức Xúc
                # tiến Thương mại Nhật Bản | Hioyuki Ishige", "Quỹ tiền tệ quốc tế (IMF) | Chiristine Largarde" (r24)
            elif t.cap and named_after(j):
                pass  # "Trường THPT Chu Văn An", "Viện Pasteur": a name that is part of the body's name
            elif toks[j - 1].text == "." and j >= 2 and toks[j - 2].key in ("tp", "tx") and t.text in lex.towns:
                pass  # "Chủ tịch UBND TP. Pleiku": the abbreviation's dot, then the town's one-word name
            elif t.cap and not (lex.units.match(toks, j) or lex.places.match(toks, j)) and (
                    toks[j - 1].text == "." or t.key in lex.address and lex.address.match(toks, j)):
                end = min(end, j - 1) if toks[j - 1].text == "." else end
                break  # "… HĐND TP. Ông Minh cho biết", "… HĐND TP. Kết quả": a new sentence, or a name, begins
            elif t.cap:
                if t.key in lex.name_closers and toks[j - 1].key in _ADMIN and not toks[j - 1].cap \
                        and lex.name_closers.match(toks, j):
                    break  # a caption's verb, capitalised, where a place name was due: "Chủ tịch HĐND xã | Phát biểu
                    # chỉ đạo tại Hội nghị" (r27)
                if _korean_given(t.text) and j - 1 >= body_start and toks[j - 1].name and not company and place_end != j:
                    end = j - 1  # "… Changwon Choi Young-soo", "Tổng thống Moon Jae-in": a Korean family name and
                    break  # hyphenated given name
                if t.syllable and _foreign_word(toks, j + 1) and not company and (
                            t.key in _KOREAN_SURNAMES or j > body_start
                            or _foreign_word(toks, j + 2) and not lex.org_heads.match(toks, j)) \
                        and not lex.units.match(toks, j) and not _admin_before(toks, j):  # ("… huyện Cư M'gar",
                    # "xã Ia Khươl", "tỉnh Mie" are places)
                    break  # "Tổng thống Moon Jae In", "Bộ trưởng Bộ Tư pháp Ken Saito": a foreign name starts
                if not t.syllable:
                    if company or not t.name or t.key in lex.brands or self._company_name_at(toks, j):  # (not t.name: a brand, "VietinBank")
                        company = True  # "Công ty TNHH Daeshin Electronics Vina", "Everbright Technology Việt Nam"
                    elif not (j > body_start and self._after_place_intro(toks, j)) \
                            or j + 1 < n and _korean_given(toks[j + 1].text):  # ("Chủ tịch nước | Thongloun": the head's "nước")
                        # (a Korean given name next: "… Đà Nẵng Park Ji-hoon")
                        break  # a foreign word after a title is a name ("… Vương quốc Bỉ Mathilde")
                elif self._breaks_title(toks, j) and prev.key not in lex.body_nouns \
                        or abroad_end == j and self.person_at(toks, j, after_title=True) - j >= 2 \
                        or (p := self.person_at(toks, j, strict=True)) and (
                        not company or p - j >= 3):  # in a company's name "An Lạc" is a place, not a person
                    break
            else:
                if place_end == j == end and t.key in ("cũ", "mới") and (j + 1 >= n or not toks[j + 1].word
                                                                       or toks[j + 1].cap):
                    j = end = j + 1  # "Chủ tịch UBND tỉnh Long An cũ", "… tỉnh Tây Ninh mới": the unit before 2025 or after
                    prev = t
                    continue
                if t.key == "số" and end == j and j + 1 < n and toks[j + 1].text.isdigit() and (
                        toks[j - 1].key in _NUMBERED_UNITS or _pair_or_word(toks, j) in _NUMBERED_UNITS):
                    j = end = j + 2  # "đại biểu HĐND đơn vị số 20 huyện Châu Thành", "… đơn vị bầu cử số 1"
                    prev = toks[j - 1]
                    continue
                if end == j and (k := _term_end(toks, j)):
                    j = end = k  # "Bí thư Huyện ủy khóa XXV", "Chủ tịch UBND tỉnh nhiệm kỳ 2021-2026": the term
                    prev = toks[j - 1]
                    continue
                m = lex.cont_words.match(toks, j)
                if not m and j == body_start and (h := lex.org_heads.match(toks, j)) and j + h < n \
                        and toks[j + h].cap and toks[j + h].word and not self._starts_someone(toks, j + h):
                    m = h  # press style, the body's head in lower case: "giám đốc sở Thông tin & Truyền thông"
                if not m and prev.key in lex.body_nouns:
                    m = lex.body_words.match(toks, j)
                if named_body:  # "Vụ Ngân sách nhà nước", "Ngân hàng Chính sách xã hội" (not "xã" + "hội")
                    m = max(m, lex.body_lower.match(toks, j))
                    if not m and t.key in ("về", "và") and j + 1 < n and (k := lex.body_lower.match(toks, j + 1)):
                        m = 1 + k  # "Ban Chỉ đạo quốc gia về phòng thủ dân sự", "… quyền công tố và kiểm sát"
                if m:
                    j = end = j + m
                    prev = toks[j - 1]
                    continue
                if t.key == "tại" and end == j and (a := _admin_after(toks, j + 1)) and j + 1 + a < n \
                        and toks[j + 1 + a].cap and not self.person_at(toks, j + 1 + a, strict=True):
                    j += 1 + a  # "Tổng Lãnh sự Thái Lan tại thành phố Hồ Chí Minh", "… tại tỉnh Battam Bang"
                    continue
                if t.key == "bên" and j + 2 < n and toks[j + 1].key == "cạnh" and toks[j + 2].cap and end == j:
                    # "Trưởng Phái đoàn Việt Nam bên cạnh Liên minh châu Âu": accredited to, like "tại"; "Bộ trưởng
                    # bên cạnh Thủ tướng" (Cambodia's ministers attached to the Prime Minister): to a post
                    h = self._head(toks, j + 2)[0]
                    j = end = j + 2 + h if h else j + 2
                    continue
                if prev.cap and f"{prev.key} {t.key}" in lex.pairs and not prev.abbr and long_place != j:
                    pass  # second syllable of a capitalised word: "Doanh nghiệp", "Công an" (not "Hà Nội | đồng")
                elif t.key in ("và", "tại", "các", "của") and j + 1 < n and toks[j + 1].cap \
                        and not self.person_at(toks, j + 1) and not self._breaks_title(toks, j + 1) \
                        and not lex.not_bodies.match(toks, j + 1) \
                        and not (t.key == "và" and lex.org_heads.match(toks, j + 1)):  # "UBND … và Bộ …": two bodies
                    pass
                elif (named_body or after_name and j == body_start) and (k := self._name_tail(toks, j, after_name)) > j:
                    # (in apposition a bare head may take one too: "ông X, chuyên gia dịch tễ của Tổ chức Y tế …,")
                    j = end = k  # "Cục Quản lý nợ và Kinh tế đối ngoại", "Tổ công tác về hóa đơn điện tử"
                    prev = toks[j - 1]
                    continue
                else:
                    break
            j += 1
            end = j
            prev = t
            named_body = named_body or (t.cap and t.key not in _ADMIN)
        while end > 0 and toks[end - 1].key in ("và", "tại", "các", "của"):
            end -= 1
        return end

    def _titled_body(self, toks, i) -> bool:
        """A word of address that is also a title head starts a title with a body here ("đại biểu HĐND TPHCM"; but
        "đại biểu Nguyễn Văn A" introduces a name)."""
        if toks[i].key not in self.lex.heads:
            return False
        found = self.title_at(toks, i, lower_ok=True)
        head = self._head(toks, i, True)[0]
        # (a head that names its body is one too: "đại biểu Quốc hội")
        return bool(found) and (found[0] > i + head or head >= 3 and any(t.cap for t in toks[i + 1:i + head]))

    def _titles_name(self, toks, i) -> bool:
        """A lower-case title at i (press style: "thứ trưởng Bộ Xây dựng Trần Văn Hiếu yêu cầu") runs straight into a
        full name: it is that person's title. (Elsewhere a lower-case "chủ tịch" is just a noun.)"""
        found = self.title_at(toks, i, lower_ok=True)
        if not found or found[1] or found[0] >= len(toks):
            return False
        end = found[0]
        return toks[end].key in self.lex.surnames and self.person_at(toks, end, after_title=True) >= end + 2

    def _name_tail(self, toks, j, after_name=False) -> int:
        """End of the lower-case rest of a body's name starting at token j ("nợ và Kinh tế đối ngoại" after "Cục Quản
        lý"), or j. No lexicon knows such words, so the phrase must close the way a title closes: at a comma, bracket,
        dash, line end, "kiêm", "cùng", a reporting verb ("cho biết") or the next person; and it must hold no word
        that starts a predicate (models/title_end_words.txt). Otherwise the words are the sentence going on."""
        lex, n, k = self.lex, len(toks), j
        prev = toks[j - 1]
        if prev.abbr or prev.key in _ADMIN or _pair_or_word(toks, j) in _ADMIN or prev.text[0].isdigit() \
                or any(lex.places.match(toks, b) == j - b for b in range(max(0, j - 4), j)):
            return j  # "HĐND huyện | điều hành", "Thành ủy | nhấn manh", "Sư đoàn 395 | nhận", "Sở Y tế tỉnh Nghệ An |"
        closed = False
        while k < n and k - j < 14:
            t = toks[k]
            if m := lex.body_lower.match(toks, k):
                k += m  # a known word of body names ("dự phòng", not "dự"; "Phòng, chống thiên tai")
                continue
            if t.key in _FORMER and k + 1 < n and toks[k + 1].cap and self._breaks_title(toks, k + 1):
                closed = True  # "Bộ trưởng Bộ Nội vụ | nguyên Viện trưởng …": a former post follows
                break
            if t.key == "nhiệm" and k + 1 < n and toks[k + 1].key == "kỳ":
                closed = True  # "Phó Bí thư Huyện ủy Đông Sơn | nhiệm kỳ (2015 – 2020)": the term, written apart
                break
            if t.cap and (m := lex.org_heads.match(toks, k)) > 1:
                k += m  # a body of several words, though a title head is among them: "… thuộc Phủ Tổng thống"
                continue
            if t.cap:
                foreign_run = k > j and toks[k - 1].cap and not toks[k - 1].syllable and not t.syllable
                if not foreign_run and self._starts_someone(toks, k):  # ("Pinecrest Hospitality" is one name)
                    closed = True
                    break
            elif t.text[0].isdigit() and k + 1 < n and toks[k + 1].text in ",;)":
                pass  # "Vùng Cảnh sát biển 4;": a numbered unit
            elif not t.word or t.text[0].isdigit():
                # a sentence end closes a title in apposition only: elsewhere the predicate runs up to it too
                closed = t.text in ",;:()[]–-—" or after_name and t.text in ".\n"
                break
            elif t.key == "và":
                if k + 1 < n and lex.body_lower.match(toks, k + 1):
                    k += 1  # "đê điều và Phòng, chống thiên tai"
                    continue
                if k + 1 < n and self._starts_someone(toks, k + 1):
                    closed = True  # "… Cảnh sát biển và Chuẩn Đô đốc Meas Sophal"
                    break
                if not (k + 1 < n and toks[k + 1].cap and not lex.org_heads.match(toks, k + 1)
                        and not lex.not_bodies.match(toks, k + 1)):
                    return j  # "và" joins two parts of the name only: "nợ và Kinh tế đối ngoại"
            elif t.key in ("tại", "của") and k + 1 < n and toks[k + 1].cap and not self._starts_someone(toks, k + 1) \
                    and not lex.not_bodies.match(toks, k + 1):
                pass  # "… Doanh nghiệp châu Âu tại Việt Nam (EuroCham)", "… Thực phẩm của Hiệp hội …"
            elif t.key in lex.name_closers and lex.name_closers.match(toks, k):
                closed = True  # "… thiên tai | cho biết", "… nông dân huyện | cùng …"
                break
            elif t.key in lex.name_enders and lex.name_enders.match(toks, k):
                return j
            k += 1
        return k if closed and k > j else j

    def _starts_someone(self, toks, k) -> bool:
        """A new title, rank or person starts at token k (not a word of address: "… về việc bổ nhiệm | ông X")."""
        return self._breaks_title(toks, k) or toks[k].key in self.lex.ranks or toks[k].key in self.lex.degrees \
            or bool(self.person_at(toks, k, strict=True))


    def _parent_body(self, toks, body_start, j) -> int:
        """End of the larger body named after the comma at j when the title's body so far is a unit of it
        ("Phó Tư lệnh Bộ đội Biên phòng, Bộ Quốc phòng") or the title has no body yet ("Chỉ huy trưởng, Bộ Chỉ huy Bộ
        đội biên phòng tỉnh"), else 0. Not a list of bodies ("…, Sở Y tế và …")."""
        n = len(toks)
        if not (j == body_start or any(self.lex.subunits.match(toks, b) for b in range(max(0, body_start - 2), j))) \
                or j + 1 >= n \
                or not toks[j + 1].cap or self._breaks_title(toks, j + 1):
            return 0
        m = self.lex.org_heads.match(toks, j + 1)
        if not m:
            return 0
        k = max(self._body(toks, j + 1 + m, toks[j + m], in_title=False), j + 1 + m)
        if k + 1 < n and (toks[k].key == "và" and toks[k + 1].cap
                          or toks[k].text == "," and self.lex.org_heads.match(toks, k + 1)):
            return 0  # (but "…, Bộ Ngoại giao và đại diện các sở": the list is of people)
        return k

    def _domain_series(self, toks, j) -> int:
        """Index past the "và" (and the word after it) that closes a series of domains after the comma at j
        (", Công nghiệp và Năng lượng", ", Tài chính, Ngân hàng và Kiểm toán"), each a capitalised word or a few (its
        second syllable, or a domain word, may be lower case) that starts no title, rank, body or person; else 0."""
        n, k = len(toks), j
        while k < n and toks[k].text == ",":
            a = k + 1
            if a >= n or not (toks[a].cap and toks[a].word and toks[a].syllable) or toks[a].abbr \
                    or self._breaks_title(toks, a) or self.lex.ranks.match(toks, a) \
                    or self.person_at(toks, a, strict=True) or self.lex.places.match(toks, a) \
                    or k == j and self.lex.org_heads.match(toks, a):
                return 0  # (not "…, Sở Tài chính và …": a list of bodies; "Ngân hàng" later in a series is a domain)
            b = a + 1
            while b < n and b - a < 5 and toks[b].word:
                if toks[b].cap or f"{toks[b - 1].key} {toks[b].key}" in self.lex.pairs:
                    b += 1
                elif m := self.lex.body_lower.match(toks, b):
                    b += m  # "Hợp tác quốc tế", "Y tế cộng đồng"
                else:
                    break
            k = b
        ok = k > j and k + 1 < n and toks[k].key == "và" and toks[k + 1].cap and toks[k + 1].syllable \
            and not self._breaks_title(toks, k + 1) and not self.person_at(toks, k + 1, strict=True)
        return k + 2 if ok else 0  # (past "và" and the last domain's first word: "… và Kiểm toán" is no second body)

    @staticmethod
    def _member_of_university(toks, body_start, j) -> bool:
        """The comma at j joins a school to the (regional or national) university it belongs to: "Trường Đại học
        Khoa học Tự nhiên, Đại học Quốc gia Hà Nội"."""
        def university_at(k):
            return k + 2 < len(toks) and toks[k].key == "đại" and toks[k + 1].key == "học" and toks[k + 2].cap
        return university_at(j + 1) and any(toks[k].key == "trường" and (university_at(k + 1) or toks[k + 1].key in (
            "cao", "học")) for k in range(body_start, j))

    def _after_place_intro(self, toks, j) -> bool:
        """Token j is in a place name that "tỉnh", "huyện", "Vương quốc" … opened ("huyện Cư M'gar")."""
        for k in range(j, max(0, j - 3), -1):  # back over the place name's capitalised words
            prev1 = toks[k - 1].key if k >= 1 else ""
            prev2 = f"{toks[k - 2].key} {prev1}" if k >= 2 else ""
            if k < j and self.lex.places.match(toks, k) == j - k:
                return False  # a known place ends right before j: "tỉnh Kampong Speu | Touch Poliva"
            if _admin_before(toks, k) or k == j and (prev1 in _PLACE_INTRO or prev2 in _PLACE_INTRO):
                # (a country is one name: "Vương quốc Bỉ Mathilde" — the next word is a person; so is a foreign
                # place before two more foreign words: "tỉnh Saitama Ueda Kiyoshi", not "bang New York")
                return not (k == j - 1 and not toks[j].syllable and _foreign_word(toks, j + 1))
            if k - 1 < 0 or not toks[k - 1].cap:
                return False
        return False

    @staticmethod
    def _company_name_at(toks, j) -> bool:
        """A run of foreign words at j that names a company ("Everbright Technology Việt Nam")."""
        for k in range(j, min(len(toks), j + 5)):
            if not toks[k].cap:
                return False
            if toks[k].key in _COMPANY_WORDS or _pair_or_word(toks, k + 1) in _COMPANY_WORDS:
                return True
        return False

    # -- names ----------------------------------------------------------------------------------------------------
    def _run(self, toks, i, limit: int | None = None) -> int:
        """End of the run of name words at i; with `limit`, the scan stops after that many tokens (a caller that
        rejects longer runs needs no more, and a page of capitalised words stays linear)."""
        j = i
        stop = len(toks) if limit is None else min(len(toks), i + limit)
        while j < stop:
            if toks[j].name and (j == i or not self._breaks_title(toks, j)):
                j += 1
            elif j > i + 1 and toks[j].text == "." and len(toks[j - 1].text) == 1 and toks[j - 1].cap \
                    and j + 1 < len(toks) and toks[j + 1].name:
                j += 1  # the dot of a middle initial: "Marc E. Knapper", "Philip D. Jaffé"
            elif j > i and toks[j].key in _NAME_PARTICLES and j + 1 < len(toks) and toks[j + 1].cap \
                    and not all(t.syllable for t in toks[i:j]):
                j += 1  # "Ingrid Van der Berg", "Ahmad bin Ismail"
            else:
                break
        return j

    def _second_syllable(self, toks, k) -> bool:
        """Token k ends a capitalised two-syllable word ("Môi trường"): it is not the noun "trường"."""
        return k >= 1 and toks[k - 1].cap and not toks[k].cap and f"{toks[k - 1].key} {toks[k].key}" in self.lex.pairs

    def _blocked(self, toks, i) -> bool:
        """The capitalised run at i is part of a place/organisation name or a credit. In a list ("phố Hồ Tùng Mậu
        và Tôn Đức Thắng") an item is blocked when the item before it is: the chain back over a roster of
        thousands of names is followed iteratively, and each item's answer kept for the items after it (per token
        list), so a roster costs one pass."""
        if self._blocked_memo[0] is not toks:  # answers hold for one token list: a new one starts afresh
            self._blocked_memo = (toks, {})
        known = self._blocked_memo[1]
        chain = []  # items whose answer is that of the item before them
        while i not in known:
            step = self._blocked_step(toks, i)
            if isinstance(step, bool):
                known[i] = step
                break
            chain.append(i)
            i = step
        answer = known[i]
        for j in chain:
            known[j] = answer
        return answer

    def _blocked_step(self, toks, i) -> bool | int:
        """_blocked's own test of the run at i: True or False, or the start of the list item before it, whose
        answer is this one's."""
        k = i - 1
        while k >= 0 and toks[k].text in (":", "“", "\""):
            k -= 1
        if k >= 0 and toks[k].text[0].isdigit():
            # "số 25 Âu Cơ", "Lô 3 Trần Phú": a street after a house number; not after a numbered unit ("quận 8 Võ …")
            return not (toks[k - 1].key in _NUMBERED_UNITS or _pair_or_word(toks, k) in _NUMBERED_UNITS)
        for width in (3, 2, 1):  # ("khu công nghiệp Đồng An")
            s = k - width + 1
            if s >= 0 and self.lex.blockers.match(toks, s) == width:
                # "Bộ … Môi trường Lê Văn Nam": "trường" ends a word here, it is not a school; nor is "phố" of
                # "thành phố" a street
                return not (self._second_syllable(toks, s) or s >= 1 and f"{toks[s - 1].key} {toks[s].key}" in _ADMIN)
        if k >= 1 and (toks[k].key == "và" or toks[k].text in ",.;:-–"):  # "phố Hồ Tùng Mậu và Tôn Đức Thắng": a list
            b = k - 1
            while b >= 0 and toks[b].cap and not toks[b].abbr:
                b -= 1
            return b + 1 if b < k - 1 else False
        return False

    def person_at(self, toks, i, after_title=False, introduced=False, strict=False) -> int:
        """End index of a person name starting at token i, or 0; a foreign name after a title keeps its regnal
        number ("Quốc vương Mohammed VI", "Vua Charles III")."""
        end = self._name_end(toks, i, after_title, introduced, strict)
        if end and after_title and end < len(toks) and _REGNAL.fullmatch(toks[end].text) \
                and not all(t.syllable for t in toks[i:end]):
            return end + 1
        return end

    def _name_end(self, toks, i, after_title=False, introduced=False, strict=False) -> int:
        """End index of a person name starting at token i, or 0.

        A name starts with a family name and has 2–5 capitalised syllables; after a title or a word of address
        ("Ngài", "đồng chí") any capitalised run counts, so foreign names ("Vilayvong Buddakham") are found.
        `strict`: only a family-name start or a foreign word (used inside a title's organisation)."""
        if toks[i].key in self.lex.brands:
            return 0  # "Petrovietnam" is a company
        if not toks[i].name or toks[i].key not in self.lex.surnames and (
                strict and toks[i].syllable or not (after_title or introduced or strict)):
            return 0  # without a title or word of address before it, a name starts with a family name (or, strict,
            # is foreign)
        # a run of more than 5 is no name (6 tokens tell), but for a foreign name with particles after a title:
        # "Tổng thống Brazil Luiz Inácio Lula da Silva", "Đại sứ Francisco de Assis Morais e Cunha Vaz Patto"
        long_ok = (after_title or introduced or strict) and not toks[i].syllable
        end = self._run(toks, i, 10 if long_ok else 6)
        n = end - i
        if long_ok and n >= 5 and not (n <= 9 and any(t.key in _NAME_PARTICLES for t in toks[i + 1:end - 1])):
            end, n = (i + 5, 5) if n > 5 else (end, n)  # (too long: judged as before, on its first 5 tokens)
            long_ok = False
        # (a Vietnamese family name goes with Vietnamese given names: "Ông Arthur Erken" is Mr Erken)
        surname_first = toks[i].key in self.lex.surnames and n >= 3 and toks[i + 1].syllable
        if not long_ok and (n > 5 or (n == 5 and toks[i].key not in self.lex.surnames)):
            return 0
        if self.lex.honorifics.match(toks, i) and not ((after_title or introduced or strict) and surname_first):
            return 0  # "ông" is a word of address, except right after one ("Ông Ông Văn Thạch")
        if (self.lex.org_heads.match(toks, i) and not (toks[i].key in self.lex.surnames and n >= 3)
                or self.lex.org_heads.match(toks, i) == 1 and self.lex.org_heads.match(toks, i + 1)) \
                and not (n == 2 and _korean_given(toks[i + 1].text)):
            return 0  # "Đoàn Thanh niên", "Đoàn Ban Tuyên giáo" are bodies, "Đoàn Minh Tuệ" a person (and so is "Ban
            # Ki-moon": a hyphenated Korean given name)
        if not (after_title or introduced) and end < len(toks) and toks[end].text.isdigit():
            return 0  # "công nhận Từ Tâm 1 đạt chuẩn": a numbered village or unit
        surname = toks[i].key in self.lex.surnames
        place = self.lex.places.match(toks, i)
        if place and place < n and (n - place >= 2 and toks[i + place].key in self.lex.surnames
                                    or self.lex.countries.match(toks, i) == place):
            return 0  # "An Giang Lê Văn Nưng", "Campuchia Samdech Heng Samrin": the name starts after the place
            # (but "Trần Phú Hưng" is a name)
        if toks[i].key in _WORD_SURNAMES and self.lex.places.match(toks, i + 1) == n - 1:
            return 0  # "Vì Việt Nam xanh": the word "vì" (for) before a place, not the family name Vì
        if place < n and self.lex.units.match(toks, i) == n and (
                _admin_before(toks, i) or _listed_after_admin(toks, i)
                or not (introduced or (after_title or strict) and surname)):
            return 0  # "Lâm Sơn", "Châu Thành A", "Yên Phong", "xã An Thới Đông": a ward, commune or district
        if place > n:
            return 0  # the run opens a longer place name: "Phan Rang - Tháp Chàm"
        if place == n:
            # "Hà Nội", "TP Hồ Chí Minh" are places; "Chủ tịch Hồ Chí Minh" is a person
            if (after_title or strict) and surname and n >= 3 and not self._blocked(toks, i) \
                    and not _admin_before(toks, i):  # not "Bộ Tư lệnh Thành phố Hồ Chí Minh"
                return end
            return 0
        if self._blocked(toks, i) and not (after_title and n >= 2 and not any(t.syllable for t in toks[i:end])):
            return 0  # (a title's foreign person is no place: "Bộ trưởng Cảng và Sân bay | Silvio Costa Filho")
        if n == 2 and toks[i].key in _CAN and toks[i + 1].key in _CHI:
            return 0
        double = n == 4 and surname and not (self.lex.units.match(toks, i) or place or self.lex.honorifics.match(toks, i))
        # (a double family name, "Lương Nguyễn Minh Triết"; not "Ông Trần Văn Minh")
        if (n >= 4 and toks[i + 1].key in _TOP_SURNAMES and not double) or (
                n >= 5 and any(toks[k].key in _TOP_SURNAMES for k in range(i + 2, end - 1))):
            return 0  # "… huyện Đinh Lập Hoàng Văn Nam": the name starts at the later family name
        if (after_title or introduced) and any(_korean_given(t.text) for t in toks[i + 1:end]):
            return end  # "Choi Young-soo", "Park Ji-hoon": a hyphenated given name makes it a name, wherever it stands
        admin = _admin_before(toks, i)
        in_place = admin or (  # right after "huyện", or inside "tỉnh Bắc …" (not after a foreign place: "tỉnh
            # Saitama Ueda Kiyoshi")
            i >= 2 and toks[i - 1].cap and not toks[i - 1].abbr and _admin_before(toks, i - 1)
            and (n < 2 or all(t.syllable for t in toks[i:end])))
        # a district/commune is almost always named ("huyện Trần Đề"); a province often is not ("HĐND tỉnh Võ Hồng")
        two_ok = (toks[i].key in _TOP_SURNAMES or toks[i].key in _NAME_PREFIXES) and admin in _UNNAMED_ADMIN
        # outside a title "xã Hồ Tùng Mậu" is a place; inside one ("Chủ tịch UBND xã Nguyễn Văn A") a full name a person
        if in_place and not (surname and n >= 3 and (strict or after_title or admin in _UNNAMED_ADMIN) or two_ok):
            return 0  # "huyện Lâm Bình" is a place (names mostly have a middle name); "tỉnh Võ Hồng" a person
        if surname and n >= 2:
            return end
        if strict:
            return end if not toks[i].syllable else 0
        foreign = not all(t.syllable for t in toks[i:end])
        if (after_title or introduced) and (n >= 2 or foreign and len(toks[i].text) >= 3):
            return end
        return 0

    # -- the pass ---------------------------------------------------------------------------------------------------
    def __call__(self, toks: list[Tok]) -> list[Ent]:
        ents: list[Ent] = []
        i, n = 0, len(toks)
        after_title = introduced = in_list = False
        apposition = False  # right after "NAME," / "NAME –" / a title in such a chain: lower-case titles count
        career = False  # in a list of posts after a verb of post: lower-case titles with a body count there too
        plain = self._plain
        if len(plain) > 200_000:  # numbers and codes keep adding new token texts: stay bounded
            plain.clear()
        while i < n:
            t = toks[i]
            if (kind := plain.get(t.text)) is None:
                kind = plain[t.text] = self._plain_kind(t)
            # lower-case titles count in apposition and after a plural word ("các", "3 thứ trưởng gồm: …")
            listed = kind != 1 and (apposition or i > 0 and (toks[i - 1].key in _PLURAL or toks[i - 1].text.isdigit()
                                                              and len(toks[i - 1].text) <= 2))
            titles_next = kind != 1 and not listed and not t.cap and t.key in self.lex.heads and self._titles_name(toks, i)
            # after a verb of post a lower-case title with a body is a title ("được bầu làm chủ tịch HĐND tỉnh"), and so
            # are the next ones of the list ("từng giữ các chức vụ: trưởng Ban Tuyên giáo Tỉnh ủy, bí thư Thị ủy …")
            of_posts = kind != 1 and i > 0 and (toks[i - 1].key in _POST_ENDS or toks[i - 1].text == ":" and i > 1
                                  and toks[i - 2].key in _POST_ENDS
                                  or career and (toks[i - 1].text in ",;" or toks[i - 1].key == "rồi"))
            posted = kind != 1 and not t.cap and of_posts \
                and f"{toks[i - 1].key} {t.key}" not in ("chức vụ", "chức danh")  # ("chức vụ Trưởng Ban …": the noun)
            if kind == 1 or kind == 2 and not (listed or titles_next or posted):
                # fast path for the common case, a plain lower-case word or a symbol: it only ends a name context
                if after_title and i + 1 < n and f"{t.key} {toks[i + 1].key}" in _INCUMBENT:
                    i += 2  # "Đại sứ Mỹ tại Việt Nam hiện nay Daniel Kritenbrink": the title still names who follows
                    continue
                if t.word or t.text not in ",-–(:":
                    after_title = introduced = False
                    apposition = apposition and t.key == "kiêm"
                career = career and (t.text in ",;" or t.key == "rồi")
                i += 1
                continue
            if t.text == "." and ents and ents[-1].rank and ents[-1].end == i:
                i += 1  # "TS. Cao Minh Đức": the abbreviation's dot, not a sentence end
                continue
            if t.text == "\n" or t.text in ".!?":
                after_title = introduced = in_list = apposition = career = False
                i += 1
                continue
            addressed = i > 0 and toks[i - 1].key in self.lex.honorifics  # "Em Ông Gia Bảo": the 2nd is a name
            if t.key in self.lex.honorifics and (m := self.lex.honorifics.match(toks, i)) and not (t.cap and (
                    self.person_at(toks, i, after_title, introduced or addressed)
                    or self.lex.places.match(toks, i) > m)) \
                    and not self._titled_body(toks, i):  # "Tân Sơn Nhất" is a place, not "tân" + a name
                in_list = in_list or toks[i].key == "các"  # "có các đồng chí: A, …; B, …": every item is a person
                # kinship words ("anh", "chị", "cô" …) also mean "English", "aunt"…: they do not vouch for a name
                introduced = toks[i + m - 1].key not in _WEAK_ADDRESS
                i += m
                continue
            if in_list and t.text == ";":
                introduced = True
                i += 1
                continue
            lower_ok = listed or titles_next or (
                not t.cap and (m := self.lex.ranks.match(toks, i)) and i + m < n  # "thượng tá Lê Hồng Quang"
                and bool(self.person_at(toks, i + m, after_title=True)))
            lower_ok = lower_ok or t.key in _DEPUTY and i + 1 < n and toks[i + 1].cap  # "quyền Chủ tịch UBND tỉnh"
            # a promotion's ranks, in lower case too: "thăng cấp bậc hàm từ thiếu tướng lên trung tướng"
            lower_ok = lower_ok or not t.cap and t.key in self.lex.ranks and i > 0 and (
                toks[i - 1].key in ("hàm", "lên") or i > 1 and toks[i - 1].key == "từ" and toks[i - 2].key == "hàm")
            title = self.title_at(toks, i, lower_ok or posted, apposition) if t.key in _FORMER or (t.cap or lower_ok or posted) and (
                t.key in self.lex.heads or t.key in self.lex.ranks or t.key in self.lex.degrees or t.key in _DEPUTY) else None
            if title and posted and not lower_ok and title[0] <= i + self._head(toks, i, True)[0] \
                    and self.lex.bare_titles.match(toks, i) != title[0] - i:
                title = None  # a bare lower-case head after the verb is a plain noun ("là chủ tịch")
            if title:
                end, rank = title
                ents.append(Ent("POSITION", i, end, rank))
                i = end
                after_title, introduced, career = True, False, of_posts
                apposition = apposition and not rank
                continue
            # after a title and an organisation (its own entity) a foreign name is the title's person, and the
            # organisation the title's: "Chủ tịch Thượng viện Liên bang và Quốc hội Davi Alcolumbre", "Trưởng ban Cố
            # vấn Đối ngoại, Văn phòng Chủ tịch Anna-Maria Boura" (r11, r23)
            foreign_after = t.cap and not after_title and not t.syllable and len(ents) > 1 and ents[-1].end == i \
                and ents[-1].label == "ORG" and ents[-2].label == "POSITION" and not ents[-2].rank \
                and ents[-1].start - ents[-2].end <= 1
            if t.cap and (end := self.person_at(toks, i, after_title or foreign_after, introduced or addressed)):
                if foreign_after:
                    ents[-2:] = [Ent("POSITION", ents[-2].start, ents[-1].end)]
                ents.append(Ent("PERSON", i, end))
                i = end
                after_title = introduced = career = False
                apposition = True
                continue
            if t.cap and ((m := self.lex.places.match(toks, i)) or (_admin_before(toks, i) or _listed_after_admin(
                    toks, i)) and (m := self.lex.units.match(toks, i))):
                i += m  # "Cà phê Buôn Ma Thuột", "các huyện …, Trần Văn Thời": a place; none of its words starts a name
                after_title = introduced = apposition = False
                continue
            if t.name and t.key in self.lex.surnames and self._blocked(toks, i):
                i = self._run(toks, i)  # "Giải thưởng Tạ Quang Bửu": the name is the award's; "Quang Bửu" is none
                after_title = introduced = apposition = False
                continue
            if t.cap and t.key in self.lex.org_heads and (m := self.lex.org_heads.match(toks, i)) and (toks[i].abbr or m > 1 or i + 1 < n and toks[i + 1].cap):
                end = max(self._body(toks, i + m, toks[i + m - 1], in_title=False), i + m)
                ents.append(Ent("ORG", i, end))
                i = end
                after_title = introduced = False
                continue
            # only whitespace-free punctuation keeps the "a name may follow" context (", ", " - ")
            if t.word or t.text not in ",-–(:":
                after_title = introduced = False
                apposition = apposition and t.key == "kiêm"
            career = career and (t.text in ",;" or t.key == "rồi")
            i += 1
        return ents



@lru_cache(maxsize=1)
def get_recognizer() -> Recognizer:
    return Recognizer()
