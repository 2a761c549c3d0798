"""Places a page names, resolved against the gazetteer underthesea ships: provinces, districts and communes before
the 2025 reorganisation (63 provinces, 696 districts, 10,040 communes) and the 34 provinces and 3,321 communes after
it, with the mapping from the old units to the new ones (underthesea/address/data/mapping.json, from
vietnamadminunits). The file is read as data; underthesea itself is never imported.

A name counts as a place when a level word says so ("tỉnh Long An", "Tỉnh ủy Nghệ An", "huyện Cẩm Xuyên",
"xã Sà Phìn", "TP.HCM"), or, for a province, when its name stands alone in name case ("… tại Hà Nội") and is not part
of a longer name ("Thái Bình Dương", "Báo Long An") or a person's ("Nguyễn Hòa Bình"). A district or commune name
recurs across provinces ("xã Tân Thành" in 30 of them): it is resolved to the province the page names, and left
without a province when the page does not decide it.

>>> g = gazetteer()
>>> [(p.level, p.name, p.province, p.province_today) for p in g.find("UBND tỉnh Long An làm việc tại huyện Cẩm Xuyên, Hà Tĩnh")]
[('province', 'Tỉnh Long An', 'Long An', 'Tây Ninh'), ('district', 'Huyện Cẩm Xuyên', 'Hà Tĩnh', 'Hà Tĩnh'), ('province', 'Tỉnh Hà Tĩnh', 'Hà Tĩnh', 'Hà Tĩnh')]
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate
from typing import Iterable

from pipeline.text.lexicons import _underthesea_file, table, word_alternation, words
from pipeline.text.normalize import fold_tones, key, lower_view
from pipeline.text.tokens import UPPER

# The units a name after each level word can be (closed: the levels of Luật Tổ chức chính quyền địa phương and their
# Party committees). "thành phố" is a province (Hải Phòng) or a city inside one (Vinh); "hợp tác xã" is listed
# so that its name is never read as a commune's.
_LEVELS: dict[str, tuple[str, ...]] = {
    "tỉnh": ("province",), "tỉnh ủy": ("province",),
    "thành phố": ("province", "district"), "tp": ("province", "district"), "thành ủy": ("province", "district"),
    "huyện": ("district",), "quận": ("district",), "thị xã": ("district",),
    "huyện ủy": ("district",), "quận ủy": ("district",), "thị ủy": ("district",),
    "xã": ("commune",), "phường": ("commune",), "thị trấn": ("commune",), "đặc khu": ("commune",),
    "hợp tác xã": (),
}
_UNIT_PREFIX = re.compile(r"^(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+", re.I)
_WORD = rf"(?:[{UPPER}\d][\w']*)"
_LEVEL_RE = re.compile(
    r"(?<![\w.])(?P<level>(?i:" + "|".join(sorted((re.escape(w).replace(r"\ ", r"[ \t]+") for w in _LEVELS),
                                                   key=len, reverse=True)) + r"))"
    rf"(?:\.[ \t]*|[ \t]+)(?P<name>{_WORD}(?:(?:[ \t]+|[ \t]*-[ \t]*){_WORD}){{0,4}})")
# where a level word can begin, on the lower-case view of the text: the first words of the level words, as literals
# (a pattern that opens with literals lets `re` skip ahead to their first letters; _LEVEL_RE, which opens with a
# look-behind and a case-blind alternation, then tries each such offset only)
_LEVEL_HEAD = re.compile("|".join(sorted({re.escape(w.split()[0]) for w in _LEVELS}, key=len, reverse=True)))
_NAME_SPLIT = re.compile(r"([ \t]*-[ \t]*|[ \t]+)")
_WORD_BEFORE = re.compile(r"(\w+) $")
_CAPITAL_AFTER = re.compile(r" (\w)")
# the unit word of a title with no name after it ("Chủ tịch UBND tỉnh", "Bí thư Huyện ủy"): the page's unit
UNNAMED_LOCAL = re.compile(r"(?<!\w)(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|tỉnh ủy|thành ủy|"
                           r"huyện ủy|quận ủy|thị ủy)(?!\w)", re.I)
# a province name that is also a person's ("tư tưởng Hồ Chí Minh"): a place only after a level word ("TP. Hồ Chí Minh")
_NEEDS_LEVEL = {"Hồ Chí Minh"}
# how far (characters) a province named beside a district or commune may be to decide it ("xã A, huyện B, tỉnh C")
_NEAR = 80
# the reorganisation took effect on this date: a page dated after it names the new communes
REORGANISED = "2025-07-01"


@lru_cache(maxsize=20_000)  # province names recur on every page (key_of)
def _nkey(name: str) -> str:
    """Gazetteer key of a name: folded, hyphens as spaces ("Bà Rịa-Vũng Tàu" = "Bà Rịa - Vũng Tàu")."""
    return " ".join(key(name).replace("-", " ").split())


def _bare(name: str) -> str:
    return _UNIT_PREFIX.sub("", name)


@dataclass(frozen=True)
class Unit:
    level: str  # "province" | "district" | "commune"
    name: str  # as the gazetteer writes it: "Tỉnh Long An", "Huyện Cẩm Xuyên", "Xã Sà Phìn"
    province: str  # the old province's gazetteer key ("tinhlongan"), or the new one's for a commune after 2025
    district: str | None = None
    commune_today: str | None = None  # the commune it became part of in 2025 (old communes)
    new: bool = False  # a unit after the 2025 reorganisation


@dataclass(frozen=True)
class Place:
    """One place a text names, resolved."""
    level: str
    text: str  # as written, with its level word
    start: int  # offsets into the text searched
    end: int
    level_word: str | None  # "tỉnh", "Tỉnh ủy", "TP" … as written; None for a province named alone
    name: str  # the unit's name in the gazetteer
    district: str | None
    commune_today: str | None
    province: str | None  # short name of the province of the time ("Long An"); None when undecided
    province_code: str | None
    province_today: str | None  # the province it is part of since 2025-07-01 ("Tây Ninh")
    province_today_code: str | None


class Gazetteer:
    def __init__(self, data: dict):
        self.old = data["old_province_names"]  # key → {name, short, code}
        self.new = data["province_names"]
        self.to_new = data["province_mapping"]  # old key → new key
        self.provinces: dict[str, str] = {}  # name key → old province key
        for k, info in self.old.items():
            self.provinces[_nkey(info["short"])] = k
        by_short = {info["short"]: k for k, info in self.old.items()}
        for spelling, short in table("export/place_aliases").items():
            self.provinces[_nkey(spelling)] = by_short[short]
        self.districts: dict[str, list[Unit]] = {}
        self.communes: dict[str, list[Unit]] = {}
        seen = set()
        for w in data["ward_mapping"]:
            prov = w["old_province_key"]
            if (prov, w["old_district"]) not in seen:
                seen.add((prov, w["old_district"]))
                self.districts.setdefault(_nkey(_bare(w["old_district"])), []).append(
                    Unit("district", w["old_district"], prov, w["old_district"]))
            if (prov, w["old_district"], w["old_ward"]) not in seen or w.get("is_default"):
                seen.add((prov, w["old_district"], w["old_ward"]))
                self.communes.setdefault(_nkey(_bare(w["old_ward"])), []).append(
                    Unit("commune", w["old_ward"], prov, w["old_district"], w["new_ward"] or None))
            if w["new_ward"] and (w["new_province_key"], w["new_ward"]) not in seen:
                seen.add((w["new_province_key"], w["new_ward"]))
                self.communes.setdefault(_nkey(_bare(w["new_ward"])), []).append(
                    Unit("commune", w["new_ward"], w["new_province_key"], None, w["new_ward"], new=True))
        # divided communes list one entry per part: keep the default one (is_default), placed last above
        for k, units in self.communes.items():
            dedup: dict[tuple, Unit] = {}
            for u in units:
                dedup[(u.province, u.district, u.name, u.new)] = u
            self.communes[k] = list(dedup.values())
        names = [info["short"] for info in self.old.values() if info["short"] not in _NEEDS_LEVEL]
        names += list(table("export/place_aliases"))
        self._bare_re = word_alternation(fold_tones(n) for n in names)

    # --- resolution ---------------------------------------------------------------------------------------------
    def province_unit(self, old_key: str) -> Unit:
        return Unit("province", self.old[old_key]["name"], old_key)

    def place(self, unit: Unit, text: str, start: int, end: int, level_word: str | None,
              province_known: bool = True) -> Place:
        if unit.new:
            new = self.new.get(unit.province, {})
            old = {"short": new.get("short"), "code": new.get("code")}
        else:
            old = self.old.get(unit.province, {})
            new = self.new.get(self.to_new.get(unit.province), {})
        if not province_known:
            old, new = {}, {}
        return Place(unit.level, text, start, end, level_word, unit.name, unit.district, unit.commune_today,
                     old.get("short"), old.get("code"), new.get("short"), new.get("code"))

    def today(self, old_key: str | None) -> str | None:
        return self.new.get(self.to_new.get(old_key), {}).get("short") if old_key else None

    def short(self, old_key: str | None) -> str | None:
        return self.old.get(old_key, {}).get("short") if old_key else None

    def key_of(self, short: str | None) -> str | None:
        """Old province key of a province's short name (as Place.province gives it)."""
        return self.provinces.get(_nkey(short)) if short else None

    def find(self, text: str, *, skip: Iterable[tuple[int, int]] = (), starts: Iterable[int] = (),
             context: Iterable[str] = (), date: str | None = None) -> list[Place]:
        """Every place `text` names, in order. `skip`: spans that are not places (a person's name); `starts`: offsets
        where a name begins (an entity), so a bare province before it is not part of a longer name; `context`:
        provinces (old keys) that decide a district or commune whose name recurs; `date` (ISO): a page dated after
        the 2025 reorganisation names the new communes first."""
        return self.resolve(self.hits(text, skip=skip, starts=starts, date=date), context, date)

    def hits(self, text: str, *, skip: Iterable[tuple[int, int]] = (), starts: Iterable[int] = (),
             date: str | None = None) -> list[tuple]:
        """The names `text` gives places, each with its candidate units, before they are resolved (what `find` finds
        does not depend on `context`: a page resolved again with its province scans once)."""
        folded = fold_tones(text)
        view = lower_view(text, folded)  # (offsets as in `folded`)
        skip, starts = list(skip), set(starts)
        hits: list[tuple[int, int, str, list[Unit], str | None]] = []  # start, end, text, candidates, level word
        taken: list[tuple[int, int]] = []
        pos = 0
        while m := _level_search(folded, view, pos):  # not finditer: a level word whose name fails frees the words after it
            pos = m.start() + 1
            levels = _LEVELS[" ".join(m.group("level").lower().split())]
            if not levels:
                taken.append(m.span())
                pos = m.end()
                continue
            words = _NAME_SPLIT.split(m.group("name"))  # words and the separators between them
            for n in range(len(words), 0, -2):  # the longest run of words that names a unit
                name = "".join(words[:n])
                units = self._candidates(name, levels, m.group("level"), date)
                if units:
                    end = m.start("name") + len(name)
                    hits.append((m.start(), end, text[m.start():end], units, text[m.start():m.end("level")]))
                    taken.append((m.start(), end))
                    pos = end
                    break
        blocked = sorted(taken + skip)  # a bare name overlapping one of these is no place
        block_starts = [ts for ts, _ in blocked]
        reach = list(accumulate((te for _, te in blocked), max))  # the furthest end among the first i + 1 spans
        for m in self._bare_re.finditer(folded):
            s, e = m.span()
            i = bisect_left(block_starts, e)  # the spans that start before the name ends: does one end after it starts?
            if (i and reach[i - 1] > s) or self._inside_longer_name(folded, s, e, starts):
                continue
            hits.append((s, e, text[s:e], [self.province_unit(self.provinces[_nkey(m.group())])], None))
        hits.sort()
        return hits

    def resolve(self, hits: list[tuple], context: Iterable[str] = (), date: str | None = None) -> list[Place]:
        return self._resolve(hits, set(context), bool(date and date >= REORGANISED))

    @staticmethod
    def _inside_longer_name(text: str, s: int, e: int, starts: set[int]) -> bool:
        """A bare name inside a longer one: a person's after a family name ("Nguyễn Hòa Bình" where the NER found no
        person), or a name that goes on ("Thái Bình Dương", "Đồng Tháp Mười") unless the word after it begins an
        entity ("Đà Nẵng Nguyễn Văn Quảng", "Hà Nội Thủ tướng …"). A name after another word in capitals is kept:
        "Báo Long An" and "Tại Long An" are both about Long An."""
        before = _WORD_BEFORE.search(text[max(0, s - 30):s])
        if before and before.group(1)[:1].isupper() and key(before.group(1)) in words("ner/surnames"):
            return True
        after = _CAPITAL_AFTER.match(text[e:e + 2])
        return bool(after and after.group(1).isupper() and e + 1 not in starts)

    def _candidates(self, name: str, levels: tuple[str, ...], level_word: str, date: str | None) -> list[Unit]:
        """Units of one of `levels` with this name; of the kind the level word says first ("xã Tân Thành" is a
        commune, not the ward "Phường Tân Thành"), then the page's era."""
        k = _nkey(name)
        if "province" in levels and k in self.provinces:
            return [self.province_unit(self.provinces[k])]
        kind = key(level_word)
        after = bool(date and date >= REORGANISED)
        for level, index in (("district", self.districts), ("commune", self.communes)):
            if level in levels and k in index:
                units = [u for u in index[k] if key(u.name).startswith(kind + " ")] or index[k]
                return sorted(units, key=lambda u: u.new != after)
        return []

    def _resolve(self, hits, context: set[str], after: bool) -> list[Place]:
        """Pick each hit's unit: provinces first; a district by the provinces the text (or `context`) names, else
        by the province the text's other district and commune names share; a commune by those and the districts,
        of the page's era (`after` the reorganisation) when both fit. A name the text does not decide keeps no
        province."""
        named = [(s, units[0].province) for s, _, _, units, _ in hits if units[0].level == "province"]
        provinces = {p for _, p in named} | context
        if not provinces:
            provinces = self._shared_province(hits)
        today = {self.to_new.get(p) for p in provinces}
        resolved: dict[int, tuple[Unit, bool]] = {}
        districts: set[tuple[str, str]] = set()
        for level in ("province", "district", "commune"):
            for i, (start, _, _, units, _) in enumerate(hits):
                if units[0].level != level:
                    continue
                if level == "province":
                    resolved[i] = (units[0], True)
                    continue
                fits = [u for u in units if (u.province, u.district) in districts] if level == "commune" else []
                fits = fits or [u for u in units if (u.province in today if u.new else u.province in provinces)]
                # undecided by the page, a name is still one place if all its units are one province today
                decided = bool(fits) or len({self._today_key(u) for u in units}) == 1
                fits = fits or units
                fits = [u for u in fits if u.new == after] or fits
                if fits[0].new and not after:  # a commune named as it is now, on a page of an old province
                    old = [p for p in provinces if self.to_new.get(p) == fits[0].province]
                    fits = [replace(fits[0], province=old[0], new=False)] if len(old) == 1 else fits
                if len({u.province for u in fits}) > 1:  # "xã A, huyện B, tỉnh C": the province named nearest
                    near = sorted((abs(s - start), p) for s, p in named if abs(s - start) <= _NEAR)
                    fits = [u for u in fits if near and u.province in (near[0][1], self.to_new.get(near[0][1]))] \
                        or fits
                known = decided and len({u.province for u in fits}) == 1
                resolved[i] = (fits[0], known)
                if level == "district" and known:
                    districts.add((fits[0].province, fits[0].name))
        return [self.place(resolved[i][0], t, s, e, lw, resolved[i][1]) for i, (s, e, t, _, lw) in enumerate(hits)]

    def _today_key(self, u: Unit) -> str | None:
        return u.province if u.new else self.to_new.get(u.province)

    def _shared_province(self, hits) -> set[str]:
        """The one old province that two or more of the text's district and commune names have in common ("huyện
        Bảo Lâm" and "xã Lộc An": both in Lâm Đồng), when the text names no province."""
        votes: Counter = Counter()
        for name in {_nkey(t) for _, _, t, units, _ in hits if units[0].level != "province"}:
            units = next(u for _, _, t, u, _ in hits if _nkey(t) == name)
            votes.update({u.province for u in units if not u.new})
        top = votes.most_common(2)
        if top and top[0][1] >= 2 and (len(top) == 1 or top[1][1] < top[0][1]):
            return {top[0][0]}
        return set()


