"""A folder of bad and awkward inputs: every file ends as exactly one record or one error, and the batch goes on."""
import json
import os
import unicodedata

from pipeline.chain import extract_doc
from pipeline.ingest.load import MAX_DOC_BYTES, InputError, iter_documents

BODY = ("Sáng 12/3, UBND tỉnh Hòa Vang tổ chức hội nghị triển khai kế hoạch năm 2024. Đồng chí Lê Văn Sơn, "
        "Phó Chủ tịch UBND tỉnh chủ trì; dự có 85 đại biểu của các sở, ngành.")


def _run(folder):
    """What a batch runner does: one record or one error per document, never an exception out."""
    records, errors = [], []
    for item in iter_documents([folder]):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        try:
            records.append((item.source, extract_doc(item)))
        except Exception as e:  # noqa: BLE001 - mirrors cli.py's per-document guard
            errors.append(InputError(item.source, f"{type(e).__name__}: {e}"))
    return records, errors


def test_every_bad_input_is_one_record_or_one_error(tmp_path):
    files = {
        "empty.txt": b"",
        "blank.txt": b"  \r\n\n ",
        "binary.html": bytes(range(256)) * 40,
        "truncated.html": f"<html><body><div class='detail-content'><p>{BODY}</p><p>Tỉnh đặt mục tiêu".encode(),
        "huge.html": b"<html><body>" + b"<p>x</p>" * (MAX_DOC_BYTES // 8 + 1000) + b"</body></html>",
        "english.html": b"<html><body><p>This page is not in Vietnamese at all, only English placeholder text.</p></body></html>",
        "tcvn3.txt": "§ång chÝ Chñ tÞch UBND tØnh ph¸t biÓu t¹i héi nghÞ tæng kÕt n¨m ®· ®­îc".encode("cp1252"),
        "utf16.txt": BODY.encode("utf-16"),
        "bom.txt": b"\xef\xbb\xbf" + BODY.encode(),
        "nfd.txt": unicodedata.normalize("NFD", BODY).encode(),
        "entities.html": ("<html><body><p>" + "".join(f"&#{ord(c)};" if ord(c) > 127 else c for c in BODY)
                          + "</p></body></html>").encode("ascii"),
        "br.txt": BODY.replace(". ", ".<br>").replace("\n", "").encode(),
        "crlf.txt": ("Hội nghị triển khai kế hoạch năm 2024 tỉnh Hòa Vang\r\n" + BODY + "\r\n").encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    jsonl = [json.dumps({"id": "ok-1", "text": BODY}, ensure_ascii=False), "{not json", json.dumps({"url": "x"}),
             json.dumps({"html": f"<p>{BODY}</p>"}, ensure_ascii=False), '"just a string"']
    (tmp_path / "batch.jsonl").write_text("\n".join(jsonl), encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing-target.txt")
    expected_units = len(files) + 1 + len(jsonl)  # files + the broken link + JSONL lines
    locked = tmp_path / "locked.txt"
    if os.geteuid() != 0:  # root reads anything: the dangling link stands for unreadable files there
        locked.write_text(BODY, encoding="utf-8")
        locked.chmod(0)
        expected_units += 1

    records, errors = _run(tmp_path)
    assert len(records) + len(errors) == expected_units
    by_source = {}
    for source, _ in records:
        by_source[source] = "record"
    for e in errors:
        key = f"{e.source}:{e.line}" if e.line else e.source
        assert key not in by_source, key  # never both, never twice
        by_source[key] = e.reason
    assert len(by_source) == expected_units

    reason = {os.path.basename(k): v for k, v in by_source.items()}
    assert "empty" in reason["empty.txt"] and "empty" in reason["blank.txt"]
    assert "binary" in reason["binary.html"]
    assert "too large" in reason["huge.html"]
    assert "Vietnamese" in reason["english.html"]
    assert reason["tcvn3.txt"] == "record"  # legacy TCVN3 is converted, not refused
    assert "cannot read" in reason["dangling.txt"]
    for ok in ("truncated.html", "utf16.txt", "bom.txt", "nfd.txt", "entities.html", "br.txt", "crlf.txt",
               "batch.jsonl:1", "batch.jsonl:4"):
        assert reason[ok] == "record", ok
    assert {reason[f"batch.jsonl:{i}"][:13] for i in (2, 3, 5)} == {"bad JSONL lin"}

    texts = {os.path.basename(s): r.text for s, r in records}
    assert "Chủ tịch UBND tỉnh phát biểu" in texts["tcvn3.txt"]
    for name in ("utf16.txt", "bom.txt", "nfd.txt", "entities.html", "br.txt", "crlf.txt"):
        assert "Đồng chí Lê Văn Sơn, Phó Chủ tịch UBND tỉnh chủ trì" in texts[name], name
    assert "Tỉnh đặt mục tiêu" in texts["truncated.html"]
