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


def _metric(q: Quantity, span: Span, sentence: str, low: str, periods: context.PeriodIndex, cuts) -> Metric:
    a, b = span
    offset = q.start - a
    qualifier, comparator = (None, None) if q.range_role == "to" else context.qualifier(sentence, low, offset)
    return Metric(text=q.text, value=q.value, unit=q.unit, qualifier=qualifier, comparator=comparator,
                  scale=q.scale, value_normalized=q.value_normalized, currency=q.currency, total=q.total, per=q.per,
                  range=q.range_role, subject=context.subject(sentence, low, offset, cuts),
                  period=periods.period_of(offset), change=context.change(low, offset),
                  start=q.start, end=q.end, sentence=sentence.strip())


def _same_count(a: Metric, b: Metric) -> bool:
    return a.value == b.value and key(a.unit) == key(b.unit)


def find_metrics(doc: Document) -> list[Metric]:
    """Every metric of the page (see pipeline.metrics.quantities for what counts), in text order."""
    quantities = find_quantities(doc.text, doc.lower)
    if not quantities:
        return []
    spans = doc.sentences or ((0, len(doc.text)),)
    # per sentence, as it is read once for all its figures (a sentence often holds several): its text, lower-case
    # view, periods and clause cuts
    read: dict[Span, tuple[str, str, context.PeriodIndex, tuple]] = {}
    out: list[Metric] = []
    # a repeated fact has the same figure and head noun, and is stated in another sentence (context.same_fact):
    # fact key -> sentence -> the facts kept there
    by_fact: dict[str, dict[int, list[Metric]]] = {}
    among: list[Metric] = []  # the groups a page names as "một trong N …" (one of the N)
    echoes: set[tuple[int, str]] = set()  # (sentence, context.echo) of the kept metrics
    by_value: dict[float, list[Metric]] = {}  # the kept metrics by value: a look-up, not a scan of every one (issue 16)
    lead_end = context.lead_end(doc.text)
    lead: dict[str, list[Metric]] = {}  # the kept metrics of the headline and lead, by fact key
    i = 0
    for q in quantities:
        while i + 1 < len(spans) and spans[i][1] <= q.start:
            i += 1
        inside = spans[i][0] <= q.start < spans[i][1]
        span = spans[i] if inside else (q.start, q.end)
        if span not in read:
            low = doc.lower[span[0]:span[1]]
            said = doc.text[span[0]:span[1]]
            read[span] = (said, low, context.PeriodIndex(said, context.periods(low)), context.clause_cuts(low))
        m = _metric(q, span, *read[span])
        if q.range_role == "to" and out and out[-1].range == "from":
            prev = out[-1]  # "tăng từ 5% đến 7%": the ends share their context
            m.subject, m.period, m.change = m.subject or prev.subject, m.period or prev.period, m.change or prev.change
        sentence = i if inside else -1 - len(out)  # a figure outside every sentence is its own
        kept = by_value.get(m.value, ())
        if q.kind == "count" and context.refers_back(doc.lower, m) \
                and (context.said_above(doc.lower, m) or any(_same_count(o, m) for o in kept)):
            continue
        if q.kind == "scale" and any(key(o.unit).startswith(key(m.unit) + " ") for o in kept):
            continue  # "tổng tài sản 1 triệu tỷ đồng … doanh nghiệp 1 triệu tỷ duy nhất": the amount named again, bare
        if q.kind == "count" and (context.one_of(doc.lower, m) and any(_same_count(o, m) for o in kept)
                                  or any(_same_count(o, m) for o in among)):
            continue  # "là một trong 60 doanh nhân được vinh danh" and "trao danh hiệu cho 60 doanh nhân": one group
        if q.kind == "count" and context.one_of(doc.lower, m):
            among.append(m)
        if (said := context.echo(doc.lower, m)) is not None:
            if (sentence, said) in echoes:
                continue  # the clause copied twice into one sentence
            echoes.add((sentence, said))
        fk = context.fact_key(m.text)
        if m.start >= lead_end and any(context.restates(o, m) for o in lead.get(fk, ())):
            continue  # the headline or lead states the fact the body gives again in its own words
        same = by_fact.setdefault(fk, {})
        if not any(context.same_fact(m, sentence, seen, s) for s, there in same.items() if s != sentence
                   for seen in there):  # (never the same fact within one sentence)
            out.append(m)
            if m.start < lead_end:
                lead.setdefault(fk, []).append(m)
            same.setdefault(sentence, []).append(m)
            by_value.setdefault(m.value, []).append(m)
    return out