def _level_search(folded: str, view: str, pos: int) -> re.Match | None:
    """_LEVEL_RE.search(folded, pos), trying only the offsets where a level word's first word begins in `view`
    (folded.lower(), offset for offset: what the pattern's case-blind level words match, and more)."""
    while head := _LEVEL_HEAD.search(view, pos):
        m = _LEVEL_RE.match(folded, head.start())
        if m:
            return m
        pos = head.start() + 1
    return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per machine and version of its data and code (pipeline.text.cache)."""
    from pipeline.text.cache import cached, code_files
    from pipeline.text.lexicons import data_files
    path = _underthesea_file("address", "data", "mapping.json")
    if path is None:
        raise RuntimeError("the gazetteer underthesea ships (underthesea/address/data/mapping.json) is not installed")
    return cached("gazetteer", lambda: Gazetteer(json.loads(path.read_text(encoding="utf-8"))),
                  data_files() + code_files("text", "export"))


@dataclass
class PagePlaces:
    """The places of one record and the province the page is about."""
    places: list[Place]
    province: str | None  # old key
    date: str | None  # ISO date of the page (meeting, else publication)
    text: str = ""  # the text the places' offsets index into

    @property
    def _after(self) -> bool:
        return bool(self.date and self.date >= REORGANISED)

    def near(self, offset: int) -> str | None:
        """The province (old key) named last before `offset` in its paragraph: on a page about several provinces,
        "HĐND tỉnh Tiền Giang bầu … Ông Nguyễn Văn Khang … làm Chủ tịch UBND tỉnh" is Tiền Giang's chairman."""
        start = self.text.rfind("\n", 0, offset) + 1
        before = [p for p in self.between(start, offset) if p.province]
        return gazetteer().key_of(before[-1].province) if before else None

    def between(self, start: int, end: int) -> list[Place]:
        """The places that begin at or after `start` and before `end`, in order (by bisection: the places of a page
        come in text order; a list given in any other order is read whole)."""
        starts = self.__dict__.get("_starts")
        if starts is None or len(starts) != len(self.places):
            starts = [p.start for p in self.places]
            if any(a > b for a, b in zip(starts, starts[1:])):
                starts = ()
            self.__dict__["_starts"] = starts
        if len(starts) != len(self.places):
            return [p for p in self.places if start <= p.start < end]
        return self.places[bisect_left(starts, start):bisect_left(starts, end)]

    def province_of(self, text: str | None) -> tuple[str | None, str]:
        """(old province key, "text" | "page") of a title or a location: the province it names, else for a local
        title or place with no name ("Bí thư Tỉnh ủy", "UBND huyện") the page's; (None, "") for a national one."""
        province, source, _ = _title_places(text or "", self.province, self._after)
        return province, source

    def post_of(self, title: str, at: int | None = None) -> tuple[str, str | None, str]:
        """A title as a post: (the title without its province's name, old province key, where that comes from:
        "text", "paragraph", "page" or "" for a national post). "Bí thư Tỉnh ủy Long An" and "Bí thư Tỉnh ủy" on a
        page about Long An are one post, ("Bí thư Tỉnh ủy", "tinhlongan"); a district's or commune's name stays in
        the post ("Chủ tịch UBND huyện Cẩm Xuyên"). A local title that names no province takes the one named last
        before `at` (the person's first mention) in its paragraph, else the page's."""
        near = self.near(at) if at is not None else None
        province, source, bare = _title_places(title, near or self.province, self._after)
        return bare, province, "paragraph" if near and source == "page" else source


