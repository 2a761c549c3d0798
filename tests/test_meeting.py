"""Meeting stage, one pattern per test, on sentences written for these tests (invented officials)."""
import re
from types import SimpleNamespace

import pytest

from pipeline.meeting import find_meetings
from pipeline.record import Attendee
from pipeline.text.document import Document


def people(text, *names):
    return [Attendee(name=n, mentions=[m.span() for m in re.finditer(re.escape(n), text)]) for n in names]


def extract_meeting(text, atts, **kw):
    """The main meeting as the record gives it, with the list of every meeting under "meetings"."""
    found = find_meetings(Document(text), atts, **kw)
    return {**found.meetings[0].to_dict(), "meetings": [m.to_dict() for m in found.meetings]}


def meet(text, *names, **kw):
    atts = people(text, *names)
    found = find_meetings(Document(text), atts, **kw)
    m = {**found.meetings[0].to_dict(), "meetings": [x.to_dict() for x in found.meetings]}
    return m, {a.name: SimpleNamespace(roles=r, side=s) for a, r, s in zip(atts, found.roles, found.sides)}


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("text,date_text,day,month,tod", [
    ("Chiều 29/7, UBND tỉnh Hà Giang tổ chức hội nghị.", "Chiều 29/7", 29, 7, "chiều"),
    ("Ngày 22-8, Sở Nội vụ họp giao ban.", "Ngày 22-8", 22, 8, None),
    ("Sáng 23.9, Tỉnh ủy Kon Tum khai mạc hội nghị.", "Sáng 23.9", 23, 9, "sáng"),
    ("Tại Hội trường tỉnh, sáng nay (04/7/2022), Bộ Quốc phòng khai mạc hội thi.", "sáng nay (04/7/2022)", 4, 7, "sáng"),
    ("Ngày 10 và 11-2, Đảng bộ Sở Tài chính tổ chức Đại hội lần thứ V.", "Ngày 10 và 11-2", 10, 2, None),
    ("Chiều ngày 03/01/2020, hai tỉnh ký kết biên bản ghi nhớ.", "Chiều ngày 03/01/2020", 3, 1, "chiều"),
    ("Sáng nay, 22-11, lãnh đạo tỉnh tiếp đoàn công tác.", "Sáng nay, 22-11", 22, 11, "sáng"),
    ("Tối 5/3, huyện Mường Tè tổ chức lễ kỷ niệm.", "Tối 5/3", 5, 3, "tối"),
    ("Lãnh đạo tỉnh gặp gỡ nhà đầu tư vào ngày 14-6. Ảnh: TTXVN", "ngày 14-6", 14, 6, None),
])
def test_date_phrases(text, date_text, day, month, tod):
    m, _ = meet(text)
    assert (m["date_text"], m["day"], m["month"], m["time_of_day"]) == (date_text, day, month, tod)


def test_date_range_gives_end_date():
    m, _ = meet("Ngày 10 và 11-2, Đảng bộ Sở Tài chính tổ chức Đại hội.", published="2020-02-12")
    assert (m["date"], m["end_date"]) == ("2020-02-10", "2020-02-11")


@pytest.mark.parametrize("text,expected", [
    (" date 2025-02 Chiều 4/2, ông Lâm Văn Hải chủ trì cuộc họp.", "Chiều 4/2"),  # crawler tag
    ("Thứ bảy, ngày 23/11/2024\n\nChiều 2/1, tỉnh họp.", "Chiều 2/1"),  # page header date line
    ("Hồng Nhung| 10/07/2018 07:23\n\nNgày 9-7, Bộ Công Thương tổ chức hội nghị.", "Ngày 9-7"),  # timestamp
    ("Tại hội nghị, ông Lê Văn Tâm công bố Quyết định số 83, ngày 29-4 của Bộ Chính trị.", None),  # document
    ("Lễ kỷ niệm 60 năm ngày thành lập (ngày 09/01/1960 - ngày 09/01/2020) diễn ra trang trọng.", None),  # range
    ("Tổng nguồn vốn đến ngày 30.6 là hơn 4.183 tỷ đồng, tăng 26.50 tỷ đồng.", None),  # cut-off, decimals
])
def test_dates_that_do_not_date_the_event(text, expected):
    m, _ = meet(text)
    assert m["date_text"] == expected


