"""find_metrics on sentences written in the style of gov.vn news: fields, context and de-duplication."""
from pipeline.metrics import find_metrics as _find_metrics
from pipeline.text.document import Document


def find_metrics(text):
    """The metrics of a text as the record gives them."""
    return [m.to_dict() for m in _find_metrics(Document(text))]

REPORT = (
    "Tỉnh Hà Giang thu ngân sách hơn 60 tỷ đồng\n\n"
    "(HGO) - Chiều 12/3, UBND tỉnh Hà Giang tổ chức hội nghị sơ kết. Theo báo cáo, 6 tháng đầu năm 2024 "
    "tỉnh Hà Giang thu ngân sách hơn 60 tỷ đồng, tăng 12,5% so với cùng kỳ; tỷ lệ hộ nghèo giảm còn 2%. "
    "Năm 2020, tỷ trọng TFP đóng góp vào tăng trưởng GRDP tăng đáng kể, năm 2021 đạt 40,43%. "
    "Tăng trưởng năm 2025 dự kiến từ 7% đến 7,5%. Nghị quyết được thông qua với 45/48 phiếu tán thành. "
    "Thành phố cấp phép cho 9 doanh nghiệp FDI và điều chỉnh tăng vốn cho 9 doanh nghiệp FDI. "
    "Kỳ họp thứ 12 diễn ra trong 2 ngày."
)


def by_text(metrics):
    return {m["text"]: m for m in metrics}


def test_every_metric_once_with_value_and_unit():
    got = [(m["text"], m["value"], m["unit"]) for m in find_metrics(REPORT)]
    assert got == [
        ("60 tỷ đồng", 60, "tỷ đồng"), ("12,5%", 12.5, "%"), ("2%", 2, "%"), ("40,43%", 40.43, "%"),
        ("7%", 7, "%"), ("7,5%", 7.5, "%"), ("45/48 phiếu", 45, "phiếu"),
        ("9 doanh nghiệp", 9, "doanh nghiệp"), ("9 doanh nghiệp", 9, "doanh nghiệp"),
    ]


def test_offsets_point_at_the_text():
    for m in find_metrics(REPORT):
        assert REPORT[m["start"]:m["end"]] == m["text"]
        assert m["text"] in m["sentence"]


def test_headline_repeated_in_body_is_listed_once_from_the_headline():
    (money,) = [m for m in find_metrics(REPORT) if m["unit"] == "tỷ đồng"]
    assert money["start"] == REPORT.index("60 tỷ đồng")
    assert (money["qualifier"], money["comparator"]) == ("hơn", ">")
    assert (money["scale"], money["value_normalized"], money["currency"]) == (10**9, 60 * 10**9, "VND")


def test_change_and_period():
    m = by_text(find_metrics(REPORT))
    assert m["12,5%"]["change"] == "increase"
    assert m["12,5%"]["period"] == "6 tháng đầu năm 2024"
    assert m["2%"]["change"] == "decrease"
    assert m["40,43%"]["period"] == "năm 2021"
    assert m["45/48 phiếu"]["total"] == 48


def test_the_month_of_a_crawler_date_opens_no_period():
    # " date 2017-03 Tháng 9: …": "03" is the crawl's month, not "03 tháng" (r20); the period is "Tháng 9"
    m = by_text(find_metrics(" date 2017-03 Tháng 9: Chỉ số giá tiêu dùng tăng 0,51% so với tháng trước"))
    assert m["0,51%"]["period"] == "Tháng 9"


def test_subject_is_what_the_sentence_says_is_measured():
    m = by_text(find_metrics(REPORT))
    assert m["40,43%"]["subject"] == "tỷ trọng TFP đóng góp vào tăng trưởng GRDP"
    assert m["2%"]["subject"] == "tỷ lệ hộ nghèo"


def test_subject_of_a_count_after_gom_is_the_body_it_makes_up():
    m = by_text(find_metrics("Theo đó, Ban Chấp hành Đảng bộ xã gồm 15 người, Ban Thường vụ gồm 5 người."))
    assert (m["15 người"]["subject"], m["5 người"]["subject"]) == ("Ban Chấp hành Đảng bộ xã", "Ban Thường vụ")


def test_range_gives_two_metrics_sharing_context():
    lo, hi = [m for m in find_metrics(REPORT) if m["range"]]
    assert (lo["value"], hi["value"], lo["range"], hi["range"]) == (7, 7.5, "from", "to")
    assert lo["period"] == hi["period"] == "năm 2025"
    assert lo["qualifier"] is None  # "từ" opens the range, it is no qualifier


def test_same_string_for_different_facts_in_different_sentences_is_kept():
    text = ("Năm 2022, GDP tăng 6,7% so với năm trước. Năm 2023, tăng trưởng kinh tế dự kiến đạt 6,7%. "
            "Kim ngạch xuất khẩu gạo tăng 10%. Xuất khẩu cà phê cũng tăng 10%.")
    assert [m["text"] for m in find_metrics(text)] == ["6,7%", "6,7%", "10%", "10%"]


def test_qualifiers():
    text = ("Dự có gần 700 đại biểu, khoảng 45 tỷ USD vốn, dưới 5% hộ nghèo, "
            "gần như 100% xã và tối đa 3 lần.")
    got = [(m["text"], m["qualifier"], m["comparator"]) for m in find_metrics(text)]
    assert got == [("700 đại biểu", "gần", "≈"), ("45 tỷ USD", "khoảng", "≈"), ("5%", "dưới", "<"),
                   ("100%", "gần như", "≈"), ("3 lần", "tối đa", "≤")]


