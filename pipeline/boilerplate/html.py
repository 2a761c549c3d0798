"""Main-content extraction for HTML pages of Vietnamese government portals and state press.

A per-CMS selector layer (Liferay, SharePoint, Oracle WebCenter, VCCorp, baochinhphu, VnExpress…)
finds the article body, title, sapo (lead), date and byline; pages of unknown templates fall back
to the densest text block. The body is serialised to lines (block elements and <br> break lines,
tables become rows, figure captions are typed, lists of related-article teasers are left out) and handed to
pipeline.boilerplate.lines.clean_lines, which applies the same chrome/byline/credit rules as for text dumps.
The page's own address comes from og:url or its canonical link. Home and section pages (many teasers, no
article body) are told apart from articles: their Page has kind "listing" and no blocks.
"""
from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from pipeline.boilerplate.lines import Page, clean_lines, credit_line, is_date_line, parse_date
from pipeline.text.normalize import nfc

# Article bodies by CMS, most specific first. "Trusted" selectors are used even when the body
# is tiny (a Liferay video article whose body is only its date); the weak generic ones need prose.
_BODY_TRUSTED = [
    "#divArticleDescription", "[id$='RichHtmlField']", ".RichHtmlField", ".ms-rtestate-field",  # SharePoint
    ".detail-content", "[data-role='content']", ".knc-content",  # VCCorp (baochinhphu, vietnamplus…)
    ".article__body", ".cms-body", "article.fck_detail", ".fck_detail",  # new press CMS, VnExpress
    ".ContentDetail", ".content-detail", "#content-detail", ".news-content", ".tinchitiet",  # WebCenter & co
    ".asset-full-content .journal-content-article", ".journal-content-article", ".asset-full-content",  # Liferay
]
_BODY_WEAK = ["[itemprop='articleBody']", ".article-content", ".entry-content", ".post-content", ".content-news",
              "article", ".chitiet", ".noidung", "#content", ".content"]
_TITLE = ["h1.detail-title", ".detail-title", "h1.title-detail", "h1.article__title", ".article__title",
          ".asset-full-content-title", ".header-title", ".text-tletin-page", ".title-news", ".news-title",
          "[itemprop='headline']",
          # older table-layout portals name the cell after "tiêu đề" (title)
          ".tieude", ".tieu-de", ".TieuDe", ".tieude_tin", ".titleNews", ".title_news"]
_LEAD = [".detail-sapo", ".article__sapo", ".sapo", "p.description", ".description", ".summary",
         ".lead", ".chapeau", "[itemprop='description']"]
_DATE = [".detail-time", ".article__meta time", "time[datetime]", ".publish-date", ".publishdate", ".post-time",
         ".date-time", ".datetime", ".text-ngayxam-page", ".ngaydang", ".date", ".time", ".egov_date"]
_AUTHOR = [".detail-author", ".article__author", ".author-name", ".author", ".tacgia", ".news-author",
           "[rel='author']", ".view-content-author"]
_META_DATE = ["article:published_time", "datePublished", "pubdate", "og:published_time", "dc.date.issued",
              "dc.date", "date", "publishdate"]

_SKIP_TAGS = {"script", "style", "noscript", "iframe", "form", "button", "select", "input", "textarea", "svg",
              "nav", "aside", "footer", "header", "object", "embed", "video", "audio", "canvas", "map", "head"}
_BLOCK_TAGS = {"p", "div", "section", "article", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
               "blockquote", "pre", "dd", "dt", "dl", "center", "main", "tr", "td", "th", "figure", "hr"}
_CHROME_ATTR = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|print|toolbar|tools?|other-?news|see-?more|comments?|binh-?luan|banner|"
    r"adv|ads|advertis\w*|quang-?cao|qc|tags?|keywords?|tu-?khoa|breadcrumbs?|menu|navbar|nav|sidebar|footer|"
    r"rating|vote|poll|counter|thong-?ke|weblink|fontsize|font-size|zoom|audio|player|subscribe|hidden|hide|"
    r"sr-only)(?:$|[\s_-])"
    # related-news boxes also come glued to other words: "kbwscwl-relatedbox", "box-tinlienquanv2",
    # "readmore-body-box", VCCorp's type="RelatedNewsBox"
    r"|(?:^|[\s_-])(?:related|relate|lien-?quan|tin-?lien-?quan|tin-?khac|xem-?them|read-?more|doc-?them)", re.I)
