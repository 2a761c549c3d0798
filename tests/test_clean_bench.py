"""Body-text benchmark as a test: our boilerplate stage over the template-wrapped dev corpus vs trafilatura.

bench/clean_bench.py wraps every ../shared/corpus/dev text in four portal templates at run time (the texts
stay in shared/); the whole run takes a few seconds, so both systems are scored on every page.
"""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"


@pytest.fixture(scope="module")
def bench_scores():
    if not DEV.is_dir() or not any(DEV.glob("*.json")):
        pytest.skip("no dev corpus at ../shared/corpus/dev")
    pytest.importorskip("trafilatura")
    spec = importlib.util.spec_from_file_location("clean_bench", ROOT / "bench" / "clean_bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.main(DEV)


def test_body_f1_over_all_template_pages(bench_scores):
    ours = bench_scores["ours"]
    assert ours["f1"] >= 0.98, ours
    assert ours["precision"] >= 0.98, ours  # boilerplate kept out of the body


def test_body_f1_beats_trafilatura_on_the_same_pages(bench_scores):
    assert bench_scores["ours"]["f1"] > bench_scores["trafilatura"]["f1"], bench_scores
