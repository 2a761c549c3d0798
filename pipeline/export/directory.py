"""People directory: the same official across many pages becomes one person with a stable `person_id`, and each
post they were seen in becomes one line of their career (first and last date seen, the pages that say so).

Sightings (one attendee of one page) are grouped by the folded name (`normalize.key`: "Thuỷ"/"Thủy", case). A title
is read as a post: its province's name is taken out and kept beside it (pipeline.export.places), so "Bí thư Tỉnh ủy
Long An" and "Bí thư Tỉnh ủy" on a page about Long An are one post, and "Chủ tịch UBND tỉnh" of Long An and of Hà Tĩnh
two. A local title that names no province takes the one the person's other titles name, else the one named last
before the person in the paragraph (a page on elections in several provinces), else the page's. Within a name:
- sightings that share a post are one person, transitively;
- a short form of a post ("Thủ tướng"; "Chủ tịch UBND tỉnh" of no known province) is the long form it begins
  ("Thủ tướng Chính phủ"; "Chủ tịch UBND tỉnh" of Kon Tum) when, among the name's posts, it begins the posts of one
  person only; otherwise it is left alone rather than guessed;
- clusters with no post in common are homonyms and stay apart (a career move no page links, "Thủ tướng" then
  "Chủ tịch nước", stays apart too: no page says they are one man);
- a sighting with no title joins the name's only person, and goes to a separate "position unknown" person when
  the name has several.
Ranks ("Đại tá") count as posts, so two homonyms of one rank and no other post in common are merged.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable

from pipeline.export.places import PagePlaces, gazetteer, page_places
from pipeline.export.schema import to_date
from pipeline.text.lexicons import phrases
from pipeline.text.normalize import key
from pipeline.text.tokens import tokenize

PostKey = tuple[str, str | None]  # (key of the post without its province's name, old province key)


@dataclass(frozen=True)
class Title:
    post: PostKey
    text: str  # the record's normalised title
    # where its province comes from: "text" (the title names it), "attendee" (another title of the person does),
    # "paragraph" (a local title, "Bí thư Tỉnh ủy", after a province named in its paragraph), "page" (a local title
    # on a page about one province), "" (a national post)
    province_source: str


_INFERRED = ("paragraph", "page")  # a province a title does not state


@dataclass
class Sighting:
    doc_id: str
    attendee_idx: int
    name: str
    date: dt.date | None  # the page's: its meeting's, else its publication's
    titles: list[Title]


@lru_cache(maxsize=20_000)
def split_post(title: str) -> tuple[str, str | None]:
    """(role, organisation) of a title: the post word(s) it begins with (models/ner/position_heads.txt, with a
    modifier such as "Thường trực") and the body after them.

    >>> split_post("Phó Chủ tịch Thường trực Ủy ban nhân dân thành phố Đà Nẵng")
    ('Phó Chủ tịch Thường trực', 'Ủy ban nhân dân thành phố Đà Nẵng')
    >>> split_post("Đại tướng")
    ('Đại tướng', None)
    """
    former = re.match(r"(?i)nguyên\s+", title)  # "Nguyên Bí thư …": a former post, split the same way
    if former:
        role, org = split_post(title[former.end():])
        return title[:former.end()] + role, org
    toks = tokenize(title)
    n = phrases("ner/position_heads").match(toks, 0)
    if not n:
        return title, None
    while m := phrases("ner/title_modifiers").match(toks, n):
        n += m
    cut = toks.end(n - 1)
    return title[:cut], title[cut:].strip(" ,-–") or None


@dataclass
class Career:
    """One post of one person: what `careers` rows and a timeline show."""
    post: str  # the fullest spelling of the post seen ("Thủ tướng Chính phủ")
    province: str | None  # old key
    doc_ids: list[str]
    dates: list[dt.date]
    spellings: list[str]

    def row(self, person: "Person", idx: int) -> dict:
        """The `careers` row of the person's `idx`-th post."""
        g = gazetteer()
        role, org = split_post(self.post)
        return {"person_id": person.person_id, "career_idx": idx, "name": person.name,
                "name_key": person.name_key, "post": self.post, "role": role,
                "organisation": org, "province": g.short(self.province), "province_today": g.today(self.province),
                "first_seen": min(self.dates, default=None), "last_seen": max(self.dates, default=None),
                "doc_ids": self.doc_ids, "n_pages": len(self.doc_ids), "titles": self.spellings}


