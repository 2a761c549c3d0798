"""Issue 16, done when: the hostile inputs fed into one batch give exactly one outcome each, in bounded time.

One folder, given by a relative path, holds what broke the batch before: deep JSON nesting, lone surrogates, a
file name that is not UTF-8, fields of the wrong type, a FIFO, /dev/zero, a JSONL line over the limit, a folder
that cannot be listed, a link to nothing, UTF-8 cut mid-character, rich markup and terminal escapes in the text,
HTML nested 300 deep, a 1,000-name roster, and a document that never finishes. It runs with one worker and with
two; then again with --resume after an input was edited and the journal's end torn; then onto a full disk.
"""
import errno
import json
import multiprocessing as mp
import os
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.batch.run import OutputError, run
from test_batch_faults import slow_stage

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from adversarial import GENERATORS  # noqa: E402 - the benchmark's own hostile pages

BODY = ("Sáng 12/3, UBND tỉnh Hòa Vang tổ chức hội nghị triển khai kế hoạch năm 2024. Đồng chí Lê Văn Sơn, "
        "Phó Chủ tịch UBND tỉnh chủ trì; dự có 85 đại biểu của các sở, ngành.")
MARKUP = BODY.replace("Lê Văn Sơn,", "Lê Văn Sơn [link=https://evil.example]bấm[/link] [/x] \x1b[31m,")


def hostile_folder(root: Path, monkeypatch) -> int:
    """The hostile inputs under root/hostile; returns how many outcomes they must give."""
    d = root / "hostile"
    d.mkdir()
    (d / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    # (each page a content of its own: the same content twice would be a duplicate, pipeline.batch.unique)
    (d / "surrogates.jsonl").write_text(json.dumps({"id": "s\ud800", "url": "https://a.gov.vn/\udc80",
                                                    "text": BODY.replace("85", "81")})
                                        + "\n", encoding="ascii")
    with open(os.path.join(os.fsencode(d), b"bi\xean b\xe1n.txt"), "wb") as f:
        f.write(BODY.replace("85", "82").encode())
    (d / "types.jsonl").write_text(json.dumps({"id": 7, "url": 5, "published": [1], "text": BODY.replace("85", "83")},
                                              ensure_ascii=False) + "\n", encoding="utf-8")
    os.mkfifo(d / "pipe.txt")
    (d / "zero.html").symlink_to("/dev/zero")
    (d / "dangling.txt").symlink_to(d / "missing.txt")
    (d / "feed.jsonl").write_bytes(b'{"text": "' + b"x" * (9 * 2**20) + b'"}\n'
                                   + json.dumps({"id": "after-big", "text": BODY.replace("85", "84")}, ensure_ascii=False).encode() + b"\n")
    locked = d / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(BODY, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):  # a folder that cannot be listed (chmod 0 does not stop root)
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)
    monkeypatch.setattr(os, "scandir", scandir)
    data = BODY.encode()
    (d / "cut.txt").write_bytes(data[:data.index("Sơn".encode()) + 2])
    (d / "markup.txt").write_text("Hội nghị [link=https://evil.example]bấm[/link] [/x] \x1b[31m tỉnh Hòa Vang\n\n"
                                  + MARKUP, encoding="utf-8")
    (d / "nested.html").write_text("<html><body>" + "<div>" * 300 + f"<p>{BODY}</p>" + "</div>" * 300
                                   + "</body></html>", encoding="utf-8")
    (d / "roster.txt").write_text(GENERATORS["roster"](20_000), encoding="utf-8")  # about 1,000 names
    (d / "slow.txt").write_text(BODY, encoding="utf-8")
    (d / "ok.txt").write_text(BODY.replace("Hòa Vang", "Hòa Bình"), encoding="utf-8")
    return 16  # one per file, one per JSONL line, one for the folder


def outcomes(out: Path) -> dict[str, str]:
    """source (with :line inside a JSONL or JSON list) → "record" or the error's reason; never two for one."""
    seen = {}
    for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines():
        source = json.loads(line)["source"]
        assert source not in seen, source
        seen[source] = "record"
    for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines():
        e = json.loads(line)
        source = f"{e['source']}:{e['line']}" if e.get("line") else e["source"]
        assert source not in seen, source
        seen[source] = e["reason"]
    return seen


