"""The real-MediaWiki test bed and the fault proxy, checked with plain requests.

These tests pin down what the integration tests of the client rely on: the
wiki's entry points, the fixture content, forced maxlag, the maintenance
helpers and every fault the proxy can inject. No wikireuse code is involved.
"""

from __future__ import annotations

import email.utils
import itertools
import struct
import subprocess
import zlib
from typing import Any

import pytest
import requests

from tests.conftest import skip_or_fail
from tests.support import fixtures
from tests.support.faultproxy import MAX_STALL, UA_POLICY_BODY, Fault, running_proxy
from tests.support.mediawiki import MediaWiki

UA = "wikireuse-testbed/1.0 (https://example.net/; tests@wikireuse.invalid)"


def api(wiki: MediaWiki, **params: str) -> dict[str, Any]:
    """GET the Action API with *params*; return the decoded JSON."""
    query = {"format": "json", "formatversion": "2", **params}
    resp = requests.get(
        wiki.api_url, params=query, headers={"User-Agent": UA}, timeout=30
    )
    assert 200 == resp.status_code
    data: dict[str, Any] = resp.json()
    return data


def one_page(wiki: MediaWiki, title: str, **params: str) -> dict[str, Any]:
    """Query one page by title and return its page object."""
    pages = api(wiki, action="query", titles=title, **params)["query"]["pages"]
    assert 1 == len(pages)
    page: dict[str, Any] = pages[0]
    return page


# --- fixture content (pure) -----------------------------------------------------


def test_png_is_valid_and_wide_enough_for_pageimages() -> None:
    """The fixture PNG has a valid signature, CRCs and a 200x150 header."""
    data = fixtures.png_bytes()
    assert b"\x89PNG\r\n\x1a\n" == data[:8]
    pos, kinds = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) == crc
        kinds.append(kind)
        pos += 12 + length
    assert (200, 150) == struct.unpack(">II", data[16:24])
    assert [b"IHDR", b"IDAT", b"IEND"] == [k for k in kinds if k != b"tEXt"]


def test_export_lists_every_fixture_title_once() -> None:
    """The XML export holds each fixture page once, fillers included."""
    xml = fixtures.export_xml()
    for title in (fixtures.ARTICLE, fixtures.HISTORY_PAGE, *fixtures.FILLER_TITLES):
        assert 1 == xml.count(f"<title>{title}</title>")


# --- the running wiki -----------------------------------------------------------


@pytest.mark.mediawiki
def test_siteinfo_reports_licence_extensions_and_wikimedia_like_paths(
    mediawiki: MediaWiki,
) -> None:
    """Siteinfo shows CC BY-SA 4.0, the enabled extensions and /w, /wiki paths."""
    query = api(
        mediawiki,
        action="query",
        meta="siteinfo",
        siprop="general|rightsinfo|extensions",
    )["query"]
    assert {
        "url": "https://creativecommons.org/licenses/by-sa/4.0/",
        "text": "Creative Commons Attribution-Share Alike 4.0",
    } == query["rightsinfo"]
    general = query["general"]
    assert general["generator"].startswith("MediaWiki 1.")
    assert ("/wiki/$1", "/w") == (general["articlepath"], general["scriptpath"])
    assert mediawiki.base_url == general["server"]
    names = {ext["name"] for ext in query["extensions"]}
    assert {
        "Cite",
        "CiteThisPage",
        "ParserFunctions",
        "TextExtracts",
        "PageImages",
    } <= names


@pytest.mark.mediawiki
def test_article_url_serves_the_rendered_article(mediawiki: MediaWiki) -> None:
    """/wiki/<title> (the router) serves the article's HTML page."""
    resp = requests.get(mediawiki.article_url + "Ada_Lovelace", timeout=30)
    assert 200 == resp.status_code
    assert "<title>Ada Lovelace - TestWiki</title>" in resp.text


