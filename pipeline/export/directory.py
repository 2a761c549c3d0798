"""People directory: the same official across many articles becomes one row with a stable `person_id`.

Sightings (one attendee of one document) are grouped by the normalised name (`normalize.key`, so "Uỷ"/"Ủy"
and "hoà"/"hòa" spellings meet). Within a name, sightings that share a position (normalised) are one person,
transitively; clusters with no position in common are homonyms and stay apart. A sighting with no position
joins the name's only cluster when there is one; when the name is ambiguous it goes to a separate
"position unknown" entry rather than being guessed into one of the homonyms.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from pipeline.text.normalize import key


@dataclass
class Sighting:
    doc_id: str
    attendee_idx: int
    name: str
    date: str | None
    positions: list[tuple[str, str]]  # (key, display text)


@dataclass
class Person:
    person_id: str
    name: str
    name_key: str
    sightings: list[Sighting] = field(default_factory=list)

    @property
    def doc_ids(self) -> list[str]:
        return sorted({s.doc_id for s in self.sightings})

    def positions(self) -> list[dict]:
        """Every position seen, with the documents and dates it was seen in (most frequent first)."""
        by_key: dict[str, dict] = {}
        spellings: dict[str, Counter] = defaultdict(Counter)
        for s in self.sightings:
            for k, text in s.positions:
                entry = by_key.setdefault(k, {"doc_ids": set(), "dates": set()})
                entry["doc_ids"].add(s.doc_id)
                if s.date:
                    entry["dates"].add(s.date)
                spellings[k][text] += 1
        out = [{"position": _most_common(spellings[k]), "doc_ids": sorted(v["doc_ids"]), "dates": sorted(v["dates"])}
               for k, v in by_key.items()]
        return sorted(out, key=lambda p: (-len(p["doc_ids"]), p["position"]))

    def row(self) -> dict:
        positions = self.positions()
        return {"person_id": self.person_id, "name": self.name, "name_key": self.name_key,
                "article_count": len(self.doc_ids), "position_count": len(positions),
                "positions": json.dumps(positions, ensure_ascii=False),
                "doc_ids": json.dumps(self.doc_ids, ensure_ascii=False)}


def _most_common(counts: Counter) -> str:
    return min(counts, key=lambda s: (-counts[s], s))  # ties broken alphabetically: output is deterministic


def person_id(name_key: str, disambiguator: str = "") -> str:
    return hashlib.sha1(f"{name_key}|{disambiguator}".encode()).hexdigest()[:12]


def sightings_of(record: dict) -> Iterable[Sighting]:
    date = (record.get("meeting") or {}).get("date") or record.get("published")
    for i, a in enumerate(record.get("attendees") or []):
        positions = []
        for p in a.get("positions") or []:
            text = (p.get("normalized") or p.get("text") or "") if isinstance(p, dict) else str(p)
            if key(text):
                positions.append((key(text), text))
        if key(a.get("name", "")):
            yield Sighting(record["doc_id"], i, a["name"], date, positions)


def _clusters(sightings: list[Sighting]) -> list[list[Sighting]]:
    """Union-find over sightings of one name: a shared position key joins two sightings."""
    parent = list(range(len(sightings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, s in enumerate(sightings):
        for k, _ in s.positions:
            if k in owner:
                parent[find(i)] = find(owner[k])
            else:
                owner[k] = i
    groups: dict[int, list[Sighting]] = defaultdict(list)
    unplaced = []
    for i, s in enumerate(sightings):
        (groups[find(i)] if s.positions else unplaced).append(s)
    clusters = list(groups.values())
    if len(clusters) == 1:
        clusters[0].extend(unplaced)
    elif unplaced:
        clusters.append(unplaced)
    return clusters


def _disambiguator(cluster: list[Sighting]) -> str:
    counts = Counter(k for s in cluster for k, _ in s.positions)
    return _most_common(counts) if counts else ""


def build_directory(records: Iterable[dict]) -> list[Person]:
    """People across `records` (Record.to_dict() dicts), sorted by person_id."""
    by_name: dict[str, list[Sighting]] = defaultdict(list)
    for r in records:
        for s in sightings_of(r):
            by_name[key(s.name)].append(s)
    people = []
    for name_key, sightings in by_name.items():
        clusters = _clusters(sightings)
        for cluster in clusters:
            # A name with one person keeps the id of the bare name, so it does not change as positions are added.
            pid = person_id(name_key, _disambiguator(cluster) if len(clusters) > 1 else "")
            spellings = Counter(s.name for s in cluster)
            name = min(spellings, key=lambda n: (-spellings[n], n.isupper(), n))  # "LÊ THỊ HÒA" only if alone
            people.append(Person(pid, name, name_key, cluster))
    return sorted(people, key=lambda p: p.person_id)


def person_ids(people: Iterable[Person]) -> dict[tuple[str, int], str]:
    """(doc_id, attendee index) → person_id, to link the attendee/position tables to `people`."""
    return {(s.doc_id, s.attendee_idx): p.person_id for p in people for s in p.sightings}
