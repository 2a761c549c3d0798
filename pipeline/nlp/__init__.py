"""The spaCy integration: a `vi` Language whose tokenizer and components are the pipeline's own stages.

    nlp = get_nlp()                      # spacy.blank("vi") + "vngov.Tokenizer.v1" + one component per stage
    doc = nlp(text)                      # or make_doc(text, title=…, url=…, published=…)
    doc.ents                             # PERSON / POSITION / ORG (span.kb_id_ "rank" or "degree" for those)
    doc._.attendees, doc._.metrics, doc._.meeting, doc._.meetings   # the record's fields, as plain dicts
    nlp.to_disk(path); spacy.load(path)  # the factories are registered as entry points (pyproject.toml)

Each component runs one stage of pipeline.chain.CHAIN, the code the batch runs, reading what earlier components left
on the Doc (doc.ents, doc._.attendees), so a user who edits doc.ents gets people from the edited entities. The
Document a page needs (tokens, sentences, views) is kept beside the Doc, never in it: Docs serialise (DocBin,
to_bytes, nlp.pipe(n_process=2)) with their extensions only.
"""
from __future__ import annotations

import json
import weakref
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.chain import CHAIN, Analysis
from pipeline.ner import Entity
from pipeline.record import Attendee
from pipeline.text.document import Document
from pipeline.text.tokens import BREAK, scan

TOKENIZER = "vngov.Tokenizer.v1"
EXTENSIONS = ("attendees", "metrics", "meeting", "meetings", "page")
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# The Document of each live Doc: built by the tokenizer, read by every component, gone with the Doc.
_DOCUMENTS: weakref.WeakKeyDictionary[Doc, Document] = weakref.WeakKeyDictionary()


class VietTokenizer:
    """Syllables, abbreviations and symbols (pipeline.text.tokens.scan). Runs of whitespace other than one space
    become whitespace tokens, so `doc.text` is exactly the input and character offsets agree everywhere."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        toks = scan(text)
        found = [(t.text, start) for t, start in zip(toks, toks.starts) if t is not BREAK]
        words, spaces = [], []
        if found and found[0][1]:
            words.append(text[:found[0][1]])
            spaces.append(False)
        for k, (t, start) in enumerate(found):
            nxt = found[k + 1][1] if k + 1 < len(found) else len(text)
            gap = text[start + len(t):nxt]
            words.append(t)
            if gap == " " or not gap:
                spaces.append(bool(gap))
            else:
                spaces.extend((False, False))
                words.append(gap)
        if not found and text:
            words, spaces = [text], [False]
        doc = Doc(self.vocab, words=words, spaces=spaces)
        document = Document(text)
        document.__dict__["tokens"] = toks  # the scan is done: the Document's cached view
        _DOCUMENTS[doc] = document
        return doc

    # nothing to save: the tokenizer is rules and models/ data
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "VietTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, **kwargs) -> "VietTokenizer":
        return self


@spacy.registry.tokenizers(TOKENIZER)
def create_tokenizer():
    return lambda nlp: VietTokenizer(nlp.vocab)


def _document(doc: Doc) -> Document:
    document = _DOCUMENTS.get(doc)
    if document is None or document.text != doc.text:  # a Doc from elsewhere (DocBin, another tokenizer)
        document = _DOCUMENTS[doc] = Document(doc.text)
    return document


def _analysis(doc: Doc) -> Analysis:
    """What the CHAIN's stages read, from the Doc as earlier components (or the user) left it."""
    page = doc._.page or {}
    a = Analysis(_document(doc), page.get("title"), page.get("url"), page.get("published"))
    a.entities = [Entity(e.label_, e.start_char, e.end_char, e.kb_id_) for e in doc.ents]
    if doc._.attendees is not None:
        a.people = [Attendee.from_dict(d) for d in doc._.attendees]
    return a


def _write_entities(doc: Doc, a: Analysis) -> None:
    doc.ents = [doc.char_span(e.start, e.end, label=e.label, kb_id=e.rank) for e in a.entities]


def _write_people(doc: Doc, a: Analysis) -> None:
    doc._.attendees = [p.to_dict() for p in a.people]


def _write_metrics(doc: Doc, a: Analysis) -> None:
    doc._.metrics = [m.to_dict() for m in a.metrics]


def _write_meetings(doc: Doc, a: Analysis) -> None:
    from pipeline.chain import attendees
    meetings = [m.to_dict() for m in a.meetings.meetings]
    doc._.meeting, doc._.meetings = meetings[0], meetings
    doc._.attendees = [p.to_dict() for p in attendees(a)]


_WRITERS = {"entities": _write_entities, "people": _write_people, "metrics": _write_metrics,
            "meetings": _write_meetings}


class StageComponent:
    """A spaCy component running one stage of the CHAIN (looked up by name, so the component pickles)."""

    def __init__(self, stage: str):
        self.stage = stage

    def __call__(self, doc: Doc) -> Doc:
        a = _analysis(doc)
        stage = next(s for s in CHAIN if s.name == self.stage)
        setattr(a, stage.name, stage.run(a))
        _WRITERS[stage.name](doc, a)
        return doc


def _register(stage_name: str) -> None:
    @Language.factory(f"vngov_{stage_name}", default_config={})
    def make(nlp: Language, name: str) -> StageComponent:
        return StageComponent(stage_name)
    make.__name__ = make.__qualname__ = f"make_{stage_name}"
    globals()[make.__name__] = make  # the entry points name these (pyproject.toml)


for _stage in CHAIN:
    _register(_stage.name)

COMPONENTS = tuple(f"vngov_{s.name}" for s in CHAIN)


def build_nlp() -> Language:
    """A new Language: "vi" with the vngov tokenizer and one component per stage, in the CHAIN's order."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared Language of this process (build_nlp for one of your own)."""
    return build_nlp()


def make_doc(text: str, *, title: str | None = None, url: str | None = None, published: str | None = None) -> Doc:
    """The Doc of a cleaned page; title, URL and publication date help date and type the meeting."""
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    doc._.page = {"title": title, "url": url, "published": published}
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def record_fields(doc: Doc) -> dict:
    """The record fields a processed Doc carries, as Record.to_dict() gives them (a Doc read back from bytes has
    tuples where the record has lists: they are lists again here)."""
    fields = {"attendees": doc._.attendees, "metrics": doc._.metrics, "meeting": doc._.meeting,
              "meetings": doc._.meetings,
              "entities": [{"label": e.label_, "text": e.text, "start": e.start_char, "end": e.end_char}
                           for e in doc.ents]}
    return json.loads(json.dumps(fields, ensure_ascii=False))


__all__ = ["get_nlp", "build_nlp", "make_doc", "record_fields", "VietTokenizer", "StageComponent"]
