"""Stage 1, load/normalise: files, folders, JSON and JSONL into RawDoc objects (NFC text).

A JSON document (one object, or a list of them, per .json file) or JSONL line gives its "text" or "html", and
optionally "id", "url" and "published"; any other field (a gold annotation, say) is never read.

Never raises for a bad input: yields an InputError naming the source and the reason,
so one broken file (or JSONL line) never stops a batch. Pages in the legacy TCVN3/VNI font
encodings are converted to Unicode (pipeline/legacy_encodings.py); RawDoc.notes says so.
"""
from __future__ import annotations

import codecs
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.ingest import legacy as legacy_encodings
from pipeline.ingest.legacy import VIET_CHARS
from pipeline.text.normalize import nfc

SUFFIXES = {".html": "html", ".htm": "html", ".txt": "text", ".jsonl": "jsonl", ".json": "json"}
# A news page is a few hundred KB; beyond this it is a dump or an attack, not an article.
MAX_DOC_BYTES = 8 * 1024 * 1024

_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
@dataclass
class RawDoc:
    doc_id: str
    source: str
    content: str
    kind: str  # "html" | "text"
    url: str | None = None
    published: str | None = None
    notes: list[str] = field(default_factory=list)  # e.g. "converted from TCVN3 (ABC)"


@dataclass
class InputError:
    source: str
    reason: str
    line: int | None = None


class DecodeError(ValueError):
    """Bytes that are not readable text (binary, unknown encoding, empty)."""


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    controls = sum(b < 32 and b not in (9, 10, 12, 13) for b in head)
    return controls > max(2, len(head) // 100)


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if max(even, odd) < len(head) // 4:
        return None
    try:
        return data.decode("utf-16-be" if even > odd else "utf-16-le")
    except UnicodeDecodeError:
        return None


def _from_legacy_font(text: str, notes: list[str]) -> str:
    """`text` converted to Unicode if it is written in a legacy Vietnamese font encoding (notes say so)."""
    legacy = legacy_encodings.detect(html.unescape(text))
    if legacy is None:
        return text
    converted = legacy_encodings.to_unicode(text, legacy)
    notes.extend(converted.notes)
    return converted.text


def _decode_8bit(data: bytes) -> str:
    declared = _META_CHARSET.search(data[:4096])
    candidates = [declared.group(1).decode("ascii", "ignore").lower()] if declared else []
    candidates.append("cp1258")  # Windows Vietnamese: base letters + combining tones, NFC fixes them
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
        if enc != "cp1258" or re.search("[\u0300\u0301\u0303\u0309\u0323ăâđêôơư]", text):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200000]).best()
    if best is None:
        raise DecodeError("unknown text encoding")
    return data.decode(best.encoding, errors="replace")


def decode(data: bytes) -> str:
    """Bytes of a page → NFC text. Raises DecodeError for binary or unreadable input."""
    return decode_with_notes(data)[0]


