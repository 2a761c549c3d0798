"""Meeting stage on the shared dev corpus (read at run time; skipped when ../shared is absent)."""
import json
import re
from pathlib import Path

import pytest

from pipeline.meeting.events import extract_meeting
from pipeline.record import Attendee

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
if not DEV.is_dir():
    DEV = Path("/work/shared/corpus/dev")


def _gold():
    if not DEV.is_dir():
        pytest.skip("shared dev corpus absent")
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.json"))]


def test_date_text_matches_gold_meeting_date():
    dated = [d for d in _gold() if d.get("meeting_date")]
    assert dated
    hits = sum((extract_meeting(d["text"], [], url=d.get("url"))["date_text"] or "").casefold()
               == d["meeting_date"].casefold() for d in dated)
    assert hits / len(dated) >= 0.9, f"{hits}/{len(dated)}"


def _seed():
    seed = next((d for d in _gold() if "seed" in str(d.get("url", "")) or d.get("id") == "seed"), None)
    if seed is None:
        path = DEV / "seed.json"
        if not path.exists():
            pytest.skip("seed document absent")
        seed = json.loads(path.read_text(encoding="utf-8"))
    text = seed["text"]
    attendees = [Attendee(name=a["name"], mentions=[m.span() for m in re.finditer(re.escape(a["name"]), text)])
                 for a in seed["attendees"]]
    return text, attendees


@pytest.mark.parametrize("published,date,precision", [("2022-07-29", "2022-07-29", "day"),
                                                       (None, None, "day-no-year")])
def test_seed_done_when(published, date, precision):
    text, attendees = _seed()
    m = extract_meeting(text, attendees, published=published)
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
    by_name = {a.name: a for a in attendees}
    assert by_name["Huỳnh Thành Đạt"].roles == ["speaker", "attendee"]
    assert by_name["Bùi Thế Duy"].roles == ["attendee"]
    assert by_name["Trần Lưu Quang"].side == "thành phố"
    assert m["meetings"][0]["date_text"] == "Chiều 29/7"
