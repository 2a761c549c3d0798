"""Hostile pages: how `pipeline.extract` time grows with page length, generator by generator (issue 16).

    uv run python bench/adversarial.py [--sizes 10000 100000 1000000] [--cap 20] [--limit 300] [--only NAME ...]

Each generator writes a page of about n characters built the way a real page goes wrong (a name prefix repeated,
a run of dots, quotes, one figure repeated, one figure and period repeated, many people in one sentence, a whole page on one line, a long
roster). Each page is extracted once in a forked worker (lexicons loaded before the fork, so start-up is not
counted), timed with the wall clock, and killed at --limit seconds. A size is skipped once the size before it took
more than --cap seconds (a quadratic path would take hours). The ingest_* cases time loading a file
(pipeline.ingest: decoding and checks) of markup that made the loader's own regexes quadratic.

The table gives seconds per size, s/MB at the largest size measured (MB = 10^6 characters) and the ratio
1M/100k: 10 is linear, 100 quadratic. Targets (issue 16): ratio <= 12 and <= 5 s/MB for every generator.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Xuân", "Hoàng"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Khánh", "Lan", "Long", "Mai", "Nam", "Phúc",
         "Quang", "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Việt", "Xuân", "Yến"]
TITLES = ["Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND huyện", "Giám đốc Sở Tài chính", "Bí thư Huyện ủy",
          "Trưởng ban Tuyên giáo Tỉnh ủy", "Phó Giám đốc Sở Kế hoạch và Đầu tư"]
ARTICLE = ("Sáng 12/3, UBND tỉnh Hòa Bình tổ chức hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm "
           "2024. Đồng chí Bùi Văn Khánh, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh chủ trì hội nghị. Năm 2023, tốc "
           "độ tăng trưởng kinh tế của tỉnh đạt 6,5%; thu ngân sách đạt 5.200 tỷ đồng, tăng 12% so với năm 2022; "
           "có 320 doanh nghiệp thành lập mới. Phát biểu tại hội nghị, ông Nguyễn Văn Chương, Phó Chủ tịch UBND "
           "tỉnh đề nghị các sở, ngành tập trung cải thiện môi trường đầu tư. ")


def name(i: int) -> str:
    """The i-th of many distinct Vietnamese names (surname, middle name, given name)."""
    return f"{SURNAMES[i % len(SURNAMES)]} {MIDDLE[i // len(SURNAMES) % len(MIDDLE)]} " \
           f"{GIVEN[i // (len(SURNAMES) * len(MIDDLE)) % len(GIVEN)]}"


def repeat(unit: str, n: int, head: str = "") -> str:
    return (head + unit * (n // len(unit) + 1))[:n]


def joined(make: Callable[[int], str], sep: str, n: int, head: str = "", tail: str = "") -> str:
    parts, size, i = [], len(head) + len(tail), 0
    while size < n:
        parts.append(make(i))
        size += len(parts[-1]) + len(sep)
        i += 1
    return head + sep.join(parts) + tail


GENERATORS: dict[str, Callable[[int], str]] = {
    # the recogniser rescanned the capitalised run at every token
    "nguyen_van": lambda n: repeat("Nguyễn Văn ", n),
    # the sentence-end regex backtracked
    "dots": lambda n: repeat(".", n, "Ông Nguyễn Văn An phát biểu tại hội nghị"),
    "quotes": lambda n: repeat("“Ông A.” Bà B. ", n),
    # subject search restarted per metric; fact de-duplication compared all pairs
    "percent": lambda n: repeat("tăng 5,2% so với năm 2020, ", n, "Doanh thu "),
    # every figure read every period phrase of its sentence, and the brackets before each
    "periods": lambda n: repeat("năm 2021 đạt 5,2%, ", n, "Doanh thu "),
    "people_one_sentence": lambda n: joined(lambda i: f"ông {name(i)}, {TITLES[i % len(TITLES)]}", ", ", n,
                                            "Tham dự hội nghị có ", "."),
    # the meeting stage scanned every sentence per date
    "one_line_page": lambda n: repeat(ARTICLE, n),
    # ner._blocked recursed once per item
    "roster": lambda n: joined(name, ", ", n, "Danh sách đại biểu gồm các đồng chí: ", "."),
}
# Loading, not extraction: markup that made the loader's own regexes quadratic (pipeline.ingest).
INGEST = {
    "ingest_unclosed_script": lambda n: repeat("<script>", n, ARTICLE),
    "ingest_lone_lt": lambda n: repeat("<", n, ARTICLE),
}


def _time_extract(text: str) -> tuple[float, str]:
    from pipeline.chain import extract
    start = time.perf_counter()
    record = extract(text, kind="text")
    return time.perf_counter() - start, f"{len(record.attendees)} att, {len(record.metrics)} met"


def _time_ingest(text: str) -> tuple[float, str]:
    from pipeline.ingest.load import iter_documents
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "page.html"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        out = list(iter_documents([path]))
        return time.perf_counter() - start, type(out[0]).__name__


def _child(conn, fn, text) -> None:
    try:
        conn.send(fn(text))
    except BaseException as e:  # noqa: BLE001 - the error is the measurement (RecursionError)
        conn.send((None, f"{type(e).__name__}"))


def measure(fn, text: str, limit: float) -> tuple[float | None, str]:
    """(seconds, what came out) of fn(text) in a forked worker; (None, "> limit") when it ran past `limit`."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_child, args=(child, fn, text))
    proc.start()
    child.close()
    if parent.poll(limit):
        result = parent.recv()
    else:
        proc.kill()
        result = (None, f"> {limit:g} s")
    proc.join()
    return result


