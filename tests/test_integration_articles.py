"""Article, batch, contributor and history fetching against a real MediaWiki.

The session test wiki (tests/support) is shared: fixture pages are only read;
pages this module writes are named ``Fetcharticles ...``. Request counts
come from ``client.stats`` (the site-info request is counted once).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support import fixtures
from tests.support.mediawiki import USER_PASSWORD, MediaWiki
from tests.test_integration_client import make_client as client_for
from wikireuse import Client
from wikireuse.articles import Article, FetchStatus, LicenseTimeline
from wikireuse.exceptions import InvalidTitleError, PageNotFoundError
from wikireuse.testing import FakeClock
from wikireuse.titles import Namespaces, normalise

pytestmark = pytest.mark.mediawiki

# The test wiki is not a Wikimedia wiki but shares Wikimedia's licence history.
TIMELINE = LicenseTimeline(wikimedia_only=False)


def make_client(mw: MediaWiki, **kwargs: Any) -> Client:
    """A fresh client for the test wiki on a fake clock, with :data:`TIMELINE`."""
    kwargs.setdefault("license_timeline", TIMELINE)
    return client_for(mw.api_url, FakeClock(), **kwargs)


@pytest.fixture
def client(mediawiki: MediaWiki) -> Client:
    """A fresh client (empty cache, zero counters)."""
    return make_client(mediawiki)


def requests_for(client: Client, call: Any) -> tuple[Any, int]:
    """The result of *call()* and the requests it took (site info excluded)."""
    client.site_info()
    before = client.stats.requests_sent
    result = call()
    return result, client.stats.requests_sent - before


# --- exact and old revisions ------------------------------------------------------


def test_first_revision_by_revid(client: Client) -> None:
    """Analytical Engine's first revision: Alice's text, CC BY-SA 3.0, not latest."""
    history = client.history(fixtures.HISTORY_PAGE)
    first = history[-1]
    article = client.article(revid=first.revid, extract=True, contributors=True)

    assert (first.revid, None, False) == (
        article.revid,
        article.parentid,
        article.is_latest,
    )
    assert (
        "The '''Analytical Engine''' is a calculating machine design."
        == article.wikitext
    )
    assert ("CC-BY-SA-3.0", "2023-02-01T09:00:00Z") == (
        article.license.spdx,
        article.to_dict()["timestamp"],
    )
    # The first revision had no category; the page has one now.
    assert (
        (),
        ("Test articles",),
    ) == (article.categories, client.article(fixtures.HISTORY_PAGE).categories)
    assert "The Analytical Engine is a calculating machine design." == article.extract
    assert article.contributors is not None
    assert (("Alice",), first.revid) == (
        article.contributors.names,
        article.contributors.up_to_revid,
    )
    parse = article.provenance.related[0]
    assert ("parse", str(first.revid)) == (
        dict(parse.params)["action"],
        dict(parse.params)["oldid"],
    )


def test_page_edited_now_is_cc_by_sa_4(mediawiki: MediaWiki, client: Client) -> None:
    """A revision saved today is CC BY-SA 4.0; its predecessor stays readable."""
    title = "Fetcharticles licence page"
    mediawiki.edit(title, "First text of the licence page.")
    mediawiki.edit(title, "Second text of the licence page.", user="Bob")
    latest = client.article(title)
    assert latest.parentid is not None
    older = client.article(revid=latest.parentid, extract=True)

    assert ("CC-BY-SA-4.0", True) == (latest.license.spdx, latest.is_latest)
    assert ("First text of the licence page.", False, latest.revid) == (
        older.wikitext,
        older.is_latest,
        older.latest_revid,
    )
    assert "First text of the licence page." == older.extract
    assert "Second text of the licence page." == latest.wikitext


# --- titles ------------------------------------------------------------------------


def test_redirect_is_followed_and_recorded(client: Client) -> None:
    """Lovelace → Ada Lovelace, with the chain in the article."""
    (outcome,) = client.articles([fixtures.REDIRECT])
    article = outcome.article

    assert article is not None
    assert (FetchStatus.REDIRECTED, fixtures.ARTICLE, (fixtures.REDIRECT,)) == (
        outcome.status,
        article.title,
        article.redirects,
    )


def test_normalisation(client: Client) -> None:
    """ada_Lovelace is Ada Lovelace; 'ada lovelace' is another (missing) page."""
    normal, other = client.articles(["ada_Lovelace", "ada lovelace"])

    assert normal.article is not None
    assert (FetchStatus.NORMALISED, "Ada Lovelace", "ada_Lovelace") == (
        normal.status,
        normal.article.title,
        normal.article.normalized_from,
    )
    assert (FetchStatus.MISSING, "Ada lovelace") == (other.status, other.title)


def test_mixed_batch_in_input_order_in_one_request(client: Client) -> None:
    """Missing, invalid, found and redirected titles share one content request."""
    inputs = ["No such fixture page", "A[b]", fixtures.ARTICLE, fixtures.REDIRECT, "<"]
    outcomes, sent = requests_for(client, lambda: client.articles(inputs))

    assert inputs == [o.requested for o in outcomes]
    assert [
        FetchStatus.MISSING,
        FetchStatus.INVALID,
        FetchStatus.FOUND,
        FetchStatus.REDIRECTED,
        FetchStatus.INVALID,
    ] == [o.status for o in outcomes]
    assert 'invalid characters: "["' in outcomes[1].reason
    assert 1 == sent


def test_single_missing_and_invalid_raise(client: Client) -> None:
    """article() raises PageNotFoundError / InvalidTitleError with the wiki's reason."""
    with pytest.raises(PageNotFoundError):
        client.article("No such fixture page")
    with pytest.raises(InvalidTitleError) as caught:
        client.article("A[b]")
    with pytest.raises(InvalidTitleError):
        client.article("Special:Version")

    assert 'invalid characters: "["' in caught.value.reason


