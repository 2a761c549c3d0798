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

import bisect
import re
from typing import Iterator

from pipeline.ner import Entity
from pipeline.people.gaps import OTHER, gap_kind
from pipeline.people.rules import Item, careers_of_titles, link
from pipeline.people.titles import dedupe, normalize_title, without_short_form, without_term
from pipeline.record import Attendee, Position
from pipeline.text.document import Document
from pipeline.text.lexicons import alternation, phrases
from pipeline.text.normalize import key
from pipeline.text.tokens import is_syllable


def references(doc: Document, entities: list[Entity]) -> list[tuple[int, int, str]]:
    """(start, end, full name) of the words that refer back to a person named before: a short mention ("ông Thiều",
    "đồng chí Hiến": a word of address and the given name of exactly one person of the page) and a pronoun opening a
    clause ("Năm 1997, ông là …", "Ông từng giữ các chức vụ …": the person last named or referred to, in the three
    sentences before), so the titles a page gives them reach that person."""
    text, toks = doc.text, doc.tokens
    persons = [(s, e, text[s:e]) for label, s, e, _ in entities if label == "PERSON"]
    by_given: dict[str, set[str]] = {}
    for _, _, name in persons:
        by_given.setdefault(name.split()[-1], set()).add(key(name))
    full = {key(n): n for _, _, n in persons}
    out: list[tuple[int, int, str]] = []
    mentions = sorted(persons)  # every mention so far, in text order, for the pronouns
    for a, b in phrases("people/address_words").find(toks):
        nxt = toks[b] if b < len(toks) else None
        if nxt is not None and nxt.cap and nxt.word and not text[toks.end(b - 1):toks.starts[b]].strip():
            later = b + 1 < len(toks) and toks[b + 1].cap and not text[toks.end(b):toks.starts[b + 1]].strip(" \t\n")
            names = by_given.get(nxt.text, ())
            if not later and len(names) == 1 and len(nxt.text) >= 2:
                out.append((toks.starts[b], toks.end(b), full[next(iter(names))]))
                bisect.insort(mentions, out[-1])
        elif " ".join(t.key for t in toks[a:b]) in _PRONOUNS and nxt is not None and nxt.word and not nxt.cap \
                and (a == 0 or toks[a - 1].text in ",:;\n" or doc.sentence_of(toks.starts[a - 1]) != doc.sentence_of(toks.starts[a])):
            i = bisect.bisect_left(mentions, (toks.starts[a],)) - 1
            if i >= 0 and doc.sentence_of(toks.starts[a]) - doc.sentence_of(mentions[i][0]) <= 3:
                out.append((toks.starts[a], toks.end(a), mentions[i][2]))
                bisect.insort(mentions, out[-1])
    # a clause of a career with no subject of its own: the person last named or referred to, a sentence or two before
    for m in _elided(doc.lower):
        p = m.start("verb")
        i = bisect.bisect_left(mentions, (p,)) - 1
        if i >= 0 and doc.sentence_of(p) - doc.sentence_of(mentions[i][0]) <= 2:
            out.append((p, p, mentions[i][2]))  # (no words of its own: not a mention)
    return out


_PRONOUNS = {"ông", "bà", "đồng chí"}
# "…; tháng 9/1997 giữ chức Phó trưởng phòng …", "Sau đó lần lượt giữ các vị trí: …", "Năm 2010, được bổ nhiệm …"
_ELIDED = re.compile(r"(?:^|(?<=[.;\n]))\s*(?:(?:(?:từ|đến|vào|cuối|đầu)\s+)?(?:tháng|năm)\s+[\d/]{4,7}\s*,?\s*"
                     r"|sau đó\s*,?\s*)?(?:(?:lần lượt|tiếp tục|từng|rồi)\s+)*"
                     rf"(?P<verb>(?:{alternation('people/elided_subject_verbs')})(?!\w))")
# (_ELIDED, found fast: its opening look-behind makes `re` try every position of the page; the same clause after a
# mark it matches, taking the mark, opens with what it matches, and the page's start is tried on its own)
_ELIDED_HEAD = r"(?:^|(?<=[.;\n]))"
_ELIDED_BODY = re.compile(_ELIDED.pattern.removeprefix(_ELIDED_HEAD))
_ELIDED_AFTER_MARK = re.compile(r"[.;\n]" + _ELIDED_BODY.pattern)


