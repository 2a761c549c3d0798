"""Throughput on one core: our pipeline vs underthesea's ner() per sentence, side by side in one run.

    uv run python bench/throughput.py [--docs 2000] [--baseline-docs 20] [--profile]

The corpus (>= 2,000 docs) is built at run time by repeating and perturbing the dev texts in ../shared/corpus/dev
(numbers, day of month and paragraph order change, so no two documents are identical); nothing is copied into
the project. Each side runs in a fresh single-process worker so its peak RSS (resource.getrusage) is its own.
underthesea is far slower, so it is timed on a sample of --baseline-docs documents and its docs/s extrapolated
(it is a per-document rate: the sample is drawn evenly over the corpus). --profile runs our side under
pyinstrument and prints where the time goes.
Times are the worker's CPU seconds (time.process_time): "one core" exactly, and steady when other work shares the
machine (wall-clock figures swung ±20% here while other jobs ran).
Targets: ratio >= 40x, peak RSS per worker <= 500 MB.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "corpus" / "dev"


def perturb(text: str, rng: random.Random) -> str:
    """Same language, different document: digits changed, paragraphs partly shuffled."""
    text = re.sub(r"\d", lambda m: str(rng.randrange(10)) if rng.random() < 0.3 else m.group(0), text)
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 2:
        body = paragraphs[1:]
        rng.shuffle(body)
        paragraphs = paragraphs[:1] + body
    return "\n\n".join(paragraphs)


SEED_SYLLABLES = 2000  # the unit: a seed-sized article


def build_corpus(n: int, seed: int = 0) -> list[str]:
    """n seed-sized articles (>= 2,000 syllables each): perturbed dev texts joined until the size is reached."""
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(DEV.glob("*.json"))]
    if not texts:
        sys.exit(f"no dev texts in {DEV}")
    rng = random.Random(seed)
    docs, k = [], 0
    for _ in range(n):
        parts, size = [], 0
        while size < SEED_SYLLABLES:
            parts.append(perturb(texts[k % len(texts)], rng))
            size += len(parts[-1].split())
            k += 1
        docs.append("\n\n".join(parts))
    return docs


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def run_ours(docs: list[str], profile: bool) -> dict:
    from pipeline.chain import extract
    from pipeline.chain import warm_up
    warm_up()  # start-up is not throughput
    extract(docs[0], kind="text")
    profiler = None
    if profile:
        from pyinstrument import Profiler
        profiler = Profiler()
        profiler.start()
    start = time.process_time()
    n_att = n_met = 0
    for i, text in enumerate(docs):
        r = extract(text, kind="text", doc_id=str(i))
        n_att += len(r.attendees)
        n_met += len(r.metrics)
    seconds = time.process_time() - start
    out = {"docs": len(docs), "seconds": seconds, "docs_per_s": len(docs) / seconds, "rss_mb": peak_rss_mb(),
           "attendees": n_att, "metrics": n_met}
    if profiler:
        profiler.stop()
        out["profile"] = profiler.output_text(unicode=True, color=False, show_all=False)
    return out


def run_underthesea(docs: list[str]) -> dict:
    from underthesea import ner

    from pipeline.text.sentences import split_sentences
    ner("Khởi động mô hình.")  # model load is not throughput
    start = time.process_time()
    n_sent = 0
    for text in docs:
        for s, e in split_sentences(text):
            ner(text[s:e])
            n_sent += 1
    seconds = time.process_time() - start
    return {"docs": len(docs), "sentences": n_sent, "seconds": seconds, "docs_per_s": len(docs) / seconds,
            "rss_mb": peak_rss_mb()}


def in_worker(fn, *args) -> dict:
    """Run fn in a fresh single-process worker (spawned: nothing inherited, RSS is its own)."""
    with mp.get_context("spawn").Pool(1) as pool:
        return pool.apply(fn, args)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2000, help="corpus size (>= 2000 for the reported figure)")
    ap.add_argument("--baseline-docs", type=int, default=20, help="underthesea sample size (extrapolated)")
    ap.add_argument("--profile", action="store_true", help="profile our pipeline with pyinstrument")
    a = ap.parse_args()
    docs = build_corpus(a.docs)
    sample = docs[:: max(1, len(docs) // a.baseline_docs)][: a.baseline_docs]
    chars = sum(map(len, docs)) / len(docs)
    print(f"corpus: {len(docs)} docs (perturbed dev texts), {chars:.0f} chars/doc on average; one core per side")
    ours = in_worker(run_ours, docs, a.profile)
    theirs = in_worker(run_underthesea, sample)
    ratio = ours["docs_per_s"] / theirs["docs_per_s"]
    print(f"{'':22s}{'docs':>7s}{'seconds':>10s}{'docs/s':>10s}{'peak RSS MB':>13s}")
    print(f"{'vngov extract':22s}{ours['docs']:>7d}{ours['seconds']:>10.1f}{ours['docs_per_s']:>10.1f}{ours['rss_mb']:>13.0f}")
    print(f"{'underthesea ner()':22s}{theirs['docs']:>7d}{theirs['seconds']:>10.1f}{theirs['docs_per_s']:>10.2f}"
          f"{theirs['rss_mb']:>13.0f}   ({theirs['sentences']} sentences; sample, rate extrapolated)")
    print(f"ratio: {ratio:.0f}x (target >= 40x); our peak RSS per worker {ours['rss_mb']:.0f} MB (target <= 500 MB)")
    print(f"found {ours['attendees']} attendees, {ours['metrics']} metrics")
    if a.profile:
        print("(profiled run: our speed and RSS above include pyinstrument's overhead)")
        print(ours["profile"])


if __name__ == "__main__":
    main()
