"""End to end through `extract()` on a text dump of a portal page written for this test (officials invented)."""
import json

import pytest

from pipeline import extract

DUMP = """Quảng Trị: Tổng kết công tác xây dựng nông thôn mới năm 2023

Sáng 12/1, UBND tỉnh Quảng Trị tổ chức hội nghị tổng kết công tác xây dựng nông thôn mới năm 2023. Tham dự hội nghị có các đồng chí: Lương Văn Khải, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy; Mạc Quang Vinh, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh.

Năm 2023, toàn tỉnh có thêm 14 xã đạt chuẩn nông thôn mới, nâng tổng số lên 112 xã, chiếm 78,5% tổng số xã. Thu nhập bình quân đầu người khu vực nông thôn đạt 52 triệu đồng/người/năm.

Đồng chí Lương Văn Khải, Bí thư Tỉnh ủy phát biểu chỉ đạo hội nghị. Ảnh: Minh Đức

Phát biểu chỉ đạo, Bí thư Tỉnh ủy Lương Văn Khải đề nghị các địa phương tiếp tục huy động nguồn lực.

Thu Hằng - Quốc Khánh
Lượt truy cập: 1.254.387
Cổng Thông tin điện tử tỉnh Quảng Trị
Trưởng Ban biên tập: Chánh Văn phòng UBND tỉnh Vũ Đình Khiêm
Địa chỉ: số 45 đường Hùng Vương, TP Đông Hà
"""
URL = "https://quangtri.gov.vn/tin-tuc/tong-ket-nong-thon-moi-2023"


@pytest.fixture(scope="module")
def record():
    return extract(DUMP, url=URL, published="2024-01-12", doc_id="qt-ntm-2023")


@pytest.fixture(scope="module")
def as_dict(record):
    return record.to_dict()


def test_record_keys(as_dict):
    assert {"doc_id", "source", "title", "text", "meeting", "attendees", "authors", "metrics",
            "entities"} <= set(as_dict)
    assert as_dict["doc_id"] == "qt-ntm-2023"
    assert as_dict["source"] == URL
    assert as_dict["title"] == "Quảng Trị: Tổng kết công tác xây dựng nông thôn mới năm 2023"
    for a in as_dict["attendees"]:
        assert {"name", "positions", "roles"} <= set(a)
        for p in a["positions"]:
            assert set(p) >= {"text", "normalized"}
    for m in as_dict["metrics"]:
        assert {"text", "value", "unit", "qualifier", "start", "end"} <= set(m)
    for e in as_dict["entities"]:
        assert set(e) >= {"label", "text", "start", "end"}


def test_attendees_with_exact_positions(as_dict):
    assert [(a["name"], [p["text"] for p in a["positions"]]) for a in as_dict["attendees"]] == [
        ("Lương Văn Khải", ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"]),
        ("Mạc Quang Vinh", ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"]),
    ]
    vinh = as_dict["attendees"][1]
    assert vinh["positions"][1]["normalized"] == "Chủ tịch Ủy ban nhân dân tỉnh"
    assert "speaker" in as_dict["attendees"][0]["roles"]


def test_byline_credit_and_footer_are_not_attendees(record):
    names = {a.name for a in record.attendees}
    assert not names & {"Thu Hằng", "Quốc Khánh", "Minh Đức", "Vũ Đình Khiêm"}
    assert {"Thu Hằng", "Quốc Khánh"} <= set(record.authors)


def test_boilerplate_left_out_of_text(record):
    assert "Lượt truy cập" not in record.text
    assert "Trưởng Ban biên tập" not in record.text
    assert "Thu Hằng" not in record.text
    assert "Bí thư Tỉnh ủy Lương Văn Khải đề nghị" in record.text


def test_metrics(as_dict):
    got = [(m["text"], m["value"], m["unit"]) for m in as_dict["metrics"]]
    assert got == [("14 xã", 14, "xã"), ("112 xã", 112, "xã"), ("78,5%", 78.5, "%"),
                   ("52 triệu đồng/người/năm", 52, "triệu đồng/người/năm")]
    assert not any("1.254.387" in m["text"] for m in as_dict["metrics"])  # the visitor counter
    text = as_dict["text"]
    for m in as_dict["metrics"]:
        assert text[m["start"]:m["end"]] == m["text"]


def test_entity_and_mention_offsets_slice_the_record_text(record, as_dict):
    text = record.text
    assert as_dict["entities"]
    for e in as_dict["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]
    labels = {(e["label"], e["text"]) for e in as_dict["entities"]}
    assert {("PERSON", "Lương Văn Khải"), ("POSITION", "Bí thư Tỉnh ủy"), ("ORG", "UBND tỉnh Quảng Trị")} <= labels
    for a in record.attendees:
        assert a.mentions
        for s, e in a.mentions:
            assert text[s:e] in a.name


def test_meeting_date(as_dict):
    assert as_dict["meeting"]["date_text"] == "Sáng 12/1"
    assert as_dict["meeting"]["date"] == "2024-01-12"


def test_to_dict_is_json_serialisable(as_dict):
    back = json.loads(json.dumps(as_dict, ensure_ascii=False))
    assert back == as_dict