@pytest.mark.mediawiki
def test_article_has_infobox_refs_sections_category_and_lead_image(
    mediawiki: MediaWiki,
) -> None:
    """The article renders an infobox, a reused named ref, sections, categories."""
    parsed = api(
        mediawiki,
        action="parse",
        page=fixtures.ARTICLE,
        prop="text|sections|categories|images",
    )["parse"]
    html = parsed["text"]
    assert 'class="infobox vcard"' in html
    assert 'class="references"' in html
    assert 3 == html.count('href="#cite_note-notes-1"')  # one named ref, used 3x
    assert [("2", "Early years"), ("2", "The Notes"), ("3", "Note G")] == [
        (s["level"], s["line"]) for s in parsed["sections"][:3]
    ]
    assert {"Mathematicians", "Test_articles"} == {
        c["category"] for c in parsed["categories"]
    }
    page = one_page(
        mediawiki, fixtures.ARTICLE, prop="pageimages|extracts", explaintext="1"
    )
    assert "Analytical_Engine.png" == page["pageimage"]
    assert "Ada Lovelace (1815–1852) was an English mathematician" in page["extract"]


@pytest.mark.mediawiki
def test_redirect_resolves_to_the_article(mediawiki: MediaWiki) -> None:
    """The redirect page resolves to the article."""
    query = api(mediawiki, action="query", titles=fixtures.REDIRECT, redirects="1")
    assert [{"from": "Lovelace", "to": "Ada Lovelace"}] == query["query"]["redirects"]


@pytest.mark.mediawiki
def test_history_page_keeps_the_three_local_users(mediawiki: MediaWiki) -> None:
    """Imported revisions keep Alice, Bob and Carol (not "imported>Name")."""
    page = one_page(
        mediawiki,
        fixtures.HISTORY_PAGE,
        prop="revisions",
        rvprop="user|flags",
        rvlimit="max",
    )
    assert [("Carol", True), ("Bob", False), ("Alice", False)] == [
        (r["user"], r["minor"]) for r in page["revisions"]
    ]


@pytest.mark.mediawiki
def test_busy_page_has_many_revisions(mediawiki: MediaWiki) -> None:
    """The busy page has enough revisions to need rvlimit continuation."""
    page = one_page(mediawiki, fixtures.BUSY_PAGE, prop="revisions", rvlimit="max")
    assert fixtures.BUSY_REVISIONS == len(page["revisions"])


@pytest.mark.mediawiki
def test_disambiguation_page_has_page_property_and_category(
    mediawiki: MediaWiki,
) -> None:
    """__DISAMBIG__ sets the "disambiguation" page property, the template a category."""
    page = one_page(mediawiki, fixtures.DISAMBIG_PAGE, prop="pageprops|categories")
    assert "" == page["pageprops"]["disambiguation"]
    assert [{"ns": 14, "title": "Category:Disambiguation pages"}] == page["categories"]
    article = one_page(mediawiki, fixtures.ARTICLE, prop="pageprops")
    assert "disambiguation" not in article.get("pageprops", {})


@pytest.mark.mediawiki
def test_non_english_pages(mediawiki: MediaWiki) -> None:
    """The German page has page language de; the French one a display title."""
    german = one_page(mediawiki, fixtures.GERMAN_PAGE, prop="info")
    assert ("de", "de") == (german["pagelanguage"], german["pagelanguagehtmlcode"])
    french = one_page(
        mediawiki, fixtures.FRENCH_PAGE, prop="info", inprop="displaytitle"
    )
    assert "<i>Machine analytique</i>" == french["displaytitle"]