def test_120_titles_take_three_requests(client: Client) -> None:
    """The 120 filler pages come in 50 + 50 + 20, each with its own text."""
    titles = list(fixtures.FILLER_TITLES)
    outcomes, sent = requests_for(client, lambda: client.articles(titles))

    assert 3 == sent
    assert titles == [o.article.title for o in outcomes if o.article is not None]
    assert all(
        f"filler-{n:03d}" in (o.article.wikitext if o.article else "")
        for n, o in enumerate(outcomes, start=1)
    )


def test_pageids_batch(client: Client) -> None:
    """Page ids: found and redirect pages resolve; an unknown id is MISSING."""
    ada = client.article(fixtures.ARTICLE)
    redirect_id = client.article(fixtures.REDIRECT, redirects=False).pageid
    outcomes = client.articles(pageids=[redirect_id, ada.pageid, 987654])

    assert [FetchStatus.REDIRECTED, FetchStatus.FOUND, FetchStatus.MISSING] == [
        o.status for o in outcomes
    ]
    assert outcomes[0].article is not None
    assert (fixtures.ARTICLE, (fixtures.REDIRECT,)) == (
        outcomes[0].article.title,
        outcomes[0].article.redirects,
    )


TRICKY = [
    "ada_Lovelace",
    "  _x_ _y_  ",
    "Fo\u00a0o\u200e",
    "a\u202ab",
    "a\u3000b",
    "user_talk:bob",
    "USER:bob",
    "project:X",
    "Image:Foo.png",
    "talk:main_page",
    ":Talk:foo",
    "Category:Talk:x",
    "Media:x.png",
    "a&amp;b",
    "a&#65;b",
    "a&amp",
    "\u00df",
    "\u01c6emal",
    "\ufb00oo",
    "\u03c9",
    "A\u0301x",
    "A[b]",
    "<",
    "a%20b",
    "./a",
    "a~~~b",
    "Talk::foo",
    "Talk:User:x",
    "Talk:",
    "x" * 256,
]


