"""Table tests of the people stage's parts: the gap classifier, and each named linking rule with the titles it links
(sentences written in gov.vn style for these tests; the officials are invented)."""
import pytest

from pipeline.ner import recognize
from pipeline.people import find_people
from pipeline.people.gaps import gap_kind
from pipeline.people.rules import RULES
from pipeline.text.document import Document


def linked(text):
    """{name: [(title as written, rule id), …]} of a text."""
    doc = Document(text)
    return {a.name: [(p.text, p.rule) for p in a.positions] for a in find_people(doc, recognize(doc))}


@pytest.mark.parametrize("gap,kind", [
    ("", "adj"), (", ", "comma"), ("; ", "semi"), (" - ", "dash"), (" – ", "dash"), (": ", "colon"), (" (", "paren"),
    (" và ", "and"), (", cùng ", "and"), (", kiêm ", "kiem"), (" ông ", "hon"), (" các đồng chí ", "hon"),
    (", bà ", "chon"), ("; đồng chí ", "shon"), (": ông ", "shon"), (" và bà ", "ahon"), (" đối với ông ", "for"),
    (" (sn 1978, trú tp thanh hóa), ", "comma"),  # an aside about the person before the comma
    (", sinh năm 1963, ", "comma"),  # so is the year of birth between commas (real set r18)
    (", sinh năm 1957, dân tộc khmer, ", "comma"),  # with the person's people (real set r22)
    (", 48 tuổi, ", "comma"),  # the person's age (real set r29)
    (", 43 tuổi, quê huyện an minh, ", "comma"),
    (" hiện nay ", "adj"), (" đương nhiệm ", "adj"),  # "Đại sứ Mỹ hiện nay Daniel Kritenbrink" (real set r11)
    (" phát biểu tại hội nghị ", "other"), (" đã ", "other"),
])
def test_gap_kinds(gap, kind):
    assert gap_kind(gap) == kind


def test_rules_run_in_priority_order_with_unique_ids():
    assert [r.id for r in RULES] == ["name-then-titles", "titles-after-a-run", "post-after-verb", "rank-conferred",
                                    "titles-then-name", "post-in-time-clause", "shared-plural-title"]
    assert all(r.doc for r in RULES)


