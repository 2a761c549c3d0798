"""NER stage: the spaCy pipeline, its tokenizer and the PERSON/POSITION/ORG spans (texts written for these tests)."""
import pytest
import spacy
from spacy import displacy

from pipeline import get_nlp, make_doc


def ents(text):
    return [(e.label_, e.text) for e in make_doc(text).ents]


def test_get_nlp_is_a_spacy_language_with_the_entity_pipe():
    nlp = get_nlp()
    assert isinstance(nlp, spacy.language.Language)
    assert nlp.lang == "vi"
    assert "vngov_entities" in nlp.pipe_names
    assert get_nlp() is nlp  # built once


@pytest.mark.parametrize("text,expected", [
    ("Đồng chí Phạm Thị Lan, Giám đốc Sở Tài chính tham dự.",
     [("PERSON", "Phạm Thị Lan"), ("POSITION", "Giám đốc Sở Tài chính")]),
    ("Ủy viên T.Ư Đảng, Chủ tịch UBND TP.HCM Lê Hoài Trung làm việc với Bộ KH&CN.",
     [("POSITION", "Ủy viên T.Ư Đảng"), ("POSITION", "Chủ tịch UBND TP.HCM"), ("PERSON", "Lê Hoài Trung"),
      ("ORG", "Bộ KH&CN")]),
    ("Sở Y tế tỉnh Nghệ An phối hợp tổ chức đợt khám bệnh.", [("ORG", "Sở Y tế tỉnh Nghệ An")]),
    ("Đại tá Ninh Văn Quyết, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh báo cáo.",
     [("POSITION", "Đại tá"), ("PERSON", "Ninh Văn Quyết"), ("POSITION", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh")]),
    ("Hội nghị diễn ra tại tỉnh Hà Tĩnh vào dịp Xuân Giáp Thìn.", []),
    # a caption's capitalised verb where a commune's name was due ends the title (real set r27)
    ("Đ/c Lý Tiến Công Bí thư Đảng ủy, Chủ tịch HĐND xã Phát biểu chỉ đạo tại Hội nghị",
     [("PERSON", "Lý Tiến Công"), ("POSITION", "Bí thư Đảng ủy"), ("POSITION", "Chủ tịch HĐND xã")]),
    # a Chinese province is a place, not a person; a five-star rank (real sets r27, r28)
    ("Ông Trần Dung Mao, Phó Chủ tịch Quảng Tây dự.",
     [("PERSON", "Trần Dung Mao"), ("POSITION", "Phó Chủ tịch Quảng Tây")]),
    ("Tham gia đoàn có ngài Thống tướng Tia Banh.", [("POSITION", "Thống tướng"), ("PERSON", "Tia Banh")]),
    # the items of a list of districts are places, one named after a person too (real set r25)
    ("Tỉnh hiện có 8 huyện (U Minh, Thới Bình, Trần Văn Thời, Cái Nước, Đầm Dơi, Năm Căn, Phú Tân, Ngọc Hiển).", []),
    # "Phó"/"Quyền" before any title head, listed or not
    ("Quyền Giám đốc Sở Tài chính Đỗ Văn Hòa báo cáo.", [("POSITION", "Quyền Giám đốc Sở Tài chính"),
                                                         ("PERSON", "Đỗ Văn Hòa")]),
    ("Ông Kenji Sato, Phó Trưởng đại diện Văn phòng JICA tại Việt Nam cho biết.",
     [("PERSON", "Kenji Sato"), ("POSITION", "Phó Trưởng đại diện Văn phòng JICA tại Việt Nam")]),
    # hyphenated abbreviations are one token; numbered districts and wards belong to the title
    ("Ông Lý Văn Đạt, phó giám đốc Sở GD-ĐT TP.HCM, cho biết.",
     [("PERSON", "Lý Văn Đạt"), ("POSITION", "phó giám đốc Sở GD-ĐT TP.HCM")]),
    ("Chủ tịch UBND quận 8 Võ Thành Tâm và bà Hà Thị Mai, chủ tịch UBND phường 25, cùng dự.",
     [("POSITION", "Chủ tịch UBND quận 8"), ("PERSON", "Võ Thành Tâm"), ("PERSON", "Hà Thị Mai"),
      ("POSITION", "chủ tịch UBND phường 25")]),
    # a Party committee's term belongs to the title; a deputy's delegation in brackets does not
    ("Ông Hà Văn Sáng, Ủy viên BCH Đảng bộ tỉnh khóa XVIII, Bí thư Huyện ủy khoá XXV tái đắc cử.",
     [("PERSON", "Hà Văn Sáng"), ("POSITION", "Ủy viên BCH Đảng bộ tỉnh khóa XVIII"),
      ("POSITION", "Bí thư Huyện ủy khoá XXV")]),
    ("Bà Chu Thị Hạnh, Ủy viên Ủy ban Xã hội của Quốc hội (Đoàn ĐBQH tỉnh Lạng Sơn) chất vấn.",
     [("PERSON", "Chu Thị Hạnh"), ("POSITION", "Ủy viên Ủy ban Xã hội của Quốc hội"),
      ("ORG", "Đoàn ĐBQH tỉnh Lạng Sơn")]),
    # in apposition a bare head takes the rest of the title up to the comma: a field, "của" a body, "tại" a place
    ("Ông Lars Nilsson, chuyên gia dịch tễ của Tổ chức Y tế Thế giới (WHO) tại Việt Nam, cho biết.",
     [("PERSON", "Lars Nilsson"), ("POSITION", "chuyên gia dịch tễ của Tổ chức Y tế Thế giới (WHO) tại Việt Nam")]),
    # a camel-case brand is a company, never a person's name
    ("Bà Lưu Thị Lan Anh, Giám đốc VietinBank Chi nhánh Bắc Giang cho biết.",
     [("PERSON", "Lưu Thị Lan Anh"), ("POSITION", "Giám đốc VietinBank Chi nhánh Bắc Giang")]),
    # a member school and its university are one body, comma and all
    ("GS.TS Lâm Quang Vinh, Hiệu trưởng Trường Đại học Sư phạm, Đại học Đà Nẵng phát biểu.",
     [("POSITION", "GS.TS"), ("PERSON", "Lâm Quang Vinh"),
      ("POSITION", "Hiệu trưởng Trường Đại học Sư phạm, Đại học Đà Nẵng")]),
    # the lower-case rest of a body's name runs to the comma that closes the title, not into the predicate
    ("Bà Tô Thị Hằng, Cục trưởng Cục Quản lý nợ và Kinh tế đối ngoại, cho biết.",
     [("PERSON", "Tô Thị Hằng"), ("POSITION", "Cục trưởng Cục Quản lý nợ và Kinh tế đối ngoại")]),
    ("Phó Chủ tịch HĐND huyện Hà Văn Mạnh điều hành kỳ họp, Giám đốc Sở Xây dựng trao quyết định cho các xã.",
     [("POSITION", "Phó Chủ tịch HĐND huyện"), ("PERSON", "Hà Văn Mạnh"), ("POSITION", "Giám đốc Sở Xây dựng")]),
    # "đại biểu" is a word of address before a name, and a title when its head names the body
    ("Cử tri gặp đại biểu Quốc hội Nguyễn Văn An và đại biểu Trần Thị Bình.",
     [("POSITION", "đại biểu Quốc hội"), ("PERSON", "Nguyễn Văn An"), ("PERSON", "Trần Thị Bình")]),
    # "Tướng" is a rank; "tướng lĩnh" (generals) is a word, not the rank; oceans are places
    ("Tướng Hứa Kỳ Lâm và các tướng lĩnh của Bộ Tư lệnh Vùng Đông Á và Thái Bình Dương dự.",
     [("POSITION", "Tướng"), ("PERSON", "Hứa Kỳ Lâm"), ("ORG", "Bộ Tư lệnh Vùng Đông Á và Thái Bình Dương")]),
    # degrees and events end a title's body
    ("Phó Chủ tịch Hội GS. Lê Quốc Mạnh, Chủ tịch HĐND tỉnh tại Đại hội đại biểu Mặt trận tỉnh phát biểu.",
     [("POSITION", "Phó Chủ tịch Hội"), ("POSITION", "GS"), ("PERSON", "Lê Quốc Mạnh"),
      ("POSITION", "Chủ tịch HĐND tỉnh"), ("ORG", "Mặt trận tỉnh")]),
])
def test_entity_labels_and_spans(text, expected):
    assert ents(text) == expected


def test_ranks_are_flagged_in_kb_id():
    doc = make_doc("Đại tá Ninh Văn Quyết, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh báo cáo.")
    assert [(e.text, e.kb_id_) for e in doc.ents if e.label_ == "POSITION"] == [
        ("Đại tá", "rank"), ("Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh", "")]


@pytest.mark.parametrize("abbr", ["T.Ư", "TP.HCM", "Tp.HCM", "KH&CN", "TN&MT", "UBND", "M.Lê-bê-đép"])
def test_tokenizer_keeps_abbreviations_whole(abbr):
    assert [t.text for t in make_doc(f"Lãnh đạo {abbr} dự họp.")] == ["Lãnh", "đạo", abbr, "dự", "họp", "."]


@pytest.mark.parametrize("text", [
    "Sáng 5/3, đồng chí Nguyễn Văn An phát biểu.\n\nẢnh: Thanh Tâm",
    "Dòng  có  hai  dấu cách \nvà\tmột tab, Bí thư Tỉnh ủy Lê Văn Bình dự.",
    "  Mở đầu bằng dấu cách.\r\nPhó Chủ tịch UBND tỉnh Hồ Thị Thu kết luận.\n",
])
def test_doc_text_and_offsets_match_the_input(text):
    doc = make_doc(text)
    assert doc.text == text
    assert doc.ents
    for e in doc.ents:
        assert text[e.start_char:e.end_char] == e.text


def test_displacy_renders_entities():
    html = displacy.render(make_doc("Đồng chí Phạm Thị Lan, Giám đốc Sở Tài chính tham dự."), style="ent")
    assert "Phạm Thị Lan" in html and "PERSON" in html and "POSITION" in html