def fmt(t: float | None, note: str) -> str:
    return f"{t:.2f}" if t is not None else note


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--cap", type=float, default=20.0, help="skip the next size once one takes longer (s)")
    ap.add_argument("--limit", type=float, default=300.0, help="kill a single measurement after this (s)")
    ap.add_argument("--only", nargs="*", help="generators to run (default: all)")
    a = ap.parse_args()
    from pipeline.chain import warm_up
    warm_up()  # before forking: every worker starts with the lexicons loaded

    cases = [(n, g, _time_extract) for n, g in GENERATORS.items()] + [(n, g, _time_ingest) for n, g in INGEST.items()]
    cases = [c for c in cases if not a.only or c[0] in a.only]
    sizes = sorted(a.sizes)
    head = f"{'case':24s}" + "".join(f"{f'{s // 1000}k s':>16s}" for s in sizes) + f"{'s/MB':>9s}{'ratio':>8s}  out"
    print(f"pipeline.extract on hostile pages, wall-clock seconds, cap {a.cap:g} s, limit {a.limit:g} s; "
          f"ratio = time at {sizes[-1] // 1000}k / time at {sizes[-2] // 1000}k ({sizes[-1] / sizes[-2]:g} = linear)" if len(sizes) > 1
          else "")
    print(head, flush=True)
    failing = []
    for case, make, fn in cases:
        times: list[tuple[float | None, str]] = []
        for size in sizes:
            if times and (times[-1][0] is None or times[-1][0] > a.cap):
                times.append((None, "skipped"))
                continue
            times.append(measure(fn, make(size), a.limit))
        done = [(s, t) for s, (t, _) in zip(sizes, times) if t is not None]
        per_mb = done[-1][1] / (done[-1][0] / 1e6) if done else None
        ratio = times[-1][0] / max(times[-2][0], 1e-3) if len(times) > 1 and None not in (times[-1][0], times[-2][0]) \
            else None
        last_note = next((note for t, note in reversed(times) if note and t is not None), "")
        print(f"{case:24s}" + "".join(f"{fmt(t, note):>16s}" for t, note in times)
              + f"{fmt(per_mb, '-'):>9s}{fmt(ratio, '-'):>8s}  {last_note}", flush=True)
        if len(done) < len(sizes) or (per_mb or 0) > 5 or (ratio or 0) > 1.2 * sizes[-1] / sizes[-2]:
            failing.append(case)
    print(f"\nnot yet linear (ratio over 1.2 x linear, > 5 s/MB, or cut off): {', '.join(failing) or 'none'}")
    sys.exit(1 if failing else 0)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