@pytest.mark.parametrize("text,expected", [
    ("Dự có đồng chí Lò Văn Tiến, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Sơn La.",
     {"Lò Văn Tiến": [("Phó Bí thư Tỉnh ủy", "name-then-titles"), ("Chủ tịch UBND tỉnh Sơn La", "name-then-titles")]}),
    ("Ông Hà Quang Minh – Giám đốc Sở Tài chính kiêm Trưởng ban Quản lý dự án báo cáo.",
     {"Hà Quang Minh": [("Giám đốc Sở Tài chính", "name-then-titles"), ("Trưởng ban Quản lý dự án", "name-then-titles")]}),
    # the parent body after a comma, before a list of people; "tại" + a level word + a place (real sets r27, r28)
    ("Dự có đồng chí Đỗ Nam Trung, Vụ trưởng Vụ Đông Bắc Á, Bộ Ngoại giao và đại diện các sở.",
     {"Đỗ Nam Trung": [("Vụ trưởng Vụ Đông Bắc Á, Bộ Ngoại giao", "name-then-titles")]}),
    ("Bà Wiraka Moodhitaporn, Tổng Lãnh sự Thái Lan tại thành phố Hồ Chí Minh đón tiếp đoàn.",
     {"Wiraka Moodhitaporn": [("Tổng Lãnh sự Thái Lan tại thành phố Hồ Chí Minh", "name-then-titles")]}),
    ("Có ông Lê Tuấn Khanh- Tổng lãnh sự Việt Nam tại tỉnh Battam Bang và ông Lê Biên Cương- Tham tán thương mại.",
     {"Lê Tuấn Khanh": [("Tổng lãnh sự Việt Nam tại tỉnh Battam Bang", "name-then-titles")],
      "Lê Biên Cương": [("Tham tán thương mại", "name-then-titles")]}),
    # accredited to a post: Cambodia's ministers attached to the Prime Minister (real set r28)
    ("Đoàn có ngài Cao Kim Huôn, Bộ trưởng bên cạnh Thủ tướng; ngài Ung Xiên, Quốc vụ khanh.",
     {"Cao Kim Huôn": [("Bộ trưởng bên cạnh Thủ tướng", "name-then-titles")],
      "Ung Xiên": [("Quốc vụ khanh", "name-then-titles")]}),
    # titles in brackets after the name: an abbreviated head, the head of an emulation bloc (real sets r5, r28)
    ("Mai Văn Phúc (TGĐ Vinalines): tử hình về tội tham ô.", {"Mai Văn Phúc": [("TGĐ Vinalines", "name-then-titles")]}),
    ("Có bà Nguyễn Thị Minh (Trưởng Khối) và bà Nguyễn Thị Nghĩa (Phó Trưởng Khối).",
     {"Nguyễn Thị Minh": [("Trưởng Khối", "name-then-titles")],
      "Nguyễn Thị Nghĩa": [("Phó Trưởng Khối", "name-then-titles")]}),
    # a numbered military region and its ministry after a comma; a term written apart in brackets is left out
    # (real sets r29, r30)
    ("Đó là: Thiếu tướng Đỗ Phương Thuấn, Phó Tư lệnh Quân khu 3, Bộ Quốc phòng; Thượng tướng Ngô Minh Tiến.",
     {"Đỗ Phương Thuấn": [("Thiếu tướng", "titles-then-name"),
                          ("Phó Tư lệnh Quân khu 3, Bộ Quốc phòng", "name-then-titles")],
      "Ngô Minh Tiến": [("Thượng tướng", "titles-then-name")]}),
    ("Ông Lê Trọng Thụ giữ chức Phó Bí thư Huyện ủy Đông Sơn nhiệm kỳ (2015 – 2020), đồng thời được giới thiệu.",
     {"Lê Trọng Thụ": [("Phó Bí thư Huyện ủy Đông Sơn", "post-after-verb")]}),
    # the Party delegation of a body ("Ban cán sự đảng"), and Russia's State Duma, are bodies (real set r30)
    ("Ông Lê Minh Hưng thôi giữ chức Bí thư Ban cán sự đảng Ngân hàng Nhà nước Việt Nam.",
     {"Lê Minh Hưng": [("Bí thư Ban cán sự đảng Ngân hàng Nhà nước Việt Nam", "post-after-verb")]}),
    ("Ông có buổi làm việc với Phó chủ tịch thứ nhất Duma Quốc gia (Hạ viện) Nga Ivan Melnikov.",
     {"Ivan Melnikov": [("Phó chủ tịch thứ nhất Duma Quốc gia (Hạ viện) Nga", "titles-then-name")]}),
    # "tham gia" (joining a committee) starts the predicate, not the body's name (real sets r25, r29)
    ("Trao quyết định điều động đồng chí Phạm Xuân Đài, Phó Giám đốc Sở Kế hoạch và Đầu tư tham gia Ban Chấp hành, "
     "giữ chức vụ Phó Bí thư Huyện ủy Hải Hà.",
     {"Phạm Xuân Đài": [("Phó Giám đốc Sở Kế hoạch và Đầu tư", "name-then-titles"),
                        ("Phó Bí thư Huyện ủy Hải Hà", "post-after-verb")]}),
    # a committee whose official name is in lower case after its first word (real set r30)
    ("Phát biểu tại buổi lễ, ông Đỗ Hữu Huy – Phó Chủ tịch Ủy ban quản lý vốn Nhà nước tại doanh nghiệp đã chúc mừng.",
     {"Đỗ Hữu Huy": [("Phó Chủ tịch Ủy ban quản lý vốn Nhà nước tại doanh nghiệp", "name-then-titles")]}),
    # the Party committees created in 2025, whose names hold a comma or lower-case words (dev f06)
    ("Bà Nguyễn Thị Thu Hà, Phó Bí thư Thường trực Đảng ủy MTTQ, các đoàn thể Trung ương, Phó Chủ tịch - Tổng Thư ký "
     "Ủy ban Trung ương MTTQ Việt Nam phát biểu.",
     {"Nguyễn Thị Thu Hà": [("Phó Bí thư Thường trực Đảng ủy MTTQ, các đoàn thể Trung ương", "name-then-titles"),
                            ("Phó Chủ tịch", "name-then-titles"),
                            ("Tổng Thư ký Ủy ban Trung ương MTTQ Việt Nam", "name-then-titles")]}),
    ("Ông Lê Văn A, Ủy viên Ban Thường vụ Đảng ủy các cơ quan Đảng Trung ương, phát biểu.",
     {"Lê Văn A": [("Ủy viên Ban Thường vụ Đảng ủy các cơ quan Đảng Trung ương", "name-then-titles")]}),
    # a generic noun for the body, a deputy's numbered constituency (real sets r14, r15, r16, r26)
    ("Đoàn do đồng chí Trung tá Phan Nhật Thành, Chính trị viên đơn vị làm trưởng đoàn đã sang thăm.",
     {"Phan Nhật Thành": [("Trung tá", "titles-then-name"), ("Chính trị viên đơn vị", "name-then-titles"),
                          ("trưởng đoàn", "post-after-verb")]}),
    ("Ông Đoàn Minh Lý, đại biểu HĐND đơn vị số 20 huyện Châu Thành phát biểu.",
     {"Đoàn Minh Lý": [("đại biểu HĐND đơn vị số 20 huyện Châu Thành", "name-then-titles")]}),
    # the last title touching the next name is that name's
    ("Ông Đinh Văn Tú, Giám đốc Sở Y tế, Phó Chủ tịch UBND tỉnh Vi Thị Mai cùng dự.",
     {"Đinh Văn Tú": [("Giám đốc Sở Y tế", "name-then-titles")],
      "Vi Thị Mai": [("Phó Chủ tịch UBND tỉnh", "titles-then-name")]}),
    # titles joined by "kiêm", then a degree, name the person after them; a degree is not part of a body's name
    ("Tham dự có Chủ tịch Hội GS. TS. Nguyễn Đức Chinh, Phó Chủ tịch kiêm Tổng thư ký GS. Nguyễn Hoàng Lam, "
     "Phó Chủ tịch Hội PGS. Lê Quốc Mạnh.",
     {"Nguyễn Đức Chinh": [("Chủ tịch Hội", "titles-then-name")],
      "Nguyễn Hoàng Lam": [("Phó Chủ tịch", "titles-then-name"), ("Tổng thư ký", "titles-then-name")],
      "Lê Quốc Mạnh": [("Phó Chủ tịch Hội", "titles-then-name")]}),
    # a title keeps its first term; the later terms do not break the list
    ("Ông Hồ Đức Phúc, Ủy viên Trung ương Đảng khóa XII, XIII, Đại biểu Quốc hội khóa XIV, XV, Bộ trưởng Tài chính.",
     {"Hồ Đức Phúc": [("Ủy viên Trung ương Đảng khóa XII", "name-then-titles"),
                      ("Đại biểu Quốc hội khóa XIV", "name-then-titles"), ("Bộ trưởng Tài chính", "name-then-titles")]}),
    # a former post after a body starts a title of its own
    ("Huân chương Lao động cho ông Khampan Phiilavong, Bộ trưởng Bộ Nội vụ nguyên Viện trưởng Viện Kiểm sát nhân "
     "dân tối cao Lào; Bằng khen cho các tập thể.",
     {"Khampan Phiilavong": [("Bộ trưởng Bộ Nội vụ", "name-then-titles"),
                             ("nguyên Viện trưởng Viện Kiểm sát nhân dân tối cao Lào", "name-then-titles")]}),
    # in a list of "TITLE NAME", titles after a name that lead up to the next name are the next one's (real r11)
    ("Ông Lê Minh sẽ gặp Chủ tịch Quốc hội Vương Đình Hòa, Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh và Chủ "
     "tịch Hội đồng Lý luận Trung ương Nguyễn Xuân Thanh.",
     {"Lê Minh": [], "Vương Đình Hòa": [("Chủ tịch Quốc hội", "titles-then-name")],
      "Nguyễn Xuân Thanh": [("Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh", "titles-then-name"),
                            ("Chủ tịch Hội đồng Lý luận Trung ương", "titles-then-name")]}),
    # … but not after a rank: "Đại tá A, Phó Giám đốc …, Trưởng Ban … và Thượng tá B, …" (heldout15)
    ("Có Đại tá Quàng Văn Hoan, Phó Giám đốc Công an tỉnh, Trưởng Ban Chuyên án và Thượng tá Cầm Thị Lê, Trưởng "
     "Phòng Cảnh sát điều tra.",
     {"Quàng Văn Hoan": [("Đại tá", "titles-then-name"), ("Phó Giám đốc Công an tỉnh", "name-then-titles"),
                         ("Trưởng Ban Chuyên án", "name-then-titles")],
      "Cầm Thị Lê": [("Thượng tá", "titles-then-name"), ("Trưởng Phòng Cảnh sát điều tra", "name-then-titles")]}),
])
def test_name_then_titles(text, expected):
    assert linked(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Các ông Lò Minh Hà, ông Nguyễn Quốc Khải, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh dự họp.",
     {n: [("Tỉnh ủy viên", "titles-after-a-run"), ("Phó Chủ tịch UBND tỉnh", "titles-after-a-run")]
      for n in ("Lò Minh Hà", "Nguyễn Quốc Khải")}),
    # the run's shared titles are not given again to a person after them
    ("Đến dự có đồng chí Nguyễn Hồng Lâm, đồng chí Lương Quốc Đạt - Phó Chủ tịch Trung ương Hội Nông dân Việt Nam, "
     "đồng chí Võ Anh Khoa, Phó Bí thư Tỉnh ủy.",
     {"Nguyễn Hồng Lâm": [("Phó Chủ tịch Trung ương Hội Nông dân Việt Nam", "titles-after-a-run")],
      "Lương Quốc Đạt": [("Phó Chủ tịch Trung ương Hội Nông dân Việt Nam", "titles-after-a-run")],
      "Võ Anh Khoa": [("Phó Bí thư Tỉnh ủy", "name-then-titles")]}),
    # a name with its own title before it is not in the run
    ("Thừa ủy quyền của Chủ tịch nước Trần Văn Sang, ông Nguyễn Hòa Bảo, Viện trưởng Viện Kiểm sát nhân dân tối cao "
     "trao Huân chương.",
     {"Trần Văn Sang": [("Chủ tịch nước", "titles-then-name")],
      "Nguyễn Hòa Bảo": [("Viện trưởng Viện Kiểm sát nhân dân tối cao", "name-then-titles")]}),
])
def test_titles_after_a_run(text, expected):
    assert linked(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Quảng Ninh Vũ Đại Thắng chủ trì hội nghị.",
     {"Vũ Đại Thắng": [("Ủy viên Trung ương Đảng", "titles-then-name"), ("Bí thư Tỉnh ủy Quảng Ninh", "titles-then-name")]}),
    # not across "thừa ủy quyền của": the President's title is not the deputy minister's
    ("Thừa ủy quyền của Chủ tịch nước, Thứ trưởng Bộ Nội vụ Trịnh Văn Hải trao quyết định.",
     {"Trịnh Văn Hải": [("Thứ trưởng Bộ Nội vụ", "titles-then-name")]}),
    # nor across "…của TITLE, ông X" (real r15: "Thừa ủy quyền của Chủ tịch nước, ông Trần Văn Minh, …")
    ("Thừa ủy quyền của Chủ tịch nước, ông Trần Văn Mạnh, Phó ban Tổ chức Trung ương trao danh hiệu.",
     {"Trần Văn Mạnh": [("Phó ban Tổ chức Trung ương", "name-then-titles")]}),
    ("Báo cáo Chủ tịch nước, đồng chí Hoàng Quốc Vinh – Bí thư Đảng ủy Tập đoàn nêu kết quả.",  # dev f12
     {"Hoàng Quốc Vinh": [("Bí thư Đảng ủy Tập đoàn", "name-then-titles")]}),
    ("Được sự đồng ý của Thủ tướng Chính phủ, Bộ trưởng Ngoại giao Bùi Thanh Hà dẫn đầu đoàn.",
     {"Bùi Thanh Hà": [("Bộ trưởng Ngoại giao", "titles-then-name")]}),
    # a lower-case post after "bầu bổ sung", for the list after "đối với các ông:" (real set r18)
    ("Các đại biểu cũng bầu bổ sung ủy viên UBND tỉnh Thanh Hóa đối với các ông: Nguyễn Tiến Hải - Giám đốc Sở Công "
     "Thương; Lê Văn Trọng - Giám đốc Sở Y tế.",
     {"Nguyễn Tiến Hải": [("ủy viên UBND tỉnh Thanh Hóa", "titles-then-name"),
                          ("Giám đốc Sở Công Thương", "name-then-titles")],
      "Lê Văn Trọng": [("ủy viên UBND tỉnh Thanh Hóa", "titles-then-name"), ("Giám đốc Sở Y tế", "name-then-titles")]}),
    # a title between "đối với" and the name (real set r22)
    ("HĐND tỉnh miễn nhiệm Ủy viên UBND tỉnh đối với nguyên Giám đốc sở Nội vụ Nguyễn Lâm Thị Tú Anh (nghỉ hưu).",
     {"Nguyễn Lâm Thị Tú Anh": [("Ủy viên UBND tỉnh", "titles-then-name"),
                                ("nguyên Giám đốc sở Nội vụ", "titles-then-name")]}),
    # a rank between "đối với" and the name (dev e27, real set r12)
    ("Các đại biểu bầu Ủy viên UBND tỉnh đối với đại tá Quách Văn Nhân, Chỉ huy trưởng Bộ CHQS tỉnh.",
     {"Quách Văn Nhân": [("Ủy viên UBND tỉnh", "titles-then-name"), ("đại tá", "titles-then-name"),
                         ("Chỉ huy trưởng Bộ CHQS tỉnh", "name-then-titles")]}),
    ("Miễn nhiệm chức vụ Phó Chủ tịch UBND tỉnh đối với ông Lầu Văn Sình.",
     {"Lầu Văn Sình": [("Phó Chủ tịch UBND tỉnh", "titles-then-name")]}),
    ("Biểu quyết miễn nhiệm chức vụ Trưởng ban Kinh tế ngân sách HĐND TP khóa IX, nhiệm kỳ 2016-2021 đối với bà "
     "Đặng Thị Anh Đàm do nghỉ hưu.",
     {"Đặng Thị Anh Đàm": [("Trưởng ban Kinh tế ngân sách HĐND TP khóa IX", "titles-then-name")]}),
    # after a dismissal, "với ông" names the holder as "đối với" does; elsewhere "với" names someone else (dev e27,
    # real set r30)
    ("Các đại biểu tiến hành miễn nhiệm chức danh Phó Chủ tịch Thường trực HĐND với ông Phan Thanh Mừng.",
     {"Phan Thanh Mừng": [("Phó Chủ tịch Thường trực HĐND", "titles-then-name")]}),
    ("Buổi làm việc của Chủ tịch UBND tỉnh với ông Lê Văn An, Đại sứ Pháp.",
     {"Lê Văn An": [("Đại sứ Pháp", "name-then-titles")]}),
    # "với" opening the sentence names someone else; after the subject it names the person who follows
    ("Báo cáo với Phó Chủ tịch Quốc hội, Đại sứ Ngô Hữu Lâm cho biết cộng đồng người Việt đoàn kết.",
     {"Ngô Hữu Lâm": [("Đại sứ", "titles-then-name")]}),
    ("Bộ trưởng Lê Văn Sơn đã hội đàm với Phó Thủ tướng, Bộ trưởng Ngoại giao Prak Sokhonn.",
     {"Lê Văn Sơn": [("Bộ trưởng", "titles-then-name")],
      "Prak Sokhonn": [("Phó Thủ tướng", "titles-then-name"), ("Bộ trưởng Ngoại giao", "titles-then-name")]}),
    # a foreign honorific between the title and the name
    ("Đoàn chào xã giao Chủ tịch Quốc hội Campuchia Samdech Heng Samrin.",
     {"Heng Samrin": [("Chủ tịch Quốc hội Campuchia", "titles-then-name")]}),
    # a country ends an organisation's name before a foreign name (real set r24)
    ("Chủ tịch Tổ chức Xúc tiến Thương mại Nhật Bản Hioyuki Ishige cho biết các doanh nghiệp vững tâm.",
     {"Hioyuki Ishige": [("Chủ tịch Tổ chức Xúc tiến Thương mại Nhật Bản", "titles-then-name")]}),
    ("Giám đốc Tổ chức Lao động quốc tế tại Việt Nam Ingrid Christensen cho biết.",
     {"Ingrid Christensen": [("Giám đốc Tổ chức Lao động quốc tế tại Việt Nam", "titles-then-name")]}),
    # a Chinese family name in its Sino-Vietnamese form after a city (real set r27)
    ("Tổng Lãnh sự Trung Quốc tại TP Hồ Chí Minh Nguỵ Hoa Tường cùng đại diện doanh nghiệp.",
     {"Nguỵ Hoa Tường": [("Tổng Lãnh sự Trung Quốc tại TP Hồ Chí Minh", "titles-then-name")]}),
    # Cambodian family names start a name after a bare title (real set r26)
    ("Đảng Nhân dân Campuchia, đứng đầu là Chủ tịch Hun Sen và Chính phủ do Thủ tướng Hun Manet đứng đầu.",
     {"Hun Sen": [("Chủ tịch", "titles-then-name")], "Hun Manet": [("Thủ tướng", "titles-then-name")]}),
    # long Khmer honorifics between the titles and the name; more Cambodian family names (real set r28)
    ("Về phía Campuchia có: Phó Thủ tướng, Bộ trưởng Hoàng cung Samdech Chaufea Veang Kong Sam Ol; Bộ trưởng Du lịch "
     "Thong Khon.",
     {"Kong Sam Ol": [("Phó Thủ tướng", "titles-then-name"), ("Bộ trưởng Hoàng cung", "titles-then-name")],
      "Thong Khon": [("Bộ trưởng Du lịch", "titles-then-name")]}),
    ("Đây là chuyến thăm của Thủ tướng Campuchia Samdech Akka Moha Sena Padei Techo Hun Sen.",
     {"Hun Sen": [("Thủ tướng Campuchia", "titles-then-name")]}),
    # a foreign name after a title and an organisation the recogniser read apart: both are the title (r11, r23)
    ("Tháp tùng có: Chủ tịch Thượng viện Liên bang và Quốc hội Davi Alcolumbre; Chủ tịch Hạ viện Hugo Motta.",
     {"Davi Alcolumbre": [("Chủ tịch Thượng viện Liên bang và Quốc hội", "titles-then-name")],
      "Hugo Motta": [("Chủ tịch Hạ viện", "titles-then-name")]}),
    ("Đoàn có Trưởng ban Cố vấn Đối ngoại, Văn phòng Chủ tịch Anna-Maria Boura; Người Phát ngôn.",
     {"Anna-Maria Boura": [("Trưởng ban Cố vấn Đối ngoại, Văn phòng Chủ tịch", "titles-then-name")]}),
    # an initial glued to a name transcribed with hyphens (real sets r19, r30)
    ("Chủ tịch nước đã tiếp Chánh án Tòa án tối cao LB Nga M.Lê-bê-đép và Đoàn cán bộ cấp cao.",
     {"M.Lê-bê-đép": [("Chánh án Tòa án tối cao LB Nga", "titles-then-name")]}),
    # "Cố vấn" is a title, not the former-word "cố" before "vấn"; the White House is a body (real sets r21, r23)
    ("Tiếp đó là Cố vấn cao cấp Lê Văn An và Cố vấn Nhà Trắng Jake Sullivan.",
     {"Lê Văn An": [("Cố vấn cao cấp", "titles-then-name")], "Jake Sullivan": [("Cố vấn Nhà Trắng", "titles-then-name")]}),
    # the National Assembly's committee and board written in lower case (real set r32)
    ("Tham dự có Chủ nhiệm UB các vấn đề xã hội Trương Thị Mai, Trưởng ban công tác đại biểu Nguyễn Thị Nương.",
     {"Trương Thị Mai": [("Chủ nhiệm UB các vấn đề xã hội", "titles-then-name")],
      "Nguyễn Thị Nương": [("Trưởng ban công tác đại biểu", "titles-then-name")]}),
    # the Lao Front's name in lower case (real set r31)
    ("Ông Sỉ-su-văn Chăn-thạ-phay Bun - Chủ tịch Mặt trận Lào xây dựng đất nước tỉnh Attapư cảm ơn.",
     {"Sỉ-su-văn Chăn-thạ-phay Bun": [("Chủ tịch Mặt trận Lào xây dựng đất nước tỉnh Attapư", "name-then-titles")]}),
    # a body of several words is the body even where its words would make a name ("Văn Phòng Quốc", r32)
    ("Tham dự có Chủ nhiệm Văn Phòng Quốc hội Nguyễn Hạnh Phúc, Chủ nhiệm Văn phòng Chính phủ Mai Tiến Dũng.",
     {"Nguyễn Hạnh Phúc": [("Chủ nhiệm Văn Phòng Quốc hội", "titles-then-name")],
      "Mai Tiến Dũng": [("Chủ nhiệm Văn phòng Chính phủ", "titles-then-name")]}),
    # a spokesperson's title (real set r21)
    ("Phát ngôn viên Bộ Quốc phòng Chhum Socheat được báo chí trích lời.",
     {"Chhum Socheat": [("Phát ngôn viên Bộ Quốc phòng", "titles-then-name")]}),
    # a bracketed abbreviation closes a fund's name; a Korean family name that is also a body's head ("Ban")
    ("Thủ tướng hội kiến với Tổng Thư ký Liên Hiệp Quốc Ban Ki-moon, Tổng giám đốc Quỹ tiền tệ quốc tế (IMF) "
     "Chiristine Largarde.",
     {"Ban Ki-moon": [("Tổng Thư ký Liên Hiệp Quốc", "titles-then-name")],
      "Chiristine Largarde": [("Tổng giám đốc Quỹ tiền tệ quốc tế (IMF)", "titles-then-name")]}),
])
def test_titles_then_name(text, expected):
    assert linked(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Ông Hầu A Lềnh tái đắc cử Chủ tịch HĐND tỉnh Lào Cai.",
     {"Hầu A Lềnh": [("Chủ tịch HĐND tỉnh Lào Cai", "post-after-verb")]}),
    ("Các ông Lê Văn Cường, Phạm Minh Đức và Hoàng Anh Tuấn được bầu giữ chức Phó Chủ tịch UBND tỉnh.",
     {"Lê Văn Cường": [("Phó Chủ tịch UBND tỉnh", "post-after-verb")],
      "Phạm Minh Đức": [("Phó Chủ tịch UBND tỉnh", "post-after-verb")],
      "Hoàng Anh Tuấn": [("Phó Chủ tịch UBND tỉnh", "post-after-verb")]}),
    ("Ông Nguyễn Hữu Đông, trước đó là Giám đốc Sở Nội vụ, nhận nhiệm vụ mới.",
     {"Nguyễn Hữu Đông": [("Giám đốc Sở Nội vụ", "post-after-verb")]}),
    # the post of another group named between is not theirs (real set r13)
    ("Đồng chí Trần Văn Hiền và đồng chí Lê Minh Tú tặng hoa các đại biểu vừa trúng cử Ủy viên UBND tỉnh.",
     {"Trần Văn Hiền": [], "Lê Minh Tú": []}),
    # a list set off by semicolons, each member with their own titles, after an appointment verb (real sets r25, r29);
    # without one ("Dự có …") only the last member gets the post
    ("HĐND tỉnh Long An đã bầu các cán bộ: Nguyễn Thanh Truyền, Giám đốc Sở Nông nghiệp và Phát triển nông thôn; "
     "Đại tá Lê Hồng Nam, Giám đốc Công an tỉnh làm Ủy viên UBND tỉnh Long An.",
     {"Nguyễn Thanh Truyền": [("Giám đốc Sở Nông nghiệp và Phát triển nông thôn", "name-then-titles"),
                              ("Ủy viên UBND tỉnh Long An", "post-after-verb")],
      "Lê Hồng Nam": [("Đại tá", "titles-then-name"), ("Giám đốc Công an tỉnh", "name-then-titles"),
                      ("Ủy viên UBND tỉnh Long An", "post-after-verb")]}),
    ("Dự có ông Lê Văn An, Chủ tịch UBND tỉnh; ông Trần Văn Bình, Giám đốc Sở Y tế được bầu làm Phó Chủ tịch Hội.",
     {"Lê Văn An": [("Chủ tịch UBND tỉnh", "name-then-titles")],
      "Trần Văn Bình": [("Giám đốc Sở Y tế", "name-then-titles"), ("Phó Chủ tịch Hội", "post-after-verb")]}),
    # the noun of the post qualified ("các vị trí công tác như"); the former holder named by "trước đó là" (real r29)
    ("Ông Vương Quốc Tuấn đã từng trải qua các vị trí công tác như Bí thư Tỉnh Đoàn Bắc Ninh, Bí thư Thành ủy Bắc Ninh.",
     {"Vương Quốc Tuấn": [("Bí thư Tỉnh Đoàn Bắc Ninh", "post-after-verb"), ("Bí thư Thành ủy Bắc Ninh", "post-after-verb")]}),
    ("Người giữ chức Chủ tịch UBND tỉnh Khánh Hòa trước đó là ông Lê Đức Vinh.",
     {"Lê Đức Vinh": [("Chủ tịch UBND tỉnh Khánh Hòa", "titles-then-name")]}),
    ("Ông Huỳnh Quang Hưng, 48 tuổi, Phó bí thư Phú Quốc được bầu làm Chủ tịch UBND huyện.",
     {"Huỳnh Quang Hưng": [("Phó bí thư Phú Quốc", "name-then-titles"), ("Chủ tịch UBND huyện", "post-after-verb")]}),
])
def test_post_after_verb(text, expected):
    assert linked(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Dự hội nghị có các đồng chí Phó Chủ tịch UBND tỉnh: Lê Văn Hà, Trần Thị Ngọc và Vũ Minh Đức.",
     {n: [("Phó Chủ tịch UBND tỉnh", "shared-plural-title")] for n in ("Lê Văn Hà", "Trần Thị Ngọc", "Vũ Minh Đức")}),
    ("Hai Phó Giám đốc Sở Y tế: ông Hồ Văn Nam và bà Đào Thị Hạnh cùng dự.",
     {n: [("Phó Giám đốc Sở Y tế", "shared-plural-title")] for n in ("Hồ Văn Nam", "Đào Thị Hạnh")}),
    # members with their own titles in brackets after their names, and members without, share it
    ("Các Phó bí thư được chỉ định gồm: Hồ Văn Mạnh (Chủ tịch UBND tỉnh), Phạm Thị Phương (Chủ tịch Ủy ban MTTQ tỉnh), "
     "Đặng Hồng Sơn, Bùi Thịnh.",
     {"Hồ Văn Mạnh": [("Phó bí thư", "shared-plural-title"), ("Chủ tịch UBND tỉnh", "name-then-titles")],
      "Phạm Thị Phương": [("Phó bí thư", "shared-plural-title"), ("Chủ tịch Ủy ban MTTQ tỉnh", "name-then-titles")],
      "Đặng Hồng Sơn": [("Phó bí thư", "shared-plural-title")], "Bùi Thịnh": [("Phó bí thư", "shared-plural-title")]}),
    # members with their own titles before their names share it too
    ("Cùng dự có các đồng chí Ủy viên Trung ương Đảng: Bộ trưởng Bộ Y tế Lê Thị Lan, Bí thư Tỉnh ủy Bắc Ninh "
     "Nguyễn Anh Tú; đại diện lãnh đạo các bộ, ngành.",
     {"Lê Thị Lan": [("Ủy viên Trung ương Đảng", "shared-plural-title"), ("Bộ trưởng Bộ Y tế", "titles-then-name")],
      "Nguyễn Anh Tú": [("Ủy viên Trung ương Đảng", "shared-plural-title"),
                        ("Bí thư Tỉnh ủy Bắc Ninh", "titles-then-name")]}),
    # the count says six: the last member, after "và" with his own former post, is one of them (real set r30)
    ("Trao quyết định nghỉ hưu cho 2 Ủy viên Trung ương Đảng công tác trong Quân đội, gồm: Đại tướng Đỗ Bá Tỵ và "
     "Thượng tướng Nguyễn Phương Nam (nguyên Phó Tổng Tham mưu trưởng).",
     {"Đỗ Bá Tỵ": [("Ủy viên Trung ương Đảng", "shared-plural-title"), ("Đại tướng", "titles-then-name")],
      "Nguyễn Phương Nam": [("Ủy viên Trung ương Đảng", "shared-plural-title"), ("Thượng tướng", "titles-then-name"),
                            ("nguyên Phó Tổng Tham mưu trưởng", "name-then-titles")]}),
    # a date ending the line before is no count: each rank stays its own person's (real set r30)
    ("Thủ tướng quyết định 3 tướng lĩnh nghỉ hưu từ 1/11\nThượng tướng Ngô Minh Tiến, Thiếu tướng Đỗ Phương Thuấn và "
     "Thiếu tướng Nguyễn Đức Hòa nghỉ hưu.",
     {"Ngô Minh Tiến": [("Thượng tướng", "titles-then-name")], "Đỗ Phương Thuấn": [("Thiếu tướng", "titles-then-name")],
      "Nguyễn Đức Hòa": [("Thiếu tướng", "titles-then-name")]}),
    # after a comma, a list of two or more titled members (real set r25); not one person, nor after a count
    ("Tham dự có các UVTV Thành ủy, Hồ Thị Thu Hằng, Chủ nhiệm UBKT Thành ủy; Nguyễn Thanh Bình, Phó Chủ tịch "
     "Thường trực UBND thành phố.",
     {"Hồ Thị Thu Hằng": [("UVTV Thành ủy", "shared-plural-title"), ("Chủ nhiệm UBKT Thành ủy", "name-then-titles")],
      "Nguyễn Thanh Bình": [("UVTV Thành ủy", "shared-plural-title"),
                            ("Phó Chủ tịch Thường trực UBND thành phố", "name-then-titles")]}),
    ("Dự có các Phó Chủ tịch UBND tỉnh, Lê Văn An, Giám đốc Sở Tài chính.",
     {"Lê Văn An": [("Giám đốc Sở Tài chính", "name-then-titles")]}),
    # a titled member after "và" starts another list: the shared title is not his
    ("Có các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: Lý Văn Phúc, Đặng Thị Thu và đồng chí Mạc Văn Hòa, Bí thư Huyện ủy.",
     {"Lý Văn Phúc": [("Ủy viên Ban Thường vụ Tỉnh ủy", "shared-plural-title")],
      "Đặng Thị Thu": [("Ủy viên Ban Thường vụ Tỉnh ủy", "shared-plural-title")],
      "Mạc Văn Hòa": [("Bí thư Huyện ủy", "name-then-titles")]}),
    # the plural is in the list's introduction after the title (real set r9: an election of Hà Nội's vice-chairs)
    ("Các nhân sự được giới thiệu để bầu làm Phó Chủ tịch UBND thành phố nhiệm kỳ 2021 - 2026 gồm các ông: "
     "Trần Văn Lực, Chử Minh Tâm, Cấn Văn Hưng.",
     {n: [("Phó Chủ tịch UBND thành phố nhiệm kỳ 2021 - 2026", "shared-plural-title")]
      for n in ("Trần Văn Lực", "Chử Minh Tâm", "Cấn Văn Hưng")}),
    # a count says how many share it, though the second comes after "và" with his own title (real set r18)
    ("Thủ tướng phê chuẩn bổ sung 2 Ủy viên UBND tỉnh Bình Định là ông Lê Văn Mạnh, Giám đốc Sở Nội vụ và ông Hoàng "
     "Vũ Ân, Giám đốc Công an tỉnh.",
     {"Lê Văn Mạnh": [("Ủy viên UBND tỉnh Bình Định", "shared-plural-title"), ("Giám đốc Sở Nội vụ", "name-then-titles")],
      "Hoàng Vũ Ân": [("Ủy viên UBND tỉnh Bình Định", "shared-plural-title"),
                      ("Giám đốc Công an tỉnh", "name-then-titles")]}),
])
def test_shared_plural_title(text, expected):
    assert linked(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a career: the verb's list of posts goes to the person
    ("Ông Hà Văn Tú từng kinh qua các chức vụ: Bí thư Huyện ủy Mường Lát, Phó Chủ tịch UBND tỉnh Thanh Hóa.",
     {"Hà Văn Tú": [("Bí thư Huyện ủy Mường Lát", "post-after-verb"), ("Phó Chủ tịch UBND tỉnh Thanh Hóa", "post-after-verb")]}),
    ("Ông Lò Minh Hùng, Phó Bí thư Tỉnh ủy đã trúng cử chức danh Chủ tịch UBND tỉnh Điện Biên.",
     {"Lò Minh Hùng": [("Phó Bí thư Tỉnh ủy", "name-then-titles"), ("Chủ tịch UBND tỉnh Điện Biên", "post-after-verb")]}),
    # a short mention and a pronoun opening a clause refer back to the person named before
    ("Ông Nguyễn Thanh Nhàn sinh năm 1977. Trước đó, ông Nhàn từng giữ các chức vụ: Bí thư Thành ủy Hà Tiên; "
     "Phó Chủ tịch UBND tỉnh.",
     {"Nguyễn Thanh Nhàn": [("Bí thư Thành ủy Hà Tiên", "post-after-verb"), ("Phó Chủ tịch UBND tỉnh", "post-after-verb")]}),
    ("Bà Tẩn Thị Quế sinh năm 1978. Năm 2010, bà là Phó Chủ tịch UBND huyện Tam Đường.",
     {"Tẩn Thị Quế": [("Phó Chủ tịch UBND huyện Tam Đường", "post-after-verb")]}),
    # a title whole without a body counts in lower case after the verb
    ("Đoàn đại biểu của tỉnh do đồng chí Nguyễn Trọng Trí, Chủ tịch Hội Nông dân tỉnh làm trưởng đoàn.",
     {"Nguyễn Trọng Trí": [("Chủ tịch Hội Nông dân tỉnh", "name-then-titles"), ("trưởng đoàn", "post-after-verb")]}),
    # a career written in lower case: each title of the list after the verb, "rồi" (then) joining two
    ("Ông Nguyễn Văn Lộc từng giữ nhiều chức vụ: trưởng Ban Tuyên giáo Tỉnh ủy, bí thư Thị ủy Đồng Xoài, "
     "phó chủ tịch UBND tỉnh, phó bí thư Tỉnh ủy rồi bí thư Tỉnh ủy Bình Phước.",
     {"Nguyễn Văn Lộc": [(t, "post-after-verb") for t in (
         "trưởng Ban Tuyên giáo Tỉnh ủy", "bí thư Thị ủy Đồng Xoài", "phó chủ tịch UBND tỉnh", "phó bí thư Tỉnh ủy",
         "bí thư Tỉnh ủy Bình Phước")]}),
    # an aside in brackets between the person and the verb is read past
    ("Ông Hoàng Nghĩa Hòa (52 tuổi, quê ở xã Hưng Lĩnh, huyện Hưng Nguyên), có trình độ thạc sĩ kỹ thuật, từng giữ "
     "các chức vụ Bí thư Huyện ủy Yên Thành, Giám đốc Sở Nông nghiệp và PTNT.",
     {"Hoàng Nghĩa Hòa": [("Bí thư Huyện ủy Yên Thành", "post-after-verb"),
                          ("Giám đốc Sở Nông nghiệp và PTNT", "post-after-verb")]}),
    # so is a clause of schooling up to a semicolon (real set r9: a personnel page of Bình Dương)
    ("Ông Đào Minh Khang (sinh năm 1975) có trình độ thạc sĩ kinh tế, cao cấp lý luận chính trị; từng kinh qua chức vụ "
     "Trưởng ban Dân vận Thị ủy Thuận An, Phó Chánh Văn phòng Tỉnh ủy.",
     {"Đào Minh Khang": [("Trưởng ban Dân vận Thị ủy Thuận An", "post-after-verb"),
                         ("Phó Chánh Văn phòng Tỉnh ủy", "post-after-verb")]}),
    # the post of a time clause, dated ("vào năm 2015"), is the post of the person after it (dev e29)
    ("Trước khi làm Bí thư Thành ủy Sóc Trăng vào năm 2015, ông Nguyễn Văn Quân từng làm Giám đốc Sở Tài chính.",
     {"Nguyễn Văn Quân": [("Bí thư Thành ủy Sóc Trăng", "post-in-time-clause"),
                          ("Giám đốc Sở Tài chính", "post-after-verb")]}),
    # re-elected ("được bầu lại làm"), the post in lower case; the abbreviation's dot ends the sentence (dev e01)
    ("Bí thư Thành ủy Đà Nẵng Nguyễn Bá Thành đã được bầu lại làm chủ tịch HĐND TP.",
     {"Nguyễn Bá Thành": [("Bí thư Thành ủy Đà Nẵng", "titles-then-name"), ("chủ tịch HĐND TP", "post-after-verb")]}),
    # the persons before the verb, each with their own title after a dash (real set r18)
    ("Các đại biểu bầu ông Lê Quang Hòa - Giám đốc Sở Tài chính và ông Cao Văn Cương - Giám đốc Sở Y tế giữ chức vụ "
     "Phó chủ tịch UBND tỉnh Thanh Hóa.",
     {"Lê Quang Hòa": [("Giám đốc Sở Tài chính", "name-then-titles"),
                       ("Phó chủ tịch UBND tỉnh Thanh Hóa", "post-after-verb")],
      "Cao Văn Cương": [("Giám đốc Sở Y tế", "name-then-titles"), ("Phó chủ tịch UBND tỉnh Thanh Hóa", "post-after-verb")]}),
    # a career with a town after "TP." (real set r18: "TP. Pleiku" is no sentence end)
    ("Ông Võ Ngọc Thanh từng giữ các chức vụ: Giám đốc Sở Tài chính, Chủ tịch UBND TP. Pleiku, Ủy viên Ban Thường vụ "
     "Tỉnh ủy Gia Lai.",
     {"Võ Ngọc Thanh": [("Giám đốc Sở Tài chính", "post-after-verb"), ("Chủ tịch UBND TP. Pleiku", "post-after-verb"),
                        ("Ủy viên Ban Thường vụ Tỉnh ủy Gia Lai", "post-after-verb")]}),
    # a verb of post far after the name, past "các vị trí" (no group of people) and an age (real sets r19, r21)
    ("Thượng tá Nguyễn Thanh Tú 44 tuổi, quê Thanh Hóa, từng trải qua các vị trí công tác từ cơ sở đến Bộ Công an, giữ "
     "chức vụ Phó bí thư, Bí thư Đoàn thanh niên Bộ Công an.",
     {"Nguyễn Thanh Tú": [("Thượng tá", "titles-then-name"), ("Phó bí thư", "post-after-verb"),
                          ("Bí thư Đoàn thanh niên Bộ Công an", "post-after-verb")]}),
    ("Bà Nguyễn Thị Thắm, ủy viên dự khuyết BCH TƯ Đảng, được tín nhiệm tái cử bầu làm Bí thư tỉnh uỷ Ninh Bình.",
     {"Nguyễn Thị Thắm": [("ủy viên dự khuyết BCH TƯ Đảng", "name-then-titles"),
                          ("Bí thư tỉnh uỷ Ninh Bình", "post-after-verb")]}),
    # the result of someone else's election is not the subject's post (real set r16)
    ("Thủ tướng Nguyễn Xuân Phong vừa phê chuẩn kết quả bầu bổ sung chức vụ Phó Chủ tịch UBND tỉnh Gia Lai.",
     {"Nguyễn Xuân Phong": [("Thủ tướng", "titles-then-name")]}),
    # clauses of a career that do not repeat their subject: the person last named (real set r21)
    ("Bà Phạm Thị Thanh Hà sinh năm 1964. Đến tháng 9/1987, bà làm cán bộ Phòng Giáo dục huyện Trấn Yên; tháng 9/1997 "
     "giữ chức Phó trưởng phòng Giáo dục và Đào tạo huyện Trấn Yên. Sau đó lần lượt giữ các vị trí: Phó Bí thư Tỉnh "
     "đoàn (11/2000), Bí thư Tỉnh đoàn Yên Bái (2/2003).",
     {"Phạm Thị Thanh Hà": [("Phó trưởng phòng Giáo dục và Đào tạo huyện Trấn Yên", "post-after-verb"),
                            ("Phó Bí thư Tỉnh đoàn", "post-after-verb"), ("Bí thư Tỉnh đoàn Yên Bái", "post-after-verb")]}),
    # a place in brackets after the post is left out of it (real set r9)
    ("Ông Nguyễn Hoàng Thạch được chỉ định làm Bí thư Đảng ủy, Chủ tịch HĐND phường Phú An (TP.HCM).",
     {"Nguyễn Hoàng Thạch": [("Bí thư Đảng ủy", "post-after-verb"), ("Chủ tịch HĐND phường Phú An", "post-after-verb")]}),
    # but not across a clause with a subject of its own (with none, "…; từng kinh qua …" is the person's: see the
    # elided subjects above)
    ("Ông Đào Minh Khang phát biểu tại hội nghị; bà Lê Thị Hoa từng kinh qua chức vụ Trưởng ban Dân vận Thị ủy Thuận "
     "An.",
     {"Đào Minh Khang": [], "Lê Thị Hoa": [("Trưởng ban Dân vận Thị ủy Thuận An", "post-after-verb")]}),
])
def test_post_after_verb_careers_and_references(text, expected):
    assert linked(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Tổng cục Chính trị có Chủ nhiệm là Thượng tướng Trịnh Văn Quý.",
     {"Trịnh Văn Quý": [("Chủ nhiệm", "titles-then-name"), ("Thượng tướng", "titles-then-name")]}),
    # a list announced by a colon goes on over the lines that follow; a title ending a line is not the next line's
    ("Bốn Phó Bí thư Tỉnh ủy, nhiệm kỳ 2025-2030 gồm:\n\nÔng Lê Văn An, Chủ tịch HĐND tỉnh\n\nÔng Võ Minh Hà.",
     {"Lê Văn An": [("Phó Bí thư Tỉnh ủy", "shared-plural-title"), ("Chủ tịch HĐND tỉnh", "name-then-titles")],
      "Võ Minh Hà": [("Phó Bí thư Tỉnh ủy", "shared-plural-title")]}),
])
def test_titles_named_by_is_and_lists_over_lines(text, expected):
    assert linked(text) == expected


