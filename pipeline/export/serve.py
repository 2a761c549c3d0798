"""`vngov serve OUT`: the SQLite tables (pipeline.export.sqlite) browsed in Datasette on 127.0.0.1.

What it adds to plain Datasette: facets (province, meeting type, date …) and labels from METADATA; canned queries
("meetings attended by …", "metrics about … by province"); `vn_key()` in SQL (the folded name key, so a look-up by
any spelling of a name works); and a person's page (the `people` row page, templates/row-vngov-people.html) that
lists their posts and the meetings and pages they are on, each linked to the page's row.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from datasette import hookimpl

from pipeline.text.normalize import key

DATABASE = "vngov"  # Datasette names a database after its file (pipeline.export.tables.SQLITE_FILE)
TEMPLATES = Path(__file__).with_name("templates")

_MEETINGS_OF = """select coalesce(m.date, d.published_date, m.date_text) as date, m.type,
  coalesce(m.title, d.title) as title,
  a.roles, coalesce(m.province, d.province) as province, a.doc_id
from attendees a join documents d on d.doc_id = a.doc_id
left join meetings m on m.doc_id = a.doc_id and m.meeting_idx = 0
where a.person_id = :person_id
order by coalesce(m.date, d.published_date) is null, coalesce(m.date, d.published_date), a.doc_id"""

METADATA = {
    "title": "vngov-extract",
    "description": "Meetings, attendees with their posts, and metrics extracted from Vietnamese government news pages."
                   " A person's page (people → a name) lists their posts and the meetings they attended.",
    "databases": {DATABASE: {"tables": {
        "documents": {"label_column": "title", "facets": ["province", {"date": "published_date"}],
                      "description": "One row per page; search its title and text with the box above."},
        "meetings": {"label_column": "title", "facets": ["type", "province", {"date": "date"}]},
        "attendees": {"label_column": "name", "facets": [{"array": "roles"}]},
        "positions": {"facets": ["province", "role"]},
        "people": {"label_column": "name", "sort_desc": "article_count", "facets": [{"array": "provinces"}],
                   "description": "One row per person across pages; open one for their posts and meetings."},
        "careers": {"label_column": "post", "facets": ["province", "role"]},
        "metrics": {"label_column": "text", "facets": ["currency", "unit", "province", "year"]},
        "places": {"label_column": "text", "facets": ["level", "province", "province_today"]},
        "entities": {"label_column": "text", "facets": ["label"]},
    }, "queries": {
        "meetings_attended_by": {
            "title": "Meetings attended by …",
            "description": "Every meeting a person (any spelling of the name) attended, with their roles.",
            "sql": "select p.name, coalesce(m.date, d.published_date) as date, m.type, "
                   "coalesce(m.title, d.title) as title, a.roles, coalesce(m.province, d.province) as province, "
                   "a.doc_id, p.person_id\n"
                   "from people p join attendees a on a.person_id = p.person_id "
                   "join documents d on d.doc_id = a.doc_id\n"
                   "left join meetings m on m.doc_id = a.doc_id and m.meeting_idx = 0\n"
                   "where p.name_key = vn_key(:name)\norder by date is null, date, a.doc_id"},
        "metrics_by_province": {
            "title": "Metrics about … by province",
            "description": "Figures whose subject or sentence mentions a word (any case or tone placement), summed "
                           "by province, year and currency (value_normalized: 60 tỷ đồng = 60000000000).",
            "sql": "select province, year, currency, count(*) as figures, sum(value_normalized) as total, "
                   "group_concat(distinct doc_id) as pages\n"
                   "from metrics\nwhere province is not null and (vn_key(subject) like '%' || vn_key(:about) || '%' "
                   "or vn_key(sentence) like '%' || vn_key(:about) || '%')\n"
                   "group by province, year, currency\norder by province, year, currency"},
    }}},
}


@hookimpl
def prepare_connection(conn):
    conn.create_function("vn_key", 1, lambda s: None if s is None else key(s), deterministic=True)


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if view_name != "row" or table != "people" or database != DATABASE:
        return {}

    async def person():
        from datasette.utils import tilde_decode, tilde_encode
        person_id = tilde_decode(request.url_vars["pks"])
        db = datasette.get_database(database)
        name = await db.execute("select name from people where person_id = :p", {"p": person_id})
        careers = await db.execute("select post, province, province_today, first_seen, last_seen, n_pages "
                                   "from careers where person_id = :p order by first_seen is null, first_seen, "
                                   "career_idx", {"p": person_id})
        meetings = await db.execute(_MEETINGS_OF, {"person_id": person_id})
        # people of the same name kept apart (no page links their posts): a user decides whether they are one
        namesakes = await db.execute("select person_id, positions, article_count from people where name_key = "
                                     "(select name_key from people where person_id = :p) and person_id != :p "
                                     "order by article_count desc", {"p": person_id})
        rows = []
        for r in meetings.rows:
            m = dict(r)
            m["roles"] = ", ".join(json.loads(m["roles"] or "[]"))
            m["link"] = datasette.urls.row(database, "documents", tilde_encode(m["doc_id"]))
            rows.append(m)
        others = [{"link": datasette.urls.row(database, "people", tilde_encode(r["person_id"])),
                   "positions": ", ".join(json.loads(r["positions"] or "[]")) or "no title given",
                   "pages": r["article_count"]} for r in namesakes.rows]
        return {"person_name": name.first()[0] if name.rows else person_id, "person_namesakes": others,
                "person_careers": [dict(r) for r in careers.rows], "person_meetings": rows}
    return person


def person_path(person_id: str) -> str:
    """The path of a person's page."""
    from datasette.utils import tilde_encode
    return f"/{DATABASE}/people/{quote(tilde_encode(person_id))}"


def serve(db: Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Run Datasette on `db` until interrupted."""
    import asyncio
    import sys

    import uvicorn
    from datasette.app import Datasette
    from datasette.plugins import pm

    if not pm.is_registered(sys.modules[__name__]):  # this module's hooks are the plugin
        pm.register(sys.modules[__name__], name="vngov")
    ds = Datasette(immutables=[str(db)], metadata=METADATA, template_dir=str(TEMPLATES),
                   settings={"sql_time_limit_ms": 5000, "facet_time_limit_ms": 1000, "default_page_size": 50})
    asyncio.run(ds.invoke_startup())
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
