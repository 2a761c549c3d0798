"""People directory on a real extraction of the dev corpus: one person per person across pages (short and long forms
of one post merge), homonyms with different posts stay apart, ids are stable, careers list each post once."""
import datetime as dt
import json
from collections import defaultdict

import pytest

from pipeline.export.directory import build_directory, person_id, person_ids, split_post
from pipeline.export.tables import iter_records
from pipeline.text.normalize import key


@pytest.fixture(scope="module")
def records(dev_out):
    return list(iter_records(dev_out / "records.jsonl"))


@pytest.fixture(scope="module")
def people(records):
    return build_directory(records)


def named(people, name):
    return [p for p in people if p.name_key == key(name)]


def test_short_and_long_forms_of_one_post_are_one_person(people):
    # dev: "Thủ tướng Nguyễn Xuân Phúc" (b27), "Thủ tướng Chính phủ Nguyễn Xuân Phúc" (a19, e25); as President
    # ("Chủ tịch nước", f12) no page links him to those, so that sighting stays a person of its own
    phuc = sorted(named(people, "Nguyễn Xuân Phúc"), key=lambda p: len(p.doc_ids))
    assert [p.doc_ids for p in phuc] == [["f12"], ["a19", "b27", "e25"]]
    pm = {c.post: c for c in phuc[1].careers()}["Thủ tướng Chính phủ"]
    assert pm.doc_ids == ["a19", "b27", "e25"] and sorted(pm.spellings) == ["Thủ tướng", "Thủ tướng Chính phủ"]
    assert (pm.dates[0], pm.dates[-1]) == (dt.date(2016, 7, 2), dt.date(2019, 2, 23))


def test_a_title_without_its_province_is_the_post_with_it(people):
    # "Bí thư Thành ủy" (a31, a Hải Phòng page) and "Bí thư Thành ủy Hải Phòng" (seed): one post, listed once
    quang, = named(people, "Trần Lưu Quang")
    posts = [c.post for c in quang.careers()]
    assert posts.count("Bí thư Thành ủy Hải Phòng") == 1 and "Bí thư Thành ủy" not in posts
    secretary = next(c for c in quang.careers() if c.post == "Bí thư Thành ủy Hải Phòng")
    assert secretary.doc_ids == ["a31", "seed"] and secretary.province == "thanhphohaiphong"


def test_a_local_title_takes_the_province_its_paragraph_names(people):
    # e03, a page on elections in several provinces ("Ông Lê Hữu Phúc giữ chức Chủ tịch HĐND tỉnh Quảng Trị"):
    # "HĐND tỉnh Tiền Giang bầu … Ông Nguyễn Văn Khang, Phó Bí thư Tỉnh ủy, được bầu làm Chủ tịch UBND tỉnh" is
    # Tiền Giang's chairman, the man e13 calls "Chủ tịch UBND tỉnh Tiền Giang - ông Nguyễn Văn Khang"
    khang, = named(people, "Nguyễn Văn Khang")
    assert khang.doc_ids == ["e03", "e13"]
    chair = next(c for c in khang.careers() if c.post.startswith("Chủ tịch"))
    assert chair.province == "tinhtiengiang" and chair.doc_ids == ["e03", "e13"]


def test_homonyms_with_different_posts_stay_apart(people):
    # "Nguyễn Hòa Bình", Phó Thủ tướng Thường trực (b03, b05), and "Nguyễn Hoà Bình", Viện trưởng (f24): one name
    # key, no post in common, so two people (a user links them, not the directory)
    binh = named(people, "Nguyễn Hòa Bình")
    assert sorted(p.doc_ids for p in binh) == [["b03", "b05"], ["f24"]]
    assert len({p.person_id for p in binh}) == 2


def test_no_person_of_one_name_and_post_is_split(people):
    """The done-when of issue 14: on dev, a (name, post, province) belongs to one person_id."""
    owners = defaultdict(set)
    for p in people:
        for c in p.careers():
            owners[(p.name_key, key(c.post), c.province)].add(p.person_id)
    split = {k: v for k, v in owners.items() if len(v) > 1}
    assert not split


def test_each_post_is_listed_once_in_a_timeline(people):
    for p in people:
        posts = [(key(c.post), c.province) for c in p.careers()]
        assert len(posts) == len(set(posts)), p.name
        assert all(c.dates == sorted(c.dates) for c in p.careers())


def test_spelling_variants_share_the_folded_name_key(people):
    # "Nguyễn Hòa Bình" (b03, b05) and "Nguyễn Hoà Bình" (f24): one key, so a look-up by either spelling finds both
    assert {p.name for p in named(people, "NGUYỄN HOÀ BÌNH")} == {"Nguyễn Hòa Bình", "Nguyễn Hoà Bình"}


def test_person_id_is_stable_and_links_attendees(records, people):
    again = build_directory(list(reversed(records)))
    assert [p.person_id for p in again] == [p.person_id for p in people]
    quang, = named(people, "Trần Lưu Quang")
    assert quang.person_id == person_id(key("Trần Lưu Quang"))  # a lone name keeps the id of the bare name
    ids = person_ids(people)
    seed = next(r for r in records if r["doc_id"] == "seed")
    i = next(i for i, a in enumerate(seed["attendees"]) if a["name"] == "Trần Lưu Quang")
    assert ids[("seed", i)] == quang.person_id
    assert len(ids) == sum(len(r["attendees"]) for r in records)


def test_split_post_on_the_titles_dev_gives(records):
    titles = {p["normalized"] for r in records for a in r["attendees"] for p in a["positions"]}
    assert "Phó Chủ tịch Thường trực Ủy ban nhân dân thành phố Đà Nẵng" in titles
    assert split_post("Phó Chủ tịch Thường trực Ủy ban nhân dân thành phố Đà Nẵng") == \
        ("Phó Chủ tịch Thường trực", "Ủy ban nhân dân thành phố Đà Nẵng")
    assert split_post("Thủ tướng Chính phủ") == ("Thủ tướng", "Chính phủ")
    roles = [split_post(t)[0] for t in titles]
    assert all(t.startswith(r) for t, r in zip(titles, roles))


def test_careers_rows_are_json_ready(people):
    row = next(p for p in people if p.name == "Trần Lưu Quang").row()
    assert row["article_count"] == 2 and "Hải Phòng" in row["provinces"]
    json.dumps(row, default=str)