def test_no_metrics_in_dates_codes_ordinals_and_durations():
    text = ("Sáng 22-8, tại Kỳ họp thứ 21, HĐND tỉnh khóa XVI thông qua Nghị quyết số 169/2024/QH15 "
            "về giai đoạn 2022 - 2025. Sau 2 năm thực hiện, tỉnh đứng thứ 7/34 và lọt Top 10; "
            "dịch vụ công cấp độ 4, bộ phận 1 cửa, ISO 9001:2015. Liên hệ: 0225.3821.055. Đang online: 0")
    assert find_metrics(text) == []


def test_empty_and_numberless_text():
    assert find_metrics("") == []
    assert find_metrics("Hội nghị diễn ra trang trọng.") == []


def test_court_nouns_with_bi_are_counted_and_the_passive_bi_is_not_a_noun():
    text = ("Ngày 12-3, TAND tỉnh Bình Phước xét xử sơ thẩm 11 bị cáo; Cơ quan CSĐT đã khởi tố 4 bị can. "
            "Cơn bão làm 230 căn nhà bị tốc mái.")
    assert [(m["value"], m["unit"]) for m in find_metrics(text)] == [(11, "bị cáo"), (4, "bị can"), (230, "căn nhà")]


def test_spelled_two_is_a_count_as_a_subject_but_not_when_naming_the_parties():
    # "hai bên" ("both sides") is an idiom, as the official dev gold treats it (a29), never a count
    text = ("Hai tỉnh đã ký kết biên bản ghi nhớ hợp tác. Lãnh đạo mong muốn hai bên tiếp tục trao đổi đoàn. "
            "Quan hệ giữa hai tỉnh ngày càng bền chặt; nhân dân hai tỉnh Cao Bằng và Hà Giang luôn gắn bó. "
            "Tỉnh đã hoàn thành một số chỉ tiêu, là một trong những địa phương dẫn đầu, tăng trưởng hai con số.")
    assert [(m["text"], m["value"], m["unit"]) for m in find_metrics(text)] == [
        ("Hai tỉnh", 2, "tỉnh")]


def test_headline_opening_with_a_capitalised_qualifier_is_the_same_fact_as_the_body():
    text = ("Gia Lai: Hơn 2.500 đoàn viên tham gia ngày hội hiến máu\n\n"
            "Sáng 9/6, Tỉnh đoàn Gia Lai tổ chức ngày hội hiến máu tình nguyện với hơn 2.500 đoàn viên tham gia.")
    (m,) = find_metrics(text)
    assert (m["text"], m["unit"], m["qualifier"], m["start"]) == ("2.500 đoàn viên", "đoàn viên", "Hơn", text.index("2.500"))


def test_units_outside_the_lexicon_are_whole_dictionary_words():
    text = ("Hội nghị biểu dương 38 đồng chí tiêu biểu; toàn tỉnh có 61 hợp tác xã, 12 phó giáo sư và 9 tổ hợp tác. "
            "Lực lượng chức năng thu giữ 1.500 viên ma túy; 26 nhà phải di dời; tỷ lệ thất nghiệp giảm 0,8 điểm phần trăm.")
    assert [(m["value"], m["unit"]) for m in find_metrics(text)] == [
        (38, "đồng chí"), (61, "hợp tác xã"), (12, "phó giáo sư"), (9, "tổ hợp tác"), (1500, "viên ma túy"),
        (26, "nhà"), (0.8, "điểm phần trăm")]


def test_labour_counts_and_pools_keep_their_qualifier_and_age_limits_are_left_out():
    text = ("Bộ đội biên phòng đã giúp dân hơn 4.600 ngày công; trong số 1.250 hồ sơ có 30 hồ sơ quá hạn. "
            "Tỷ lệ tiêm chủng cho trẻ dưới 2 tuổi đạt 97,5%. Học sinh lớp 12 Trường THPT Lê Lợi đoạt 3 giải Nhì.")
    got = [(m["text"], m["qualifier"]) for m in find_metrics(text)]
    assert got == [("4.600 ngày công", "hơn"), ("1.250 hồ sơ", None), ("30 hồ sơ", None), ("97,5%", None),
                   ("3 giải", None)]


def test_headline_fact_repeated_with_this_year_and_a_longer_noun_list_is_listed_once():
    text = ("Khen thưởng 120 hợp tác xã tiêu biểu năm 2025\n\n"
            "Sáng 4/11, UBND tỉnh Lạng Sơn tổng kết phong trào thi đua. Năm nay, tỉnh đã khen thưởng "
            "120 hợp tác xã, tổ hợp tác tiêu biểu và hỗ trợ 96 xã, phường xây dựng nông thôn mới.\n\n"
            "Hỗ trợ 96 xã xây dựng nông thôn mới")
    got = [(m["text"], m["start"]) for m in find_metrics(text)]
    assert got == [("120 hợp tác xã", text.index("120")), ("96 xã, phường", text.index("96"))]


def test_headline_and_body_of_different_years_are_two_facts():
    text = ("Khen thưởng 120 hợp tác xã tiêu biểu năm 2025\n\n"
            "Năm 2024, tỉnh đã khen thưởng 120 hợp tác xã tiêu biểu.")
    assert [m["period"] for m in find_metrics(text)] == ["năm 2025", "Năm 2024"]
