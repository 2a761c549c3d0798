"""Stage 1, load/normalise: files, folders, JSON and JSONL into RawDoc objects (NFC text).

A JSON document (one object, or a list of them, per .json file) or JSONL line gives its "text" or "html", and
optionally "id", "url" and "published"; any other field (a gold annotation, say) is never read.

Never raises for a bad input: yields an InputError naming the source and the reason, so one broken file (or
JSONL line) never stops a batch. Reads are bounded before they happen: only regular files are opened (a FIFO
would block, /dev/zero never ends), at most MAX_DOC_BYTES are read of a file or a JSONL line whatever its size
claims, and a longer JSONL line is skipped in chunks, never held whole. Pages in the legacy TCVN3/VNI font
encodings are converted to Unicode (pipeline.ingest.legacy); text that cannot be written as UTF-8 (lone
surrogates, file names that are not UTF-8) is repaired; RawDoc.notes says what was done.

Three steps, so that a batch can run each where it belongs (pipeline.batch): iter_files walks the paths (cheap:
stat only), file_units splits a JSONL file into its lines (bounded reads), load_unit reads, decodes and checks one
unit (the costly part, run by a worker under its time budget). iter_documents chains them.
"""
from __future__ import annotations

import codecs
import errno
import html
import json
import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.ingest import legacy as legacy_encodings
from pipeline.ingest.legacy import VIET_CHARS, strip_markup
from pipeline.text.normalize import nfc

SUFFIXES = {".html": "html", ".htm": "html", ".txt": "text", ".jsonl": "jsonl", ".json": "json"}
# A news page is a few hundred KB; beyond this it is a dump or an attack, not an article.
MAX_DOC_BYTES = 8 * 1024 * 1024
READ_CHUNK = 4 * 1024 * 1024  # how much of a file or of an over-long JSONL line is held at once
# A page is taken for UTF-8 with damage (a download cut mid-character, a few bad bytes) when its valid multi-byte
# characters outnumber the bad sequences this many times. Text in an 8-bit encoding has next to none valid: the
# 95 dev pages written in TCVN3, VNI, cp1258 and Latin-1 show at most 0.02 valid per bad one.
UTF8_MAJORITY = 2

