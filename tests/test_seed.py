"""The seed page (../shared/corpus/dev/seed.json, read at run time) comes out exact: every attendee with every
position, every metric, and the meeting the issues describe."""
import json
from pathlib import Path

import pytest

from pipeline import extract

SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "seed.json"


@pytest.fixture(scope="module")
def seed():
    if not SEED.is_file():
        pytest.skip("seed document absent")
    gold = json.loads(SEED.read_text(encoding="utf-8"))
    return gold, extract(gold["text"], doc_id="seed").to_dict()


def test_attendees_exact(scorer, seed):
    gold, record = seed
    k = scorer.key

    def people(attendees):
        return {k(a["name"]): sorted(k(scorer.pos_text(p)) for p in a["positions"]) for a in attendees}

    assert len(people(gold["attendees"])) == 6
    assert people(record["attendees"]) == people(gold["attendees"])


def test_metrics_exact(scorer, seed):
    gold, record = seed
    got = sorted((m["text"], m["value"], m["unit"], m["qualifier"]) for m in record["metrics"])
    assert got == sorted((m["text"], m["value"], m["unit"], m["qualifier"]) for m in gold["metrics"])
    assert len(got) == 14


@pytest.mark.parametrize("published,date,precision", [("2022-07-29", "2022-07-29", "day"),
                                                       (None, None, "day-no-year")])
def test_meeting(published, date, precision):
    gold = json.loads(SEED.read_text(encoding="utf-8")) if SEED.is_file() else pytest.skip("seed absent")
    r = extract(gold["text"], doc_id="seed", published=published).to_dict()
    m = r["meeting"]
    assert m["type"] == "signing" and set(m["types"]) >= {"signing", "working_session"}
    assert (m["date"], m["date_precision"], m["date_text"], m["time_of_day"]) == (date, precision, "Chiều 29/7", "chiều")
    assert (m["day"], m["month"]) == (29, 7)
    assert m["parties"] == ["UBND thành phố Hải Phòng", "Bộ Khoa học và Công nghệ"]
    assert set(m["speakers"]) == {"Trần Lưu Quang", "Nguyễn Văn Tùng", "Hoàng Minh Cường", "Huỳnh Thành Đạt"}
    sides = {d["side"]: d["members"] for d in m["delegations"]}
    assert sides["Bộ Khoa học và Công nghệ"][:2] == ["Huỳnh Thành Đạt", "Bùi Thế Duy"]
    assert sides["thành phố"][:3] == ["Trần Lưu Quang", "Nguyễn Văn Tùng", "Đỗ Mạnh Hiến"]
    assert len(m["outcomes"]) == 5 and m["outcomes"][0].startswith("Hỗ trợ Hải Phòng")
    assert m["outcomes"][-1].endswith("của vùng Bắc Bộ và cả nước")
    by_name = {a["name"]: a for a in r["attendees"]}
    assert by_name["Huỳnh Thành Đạt"]["roles"] == ["speaker", "attendee"]
    assert by_name["Bùi Thế Duy"]["roles"] == ["attendee"]
    assert by_name["Trần Lưu Quang"]["side"] == "thành phố"
    assert r["meetings"][0] == m