def _elided(low: str) -> Iterator[re.Match]:
    """_ELIDED.finditer(low), the same matches (their groups are what is read; a match starts after its mark)."""
    if not _ELIDED.pattern.startswith(_ELIDED_HEAD):
        yield from _ELIDED.finditer(low)  # (the pattern changed: as written)
        return
    pos = 0
    if first := _ELIDED_BODY.match(low):
        yield first
        pos = first.end()
    yield from _ELIDED_AFTER_MARK.finditer(low, pos)


def sentence_items(doc: Document, entities: list[Entity], refs: list[tuple[int, int, str]] = ()) -> list[list[Item]]:
    """PERSON/POSITION items grouped by sentence, each with the kind of gap before it; `refs` (pipeline.people.
    references) are PERSON items named by the person they refer to."""
    text, low = doc.text, doc.lower
    groups: list[list[Item]] = []
    current: list[Item] = []
    prev_end, sentence, listed = 0, -1, False
    stream = sorted([(s, e, label, rank, None) for label, s, e, rank in entities if label in ("PERSON", "POSITION")]
                    + [(s, e, "PERSON", False, name) for s, e, name in refs], key=lambda x: x[:2])
    for start, end, label, rank, name in stream:
        gap = low[prev_end:start]
        if current and current[-1].rank == "degree" and gap.strip() == ".":
            gap = ""  # "TS. Cao Minh Đức": an abbreviated title's dot
        else:
            new_sentence = doc.sentence_of(start)  # the splitter knows "TP. Huế", "GS. TS." are not ends
            if current and new_sentence != sentence:
                listed = _list_goes_on(doc, sentence, new_sentence, start, listed)
                if not listed:
                    groups.append(current)
                    current = []
            sentence = new_sentence
        current.append(Item(label, name or text[start:end], start, end, rank, gap_kind(gap) if current else OTHER, gap))
        prev_end = end
    if current:
        groups.append(current)
    return groups


_LIST_ITEM_START = re.compile(r"[\s\-–•*+]*(?:\d{1,2}[.)]\s*)?(?:(?:ông|bà|đồng chí|đ/c)\s+)?$")


def _list_goes_on(doc: Document, sentence: int, new: int, start: int, listed: bool) -> bool:
    """A list announced by a colon goes on over the lines that follow, one member each ("Bốn Phó Bí thư Tỉnh ủy
    gồm:⏎Ông A, Chủ tịch HĐND tỉnh⏎Ông B, …"): the item at `start` opens such a line of sentence `new`, and the
    list is open (`listed`) or a sentence since `sentence` ends with a colon."""
    a, _ = doc.sentences[new]
    if sentence < 0 or not _LIST_ITEM_START.match(doc.lower, a, start):
        return False
    if listed and new == sentence + 1:
        return True
    k = sentence
    while k < new:  # every line between is such a member, back to the colon
        line_a, line_b = doc.sentences[k]
        if doc.text[line_a:line_b].rstrip().endswith(":"):
            return True
        k += 1
    return False


def find_people(doc: Document, entities: list[Entity]) -> list[Attendee]:
    """Every named person of the page with their titles (as written, normalised, and the rule that linked each), in
    order of first mention; `roles` and `side` are left for the meeting stage."""
    people: dict[str, Attendee] = {}
    titles: dict[str, list[Item]] = {}
    byline_lines: dict[int, bool] = {}
    for items in sentence_items(doc, entities, references(doc, entities)):
        link(items)
        for subject, career in careers_of_titles(items):  # the one holder of that title so far on the page
            sk = key(without_term(items[subject].text))
            holders = [k for k, ts in titles.items() if any(
                (tk := key(without_term(x.text))) == sk or tk.startswith(sk + " ") or sk.startswith(tk + " ")
                for x in ts if not x.rank)]
            if len(holders) == 1:
                titles[holders[0]].extend(items[c] for c in career)
        held: dict[int, list[Item]] = {}  # person item → its titles, in text order
        for x in items:
            if x.label == "POSITION":
                for p in x.holders():
                    held.setdefault(p, []).append(x)
        for p, it in enumerate(items):
            if it.label != "PERSON":
                continue
            own = [x for x in held.get(p, []) if x.rank != "degree"]  # degrees announce a name, but are no post
            if not own and _byline_line(doc, it, byline_lines):
                continue
            k = key(it.text)
            if k not in people:
                people[k] = Attendee(name=it.text)
                titles[k] = []
            if it.end > it.start:
                people[k].mentions.append((it.start, it.end))
            titles[k].extend(own)
    _merge_short_names(people, titles)
    _merge_spelling_variants(people, titles)
    for k, a in people.items():
        written = [without_short_form(t.text) for t in titles[k]]
        rules = {}
        for text, t in zip(written, titles[k]):
            rules.setdefault(text, t.rule)
        a.positions = [Position(t, normalize_title(t), rules[t]) for t in dedupe(written)]
    _short_mentions(doc, list(people.values()))
    return list(people.values())


