"""People directory: spelling variants merge, homonyms with different positions stay apart, ids are stable."""
import json

from pipeline.export.directory import build_directory, person_id, person_ids
from pipeline.text.normalize import key


def rec(doc_id, *attendees, published="2024-03-01"):
    return {"doc_id": doc_id, "published": published, "meeting": {"date": None},
            "attendees": [{"name": n, "positions": [{"text": p, "normalized": p} for p in ps], "roles": []}
                          for n, ps in attendees]}


def by_name(people, name):
    return [p for p in people if p.name_key == key(name)]


def test_spelling_variants_are_one_person_with_every_position_and_article():
    people = build_directory([
        rec("d1", ("Lê Thị Hoà", ["Phó Chủ tịch Uỷ ban nhân dân tỉnh"])),
        rec("d2", ("Lê Thị Hòa", ["Phó Chủ tịch Ủy ban nhân dân tỉnh", "Ủy viên Ban Thường vụ Tỉnh ủy"])),
        rec("d3", ("LÊ THỊ HÒA", ["Ủy viên Ban Thường vụ Tỉnh ủy"]), published="2024-05-02"),
    ])
    assert len(people) == 1
    row = people[0].row()
    assert row["article_count"] == 3 and row["position_count"] == 2
    assert row["name"] in ("Lê Thị Hoà", "Lê Thị Hòa")
    positions = json.loads(row["positions"])
    vice_chair = next(p for p in positions if key(p["position"]) == key("Phó Chủ tịch Ủy ban nhân dân tỉnh"))
    assert vice_chair["doc_ids"] == ["d1", "d2"] and vice_chair["dates"] == ["2024-03-01"]
    standing = next(p for p in positions if key(p["position"]) == key("Ủy viên Ban Thường vụ Tỉnh ủy"))
    assert standing["doc_ids"] == ["d2", "d3"] and standing["dates"] == ["2024-03-01", "2024-05-02"]


def test_homonyms_without_a_shared_position_stay_apart():
    people = build_directory([
        rec("a", ("Nguyễn Văn Hùng", ["Giám đốc Sở Y tế tỉnh Hà Tĩnh"])),
        rec("b", ("Nguyễn Văn Hùng", ["Chủ tịch UBND huyện Cẩm Xuyên"])),
        rec("c", ("Nguyễn Văn Hùng", ["Giám đốc Sở Y tế tỉnh Hà Tĩnh", "Bác sĩ chuyên khoa II"])),
    ])
    hung = by_name(people, "Nguyễn Văn Hùng")
    assert len(hung) == 2
    articles = sorted(p.doc_ids for p in hung)
    assert articles == [["a", "c"], ["b"]]
    assert len({p.person_id for p in hung}) == 2


def test_a_shared_position_chains_sightings_into_one_person():
    people = build_directory([
        rec("a", ("Trần Quốc Bảo", ["Bí thư Huyện ủy"])),
        rec("b", ("Trần Quốc Bảo", ["Bí thư Huyện ủy", "Chủ tịch HĐND huyện"])),
        rec("c", ("Trần Quốc Bảo", ["Chủ tịch HĐND huyện"])),
    ])
    assert len(people) == 1 and people[0].doc_ids == ["a", "b", "c"]


def test_sighting_without_position_joins_an_unambiguous_name_only():
    one = build_directory([rec("a", ("Phạm Minh Tâm", ["Phó Giám đốc Sở Tài chính"])), rec("b", ("Phạm Minh Tâm", []))])
    assert len(one) == 1 and one[0].doc_ids == ["a", "b"]
    two = build_directory([rec("a", ("Phạm Minh Tâm", ["Phó Giám đốc Sở Tài chính"])),
                           rec("b", ("Phạm Minh Tâm", ["Hiệu trưởng Trường THPT Lê Lợi"])),
                           rec("c", ("Phạm Minh Tâm", []))])
    assert sorted(p.doc_ids for p in two) == [["a"], ["b"], ["c"]]


def test_person_id_is_stable_and_links_attendees():
    records = [rec("x", ("Đỗ Văn Nam", ["Chủ tịch UBND tỉnh"]), ("Hà Thu Trang", [])),
               rec("y", ("Đỗ Văn Nam", ["Chủ tịch UBND tỉnh"]))]
    people = build_directory(records)
    nam = by_name(people, "Đỗ Văn Nam")[0]
    assert nam.person_id == person_id(key("Đỗ Văn Nam"))  # a lone name keeps the id of the bare name
    assert [p.person_id for p in build_directory(list(reversed(records)))] == [p.person_id for p in people]
    ids = person_ids(people)
    assert ids[("x", 0)] == ids[("y", 0)] == nam.person_id
    assert ids[("x", 1)] != nam.person_id
