"""The regression gate's measurement, shared by tests/test_regression.py and `python tests/regression.py --pin`.

Every gold set (the shared dev corpus, our held-out sets in tests/fixtures/) is extracted text by text, as
`vngov extract` extracts a .txt page, and scored by the reference scorer (../shared/tools/score.py). The figures
are pinned in tests/regression.json with a digest of the gold they score: a drop fails the gate; raising a pin (or
accepting a changed gold file) is a deliberate edit, made by running this file with --pin.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PINS = Path(__file__).resolve().parent / "regression.json"
SETS = {"dev": SHARED / "corpus" / "dev",
        **{p.relative_to(ROOT / "tests" / "fixtures").as_posix(): p
           for p in sorted((ROOT / "tests" / "fixtures").glob("**/*"))
           if p.is_dir() and any(p.glob("*.json")) and "pending" not in p.parts}}  # pending: not scored yet
FIELDS = ("name", "pair", "met", "met_value_only")


def scorer():
    path = SHARED / "tools" / "score.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def digest(folder: Path) -> str:
    """sha256 of the gold a set is scored on: each file's text, attendees, metrics and meeting_date."""
    h = hashlib.sha256()
    for p in gold_files(folder):
        d = json.loads(p.read_text(encoding="utf-8"))
        part = {k: d.get(k) for k in ("text", "attendees", "metrics", "meeting_date")}
        h.update(p.name.encode() + b"\0" + json.dumps(part, ensure_ascii=False, sort_keys=True).encode() + b"\0")
    return h.hexdigest()


def measure(folder: Path, score=None) -> dict:
    """The reference scorer's P/R/F1 (3 decimals) and the share of exact meeting date phrases, for one set."""
    from pipeline import extract

    score = score or scorer()
    records, dated, hits = [], 0, 0
    for p in gold_files(folder):
        g = json.loads(p.read_text(encoding="utf-8"))
        r = extract(g["text"], doc_id=p.stem, kind="text", source=p.name).to_dict()
        records.append(r)
        if g.get("meeting_date"):
            dated += 1
            hits += (r["meeting"].get("date_text") or "").casefold() == g["meeting_date"].casefold()
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "records.jsonl"
        pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        res, errors = score.score(str(folder), str(pred), verbose=True)
    out = {k: [round(x, 3) for x in res[k]] for k in FIELDS}
    out["meeting_date"] = round(hits / dated, 3) if dated else None
    out["docs"] = res["docs"]
    out["errors"] = errors
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pin", action="store_true", help="write the measured figures and digests to regression.json")
    ap.add_argument("sets", nargs="*", help="set names (default: all)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    pins = json.loads(PINS.read_text(encoding="utf-8")) if PINS.exists() else {"sets": {}}
    score = scorer()
    if score is None:
        print("../shared/tools/score.py is absent", file=sys.stderr)
        return 2
    for name in args.sets or SETS:
        m = measure(SETS[name], score)
        entry = pins["sets"].setdefault(name, {})
        before = entry.get("scores", {})
        line = "  ".join(f"{k} {m[k][2]:.3f}" + (f" (pin {before[k][2]:.3f})" if k in before else "") for k in FIELDS)
        print(f"{name:22s} {line}  date {m['meeting_date']}")
        if args.pin:
            entry.update(docs=m["docs"], digest=digest(SETS[name]), meeting_date=m["meeting_date"],
                         scores={k: m[k] for k in FIELDS})
    if args.pin:
        PINS.write_text(json.dumps(pins, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
