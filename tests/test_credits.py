"""Bylines, photo credits and source lines go to three fields (authors, credits, sources), on real pages.

Every line in the tables is quoted from a real page (../shared/corpus/dev or tests/fixtures/real); the test reads the
page and checks the line is there before classifying it.
"""
import json
from pathlib import Path

import pytest

from pipeline.boilerplate import clean
from pipeline.boilerplate.lines import credit_line
from pipeline.text.normalize import nfc

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"
REAL = ROOT / "tests" / "fixtures" / "real"


def _text(page: str) -> str:
    path = DEV / page if "/" not in page else REAL / page
    if not path.exists():
        pytest.skip(f"{path} absent")
    return nfc(json.loads(path.read_text(encoding="utf-8"))["text"])


@pytest.mark.parametrize("page, line, parts", [
    ("b15.json", "Tin, ảnh: Quốc Tuấn", [("authors", "Quốc Tuấn")]),  # wrote it and took the photos: a byline
    ("r4/r4_08.json", "Tác giả: Văn Kiên", [("authors", "Văn Kiên")]),
    ("r2/r2_16.json", "Trần Long - Thuỳ Linh - Ảnh: Thanh Hải",
     [("authors", "Trần Long"), ("authors", "Thuỳ Linh"), ("credits", "Thanh Hải")]),
    ("r11/r11_20.json", "(Ảnh: Minh Lý/Vietnam+)", [("credits", "Minh Lý/Vietnam+")]),
    ("f19.json", "Theo TTXVN", [("sources", "TTXVN")]),
    ("r5/r5_16.json", "(theo Xinhua)", [("sources", "Xinhua")]),
    ("r8/r8_21.json", "(Theo Báo điện tử Trà Vinh)", [("sources", "Báo điện tử Trà Vinh")]),
    ("r9/r9_16.json", "Theo Nhóm PV hanoi.gov.vn", [("sources", "Nhóm PV hanoi.gov.vn")]),
    ("r11/r11_10.json", "Theo Hải Minh /VGP", [("sources", "Hải Minh /VGP")]),
    ("r4/r4_08.json", "Nguồn tin: Báo Tiền Phong", [("sources", "Báo Tiền Phong")]),
    ("r12/r12_06.json", "Nguồn baobacgiang.com.vn", [("sources", "baobacgiang.com.vn")]),
    ("r12/r12_18.json", "Theo: https://baotuyenquang.com.vn/", [("sources", "https://baotuyenquang.com.vn/")]),
    ("r5/r5_16.json", "Nguồn TG&VN: https://baoquocte.vn/phai-doan-cap-cao-nhat-ban-se-toi-trung-quoc-dam-phan-ve-"
                      "kinh-te-91432.html",
     [("sources", "TG&VN: https://baoquocte.vn/phai-doan-cap-cao-nhat-ban-se-toi-trung-quoc-dam-phan-ve-kinh-te-"
                  "91432.html")]),
    # not credit lines: a follow-us widget, a caption naming who is pictured, prose, a bare signature (the
    # signature rule takes that one, at the end of the page)
    ("r11/r11_08.json", "Theo dõi Baoquocte.vn trên", None),
    ("r9/r9_08.json", "Phan Văn Anh Vũ. Ảnh: Phạm Dự.", None),
    ("f08.json", "Theo Quyết định số 999, Chủ tịch nước tặng Huân chương Sao Vàng cho Bộ Công an", None),
    ("seed.json", "Hoàng Tùng - Đàm Thanh", None),
])
def test_credit_lines_of_real_pages(page, line, parts):
    assert line in _text(page)
    assert credit_line(line) == parts


def test_photo_credits_and_source_lines_are_not_authors():
    page = clean(_text("f19.json"))  # TTXVN photos, "Theo TTXVN", the outlet it was copied from
    assert page.authors == []
    assert page.credits == ["Lâm Khánh/TTXVN"]
    assert page.sources[0] == "TTXVN" and page.sources[1].startswith("Hải Dương: http://baohaiduong.vn/")
    assert "Theo TTXVN" not in page.text and "(Ảnh: Lâm Khánh/TTXVN)" not in page.text
    assert "tối 14.4.2023." in page.text  # the caption itself stays, without its credit


def test_byline_and_source_at_the_foot_of_a_page():
    page = clean(_text("e29.json"))
    assert (page.authors, page.sources) == (["Việt Tường"], ["zing.vn"])
    assert page.credits == ["VGP", "Google Maps"]
    for line in ("Tác giả: Việt Tường", "Nguồn tin: zing.vn"):
        assert line not in page.text


def test_caption_naming_who_is_pictured_keeps_the_name():
    page = clean(_text("r9/r9_08.json"))
    assert "Phan Văn Anh Vũ." in [b.text for b in page.blocks]
    assert "Phan Văn Anh Vũ" not in page.authors and "Phạm Dự" in page.credits


def test_capital_photo_label_ends_a_caption_without_punctuation_before_it():
    page = clean(_text("r9/r9_06.json"))  # "Ông …, Chủ tịch HĐND phường Phú An ẢNH: ĐỖ TRƯỜNG"
    assert "ĐỖ TRƯỜNG" in page.credits
    assert any(b.text.endswith("Chủ tịch HĐND phường Phú An") for b in page.blocks)
    assert "ẢNH" not in page.text


def test_no_attendee_is_taken_for_a_credit_or_a_source():
    pages = sorted(DEV.glob("*.json")) + sorted(REAL.glob("r*/*.json"))
    if not pages:
        pytest.skip("no gold pages")
    moved = []
    for p in pages:
        gold = json.loads(p.read_text(encoding="utf-8"))
        page = clean(nfc(gold["text"]))
        for a in gold["attendees"]:
            name = nfc(a["name"])
            moved += [(p.name, name, c) for c in page.credits + page.sources if name in c]
    assert moved == []


def test_extract_carries_the_fields_into_the_record():
    from pipeline import extract
    record = extract(_text("r2/r2_16.json"))
    d = record.to_dict()
    assert d["authors"] == ["Trần Long", "Thuỳ Linh"] and d["credits"] == ["Thanh Hải"] and d["sources"] == []
