"""The CLI end to end, as a user meets it: marginal cost per page of `vngov extract` vs underthesea, in one run.

    uv run python bench/cli_throughput.py [--reps 3] [--pages 40,16,4] [--baseline-pages 4,2,1] [--scaling 100]

Our side: `vngov extract DIR -o OUT -j 1` (one worker, Parquet tables, the installed command in a fresh process)
on N pages and on one page; (T(N) - T(1)) / (N - 1) is the marginal cost of a page, start-up subtracted. Times are
the CPU seconds of the command and its children (os.wait4: steady when other work shares the
machine), wall seconds beside them. Their side, in one process with its model loaded first (start-up subtracted
there too), over the sentences of the same pages (pipeline.text.sentences.split_sentences): underthesea's
`ner()` and `word_tokenize()`, trafilatura's `extract()` on the page as HTML paragraphs (if installed), and a
floor, one `\\w+` regex pass over the page.

Pages at three sizes (~1,400, ~12,000, ~100,000 characters) are built from DISTINCT dev texts
(../shared/corpus/dev/*.json, field `text`): the text-dump cleaner drops a line identical to an earlier one of the
same page, so a page made by repeating a text would shrink and look fast. A page is a run of consecutive dev texts
(its start rotated per page, digits perturbed: bench.throughput.perturb), cut at a paragraph for the small size;
the cleaned length the CLI kept is printed beside the built one.
Ratios are printed per repetition as min and median (the machine may be shared: say so with the figures). A
warm-up run comes first at each size (it fills the compiled-vocabulary cache, as any earlier run would have); each
size prints the peak RSS of its runs. --scaling N times N pages of the middle size with one and two workers.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEV, ROOT, in_worker, perturb  # noqa: E402  (the core benchmark's helpers)

SIZES = (1_400, 12_000, 100_000)
_WORD = re.compile(r"\w+")


def dev_texts() -> list[str]:
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(DEV.glob("*.json"))]
    if not texts:
        sys.exit(f"no dev texts in {DEV}")
    return texts


def build_pages(size: int, n: int, seed: int = 0) -> list[str]:
    """n pages of about `size` characters; within a page no dev text appears twice (the run stops before it would
    wrap), pages differ by their start and by the digits perturbed."""
    texts = dev_texts()
    if size > sum(map(len, texts)):
        sys.exit(f"dev texts hold fewer than {size} characters")
    rng = random.Random(seed)
    pages = []
    for i in range(n):
        k = (i * 37) % len(texts)
        parts, length, used = [], 0, 0
        while length < size and used < len(texts):
            parts.append(perturb(texts[(k + used) % len(texts)], rng))
            length += len(parts[-1]) + 2
            used += 1
        page = "\n\n".join(parts)
        if len(page) > size * 1.3:  # a short page: cut at the paragraph nearest the size
            cut = page.rfind("\n\n", 0, size + size // 10)
            page = page[:cut] if cut > size // 2 else page[:size]
        pages.append(page)
    return pages


def write_inputs(pages: list[str], folder: Path) -> None:
    folder.mkdir(parents=True)
    for i, page in enumerate(pages):
        (folder / f"p{i:05d}.txt").write_text(page, encoding="utf-8")


def vngov() -> list[str]:
    exe = Path(sys.executable).parent / "vngov"
    return [str(exe)] if exe.exists() else [sys.executable, str(ROOT / "cli.py")]


PEAK_RSS: list[float] = []  # MB, the largest process (the CLI or one of its workers) of each timed run


def time_cli(inputs: Path, out: Path, fmt: str, extra: list[str] = (), workers: int = 1) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one `vngov extract` in a fresh process, its workers included; its peak RSS
    (the largest of the CLI's process and its workers') is appended to PEAK_RSS."""
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen([*vngov(), "extract", str(inputs), "-o", str(out), "-j", str(workers), "--format", fmt,
                             *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)  # the rusage of this run alone (its waited-for workers included)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"vngov extract {inputs} failed (exit {proc.returncode})")
    PEAK_RSS.append(usage.ru_maxrss / 1024)
    return usage.ru_utime + usage.ru_stime, wall


def cleaned_chars(out: Path) -> float:
    lengths = [len(json.loads(line).get("text") or "") for line in open(out / "records.jsonl", encoding="utf-8")]
    return sum(lengths) / max(1, len(lengths))


def run_baselines(pages: list[str]) -> dict:
    """CPU seconds per page of each baseline over `pages` (models loaded before the clock starts)."""
    from pipeline.text.sentences import split_sentences
    from underthesea import ner, word_tokenize
    ner("Khởi động mô hình.")
    word_tokenize("Khởi động mô hình.")
    sentences = [[page[s:e] for s, e in split_sentences(page)] for page in pages]
    out = {}
    for name, fn in (("underthesea ner()", ner), ("underthesea word_tokenize()", word_tokenize)):
        t0 = time.process_time()
        for ss in sentences:
            for s in ss:
                fn(s)
        out[name] = (time.process_time() - t0) / len(pages)
    try:
        import trafilatura
    except ImportError:
        trafilatura = None
    if trafilatura is not None:
        from html import escape
        htmls = ["<html><body><article>" + "".join(f"<p>{escape(p)}</p>" for p in page.split("\n") if p.strip())
                 + "</article></body></html>" for page in pages]
        trafilatura.extract(htmls[0])
        t0 = time.process_time()
        for h in htmls:
            trafilatura.extract(h)
        out["trafilatura extract()"] = (time.process_time() - t0) / len(pages)
    t0 = time.process_time()
    for _ in range(20):
        for page in pages:
            sum(1 for _ in _WORD.finditer(page))
    out["floor: one \\w+ pass"] = (time.process_time() - t0) / (20 * len(pages))
    return out


def fmt_s(x: float) -> str:
    return f"{x * 1000:9.2f} ms" if x < 10 else f"{x:9.2f} s "


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=3, help="repetitions of each CLI timing (min and median shown)")
    ap.add_argument("--pages", default="40,16,4", help="N pages per size (~1,400, ~12,000, ~100,000 chars)")
    ap.add_argument("--baseline-pages", default="6,2,1", help="pages per size the baselines are timed on")
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="page sizes in characters")
    ap.add_argument("--format", default="parquet", help="table format of the CLI runs")
    ap.add_argument("--scaling", type=int, default=0, metavar="N",
                    help="also time N pages of the middle size with -j 1 and -j 2 (wall): the two-worker speed-up")
    a = ap.parse_args()
    sizes = [int(x) for x in a.sizes.split(",")]
    ns = [int(x) for x in a.pages.split(",")]
    bns = [int(x) for x in a.baseline_pages.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="vngov-bench-"))
    print(f"one worker, --format {a.format}, {a.reps} repetitions; CPU seconds of the process and its children "
          f"(wall beside); marginal = (T(N) - T(1)) / (N - 1)")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note: PYTHONDONTWRITEBYTECODE is set, so every start compiles its imports from source (slower starts "
              "than an installation that keeps bytecode); marginal costs are not affected")
    try:
        for size, n, bn in zip(sizes, ns, bns):
            pages = build_pages(size, n)
            write_inputs(pages, tmp / f"in{size}")
            write_inputs(pages[:1], tmp / f"one{size}")
            time_cli(tmp / f"one{size}", tmp / "out1", a.format)  # warm-up: the compiled-vocabulary cache is filled
            PEAK_RSS.clear()
            cpu_m, wall_m, starts = [], [], []
            for _ in range(a.reps):
                c1, w1 = time_cli(tmp / f"one{size}", tmp / "out1", a.format)
                cn, wn = time_cli(tmp / f"in{size}", tmp / "outn", a.format)
                cpu_m.append((cn - c1) / (n - 1))
                wall_m.append((wn - w1) / (n - 1))
                starts.append((c1, w1))
            kept = cleaned_chars(tmp / "outn")
            base = in_worker(run_baselines, pages[:bn])
            built = sum(map(len, pages)) / len(pages)
            print(f"\npages of ~{size:,} chars: N={n}, built {built:,.0f} chars/page, cleaned {kept:,.0f} "
                  f"(baselines on {bn} page{'s' * (bn > 1)})")
            print(f"  one-page run (start-up included): CPU min {min(c for c, _ in starts):.2f} s, "
                  f"wall min {min(w for _, w in starts):.2f} s median {statistics.median(w for _, w in starts):.2f} s")
            print(f"  {'vngov extract, marginal/page':34s} CPU min {fmt_s(min(cpu_m))} median "
                  f"{fmt_s(statistics.median(cpu_m))} | wall min {fmt_s(min(wall_m))} median "
                  f"{fmt_s(statistics.median(wall_m))}")
            print(f"  peak RSS of a run (largest process): {max(PEAK_RSS):.0f} MB")
            for name, per_page in base.items():
                ratios = sorted(per_page / m for m in cpu_m if m > 0)  # their cost / ours, per repetition
                print(f"  {name:34s} CPU {fmt_s(per_page)}/page   ratio to ours: min {ratios[0]:7.2f}x "
                      f"median {statistics.median(ratios):7.2f}x")
        if a.scaling:
            size = sizes[len(sizes) // 2]
            write_inputs(build_pages(size, a.scaling, seed=1), tmp / "scaling")
            walls = {1: [], 2: []}
            for _ in range(a.reps):
                for j in (1, 2):
                    walls[j].append(time_cli(tmp / "scaling", tmp / "outs", a.format, workers=j)[1])
            ups = sorted(w1 / w2 for w1, w2 in zip(walls[1], walls[2]))
            print(f"\n{a.scaling} pages of ~{size:,} chars, wall: -j 1 min {min(walls[1]):.2f} s median "
                  f"{statistics.median(walls[1]):.2f} s, -j 2 min {min(walls[2]):.2f} s median "
                  f"{statistics.median(walls[2]):.2f} s; speed-up min {ups[0]:.2f}x median {statistics.median(ups):.2f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
