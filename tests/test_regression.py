"""The regression gate: every gold set scores at least its pinned figures (tests/regression.json), and the gold is
the gold the pins were measured on. Pins sit at the measured figures; after an improvement, or a deliberate change
to a gold file, re-pin with `uv run python tests/regression.py --pin` and commit the new figures with the change."""
import json

import pytest

from regression import FIELDS, PINS, SETS, digest, measure

PINNED = json.loads(PINS.read_text(encoding="utf-8"))["sets"]


def test_every_gold_set_is_pinned():
    assert sorted(SETS) == sorted(PINNED), "pin the new sets: uv run python tests/regression.py --pin"


@pytest.mark.parametrize("name", sorted(PINNED))
def test_scores_do_not_drop(name, scorer):
    folder, pin = SETS.get(name), PINNED[name]
    if folder is None or not folder.is_dir():
        pytest.skip(f"{name} absent")
    assert digest(folder) == pin["digest"], f"the gold of {name} changed since it was pinned: re-pin deliberately"
    m = measure(folder, scorer)
    detail = "\n".join(m["errors"])[:6000]
    for k in FIELDS:
        for label, got, floor in zip("PRF", m[k], pin["scores"][k]):
            assert got >= floor, f"{name} {k} {label} {got:.3f} < pinned {floor:.3f}\n{detail}"
    if pin.get("meeting_date") is not None:
        assert m["meeting_date"] >= pin["meeting_date"], f"{name} meeting date {m['meeting_date']}"


@pytest.mark.parametrize("name", sorted(n for n in SETS if n != "dev"))
def test_our_gold_is_well_formed(name):
    """Each fixture follows GUIDELINES.md's shape; names, positions and metric texts are written in its text."""
    def flat(s):  # the scorer compares with spacing collapsed (a name broken over two lines is one name) and reads
        return " ".join(s.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111").split())  # "Ð" as "Đ"

    for p in sorted(SETS[name].glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        assert d["id"] == p.stem and d["text"].strip(), p
        assert name == "heldout16" or d.get("url") or not name.startswith("real/"), p  # real pages say where they are from
        for a in d["attendees"]:
            assert flat(a["name"]) in flat(d["text"]), (p.name, a["name"])
            assert all(isinstance(x, str) for x in a["positions"]), (p.name, a)
        for m in d["metrics"]:
            assert {"text", "value", "unit", "qualifier"} <= set(m), (p.name, m)
            assert isinstance(m["value"], (int, float)) and not isinstance(m["value"], bool), (p.name, m)
        assert d["meeting_date"] is None or d["meeting_date"] in d["text"], p.name
