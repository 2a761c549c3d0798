"""Body-text benchmark of the boilerplate stage against plain trafilatura, on the same pages.

Each template in bench/templates/ (Liferay portal, VCCorp press, SharePoint ministry, province
portal with layout tables) wraps every text of ../shared/corpus/dev at run time (the texts stay
in shared/): first line → title, second → lead/sapo, the rest → body paragraphs, surrounded by
nav, breadcrumbs, related news, sidebars, counters and footers. The gold body is lead + body
(+ the data table a template puts in the article). The dev texts are themselves page dumps, so the
gold keeps their own leftovers (bylines, photo credits and source lines such as "Tác giả: Việt Tường" or
"Theo TTXVN", which ours moves to the record's authors/credits/sources, "Đừng bỏ lỡ" lists, the seed's footer)
that a good extractor drops: recall is a lower bound. Scores are token-level P/R/F1 (bag of
lower-cased word tokens), micro-averaged over pages, excluding the title line for both systems.

    uv run python bench/clean_bench.py [DEV_DIR]
"""
from __future__ import annotations

import html
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.boilerplate import clean  # noqa: E402
from pipeline.text.normalize import nfc  # noqa: E402

TEMPLATES = ROOT / "bench" / "templates"
DEV = ROOT.parent / "shared" / "corpus" / "dev"
# Article content a template adds itself (its data table), part of the gold body.
EXTRA_GOLD = {"province_tables": "Chỉ tiêu Kế hoạch Thực hiện Số xã đạt chuẩn nông thôn mới 45 xã 47 xã "
                                 "Tỷ lệ hộ nghèo dưới 5% 4,6%"}
DATES = ["Thứ Bảy, 26/01/2019 19:26", "29/07/2022 16:45", "Cập nhật: 06/05/2024 08:30", "Ngày 12/03/2024"]


def tokens(text: str) -> Counter:
    return Counter(re.findall(r"\w+", nfc(text).lower()))


def prf(pred: Counter, gold: Counter) -> tuple[int, int, int]:
    return sum((pred & gold).values()), sum(pred.values()), sum(gold.values())


def pages(dev: Path):
    for i, path in enumerate(sorted(dev.glob("*.json"))):
        lines = [ln.strip() for ln in nfc(json.loads(path.read_text(encoding="utf-8"))["text"]).splitlines()
                 if ln.strip()]
        if len(lines) < 3:  # one-paragraph excerpt: give the page a headline of its own
            lines = ["Hoạt động của lãnh đạo tỉnh và các sở, ngành trong tuần", *lines]
        title, lead, body = lines[0], lines[1], lines[2:]
        for tpl in sorted(TEMPLATES.glob("*.html")):
            e = html.escape
            page = Template(tpl.read_text(encoding="utf-8")).substitute(
                title=e(title), lead=e(lead), date=DATES[i % len(DATES)],
                body_p="".join(f"<p>{e(b)}</p>\n" for b in body),
                body_div="".join(f"<div>{e(b)}</div>\n" for b in body),
                body_br="<br>\n".join(e(b) for b in body))
            gold = " ".join([lead, *body, EXTRA_GOLD.get(tpl.stem, "")])
            yield path.stem, tpl.stem, title, page, gold


def ours(page: str, title: str) -> str:
    return "\n".join(b.text for b in clean(page, "html").blocks if b.text != html.unescape(title))


def trafilatura_body(page: str, title: str) -> str:
    import trafilatura

    return trafilatura.extract(page, include_tables=True, include_comments=False) or ""


def main(dev: Path = DEV) -> dict:
    if not dev.is_dir():
        sys.exit(f"no dev corpus at {dev}")
    systems = {"ours": ours, "trafilatura": trafilatura_body}
    totals = {name: [0, 0, 0] for name in systems}
    per_tpl: dict = {}
    seconds = {name: 0.0 for name in systems}
    n = 0
    for _stem, tpl, title, page, gold in pages(dev):
        n += 1
        g = tokens(gold)
        for name, fn in systems.items():
            t0 = time.perf_counter()
            pred = tokens(fn(page, title))
            seconds[name] += time.perf_counter() - t0
            s = prf(pred, g)
            for acc in (totals[name], per_tpl.setdefault((tpl, name), [0, 0, 0])):
                for k in range(3):
                    acc[k] += s[k]

    def score(acc):
        p = acc[0] / acc[1] if acc[1] else 0.0
        r = acc[0] / acc[2] if acc[2] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    print(f"{n} pages ({n // len(list(TEMPLATES.glob('*.html')))} dev texts x templates)")
    print(f"{'template':<22}{'system':<13}{'P':>7}{'R':>7}{'F1':>7}")
    for (tpl, name), acc in sorted(per_tpl.items()):
        print(f"{tpl:<22}{name:<13}" + "".join(f"{v:7.3f}" for v in score(acc)))
    result = {}
    for name, acc in totals.items():
        p, r, f = score(acc)
        result[name] = {"precision": p, "recall": r, "f1": f, "ms_per_page": 1000 * seconds[name] / n}
        print(f"{'ALL':<22}{name:<13}{p:7.3f}{r:7.3f}{f:7.3f}   {1000 * seconds[name] / n:.1f} ms/page")
    return result


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEV)