@dataclass
class Person:
    person_id: str
    name: str
    name_key: str
    sightings: list[Sighting] = field(default_factory=list)

    @property
    def doc_ids(self) -> list[str]:
        return sorted({s.doc_id for s in self.sightings})

    def careers(self) -> list[Career]:
        """One Career per post, short forms counted in the long form they stand for; earliest first."""
        canon = _canonical({t.post for s in self.sightings for t in s.titles})
        groups: dict[PostKey, dict] = {}
        for s in self.sightings:
            for t in s.titles:
                c = canon[t.post]
                g = groups.setdefault(c, {"docs": set(), "dates": set(), "spellings": Counter()})
                g["docs"].add(s.doc_id)
                if s.date:
                    g["dates"].add(s.date)
                g["spellings"][t.text] += 1
        out = [Career(max(g["spellings"], key=lambda t: (len(t.split()), g["spellings"][t], t)), c[1],
                      sorted(g["docs"]), sorted(g["dates"]), sorted(g["spellings"]))
               for c, g in groups.items()]
        return sorted(out, key=lambda c: (min(c.dates, default=dt.date.max), -len(c.doc_ids), c.post))

    def row(self, careers: list[Career] | None = None) -> dict:
        careers = self.careers() if careers is None else careers
        g = gazetteer()
        names = Counter(s.name for s in self.sightings)
        dates = [s.date for s in self.sightings if s.date]
        by_pages = sorted(careers, key=lambda c: (-len(c.doc_ids), c.post))
        return {"person_id": self.person_id, "name": self.name, "name_key": self.name_key,
                "names": sorted(names), "article_count": len(self.doc_ids), "position_count": len(careers),
                "positions": [c.post for c in by_pages],
                "provinces": sorted({g.short(c.province) for c in careers if c.province}),
                "first_seen": min(dates, default=None), "last_seen": max(dates, default=None),
                "doc_ids": self.doc_ids}


def _most_common(counts: Counter) -> str:
    return min(counts, key=lambda s: (-counts[s], s))  # ties broken alphabetically: output is deterministic


def person_id(name_key: str, disambiguator: str = "") -> str:
    return hashlib.sha1(f"{name_key}|{disambiguator}".encode()).hexdigest()[:12]


def _is_short_form(short: PostKey, long: PostKey) -> bool:
    """"Thủ tướng" of "Thủ tướng Chính phủ"; a local post whose province is unknown of the same post in one."""
    if short == long:
        return False
    return (long[0] == short[0] or long[0].startswith(short[0] + " ")) and short[1] in (None, long[1])


def _canonical(posts: set[PostKey]) -> dict[PostKey, PostKey]:
    """Each post → the post it stands for: a short form → the long form all its long forms come to, else itself."""
    out: dict[PostKey, PostKey] = {}
    for p in sorted(posts, key=lambda p: (-len(p[0]), p[1] is None)):  # long forms first: chains resolve
        longs = {out[q] for q in posts if _is_short_form(p, q)}
        out[p] = longs.pop() if len(longs) == 1 else p
    return out


