"""Boilerplate stripping: text dumps and HTML pages keep the body and lose the chrome."""
import json
import re
from pathlib import Path

import pytest

from pipeline.boilerplate import clean
from pipeline.boilerplate.lines import is_date_line, parse_date
from pipeline.text.normalize import nfc

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _dev_docs():
    if not (SHARED / "dev").is_dir():
        pytest.skip("shared dev corpus absent")
    return [json.loads(p.read_text(encoding="utf-8")) | {"stem": p.stem} for p in sorted((SHARED / "dev").glob("*.json"))]


def test_no_gold_name_or_metric_lost_on_dev_corpus():
    lost = []
    for doc in _dev_docs():
        text = clean(doc["text"]).text
        for a in doc["attendees"]:
            if nfc(a["name"]) not in text:  # as loading reads it ("Ð" → "Đ")
                lost.append((doc["stem"], "name", a["name"]))
        for m in doc["metrics"]:
            if nfc(m["text"]) not in text:
                lost.append((doc["stem"], "metric", m["text"]))
    assert lost == []


def test_seed_text_is_exact():
    seed = next(d for d in _dev_docs() if d["stem"] == "seed")
    # nfc() also turns no-break spaces into spaces, as loading does: otherwise the text is untouched.
    lines = [ln.strip() for ln in nfc(seed["text"]).splitlines() if ln.strip()]
    byline = lines.index("Hoàng Tùng - Đàm Thanh")
    page = clean(seed["text"])
    assert [b.text for b in page.blocks] == lines[:byline]  # every body line, in order, nothing else
    assert page.title == lines[0] and page.blocks[0].kind == "title"
    assert page.authors == ["Hoàng Tùng", "Đàm Thanh"]
    assert "Trần Huy Kiên" not in page.text and "Đang online" not in page.text
    kinds = {b.text: b.kind for b in page.blocks}
    assert kinds["Quang cảnh cuộc làm việc"] == "caption"
    assert kinds["Đồng chí Trần Lưu Quang, Bí thư Thành ủy phát biểu chào mừng"] == "caption"
    assert page.text == "\n\n".join(lines[:byline])


def test_text_dump_chrome_bylines_and_dates():
    dump = "\n".join([
        "Theo dõi Báo Thủ Đô trên", "Thứ Bảy, 26/01/2019 19:26",
        "Tỉnh ủy Hòa Bình sơ kết công tác xây dựng Đảng quý I", "Xem với cỡ chữ", "Print", "Chia sẻ",
        "Sáng 25/1, Tỉnh ủy tổ chức hội nghị sơ kết. Đồng chí Lưu Quang Hòa, Bí thư Tỉnh ủy chủ trì; dự có 120 đại biểu.",
        "Đồng chí Lưu Quang Hòa, Bí thư Tỉnh ủy phát biểu kết luận",
        "Năm 2018, toàn tỉnh kết nạp 1.250 đảng viên mới, đạt 104% kế hoạch. Ảnh: Minh Khang.",
        "Tin, ảnh: Quốc Tuấn", "(0) Bình luận", "Nổi bật", "Đừng bỏ lỡ",
        "Tỉnh ủy Hòa Bình sơ kết công tác xây dựng Đảng quý I",
        "(*) Không sao chép dưới mọi hình thức khi chưa có sự đồng ý bằng văn bản của Báo.",
        "Thống kê truy cập", "  • Đang online: 12", "  • Hôm nay: 1", "•",
        "Cơ quan quản lý: Văn phòng UBND tỉnh", "Trưởng Ban biên tập: Nguyễn Văn Biên", "0218.3852.111 - 0218.3852.222",
        "congthongtin@hoabinh.gov.vn", "© Bản quyền thuộc Cổng thông tin điện tử tỉnh",
    ])
    page = clean(dump)
    assert page.title == "Tỉnh ủy Hòa Bình sơ kết công tác xây dựng Đảng quý I"
    assert page.published == "2019-01-26T19:26:00+07:00"
    assert [b.kind for b in page.blocks] == ["title", "paragraph", "caption", "caption"]  # a credited line is a photo caption
    assert page.blocks[3].text.endswith("đạt 104% kế hoạch.")  # photo credit moved out of the text
    assert page.authors == ["Quốc Tuấn"]  # "Tin, ảnh:": the writer, who took the photos too
    assert page.credits == ["Minh Khang"]  # "Ảnh:" closing a caption: the photographer, not an author
    for chrome in ("Print", "Chia sẻ", "Bình luận", "Đang online", "Nguyễn Văn Biên", "0218", "Bản quyền", "sao chép"):
        assert chrome not in page.text