_CAPTION_ATTR = re.compile(r"caption|image_desc|img-desc|photo-desc|PhotoCMS_Caption|fig-?desc|desc_img|^Image$",
                           re.I)


_SIMPLE = re.compile(r"([\w*-]+)|\.([\w-]+)|#([\w-]+)|\[([\w:-]+)(?:([$]?=)'([^']*)')?\]")


@lru_cache(maxsize=None)
def _xpath(selector: str) -> etree.XPath:
    """The few CSS forms used here (tag, .class, #id, [a], [a='v'], [a$='v'], descendants) as XPath:
    lxml's own cssselect needs an extra package."""
    steps = []
    for part in selector.split():
        tag, conds = "*", []
        for t, cls, id_, attr, op, val in _SIMPLE.findall(part):
            if t:
                tag = t
            elif cls:
                conds.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')")
            elif id_:
                conds.append(f"@id='{id_}'")
            elif op == "=":
                conds.append(f"@{attr}='{val}'")
            elif op == "$=":
                conds.append(f"substring(@{attr}, string-length(@{attr}) - {len(val) - 1})='{val}'")
            else:
                conds.append(f"@{attr}")
        steps.append(tag + "".join(f"[{c}]" for c in conds))
    return etree.XPath("//" + "//".join(steps))


def _select(tree, selector: str) -> list:
    return _xpath(selector)(tree)


def _attr(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('type') or ''}".strip()


def _is_chrome(el) -> bool:
    return bool(_CHROME_ATTR.search(_attr(el))) or (el.get("style") or "").replace(" ", "").find("display:none") >= 0


def _text(el) -> str:
    return nfc(re.sub(r"\s+", " ", el.text_content())).strip()


def _first(tree, selectors: list[str]):
    for sel in selectors:
        for el in _select(tree, sel):
            if _text(el):
                return el
    return None


class _TooDeep(Exception):
    """The markup is nested deeper than the parser goes: the tree it built lacks the text inside."""


