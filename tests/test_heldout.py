"""Held-out gold sets: hand-written gov-news excerpts in tests/fixtures/heldout*/, written and annotated by
../shared/corpus/GUIDELINES.md and committed BEFORE the pipeline was run on them. Scored by the reference scorer
(loaded by path at run time; skipped when ../shared is absent).

The thresholds are REGRESSION FLOORS, not targets. Each set was scored once before any fix it prompted (its "first
look", the honest estimate for unseen pages, kept in the comments); a set used for tuning afterwards only guards
against regressions. Raise floors when the pipeline improves; never lower them to go green; never edit the gold to
match the pipeline (only fix genuine annotation mistakes, and say so in the file's `notes`)."""
import json
from pathlib import Path

import pytest

from pipeline import extract

FIXTURES = Path(__file__).resolve().parent / "fixtures"

SETS = {
    # first look: name P .922 R .952 F1 .937 | pair P .890 R .783 F1 .833 | metric P .993 R .980 F1 .986
    # (used for tuning since; 1.00 everywhere then)
    "heldout": {"name": {"P": 0.98, "R": 0.98, "F1": 0.98},
                "pair": {"P": 0.98, "R": 0.98, "F1": 0.98},
                "met": {"P": 0.98, "R": 0.98, "F1": 0.98}},
    # first look: name .842/.955/.895 | pair .872/.785/.826 | metric .988/.971/.980
    # (used for tuning since; then name .989/1.0/.994, pair .984/.969/.977, metric 1.0/.994/.997)
    "heldout2": {"name": {"P": 0.96, "R": 0.98, "F1": 0.97},
                 "pair": {"P": 0.96, "R": 0.94, "F1": 0.95},
                 "met": {"P": 0.97, "R": 0.97, "F1": 0.97}},
    # first look: name .942/.970/.956 | pair .863/.821/.841 | metric .988/.988/.988 (15 documents)
    # (used for tuning since; then name 1.0/1.0/1.0, pair 1.0/.976/.988, metric .994/.994/.994)
    "heldout3": {"name": {"P": 0.98, "R": 0.98, "F1": 0.98},
                 "pair": {"P": 0.98, "R": 0.95, "F1": 0.96},
                 "met": {"P": 0.97, "R": 0.97, "F1": 0.97}},
    # first look: name .985/1.0/.992 | pair .918/.848/.881 | metric .985/.978/.982 (12 documents)
    # (used for tuning since; then name 1.0/1.0/1.0, pair .956/.946/.951, metric unchanged; pair .978/.967/.973 after
    # the body-name tails of sets 8–10)
    "heldout4": {"name": {"P": 0.98, "R": 0.98, "F1": 0.98},
                 "pair": {"P": 0.96, "R": 0.95, "F1": 0.96},
                 "met": {"P": 0.96, "R": 0.95, "F1": 0.96}},
    # first look: name .935/1.0/.967 | pair .930/.909/.920 | metric 1.0/.984/.992 (12 documents)
    # (used for tuning since; then name 1.0/1.0/1.0, pair .989/.989/.989)
    "heldout5": {"name": {"P": 0.98, "R": 0.98, "F1": 0.98},
                 "pair": {"P": 0.96, "R": 0.96, "F1": 0.96},
                 "met": {"P": 0.98, "R": 0.96, "F1": 0.97}},
    # first look: name 1.0/1.0/1.0 | pair .965/.917/.940 | metric 1.0/.972/.986 (10 documents)
    # (used for tuning since; then pair .983/.967/.975)
    "heldout6": {"name": {"P": 0.98, "R": 0.98, "F1": 0.98},
                 "pair": {"P": 0.96, "R": 0.94, "F1": 0.95},
                 "met": {"P": 0.98, "R": 0.95, "F1": 0.96}},
    # first look: name .958/.979/.968 | pair .873/.809/.840 | metric .979/.979/.979 (10 documents)
    # (used for tuning since; then name 1.0/1.0/1.0, pair .913/.926/.920; pair .957/.971/.964 after the body-name
    # tails of sets 8–10)
    "heldout7": {"name": {"P": 0.98, "R": 0.98, "F1": 0.98},
                 "pair": {"P": 0.94, "R": 0.95, "F1": 0.95},
                 "met": {"P": 0.95, "R": 0.95, "F1": 0.95}},
    # sets 8–10 were written blind (the writers saw only GUIDELINES.md, not the code) to three briefs: national state
    # press; provincial/district portals with ethnic-minority names; sector news (health, education, finance, courts)
    # first look: name .953/.984/.968 | pair .833/.810/.821 | metric .949/.957/.953 (10 documents)
    # (used for tuning since; then name .984/.984/.984, pair .943/.952/.948, metric .974/.966/.970)
    "heldout8": {"name": {"P": 0.97, "R": 0.98, "F1": 0.98},
                 "pair": {"P": 0.93, "R": 0.94, "F1": 0.94},
                 "met": {"P": 0.96, "R": 0.95, "F1": 0.96}},
    # first look: name .942/.980/.961 | pair .915/.771/.837 | metric .993/1.0/.997 (10 documents)
    # (used for tuning since; then name .980/1.0/.990, pair .985/.914/.948)
    "heldout9": {"name": {"P": 0.97, "R": 0.98, "F1": 0.98},
                 "pair": {"P": 0.97, "R": 0.90, "F1": 0.93},
                 "met": {"P": 0.98, "R": 0.98, "F1": 0.98}},
    # first look: name .982/1.0/.991 | pair .822/.690/.750 | metric .979/.979/.979 (10 documents)
    # (used for tuning since; then name 1.0, pair .940/.897/.918, metric .993/.986/.989)
    "heldout10": {"name": {"P": 0.98, "R": 0.98, "F1": 0.98},
                  "pair": {"P": 0.93, "R": 0.88, "F1": 0.90},
                  "met": {"P": 0.98, "R": 0.97, "F1": 0.98}},
    # sets 11–13, written blind to three more briefs: online press style (lower-case titles, brackets, numbered
    # districts); elected bodies and personnel (votes, elections, appointments); economy and investment news
    # first look: name .918/1.0/.957 | pair .659/.617/.637 | metric .979/1.0/.989 (10 documents)
    # (used for tuning since; then name 1.0/1.0/1.0, pair .957/.957/.957)
    "heldout11": {"name": {"P": 0.98, "R": 0.98, "F1": 0.98},
                  "pair": {"P": 0.94, "R": 0.94, "F1": 0.94},
                  "met": {"P": 0.97, "R": 0.98, "F1": 0.98}},
    # first look: name 1.0/1.0/1.0 | pair .912/.790/.847 | metric 1.0/1.0/1.0 (10 documents)
    # (used for tuning since; then pair .980/.933/.956)
    "heldout12": {"name": {"P": 0.98, "R": 0.98, "F1": 0.98},
                  "pair": {"P": 0.96, "R": 0.92, "F1": 0.94},
                  "met": {"P": 0.98, "R": 0.98, "F1": 0.98}},
    # first look: name .977/1.0/.989 | pair .902/.902/.902 | metric .994/.977/.986 (10 documents)
    # (used for tuning since; then name 1.0, pair 1.0/1.0/1.0, metric .994/.989/.991)
    "heldout13": {"name": {"P": 0.98, "R": 0.98, "F1": 0.98},
                  "pair": {"P": 0.98, "R": 0.98, "F1": 0.98},
                  "met": {"P": 0.98, "R": 0.97, "F1": 0.98}},
    # set 14, written blind: Party-building and mass organisations (chained titles, awards, awardee lists)
    # first look: name 1.0/1.0/1.0 | pair .984/.952/.968 | metric .989/.957/.972 (8 documents; not tuned on)
    "heldout14": {"name": {"P": 0.98, "R": 0.98, "F1": 0.98},
                  "pair": {"P": 0.97, "R": 0.94, "F1": 0.96},
                  "met": {"P": 0.98, "R": 0.95, "F1": 0.96}},
    # set 15, written blind: provincial foreign affairs, police and courts (foreign leaders, ranks, defendants)
    # first look: name .977/.933/.955 | pair .948/.887/.917 | metric 1.0/1.0/1.0 (8 documents)
    # (used for tuning since; then name 1.0/1.0/1.0, pair .968/.984/.976)
    "heldout15": {"name": {"P": 0.98, "R": 0.98, "F1": 0.98},
                  "pair": {"P": 0.95, "R": 0.96, "F1": 0.96},
                  "met": {"P": 0.98, "R": 0.98, "F1": 0.98}},
    # sets 16–17, written blind: Hà Nội district portals (culture, sports, schools, streets named after people);
    # disasters, agriculture and environment. Set 16's pair recall is low by a convention we do not follow: it annotates
    # roles ("vận động viên", "huấn luyện viên", "học sinh lớp 12 Toán 1") as positions; dev treats such nouns as none.
    # first look: name .940/1.0/.969 | pair .925/.766/.838 | metric 1.0/1.0/1.0 (8 documents)
    # (used for tuning since; then name 1.0/1.0/1.0)
    "heldout16": {"name": {"P": 0.98, "R": 0.98, "F1": 0.98},
                  "pair": {"P": 0.91, "R": 0.75, "F1": 0.82},
                  "met": {"P": 0.98, "R": 0.98, "F1": 0.98}},
    # first look: name .976/1.0/.988 | pair .962/.962/.962 | metric .970/.970/.970 (8 documents)
    # (used for tuning since; then pair .962/.981/.971, metric .980/.970/.975)
    "heldout17": {"name": {"P": 0.96, "R": 0.98, "F1": 0.97},
                  "pair": {"P": 0.95, "R": 0.96, "F1": 0.96},
                  "met": {"P": 0.96, "R": 0.95, "F1": 0.96}},
}
SIZES = {"heldout": 20, "heldout2": 20, "heldout3": 15, "heldout4": 12, "heldout5": 12, "heldout6": 10, "heldout7": 10,
         "heldout8": 10, "heldout9": 10, "heldout10": 10, "heldout11": 10, "heldout12": 10, "heldout13": 10,
         "heldout14": 8, "heldout15": 8, "heldout16": 8, "heldout17": 8}