@pytest.mark.parametrize("line, iso", [
    ("Thứ Bảy, 26/01/2019 19:26", "2019-01-26T19:26:00+07:00"),
    ("29/07/2022 16:45", "2022-07-29T16:45:00+07:00"),
    ("Thứ 4, 22/11/2023 | 11:36:23 [GMT +7] A  A", "2023-11-22T11:36:23+07:00"),
    ("Chủ Nhật, 24/11/2024 21:25 (GMT +7)", "2024-11-24T21:25:00+07:00"),
    ("Thứ bảy, ngày 23/11/2024", "2024-11-23"),
])
def test_date_lines(line, iso):
    assert is_date_line(line) and parse_date(line) == iso


def test_prose_with_a_date_is_not_a_date_line():
    assert not is_date_line("Ngày 29/07/2022, UBND tỉnh họp.")


def test_entities_nfd_br_and_crlf_in_text():
    nfd = "Hội nghị tổng kết năm 2023 của Sở Tài chính tỉnh Nghệ An".encode().decode()
    import unicodedata
    raw = unicodedata.normalize("NFD", nfd) + "\r\nÔng Trần Văn A, Giám đốc Sở phát biểu&nbsp;khai mạc hội nghị &amp; báo cáo.<br>Dự có 50 đại biểu.\r\n"
    page = clean(raw)
    assert page.title == nfd
    assert "Ông Trần Văn A, Giám đốc Sở phát biểu khai mạc hội nghị & báo cáo." in [b.text for b in page.blocks]
    assert page.blocks[-1].text == "Dự có 50 đại biểu."


def test_lines_hard_wrapped_inside_a_sentence_are_joined():
    # as real pages dumped at a fixed width have them (real sets r25, r32): a line in lower case goes on the one before
    raw = ("Kỷ luật cán bộ theo quy định\n\nBan Chấp hành Trung ương Đảng quyết định thi hành kỷ luật đồng\n"
           "chí Vũ Huy Hoàng, nguyên Ủy viên Trung\nương Đảng bằng hình thức khai trừ ra khỏi Đảng.\n"
           "Hội nghị bế mạc chiều cùng ngày.\n")
    texts = [b.text for b in clean(raw).blocks]
    assert "Ban Chấp hành Trung ương Đảng quyết định thi hành kỷ luật đồng chí Vũ Huy Hoàng, nguyên Ủy viên Trung " \
           "ương Đảng bằng hình thức khai trừ ra khỏi Đảng." in texts
    assert "Hội nghị bế mạc chiều cùng ngày." in texts  # a capital starts a line of its own


def _tokens(s):
    return re.findall(r"\w+", s.lower())


def test_vnexpress_page_matches_gold_body():
    html_path = SHARED / "html" / "vnexpress.net_4954454.html"
    if not html_path.exists():
        pytest.skip("shared html corpus absent")
    gold = json.loads((SHARED / "html" / "vnexpress.net_4954454.gold.json").read_text(encoding="utf-8"))["V1"]
    from pipeline.ingest.load import decode
    page = clean(decode(html_path.read_bytes()), "html")
    paras = [p for s in gold["body"]["sections"] for p in s["paragraphs"]]
    body = [b.text for b in page.blocks if b.kind != "title"]
    assert body == gold["body"]["summary"] + paras
    assert page.blocks[1].kind == "lead"
    assert page.authors == gold["authors"]
    assert page.published.startswith("2025-10-22T19:25")


def test_liferay_video_article_returns_no_footer():
    p = SHARED / "html" / "moh.gov.vn_6848045-2.html"
    if not p.exists():
        pytest.skip("shared html corpus absent")
    from pipeline.ingest.load import decode
    page = clean(decode(p.read_bytes()), "html")
    assert page.title == "Phản ứng thông thường sau tiêm vắc xin phòng COVID-19"
    assert page.published == "2021-04-19T15:17:00+07:00"
    assert not re.search(r"Địa chỉ|Điện thoại|Email|Bản quyền", page.text)


def test_sample_pages_in_data_raw():
    pages = {p.name: p for p in RAW.glob("*.html")}
    assert len(pages) >= 2
    for p in pages.values():
        page = clean(p.read_text(encoding="utf-8"), "html")
        assert page.title and page.published and page.authors
        kinds = [b.kind for b in page.blocks]
        assert kinds[0] == "title" and "lead" in kinds and "caption" in kinds and "paragraph" in kinds
        for chrome in ("Tin liên quan", "Trang chủ", "Bản quyền", "Đang truy cập", "Chia sẻ", "Bình luận"):
            assert chrome not in page.text, (p.name, chrome)