_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_SURROGATE = re.compile("[\ud800-\udfff]")
_FILE_TYPES = [(stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
               (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")]


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


@dataclass(frozen=True)
class Unit:
    """One piece of input a worker loads on its own: a whole file, or one line of a JSONL file (read already)."""
    path: str  # what to open: the path as given, or made absolute for a worker in another directory
    source: str  # what records and errors call it: the path as given, bytes that are not UTF-8 shown as U+FFFD
    line: int | None = None  # a JSONL line: its number and its bytes
    data: bytes | None = None
    notes: tuple[str, ...] = ()  # what naming it needed (a file name that is not UTF-8)
    name: str | None = None  # the doc_id of what it holds: its path under the folder given, without the suffix


class DecodeError(ValueError):
    """Bytes that are not readable text (binary, unknown encoding, empty)."""


class Refused(OSError):
    """An input that is not read at all: not a regular file, or larger than the limit."""


# ---- naming and repairing ----------------------------------------------------------------------------------

def scrub(text: str) -> tuple[str, int]:
    """`text` with lone surrogates (unwritable as UTF-8: "\\ud800" in a JSON string) replaced by U+FFFD, and how many."""
    return _SURROGATE.subn("\ufffd", text) if _SURROGATE.search(text) else (text, 0)


def display_path(path: str) -> tuple[str, bool]:
    """A path as text that can be written anywhere: bytes of a file name that are not UTF-8 (which Python keeps
    as surrogates) become U+FFFD. Also whether anything had to be replaced."""
    try:
        path.encode("utf-8")
        return path, False
    except UnicodeEncodeError:
        try:
            return os.fsencode(path).decode("utf-8", "replace"), True
        except UnicodeEncodeError:
            return scrub(path)[0], True


def _unit(path: str, absolute: bool, top: str | None = None) -> Unit:
    """`top`: the folder given, under which the file was found ("x/page" is DIR/x/page.txt's name; two files under
    one folder never share a name, except "page.txt" beside "page.html", which the batch makes unique)."""
    source, repaired = display_path(path)
    notes = ("file name is not valid UTF-8: shown with U+FFFD",) if repaired else ()
    name = None
    if top is not None:
        name = display_path(os.path.splitext(os.path.relpath(path, top))[0])[0].replace(os.sep, "/")
    return Unit(os.path.abspath(path) if absolute else path, source, notes=notes, name=name)


# ---- bounded reads ------------------------------------------------------------------------------------------

def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    what = next((name for test, name in _FILE_TYPES if test(mode)), "not a regular file")
    return f"not a regular file ({what}): not read, it could block or never end"


def _open_regular(path: str) -> int:
    """A descriptor for reading `path`, which must be a regular file (O_NONBLOCK: opening a FIFO cannot block)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        reason = _not_regular(os.fstat(fd).st_mode)
        if reason:
            raise Refused(reason)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _too_large(size: float | None = None) -> Refused:
    limit = MAX_DOC_BYTES / 2**20
    if size is None:
        return Refused(f"file too large (more than {limit:g} MB read, over the {limit:g} MB limit)")
    return Refused(f"file too large ({size / 2**20:.1f} MB > {limit:g} MB limit)")


def read_bounded(path: str) -> bytes:
    """The bytes of a regular file, refused beyond MAX_DOC_BYTES: by its size, and by what is read (a file that
    grows, or one whose size says nothing, as in /proc, is cut off at the limit, never read to the end)."""
    fd = _open_regular(path)
    with os.fdopen(fd, "rb", buffering=0) as f:
        size = os.fstat(fd).st_size
        if size > MAX_DOC_BYTES:
            raise _too_large(size)
        chunks, total = [], 0
        while chunk := f.read(min(READ_CHUNK, MAX_DOC_BYTES + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_DOC_BYTES:
                raise _too_large()
        return b"".join(chunks)


def jsonl_lines(path: str) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line of a JSONL file, bytes None for a line over MAX_DOC_BYTES: the rest of that
    line is read past a chunk at a time (_past_line) and dropped, never held whole (a 3 GB line costs 4 MB)."""
    fd = _open_regular(path)
    with os.fdopen(fd, "rb", buffering=READ_CHUNK) as f:
        i = 0
        while line := f.readline(MAX_DOC_BYTES + 1):
            i += 1
            if len(line) > MAX_DOC_BYTES and not line.endswith(b"\n"):
                end = _past_line(fd, f.tell())
                if end is None:
                    f.seek(0, os.SEEK_END)
                else:
                    f.seek(end)
                yield i, None
            else:
                yield i, line


def _past_line(fd: int, start: int) -> int | None:
    """The offset just past the first newline at or after `start`, None if the file ends first. Reads READ_CHUNK
    at a time; the holes of a sparse file (zero bytes only, never a newline: a preallocated download that stopped)
    are jumped over unread. The descriptor's offset is put back, so the buffered reader over it stays right."""
    saved, pos = os.lseek(fd, 0, os.SEEK_CUR), start
    try:
        while True:
            if hasattr(os, "SEEK_DATA"):
                try:
                    pos = os.lseek(fd, pos, os.SEEK_DATA)
                except OSError as e:
                    if e.errno == errno.ENXIO:
                        return None  # a hole to the end of the file
            chunk = os.pread(fd, READ_CHUNK, pos)
            if not chunk:
                return None
            end = chunk.find(b"\n")
            if end >= 0:
                return pos + end + 1
            pos += len(chunk)
    finally:
        os.lseek(fd, saved, os.SEEK_SET)


# ---- decoding -----------------------------------------------------------------------------------------------

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


def _replaced(data: bytes, encoding: str) -> tuple[str, int, int]:
    """`data` decoded with bad sequences as U+FFFD: (text, bad sequences, valid non-ASCII characters)."""
    try:
        text, bad = data.decode(encoding), 0
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        genuine = data.count("\ufffd".encode()) if encoding.startswith("utf-8") else 0  # U+FFFD in the page itself
        bad = max(text.count("\ufffd") - genuine, 1)
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return text, bad, non_ascii - bad


def _note_replaced(notes: list[str], encoding: str, bad: int) -> None:
    if bad:
        notes.append(f"not valid {encoding}: {bad} damaged or cut byte sequence(s) replaced with U+FFFD")


def _mostly_utf8(data: bytes, notes: list[str]) -> str | None:
    """`data` as UTF-8 if it is UTF-8, or UTF-8 but for a few bad or cut sequences (replaced, and noted)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text, bad, good = _replaced(data, "utf-8")
    if good < UTF8_MAJORITY * bad:
        return None  # not UTF-8 at all: an 8-bit or legacy font encoding
    _note_replaced(notes, "UTF-8", bad)
    return text


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
    """Bytes of a page → (NFC text, notes on what was done: bad bytes replaced, a legacy font encoding converted).

    UTF-8 is kept whenever the bytes are UTF-8, even with a few bad or cut sequences; the legacy TCVN3/VNI
    conversion is tried only on bytes that are not UTF-8, and made only when they look like those encodings.
    """
    if not data.strip():
        raise DecodeError("empty file")
    notes: list[str] = []
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text, bad, _ = _replaced(data, enc)
            _note_replaced(notes, enc.replace("-sig", "").upper(), bad)
            return nfc(text), notes
    text = _utf16_without_bom(data) if b"\x00" in data[:4096] else None
    legacy_tried = False
    if text is None:
        if _looks_binary(data):
            raise DecodeError("binary file (not text or HTML)")
        text = _mostly_utf8(data, notes)
        if text is None:
            legacy_tried = True
            text = _from_legacy_font(data.decode("cp1252", errors="replace"), notes)
            if not notes:
                text = _decode_8bit(data)
    if not legacy_tried:  # a UTF-8 page can carry legacy-font text as Latin-1 characters too
        text = _from_legacy_font(text, notes)
    text = nfc(text)
    if not text.strip():
        raise DecodeError("empty file")
    return text, notes


def sniff_kind(content: str) -> str:
    head = content[:2000].lower()
    return "html" if re.search(r"<(?:!doctype html|html|head|body|div|p|article|table)[\s>]", head) else "text"


def _no_vietnamese(content: str) -> bool:
    return not VIET_CHARS.search(html.unescape(strip_markup(content[:400000])))


# ---- walking the paths ---------------------------------------------------------------------------------------

def _walk(top: str, absolute: bool) -> Iterator[Unit | InputError]:
    """Every file with a known suffix under `top`, in path order; folders that cannot be listed, links that lead
    nowhere and entries that are not regular files (FIFOs, devices) are InputErrors, never skipped silently."""
    found: list[tuple[Path, Unit | InputError]] = []

    def unreadable(e: OSError) -> None:
        where = display_path(os.fsdecode(e.filename or top))[0]
        found.append((Path(e.filename or top), InputError(where, f"cannot read folder: {e.strerror or e}")))

    for root, dirs, files in os.walk(top, onerror=unreadable):
        dirs.sort()
        for name in files:
            if os.path.splitext(name)[1].lower() in SUFFIXES:
                path = os.path.join(root, name)
                found.append((Path(path), _checked(path, absolute, top)))
    found.sort(key=lambda f: f[0])
    yield from (item for _, item in found)


def _checked(path: str, absolute: bool, top: str | None = None) -> Unit | InputError:
    """A unit for `path` if it is a regular file (a link to one counts), else the reason it is not read."""
    unit = _unit(path, absolute, top)
    try:
        reason = _not_regular(os.stat(path).st_mode)
    except OSError as e:
        broken = " (a link to nothing)" if os.path.islink(path) else ""
        return InputError(unit.source, f"cannot read: {e.strerror or e}{broken}")
    return InputError(unit.source, reason) if reason else unit


def iter_files(paths: Iterable[str | Path], absolute: bool = False) -> Iterator[Unit | InputError]:
    """A unit for each file named or found in a folder (recursively, by suffix), or an InputError saying why it is
    not read. `absolute`: units open absolute paths (a Dask worker runs in another directory) but keep the
    source as given."""
    for p in paths:
        path = os.fspath(p)
        if os.path.isdir(path):
            yield from _walk(path, absolute)
        else:
            yield _checked(path, absolute)


def file_units(unit: Unit) -> Iterator[Unit | InputError]:
    """A JSONL file as one unit per line (read in bounded chunks); any other file as itself."""
    if unit.line is not None or os.path.splitext(unit.path)[1].lower() != ".jsonl":
        yield unit
        return
    try:
        for i, data in jsonl_lines(unit.path):
            if data is None:
                yield InputError(unit.source, f"line too large (more than {MAX_DOC_BYTES // 2**20} MB)", i)
            elif data.strip():
                yield replace(unit, line=i, data=data)
    except OSError as e:
        yield InputError(unit.source, _os_reason(e))
    except Exception as e:  # noqa: BLE001 - whatever goes wrong in one file stays that file's error
        yield InputError(unit.source, f"{type(e).__name__}: {e}")


# ---- loading one unit ------------------------------------------------------------------------------------------

def _os_reason(e: OSError) -> str:
    return str(e) if isinstance(e, Refused) else f"cannot read: {e.strerror or e}"


def _check_doc(source: str, content: str, line: int | None = None) -> InputError | None:
    if not content.strip():
        return InputError(source, "empty document", line)
    if _no_vietnamese(content):
        return InputError(source, "no Vietnamese text found (not a Vietnamese article)", line)
    return None


def _json_doc(obj, unit: Unit, i: int | None, default_id: str, what: str) -> RawDoc | InputError:
    """One JSON object as a document; `i` is its line (JSONL) or position (a .json list), None for a lone object.
    Fields of the wrong type are dropped and strings that cannot be written as UTF-8 repaired, each noted."""
    if not isinstance(obj, dict):
        return InputError(unit.source, f"bad {what}: not a JSON object", i)
    where = unit.source if i is None else f"{unit.source}:{i}"
    body = obj.get("html") or obj.get("text")
    if not isinstance(body, str):
        return InputError(unit.source, f'bad {what}: no "text" or "html" string field', i)
    notes = list(unit.notes)
    fields: dict[str, str | None] = {"text": body, "id": None, "url": None, "published": None}
    for name in ("id", "url", "published"):
        value = obj.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and name == "id":
            value = str(value)
        if value not in (None, "") and not isinstance(value, str):
            notes.append(f'"{name}" ignored: not a string')
            value = None
        fields[name] = value or None
    repaired = []
    for name, value in fields.items():
        if value is not None:
            fields[name], n = scrub(value)
            if n:
                repaired.append(name)
    if repaired:
        notes.append(f"lone surrogate(s) replaced with U+FFFD in {', '.join(repaired)}")
    body = nfc(_from_legacy_font(fields["text"], notes))
    err = _check_doc(where, body, i)
    if err:
        return err
    kind = "html" if obj.get("html") else sniff_kind(body)
    return RawDoc(fields["id"] or default_id, where, body, kind, fields["url"], fields["published"], notes)


def _json_units(unit: Unit, data: bytes, what: str, i: int | None, default_id: str) -> Iterator[RawDoc | InputError]:
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except RecursionError:
        yield InputError(unit.source, f"bad {what}: nested too deeply", i)
        return
    except (ValueError, UnicodeDecodeError) as e:
        yield InputError(unit.source, f"bad {what}: {e}", i)
        return
    if isinstance(obj, list) and i is None:
        for k, item in enumerate(obj, 1):
            yield _guarded(unit, k, lambda: _json_doc(item, unit, k, f"{default_id}-{k}", "JSON list item"))
    else:
        yield _json_doc(obj, unit, i, default_id, what)


def _guarded(unit: Unit, line: int | None, make) -> RawDoc | InputError:
    try:
        return make()
    except Exception as e:  # noqa: BLE001 - one bad item is that item's error
        return InputError(unit.source, f"{type(e).__name__}: {e}", line)


def _stem(unit: Unit) -> str:
    return unit.name or os.path.splitext(os.path.basename(unit.source))[0]


def load_unit(unit: Unit) -> Iterator[RawDoc | InputError]:
    """The documents of one unit (a file, or a JSONL line), or InputErrors; never raises."""
    try:
        if unit.line is not None:
            yield from _json_units(unit, unit.data or b"", "JSONL line", unit.line, f"{_stem(unit)}-{unit.line}")
            return
        suffix = os.path.splitext(unit.path)[1].lower()
        data = read_bounded(unit.path)
        if suffix == ".json":
            yield from _json_units(unit, data, "JSON file", None, _stem(unit))
            return
        content, notes = decode_with_notes(data)
        err = _check_doc(unit.source, content)
        if err:
            yield err
            return
        kind = SUFFIXES.get(suffix) or sniff_kind(content)
        if kind == "text" and sniff_kind(content) == "html":
            kind = "html"  # a saved page with a .txt name
        yield RawDoc(_stem(unit), unit.source, content, kind, notes=[*unit.notes, *notes])
    except OSError as e:
        yield InputError(unit.source, _os_reason(e), unit.line)
    except DecodeError as e:
        yield InputError(unit.source, str(e), unit.line)
    except Exception as e:  # noqa: BLE001 - whatever goes wrong in one input stays that input's error
        yield InputError(unit.source, f"{type(e).__name__}: {e}", unit.line)


def iter_documents(paths: Iterable[str | Path]) -> Iterator[RawDoc | InputError]:
    """Every document under `paths` as a RawDoc, or an InputError saying why it cannot be read."""
    for f in iter_files(paths):
        for unit in (file_units(f) if isinstance(f, Unit) else [f]):
            if isinstance(unit, InputError):
                yield unit
            else:
                yield from load_unit(unit)