@pytest.mark.parametrize("workers", [1, 2])
def test_hostile_inputs_give_one_outcome_each_in_bounded_time(tmp_path, monkeypatch, workers):
    expected = hostile_folder(tmp_path, monkeypatch)
    slow_stage(monkeypatch, 3600)  # "slow.txt" never finishes
    monkeypatch.chdir(tmp_path)  # the input is given by a relative path

    start = time.monotonic()
    stats = run(["hostile"], Path("out"), fmt="csv", workers=workers, doc_timeout=2)
    assert time.monotonic() - start < 60
    got = outcomes(tmp_path / "out")
    assert len(got) == stats.docs + stats.errors == expected, sorted(got)
    by_name = {os.path.basename(k): v for k, v in got.items()}
    assert "nested too deeply" in by_name["deep.json"]
    assert by_name["surrogates.jsonl:1"] == by_name["types.jsonl:1"] == by_name["bi\ufffdn b\ufffdn.txt"] == "record"
    assert "FIFO" in by_name["pipe.txt"] and "character device" in by_name["zero.html"]
    assert "cannot read" in by_name["dangling.txt"]
    assert "line too large" in by_name["feed.jsonl:1"] and by_name["feed.jsonl:2"] == "record"
    assert by_name["locked"] == "cannot read folder: Permission denied"
    assert "timed out after 2 s" in by_name["slow.txt"]
    for name in ("cut.txt", "markup.txt", "ok.txt"):
        assert by_name[name] == "record", name

    recs = {r["doc_id"]: r for r in map(json.loads, (tmp_path / "out/records.jsonl").read_text().splitlines())}
    assert recs["s\ufffd"]["url"] == "https://a.gov.vn/\ufffd" and "lone surrogate" in recs["s\ufffd"]["notes"][0]
    assert recs["7"]["url"] is None and '"url" ignored: not a string' in recs["7"]["notes"]
    assert "Lê Văn S\ufffd" in recs["cut"]["text"] and "damaged or cut" in recs["cut"]["notes"][0]
    assert [a["name"] for a in recs["ok"]["attendees"]] == ["Lê Văn Sơn"]

    shown = CliRunner().invoke(app, ["show", "out/records.jsonl", "--doc", "markup"], terminal_width=300)
    assert shown.exit_code == 0 and "[/x]" in shown.output and "\x1b" not in shown.output

    # --resume after an edit and a kill mid-line: one outcome each again, the edited input's record replaced
    (tmp_path / "hostile/ok.txt").write_text(BODY.replace("Hòa Vang", "Hòa Bình").replace("85", "86"), encoding="utf-8")
    with open(tmp_path / "out/records.jsonl", "a", encoding="utf-8") as f:
        f.write('{"doc_id": "torn", "text": "cut off mid-wri')
    again = run(["hostile"], Path("out"), fmt="csv", workers=workers, doc_timeout=2, resume=True)
    assert (again.docs, again.skipped + again.docs + again.errors) == (1, expected)  # only ok.txt is extracted
    got_again = outcomes(tmp_path / "out")  # errors are tried again; records are each there once
    assert sum(v == "record" for v in got_again.values()) == stats.docs and len(got_again) == expected
    assert [a["name"] for r in map(json.loads, (tmp_path / "out/records.jsonl").read_text().splitlines())
            if r["doc_id"] == "ok" for a in r["attendees"]] == ["Lê Văn Sơn"]

    # a full disk: the run ends at once, no worker left
    (tmp_path / "full").mkdir()
    (tmp_path / "full/records.jsonl").symlink_to("/dev/full")
    start = time.monotonic()
    with pytest.raises(OutputError, match="No space left on device"):
        run(["hostile"], Path("full"), workers=workers, doc_timeout=2)
    assert time.monotonic() - start < 30 and not mp.active_children()