def _parse(content: str):
    content = re.sub(r"^\s*<\?xml[^>]*\?>", "", content)
    # A stray </p> (hand-edited bodies of old portals: "…năm 2012</p> Nội dung:</p>") ends a paragraph on screen,
    # since HTML's parsing rules make it an empty <p>; lxml drops it, so a <br> marks the break.
    content = re.sub(r"</p\s*>", "<br></p>", content, flags=re.I)
    # huge_tree: markup nested deeper than libxml2's 256 levels (pages built of nested tables and divs) parses,
    # up to its limit of a few thousand; a parser per page, as its error log tells whether that limit was hit
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        tree = lxml.html.document_fromstring(content, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise _TooDeep
    return tree


def _table_rows(table) -> list[tuple[str, str]]:
    """A data table as rows of text; an image-with-caption table as its caption."""
    if table.xpath(".//img") and len(table.xpath(".//tr")) <= 3:
        text = _text(table)
        return [(text, "caption")] if text else []
    rows = []
    for tr in (tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table):
        cells = [_text(c) for c in tr.xpath("./td|./th")]
        cells = [c for c in cells if c]
        if cells:
            rows.append((" | ".join(cells), "table"))
    return rows


def _is_layout_table(table) -> bool:
    # Old portals wrap the whole article in a table: long prose or paragraphs in cells.
    return bool(table.xpath(".//p|.//div[string-length(normalize-space()) > 200]")) or \
        any(len(_text(td)) > 400 for td in table.xpath(".//td"))


_TEASER_WORDS = 4  # a link this long reads as a headline ("Thủ tướng thăm cửa khẩu Thanh Thủy"), not a word link
_LIST_TAGS = {"ul", "ol", "dl", "div", "section", "aside", "table"}
_LISTING_TEASERS = 10  # headline links on a page before it may be a listing
_LISTING_PROSE = 500  # prose (paragraph and lead characters) of a teaser box taken for a body, at most
_LISTING_RATIO = 5  # on an undated page, teasers outweighing the body's prose this many times make a listing


def _headline_links(el) -> dict[str, str]:
    """href → text of the links under `el` whose text is headline-long."""
    out = {}
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript")) and href not in out:
            text = _text(a)
            if _TEASER_WORDS <= len(text.split()) <= 40:
                out[href] = text
    return out


def _is_teaser_list(el) -> bool:
    """A box of links to other articles (a related-news list with neither a heading nor a telling class name):
    two or more headline links that make up nearly all of its text."""
    if not isinstance(el.tag, str) or el.tag.lower() not in _LIST_TAGS or len(el.xpath(".//a[@href]")) < 2:
        return False
    links = _headline_links(el)
    return len(links) >= 2 and sum(map(len, links.values())) >= 0.8 * len(_text(el))


def _lines(root) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    buf: list[str] = []

    def flush(kind: str | None = None):
        for line in nfc("".join(buf)).split("\n"):
            line = re.sub(r"[ \t\r\f\v]+", " ", line).strip()
            if line:
                out.append((line, kind))
        buf.clear()

    def text(s: str | None, pre: bool) -> str:
        # a line break in the markup is a space on the page (pretty-printed HTML wraps paragraphs); only <br>,
        # block elements and <pre> break lines
        return (s or "") if pre else (s or "").replace("\r", " ").replace("\n", " ")

    # the tree is walked in document order with a stack, not by recursion: markup nests thousands deep
    _LEAVE = object()
    stack: list[tuple] = [(root, False, None)]  # (element, inside <pre>, None) to enter; (…, _LEAVE, block) to leave
    while stack:
        el, pre, *leave = stack.pop()
        if leave[0] is _LEAVE:
            if leave[1]:
                flush()
            if el is not root:
                buf.append(text(el.tail, pre))
            continue
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if tag is None or tag in _SKIP_TAGS or (el is not root and (_is_chrome(el) or _is_teaser_list(el))):
            pass
        elif tag == "br":
            buf.append("\n")
        elif tag == "table" and not _is_layout_table(el):
            flush()
            out.extend(_table_rows(el))
        elif tag in ("figcaption",) or _CAPTION_ATTR.search(_attr(el)):
            flush()
            buf.append(text(el.text_content(), pre))
            flush("caption")
        else:
            block = tag in _BLOCK_TAGS
            pre = pre or tag == "pre"
            if block:
                flush()
            buf.append(text(el.text, pre))
            stack.append((el, pre, _LEAVE, block))  # after its children: end the block, then its tail
            stack.extend((child, pre, None) for child in reversed(el))
            continue
        if el is not root:
            buf.append(text(el.tail, pre))
    flush()
    return out


def _in_chrome(el) -> bool:
    return any(_is_chrome(a) or (isinstance(a.tag, str) and a.tag.lower() in _SKIP_TAGS)
               for a in el.iterancestors())


def _densest(tree):
    """Generic fallback: the element whose own paragraphs hold the most text."""
    scores: dict = {}
    for el in tree.iter("p", "div", "td", "span", "font"):
        own = (el.text or "") + "".join(c.tail or "" for c in el)
        if el.tag == "p":
            own = el.text_content()
        n = len(own.strip())
        if n < 25 or _in_chrome(el):
            continue
        target = el.getparent() if el.tag == "p" else el
        if target is None:
            continue
        scores[target] = scores.get(target, 0) + n
        grand = target.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + n // 3
    return max(scores, key=scores.get) if scores else None


def _body(tree):
    """The article body and whether a CMS's own selector found it (else a weak selector or the densest block)."""
    for sel in _BODY_TRUSTED:
        found = [el for el in _select(tree, sel) if _text(el)]
        if found:
            return max(found, key=lambda el: len(_text(el))), True
    for sel in _BODY_WEAK:
        found = [el for el in _select(tree, sel) if len(_text(el)) >= 300 and not _in_chrome(el)]
        if found:
            return max(found, key=lambda el: len(_text(el))), False
    return _densest(tree), False


def _meta(tree, names: list[str]) -> str | None:
    for name in names:
        for m in tree.xpath(f"//meta[@property='{name}' or @name='{name}' or @itemprop='{name}']"):
            if m.get("content"):
                return nfc(m.get("content")).strip()
    return None


def _published(tree) -> str | None:
    for value in filter(None, [_meta(tree, _META_DATE)]):
        iso = parse_date(value)
        if iso:
            return iso
    for sel in _DATE:
        for el in _select(tree, sel):
            iso = parse_date(el.get("datetime") or _text(el))
            if iso:
                return iso
    return None


def _title(tree) -> str | None:
    el = _first(tree, _TITLE)
    if el is not None:
        return _text(el)
    og = _meta(tree, ["og:title", "twitter:title"])
    if og:  # "<headline> - <site name>"
        return re.split(r"\s+[|–-]\s+", og)[0].strip()
    for h1 in _select(tree, "h1"):
        if _text(h1) and not _is_chrome(h1) and not _in_chrome(h1):
            return _text(h1)
    return None


def _page_url(tree, base: str | None) -> str | None:
    """The address the page gives itself: og:url, else its canonical link. A relative one (a mirror's
    "index.html") counts only against a known base address."""
    links = tree.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href")
    for value in (_meta(tree, ["og:url"]), *links):
        value = urljoin(base, value.strip()) if base and value else (value or "").strip()
        if re.match(r"https?://[^/\s]+", value, re.I):
            return value
    return None


def _unwrap_page_forms(tree) -> None:
    """ASP.NET WebForms pages sit inside one <form> (id "aspnetForm"): that form is the page's layout, not a form
    to skip with its content."""
    whole = len(tree.text_content())
    for form in tree.iter("form"):
        if len(form.text_content()) >= whole / 2:
            form.tag = "div"


def _is_listing(tree, body, trusted: bool, page: Page) -> bool:
    """A home or section page: many headline links, no body a CMS marks as an article, and either no body at all,
    a short body that is one of a run of alike teaser boxes, or, on an undated page, teasers whose text outweighs
    the body's prose. A short article keeps its date, so a heavy sidebar alone never makes it a listing."""
    if trusted:
        return False
    teasers = _headline_links(tree)
    if len(teasers) < _LISTING_TEASERS:
        return False
    if body is None:
        return True
    prose = sum(len(b.text) for b in page.blocks if b.kind in ("paragraph", "lead"))
    cls = body.get("class")
    if prose < _LISTING_PROSE and cls and len(tree.xpath(f"//{body.tag}[@class=$c]", c=cls)) >= 3:
        return True  # the "body" is one of N teaser boxes
    return page.published is None and prose * _LISTING_RATIO < sum(map(len, teasers.values()))


def _site_title(tree) -> str | None:
    """A listing's own name (og:title or <title>), not the first teaser's headline."""
    title = _meta(tree, ["og:title"]) or tree.findtext(".//title") or ""
    return nfc(" ".join(title.split())) or None


class _MarkupText(HTMLParser):
    """The text of markup read as a stream of tags (Python's own tokenizer: no tree, so no nesting limit): block
    tags and <br> break lines; scripts and styles are no text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._raw = 0  # inside <script>/<style>

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._raw += 1
        elif tag == "br" or tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._raw = max(0, self._raw - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._raw:
            self.parts.append(data.replace("\r", " "))


_TOO_DEEP_NOTE = "HTML nested deeper than the parser's limit: read as text with the markup stripped"


def _too_deep(content: str) -> Page:
    """A page the parser cannot nest: its text from the markup stripped, with a note saying so (the page layout,
    so the title, byline and chrome of the template, is not read)."""
    reader = _MarkupText()
    reader.feed(content)
    reader.close()
    page = clean_lines([re.sub(r"[ \t\f\v]+", " ", line).strip() for line in nfc("".join(reader.parts)).split("\n")])
    page.notes.append(_TOO_DEEP_NOTE)
    return page


def extract_html(content: str, url: str | None = None) -> Page:
    try:
        tree = _parse(content)
    except _TooDeep:
        return _too_deep(content)
    if tree is None:
        return clean_lines([])
    _unwrap_page_forms(tree)
    body, trusted = _body(tree)
    title = _title(tree)
    lead_el = _first(tree, _LEAD)
    lines: list[tuple[str, str | None]] = []
    if lead_el is not None and (body is None or lead_el not in body.iter()):
        lines += [(t, "lead") for t, _ in _lines(lead_el)]
    if body is not None:
        lines += [(t, k) for t, k in _lines(body) if t != title]
    credits: list[tuple[str, str]] = []
    author_el = _first(tree, _AUTHOR)
    if author_el is not None and (body is None or author_el not in body.iter()):
        who = _text(author_el)
        if 0 < len(who) <= 80 and not is_date_line(who):
            credits = credit_line(who) or [("authors", who)]  # "Theo Newsweek" in the byline slot is a source
    page = clean_lines([t for t, _ in lines], title=title or None, published=_published(tree), credits=credits,
                       kinds=[k for _, k in lines])
    page.url = _page_url(tree, url)
    if _is_listing(tree, body, trusted, page):  # no article: no text, and no byline read off a teaser
        return Page(_site_title(tree), published=page.published, url=page.url, kind="listing")
    return page