@pytest.mark.mediawiki
def test_uploaded_image_carries_licence_template_and_metadata(
    mediawiki: MediaWiki,
) -> None:
    """The file page transcludes {{CC-BY-SA-4.0}}; the PNG keeps its tEXt data."""
    page = one_page(
        mediawiki,
        fixtures.IMAGE_FILE,
        prop="revisions|imageinfo|templates|categories",
        rvprop="content|user",
        rvslots="main",
        iiprop="size|user|commonmetadata",
    )
    revision = page["revisions"][0]
    assert "Alice" == revision["user"]
    assert "{{CC-BY-SA-4.0}}" in revision["slots"]["main"]["content"]
    assert [{"ns": 10, "title": "Template:CC-BY-SA-4.0"}] == page["templates"]
    assert [{"ns": 14, "title": "Category:CC-BY-SA-4.0 files"}] == page["categories"]
    info = page["imageinfo"][0]
    assert (200, 150) == (info["width"], info["height"])
    meta = {m["name"]: m["value"] for m in info["commonmetadata"]}
    assert "Alice, wikireuse test fixture" == meta["Artist"][0]["value"]


@pytest.mark.mediawiki
def test_filler_category_has_all_generated_pages(mediawiki: MediaWiki) -> None:
    """All 120 filler pages exist and sit in their category."""
    members = api(
        mediawiki,
        action="query",
        list="categorymembers",
        cmtitle="Category:Filler pages",
        cmlimit="max",
    )["query"]["categorymembers"]
    assert sorted(fixtures.FILLER_TITLES) == sorted(m["title"] for m in members)


@pytest.mark.mediawiki
def test_cite_this_page_gives_a_citation(mediawiki: MediaWiki) -> None:
    """Special:CiteThisPage shows the extension's default message, not a local one."""
    page = one_page(mediawiki, fixtures.ARTICLE, prop="info")
    override = one_page(mediawiki, "MediaWiki:Citethispage-content")
    assert override.get("missing") is True  # no local override on the test wiki
    # The same query as the "Cite this page" link in the sidebar.
    params = {
        "title": "Special:CiteThisPage",
        "page": fixtures.ARTICLE,
        "wpFormIdentifier": "titleform",
    }
    resp = requests.get(mediawiki.index_url, params=params, timeout=30)
    assert 200 == resp.status_code
    assert f"<li>Page Version ID: {page['lastrevid']}</li>" in resp.text
    assert "<li>Author: TestWiki contributors</li>" in resp.text
    assert 'id="BibTeX_entry"' in resp.text


@pytest.mark.mediawiki
def test_rest_page_html_revalidates_with_etag(mediawiki: MediaWiki) -> None:
    """REST /html (Parsoid) sends an ETag and answers 304 to If-None-Match."""
    url = f"{mediawiki.rest_url}/v1/page/Ada_Lovelace/html"
    first = requests.get(url, timeout=30)
    assert 200 == first.status_code
    assert "mw:Transclusion" in first.text
    etag = first.headers["ETag"]
    second = requests.get(url, headers={"If-None-Match": etag}, timeout=30)
    assert (304, b"") == (second.status_code, second.content)


@pytest.mark.mediawiki
def test_rest_compare_works_with_wikidiff2(mediawiki: MediaWiki) -> None:
    """REST revision compare answers (it needs php-wikidiff2)."""
    modules = subprocess.run(["php", "-m"], capture_output=True, text=True, check=True)
    if "wikidiff2" not in modules.stdout.split():
        skip_or_fail("php-wikidiff2 is not installed")
    page = one_page(mediawiki, fixtures.HISTORY_PAGE, prop="revisions", rvlimit="2")
    new, old = (r["revid"] for r in page["revisions"])
    resp = requests.get(
        f"{mediawiki.rest_url}/v1/revision/{old}/compare/{new}", timeout=30
    )
    assert 200 == resp.status_code
    assert new == resp.json()["to"]["id"]


# --- maxlag ---------------------------------------------------------------------


@pytest.mark.mediawiki
def test_maxlag_minus_one_always_fails(mediawiki: MediaWiki) -> None:
    """maxlag=-1 gives a real maxlag error with Retry-After and X-Database-Lag."""
    resp = requests.get(
        mediawiki.api_url,
        params={
            "action": "query",
            "meta": "siteinfo",
            "maxlag": "-1",
            "format": "json",
        },
        timeout=30,
    )
    assert ("maxlag", "5", "0") == (
        resp.headers["MediaWiki-API-Error"],
        resp.headers["Retry-After"],
        resp.headers["X-Database-Lag"],
    )
    assert "maxlag" == resp.json()["error"]["code"]


