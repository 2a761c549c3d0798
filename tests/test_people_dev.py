"""People stage regression on the shared dev corpus, scored by the reference scorer (read at run time; skipped when
../shared is absent)."""
import json
from pathlib import Path

import pytest

from pipeline import extract

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "corpus" / "dev"
SCORER = SHARED / "tools" / "score.py"




@pytest.fixture(scope="module")
def records():
    if not DEV.is_dir():
        pytest.skip("shared dev corpus absent")
    out = {}
    for path in sorted(DEV.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out[path.stem] = extract(gold["text"], doc_id=path.stem).to_dict()
    return out


def test_dev_attendee_scores(scorer, records, tmp_path):
    pred = tmp_path / "records.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records.values()), encoding="utf-8")
    res, errors = scorer.score(str(DEV), str(pred), verbose=True)
    assert res["missing"] == 0
    name_f1, pair_f1 = res["name"][2], res["pair"][2]
    detail = "\n".join(errors)[:4000]
    assert name_f1 >= 0.97, f"name F1 {name_f1:.3f}\n{detail}"
    assert pair_f1 >= 0.92, f"pair F1 {pair_f1:.3f}\n{detail}"


def test_seed_attendees_exact(scorer, records):
    if "seed" not in records:
        pytest.skip("seed document absent")
    gold = json.loads((DEV / "seed.json").read_text(encoding="utf-8"))
    k = scorer.key

    def people(attendees):
        return {k(a["name"]): sorted(k(scorer.pos_text(p)) for p in a["positions"]) for a in attendees}

    expected = people(gold["attendees"])
    assert len(expected) == 6
    assert people(records["seed"]["attendees"]) == expected
