"""Stage 1, load/normalise: files, folders and JSONL into RawDoc objects (NFC text).

Never raises for a bad input: yields an InputError naming the source and the reason.
(Skeleton: the full decoder lives here once issue 5 lands.)
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .normalize import nfc

SUFFIXES = {".html": "html", ".htm": "html", ".txt": "text", ".jsonl": "jsonl"}


@dataclass
class RawDoc:
    doc_id: str
    source: str
    content: str
    kind: str  # "html" | "text"
    url: str | None = None
    published: str | None = None


@dataclass
class InputError:
    source: str
    reason: str
    line: int | None = None


def decode(data: bytes) -> str:
    return nfc(data.decode("utf-8-sig"))


def sniff_kind(content: str) -> str:
    head = content[:2000].lower()
    return "html" if ("<html" in head or "<body" in head or "<div" in head or "<p>" in head) else "text"


def _files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            yield p


def iter_documents(paths: Iterable[str | Path]) -> Iterator[RawDoc | InputError]:
    for f in _files(paths):
        try:
            content = decode(f.read_bytes())
        except (OSError, UnicodeDecodeError) as e:
            yield InputError(str(f), f"cannot read: {e}")
            continue
        if f.suffix.lower() == ".jsonl":
            for i, line in enumerate(content.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                    body = obj.get("html") or obj.get("text")
                    kind = "html" if obj.get("html") else "text"
                    yield RawDoc(str(obj.get("id") or f"{f.stem}-{i}"), f"{f}:{i}", nfc(body), kind,
                                 obj.get("url"), obj.get("published"))
                except (ValueError, AttributeError, TypeError) as e:
                    yield InputError(str(f), f"bad JSONL line: {e}", i)
            continue
        kind = SUFFIXES.get(f.suffix.lower()) or sniff_kind(content)
        yield RawDoc(f.stem, str(f), content, kind)
