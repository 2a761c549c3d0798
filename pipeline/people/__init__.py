"""People stage: attendees (each named person with every title the text gives them) from a Document's entities.

Per sentence (";"-lists stay one sentence), the PERSON and POSITION entities become items with the kind of gap
between them (pipeline.people.gaps), and the named linking rules (pipeline.people.rules) give each title to its
person. Mentions of the same person merge (case and tone placement folded, short forms of a longer name); a
shorter repeat of a title is dropped (pipeline.people.titles). Roles come later, from the meeting stage.

>>> from pipeline.text.document import Document
>>> from pipeline.ner import recognize
>>> doc = Document("Dự có đồng chí Huỳnh Thành Đạt, Bộ trưởng Bộ KH&CN; các Phó Chủ tịch UBND tỉnh: Lê Văn A, Trần B.")
>>> [(a.name, [(p.text, p.rule) for p in a.positions]) for a in find_people(doc, recognize(doc))]
... # doctest: +NORMALIZE_WHITESPACE
[('Huỳnh Thành Đạt', [('Bộ trưởng Bộ KH&CN', 'name-then-titles')]),
 ('Lê Văn A', [('Phó Chủ tịch UBND tỉnh', 'shared-plural-title')]),
 ('Trần B', [('Phó Chủ tịch UBND tỉnh', 'shared-plural-title')])]
"""
from __future__ import annotations

import re

from pipeline.ner import Entity
from pipeline.people.gaps import OTHER, gap_kind
from pipeline.people.rules import Item, link
from pipeline.people.titles import dedupe, normalize_title
from pipeline.record import Attendee, Position
from pipeline.text.document import Document
from pipeline.text.lexicons import phrases
from pipeline.text.normalize import key


def sentence_items(doc: Document, entities: list[Entity]) -> list[list[Item]]:
    """PERSON/POSITION items grouped by sentence, each with the kind of gap before it."""
    text, low = doc.text, doc.lower
    groups: list[list[Item]] = []
    current: list[Item] = []
    prev_end, sentence = 0, -1
    for label, start, end, rank in entities:
        if label not in ("PERSON", "POSITION"):
            continue
        gap = low[prev_end:start]
        if current and current[-1].rank and gap.strip() == ".":
            gap = ""  # "TS. Cao Minh Đức": an abbreviated title's dot
        else:
            new_sentence = doc.sentence_of(start)  # the splitter knows "TP. Huế", "GS. TS." are not ends
            if current and new_sentence != sentence:
                groups.append(current)
                current = []
            sentence = new_sentence
        current.append(Item(label, text[start:end], start, end, rank, gap_kind(gap) if current else OTHER, gap))
        prev_end = end
    if current:
        groups.append(current)
    return groups


def find_people(doc: Document, entities: list[Entity]) -> list[Attendee]:
    """Every named person of the page with their titles (as written, normalised, and the rule that linked each), in
    order of first mention; `roles` and `side` are left for the meeting stage."""
    people: dict[str, Attendee] = {}
    titles: dict[str, list[Item]] = {}
    for items in sentence_items(doc, entities):
        link(items)
        held: dict[int, list[Item]] = {}  # person item → its titles, in text order
        for x in items:
            if x.label == "POSITION":
                for p in x.holders():
                    held.setdefault(p, []).append(x)
        for p, it in enumerate(items):
            if it.label != "PERSON":
                continue
            own = held.get(p, [])
            if not own and _byline_line(doc.text, it):
                continue
            k = key(it.text)
            if k not in people:
                people[k] = Attendee(name=it.text)
                titles[k] = []
            people[k].mentions.append((it.start, it.end))
            titles[k].extend(own)
    _merge_short_names(people, titles)
    for k, a in people.items():
        rules = {}
        for t in titles[k]:
            rules.setdefault(t.text, t.rule)
        a.positions = [Position(t, normalize_title(t), rules[t]) for t in dedupe([t.text for t in titles[k]])]
    _short_mentions(doc, list(people.values()))
    return list(people.values())


def _byline_line(text: str, item: Item) -> bool:
    """A line that holds only names ("Hoàng Tùng - Đàm Thanh") is a byline, not an attendee."""
    s = text.rfind("\n", 0, item.start) + 1
    e = text.find("\n", item.end)
    line = text[s: e if e >= 0 else len(text)]
    return bool(re.fullmatch(r"[\w\s.\-–,&|/()+]+", line)) and len(line.split()) <= 8 and not re.search(
        r"[a-zđ]{2,}\s+[a-zđ]{2,}", line.replace(item.text, ""))


def _merge_short_names(people: dict[str, Attendee], titles: dict[str, list[Item]]) -> None:
    """A short name that is part of exactly one longer name is that person: a word of it ("Keovilay", "Tanaka")
    or its last words ("Thu Ba" of "Tôn Nữ Thu Ba")."""
    def part_of(short: str, full: str) -> bool:  # a word of it, its last words, or (two words or more) its first
        return short in full.split(" ") if " " not in short else (
            full.endswith(" " + short) or full.startswith(short + " "))

    for k in sorted(people, key=len):
        if k not in people:
            continue
        owners = [o for o in people if o != k and len(o) > len(k) and part_of(k, o)]
        if len(owners) == 1:
            people[owners[0]].mentions.extend(people.pop(k).mentions)
            titles[owners[0]].extend(titles.pop(k))


def _short_mentions(doc: Document, attendees: list[Attendee]) -> None:
    """Add later short mentions ("ông Tùng", "đồng chí Hiến": a word of address and one capitalised word that no
    other capitalised word follows) to the one attendee whose given name they use."""
    by_given: dict[str, list[Attendee]] = {}
    for a in attendees:
        by_given.setdefault(a.name.split()[-1], []).append(a)
    toks, text = doc.tokens, doc.text
    for _, e in phrases("people/address_words").find(toks):
        if e >= len(toks) or not (toks[e].cap and toks[e].word) or text[toks.end(e - 1):toks.starts[e]].strip():
            continue
        if e + 1 < len(toks) and toks[e + 1].cap and not text[toks.end(e):toks.starts[e + 1]].strip(" \t\n"):
            continue  # a longer name: "ông Trần Văn A"
        given = toks[e].text
        people = by_given.get(given)
        if not people or len(people) != 1 or len(given) < 2:
            continue  # nobody, or several people, go by that name
        a = people[0]
        span = (toks.starts[e], toks.end(e))
        if not any(s <= span[0] < b for s, b in a.mentions):
            a.mentions.append(span)
    for a in attendees:
        a.mentions.sort()
