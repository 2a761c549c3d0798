"""Regression over the gold dev corpus (read at run time from ../shared, never copied): metric F1 with the
reference scorer's matching rules (greedy one-to-one on value + unit), loaded from its own file."""
import json
from pathlib import Path

import pytest

from pipeline.metrics.context import find_metrics

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "corpus/dev"
SCORER = SHARED / "tools/score.py"

if not DEV.is_dir() or not SCORER.is_file():
    pytest.skip("shared dev corpus not available", allow_module_level=True)




def _match(score, gold, pred):
    """(true positives, unmatched gold texts, unmatched predicted texts), as score.py counts them."""
    used, missed = set(), []
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and score.value_ok(g["value"], p.get("value"), g.get("unit")) \
                    and score.unit_ok(g.get("unit"), p.get("unit")):
                used.add(i)
                break
        else:
            missed.append(g["text"])
    return len(used), missed, [p["text"] for i, p in enumerate(pred) if i not in used]


@pytest.fixture(scope="module")
def results(scorer):
    score = scorer
    out = {}
    for path in sorted(DEV.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        pred = find_metrics(doc["text"])
        out[path.stem] = (len(doc["metrics"]), len(pred), *_match(score, doc["metrics"], pred))
    return out


def test_dev_metric_f1(results):
    tp = sum(r[2] for r in results.values())
    n_gold = sum(r[0] for r in results.values())
    n_pred = sum(r[1] for r in results.values())
    precision, recall = tp / n_pred, tp / n_gold
    f1 = 2 * precision * recall / (precision + recall)
    errors = {k: (r[3], r[4]) for k, r in results.items() if r[3] or r[4]}
    assert f1 >= 0.95, f"F1={f1:.3f} P={precision:.3f} R={recall:.3f}; missed/spurious: {errors}"


def test_seed_is_exact(results):
    n_gold, n_pred, tp, missed, spurious = results["seed"]
    assert (missed, spurious) == ([], [])
    assert tp == n_gold == n_pred == 14