@pytest.mark.parametrize("text,expected", [
    # real set r15: a promotion in the Ministry of Public Security
    ("Bộ trưởng Lương Tam Quang trao quyết định thăng cấp bậc hàm Trung tướng cho Thiếu tướng Đinh Văn Nơi, "
     "Cục trưởng Cục Cảnh sát kinh tế.",
     {"Lương Tam Quang": [("Bộ trưởng", "titles-then-name")],
      "Đinh Văn Nơi": [("Trung tướng", "rank-conferred"), ("Thiếu tướng", "titles-then-name"),
                       ("Cục trưởng Cục Cảnh sát kinh tế", "name-then-titles")]}),
    ("Chủ tịch nước trao quyết định thăng quân hàm Thiếu tướng cho hai sĩ quan: Đại tá Vũ Văn Khánh và Đại tá "
     "Lê Hồng Sơn.",
     {"Vũ Văn Khánh": [("Thiếu tướng", "rank-conferred"), ("Đại tá", "titles-then-name")],
      "Lê Hồng Sơn": [("Thiếu tướng", "rank-conferred"), ("Đại tá", "titles-then-name")]}),
    # "từ … lên …": the old rank and the new one, for a list after "gồm:" or "đối với các đồng chí: …" (real set r19)
    ("Các sĩ quan được thăng quân hàm từ Đại tá lên Thiếu tướng gồm: Nguyễn Văn Hòa, Chỉ huy trưởng Bộ CHQS tỉnh "
     "Cà Mau; Đinh Hồng Tín, Chỉ huy trưởng Bộ CHQS tỉnh Lâm Đồng.",
     {"Nguyễn Văn Hòa": [("Đại tá", "rank-conferred"), ("Thiếu tướng", "rank-conferred"),
                         ("Chỉ huy trưởng Bộ CHQS tỉnh Cà Mau", "name-then-titles")],
      "Đinh Hồng Tín": [("Đại tá", "rank-conferred"), ("Thiếu tướng", "rank-conferred"),
                        ("Chỉ huy trưởng Bộ CHQS tỉnh Lâm Đồng", "name-then-titles")]}),
    ("Quyết định thăng cấp bậc hàm từ Trung tướng lên Thượng tướng cũng được công bố đối với các đồng chí Thứ trưởng "
     "Bộ Công an: Phạm Thế Tâm và Nguyễn Ngọc Lân.",
     {n: [("Trung tướng", "rank-conferred"), ("Thượng tướng", "rank-conferred"),
          ("Thứ trưởng Bộ Công an", "shared-plural-title")] for n in ("Phạm Thế Tâm", "Nguyễn Ngọc Lân")}),
    # ranks in lower case; the subject of "được thăng …"; a rank ending a sentence is no abbreviation (real r21)
    ("Thứ trưởng Nguyễn Duy Ngân được thăng cấp bậc hàm từ thiếu tướng lên trung tướng. Đại tá Nguyễn Văn Lộc, Cục "
     "trưởng, được thăng cấp lên thiếu tướng.",
     {"Nguyễn Duy Ngân": [("Thứ trưởng", "titles-then-name"), ("thiếu tướng", "rank-conferred"),
                          ("trung tướng", "rank-conferred")],
      "Nguyễn Văn Lộc": [("Đại tá", "titles-then-name"), ("Cục trưởng", "name-then-titles"),
                         ("thiếu tướng", "rank-conferred")]}),
    # a rank named in another way is not conferred ("cho" without a promotion)
    ("Đại tá Vũ Văn Khánh trao tặng bằng khen cho Trung tá Lê Hồng Sơn.",
     {"Vũ Văn Khánh": [("Đại tá", "titles-then-name")], "Lê Hồng Sơn": [("Trung tá", "titles-then-name")]}),
    # a diplomatic rank, conferred on a list whose members have their own titles (real set r24)
    ("Chủ tịch nước phong hàm Đại sứ bậc một cho các ông, bà: Phạm Thị Kim Hoa, Phó Chủ nhiệm Ủy ban Nhà nước về "
     "người Việt Nam ở nước ngoài; Nguyễn Quang Trung, Tổng Lãnh sự Việt Nam tại Vancouver.",
     {"Phạm Thị Kim Hoa": [("Đại sứ bậc một", "rank-conferred"),
                           ("Phó Chủ nhiệm Ủy ban Nhà nước về người Việt Nam ở nước ngoài", "name-then-titles")],
      "Nguyễn Quang Trung": [("Đại sứ bậc một", "rank-conferred"),
                             ("Tổng Lãnh sự Việt Nam tại Vancouver", "name-then-titles")]}),
])
def test_rank_conferred(text, expected):
    assert linked(text) == expected
