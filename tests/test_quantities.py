"""The Vietnamese quantity grammar: a table of phrases written in the style of gov.vn news, and a
round-trip property for numbers formatted the Vietnamese way."""
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from pipeline.metrics.numbers import parse_digits, parse_number, parse_spelled
from pipeline.metrics.quantities import find_quantities

NUMBERS = [
    ("40,43", 40.43), ("41", 41), ("1.234.567", 1234567), ("1.234,5", 1234.5), ("0,42", 0.42),
    ("2.800", 2800), ("22.654", 22654), ("190.00", 19000), ("1,234,567", 1234567), ("1,234.5", 1234.5),
    ("1,5", 1.5), ("03", 3), ("100", 100),
    ("hai", 2), ("ba mươi", 30), ("một trăm", 100), ("mười lăm", 15), ("nửa", 0.5), ("hai mươi mốt", 21),
    ("bốn mươi tư", 44), ("một trăm linh năm", 105), ("chín trăm chín mươi chín", 999), ("Mười", 10),
]
NOT_NUMBERS = ["0225.3821.055", "1.2.3,4,5", "abc", "", "29/7", "một hai", "năm năm"]


@pytest.mark.parametrize("text,value", NUMBERS)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_a_number(text):
    assert parse_number(text) is None


# phrase → [(value, unit), …] of every quantity found; [] for the things that only look like one.
CASES = [
    # percentages and decimal comma
    ("năm 2020 đạt 40,43%", [(40.43, "%")]),
    ("năm 2021 đạt 41%.", [(41, "%")]),
    ("tỷ lệ hộ nghèo giảm còn 4%.", [(4, "%")]),
    ("tăng 13,5 phần trăm so với cùng kỳ", [(13.5, "%")]),
    ("đạt 100% TTHC", [(100, "%")]),
    ("tăng bình quân 7,6%/năm", [(7.6, "%")]),
    ("chiếm 0,24 % tổng vốn", [(0.24, "%")]),
    # money and scale words (value as written, scale kept in the unit)
    ("thu ngân sách 60 tỷ đồng", [(60, "tỷ đồng")]),
    ("vốn 1,2 triệu USD", [(1.2, "triệu USD")]),
    ("quy mô 3 nghìn tỷ", [(3, "nghìn tỷ")]),
    ("khoảng 565 ngàn tỷ đồng", [(565, "ngàn tỷ đồng")]),
    ("hơn 31.700 tỉ đồng", [(31700, "tỉ đồng")]),
    ("thu nhập 1.545 USD", [(1545, "USD")]),
    ("giá trị 250 triệu VNĐ", [(250, "triệu VNĐ")]),
    ("đạt 10.370USD/người/năm", [(10370, "USD/người/năm")]),
    ("bình quân 19,5 tỷ USD/tháng", [(19.5, "tỷ USD/tháng")]),
    ("hỗ trợ 2 triệu đồng/người", [(2, "triệu đồng/người")]),
    ("hụt thu 5.300 tỷ so với dự toán", [(5300, "tỷ")]),
    ("ranh mặn 4‰ xâm nhập sâu", [(4, "‰")]),
    ("kết nối với 2.150 dịch vụ công trực tuyến", [(2150, "dịch vụ")]),  # "dịch" alone is no noun, "dịch vụ" is
    ("trao bằng cho 37 thạc sĩ và 4 tiến sĩ", [(37, "thạc sĩ"), (4, "tiến sĩ")]),
    ("triển khai Đề án 06 tạo nền tảng số", []),  # a verb after the number: nothing is counted
    ("thực hiện phương châm bốn tại chỗ", []),  # "tại chỗ" (on the spot) is no noun
    ("Vùng Cảnh sát biển 4 phối hợp với Hải quân", []),
    ("lượng khách khoảng 8,3 triệu, tăng mạnh", [(8.3, "triệu")]),
    ("nửa triệu USD", [(0.5, "triệu USD")]),
    ("tổng vốn 12 EUR", [(12, "EUR")]),
    # physical units, attached or spaced
    ("diện tích 83.900ha", [(83900, "ha")]),
    ("120 ha đất lúa", [(120, "ha")]),
    ("tuyến đường dài 3,5 km", [(3.5, "km")]),
    ("sản lượng 2.000 tấn", [(2000, "tấn")]),
    ("187,63 triệu tấn hàng hóa", [(187.63, "triệu tấn")]),
    ("mật độ 500 người/km2", [(500, "người/km2")]),
    ("công suất 50 MW", [(50, "MW")]),
    ("gấp 2 lần", [(2, "lần")]),
    # counted nouns: the head noun
    ("hơn 30 doanh nghiệp xây dựng lộ trình", [(30, "doanh nghiệp")]),
    ("cấp phép cho 9 doanh nghiệp FDI", [(9, "doanh nghiệp")]),
    ("hơn 2.800 dự án đầu tư trực tiếp nước ngoài", [(2800, "dự án")]),
    ("20 quyết định, chương trình, kế hoạch", [(20, "quyết định")]),
    ("cấp mới 11 Giấy chứng nhận doanh nghiệp", [(11, "giấy chứng nhận")]),
    ("bầu 2 Phó chủ tịch", [(2, "phó chủ tịch")]),
    ("đã có 110.100 DN thành lập mới", [(110100, "DN")]),
    ("lãnh đạo 186 xã, phường trên địa bàn", [(186, "xã, phường")]),
    ("khai trương 4 đường bay mới", [(4, "đường bay")]),
    ("thêm 300 mã số vùng trồng được cấp", [(300, "mã số vùng trồng")]),
    ("có 726 cơ sở lưu trú với 22.654 phòng.", [(726, "cơ sở"), (22654, "phòng")]),
    ("ước đạt 846.441 lượt; khách quốc tế", [(846441, "lượt")]),
    ("hơn 5,14 triệu lượt khách", [(5.14, "triệu lượt khách")]),
    ("ước đạt hơn 5,14 triệu lượt, tăng", [(5.14, "triệu lượt")]),
    ("quan hệ giữa 2 tỉnh An Giang - Champasak", []),  # the two sides, named (GUIDELINES "Resolved cases")
    ("cho ý kiến 42 báo cáo, tờ trình", [(42, "báo cáo")]),
    ("triển khai 8 nhóm nhiệm vụ", [(8, "nhóm nhiệm vụ")]),
    ("ký 03 hợp đồng", [(3, "hợp đồng")]),
    ("với tổng số 300 học viên", [(300, "học viên")]),
    ("tiếp nhận 15 xe cứu thương", [(15, "xe cứu thương")]),
    # counted nouns outside the lexicon: the longest dictionary word, a classifier with its noun, else one word
    ("có 246 phó giáo sư, 1.972 giảng viên", [(246, "phó giáo sư"), (1972, "giảng viên")]),
    ("thành lập mới 74 hợp tác xã", [(74, "hợp tác xã")]),
    ("thu giữ 52.000 viên ma túy tổng hợp", [(52000, "viên ma túy")]),
    ("kết nghĩa 100 cặp địa phương", [(100, "cặp địa phương")]),
    ("tặng 80 suất học bổng", [(80, "suất học bổng")]),
    ("công bố 315 bài báo quốc tế", [(315, "bài báo")]),
    ("có 37 nhà phải di dời", [(37, "nhà")]),
    ("giảm 1,2 điểm phần trăm so với", [(1.2, "điểm phần trăm")]),
    ("khen thưởng 45 đồng chí", [(45, "đồng chí")]),
    ("hơn 1.200 đoàn viên tham gia", [(1200, "đoàn viên")]),
    # "bị" nouns are counted; elsewhere "bị" is the passive after the noun
    ("xét xử 9 bị cáo và 3 bị can", [(9, "bị cáo"), (3, "bị can")]),
    ("làm 146 ngôi nhà bị hư hỏng", [(146, "ngôi nhà")]),
    # counted nouns headed by a time word are measures, not durations
    ("huy động hơn 3.500 ngày công đào đắp kênh", [(3500, "ngày công")]),
    ("tiết kiệm 800 giờ công mỗi tháng", [(800, "giờ công")]),
    ("thưởng thêm 2 tháng lương cho cán bộ", [(2, "tháng lương")]),
    # "trong số" counts unless it follows a rank
    ("trong số 4.210 hồ sơ tiếp nhận, có 98% đúng hạn", [(4210, "hồ sơ"), (98, "%")]),
    ("xếp thứ 9 trong số 63 tỉnh, thành phố", []),
    ("đứng thứ hai trong số 30 đơn vị dự thi", []),
    ("thứ 1 trong 5 địa phương vùng kinh tế trọng điểm miền Trung", []),  # r24_20 (real, blind)
    ("giải quyết xong trong 5 ngày làm việc đối với 120 hồ sơ", [(120, "hồ sơ")]),
    # a capitalised rank after the noun does not end it; "giải" verbs are no prizes
    ("đoạt 6 giải Nhì, 11 giải Ba và 20 giải Khuyến khích", [(6, "giải"), (11, "giải"), (20, "giải")]),
    ("trao 25 giải thưởng báo chí", [(25, "giải thưởng")]),
    ("đã giải ngân 410 tỷ giải ngân vốn", [(410, "tỷ")]),
    # labels of classes, grades, floors, lots, routes; a capitalised noun opening a name is no count
    ("em Lò Thị Mai, học sinh lớp 9 Trường THCS Nậm Cắn", []),
    ("các em khối 6 tham gia", []),
    ("cháy tại tầng 5 chung cư", []),
    ("Đội 3 Phòng Cảnh sát giao thông", []),
    ("hơn 40 Trường đạt chuẩn quốc gia", [(40, "trường")]),
    ("có 12 trường THPT tham gia", [(12, "trường")]),
    # a capitalised dictionary noun counts before punctuation or a lower-case word, not before a name
    ("Cả nước hiện có 48 Bệnh viện, 17 Trung tâm được công nhận", [(48, "bệnh viện"), (17, "trung tâm")]),
    ("đoàn đã giám sát 9 Trung tâm.", [(9, "trung tâm")]),
    ("khám bệnh tại cơ sở 2 Trung tâm Y tế huyện Mường Tè", []),
    ("Kỳ họp 9 Quốc hội khóa XV thông qua", []),  # one-of-a-kind institutions are never counted
    ("Phiên họp 14 Chính phủ đã thống nhất", []),
    # ages are attributes of a person or bounds on who is counted, like durations (GUIDELINES "Resolved cases")
    ("tiêm chủng cho trẻ dưới 5 tuổi", []),
    ("người cao tuổi từ 80 tuổi trở lên", []),
    ("lao động từ 18 đến 45 tuổi", []),
    ("có 2.300 người 60 tuổi trở lên", [(2300, "người")]),
    ("cụ ông 101 tuổi", []),
    ("người đàn ông 63 tuổi", []),
    ("Ông Nguyễn Văn A (61 tuổi), quê xã Quỳnh Thạnh", []),
    ("Ông Hồ Đức Phớc, 61 tuổi, quê Nghệ An", []),
    ("mừng thọ 100 tuổi cho 12 cụ", [(12, "cụ")]),
    # spelled-out numbers
    ("tập trung vào ba nội dung chính", [(3, "nội dung")]),
    ("hai Phó chủ tịch UBND tỉnh", [(2, "phó chủ tịch")]),
    ("mười lăm doanh nghiệp tham gia", [(15, "doanh nghiệp")]),
    ("một trăm hộ dân", [(100, "hộ dân")]),
    ("hai mươi mốt đại biểu", [(21, "đại biểu")]),
    # ranges and ratios
    ("tăng từ 5 đến 7%", [(5, "%"), (7, "%")]),
    ("dự kiến 5-7%", [(5, "%"), (7, "%")]),
    ("dự kiến 6,5% - 6,7%", [(6.5, "%"), (6.7, "%")]),
    ("từ 9%-9,5%", [(9, "%"), (9.5, "%")]),
    ("khoảng 20–25 tỷ đồng", [(20, "tỷ đồng"), (25, "tỷ đồng")]),
    ("thông qua với 66/69 phiếu tán thành", [(66, "phiếu")]),
    ("có 7/10 chỉ tiêu đạt", [(7, "chỉ tiêu")]),
    ("đạt 22.711/23.144 tỷ đồng", [(22711, "tỷ đồng")]),
    # NOT quantities: dates and times
    ("Chiều 29/7, UBND thành phố làm việc", []),
    ("ngày 22-8 tới", []),
    ("đến ngày 30.6 là", []),
    ("Sáng 16.7, Phó Chủ tịch", []),
    ("Hồng Sơn| 10/07/2018 07:23", []),
    ("Ngày 10 và 11-2, Đảng bộ", []),
    # years and periods
    ("trong năm 2021 tăng mạnh", []),
    ("giai đoạn 2022 - 2025", []),
    ("nhiệm kỳ 2020-2025", []),
    ("trong quý I/2025", []),
    ("Riêng trong tháng 2/2019, lượng khách", []),
    ("so với cùng kỳ 2019 (thời điểm", []),
    ("Xuân Giáp Thìn 2024.", []),
    # durations and anniversaries
    ("2 năm qua, thành phố", []),
    ("6 tháng đầu năm 2025", []),
    ("trong thời gian 2 ngày, các đại biểu", []),
    ("kỷ niệm 60 năm ngày kết nghĩa", []),
    ("Lễ kỷ niệm 65 năm Bác Hồ thăm tỉnh", []),
    ("nửa đầu năm 2024", []),
    ("một ngày làm việc", []),
    # document numbers and codes
    ("Nghị quyết số 169/2024/QH15", []),
    ("tiêu chuẩn TCVN ISO 9001:2015", []),
    ("áp dụng 5S; kiện toàn", []),
    ("thực hiện NQ 32 của", []),
    ("công bố Quyết định số 83, ngày 29-4", []),
    ("Ban chỉ đạo 598 tổ chức hội nghị", []),
    ("mạng 5G phủ sóng", []),
    # ordinals, levels, rankings, idioms, names
    ("Kỳ họp thứ 21 khai mạc", []),
    ("dịch vụ công cấp độ 4 đối với", []),
    ("kiện toàn bộ phận 1 cửa hiện đại", []),
    ("Hội nghị lần thứ 11 (mở rộng)", []),
    ("mô hình chính quyền địa phương 2 cấp", []),
    ("đứng thứ 7/34 tỉnh, thành phố", []),
    ("góp mặt trong Top 10 địa phương", []),
    ("tăng trưởng đạt 2 con số", []),
    ("đứng thứ hai toàn quốc", []),
    ("dịch Covid-19 bùng phát", []),
    ("Trung tâm huấn luyện quân sự quốc gia 4, sáng nay", []),
    ("Ban Thường vụ hai tỉnh Hải Dương", []),
    ("Hai bên đã trao đổi", []),  # "both sides": an idiom, not a count
    ("số chuyến tăng từ 7 lên 14 chuyến/tuần", [(7, "chuyến/tuần"), (14, "chuyến/tuần")]),  # a change's bare start
    ("số vụ giảm từ 12 xuống còn 8 vụ", [(12, "vụ"), (8, "vụ")]),
    ("thắp sáng 15 tuyến đường quê", [(15, "tuyến đường")]),  # the verb "thắp sáng", not "sáng 15" (a date)
    ("có hơn 250.000 thực tập sinh kỹ năng", [(250000, "thực tập sinh")]),
    ("2 bên đã ký kết", []),  # "hai bên", "hai nước": the two sides of a relation, never a count
    ("Hai tỉnh đã phối hợp tìm kiếm", [(2, "tỉnh")]),
    ("hai nước hợp tác chặt chẽ", []),
    ("thắt chặt tình hữu nghị giữa hai tỉnh, hai đất nước.", []),  # real sets r27, r28
    ("tăng cường kết nối hai nền kinh tế thông qua ODA", []),
    ("hợp tác giữa hai tỉnh, góp phần", []),
    ("tăng 7 bên cạnh đó", []),
    ("một số chỉ tiêu, một cách toàn diện", []),
    # page furniture: phone numbers, addresses, counters, file sizes
    ("Điện thoại: 0225.3821.055", []),
    ("Địa chỉ: 18 Hoàng Diệu, Minh Khai", []),
    ("Đang online: 0", []),
    ("TIEPNHAN.jpg (51 KB)", []),
    ("(0) Bình luận", []),
    ("Sư đoàn 312 tổ chức lễ kỷ niệm", []),
    ("Hội nghị Trung ương 8 khóa XIII", []),
    ("Quân khu 4 chủ trì", []),
    ("lãnh đạo UBND 5 huyện", [(5, "huyện")]),
    ("Lãnh đạo Robocon 2024 cho biết", []),
    (" date 2025-02 Chủ tịch UBND tỉnh", []),
    ("date 2025-08-15 Chiều 15/8", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_find_quantities(text, expected):
    assert [(q.value, q.unit) for q in find_quantities(text)] == expected


def test_table_is_large_enough():
    assert len(CASES) + len(NUMBERS) + len(NOT_NUMBERS) >= 80


def test_quantity_fields():
    (q,) = find_quantities("đạt hơn 60 tỷ đồng trong năm")
    assert (q.text, q.start, q.end) == ("60 tỷ đồng", 8, 18)
    assert (q.scale, q.value_normalized, q.currency) == (10**9, 60 * 10**9, "VND")
    (q,) = find_quantities("với 66/69 phiếu")
    assert (q.text, q.value, q.total) == ("66/69 phiếu", 66, 69)
    (q,) = find_quantities("tăng 7,6%/năm")
    assert (q.text, q.unit, q.per) == ("7,6%", "%", "năm")
    a, b = find_quantities("từ 5 đến 7%")
    assert (a.text, a.range_role, b.text, b.range_role) == ("5", "from", "7%", "to")
    (q,) = find_quantities("3 nghìn tỷ đồng")
    assert q.value_normalized == 3 * 10**12


def test_every_spelling_under_a_thousand_reads_back():
    from pipeline.metrics.numbers import spelled_numbers
    values = set(spelled_numbers().values())
    assert set(range(1, 1000)) <= values
    assert parse_spelled("hai mươi lăm") == parse_spelled("hai mươi nhăm") == 25


def vietnamese(int_part: int, frac: str) -> str:
    """Format the Vietnamese way: "." groups thousands, "," is the decimal mark."""
    grouped = f"{int_part:,}".replace(",", ".")
    return grouped + ("," + frac if frac else "")


@given(st.integers(min_value=0, max_value=10**15), st.text(alphabet="0123456789", max_size=4))
def test_vietnamese_formatting_round_trips(int_part, frac):
    written = vietnamese(int_part, frac)
    expected = float(Decimal(str(int_part)) + (Decimal("0." + frac) if frac else 0))
    assert parse_digits(written) == expected


@given(st.integers(min_value=1, max_value=10**9))
def test_vietnamese_counts_are_found_with_their_unit(n):
    (q,) = find_quantities(f"đạt {vietnamese(n, '')} doanh nghiệp")
    assert (q.value, q.unit) == (n, "doanh nghiệp")


def test_without_the_word_list_counts_are_still_found(monkeypatch):
    import pipeline.metrics.quantities as quantities
    monkeypatch.setattr(quantities, "_dictionary", lambda: None)
    got = [(q.value, q.unit) for q in find_quantities("thành lập 74 hợp tác xã, khen thưởng 45 đồng chí, 9 bị cáo")]
    assert [v for v, _ in got] == [74, 45, 9]
    assert got[0][1].startswith("hợp tác") and got[1:] == [(45, "đồng chí"), (9, "bị cáo")]