@pytest.mark.mediawiki
def test_fake_lag_file_simulates_replication_lag(mediawiki: MediaWiki) -> None:
    """set_lag(9) makes maxlag=5 fail with lag 9; set_lag(None) clears it."""
    params = {"action": "query", "meta": "siteinfo", "maxlag": "5", "format": "json"}
    try:
        mediawiki.set_lag(9)
        lagged = requests.get(mediawiki.api_url, params=params, timeout=30)
    finally:
        mediawiki.set_lag(None)
    error = lagged.json()["error"]
    assert ("maxlag", 9, "fake-replica") == (error["code"], error["lag"], error["host"])
    assert "9" == lagged.headers["X-Database-Lag"]
    fine = requests.get(mediawiki.api_url, params=params, timeout=30)
    assert "error" not in fine.json()


# --- maintenance helpers -------------------------------------------------------


@pytest.mark.mediawiki
def test_edit_helper_creates_and_changes_a_page(mediawiki: MediaWiki) -> None:
    """edit() saves new revisions under the given user and summary."""
    title = "Testbed scratch"
    mediawiki.edit(title, "first", user="Bob", summary="start")
    mediawiki.edit(title, "second", user="Carol", summary="more", minor=True)
    page = one_page(
        mediawiki,
        title,
        prop="revisions",
        rvprop="user|comment|flags|content",
        rvslots="main",
        rvlimit="max",
    )
    assert [("Carol", "more", True, "second"), ("Bob", "start", False, "first")] == [
        (r["user"], r["comment"], r["minor"], r["slots"]["main"]["content"])
        for r in page["revisions"]
    ]


@pytest.mark.mediawiki
def test_delete_helper_deletes(mediawiki: MediaWiki) -> None:
    """delete() removes a page; the API then reports it missing."""
    title = "Testbed delete target"
    mediawiki.edit(title, "to be deleted")
    mediawiki.delete(title)
    assert one_page(mediawiki, title)["missing"]


@pytest.mark.mediawiki
def test_move_helper_moves_and_leaves_a_redirect(mediawiki: MediaWiki) -> None:
    """move() renames a page and leaves a redirect at the old title."""
    old, new = "Testbed move source", "Testbed move destination"
    mediawiki.edit(old, "to be moved")
    mediawiki.move(old, new)
    query = api(mediawiki, action="query", titles=old, redirects="1")["query"]
    assert [{"from": old, "to": new}] == query["redirects"]


@pytest.mark.mediawiki
def test_php_runs_any_maintenance_script(mediawiki: MediaWiki) -> None:
    """php() runs a maintenance script and returns its output."""
    out = mediawiki.php("getText", fixtures.REDIRECT)
    assert "#REDIRECT [[Ada Lovelace]]" == out.strip()


# --- fault proxy ----------------------------------------------------------------


def test_fault_rejects_long_stalls_and_unknown_kinds() -> None:
    """A fault may not stall longer than MAX_STALL or have an unknown kind."""
    with pytest.raises(ValueError, match="stall"):
        Fault.slow_body(MAX_STALL + 0.5)
    with pytest.raises(ValueError, match="kind"):
        Fault(kind="teleport")


@pytest.mark.mediawiki
def test_proxy_passes_through_and_records(mediawiki: MediaWiki) -> None:
    """Without a plan the proxy forwards requests and records each one."""
    ticks = itertools.count(100.0, 10.0)
    with running_proxy(mediawiki.base_url, clock=lambda: next(ticks)) as proxy:
        url = proxy.url_for(mediawiki.api_url)
        params = {"action": "query", "meta": "siteinfo", "format": "json"}
        resp = requests.get(url, params=params, headers={"User-Agent": UA}, timeout=30)
        assert "TestWiki" == resp.json()["query"]["general"]["sitename"]
        [seen] = proxy.requests
    assert ("GET", "passthrough", UA, 100.0) == (
        seen.method,
        seen.fault,
        seen.header("user-agent"),
        seen.arrived,
    )
    assert seen.path.startswith("/w/api.php?action=query")


