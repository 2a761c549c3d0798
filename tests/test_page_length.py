"""Pages that made a stage quadratic in their length or recurse per item (issue 16): they extract, and the linear
forms of the algorithms give what the plain forms give. Times are measured by bench/adversarial.py; the few time
limits here are tens of times what the pages take now (and a fraction of what they took before)."""
import random
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from adversarial import GENERATORS  # noqa: E402

from pipeline.chain import extract  # noqa: E402
from pipeline.metrics import context  # noqa: E402
from pipeline.text.document import Document  # noqa: E402
from pipeline.text.sentences import split_sentences  # noqa: E402


def timed(fn, *args):
    """(seconds, fn(*args)), failing after 20 s instead of hanging the suite on a quadratic path."""
    box = {}

    def run():
        start = time.perf_counter()
        box["out"] = fn(*args)
        box["t"] = time.perf_counter() - start
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(20)
    assert not thread.is_alive(), "still running after 20 s"
    return box["t"], box["out"]


def test_a_roster_of_thousands_of_names_gives_every_name():
    text = GENERATORS["roster"](40_000)  # ~2,700 names after "các đồng chí:", one list item each
    items = text.split(": ", 1)[1].rstrip(".").split(", ")
    assert len(items) > 2000
    record = extract(text, kind="text")  # the list chain of ner._blocked recursed once per item
    assert {a.name for a in record.attendees} == set(items)


@pytest.mark.parametrize("case, n, seconds_before", [
    ("nguyen_van", 20_000, 15),  # every token rescanned the whole capitalised run
    ("dots", 20_000, 6),  # the end-mark regex backtracked over the run of dots from every dot
    ("percent", 50_000, 9),  # per figure: the clause cuts and the line of the whole sentence; all pairs of facts
])
def test_hostile_pages_take_no_time(case, n, seconds_before):
    seconds, _ = timed(lambda text: extract(text, kind="text"), GENERATORS[case](n))
    assert seconds < seconds_before / 5, f"{case}: {seconds:.1f} s for {n} characters"


def test_a_line_of_thousands_of_quotations_splits_in_no_time():
    line = GENERATORS["quotes"](200_000)  # every end mark was checked against every quotation of the line (60 s)
    seconds, spans = timed(split_sentences, line)
    assert seconds < 5 and len(spans) > 13_000


def test_a_run_of_dots_ends_no_sentence_but_a_run_before_a_capital_does():
    text = "Ông Nguyễn Văn An phát biểu" + "." * 5000 + " Bà Lê Thị Bình chủ trì... Hội nghị kết thúc."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Ông Nguyễn Văn An phát biểu" + "." * 5000, "Bà Lê Thị Bình chủ trì...", "Hội nghị kết thúc."]
    glued = "Xem thêm" + "." * 3000 + "…" + " Tiếp theo."  # a "…" after a run of dots still ends the sentence
    assert len(split_sentences(glued)) == 2


def test_end_marks_inside_quotations_split_nothing_on_a_long_line():
    unit = "Ông An nói: “Tôi đồng ý. Chúng ta làm ngay.” Bà Bình phát biểu. "
    line = unit * 400
    spans = split_sentences(line)
    assert len(spans) == 800  # per unit: the quotation's sentence and "Bà Bình phát biểu."
    assert all(line[a:b] in ("Ông An nói: “Tôi đồng ý. Chúng ta làm ngay.”", "Bà Bình phát biểu.") for a, b in spans)


def test_each_figure_of_a_long_sentence_is_its_own_fact_with_its_own_subject():
    parts = [f"doanh thu quý {q} tăng {q},5% so với năm 2020" for q in range(1, 5)] * 300
    text = "Năm 2021, " + ", ".join(parts) + "."
    metrics = extract(text, kind="text").metrics
    assert len(metrics) == text.count("%")  # the same figure twice in one sentence is two facts
    assert {m.subject for m in metrics} == {f"doanh thu quý {q}" for q in range(1, 5)}


@pytest.mark.parametrize("seed", range(3))
def test_subject_from_the_sentence_cuts_is_the_subject_from_a_search(seed):
    """The clause cuts found once per sentence give each figure the subject a search stopping at it gives, also
    where a cut word touches the figure ("và5%")."""
    rng = random.Random(seed)
    pieces = ["tỷ lệ hộ nghèo", "giảm", "đạt", ",", "và", "trong đó", "với", "theo đó", ";", "(", ")", "thu ngân sách",
              "tăng", "năm 2020", "ước đạt", "doanh nghiệp", "là"]
    for _ in range(40):
        words = [rng.choice(pieces) for _ in range(rng.randint(5, 60))]
        sentence = " ".join(words) + " 5%"
        figures = [k for k in range(len(sentence)) if sentence[k].isdigit() or sentence[k] in "( "]
        figures += [sentence.find("và") + 2] if "và" in sentence else []
        low = sentence.lower()
        cuts = context.clause_cuts(low)
        for offset in figures:
            assert context.subject(sentence, low, offset, cuts) == context.subject(sentence, low, offset)


