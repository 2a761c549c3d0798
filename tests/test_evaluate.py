"""`vngov eval`: the numbers on a tiny gold set, and agreement with the reference scorer on the dev corpus."""
import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.eval.scores import evaluate, match_key, predict, report, value_ok

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = {
    "hn1": {"text": "Sáng 4/9, đồng chí Đinh Văn Hòa, Bí thư Huyện ủy chủ trì hội nghị. GRDP tăng 7,1%; thu ngân sách "
                    "đạt 1,5 tỷ đồng.",
            "attendees": [{"name": "Đinh Văn Hòa", "positions": ["Bí thư Huyện ủy", "Chủ tịch HĐND huyện (mới)"]},
                          {"name": "Mai Thị Thúy", "positions": ["Phó Chủ tịch UBND huyện"]}],
            "metrics": [{"text": "7,1%", "value": 7.1, "unit": "%"}, {"text": "1,5 tỷ đồng", "value": 1.5,
                                                                       "unit": "tỷ đồng"}]},
    "hn2": {"text": "Tin vắn không có người dự.", "attendees": [], "metrics": []},
}


@pytest.fixture
def gold_dir(tmp_path):
    d = tmp_path / "gold"
    d.mkdir()
    for stem, g in GOLD.items():
        (d / f"{stem}.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    return d


PREDS = {"hn1": {"doc_id": "hn1", "attendees": [
    {"name": "Đinh Văn Hoà", "positions": [{"text": "Bí thư Huyện uỷ", "normalized": "x"},
                                          {"text": "Chủ tịch HĐND huyện", "normalized": "x"}]},
    {"name": "Lê Văn Tám", "positions": [{"text": "Phó Chủ tịch UBND huyện", "normalized": "x"}]}],
    "metrics": [{"text": "1,5 tỷ đồng", "value": 1.5, "unit": "đồng"}, {"text": "7,1%", "value": 7.1, "unit": "tấn"},
                {"text": "4/9", "value": 4, "unit": None}]}}


def test_numbers_on_a_tiny_gold_set(gold_dir):
    scores = evaluate(gold_dir, PREDS)
    # names: Hoà = Hòa matches, Lê Văn Tám spurious, Mai Thị Thúy missed
    assert scores.f1("name") == (0.5, 0.5, 0.5)
    # pairs: both of Hòa's match ("uỷ" = "ủy", "(mới)" dropped), Tám's is spurious, Thúy's missed
    assert scores.f1("pair") == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    # metrics: "1,5 tỷ đồng" = 1.5 "đồng" (scale words ignored in units); 7,1% has the wrong unit; 4/9 spurious
    assert scores.f1("met") == pytest.approx((1 / 3, 1 / 2, 0.4))
    assert scores.f1("met_value_only") == pytest.approx((2 / 3, 1.0, 0.8))
    assert scores.missing == 1  # hn2 has no prediction: empty gold, so it counts nothing
    text = report(scores, errors=True)
    assert "## hn1" in text and "names missed: Mai Thị Thúy" in text and "names spurious: Lê Văn Tám" in text
    assert "pairs missed: Mai Thị Thúy — Phó Chủ tịch UBND huyện" in text
    assert "metrics missed: 7,1%" in text and "metrics spurious: 7,1%; 4/9" in text and "## hn2" not in text


def test_match_key_is_the_scorers():
    # the scorer's multipliers are compared against this decomposed key, so of them only "trăm" ever scales
    assert value_ok(2, 200, "trăm người") and not value_ok(1.5, 1.5e9, "tỷ đồng")
    assert match_key("Ủy ban") == match_key("uỷ ban") and match_key("hoà") == match_key("HÒA")
    assert match_key("Hòa") != match_key("Hoa") and match_key(" Bí thư, ") == match_key("bí thư")


def test_eval_command_runs_the_pipeline(gold_dir):
    result = CliRunner().invoke(app, ["eval", str(gold_dir), "--errors"])
    assert result.exit_code == 0, result.output
    for label in ("name ", "pair ", "met ", "met_value_only"):
        assert label in result.output
    assert "docs=2 missing=0" in result.output




def perturbed(gold: dict, rng: random.Random) -> dict:
    """A plausible imperfect prediction: drops, respellings, spurious items, scaled values, wrong units."""
    attendees = []
    for a in gold["attendees"]:
        if rng.random() < 0.2:
            continue
        name = a["name"].replace("ò", "ó") if rng.random() < 0.1 else a["name"]
        positions = [{"text": p.replace("Ủy", "Uỷ"), "normalized": p} for p in a["positions"] if rng.random() < 0.8]
        attendees.append({"name": name.upper() if rng.random() < 0.1 else name, "positions": positions})
    if rng.random() < 0.5:
        attendees.append({"name": "Người Không Có", "positions": [{"text": "Chủ tịch", "normalized": "Chủ tịch"}]})
    metrics = []
    for m in gold["metrics"]:
        r = rng.random()
        if r < 0.15:
            continue
        unit = m.get("unit") or ""
        if r < 0.3 and unit.split(" ")[:1] == ["tỷ"]:
            metrics.append({"text": m["text"], "value": m["value"] * 1e9, "unit": unit[3:].strip()})
        elif r < 0.4:
            metrics.append({"text": m["text"], "value": m["value"], "unit": "km"})
        else:
            metrics.append({"text": m["text"], "value": m["value"], "unit": unit})
    return {"attendees": attendees, "metrics": metrics}


def compare_with_reference(reference, gold_dir, preds, tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps({"doc_id": d, **r}, ensure_ascii=False) + "\n" for d, r in preds.items()),
                    encoding="utf-8")
    expected, _ = reference.score(str(gold_dir), str(path))
    ours = evaluate(gold_dir, preds)
    for what in ("name", "pair", "met", "met_value_only"):
        assert ours.f1(what) == pytest.approx(expected[what]), what
    assert (len(ours.docs), ours.missing) == (expected["docs"], expected["missing"])


def test_agrees_with_the_reference_scorer_on_the_dev_corpus(tmp_path, scorer):
    reference = scorer
    dev = SHARED / "corpus" / "dev"
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(dev.glob("*.json"))}
    compare_with_reference(reference, dev, predict(gold), tmp_path)  # what the pipeline outputs today
    rng = random.Random(7)
    noisy = {d: perturbed(g, rng) for d, g in gold.items() if rng.random() < 0.9}  # and some docs missing
    assert any(p["attendees"] for p in noisy.values()) and any(p["metrics"] for p in noisy.values())
    compare_with_reference(reference, dev, noisy, tmp_path)
