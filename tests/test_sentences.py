"""Sentence splitter: table of sentences written in the style of gov.vn news."""
import pytest

from pipeline.text.sentences import split_sentences


def sentences(text):
    return [text[a:b] for a, b in split_sentences(text)]


CASES = [
    # dates, decimals, codes: dots/colons without a following space never split
    ("Chiều 29/7, tỉnh đạt 40,43%. Năm 2021 đạt 41%.",
     ["Chiều 29/7, tỉnh đạt 40,43%.", "Năm 2021 đạt 41%."]),
    ("Sáng 23.9, đoàn làm việc tại TP.HCM và T.Ư Đoàn. Tiếp đó đoàn về Q.VIỆT",
     ["Sáng 23.9, đoàn làm việc tại TP.HCM và T.Ư Đoàn.", "Tiếp đó đoàn về Q.VIỆT"]),
    ("Sở áp dụng tiêu chuẩn TCVN ISO 9001:2015. Kết quả tốt.",
     ["Sở áp dụng tiêu chuẩn TCVN ISO 9001:2015.", "Kết quả tốt."]),
    # abbreviations and initials followed by a capital
    ("Hội nghị tổ chức tại TP. Huế. Dự có GS. TS. Lê Minh Khang.",
     ["Hội nghị tổ chức tại TP. Huế.", "Dự có GS. TS. Lê Minh Khang."]),
    ("Ông Nguyễn V. Bình phát biểu. Bà Trần Thị Hoa dự.",
     ["Ông Nguyễn V. Bình phát biểu.", "Bà Trần Thị Hoa dự."]),
    # ellipses: ".." before lower case is not an end, "…" and "..." before a capital are
    ("các tiêu chuẩn tiên tiến.. nhằm tạo sản phẩm tốt. Xong.",
     ["các tiêu chuẩn tiên tiến.. nhằm tạo sản phẩm tốt.", "Xong."]),
    ("chưa có doanh nghiệp mạnh… Tỉnh sẽ hỗ trợ... Thành phố cũng vậy.",
     ["chưa có doanh nghiệp mạnh…", "Tỉnh sẽ hỗ trợ...", "Thành phố cũng vậy."]),
    # quotations stay whole, the closing quote belongs to the sentence it ends
    ("Ông Phan Quốc Hưng nhấn mạnh: “Phải làm ngay. Không chờ đợi.” Các sở thống nhất.",
     ["Ông Phan Quốc Hưng nhấn mạnh: “Phải làm ngay. Không chờ đợi.”", "Các sở thống nhất."]),
    ('Phong trào "Xây dựng. Đổi mới" được phát động. Kết quả khả quan.',
     ['Phong trào "Xây dựng. Đổi mới" được phát động.', "Kết quả khả quan."]),
    # a ";"-joined attendee list is one sentence
    ("Dự có các đồng chí: Lê Văn An, Bí thư Tỉnh ủy; Hồ Thị Mai, Chủ tịch UBND tỉnh; Đinh Công Lý, "
     "Phó Chủ tịch UBND tỉnh. Hội nghị bắt đầu.",
     ["Dự có các đồng chí: Lê Văn An, Bí thư Tỉnh ủy; Hồ Thị Mai, Chủ tịch UBND tỉnh; Đinh Công Lý, "
      "Phó Chủ tịch UBND tỉnh.", "Hội nghị bắt đầu."]),
    # newlines always end a sentence; blank lines give nothing; spans are trimmed
    ("Quang cảnh hội nghị\n\n  Đồng chí Lê Văn An phát biểu  \nNgày 5-3, tỉnh họp.",
     ["Quang cảnh hội nghị", "Đồng chí Lê Văn An phát biểu", "Ngày 5-3, tỉnh họp."]),
    # a sentence may start with a digit; a lower-case word after "." does not start one
    ("Năm 2020 đạt 40%. 2 năm qua tăng đều. đoạn lỗi chính tả vẫn liền.",
     ["Năm 2020 đạt 40%.", "2 năm qua tăng đều. đoạn lỗi chính tả vẫn liền."]),
    ("Có thật không? Có! Vậy thì tốt.", ["Có thật không?", "Có!", "Vậy thì tốt."]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_split(text, expected):
    assert sentences(text) == expected


def test_spans_are_offsets_into_the_text():
    text = " date 2024-05 Sáng 3/5, huyện họp.\nÔng Lê Văn An dự. Bà Hồ Thị Mai dự."
    spans = split_sentences(text)
    assert spans[0] == (1, text.index("\n"))
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)
    assert [a for a, _ in spans] == sorted(a for a, _ in spans)


def test_empty():
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []
