"""Stage 4a, NER: a spaCy `vi` pipeline whose components mark PERSON, POSITION and ORG (skeleton)."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    return nlp


def make_doc(text: str) -> Doc:
    return get_nlp()(text)
