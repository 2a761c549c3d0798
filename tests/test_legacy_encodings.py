"""Legacy font encodings: sentences we write, encoded with the inverse table, must decode back exactly."""
import json
import unicodedata
from pathlib import Path

import pytest

from pipeline.ingest.legacy import TCVN3, VNI, _table, detect, from_unicode, to_unicode
from pipeline.ingest.load import decode, decode_with_notes
from pipeline.text.normalize import nfc

SENTENCES = [
    "Ủy ban nhân dân tỉnh Quảng Ngãi tổ chức hội nghị tổng kết năm 2023.",
    "Sáng 14/3, đồng chí Trần Thị Hường, Phó Bí thư Thường trực Tỉnh ủy chủ trì buổi làm việc với Sở Giáo dục "
    "và Đào tạo; dự có 45 đại biểu.",
    "Ông Nguyễn Hữu Lộc, Giám đốc Sở Tài nguyên và Môi trường, cho biết năm qua toàn tỉnh đã cấp 12.500 giấy "
    "chứng nhận quyền sử dụng đất, tăng 8,5% so với cùng kỳ.",
    "Ở huyện Sơn Tịnh, tỷ lệ hộ nghèo giảm còn 3,2%; thu ngân sách ước đạt 415 tỷ đồng, vượt 12% dự toán.",
    "Hội đồng nhân dân xã Ân Phong (Hoài Ân) đề nghị nâng cấp đường liên thôn, xây dựng trường mẫu giáo.",
]
CAPS_HEADLINES = [
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
    "HỘI NGHỊ TỔNG KẾT CÔNG TÁC NĂM 2023 VÀ TRIỂN KHAI NHIỆM VỤ NĂM 2024",
    "ĐẨY MẠNH CẢI CÁCH HÀNH CHÍNH, NÂNG CAO CHỈ SỐ HÀI LÒNG CỦA NGƯỜI DÂN",
]
TONES = "\u0300\u0301\u0303\u0309\u0323"
# Every Vietnamese letter with a diacritic: ă â đ ê ô ơ ư and the five tones on a ă â e ê i o ô ơ u ư y.
LOWER = ["ă", "â", "đ", "ê", "ô", "ơ", "ư"] + [unicodedata.normalize("NFC", v + t)
                                              for v in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
                                              for t in TONES]
UPPER = [c.upper() for c in LOWER]


def test_the_letter_lists_cover_all_134_letters():
    assert len(set(LOWER + UPPER)) == 134
    assert {v for v in _table(VNI).values()} == set(LOWER + UPPER)
    assert set(LOWER) <= set(_table(TCVN3).values())


def _roundtrip(text: str, encoding: str) -> str:
    data = from_unicode(text, encoding).encode("cp1252")
    assert data.decode("cp1252") != text  # really encoded
    return decode(data)


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
@pytest.mark.parametrize("text", SENTENCES + CAPS_HEADLINES)
def test_sentences_round_trip(text, encoding):
    assert _roundtrip(text, encoding) == text


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_all_lowercase_letters_round_trip(encoding):
    # Each letter inside ordinary lowercase words, so that the page reads as Vietnamese.
    text = "Các chữ cái: " + " ".join(f"t{c}n" for c in LOWER) + " trong văn bản hành chính."
    assert _roundtrip(text, encoding) == text


def test_all_capital_letters_round_trip_in_vni():
    # VNI has a code for every capital: each alone, as a word initial, and inside a capitals word.
    text = "Các chữ hoa: " + " ".join(f"{c} {c}nh T{c}NH" for c in UPPER) + " trong văn bản hành chính."
    assert _roundtrip(text, VNI) == text


def test_toned_capitals_in_tcvn3_come_back_from_capitals_words():
    # TCVN3 writes a toned capital with the lowercase code (.VnTimeH): the other capitals of the word tell.
    text = "HỘI NGHỊ " + " ".join(f"T{c}NH" for c in UPPER) + " NĂM 2024"
    assert _roundtrip(text, TCVN3) == text


def test_toned_capitals_in_tcvn3_at_sentence_and_paragraph_starts():
    text = ("Ủy ban tỉnh họp phiên thường kỳ. Ở các huyện miền núi, tỷ lệ hộ nghèo còn cao.\n"
            "Ấp Tân Hòa đạt chuẩn nông thôn mới: Ưu tiên vốn cho giao thông.")
    assert _roundtrip(text, TCVN3) == text
    html = "<p>Ủy ban tỉnh họp phiên thường kỳ.</p><div>Ổn định dân cư vùng sạt lở.</div>"
    assert _roundtrip(html, TCVN3) == html


def test_tcvn3_text_in_a_capitals_font_is_upper_case():
    # A page that sets a heading in .VnTimeH may type it in lowercase: the font draws capitals.
    heading = from_unicode("ủy ban nhân dân tỉnh quảng ngãi", TCVN3)
    body = from_unicode("Đồng chí Lê Văn Ánh chủ trì hội nghị tổng kết năm.", TCVN3)
    page = (f'<html><body><p><font face=".VnTimeH">{heading}</font></p>'
            f'<p style="font-family: .VnTime">{body}</p></body></html>')
    out = to_unicode(page, TCVN3)
    assert "<font face=\".VnTimeH\">ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI</font>" in out.text
    assert "Đồng chí Lê Văn ánh chủ trì hội nghị tổng kết năm." in out.text
    assert not any("restored from context" in n for n in out.notes)  # the font is no guess