def test_titles_normalise_agrees_with_the_wiki(client: Client) -> None:
    """titles.normalise gives the wiki's own normal form, or refuses what it refuses."""
    data = client.action(
        {"action": "query", "meta": "siteinfo", "siprop": "namespaces|namespacealiases"}
    )
    spaces = Namespaces.from_siteinfo(data)
    answer = client.action({"action": "query", "titles": TRICKY})["query"]
    to = {n["from"]: n["to"] for n in answer.get("normalized", ())}
    invalid = {p["title"] for p in answer["pages"] if p.get("invalid")}

    # The API puts its input in NFC before anything else (and warns).
    nfc = [unicodedata.normalize("NFC", t) for t in TRICKY]
    wiki_says = [None if t in invalid else to.get(t, t) for t in nfc]
    ours = []
    for title in TRICKY:
        try:
            ours.append(normalise(title, namespaces=spaces))
        except InvalidTitleError:
            ours.append(None)
    assert wiki_says == ours


# --- content extras -------------------------------------------------------------


def test_parsoid_html_of_the_revision_with_etag(client: Client) -> None:
    """html=True: Parsoid HTML of exactly this revision, with its ETag."""
    article = client.article(fixtures.ARTICLE, html=True)

    assert article.html is not None
    assert article.html_etag is not None
    assert f'content="{article.sha1}"' in article.html
    assert "Ada Lovelace" in article.html
    assert article.html_etag == article.provenance.related[0].etag
    assert article.provenance.related[0].endpoint.endswith(
        f"/rest.php/v1/revision/{article.revid}/html"
    )


def test_extract_is_plain_text(client: Client) -> None:
    """extract=True: TextExtracts' plain text (no templates, no markup)."""
    article = client.article(fixtures.ARTICLE, extract=True)

    assert article.extract is not None
    assert article.extract.startswith("Ada Lovelace (1815–1852) was an English")
    assert "{{" not in article.extract
    assert "'''" not in article.extract


def test_disambiguation_and_language(client: Client) -> None:
    """The disambiguation flag and the German page language are read."""
    outcomes = client.articles(
        [fixtures.DISAMBIG_PAGE, fixtures.GERMAN_PAGE, fixtures.ARTICLE]
    )
    flags = [
        (o.article.is_disambiguation, o.article.language)
        for o in outcomes
        if o.article is not None
    ]

    assert [(True, "en"), (False, "de"), (False, "en")] == flags


def test_sha1_is_the_texts(client: Client) -> None:
    """The recorded SHA-1 is the SHA-1 of the UTF-8 wikitext (checked, and true)."""
    article = client.article(fixtures.GERMAN_PAGE)
    digest = hashlib.sha1(article.wikitext.encode("utf-8")).hexdigest()  # noqa: S324

    assert digest == article.sha1
    assert any("SHA-1" in step for step in article.provenance.steps)


def test_provenance_json_round_trip(mediawiki: MediaWiki, client: Client) -> None:
    """The article with its provenance survives JSON; params name the request."""
    article = client.article(fixtures.ARTICLE, html=True, contributors=True)
    again = Article.from_json(json.dumps(article.to_dict()))
    params = dict(article.provenance.params)

    assert article == again
    assert (mediawiki.api_url, fixtures.ARTICLE, "main") == (
        article.provenance.endpoint,
        params["titles"],
        params["rvslots"],
    )


def test_stable_urls(mediawiki: MediaWiki, client: Client) -> None:
    """Canonical URL, permalink and history URL are the wiki's and they work."""
    article = client.article(fixtures.ARTICLE)

    assert mediawiki.article_url + "Ada_Lovelace" == article.url
    assert (
        f"{mediawiki.index_url}?title=Ada_Lovelace&oldid={article.revid}"
        == article.permalink
    )
    assert f"{mediawiki.index_url}?title=Ada_Lovelace&action=history" == (
        article.history_url
    )
    for url in (article.permalink, article.history_url):
        parts = urlsplit(url)
        status, _, body = mediawiki.get(f"{parts.path}?{parts.query}")
        assert (200, True) == (status, b"Ada" in body)