@lru_cache(maxsize=50_000)  # titles recur across pages
def _title_places(text: str, page_province: str | None, after: bool) -> tuple[str | None, str, str]:
    g = gazetteer()
    found = [p for p in g.find(text, context=[page_province] if page_province else (),
                               date=REORGANISED if after else None) if p.province]
    bare = text
    for p in reversed([p for p in found if p.level == "province"]):  # the name goes, its level word stays
        cut = p.end - len(p.text[len(p.level_word):].lstrip(" .\t")) if p.level_word else p.start
        bare = bare[:cut] + bare[p.end:]
    bare = " ".join(bare.replace(" ,", ",").split()).strip(" ,-–")
    if found:
        return g.key_of(found[-1].province), "text", bare  # "Giám đốc Sở Y tế tỉnh X": the unit named last
    local = UNNAMED_LOCAL.search(text)
    if page_province and local and _fits_level(local.group(), page_province):
        return page_province, "page", bare
    return None, "", bare


def _fits_level(level_word: str, province: str) -> bool:
    """A "tỉnh" title is not one of a centrally-run city (Hà Nội has a Thành ủy, no Tỉnh ủy)."""
    return not key(level_word).startswith("tỉnh") or gazetteer().old[province]["name"].startswith("Tỉnh")


def page_date(record: dict) -> str | None:
    meeting = record.get("meeting") or {}
    published = record.get("published") or ""
    return meeting.get("date") or (published[:10] if re.match(r"\d{4}-\d\d-\d\d", published) else None)


