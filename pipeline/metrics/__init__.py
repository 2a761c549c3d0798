"""Metrics stage: every quantity of a page that counts or measures something, with what it measures.

The grammar of numbers and units is pipeline.metrics.numbers and pipeline.metrics.quantities; the context of each
figure in its sentence (qualifier, subject, period, change) and the de-duplication of a repeated fact are
pipeline.metrics.context.

>>> from pipeline.text.document import Document
>>> doc = Document("Năm 2020, tỷ trọng TFP đạt 40,43%; hơn 30 doanh nghiệp tham gia, tổng vốn 60 tỷ đồng.")
>>> [(m.text, m.value, m.unit, m.qualifier, m.value_normalized) for m in find_metrics(doc)]
... # doctest: +NORMALIZE_WHITESPACE
[('40,43%', 40.43, '%', None, None), ('30 doanh nghiệp', 30, 'doanh nghiệp', 'hơn', None),
 ('60 tỷ đồng', 60, 'tỷ đồng', None, 60000000000)]
"""
from __future__ import annotations

from pipeline.metrics import context
from pipeline.metrics.quantities import Quantity, find_quantities
from pipeline.record import Metric
from pipeline.text.document import Document, Span
from pipeline.text.normalize import key


def _metric(q: Quantity, doc: Document, span: Span, periods: list[Span]) -> Metric:
    a, b = span
    sentence, low = doc.text[a:b], doc.lower[a:b]
    offset = q.start - a
    qualifier, comparator = (None, None) if q.range_role == "to" else context.qualifier(sentence, low, offset)
    return Metric(text=q.text, value=q.value, unit=q.unit, qualifier=qualifier, comparator=comparator,
                  scale=q.scale, value_normalized=q.value_normalized, currency=q.currency, total=q.total, per=q.per,
                  range=q.range_role, subject=context.subject(sentence, low, offset),
                  period=context.period(sentence, periods, offset), change=context.change(low, offset),
                  start=q.start, end=q.end, sentence=sentence.strip())


def _same_count(a: Metric, b: Metric) -> bool:
    return a.value == b.value and key(a.unit) == key(b.unit)


def find_metrics(doc: Document) -> list[Metric]:
    """Every metric of the page (see pipeline.metrics.quantities for what counts), in text order."""
    quantities = find_quantities(doc.text, doc.lower)
    if not quantities:
        return []
    spans = doc.sentences or ((0, len(doc.text)),)
    periods: dict[Span, list[Span]] = {}  # per sentence: a sentence often holds several figures
    out: list[Metric] = []
    by_fact: dict[str, list[tuple[Metric, int]]] = {}  # a repeated fact has the same figure and head noun
    among: list[Metric] = []  # the groups a page names as "một trong N …" (one of the N)
    i = 0
    for q in quantities:
        while i + 1 < len(spans) and spans[i][1] <= q.start:
            i += 1
        inside = spans[i][0] <= q.start < spans[i][1]
        span = spans[i] if inside else (q.start, q.end)
        if span not in periods:
            periods[span] = context.periods(doc.lower[span[0]:span[1]])
        m = _metric(q, doc, span, periods[span])
        if q.range_role == "to" and out and out[-1].range == "from":
            prev = out[-1]  # "tăng từ 5% đến 7%": the ends share their context
            m.subject, m.period, m.change = m.subject or prev.subject, m.period or prev.period, m.change or prev.change
        sentence = i if inside else -1 - len(out)  # a figure outside every sentence is its own
        if q.kind == "count" and context.refers_back(doc.lower, m) \
                and (context.said_above(doc.lower, m) or any(_same_count(o, m) for o in out)):
            continue
        if q.kind == "scale" and any(o.value == m.value and key(o.unit).startswith(key(m.unit) + " ") for o in out):
            continue  # "tổng tài sản 1 triệu tỷ đồng … doanh nghiệp 1 triệu tỷ duy nhất": the amount named again, bare
        if q.kind == "count" and (context.one_of(doc.lower, m) and any(_same_count(o, m) for o in out)
                                  or any(_same_count(o, m) for o in among)):
            continue  # "là một trong 60 doanh nhân được vinh danh" and "trao danh hiệu cho 60 doanh nhân": one group
        if q.kind == "count" and context.one_of(doc.lower, m):
            among.append(m)
        same = by_fact.setdefault(context.fact_key(m.text), [])
        if not any(context.same_fact(m, sentence, seen, s) for seen, s in same):
            out.append(m)
            same.append((m, sentence))
    return out
