"""The spaCy integration: the Language serialises and loads back, Docs go through DocBin and worker processes, and
the spaCy path gives the batch path's record on every dev page and fixture."""
import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from pipeline import extract
from pipeline.nlp import COMPONENTS, TOKENIZER, build_nlp, get_nlp, make_doc, record_fields

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT.parent / "shared" / "corpus" / "dev").glob("*.json")) + sorted(
    p for p in (ROOT / "tests" / "fixtures").rglob("*.json") if "pending" not in p.parts)  # pending: not scored yet
TEXT = ("Chiều 29/7, UBND thành phố Hải Phòng và Bộ Khoa học và Công nghệ tổ chức ký kết chương trình phối hợp. "
        "Dự có đồng chí Huỳnh Thành Đạt, Ủy viên Trung ương Đảng, Bộ trưởng Bộ KH&CN; đồng chí Trần Lưu Quang, "
        "Bí thư Thành ủy. Năm 2020, tỷ trọng TFP đạt 40,43%.")


def test_the_config_names_our_tokenizer_and_components():
    nlp = get_nlp()
    assert nlp.config["nlp"]["tokenizer"] == {"@tokenizers": TOKENIZER}
    assert nlp.pipe_names == list(COMPONENTS) == ["vngov_entities", "vngov_people", "vngov_metrics", "vngov_meetings"]
    doc = nlp("Ông  Nguyễn Văn An\n\nphát biểu.")
    assert doc.text == "Ông  Nguyễn Văn An\n\nphát biểu."  # the text is kept exactly, whitespace runs included


def test_to_disk_and_spacy_load_round_trip(tmp_path):
    get_nlp().to_disk(tmp_path / "nlp")
    nlp = spacy.load(tmp_path / "nlp")
    assert nlp.pipe_names == list(COMPONENTS)
    doc = nlp(TEXT)
    assert {("UBND thành phố Hải Phòng", "ORG"), ("Huỳnh Thành Đạt", "PERSON"), ("Ủy viên Trung ương Đảng", "POSITION")} \
        <= {(e.text, e.label_) for e in doc.ents}
    assert record_fields(doc) == record_fields(get_nlp()(TEXT))


def test_docbin_and_to_bytes_keep_the_extensions():
    doc = make_doc(TEXT, published="2022-07-30")
    assert doc._.meeting["date"] == "2022-07-29"
    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    (back,) = DocBin().from_bytes(bin_.to_bytes()).get_docs(get_nlp().vocab)
    assert record_fields(back) == record_fields(doc)
    again = spacy.tokens.Doc(get_nlp().vocab).from_bytes(doc.to_bytes())
    assert again._.attendees == doc._.attendees and again._.metrics[0]["text"] == "40,43%"


def test_pipe_in_two_processes_gives_what_one_gives():
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in PAGES[:16]]
    nlp = build_nlp()
    one = [record_fields(d) for d in nlp.pipe(texts)]
    two = [record_fields(d) for d in nlp.pipe(texts, n_process=2, batch_size=4)]
    assert two == one and any(r["attendees"] for r in one)


def test_people_are_found_from_the_entities_a_user_left():
    nlp = get_nlp()
    doc = nlp.make_doc("Bộ trưởng Bộ Y tế Đào Hồng Lan phát biểu.")
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "vngov_entities":
            doc.ents = [e for e in doc.ents if e.label_ == "PERSON"]  # the user drops the title
    assert doc._.attendees[0]["name"] == "Đào Hồng Lan" and doc._.attendees[0]["positions"] == []


@pytest.mark.skipif(not PAGES, reason="no pages")
def test_the_spacy_path_gives_the_batch_record_on_every_page():
    differ = []
    for p in PAGES:
        page = json.loads(p.read_text(encoding="utf-8"))
        if not isinstance(page, dict) or "text" not in page:
            continue
        record = extract(page["text"], url=page.get("url")).to_dict()
        doc = make_doc(record["text"], title=record["title"], url=record["url"], published=record["published"])
        if record_fields(doc) != {k: record[k] for k in ("attendees", "metrics", "meeting", "meetings", "entities")}:
            differ.append(p.name)
    assert differ == []
