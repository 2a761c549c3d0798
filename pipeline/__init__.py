"""vngov-extract: meetings, attendees and metrics from Vietnamese government news pages.

    from pipeline import extract
    record = extract(html_or_text, url=..., published="2022-07-29")
    record.to_dict()["attendees"]

    from pipeline import make_doc          # the same, as a spaCy Doc
    doc = make_doc(text); doc.ents; doc._.attendees; doc._.metrics; doc._.meeting

The chain of stages is declared in pipeline.chain. Names are imported on first use, so `import pipeline` is cheap.
"""
from __future__ import annotations

from importlib import import_module

__version__ = "0.2.0"

_LAZY = {
    "extract": "pipeline.chain", "extract_doc": "pipeline.chain", "extract_many": "pipeline.chain",
    "analyse": "pipeline.chain", "CHAIN": "pipeline.chain",
    "get_nlp": "pipeline.nlp", "make_doc": "pipeline.nlp", "record_fields": "pipeline.nlp",
    "Record": "pipeline.record", "Attendee": "pipeline.record", "Position": "pipeline.record",
    "Metric": "pipeline.record", "Meeting": "pipeline.record",
    "iter_documents": "pipeline.ingest.load",
}
__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