def test_year_from_published_and_unknown_year():
    text = "Chiều 29/7, UBND tỉnh Điện Biên tổ chức hội nghị."
    assert meet(text, published="2022-07-30")[0]["date"] == "2022-07-29"
    no_year, _ = meet(text)
    assert (no_year["date"], no_year["date_precision"], no_year["year"]) == (None, "day-no-year", None)


def test_year_boundary_published_in_january():
    m, _ = meet("Chiều 30/12, HĐND tỉnh bế mạc kỳ họp thứ 9.", published="2024-01-02")
    assert m["date"] == "2023-12-30"


def test_year_from_page_timestamp_nearest_before_and_from_url():
    text = ("Chủ Nhật, 24/11/2024 21:25 (GMT +7)\n\nLãnh đạo tỉnh tiếp đoàn\n\nThứ 4, 22/11/2023 | 11:36:23\n\n"
            "Sáng nay, 22-11, Phó Chủ tịch UBND tỉnh Hà Minh Toàn tiếp đoàn công tác.")
    m, _ = meet(text)
    assert (m["date"], m["date_source"]) == ("2023-11-22", "page")
    u, _ = meet("Chiều 16.7, Phó Chủ tịch UBND tỉnh chủ trì họp.", url="http://baotinh.vn/channel/2022/201807/x.htm")
    assert (u["date"], u["date_source"]) == ("2018-07-16", "url")


# ---------------------------------------------------------------- type, title, place, parties

def test_types_main_from_lead_and_repeated_ones():
    text = ("Sáng 12/5, UBND tỉnh Lạng Sơn và Bộ Tư pháp tổ chức Lễ ký kết chương trình phối hợp. "
            "Tại buổi làm việc, hai bên trao đổi. Kết thúc cuộc làm việc, đoàn tặng quà. "
            "Theo tinh thần Nghị quyết Đại hội XIII, tỉnh tạo môi trường làm việc thân thiện.")
    m, _ = meet(text)
    assert m["type"] == "signing"  # "Lễ ký kết": a signing ceremony
    assert set(m["types"]) == {"signing", "ceremony", "working_session"}
    assert "congress" not in m["types"]  # a single passing mention outside the lead


@pytest.mark.parametrize("text,kind", [
    ("Sáng 3/4, Chủ tịch UBND tỉnh Lê Hòa tiếp xã giao Đại sứ Nhật Bản.", "reception"),
    ("Chiều 8/9, HĐND tỉnh khai mạc Kỳ họp thứ 14.", "session"),
    ("Ngày 2/6, đoàn công tác đi khảo sát thực địa khu kinh tế.", "working_session"),
    ("Sáng 20/10, Hội Nông dân tỉnh tổ chức toạ đàm về chuyển đổi số.", "round_table"),
    ("Sáng 1/6, UBND huyện tổ chức đối thoại với thanh niên.", "dialogue"),
    ("Chiều 2/3, Sở Y tế tổ chức hội thảo khoa học.", "workshop"),
])
def test_type_keywords(text, kind):
    assert meet(text)[0]["type"] == kind


def test_title_location_organizers():
    text = ("Sáng 15/3, tại Trung tâm Hội nghị tỉnh, Tỉnh ủy Quảng Trị tổ chức Hội nghị công bố Nghị quyết "
            "số 12-NQ/TU về phát triển du lịch, đồng chí Lê Quang Vinh chủ trì.")
    m, _ = meet(text, "Lê Quang Vinh")
    assert m["title"] == "Hội nghị công bố Nghị quyết số 12-NQ/TU về phát triển du lịch"
    assert m["location"] == "Trung tâm Hội nghị tỉnh"
    assert m["location_text"] == "tại Trung tâm Hội nghị tỉnh"
    assert m["organizers"] == ["Tỉnh ủy Quảng Trị"]


def test_parties_split_at_and_before_an_organisation_only():
    text = ("Chiều 9/10, Ban Thường vụ Tỉnh ủy Bến Tre và Bộ Tài nguyên và Môi trường ký kết chương trình phối hợp "
            "giai đoạn 2024 - 2028.")
    m, _ = meet(text)
    assert m["parties"] == ["Ban Thường vụ Tỉnh ủy Bến Tre", "Bộ Tài nguyên và Môi trường"]