# --- contributors and history -------------------------------------------------------


def test_contributors_continue_one_user_a_request(client: Client) -> None:
    """page_size=1 on Analytical Engine: three users in three requests."""
    people, sent = requests_for(
        client, lambda: client.contributors(fixtures.HISTORY_PAGE, page_size=1)
    )

    assert (tuple(fixtures.USERS), 0, 3) == (people.names, people.anonymous, sent)


def test_history_continues_five_a_request(client: Client) -> None:
    """page_size=5 on Punched card: 12 revisions in 3 requests, newest first."""
    history, sent = requests_for(
        client, lambda: client.history(fixtures.BUSY_PAGE, page_size=5)
    )

    assert (12, 3) == (len(history), sent)
    assert [f"Step {n}" for n in range(12, 0, -1)] == [r.comment for r in history]
    assert [fixtures.USERS[(n - 1) % 3] for n in range(12, 0, -1)] == [
        r.user for r in history
    ]
    assert [r.revid for r in history] == sorted(
        (r.revid for r in history), reverse=True
    )


def test_history_limit_and_start(client: Client) -> None:
    """limit= stops early; until_revid= starts the listing at that revision."""
    full = client.history(fixtures.BUSY_PAGE)
    (short, sent) = requests_for(
        client,
        lambda: client.history(
            fixtures.BUSY_PAGE, until_revid=full[3].revid, limit=2, page_size=2
        ),
    )

    assert ([r.revid for r in full[3:5]], 1) == ([r.revid for r in short], sent)


def test_bots_are_excluded(mediawiki: MediaWiki, client: Client) -> None:
    """A bot's edits are left out with exclude_bots, for latest and old revisions."""
    mediawiki.php("createAndPromote", "--bot", "Fetcharticles bot", USER_PASSWORD)
    title = "Fetcharticles bot page"
    mediawiki.edit(title, "Human text.", user="Alice")
    mediawiki.edit(title, "Bot text.", user="Fetcharticles bot")
    mediawiki.edit(title, "Human again.", user="Bob")
    latest = client.article(title, contributors=True, exclude_bots=True)
    everyone = client.contributors(title)
    history = client.history(title)
    old = client.article(revid=history[1].revid)
    old_people = client.contributors(old, exclude_bots=True)

    assert latest.contributors is not None
    assert ("Alice", "Bob") == latest.contributors.names
    assert {"Alice", "Bob", "Fetcharticles bot"} == set(everyone.names)
    assert (("Alice",), history[1].revid) == (
        old_people.names,
        old_people.up_to_revid,
    )


# --- the cost of a batch --------------------------------------------------------


def test_contributors_in_a_batch_cost_no_request_per_page(client: Client) -> None:
    """200 titles with contributors: ceil(200/50) = 4 content requests in all."""
    titles = [
        *fixtures.FILLER_TITLES,
        fixtures.HISTORY_PAGE,
        *(f"Fetcharticles absent {n}" for n in range(79)),
    ]
    outcomes, sent = requests_for(
        client, lambda: client.articles(titles, contributors=True)
    )
    engine = outcomes[len(fixtures.FILLER_TITLES)].article

    assert (200, 4) == (len(titles), sent)
    assert 121 == sum(
        o.article.contributors is not None for o in outcomes if o.article is not None
    )
    assert engine is not None
    assert engine.contributors is not None
    assert tuple(fixtures.USERS) == engine.contributors.names


# --- what the wiki answers for odd inputs ---------------------------------------------


def test_decomposed_unicode_title_is_matched(client: Client) -> None:
    """A non-NFC title (the wiki percent-encodes it in 'normalized') is resolved."""
    decomposed = "A\u0301da Fetcharticles"
    (outcome,) = client.articles([decomposed])

    assert (FetchStatus.MISSING, "\u00c1da Fetcharticles") == (
        outcome.status,
        outcome.title,
    )