def _byline_line(doc: Document, item: Item, checked: dict[int, bool]) -> bool:
    """A line that holds only names ("Hoàng Tùng - Đàm Thanh") is a byline, not an attendee. `checked`: line start
    -> whether the line is short and has only names and punctuation, read once for all the names on it."""
    s, e = doc.line_around(item.start, item.end)
    if s not in checked:
        line = doc.text[s:e]
        checked[s] = bool(re.fullmatch(r"[\w\s.\-–,&|/()+:]+", line)) and len(line.split()) <= 10  # (":" of a time)
    if not checked[s]:
        return False  # (a long line is read no further: a roster of thousands on one line stays linear)
    # (nor two lower-case words in a row, a clause: "… phát biểu"; Vietnamese letters count, "ư", "ế" …)
    rest = [w.strip(".,;:()") for w in doc.text[s:e].replace(item.text, " ").split()]
    return not any(len(a) > 1 < len(b) and a.isalpha() and b.isalpha() and a.islower() and b.islower()
                   for a, b in zip(rest, rest[1:]))


def _merge_short_names(people: dict[str, Attendee], titles: dict[str, list[Item]]) -> None:
    """A short name that is part of exactly one longer name is that person: a word of it ("Keovilay", "Tanaka")
    or its last words ("Thu Ba" of "Tôn Nữ Thu Ba")."""
    def part_of(short: str, full: str) -> bool:  # a word of it, its last words, or (two words or more) its first
        return short in full.split(" ") if " " not in short else (
            full.endswith(" " + short) or full.startswith(short + " "))

    # every name's words, and its first and last words joined (split at each space), point to the name: the
    # candidates of each short name are looked up, not compared with every name (a roster of thousands)
    parts: dict[str, list[str]] = {}
    for o in people:
        cuts = [p for p, ch in enumerate(o) if ch == " "]
        pieces = set(o.split(" ")) | {o[:p] for p in cuts} | {o[p + 1:] for p in cuts}
        for piece in pieces:
            parts.setdefault(piece, []).append(o)
    for k in sorted(people, key=len):
        if k not in people:
            continue
        owners = [o for o in parts.get(k, ()) if o in people and o != k and len(o) > len(k) and part_of(k, o)]
        if len(owners) == 1:
            people[owners[0]].mentions.extend(people.pop(k).mentions)
            titles[owners[0]].extend(titles.pop(k))


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by one letter changed, added or left out."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) - len(b) > 1:
        return False
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), len(b))
    return a[i + 1:] == (b[i + 1:] if len(a) == len(b) else b[i:])


def _merge_spelling_variants(people: dict[str, Attendee], titles: dict[str, list[Item]]) -> None:
    """One foreign name spelt two ways on a page ("Saysomphone Phomvihane" and "Xaysomphone Phomvihane", "Hayashi
    Mottoo" and "Hayashi Motoo") is one person, named as first written: the names agree but for one word of five
    letters or more, not a Vietnamese syllable, that differs by one letter (Vietnamese names differing by a letter,
    "Hùng" and "Hưng", are two people). Names are grouped by their other words, so a roster is not compared pairwise."""
    groups: dict[tuple, list[tuple[str, str]]] = {}
    for k in people:
        words = k.split(" ")
        if len(words) < 2:
            continue
        for i, w in enumerate(words):
            if len(w) >= 5 and not is_syllable(w):
                groups.setdefault((len(words), i, tuple(words[:i]), tuple(words[i + 1:])), []).append((k, w))
    for members in groups.values():
        for n, (k, w) in enumerate(members):
            first = next((o for o, v in members[:n] if o in people and _one_edit(v, w)), None)
            if first is not None and k in people:
                people[first].mentions.extend(people.pop(k).mentions)
                titles[first].extend(titles.pop(k))


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