def test_location_from_held_at_sentence_when_lead_has_none():
    text = ("Ngày 6/11, Bộ Xây dựng làm việc với tỉnh. Đoàn công tác đến làm việc tại thành phố Cần Thơ, "
            "kiểm tra tiến độ dự án.")
    assert meet(text)[0]["location"] == "thành phố Cần Thơ"


# ---------------------------------------------------------------- people

def test_chair_before_after_and_under_the_chairmanship():
    before, _ = meet("Sáng 4/2, ông Lâm Văn Hải, Chủ tịch UBND tỉnh chủ trì cuộc họp.", "Lâm Văn Hải")
    assert before["chair"] == ["Lâm Văn Hải"]
    after, _ = meet("Ngày 5/2, tỉnh họp. Chủ trì hội nghị có đồng chí Hà Văn Sơn, Bí thư Tỉnh ủy; "
                    "đồng chí Vũ Thị Lan, Chủ tịch UBND tỉnh. Dự có ông Đào Minh Tú.",
                    "Hà Văn Sơn", "Vũ Thị Lan", "Đào Minh Tú")
    assert after["chair"] == ["Hà Văn Sơn", "Vũ Thị Lan"]
    under, _ = meet("Sáng 16/12, HĐND tỉnh khai mạc kỳ họp dưới sự chủ trì của Chủ tịch HĐND tỉnh Phan Minh Khôi "
                    "cùng Phó Chủ tịch HĐND tỉnh Lý Thu Hà.", "Phan Minh Khôi", "Lý Thu Hà")
    assert under["chair"] == ["Phan Minh Khôi", "Lý Thu Hà"]


def test_speakers_before_verb_after_leading_verb_and_theo():
    text = ("Chiều 3/8, tỉnh tổ chức hội nghị. Đồng chí Đinh Văn Hùng, Bí thư Tỉnh ủy nhấn manh, cần hành động ngay. "
            "Báo cáo tại hội nghị, đồng chí Tô Thị Mai, Giám đốc Sở Tài chính cho biết thu ngân sách tăng. "
            "Theo ông Cao Đức Phát - Phó Giám đốc Sở Công Thương, xuất khẩu tăng. "
            "Dự hội nghị có ông Lò Văn Pá, Chủ tịch UBND huyện.")
    m, by = meet(text, "Đinh Văn Hùng", "Tô Thị Mai", "Cao Đức Phát", "Lò Văn Pá")
    assert m["speakers"] == ["Đinh Văn Hùng", "Tô Thị Mai", "Cao Đức Phát"]
    assert by["Lò Văn Pá"].roles == ["attendee"]
    assert by["Tô Thị Mai"].roles == ["speaker", "attendee"]


def test_delegations_sides_and_led_by():
    text = ("Ngày 4/1, đoàn công tác của Bộ Nội vụ do ông Trịnh Quốc Bảo dẫn đầu làm việc với tỉnh Phú Yên. "
            "Về phía tỉnh Phú Yên, ông Hồ Tấn Lộc, Chủ tịch UBND tỉnh tiếp đón đoàn. "
            "Dự về phía lãnh đạo tỉnh có các đồng chí: Lê Thị Nga, Phó Chủ tịch UBND tỉnh; Mai Văn Sáu, Giám đốc Sở.")
    m, by = meet(text, "Trịnh Quốc Bảo", "Hồ Tấn Lộc", "Lê Thị Nga", "Mai Văn Sáu")
    sides = {d["side"]: d["members"] for d in m["delegations"]}
    assert sides == {"tỉnh Phú Yên": ["Hồ Tấn Lộc"], "tỉnh": ["Lê Thị Nga", "Mai Văn Sáu"], "Bộ Nội vụ": ["Trịnh Quốc Bảo"]}
    assert by["Trịnh Quốc Bảo"].side == "Bộ Nội vụ" and by["Mai Văn Sáu"].side == "tỉnh"