def titles_of(attendee: dict, places: PagePlaces) -> list[Title | None]:
    """Each of an attendee's positions as a post (None for an empty one). A local title that names no province
    takes the one the person's other titles name ("Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Phú Yên"), else the one named
    last before the person in the paragraph, else the page's."""
    out: list[Title | None] = []
    mentions = attendee.get("mentions") or []
    at = mentions[0][0] if mentions and isinstance(mentions[0], (list, tuple)) else None
    for p in attendee.get("positions") or []:
        text = (p.get("normalized") or p.get("text") or "") if isinstance(p, dict) else str(p)
        out.append(Title(*_post(text, places, at)) if key(text) else None)
    named = {t.post[1] for t in out if t and t.province_source == "text"}
    if len(named) == 1:
        province = named.pop()
        out = [replace(t, post=(t.post[0], province), province_source="attendee")
               if t and t.province_source in _INFERRED else t for t in out]
    return out


def _post(text: str, places: PagePlaces, at: int | None) -> tuple[PostKey, str, str]:
    bare, province, source = places.post_of(text, at)
    return (key(bare), province), text, source


def sightings_of(record: dict, places: PagePlaces | None = None,
                 titles: list[list[Title | None]] | None = None) -> Iterable[Sighting]:
    """The record's attendees as sightings; `titles`: titles_of each attendee, when the caller has them already."""
    places = places or page_places(record)
    date = to_date(places.date)
    for i, a in enumerate(record.get("attendees") or []):
        if key(a.get("name", "")):
            ts = titles[i] if titles is not None else titles_of(a, places)
            yield Sighting(record["doc_id"], i, a["name"], date, [t for t in ts if t])


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def _clusters(sightings: list[Sighting]) -> list[list[Sighting]]:
    """Sightings of one name → people (see the module's rules)."""
    uf = _UnionFind(len(sightings))
    owner: dict[PostKey, int] = {}
    for i, s in enumerate(sightings):
        for t in s.titles:
            if t.post in owner:
                uf.union(i, owner[t.post])
            else:
                owner[t.post] = i
    for p in sorted(owner, key=lambda p: (-len(p[0]), p[1] is None)):  # long forms first: chains resolve
        people = {uf.find(owner[q]) for q in owner if _is_short_form(p, q)}
        if len(people) == 1:
            uf.union(owner[p], people.pop())
    groups: dict[int, list[Sighting]] = defaultdict(list)
    unplaced = []
    for i, s in enumerate(sightings):
        (groups[uf.find(i)] if s.titles else unplaced).append(s)
    clusters = list(groups.values())
    if len(clusters) == 1:
        clusters[0].extend(unplaced)
    elif unplaced:
        clusters.append(unplaced)
    return clusters


def _disambiguator(cluster: list[Sighting]) -> str:
    counts = Counter(f"{t.post[0]}|{t.post[1] or ''}" for s in cluster for t in s.titles)
    return _most_common(counts) if counts else ""


def directory(sightings: Iterable[Sighting]) -> list[Person]:
    """People from sightings, sorted by person_id."""
    by_name: dict[str, list[Sighting]] = defaultdict(list)
    for s in sightings:
        by_name[key(s.name)].append(s)
    people = []
    for name_key, group in by_name.items():
        clusters = _clusters(group)
        for cluster in clusters:
            # A name with one person keeps the id of the bare name, so it does not change as positions are added.
            pid = person_id(name_key, _disambiguator(cluster) if len(clusters) > 1 else "")
            spellings = Counter(s.name for s in cluster)
            name = min(spellings, key=lambda n: (-spellings[n], n.isupper(), n))  # "LÊ THỊ HÒA" only if alone
            people.append(Person(pid, name, name_key, cluster))
    return sorted(people, key=lambda p: p.person_id)


def build_directory(records: Iterable[dict]) -> list[Person]:
    """People across `records` (Record.to_dict() dicts), sorted by person_id."""
    return directory(s for r in records for s in sightings_of(r))


def person_ids(people: Iterable[Person]) -> dict[tuple[str, int], str]:
    """(doc_id, attendee index) → person_id, to link the attendee/position tables to `people`."""
    return {(s.doc_id, s.attendee_idx): p.person_id for p in people for s in p.sightings}
