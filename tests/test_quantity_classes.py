"""Issue 13: the quantity grammar's rules for the classes of error seen on real pages nobody had tuned on.

Each table is one class of the issue, its cases written in the style of gov.vn news (our own sentences, not the
pages'), grouped by where the class was seen: the dev corpus's local (e*) and national (f*) pages, or our real
sets (tests/fixtures/real). A case is a phrase and the (value, unit) of every quantity in it; [] when nothing in it
is a metric.
"""
import pytest

from pipeline.metrics.quantities import find_quantities


def quantities(text):
    return [(q.value, q.unit) for q in find_quantities(text)]


# ---------------------------------------------------------------- how numbers are written

NUMBERS = {
    "two scale words make one number, kept in the first scale (real sets: exports, funds)": [
        ("kim ngạch xuất khẩu ước đạt 2 tỷ 450 triệu USD, tăng 4%", [(2.45, "tỷ USD"), (4, "%")]),
        ("tổng kinh phí 1 tỷ 260 triệu đồng", [(1.26, "tỷ đồng")]),
        ("tổng đàn gia cầm 5 triệu 310 nghìn con", [(5.31, "triệu con")]),
        ("hỗ trợ 12 tỷ 50 triệu đồng xây nhà", [(12.05, "tỷ đồng")]),
        ("trao 2 triệu 5 trăm nghìn đồng mỗi suất", [(2.5, "triệu đồng")]),
        ("thu 3 nghìn tỷ đồng", [(3, "nghìn tỷ đồng")]),  # a compound scale, not two amounts
    ],
    "a unit glued to the number, even one ending in a digit (real sets: land areas)": [
        ("thửa đất diện tích 150m2 và thửa 42 diện tích 90m2", [(150, "m2"), (90, "m2")]),
        ("xã mới rộng 12,4km2", [(12.4, "km2")]),
        ("chủng virus H5N1 lây lan", []),
    ],
    "a count after '/' is a second quantity (dev e-pages)": [
        ("đồng bào dân tộc thiểu số có 210 hộ/845 khẩu", [(210, "hộ"), (845, "khẩu")]),
        ("mật độ 500 người/km2", [(500, "người/km2")]),
    ],
    "a range whose first end has only the scale word (real sets)": [
        ("thu nhập từ 95 triệu đến 110 triệu đồng/người/năm",
         [(95, "triệu đồng/người/năm"), (110, "triệu đồng/người/năm")]),
    ],
}

# ---------------------------------------------------------------- what the words before a number make it

CONTEXTS = {
    "ISO dates of crawler metadata before a headline (dev f-pages, real sets)": [
        ("date 2025-08-14 Chủ tịch Quốc hội tiếp Đoàn đại biểu", []),
        (" date 2024-11-30 Bí thư Tỉnh ủy làm việc", []),
    ],
    "'dân số', 'hằng năm', 'đến nay' head a measured number, not a label (dev e-pages, real sets)": [
        ("xã có diện tích tự nhiên 45,2 km2; dân số 21.430 người", [(45.2, "km2"), (21430, "người")]),
        ("tỉnh có quy mô dân số 1,6 triệu người", [(1.6, "triệu người")]),
        ("thôn có dân số 820 hộ (3.950 khẩu)", [(820, "hộ"), (3950, "khẩu")]),
        ("tổng giá trị sản xuất tăng bình quân hàng năm 7,2%", [(7.2, "%")]),
        ("tỷ lệ hộ nghèo giảm bình quân hằng năm 1,85%.", [(1.85, "%")]),
        ("đến nay 54/54 ý kiến đã được trả lời", [(54, "ý kiến")]),
        ("trong năm 2024 đạt 12 tỷ đồng", [(12, "tỷ đồng")]),  # the year itself stays a date
    ],
    "a verb that names a document only when capitalised (real sets)": [
        ("HĐND tỉnh sẽ xem xét, quyết định 14 nội dung quan trọng", [(14, "nội dung")]),
        ("theo Quyết định 1520 của UBND tỉnh", []),
    ],
    "codes, rankings and plot labels (real sets)": [
        ("trong bối cảnh dịch Covid - 19 còn phức tạp", []),
        ("kinh tế tỉnh đứng vị trí 9/13 tỉnh, thành vùng ĐBSCL", []),
        ("thửa 27 tờ bản đồ 14 xã Tân Lập", []),
    ],
}


CLASSES = {**NUMBERS, **CONTEXTS}


@pytest.mark.parametrize("text,expected", [c for cases in CLASSES.values() for c in cases],
                         ids=[f"{cls[:40]}|{text[:30]}" for cls, cases in CLASSES.items() for text, _ in cases])
def test_quantity_classes(text, expected):
    assert quantities(text) == expected


def test_two_scale_words_normalise_to_one_amount():
    (q,) = find_quantities("đạt 2 tỷ 450 triệu USD")
    assert (q.text, q.value, q.scale, q.value_normalized, q.currency) == (
        "2 tỷ 450 triệu USD", 2.45, 10**9, 2_450_000_000, "USD")