def page_places(record: dict) -> PagePlaces:
    """Places in a record's text (offsets into it), and its province: the one its title names, else the one that
    has more than half of the text's mentions of provinces (a page naming many is about none of them)."""
    g = gazetteer()
    text, date = record.get("text") or "", page_date(record)
    ents = record.get("entities") or []
    people = [(e["start"], e["end"]) for e in ents if e.get("label") == "PERSON"]
    hits = g.hits(text, skip=people, starts=[e["start"] for e in ents], date=date)
    places = g.resolve(hits, date=date)
    counts: Counter = Counter()
    first: dict[str, int] = {}  # province key → offset of its first mention
    for p in places:
        if p.province:
            k = g.key_of(p.province)
            counts[k] += 1
            first[k] = min(first.get(k, p.start), p.start)
    province = None
    title = record.get("title") or ""
    in_title = [p for p in (g.find(title, date=date) if title and not text.startswith(title) else
                            [p for p in places if p.end <= len(title)]) if p.province]
    if in_title:
        province = g.key_of(in_title[0].province)
    elif counts:
        top, n = max(counts.items(), key=lambda kv: (kv[1], -first[kv[0]]))
        # a page naming many provinces (a national report) is about none of them
        province = top if 2 * n > sum(counts.values()) else None
    # a district or commune the text alone left open is decided by the page's province
    if province and any(p.province is None for p in places):
        places = g.resolve(hits, context=[province], date=date)
    return PagePlaces(places, province, date, text)
