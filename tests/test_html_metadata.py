"""What an HTML page says about itself, on real pages: its address (og:url, canonical link), whether it is an article
or a home/section page of teasers (a listing), and which boxes inside it are teasers for other articles.

Pages: ../shared/corpus/html (saved real HTML, origins in its sources.tsv) and tests/fixtures/html (short excerpts
of real pages, each saying where it comes from).
"""
import json
from pathlib import Path

import pytest

from pipeline import extract
from pipeline.boilerplate import clean
from pipeline.boilerplate import html as H
from pipeline.ingest.load import decode

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT.parent / "shared" / "corpus" / "html"
FIXTURES = ROOT / "tests" / "fixtures" / "html"
HOMEPAGES = ["dantri.com.vn_home_scrapy.html", "dantri.com.vn_home_aspnet.html"]
SECTION_PAGES = ["sotttt.hanoi.gov.vn_index.html", "sotttt.hanoi.gov.vn_pho-sach-ha-noi.html",
                 "sotttt.hanoi.gov.vn_phong-chong-dich-benh-covid-19.html", "sotttt.hanoi.gov.vn_cong-khai-ngan-sach.html"]
ARTICLES = ["vnexpress.net_4954454.html", "moh.gov.vn_6848045-2.html", "sotttt.hanoi.gov.vn_chien-luoc-quy-hoach84a0.html",
            "sotttt.hanoi.gov.vn_chuc-nang-nhiem-vu.html", "sotttt.hanoi.gov.vn_don-vi-su-nghiep.html",
            "sotttt.hanoi.gov.vn_phong-bao-chi-xuat-ban.html", "sotttt.hanoi.gov.vn_lien-he.html"]


def _raw(name: str) -> str:
    path = HTML / name
    if not path.exists():
        pytest.skip(f"{path} absent")
    return decode(path.read_bytes())


def _copy(name: str, folder: Path, as_name: str | None = None) -> None:
    if not (HTML / name).exists():
        pytest.skip(f"{HTML / name} absent")
    (folder / (as_name or name)).write_bytes((HTML / name).read_bytes())


def _tree(name: str):
    tree = H._parse(_raw(name))
    H._unwrap_page_forms(tree)
    return tree


# -- the page's address ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, url", [
    ("vnexpress.net_4954454.html",
     "https://vnexpress.net/dau-bung-keo-dai-phat-hien-ung-thu-lymphoma-ruot-non-4954454.html"),  # og:url
    ("moh.gov.vn_6848045-2.html", "https://moh.gov.vn/-/6848045-2"),  # og:url and canonical link
    ("dantri.com.vn_home_scrapy.html", "https://dantri.com.vn/"),
    ("dantri.com.vn_home_aspnet.html", None),  # an og:url tag with no content
    ("sotttt.hanoi.gov.vn_chuc-nang-nhiem-vu.html", None),  # the mirror's relative canonical "chuc-nang-nhiem-vu.html"
])
def test_url_from_og_url_or_canonical_link(name, url):
    assert clean(_raw(name), "html").url == url


def test_a_relative_canonical_link_counts_against_a_known_address():
    page = clean(_raw("sotttt.hanoi.gov.vn_chuc-nang-nhiem-vu.html"), "html", url="https://sotttt.hanoi.gov.vn/x")
    assert page.url == "https://sotttt.hanoi.gov.vn/chuc-nang-nhiem-vu.html"


def test_record_url_comes_from_the_page_when_the_input_gives_none():
    raw = _raw("moh.gov.vn_6848045-2.html")
    assert extract(raw).url == "https://moh.gov.vn/-/6848045-2"
    assert extract(raw, url="https://moh.gov.vn/web/guest/-/6848045-2").url == "https://moh.gov.vn/web/guest/-/6848045-2"


def test_batch_records_of_html_files_carry_the_page_url(tmp_path):
    from pipeline.batch.run import run
    src = tmp_path / "in"
    src.mkdir()
    _copy("moh.gov.vn_6848045-2.html", src, "moh.html")
    run([src], tmp_path / "out", fmt="jsonl", workers=1)
    [record] = [json.loads(line) for line in (tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert record["url"] == "https://moh.gov.vn/-/6848045-2" and record["kind"] == "article"


# -- listings: home and section pages ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name, title", [
    ("dantri.com.vn_home_scrapy.html", "Tin tức Việt Nam và quốc tế nóng, nhanh, cập nhật 24h"),
    ("dantri.com.vn_home_aspnet.html", "Báo Dân trí – Thông tin mọi lúc, mọi nơi tới mọi người, mọi nhà"),
])
def test_homepages_are_listings_not_articles(name, title):
    page = clean(_raw(name), "html")
    assert page.kind == "listing" and page.blocks == [] and page.text == ""
    assert page.title == title  # the site's own name, not the first teaser's headline
    record = extract(_raw(name))
    assert record.kind == "listing" and record.attendees == [] and record.metrics == [] and record.entities == []