def test_redirect_loop_and_interwiki_redirect(
    mediawiki: MediaWiki, client: Client
) -> None:
    """A redirect loop and a redirect to another wiki are invalid, with the reason."""
    mediawiki.edit("Fetcharticles loop a", "#REDIRECT [[Fetcharticles loop b]]")
    mediawiki.edit("Fetcharticles loop b", "#REDIRECT [[Fetcharticles loop a]]")
    mediawiki.edit("Fetcharticles to wikt", "#REDIRECT [[wikt:engine]]")
    loop, away, typed = client.articles(
        ["Fetcharticles loop a", "Fetcharticles to wikt", "WIKT:engine"]
    )

    assert [FetchStatus.INVALID] * 3 == [loop.status, away.status, typed.status]
    assert loop.reason.startswith("a redirect loop: Fetcharticles loop a → ")
    assert away.reason.startswith("redirects to 'wikt:engine': an interwiki link")
    assert typed.reason.startswith("an interwiki link to 'wikt'")


def test_deleted_page_and_its_revisions(mediawiki: MediaWiki, client: Client) -> None:
    """After deletion: revid is nosuchrevid (badrevids), pageid and title MISSING."""
    title = "Fetcharticles deleted page"
    mediawiki.edit(title, "Text that will be deleted.")
    article = client.article(title)
    mediawiki.delete(title)
    # A fresh client: the first one's response cache still has the page.
    fresh = make_client(mediawiki)

    with pytest.raises(PageNotFoundError) as caught:
        fresh.article(revid=article.revid)
    by_id, by_title = fresh.articles(pageids=[article.pageid]) + fresh.articles([title])

    assert "nosuchrevid" == caught.value.code
    assert [FetchStatus.MISSING, FetchStatus.MISSING] == [
        by_id.status,
        by_title.status,
    ]


def test_revision_deleted_text(mediawiki: MediaWiki, client: Client) -> None:
    """Hidden text is never fetched; the hidden user is in no list of authors."""
    title = "Fetcharticles revdel page"
    mediawiki.edit(title, "Visible first.", user="Alice")
    mediawiki.edit(title, "Hidden second.", user="Bob")
    mediawiki.edit(title, "Visible third.", user="Alice")
    latest = client.article(title)
    hidden = latest.parentid
    assert hidden is not None
    # What Special:RevisionDelete does to a revision row: text (1), comment
    # (2) and user (4) hidden. A fresh client, so that no response cached
    # before the change is reused.
    # S608: *hidden* is a revision id (an int) from the wiki, not text.
    update = f"UPDATE revision SET rev_deleted = 7 WHERE rev_id = {hidden:d}"  # noqa: S608
    mediawiki.php("sql", "--query", update)
    fresh = make_client(mediawiki)

    with pytest.raises(PageNotFoundError) as caught:
        fresh.article(revid=hidden)
    history = fresh.history(title)
    people = fresh.contributors(title)

    assert "texthidden" == caught.value.code
    assert "Visible third." == fresh.article(title).wikitext
    assert [
        ("Alice", "Edited by a test"),
        (None, None),
        ("Alice", "Edited by a test"),
    ] == [(r.user, r.comment) for r in history]
    assert ("Alice",) == people.names


def test_page_parsoid_refuses_does_not_fail_an_html_batch(
    mediawiki: MediaWiki, client: Client
) -> None:
    """A CSS page has no Parsoid HTML: it comes without, the batch goes on."""
    css = "MediaWiki:Articlesprobe.css"
    mediawiki.edit(css, "body { color: black; }")

    outcomes = client.articles([css, fixtures.ARTICLE], html=True)

    styled, article = (o.article for o in outcomes)
    assert styled is not None
    assert article is not None
    assert ("css", None) == (styled.content_model, styled.html)
    assert any(s.startswith("no Parsoid HTML") for s in styled.provenance.steps)
    assert article.html is not None
