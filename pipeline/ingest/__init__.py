"""Ingest stage: files, folders, JSON and JSONL into RawDoc objects (decoded, NFC), or an InputError saying why not."""
from pipeline.ingest.load import InputError, RawDoc, decode, iter_documents

__all__ = ["InputError", "RawDoc", "decode", "iter_documents"]