@pytest.mark.mediawiki
def test_proxy_plays_its_plan_in_order(mediawiki: MediaWiki) -> None:
    """Planned faults apply to consecutive requests, then passthrough resumes."""
    retry_at = 1_700_000_000.0
    with running_proxy(mediawiki.base_url) as proxy:
        url = (
            proxy.url_for(mediawiki.api_url)
            + "?action=query&format=json&formatversion=2"
        )
        proxy.plan(
            [
                Fault.status(429, retry_after="2"),
                Fault.status(429, retry_after_http_date=retry_at),
                Fault.html(503),
                Fault.ua_rejected(),
                Fault.json({"error": {"code": "ratelimited"}}),
            ]
        )
        answers = [requests.get(url, timeout=30) for _ in range(6)]
        assert 0 == proxy.pending
    assert [429, 429, 503, 403, 200, 200] == [a.status_code for a in answers]
    assert "2" == answers[0].headers["Retry-After"]
    assert (
        retry_at
        == email.utils.parsedate_to_datetime(
            answers[1].headers["Retry-After"]
        ).timestamp()
    )
    assert answers[2].headers["Content-Type"].startswith("text/html")
    assert UA_POLICY_BODY == answers[3].text
    assert {"error": {"code": "ratelimited"}} == answers[4].json()
    assert {"batchcomplete": True} == answers[5].json()


@pytest.mark.mediawiki
def test_proxy_reset_breaks_the_connection(mediawiki: MediaWiki) -> None:
    """A reset fault ends the connection without an answer."""
    with running_proxy(mediawiki.base_url) as proxy:
        proxy.plan([Fault.reset()])
        with pytest.raises(requests.ConnectionError):
            requests.get(proxy.url_for(mediawiki.api_url), timeout=30)
        assert 1 == len(proxy.requests)


@pytest.mark.mediawiki
def test_proxy_slow_body_trips_the_read_timeout(mediawiki: MediaWiki) -> None:
    """A slow body stalls past a short read timeout after sending the headers."""
    with running_proxy(mediawiki.base_url) as proxy:
        proxy.plan([Fault.slow_body(MAX_STALL)])
        resp = requests.get(
            proxy.url_for(mediawiki.api_url), timeout=(5, 0.3), stream=True
        )
        assert 200 == resp.status_code  # the headers did arrive
        with pytest.raises(requests.ConnectionError, match="timed out"):
            _ = resp.content


@pytest.mark.mediawiki
def test_proxy_is_bounded(mediawiki: MediaWiki) -> None:
    """Past max_requests the proxy refuses with 503 and stops itself."""
    from tests.support.faultproxy import FaultProxy

    proxy = FaultProxy(mediawiki.base_url, max_requests=1).start()
    try:
        url = proxy.url_for(mediawiki.api_url)
        assert 200 == requests.get(url, timeout=30).status_code
        assert 503 == requests.get(url, timeout=30).status_code
    finally:
        proxy.stop()


@pytest.mark.mediawiki
def test_proxy_stops_itself_after_its_lifetime(mediawiki: MediaWiki) -> None:
    """A proxy nobody stops shuts down by itself when its lifetime is over."""
    from tests.support.faultproxy import FaultProxy

    proxy = FaultProxy(mediawiki.base_url, lifetime=0.1).start()
    try:
        assert proxy.wait_stopped(timeout=10)
        with pytest.raises(requests.ConnectionError):
            requests.get(proxy.url_for(mediawiki.api_url), timeout=5)
    finally:
        proxy.stop()