# the date phrase (not scored by score.py): exact on every document of sets 1–3 when measured, 11/12 on sets 4–5,
# 8/10 on set 6 (its gold counts a leading "Trong hai ngày" as part of the phrase, which dev's gold never shows)
MEETING_DATE_FLOOR = {"heldout": 0.98, "heldout2": 0.98, "heldout3": 0.98, "heldout4": 0.98, "heldout5": 0.89,
                      "heldout6": 0.98, "heldout7": 0.89, "heldout8": 0.98, "heldout9": 0.98, "heldout10": 0.98,
                      "heldout11": 0.98, "heldout12": 0.98, "heldout13": 0.98, "heldout14": 0.98,
                      "heldout15": 0.98, "heldout16": 0.98, "heldout17": 0.98}  # sets 4 and 6 exact since "Trong 2 ngày …" and "(giờ địa phương)" are kept


def gold(name: str) -> dict:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((FIXTURES / name).glob("*.json"))}


@pytest.fixture(scope="module", params=sorted(SETS))
def heldout(request):
    """(set name, gold by doc id, records by doc id)."""
    g = gold(request.param)
    return request.param, g, {doc_id: extract(d["text"], doc_id=doc_id).to_dict() for doc_id, d in g.items()}


def test_set_is_well_formed(heldout):
    name, g, _ = heldout
    assert len(g) == SIZES[name], name
    for doc_id, d in g.items():
        assert d["id"] == doc_id
        assert 80 <= len(d["text"].split()) <= 600, doc_id  # excerpts to full articles (sets 8–10: 380–560 words)
        for a in d["attendees"]:  # names and positions are annotated as written
            assert a["name"] in d["text"], (doc_id, a["name"])
            assert all(p in d["text"] for p in a["positions"]), (doc_id, a)
        for m in d["metrics"]:
            assert set(m) == {"text", "value", "unit", "qualifier"}, (doc_id, m)
            assert isinstance(m["value"], (int, float)) and not isinstance(m["value"], bool), (doc_id, m)
        assert d["meeting_date"] is None or d["meeting_date"] in d["text"], doc_id


def test_scores_above_floor(scorer, heldout, tmp_path):
    name, _, records = heldout
    pred = tmp_path / "records.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records.values()), encoding="utf-8")
    res, errors = scorer.score(str(FIXTURES / name), str(pred), verbose=True)
    assert res["missing"] == 0
    detail = "\n".join(errors)[:4000]
    for task, floors in SETS[name].items():
        got = dict(zip(("P", "R", "F1"), res[task]))
        for measure, floor in floors.items():
            assert got[measure] >= floor, f"{name} {task} {measure} {got[measure]:.3f} < floor {floor}\n{detail}"


def test_meeting_date_above_floor(heldout):
    name, g, records = heldout
    misses = [(d, x["meeting_date"], records[d]["meeting"].get("date_text")) for d, x in g.items()
              if x["meeting_date"] != records[d]["meeting"].get("date_text")]
    assert 1 - len(misses) / len(g) >= MEETING_DATE_FLOOR[name], (name, misses)
