"""Boilerplate stage: a raw page (HTML or a text dump) into a Page: title, typed blocks, authors, publication date.

HTML goes through pipeline.boilerplate.html (per-CMS selectors, generic fallback) into lines; those lines and the
lines of text dumps share the rules of pipeline.boilerplate.lines (chrome, bylines, captions). Body text is never
rewritten.

>>> page = clean("Ký kết hợp tác giữa hai đơn vị năm 2024\\n\\nChiều 29/7, UBND tỉnh tổ chức lễ ký kết.\\n\\nHoàng Tùng")
>>> page.title, page.authors, [b.kind for b in page.blocks]
('Ký kết hợp tác giữa hai đơn vị năm 2024', ['Hoàng Tùng'], ['title', 'paragraph'])
"""
from __future__ import annotations

from pipeline.boilerplate.lines import Block, Page, clean_lines, text_lines

__all__ = ["Block", "Page", "clean"]


def clean(content: str, kind: str = "text", url: str | None = None) -> Page:
    """Main content of a page (`kind` "html") or a text dump of one (`kind` "text")."""
    if kind == "html":
        from pipeline.boilerplate.html import extract_html  # lxml is only needed for HTML

        return extract_html(content, url=url)
    return clean_lines(text_lines(content))
