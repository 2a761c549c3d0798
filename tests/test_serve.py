"""`vngov serve`: Datasette on 127.0.0.1 over a real extraction of the dev corpus, looked at as a user does, in
headless Chromium (Debian's, installed by .ci/run): the people table links to a person's page, which lists their
posts and meetings; the canned queries answer; the tables offer facets."""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(dev_out, tmp_path_factory):
    out = tmp_path_factory.mktemp("serve")
    shutil.copy(dev_out / "records.jsonl", out / "records.jsonl")  # serve builds vngov.sqlite from it
    port = free_port()
    log = open(out / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", str(out), "--port", str(port)],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # up to 60 s: the SQLite file is built first
            if proc.poll() is not None:
                pytest.fail(f"vngov serve exited: {(out / 'serve.log').read_text()}")
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("vngov serve did not answer in 60 s")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=20) as r:
        return json.loads(r.read())


def dom(url: str, tmp_path: Path) -> str:
    """The page as headless Chromium renders it."""
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (.ci/run installs Debian's package)")
    profile = tmp_path / f"profile-{time.monotonic_ns()}"
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_a_person_page_lists_their_meetings(server, tmp_path):
    people = dom(f"{server}/vngov/people?name_key={urllib.parse.quote('trần lưu quang')}", tmp_path)
    assert "Trần Lưu Quang" in people
    link = "/vngov/people/afd276218b0c"  # the person_id of the name (a lone name keeps the bare name's id)
    assert f'href="{link}"' in people
    page = dom(server + link, tmp_path)
    assert "<h1" in page and "Trần Lưu Quang" in page
    assert "Meetings and pages (2)" in page
    assert "Ký kết chương trình phối hợp hoạt động khoa học" in page and "signing" in page
    assert "speaker, attendee" in page and 'href="/vngov/documents/seed"' in page and ">a31<" in page
    assert "Bí thư Thành ủy Hải Phòng" in page  # the post, listed once
    assert page.count("<td>Bí thư Thành ủy Hải Phòng</td>") == 1


def test_a_person_page_points_to_namesakes_kept_apart(server, tmp_path):
    # Nguyễn Xuân Phúc as Prime Minister (a19, b27, e25) and as President (f12): no dev page links the two posts
    page = dom(f"{server}/vngov/people/d0af851756c1", tmp_path)
    assert "Others of this name" in page and ">Chủ tịch nước</a>" in page
    assert "<td>Thủ tướng Chính phủ</td>" in page and "<td>2016-07-02</td>" in page and "<td>2019-02-23</td>" in page


def test_canned_queries_find_any_spelling(server):
    rows = get_json(f"{server}/vngov/meetings_attended_by.json?_shape=array&name="
                    + urllib.parse.quote("TRẦN LƯU QUANG"))
    assert sorted(r["doc_id"] for r in rows) == ["a31", "seed"]
    budget = get_json(f"{server}/vngov/metrics_by_province.json?_shape=array&about="
                      + urllib.parse.quote("thu ngân sách"))
    assert {"Long An", "Quảng Nam"} <= {r["province"] for r in budget}


def test_tables_offer_facets_and_search(server, tmp_path):
    meetings = get_json(f"{server}/vngov/meetings.json?_shape=objects")
    assert {"type", "province"} <= set(meetings["facet_results"])
    found = get_json(f"{server}/vngov/documents.json?_shape=array&_search=GRDP&_col=doc_id")
    assert found and "b03" in {r["doc_id"] for r in found}
    page = dom(f"{server}/vngov/meetings", tmp_path)
    for facet in ("province", "type", "date"):  # the facets a user sees above the meetings
        assert f'class="facet-info facet-vngov-meetings-{facet}"' in page
    database = dom(f"{server}/vngov", tmp_path)
    assert ">Meetings attended by …</a>" in database and ">Metrics about … by province</a>" in database