def test_roles_are_returned_and_the_attendees_given_are_left_as_they_were():
    text = "Chiều 2/3, ông Vi Văn Kỳ chủ trì và phát biểu tại hội nghị."
    atts = people(text, "Vi Văn Kỳ")
    found = find_meetings(Document(text), atts)
    assert found.roles == [["chair", "speaker", "attendee"]] and found.sides == [None]
    assert atts[0].roles == [] and atts[0].side is None


# ---------------------------------------------------------------- outcomes, several meetings

def test_outcomes_inline_semicolons_and_lines():
    inline, _ = meet("Hai bên ký kết với 3 nội dung hợp tác: phát triển du lịch; đào tạo nhân lực; chuyển đổi số.")
    assert inline["outcomes"] == ["phát triển du lịch", "đào tạo nhân lực", "chuyển đổi số"]
    lines, _ = meet("Biên bản gồm hai nội dung:\n- Hợp tác nông nghiệp;\n- Xúc tiến đầu tư.\nXong.")
    assert lines["outcomes"] == ["Hợp tác nông nghiệp", "Xúc tiến đầu tư"]
    short, _ = meet("Hai bên ký kết với 4 nội dung: du lịch; nhân lực.")
    assert short["outcomes"] == []  # fewer items than announced: not a list we can trust


def test_several_meetings():
    text = ("Sáng 23.9, Chủ tịch nước dự Lễ kỷ niệm 65 năm ngày Bác Hồ về thăm tỉnh.\n"
            "Ngày 10.5, Chủ tịch UBND tỉnh Trịnh Văn Lâm tiếp đoàn công tác của UNICEF và phát biểu chào mừng.")
    m, _ = meet(text, "Trịnh Văn Lâm")
    assert [x["date_text"] for x in m["meetings"]] == ["Sáng 23.9", "Ngày 10.5"]
    assert [x["type"] for x in m["meetings"]] == ["ceremony", "reception"]
    assert m["meetings"][0]["speakers"] == [] and m["meetings"][1]["speakers"] == ["Trịnh Văn Lâm"]
    assert m["date_text"] == "Sáng 23.9"


def test_no_meeting():
    m, _ = meet("Năm 2024, GRDP của tỉnh tăng 8,3%, thu ngân sách đạt hơn 26.500 tỷ đồng.")
    assert (m["type"], m["date"], m["date_text"], m["chair"]) == (None, None, None, [])
    assert len(m["meetings"]) == 1
    assert extract_meeting("", [])["type"] is None


def test_chair_list_after_comma():
    text = ("Sáng 1/12, Tỉnh ủy tổ chức hội nghị. Tham dự và chủ trì Hội nghị, có đồng chí Kiều Văn Lâm, Bí thư Tỉnh ủy; "
            "đồng chí Mạc Thị Hà, Phó Bí thư Tỉnh ủy.")
    assert meet(text, "Kiều Văn Lâm", "Mạc Thị Hà")[0]["chair"] == ["Kiều Văn Lâm", "Mạc Thị Hà"]


def test_date_phrase_keeps_a_span_of_days_and_a_time_zone():
    assert extract_meeting("Trong 2 ngày 12 và 13/5, tỉnh tổ chức hội nghị.", [])["date_text"] == "Trong 2 ngày 12 và 13/5"
    dawn = extract_meeting("Rạng sáng 5/9, Công an tỉnh bắt quả tang 3 đối tượng.", [], published="2025-09-10")
    assert (dawn["date_text"], dawn["date"], dawn["time_of_day"]) == ("Rạng sáng 5/9", "2025-09-05", "sáng")
    formal = extract_meeting("Sáng ngày 17 tháng 10 năm 2025, Hội LHPN tỉnh tổ chức lễ kỷ niệm.", [])
    assert (formal["date_text"], formal["date"]) == ("Sáng ngày 17 tháng 10 năm 2025", "2025-10-17")
    three_days = extract_meeting("Trong các ngày 14, 15 và 16/8, Đảng bộ huyện tổ chức Đại hội.", [], published="2025-08-17")
    assert (three_days["date_text"], three_days["date"], three_days["end_date"]) == (
        "Trong các ngày 14, 15 và 16/8", "2025-08-14", "2025-08-16")
    assert extract_meeting("Tối 11/11 (giờ địa phương), Đại sứ quán tổ chức gặp mặt kiều bào.",
                           [])["date_text"] == "Tối 11/11 (giờ địa phương)"