def decode_with_notes(data: bytes) -> tuple[str, list[str]]:
    """Bytes of a page → (NFC text, notes on conversions made, e.g. from a legacy font encoding)."""
    if not data.strip():
        raise DecodeError("empty file")
    notes: list[str] = []
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return nfc(data.decode(enc, errors="replace")), notes
    text = _utf16_without_bom(data) if b"\x00" in data[:4096] else None
    if text is None:
        if _looks_binary(data):
            raise DecodeError("binary file (not text or HTML)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            latin = data.decode("cp1252", errors="replace")
            text = _from_legacy_font(latin, notes)
            if not notes:
                text = _decode_8bit(data)
    if not notes:  # a UTF-8 page can carry legacy-font text as Latin-1 characters too
        text = _from_legacy_font(text, notes)
    text = nfc(text)
    if not text.strip():
        raise DecodeError("empty file")
    return text, notes


def sniff_kind(content: str) -> str:
    head = content[:2000].lower()
    return "html" if re.search(r"<(?:!doctype html|html|head|body|div|p|article|table)[\s>]", head) else "text"


def _no_vietnamese(content: str) -> bool:
    sample = html.unescape(re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]*>", " ", content[:400000], flags=re.S | re.I))
    return not VIET_CHARS.search(sample)


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """Every input file under `paths` with its name, the doc_id of what it holds: the path relative to the folder
    given, without its suffix ("x/page" for DIR/x/page.txt), or the stem of a file given itself. Two files under one
    folder never share a name, except "page.txt" beside "page.html" (the batch makes such ids unique)."""
    for p in map(Path, paths):
        if p.is_dir():
            # Broken links are kept so that they are reported, not silently skipped.
            for f in sorted(f for f in p.rglob("*")
                            if (f.is_file() or f.is_symlink()) and f.suffix.lower() in SUFFIXES):
                yield f, f.relative_to(p).with_suffix("").as_posix()
        else:
            yield p, p.stem


def _check_doc(source: str, content: str, line: int | None = None) -> InputError | None:
    if not content.strip():
        return InputError(source, "empty document", line)
    if _no_vietnamese(content):
        return InputError(source, "no Vietnamese text found (not a Vietnamese article)", line)
    return None


def _json_doc(obj, f: Path, i: int | None, default_id: str, what: str) -> RawDoc | InputError:
    """One JSON object as a document; `i` is its line (JSONL) or position (a .json list), None for a lone object."""
    if not isinstance(obj, dict):
        return InputError(str(f), f"bad {what}: not a JSON object", i)
    where = str(f) if i is None else f"{f}:{i}"
    body = obj.get("html") or obj.get("text")
    if not isinstance(body, str):
        return InputError(str(f), f'bad {what}: no "text" or "html" string field', i)
    notes: list[str] = []
    body = nfc(_from_legacy_font(body, notes))
    err = _check_doc(where, body, i)
    if err:
        return err
    kind = "html" if obj.get("html") else sniff_kind(body)
    doc_id = str(obj["id"]) if obj.get("id") not in (None, "") else default_id
    published = obj.get("published")
    return RawDoc(doc_id, where, body, kind, obj.get("url"), published if isinstance(published, str) else None, notes)


def _jsonl(f: Path, name: str) -> Iterator[RawDoc | InputError]:
    with f.open("rb") as fh:
        for i, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            if len(raw) > MAX_DOC_BYTES:
                yield InputError(str(f), f"line too large ({len(raw) / 2**20:.1f} MB > {MAX_DOC_BYTES // 2**20} MB)", i)
                continue
            try:
                obj = json.loads(raw.decode("utf-8-sig"))
            except (ValueError, UnicodeDecodeError) as e:
                yield InputError(str(f), f"bad JSONL line: {e}", i)
                continue
            yield _json_doc(obj, f, i, f"{name}-{i}", "JSONL line")


def _json(f: Path, name: str) -> Iterator[RawDoc | InputError]:
    """A .json file: one document object ("id" or the file's name names it), or a list of them."""
    try:
        obj = json.loads(f.read_bytes().decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as e:
        yield InputError(str(f), f"bad JSON file: {e}")
        return
    if isinstance(obj, list):
        for i, item in enumerate(obj, 1):
            yield _json_doc(item, f, i, f"{name}-{i}", "JSON list item")
    else:
        yield _json_doc(obj, f, None, name, "JSON file")


def iter_documents(paths: Iterable[str | Path]) -> Iterator[RawDoc | InputError]:
    """Every document under `paths` as a RawDoc, or an InputError saying why it cannot be read."""
    return read_inputs(iter_inputs(paths))


def read_inputs(inputs: Iterable[tuple[Path, str]]) -> Iterator[RawDoc | InputError]:
    """The documents of (file, name) pairs (iter_inputs), in order."""
    for f, name in inputs:
        f = Path(f)
        try:
            if f.suffix.lower() == ".jsonl":
                yield from _jsonl(f, name)
                continue
            size = f.stat().st_size
            if size > MAX_DOC_BYTES:
                yield InputError(str(f), f"file too large ({size / 2**20:.1f} MB > {MAX_DOC_BYTES // 2**20} MB limit)")
                continue
            if f.suffix.lower() == ".json":
                yield from _json(f, name)
                continue
            content, notes = decode_with_notes(f.read_bytes())
        except OSError as e:
            yield InputError(str(f), f"cannot read: {e.strerror or e}")
            continue
        except DecodeError as e:
            yield InputError(str(f), str(e))
            continue
        err = _check_doc(str(f), content)
        if err:
            yield err
            continue
        kind = SUFFIXES.get(f.suffix.lower()) or sniff_kind(content)
        if kind == "text" and sniff_kind(content) == "html":
            kind = "html"  # a saved page with a .txt name
        yield RawDoc(name, str(f), content, kind, notes=notes)
