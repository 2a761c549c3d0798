"""`vngov eval`: precision/recall/F1 of the pipeline against gold JSON files.

The matching rules are those of the reference scorer (shared/tools/score.py), re-implemented here so the
project does not depend on a file outside it (tests/test_evaluate.py checks that the two agree): names and
(name, position) pairs are compared as sets of case-, spacing- and tone-placement-insensitive keys ("Ð" read as
"Đ"; a title's trailing term "khóa XV" / "nhiệm kỳ 2021 - 2026" and "(mới)"/"(cũ)" ignored); metrics are matched
greedily one-to-one on value (a gold "1,2 tỷ" may be predicted as 1.2e9) and unit (scale words ignored, first
unit word must agree); "two" naming the two sides of a relationship ("hai nước") is not scored on either side.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_MULT = {"tỷ": 1e9, "tỉ": 1e9, "triệu": 1e6, "nghìn": 1e3, "ngàn": 1e3, "trăm": 1e2}


def match_key(s: str | None) -> str:
    """The scorer's key: each word's tone marks moved to its end, so "hoà" == "hòa" but tones still count.

    (Stricter than pipeline.normalize.key in what it equates, looser in the punctuation it keeps; the two
    must not be swapped, or eval would disagree with the reference scorer.)"""
    s = unicodedata.normalize("NFC", s or "").replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    s = re.sub(r"[\s\u00a0]+", " ", s.casefold()).strip(" ,.;:")
    words = []
    for w in s.split(" "):
        d = unicodedata.normalize("NFD", w)
        words.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
                     + "".join(c for c in d if c in _TONES))
    return " ".join(words)


_SCALE = tuple(match_key(w) for w in ("tỷ", "tỉ", "triệu", "nghìn", "ngàn", "trăm", "vạn"))


# markers after a title that annotators keep or drop: "(mới)"/"(cũ)", the body's term ("khóa XV", "nhiệm kỳ …")
_TAIL = re.compile(r"\s*[,(]?\s*(?:\((?:mới|cũ)\)|(?:khóa|khoá)\s+[IVXLCDM\d]+|nhiệm kỳ\s+\d{4}\s*[-–]\s*\d{4})\s*\)?\s*$",
                   re.I)


def position_text(p) -> str:
    t = (p.get("text") or p.get("raw") or "") if isinstance(p, dict) else str(p)
    while (cut := _TAIL.sub("", t)) != t:
        t = cut
    return t


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _strip_scale(unit: str) -> str:
    words = unit.split(" ")
    while words and words[0] in _SCALE:
        words = words[1:]
    return " ".join(words)


def unit_ok(gold_unit, pred_unit) -> bool:
    gu, pu = _strip_scale(match_key(gold_unit or "")), _strip_scale(match_key(pred_unit or ""))
    if gu in ("%", "phần trăm"):
        return pu.startswith("%") or pu in ("phần trăm", "percent")
    if not gu:
        return True
    g0 = gu.split(" ")[0]
    return bool(pu) and (pu.startswith(g0) or g0 in pu.split(" ") or gu.startswith(pu.split(" ")[0]))


# "hai nước", "hai bên", "2 tỉnh An Giang và Kandal": the two sides of a relationship, named, not counted
_SIDES = {match_key(w) for w in ("nước", "quốc gia", "bên", "phía", "Đảng", "Nhà nước", "dân tộc", "tỉnh", "thành phố",
                                 "ngành", "địa phương")}


def side_reference(m: dict) -> bool:
    try:
        return float(m.get("value")) == 2 and _strip_scale(match_key(m.get("unit") or "")) in _SIDES
    except (TypeError, ValueError):
        return False


def value_ok(gold_value, pred_value, gold_unit) -> bool:
    try:
        pv = float(pred_value)
    except (TypeError, ValueError):
        return False
    candidates = [gold_value] + [gold_value * m for w, m in _MULT.items() if match_key(gold_unit or "").startswith(w)]
    return any(abs(pv - c) <= 1e-6 * max(1.0, abs(c)) for c in candidates)


@dataclass
class DocResult:
    doc_id: str
    names_missed: list = field(default_factory=list)
    names_spurious: list = field(default_factory=list)
    pairs_missed: list = field(default_factory=list)
    pairs_spurious: list = field(default_factory=list)
    metrics_missed: list = field(default_factory=list)
    metrics_spurious: list = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not any((self.names_missed, self.names_spurious, self.pairs_missed, self.pairs_spurious,
                        self.metrics_missed, self.metrics_spurious))


@dataclass
class Scores:
    counts: dict = field(default_factory=lambda: dict.fromkeys(
        ("name_tp", "name_p", "name_g", "pair_tp", "pair_p", "pair_g", "met_tp", "met_p", "met_g", "metv_tp"), 0))
    docs: list[DocResult] = field(default_factory=list)
    missing: int = 0

    def f1(self, what: str) -> tuple[float, float, float]:
        """what: name | pair | met | met_value_only."""
        c = self.counts
        if what == "met_value_only":
            return prf(c["metv_tp"], c["met_p"], c["met_g"])
        return prf(c[what + "_tp"], c[what + "_p"], c[what + "_g"])


def score_doc(gold: dict, pred: dict, scores: Scores, doc_id: str) -> None:
    c = scores.counts
    # keys are compared; the spellings as written are kept for the --errors listing
    gnames = {match_key(a["name"]): a["name"] for a in gold["attendees"]}
    gpairs = {(match_key(a["name"]), match_key(position_text(p))): (a["name"], position_text(p))
              for a in gold["attendees"] for p in a["positions"]}
    pnames, ppairs = {}, {}
    for a in pred.get("attendees") or []:
        n = match_key(a.get("name", ""))
        pnames.setdefault(n, a.get("name", ""))
        for p in a.get("positions") or []:
            ppairs.setdefault((n, match_key(position_text(p))), (a.get("name", ""), position_text(p)))
    c["name_tp"] += len(gnames.keys() & pnames.keys()); c["name_p"] += len(pnames); c["name_g"] += len(gnames)
    c["pair_tp"] += len(gpairs.keys() & ppairs.keys()); c["pair_p"] += len(ppairs); c["pair_g"] += len(gpairs)
    gm = [m for m in gold["metrics"] if not side_reference(m)]
    pm = [m for m in pred.get("metrics") or [] if not side_reference(m)]
    used, used_value, gold_missed = set(), set(), []
    for m in gm:  # greedy, in gold order, as the reference scorer does
        for i, q in enumerate(pm):
            if i not in used and value_ok(m["value"], q.get("value"), m.get("unit")) and unit_ok(m.get("unit"), q.get("unit")):
                used.add(i)
                break
        else:
            gold_missed.append(m["text"])
        for i, q in enumerate(pm):
            if i not in used_value and value_ok(m["value"], q.get("value"), m.get("unit")):
                used_value.add(i)
                break
    c["met_tp"] += len(used); c["metv_tp"] += len(used_value); c["met_p"] += len(pm); c["met_g"] += len(gm)
    scores.docs.append(DocResult(doc_id, _missing(gnames, pnames), _missing(pnames, gnames), _missing(gpairs, ppairs),
                                 _missing(ppairs, gpairs), gold_missed,
                                 [q.get("text") for i, q in enumerate(pm) if i not in used]))


def _missing(a: dict, b: dict) -> list:
    """Items of `a` whose key is not in `b`, as written."""
    return sorted(a[k] for k in a.keys() - b.keys())


def load_gold(gold_dir: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(gold_dir).glob("*.json"))}


def predict(gold: dict[str, dict]) -> dict[str, dict]:
    """Run the pipeline on each gold text (doc_id = file stem), as `vngov extract` runs a .txt file."""
    from pipeline.chain import extract
    return {doc_id: extract(g["text"], doc_id=doc_id, kind="text", source=doc_id).to_dict()
            for doc_id, g in gold.items()}


def read_predictions(records: Iterable[dict], gold: dict[str, dict]) -> dict[str, dict]:
    """Join records to gold files by doc_id, else by the stem of `source` (as the reference scorer does)."""
    preds = {}
    for r in records:
        did = r.get("doc_id") or Path(r.get("source", "")).stem
        if did not in gold:
            did = Path(str(r.get("source", ""))).stem
        preds[did] = r
    return preds


def evaluate(gold_dir: Path, preds: dict[str, dict] | None = None) -> Scores:
    gold = load_gold(gold_dir)
    preds = predict(gold) if preds is None else preds
    scores = Scores()
    for doc_id, g in gold.items():
        pred = preds.get(doc_id)
        if pred is None:
            scores.missing += 1
        score_doc(g, pred or {}, scores, doc_id)
    return scores


def report(scores: Scores, errors: bool = False) -> str:
    lines = []
    if errors:
        for d in scores.docs:
            if d.clean:
                continue
            lines.append(f"## {d.doc_id}")
            for label, items in (("names missed", d.names_missed), ("names spurious", d.names_spurious),
                                 ("pairs missed", d.pairs_missed), ("pairs spurious", d.pairs_spurious),
                                 ("metrics missed", d.metrics_missed), ("metrics spurious", d.metrics_spurious)):
                if items:
                    lines.append(f"  {label}: " + "; ".join(" — ".join(i) if isinstance(i, tuple) else str(i)
                                                           for i in items))
    for what in ("name", "pair", "met", "met_value_only"):
        p, r, f = scores.f1(what)
        lines.append(f"{what:15s} P={p:.3f} R={r:.3f} F1={f:.3f}")
    lines.append(f"docs={len(scores.docs)} missing={scores.missing}")
    return "\n".join(lines)