@pytest.mark.parametrize("name", SECTION_PAGES)
def test_section_pages_of_a_portal_are_listings(name):
    assert clean(_raw(name), "html").kind == "listing"


@pytest.mark.parametrize("name", ARTICLES)
def test_articles_and_static_pages_are_not_listings(name):
    # the MOH video article has almost no body and a "Tin đọc nhiều" column of teasers; it stays an article
    assert clean(_raw(name), "html").kind == "article"


def test_a_batch_reports_listings_as_errors_not_documents(tmp_path):
    from pipeline.batch.run import LISTING_REASON, run
    src = tmp_path / "in"
    src.mkdir()
    for name in HOMEPAGES + ["vnexpress.net_4954454.html"]:
        _copy(name, src)
    stats = run([src], tmp_path / "out", fmt="jsonl", workers=1)
    assert (stats.docs, stats.errors) == (1, 2)
    records = (tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(r)["doc_id"] for r in records] == ["vnexpress.net_4954454"]
    errors = [json.loads(e) for e in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(e["source"]).name for e in errors) == sorted(HOMEPAGES)
    assert all(e["reason"] == LISTING_REASON and e["reason"].startswith("listing page, not an article")
               for e in errors)
    assert [e.get("url") for e in errors if e["source"].endswith("scrapy.html")] == ["https://dantri.com.vn/"]


def test_an_aspnet_page_form_is_layout_not_a_form_to_skip():
    # ASP.NET WebForms wrap the whole page in <form id="aspnetForm">: before, nothing of the page was read
    tree = _tree("dantri.com.vn_home_aspnet.html")
    assert not tree.xpath("//form[@id='aspnetForm']") and len(H._headline_links(tree)) > 100


# -- teaser boxes inside the article container ---------------------------------------------------------------------
def test_related_news_box_inside_the_body_is_dropped():
    raw = (FIXTURES / "tuoitre_related_box.html").read_text(encoding="utf-8")
    page = clean(raw, "html")
    assert "Các bệnh viện đang ráo riết lập các hội đồng đấu thầu" not in page.text  # the teaser in RelatedNewsBox
    assert [b.kind for b in page.blocks] == ["lead", "caption"] + ["paragraph"] * 5
    assert page.blocks[2].text.startswith("Bộ Y tế đề xuất quỹ bảo hiểm y tế (BHYT) thanh toán chi phí thuốc")
    assert page.blocks[-1].text.endswith("đã trúng thầu tại cơ sở y tế sẽ được hoàn trả chi phí.")
    assert page.credits == ["NAM TRẦN"] and page.authors == []  # "… VssID - Ảnh: NAM TRẦN"
    assert page.blocks[1].text.endswith("qua ứng dụng VssID")


def test_teaser_lists_are_found_by_shape_not_by_class_name():
    # the Dân trí homepage's boxes are <ul class="ul3 mt2"> and <div class="box3 clearfix mb2" id="box3baitiep">:
    # nothing says "related"; the MOH page's "Tin đọc nhiều" column is a Liferay portlet column
    tree = _tree("dantri.com.vn_home_scrapy.html")
    for xpath in ("//ul[@class='ul3 mt2']", "//div[@id='box3baitiep']"):
        boxes = tree.xpath(xpath)
        assert boxes and all(H._is_teaser_list(el) and not H._is_chrome(el) for el in boxes), xpath
    moh = [el for el in _tree("moh.gov.vn_6848045-2.html").iter() if H._is_teaser_list(el)]
    assert any(H._text(el).startswith("Tin đọc nhiều") for el in moh)


@pytest.mark.parametrize("name", ["vnexpress.net_4954454.html", "sotttt.hanoi.gov.vn_chuc-nang-nhiem-vu.html",
                                  "sotttt.hanoi.gov.vn_phong-bao-chi-xuat-ban.html"])
def test_no_part_of_a_real_article_body_is_taken_for_a_teaser_list(name):
    tree = _tree(name)
    body, trusted = H._body(tree)
    assert trusted and not [el for el in body.iter() if H._is_teaser_list(el)]


@pytest.mark.parametrize("attrs, chrome", [
    ({"class": "VCSortableInPreviewMode alignRight", "type": "RelatedNewsBox"}, True),  # VCCorp's in-body box
    ({"class": "kbwscwl-relatedbox type-2 tuoitre"}, True),
    ({"class": "box-tinlienquanv2"}, True),
    ({"class": "readmore-body-box"}, True),
    ({"class": "relative flex"}, False),  # a layout class, not a related box
    ({"class": "detail-content afcbc-body", "data-role": "content"}, False),
])
def test_related_box_class_names(attrs, chrome):
    from lxml import etree
    assert H._is_chrome(etree.Element("div", attrs)) is chrome
