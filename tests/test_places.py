"""Places resolved against the gazetteer underthesea ships, on real extractions: the dev corpus and the real sets r11
(foreign affairs: "Thái Bình Dương") and r12 (districts and communes, old and after the 2025 reorganisation)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.batch.run import run
from pipeline.export.places import PagePlaces, gazetteer, page_places
from pipeline.export.query import run_sql
from pipeline.export.tables import iter_records

REAL = Path(__file__).resolve().parent / "fixtures" / "real"


@pytest.fixture(scope="module")
def dev(dev_out):
    return {r["doc_id"]: r for r in iter_records(dev_out / "records.jsonl")}


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    out = tmp_path_factory.mktemp("real")
    run([REAL / "r11", REAL / "r12"], out, fmt="jsonl", workers=1)
    return {r["doc_id"]: r for r in iter_records(out / "records.jsonl")}


def places(record):
    return {p.text: p for p in page_places(record).places}


def test_the_gazetteer_is_read_without_importing_underthesea():
    code = ("import sys; from pipeline.export.places import gazetteer; g = gazetteer(); "
            "print(len(g.old), len(g.new), 'underthesea' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["63", "34", "False"]


def test_a_commune_and_its_district_resolve_with_the_province_then_and_now(dev):
    p = places(dev["e12"])  # "xã Sà Phìn, huyện Đồng Văn" (Hà Giang, part of Tuyên Quang since 2025)
    assert (p["xã Sà Phìn"].province, p["xã Sà Phìn"].district) == ("Hà Giang", "Huyện Đồng Văn")
    assert p["xã Sà Phìn"].province_today == "Tuyên Quang" and p["huyện Đồng Văn"].province_code == "02"
    assert page_places(dev["e12"]).province == "tinhhagiang"


def test_old_provinces_have_their_province_of_today(dev):
    assert gazetteer().short(page_places(dev["a29"]).province) == "Long An"
    assert gazetteer().today(page_places(dev["a29"]).province) == "Tây Ninh"


def test_a_commune_named_as_it_is_now_on_an_old_page(dev):
    # e10 (Kon Tum): "xã Bờ Y" is in the gazetteer only as the commune formed in 2025 (Quảng Ngãi)
    bo_y = places(dev["e10"])["xã Bờ Y"]
    assert (bo_y.province, bo_y.province_today) == ("Kon Tum", "Quảng Ngãi")


def test_a_page_after_the_reorganisation_names_the_new_units(dev):
    # e14, 18/8/2025: "Đảng bộ xã Bình Giã (TP HCM)": the new commune of Hồ Chí Minh City, once Bà Rịa - Vũng Tàu's
    assert page_places(dev["e14"]).date >= "2025-07-01"
    assert {p.province for p in page_places(dev["e14"]).places if p.text.lower() == "xã bình giã"} == {"Hồ Chí Minh"}


def test_a_district_and_commune_the_page_names_together_decide_each_other(real):
    # r12_26 names no province: "huyện Bảo Lâm" (Lâm Đồng or Cao Bằng) and "xã Lộc An" (Lâm Đồng, Bình Phước …)
    p = places(real["r12_26"])
    assert p["huyện Bảo Lâm"].province == p["xã Lộc An"].province == "Lâm Đồng"


def test_a_name_the_page_leaves_open_is_not_guessed(real):
    # r12_08: "xã Phúc Khánh" is a commune of several provinces and the page names none of them
    assert len({u.province for u in gazetteer().communes["phúc khánh"]}) > 1
    assert places(real["r12_08"])["xã Phúc Khánh"].province is None


def test_names_that_are_not_places(dev, real):
    assert not [p for p in page_places(real["r11_07"]).places if "Thái Bình" in p.text]  # the Pacific
    for doc in ("a09", "f13"):  # "Chủ tịch Hồ Chí Minh", "tư tưởng, đạo đức, phong cách Hồ Chí Minh"
        assert "Hồ Chí Minh" in dev[doc]["text"]
        assert not [p for p in page_places(dev[doc]).places if p.province == "Hồ Chí Minh"]
    assert "TP Thanh Hóa" in places(dev["a09"])  # while the city after it is one


def test_a_title_is_a_post_and_a_province(dev):
    pp = page_places(dev["seed"])
    assert pp.post_of("Trưởng Đoàn đại biểu Quốc hội Hải Phòng") == ("Trưởng Đoàn đại biểu Quốc hội",
                                                                      "thanhphohaiphong", "text")
    assert pp.post_of("Bí thư Thành ủy") == ("Bí thư Thành ủy", "thanhphohaiphong", "page")
    assert pp.post_of("Bộ trưởng Bộ Khoa học và Công nghệ") == ("Bộ trưởng Bộ Khoa học và Công nghệ", None, "")
    hanoi = PagePlaces([], "thanhphohanoi", None)  # Hà Nội has a Thành ủy: a "Bí thư Tỉnh ủy" is not Hà Nội's
    assert hanoi.province_of("Bí thư Tỉnh ủy") == (None, "")


def test_every_table_with_a_province_column_has_the_resolved_one(dev_out):
    cols, rows = run_sql(dev_out, """
        SELECT a.name, p.text, p.province, p.province_today, p.province_source FROM positions p
        JOIN attendees a USING (doc_id, attendee_idx) WHERE p.doc_id IN ('seed', 'a07')""")
    by = {(r[0], r[1]): r[2:] for r in rows}
    assert by[("Trần Lưu Quang", "Trưởng Đoàn ĐBQH Hải Phòng")] == ("Hải Phòng", "Hải Phòng", "text")
    # a07 (a Hải Dương page): "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Phú Yên Huỳnh Tấn Việt": Phú Yên's secretary
    secretary = [v for (name, text), v in by.items() if name == "Huỳnh Tấn Việt" and text.startswith("Bí thư")]
    assert secretary == [("Phú Yên", "Đắk Lắk", "attendee")]
    _, meeting = run_sql(dev_out, "SELECT province FROM meetings WHERE doc_id = 'e15' AND meeting_idx = 0")
    assert meeting == [("Kiên Giang",)]  # held "tại huyện Hòn Đất"
    _, grdp = run_sql(dev_out, "SELECT DISTINCT province FROM metrics "
                               "WHERE doc_id = 'b03' AND sentence LIKE 'GRDP của Hải Phòng%'")
    assert grdp == [("Hải Phòng",)]
    _, counts = run_sql(dev_out, "SELECT level, count(*) FROM places GROUP BY level ORDER BY level")
    assert {level for level, _ in counts} == {"commune", "district", "province"}
    json.dumps(counts)