def test_line_around_is_the_line_of_a_span():
    text = "Dòng một\n\nDòng hai có số 25\nDòng ba" + "\n" + "x" * 50
    doc = Document(text)
    for start in range(len(text) + 1):
        for end in (start, min(len(text), start + 3)):
            a = text.rfind("\n", 0, start) + 1
            b = text.find("\n", end)
            assert doc.line_around(start, end) == (a, b if b >= 0 else len(text))


BODY = ("Sáng 12/3, UBND tỉnh Hòa Bình tổ chức hội nghị tổng kết công tác năm 2023. Đồng chí Bùi Văn Khánh, Phó Bí "
        "thư Tỉnh ủy, Chủ tịch UBND tỉnh chủ trì hội nghị.")


def nested(depth: int) -> str:
    return ("<html><head><title>Trang</title><script>var x = 1;</script></head><body><article>"
            + "<div>" * depth + f"<p>{BODY}</p><p>Hội nghị kết thúc lúc 11 giờ.</p>" + "</div>" * depth
            + "</article></body></html>")


@pytest.mark.parametrize("depth", [300, 1500])
def test_deeply_nested_html_gives_its_text(depth):
    record = extract(nested(depth), kind="html")
    assert record.text == BODY + "\n\nHội nghị kết thúc lúc 11 giờ."
    assert [a.name for a in record.attendees] == ["Bùi Văn Khánh"]
    assert record.notes == []


def test_html_deeper_than_the_parser_goes_is_read_as_text_with_a_note():
    record = extract(nested(5000), kind="html")
    assert BODY in record.text and "Hội nghị kết thúc lúc 11 giờ." in record.text
    assert "var x" not in record.text  # a script is no text
    assert [a.name for a in record.attendees] == ["Bùi Văn Khánh"]
    assert len(record.notes) == 1 and "nested deeper" in record.notes[0]


@pytest.mark.parametrize("seed", range(3))
def test_period_from_the_index_is_the_period_from_reading_every_phrase(seed):
    """Bracketed periods ("(năm 2010)") belong to the figure inside the brackets only; the index over a sentence's
    phrases and brackets picks what reading them all per figure picks."""
    rng = random.Random(seed)
    pieces = ["năm 2020", "(năm 2010)", "(", ")", "quý II", "tăng", "5,2%", "giảm", "6 tháng đầu năm", ",",
              "so với năm 2019", "doanh thu", "(giai đoạn 2016-2020", "tháng 3/2021", "đạt"]
    for _ in range(60):
        sentence = " ".join(rng.choice(pieces) for _ in range(rng.randint(3, 40)))
        low = sentence.lower()
        spans = context.periods(low)
        index = context.PeriodIndex(sentence, spans)
        for offset in range(len(sentence) + 1):
            assert index.period_of(offset) == context.period(sentence, spans, offset), (sentence, offset)


@pytest.mark.parametrize("seed", range(3))
def test_a_date_line_is_chrome_as_the_whole_line_pattern_says(seed):
    """The shortcut (a word no chrome pattern has makes the line prose) agrees with matching the whole line."""
    from pipeline.meeting import dates
    rng = random.Random(seed)
    pieces = ["Thứ Hai", "thứ 5", "Chủ nhật", "GMT+7", "|", "-", ",", "10:05", "Sáng 12/3", "ngày 12/3/2024", "(12/3)",
              "Chiều 29/7", "họp", "UBND tỉnh", "THỨ BA", "gmtgmt", "Thứhai", "năm", "\n"]
    for _ in range(200):
        doc = Document(" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))))
        text = doc.text
        for m in (dates._match_date(text, s.start()) for s in dates._DATE_START.finditer(doc.lower)):
            if m:
                a = text.rfind("\n", 0, m.start()) + 1
                b = text.find("\n", m.end())
                rest = text[a:m.start()] + " " + text[m.end():b if b >= 0 else len(text)]
                assert dates._is_chrome_line(doc, m) == bool(dates._CHROME_LEFTOVER.fullmatch(rest)), text
