"""Spelling normalisation shared by every stage: NFC, tone placement, comparison keys."""
import unicodedata

import pytest

from pipeline.text.normalize import fold_tones, key, nfc


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


@pytest.mark.parametrize("text", [
    "Ủy ban nhân dân tỉnh Hòa Bình",
    "Phó Chủ tịch Hội đồng nhân dân",
    "Nguyễn Thị Quỳnh Hương",
    "Sở Khoa học và Công nghệ",
    "đồng chí Đặng Quốc Khánh",
])
def test_nfd_and_nfc_give_the_same_key(text):
    assert nfd(text) != text  # the fixture really is decomposed
    assert key(nfd(text)) == key(text)


def test_nfc_composes_and_cleans_spaces_but_keeps_newlines():
    assert nfc(nfd("Hà Tĩnh")) == "Hà Tĩnh"
    assert nfc("Sở\u00a0Tài chính\u200b\ufeff") == "Sở Tài chính"
    assert nfc("dòng một\ndòng hai") == "dòng một\ndòng hai"


@pytest.mark.parametrize("old,new", [
    ("hoà", "hòa"), ("Uỷ", "Ủy"), ("khoẻ", "khỏe"), ("tuỳ", "tùy"), ("xoè", "xòe"), ("oà", "òa"),
    ("Thanh Hoá", "Thanh Hóa"), ("Uỷ viên Ban Thường vụ Tỉnh uỷ", "Ủy viên Ban Thường vụ Tỉnh ủy"),
    ("HOÀ BÌNH", "HÒA BÌNH"),
])
def test_fold_tones_moves_tone_to_first_vowel_of_open_pair(old, new):
    assert fold_tones(old) == new
    assert fold_tones(nfd(old)) == new


@pytest.mark.parametrize("word", [
    # "qu" is an onset, not a vowel pair
    "quý", "Quỳnh", "quả", "quạ",
    # closed syllables and triphthongs keep the tone where it is
    "hoàn", "hoạch", "tuyển", "loại", "khoái", "Nguyễn",
    # already conventional, or no oa/oe/uy pair
    "hòa", "Ủy", "Huế", "thuở", "giữa", "của", "khuya",
    # capitals: the letter after the pair is a Vietnamese capital, so the syllable is closed
    "NGUYỄN", "CHUYỆN", "HUYỆN", "TUYẾN",
])
def test_fold_tones_leaves_other_spellings_alone(word):
    assert fold_tones(word) == word


def test_fold_tones_keeps_offsets():
    text = "Ảnh: NGUYỄN HOÀNG – Uỷ ban nhân dân tỉnh Hoà Bình"
    folded = fold_tones(text)
    assert len(folded) == len(text)
    assert folded == "Ảnh: NGUYỄN HOÀNG – Ủy ban nhân dân tỉnh Hòa Bình"


@pytest.mark.parametrize("a,b", [
    ("Uỷ ban nhân dân", "ủy ban nhân dân"),
    ("  Ủy  ban\tNHÂN dân  ", "Ủy ban nhân dân"),
    ("Chủ tịch UBND tỉnh,", "chủ tịch ubnd tỉnh"),
    ("Sở Y tế tỉnh Hoà Bình.", "sở y tế tỉnh hòa bình"),
    (nfd("Trưởng Ban Tổ chức Tỉnh uỷ"), "TRƯỞNG BAN TỔ CHỨC TỈNH ỦY"),
])
def test_key_ignores_case_spacing_tone_placement_and_edge_punctuation(a, b):
    assert key(a) == key(b)


@pytest.mark.parametrize("a,b", [
    ("Hòa", "Hoa"),  # tones still count
    ("Bí thư", "Phó Bí thư"),
    ("Nguyễn Văn Tùng", "Nguyễn Văn Túng"),
])
def test_key_keeps_real_differences(a, b):
    assert key(a) != key(b)


def test_key_of_empty_or_none():
    assert key("") == "" and key(None) == ""