def test_tcvn3_capitals_nothing_shows_are_kept_lowercase_and_noted():
    # "Ánh" in a name: bytes say "¸nh" either way, and sentence case gives no clue.
    data = from_unicode("Đồng chí Lê Văn Ánh, Giám đốc Sở Nội vụ phát biểu tại hội nghị.", TCVN3).encode("cp1252")
    text, notes = decode_with_notes(data)
    assert text == "Đồng chí Lê Văn ánh, Giám đốc Sở Nội vụ phát biểu tại hội nghị."
    assert notes[0] == "converted from TCVN3 (ABC)" and "1 word(s) may have lost a toned capital" in notes[-1]


def test_tcvn3_capitals_in_the_gaps_of_the_standard():
    # TCVN 5712 gives 16 toned capitals their own codes between the lowercase ones (AF, BA, BF-C5, CD, D9-DB...).
    gap = {"\xaf": "Ằ", "\xc4": "Ấ", "\xc5": "Ề", "\xda": "Ế", "\xdb": "Ồ", "\xff": "Ố"}
    for code, letter in gap.items():
        out = to_unicode(f"§ång chÝ Chñ tÞch {code}", TCVN3).text
        assert out == f"Đồng chí Chủ tịch {letter}"


def test_tcvn3_tone_mark_codes_combine_with_the_letter_before():
    # B0-B4 are the five tones as separate marks: "E" + sắc composes to "É" under NFC.
    assert to_unicode("§iÒu E\xb3P", TCVN3).text == "Điều ÉP"


def test_vni_mixed_case_takes_the_case_of_the_base_letter():
    assert to_unicode("AÙnh aÙnh", VNI).text == "Ánh ánh"
    assert to_unicode("Ñoàng chí Chuû tòch", VNI).text == "Đồng chí Chủ tịch"


def test_vni_stray_diacritic_bytes_are_noted_not_guessed():
    out = to_unicode("Ñoàng chí Chuû tòch nù", VNI)
    assert out.text == "Đồng chí Chủ tịch nù" and "1 diacritic byte" in out.notes[1]


def test_capitals_restored_by_context_are_noted():
    out = to_unicode(from_unicode("Ủy ban tỉnh họp. HỘI NGHỊ TỔNG KẾT", TCVN3), TCVN3)
    assert out.text == "Ủy ban tỉnh họp. HỘI NGHỊ TỔNG KẾT"
    assert "restored from context in 5 word(s) (1 at sentence starts)" in out.notes[1]
    assert "in 2 word(s)" in to_unicode("§¤NG TØNH Hµ", TCVN3).notes[1]  # ĐÔNG needs no guess


def _cp1258(text: str) -> bytes:
    """cp1258 as Windows writes it: precomposed base letters, tones as combining marks."""
    buf = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        tones = [c for c in d if c in TONES]
        buf.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in tones)) + "".join(tones))
    return "".join(buf).encode("cp1258")


@pytest.mark.parametrize("text", SENTENCES + CAPS_HEADLINES + [" ".join(LOWER + UPPER)])
def test_unicode_and_cp1258_are_not_taken_for_legacy(text):
    assert detect(text) is None
    assert decode_with_notes(text.encode("utf-8")) == (text, [])
    assert decode_with_notes(_cp1258(text)) == (text, [])
    assert detect(_cp1258(text).decode("cp1252")) is None


@pytest.mark.parametrize("text", [
    "Le café à Paris coûte 2,50 € — très cher, dit Françoise. Ça va être où?",
    "Die Größe der Straße in München überrascht Jürgen; schön!",
    "Temperatura: 30°C ± 2°, ½ del año — señal «fuerte».",
])
def test_latin1_text_of_other_languages_is_not_legacy(text):
    assert detect(text) is None


def test_detection_names_each_encoding():
    for text in SENTENCES:
        assert detect(from_unicode(text, TCVN3)) == TCVN3
        assert detect(from_unicode(text, VNI)) == VNI


DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def test_dev_corpus_round_trips_and_is_never_taken_for_legacy():
    """Real article texts (read from ../shared at run time): cp1258 is not legacy, VNI round-trips exactly,
    TCVN3 round-trips up to the toned capitals its bytes cannot carry (and those are counted in the notes)."""
    paths = sorted(DEV.glob("*.json")) if DEV.is_dir() else []
    if not paths:
        pytest.skip("no dev corpus at ../shared/corpus/dev")
    words = case_lost = 0
    tcvn3_symbols = {c for c in _table(TCVN3) if not c.isalpha()}
    for path in paths:
        text = nfc(json.loads(path.read_text(encoding="utf-8"))["text"])  # as the pipeline loads it ("Ð" → "Đ")
        assert detect(text) is None and detect(_cp1258(text).decode("cp1252")) is None, path.stem
        assert to_unicode(from_unicode(text, VNI), VNI).text == text, path.stem
        if tcvn3_symbols & set(text):
            continue  # a symbol that is itself a TCVN3 code ("m³") cannot survive a trip through TCVN3
        tcvn3 = to_unicode(from_unicode(text, TCVN3), TCVN3)
        assert tcvn3.text.lower() == text.lower(), path.stem
        lost = sum(a != b for a, b in zip(tcvn3.text.split(), text.split()))
        assert lost == 0 or len(tcvn3.notes) > 1, path.stem  # a changed capital never goes unmentioned
        words += len(text.split())
        case_lost += lost
    assert case_lost / words < 0.005  # measured: 45 of 10,481 words (mostly "Ủy ban" inside a sentence)
