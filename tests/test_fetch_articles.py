"""Article, batch, contributor and history fetching against a simulated wiki.

No network: a small in-test wiki (:class:`FakeWiki`) answers the Action API
and the REST HTML endpoint through :func:`wikireuse.testing.fake_client`,
resolving titles with :func:`wikireuse.titles.normalise`, following
redirects, and handing out ``prop=contributors``, ``prop=extracts`` and
history in continued slices as MediaWiki does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs
import pytest
import requests

from wikireuse import Client
from wikireuse.articles import Article, FetchStatus, LicenseTimeline
from wikireuse.core._time import from_epoch
from wikireuse.exceptions import (
    APIError,
    ConfigurationError,
    HTTPStatusError,
    InvalidResponseError,
    InvalidTitleError,
    MaxlagTimeoutError,
    PageNotFoundError,
    RateLimitedError,
    RetryExhaustedError,
)
from wikireuse.fetch._articles import resolve_titles
from wikireuse.http import RetryPolicy
from wikireuse.provenance import content_hash
from wikireuse.records._pages import PageMerger
from wikireuse.testing import FakeClient, fake_client, make_response, request_params
from wikireuse.titles import normalise

API = "https://en.wikipedia.org/w/api.php"


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()  # noqa: S324


@attrs.define
class Rev:
    """One revision of a simulated page."""

    revid: int
    user: str
    timestamp: str
    text: str
    comment: str = "edit"
    anon: bool = False
    temp: bool = False
    minor: bool = False
    userhidden: bool = False
    texthidden: bool = False
    sha1: str | None = None


@attrs.define
class Page:
    """A simulated page: revisions oldest first, facts of the latest."""

    pageid: int
    title: str
    revs: list[Rev]
    categories: list[str] = attrs.Factory(list)
    props: dict[str, str] = attrs.Factory(dict)
    langlinks: list[tuple[str, str]] = attrs.Factory(list)
    old_categories: list[str] = attrs.Factory(list)
    redirect_to: str | None = None
    language: str = "en"


def _split(value: str) -> list[str]:
    if value.startswith("\x1f"):
        return value[1:].split("\x1f")
    return value.split("|") if value else []


class FakeWiki:
    """Enough of MediaWiki's Action API and REST HTML to test the fetchers."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.bots: set[str] = set()
        self.fail_with: Exception | None = None
        self.add(
            Page(
                pageid=7,
                title="Ada Lovelace",
                revs=[
                    Rev(7, "Alice", "2023-01-02T12:00:00Z", "'''Ada''' wrote notes."),
                ],
                categories=["Mathematicians", "Test articles"],
                props={"wikibase_item": "Q7259"},
                langlinks=[("de", "Ada Lovelace")],
            )
        )
        self.add(
            Page(
                pageid=8,
                title="Lovelace",
                revs=[
                    Rev(8, "Bob", "2023-01-02T12:05:00Z", "#REDIRECT [[Ada Lovelace]]")
                ],
                redirect_to="Ada Lovelace",
            )
        )
        self.add(
            Page(
                pageid=6,
                title="Countess",
                revs=[Rev(6, "Bob", "2023-01-02T12:06:00Z", "#REDIRECT [[Lovelace]]")],
                redirect_to="Lovelace",
            )
        )
        self.add(
            Page(
                pageid=9,
                title="Analytical Engine",
                revs=[
                    Rev(9, "Alice", "2023-02-01T09:00:00Z", "The engine."),
                    Rev(
                        10,
                        "192.0.2.1",
                        "2023-02-02T10:30:00Z",
                        "The engine!",
                        anon=True,
                    ),
                    Rev(
                        11, "Bob", "2023-02-03T14:45:00Z", "The [[engine]].", minor=True
                    ),
                    Rev(12, "Botty", "2023-07-01T00:00:00Z", "The [[engine]]. Ok."),
                    Rev(
                        13, "~2025-1", "2025-01-01T00:00:00Z", "The Engine.", temp=True
                    ),
                ],
                categories=["Machines"],
                old_categories=["Stubs"],
            )
        )
        self.add(
            Page(
                pageid=11,
                title="Engine (disambiguation)",
                revs=[Rev(24, "Carol", "2023-01-05T10:00:00Z", "'''Engine''' may be")],
                props={"disambiguation": ""},
            )
        )
        for n in range(1, 121):
            self.add(
                Page(
                    pageid=1000 + n,
                    title=f"Filler {n:03d}",
                    revs=[Rev(5000 + n, "Carol", "2023-03-15T00:00:00Z", f"F {n}")],
                )
            )
        self.bots.add("Botty")

    def add(self, page: Page) -> None:
        """Put *page* on the wiki."""
        self.pages[page.title] = page

    def by_id(self, pageid: int) -> Page | None:
        """The page with *pageid*."""
        return next((p for p in self.pages.values() if p.pageid == pageid), None)

    def by_revid(self, revid: int) -> tuple[Page, Rev] | None:
        """The page and revision with *revid*."""
        for page in self.pages.values():
            for rev in page.revs:
                if rev.revid == revid:
                    return page, rev
        return None

    # -- the handler --------------------------------------------------------

    def __call__(self, request: requests.PreparedRequest) -> requests.Response:
        """Answer one request."""
        if self.fail_with is not None:
            raise self.fail_with
        path = urlsplit(request.url or "").path
        if "/rest.php/" in path:
            revid = int(path.rsplit("/", 2)[-2])
            found = self.by_revid(revid)
            if found is None:
                return make_response(404, json={"httpCode": 404})
            return make_response(
                text=f"<html><body>{found[1].text}</body></html>",
                headers={"ETag": f'"{revid}/abc"'},
            )
        params = request_params(request)
        if params.get("meta") == "siteinfo":
            from wikireuse.testing import siteinfo

            return make_response(json=siteinfo())
        if params.get("action") == "parse":
            return make_response(json=self.parse(int(params["oldid"])))
        if params.get("list") == "users":
            users = [
                {
                    "name": n,
                    "groups": ["*", "user", *(["bot"] if n in self.bots else [])],
                }
                for n in _split(params["ususers"])
            ]
            return make_response(json={"query": {"users": users}})
        return make_response(json=self.query(params))

    def parse(self, oldid: int) -> dict[str, Any]:
        """``action=parse&oldid=``: categories and properties of that revision."""
        found = self.by_revid(oldid)
        assert found is not None
        page, _ = found
        return {
            "parse": {
                "title": page.title,
                "pageid": page.pageid,
                "revid": oldid,
                "categories": [
                    {"sortkey": "", "category": c.replace(" ", "_")}
                    for c in page.old_categories
                ],
                "langlinks": [],
                "properties": {},
            }
        }

    def _resolve(
        self, params: dict[str, str], out: dict[str, Any]
    ) -> list[tuple[Page | None, dict[str, Any]]]:
        """The pages named by titles/pageids/revids, with normalisation etc."""
        found: list[tuple[Page | None, dict[str, Any]]] = []
        follow = params.get("redirects") == "1"
        if "revids" in params:
            for revid in map(int, _split(params["revids"])):
                hit = self.by_revid(revid)
                if hit is None:
                    out.setdefault("badrevids", {})[str(revid)] = {
                        "revid": revid,
                        "missing": True,
                    }
                else:
                    found.append((hit[0], {"revid": revid}))
            return found
        if "pageids" in params:
            for pageid in map(int, _split(params["pageids"])):
                page = self.by_id(pageid)
                if page is None:
                    found.append((None, {"pageid": pageid, "missing": True}))
                else:
                    found.append((self._follow(page, follow, out), {}))
            return found
        for title in _split(params["titles"]):
            try:
                normal = normalise(title)
            except InvalidTitleError as exc:
                found.append(
                    (
                        None,
                        {"title": title, "invalid": True, "invalidreason": exc.reason},
                    )
                )
                continue
            if normal != title:
                out.setdefault("normalized", []).append({"from": title, "to": normal})
            if normal.startswith("Special:"):
                found.append(
                    (
                        None,
                        {"ns": -1, "title": normal, "special": True, "missing": True},
                    )
                )
                continue
            if normal.lower().startswith("wikt:"):
                out.setdefault("interwiki", []).append({"title": title, "iw": "wikt"})
                continue
            page = self.pages.get(normal)
            if page is None:
                found.append((None, {"ns": 0, "title": normal, "missing": True}))
            else:
                found.append((self._follow(page, follow, out), {}))
        return found

    def _follow(self, page: Page, follow: bool, out: dict[str, Any]) -> Page:
        while follow and page.redirect_to is not None:
            redirects = out.setdefault("redirects", [])
            entry = {"from": page.title, "to": page.redirect_to}
            if entry not in redirects:
                redirects.append(entry)
            page = self.pages[page.redirect_to]
        return page

    def query(self, params: dict[str, str]) -> dict[str, Any]:
        """``action=query``: content, contributors, extracts and history."""
        out: dict[str, Any] = {}
        props = _split(params.get("prop", ""))
        resolved = self._resolve(params, out)
        cont = params.get("continue")
        pages: list[dict[str, Any]] = []
        body: dict[str, Any] = {"batchcomplete": True}
        if cont:
            # A continuation: only the module that continues answers.
            if "excontinue" in params:
                return self._extract_slice(resolved, int(params["excontinue"]), body)
            if "pccontinue" in params:
                return self._contributor_slice(params, resolved, body)
            if "rvcontinue" in params:
                return self._history(params, resolved, body)
        if props == ["contributors"]:
            return self._contributor_slice(params, resolved, body)
        if props == ["revisions"] and "rvslots" not in params:
            return self._history(params, resolved, body)
        unique: dict[int, dict[str, Any]] = {}
        for page, extra in resolved:
            if page is None:
                pages.append(extra)
                continue
            if page.pageid in unique:
                continue
            rev = page.revs[-1]
            if "revid" in extra:
                rev = next(r for r in page.revs if r.revid == extra["revid"])
            item = self._page(page, rev, params)
            unique[page.pageid] = item
            pages.append(item)
        out["pages"] = pages
        body["query"] = out
        if "extracts" in props:
            live = [item for item in pages if "pageid" in item]
            if live:
                live[0]["extract"] = f"Extract of {live[0]['title']}."
            if len(live) > 1:
                body["continue"] = {"excontinue": 1, "continue": "||info|revisions"}
        return body

    def _page(self, page: Page, rev: Rev, params: dict[str, str]) -> dict[str, Any]:
        latest = page.revs[-1]
        index = page.revs.index(rev)
        slot: dict[str, Any] = {"contentmodel": "wikitext"}
        if rev.texthidden:
            slot["texthidden"] = True
        else:
            slot["content"] = rev.text
            slot["sha1"] = rev.sha1 or _sha1(rev.text)
        revision = {
            "revid": rev.revid,
            "parentid": page.revs[index - 1].revid if index else 0,
            "minor": rev.minor,
            "user": rev.user,
            "timestamp": rev.timestamp,
            "size": len(rev.text.encode()),
            "sha1": rev.sha1 or _sha1(rev.text),
            "slots": {"main": slot},
            "comment": rev.comment,
        }
        item: dict[str, Any] = {
            "pageid": page.pageid,
            "ns": 0,
            "title": page.title,
            "contentmodel": "wikitext",
            "pagelanguage": page.language,
            "lastrevid": latest.revid,
            "canonicalurl": "https://en.wikipedia.org/wiki/"
            + page.title.replace(" ", "_"),
            "revisions": [revision],
        }
        if page.redirect_to is not None:
            item["redirect"] = True
        if page.props:
            item["pageprops"] = dict(page.props)
        if page.categories:
            item["categories"] = [
                {"ns": 14, "title": f"Category:{c}"} for c in page.categories
            ]
        if page.langlinks:
            item["langlinks"] = [
                {
                    "lang": lang,
                    "title": t,
                    "url": f"https://{lang}.wikipedia.org/wiki/x",
                }
                for lang, t in page.langlinks
            ]
        if "contributors" in params.get("prop", ""):
            named, anon = self._people(page, params)
            item["contributors"] = named
            if anon:
                item["anoncontributors"] = anon
        return item

    def _people(
        self, page: Page, params: dict[str, str]
    ) -> tuple[list[dict[str, Any]], int]:
        skip_bots = params.get("pcexcludegroup") == "bot"
        named: dict[str, int] = {}
        anon = set()
        for rev in page.revs:
            if rev.anon:
                anon.add(rev.user)
            elif not (skip_bots and rev.user in self.bots):
                named.setdefault(rev.user, 100 + len(named))
        return [{"userid": i, "name": n} for n, i in named.items()], len(anon)

    def _extract_slice(
        self,
        resolved: list[tuple[Page | None, dict[str, Any]]],
        at: int,
        body: dict[str, Any],
    ) -> dict[str, Any]:
        live = list({p.pageid: p for p, _ in resolved if p is not None}.values())
        page = live[at]
        body["query"] = {
            "pages": [
                {
                    "pageid": page.pageid,
                    "ns": 0,
                    "title": page.title,
                    "extract": f"Extract of {page.title}.",
                }
            ]
        }
        if at + 1 < len(live):
            body["continue"] = {"excontinue": at + 1, "continue": "||info|revisions"}
        return body

    def _contributor_slice(
        self,
        params: dict[str, str],
        resolved: list[tuple[Page | None, dict[str, Any]]],
        body: dict[str, Any],
    ) -> dict[str, Any]:
        page = next((p for p, _ in resolved if p is not None), None)
        if page is None:
            body["query"] = {"pages": [extra for _, extra in resolved]}
            return body
        named, anon = self._people(page, params)
        start = int(params.get("pccontinue", "0"))
        size = len(named) if params.get("pclimit") == "max" else int(params["pclimit"])
        item: dict[str, Any] = {
            "pageid": page.pageid,
            "ns": 0,
            "title": page.title,
            "contributors": named[start : start + size],
        }
        if anon:
            item["anoncontributors"] = anon
        body["query"] = {"pages": [item]}
        if start + size < len(named):
            body["continue"] = {"pccontinue": str(start + size), "continue": "||"}
        return body

    def _history(
        self,
        params: dict[str, str],
        resolved: list[tuple[Page | None, dict[str, Any]]],
        body: dict[str, Any],
    ) -> dict[str, Any]:
        page, _ = resolved[0]
        if page is None:
            body["query"] = {"pages": [resolved[0][1]]}
            return body
        revs = list(reversed(page.revs))
        if "rvstartid" in params:
            start = int(params["rvstartid"])
            revs = [r for r in revs if r.revid <= start]
        offset = int(params.get("rvcontinue", "0"))
        size = len(revs) if params["rvlimit"] == "max" else int(params["rvlimit"])
        chunk = revs[offset : offset + size]
        entries = []
        for rev in chunk:
            index = page.revs.index(rev)
            entry: dict[str, Any] = {
                "revid": rev.revid,
                "parentid": page.revs[index - 1].revid if index else 0,
                "minor": rev.minor,
                "timestamp": rev.timestamp,
                "size": len(rev.text),
                "sha1": _sha1(rev.text),
                "comment": rev.comment,
                "user": rev.user,
                "userid": 0 if rev.anon else 100 + index,
            }
            if rev.anon:
                entry["anon"] = True
            if rev.temp:
                entry["temp"] = True
            if rev.userhidden:
                entry["userhidden"] = True
                del entry["user"]
            entries.append(entry)
        body["query"] = {
            "pages": [
                {
                    "pageid": page.pageid,
                    "ns": 0,
                    "title": page.title,
                    "revisions": entries,
                }
            ]
        }
        if offset + size < len(revs):
            body["continue"] = {"rvcontinue": str(offset + size), "continue": "||"}
        return body


@pytest.fixture
def wiki() -> FakeWiki:
    """A fresh simulated wiki."""
    return FakeWiki()


@pytest.fixture
def fake(wiki: FakeWiki) -> FakeClient:
    """A client (en.wikipedia.org, fake clock) talking to the simulated wiki."""
    return fake_client(wiki)


def sent(fake: FakeClient) -> list[dict[str, str]]:
    """The parameters of every request the client sent."""
    return [request_params(r) for r in fake.adapter.sent]


def content_requests(fake: FakeClient) -> list[dict[str, str]]:
    """The content queries (``rvslots=main``) the client sent."""
    return [p for p in sent(fake) if p.get("rvslots") == "main"]


# --- one article -----------------------------------------------------------------


def test_article_by_title_carries_its_record(fake: FakeClient) -> None:
    """Title, ids, time, hash, text, URLs, licence and facts come from one response."""
    article = fake.client.article("Ada Lovelace")
    text = "'''Ada''' wrote notes."

    assert ("Ada Lovelace", 7, 7, None) == (
        article.title,
        article.pageid,
        article.revid,
        article.parentid,
    )
    assert ("2023-01-02T12:00:00Z", _sha1(text), text) == (
        article.to_dict()["timestamp"],
        article.sha1,
        article.wikitext,
    )
    assert "https://en.wikipedia.org/wiki/Ada_Lovelace" == article.url
    assert (
        "https://en.wikipedia.org/w/index.php?title=Ada_Lovelace&oldid=7"
        == article.permalink
    )
    assert (
        "https://en.wikipedia.org/w/index.php?title=Ada_Lovelace&action=history"
        == article.history_url
    )
    assert ("Mathematicians", "Test articles") == article.categories
    assert ("Q7259", False, "en") == (
        article.wikidata_id,
        article.is_disambiguation,
        article.language,
    )
    assert [("de", "Ada Lovelace")] == [(x.lang, x.title) for x in article.langlinks]
    assert (7, True) == (article.latest_revid, article.is_latest)


def test_article_licence_follows_the_wikimedia_timeline(fake: FakeClient) -> None:
    """A 2023-01 revision on a Wikimedia wiki is CC BY-SA 3.0, with the reason."""
    article = fake.client.article("Ada Lovelace")

    assert "CC-BY-SA-3.0" == article.license.spdx
    assert "before the switch" in article.license.basis


def test_article_licence_is_declared_one_without_timeline(wiki: FakeWiki) -> None:
    """license_timeline=None gives every revision the wiki's declared licence."""
    fake = fake_client(wiki, license_timeline=None)

    assert "CC-BY-SA-4.0" == fake.client.article("Ada Lovelace").license.spdx


def test_article_licence_cutover_is_configurable(wiki: FakeWiki) -> None:
    """Moving the cut-over before the revision makes it CC BY-SA 4.0."""
    from datetime import datetime, timezone

    timeline = LicenseTimeline(cutover=datetime(2022, 1, 1, tzinfo=timezone.utc))
    fake = fake_client(wiki, license_timeline=timeline)

    assert "CC-BY-SA-4.0" == fake.client.article("Ada Lovelace").license.spdx


def test_article_provenance_records_the_request(fake: FakeClient) -> None:
    """Provenance: endpoint, params as sent, revid, hash, time, UA and version."""
    article = fake.client.article("Ada Lovelace")
    prov = article.provenance
    first_content = content_requests(fake)[0]

    assert (API, API, 7) == (prov.wiki, prov.endpoint, prov.revid)
    assert first_content == dict(prov.params)
    assert content_hash(article.wikitext) == prov.content_hash
    assert from_epoch(fake.clock.wall()) == prov.fetched_at
    assert fake.client.wire_user_agent == prov.user_agent
    assert ("live", "") == (prov.served_from, prov.note)
    assert any("SHA-1" in step for step in prov.steps)


def test_article_json_round_trip(fake: FakeClient) -> None:
    """An article with contributors, HTML and extract survives JSON unchanged."""
    article = fake.client.article(
        "Ada Lovelace", html=True, extract=True, contributors=True
    )

    assert article == Article.from_json(article.to_json())
    assert article == Article.from_dict(json.loads(json.dumps(article.to_dict())))


def test_content_query_asks_everything_at_once(fake: FakeClient) -> None:
    """One action=query carries revisions (main slot), info, props and links."""
    fake.client.article("Ada Lovelace")
    params = content_requests(fake)[0]

    assert {
        "prop": "info|pageprops|categories|langlinks|revisions",
        "rvslots": "main",
        "inprop": "url",
        "ppprop": "disambiguation|wikibase_item",
        "redirects": "1",
        "titles": "Ada Lovelace",
    }.items() <= params.items()
    assert {"ids", "timestamp", "sha1", "content", "user", "comment", "flags"} <= set(
        params["rvprop"].split("|")
    )
    assert 2 == len(fake.adapter.sent)  # siteinfo + content


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "none"),
        ({"title": "A", "pageid": 1}, "title, pageid"),
        ({"title": "A", "revid": 1}, "title, revid"),
        ({"pageid": 1, "revid": 2}, "pageid, revid"),
    ],
)
def test_article_needs_exactly_one_selector(
    fake: FakeClient, kwargs: dict[str, Any], message: str
) -> None:
    """Zero or two of title/pageid/revid is a ConfigurationError, before any request."""
    with pytest.raises(ConfigurationError, match=message):
        fake.client.article(**kwargs)

    assert [] == fake.adapter.sent


@pytest.mark.parametrize(
    "kwargs",
    [{"pageid": 0}, {"pageid": "7"}, {"revid": -1}, {"revid": True}, {"title": 7}],
)
def test_article_rejects_bad_ids(fake: FakeClient, kwargs: dict[str, Any]) -> None:
    """A page or revision id that is not a positive int is a ConfigurationError."""
    with pytest.raises(ConfigurationError):
        fake.client.article(**kwargs)


@pytest.mark.parametrize(
    "flag", ["html", "extract", "contributors", "exclude_bots", "redirects"]
)
def test_flags_must_be_booleans(fake: FakeClient, flag: str) -> None:
    """A flag such as html="no" is a ConfigurationError, not a truthy True."""
    with pytest.raises(ConfigurationError, match=flag):
        fake.client.article("Ada Lovelace", **{flag: "no"})
    with pytest.raises(ConfigurationError, match=flag):
        fake.client.iter_articles(["Ada Lovelace"], **{flag: "no"})

    assert [] == fake.adapter.sent


def test_redirect_chain_is_followed_and_recorded(fake: FakeClient) -> None:
    """Countess → Lovelace → Ada Lovelace: both hops recorded, first first."""
    article = fake.client.article("Countess")

    assert ("Ada Lovelace", ("Countess", "Lovelace"), None, "Countess") == (
        article.title,
        article.redirects,
        article.normalized_from,
        article.requested,
    )


def test_redirects_false_returns_the_redirect_page(
    fake: FakeClient, wiki: FakeWiki
) -> None:
    """With redirects=False no redirects= is sent (the redirect page is asked for)."""
    wiki.pages["Lovelace"].revs = [
        Rev(8, "Bob", "2023-01-02T12:05:00Z", "#REDIRECT [[Ada Lovelace]]")
    ]
    wiki.pages["Lovelace"].redirect_to = None
    article = fake.client.article("Lovelace", redirects=False)

    assert ("Lovelace", ()) == (article.title, article.redirects)
    assert "redirects" not in content_requests(fake)[0]


def test_normalisation_is_recorded(fake: FakeClient) -> None:
    """ada_Lovelace is found as Ada Lovelace with normalized_from set."""
    article = fake.client.article("ada_Lovelace")

    assert ("Ada Lovelace", "ada_Lovelace") == (article.title, article.normalized_from)


def test_missing_page_raises_not_found(fake: FakeClient) -> None:
    """A page that does not exist is a PageNotFoundError naming the normal title."""
    with pytest.raises(PageNotFoundError) as caught:
        fake.client.article("no such_page")

    assert ("No such page", "missingtitle") == (caught.value.title, caught.value.code)


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        ("A[b]", "invalid characters"),
        ("Special:Version", "special or media page"),
        ("wikt:word", "interwiki"),
        ("", "no page"),
    ],
)
def test_invalid_titles_raise_invalid_title(
    fake: FakeClient, title: str, reason: str
) -> None:
    """Bad characters, special pages, interwiki and empty titles: InvalidTitleError."""
    with pytest.raises(InvalidTitleError) as caught:
        fake.client.article(title)

    assert reason in caught.value.reason
    assert (title, "invalidtitle") == (caught.value.title, caught.value.code)


def test_sha1_mismatch_is_an_invalid_response(fake: FakeClient, wiki: FakeWiki) -> None:
    """Text that does not hash to the wiki's SHA-1 is refused."""
    wiki.pages["Ada Lovelace"].revs[-1].sha1 = "0" * 40

    with pytest.raises(InvalidResponseError, match="SHA-1"):
        fake.client.article("Ada Lovelace")


def test_hidden_text_is_not_found(fake: FakeClient, wiki: FakeWiki) -> None:
    """A revision whose text is deleted raises PageNotFoundError(texthidden)."""
    wiki.pages["Ada Lovelace"].revs[-1].texthidden = True

    with pytest.raises(PageNotFoundError) as caught:
        fake.client.article("Ada Lovelace")

    assert "texthidden" == caught.value.code


def test_article_by_pageid(fake: FakeClient) -> None:
    """pageid= fetches that page, recorded as requested 'pageid:N'."""
    article = fake.client.article(pageid=7)

    assert ("Ada Lovelace", "pageid:7") == (article.title, article.requested)
    assert "7" == content_requests(fake)[0]["pageids"]


def test_missing_pageid_raises_not_found(fake: FakeClient) -> None:
    """An unknown page id is a PageNotFoundError."""
    with pytest.raises(PageNotFoundError):
        fake.client.article(pageid=424242)


# --- exact revisions ---------------------------------------------------------------


def test_latest_revid_needs_no_parse(fake: FakeClient) -> None:
    """revid= of the latest revision uses the query's facts (no action=parse)."""
    article = fake.client.article(revid=13)

    assert (13, 13, True, ("Machines",)) == (
        article.revid,
        article.latest_revid,
        article.is_latest,
        article.categories,
    )
    assert "13" == content_requests(fake)[0]["revids"]
    assert "redirects" not in content_requests(fake)[0]
    assert not any(p.get("action") == "parse" for p in sent(fake))


def test_old_revid_takes_facts_from_parse(fake: FakeClient) -> None:
    """An old revision's categories come from action=parse&oldid=, recorded."""
    article = fake.client.article(revid=9)
    parse = [p for p in sent(fake) if p.get("action") == "parse"]

    assert (9, None, 13, False) == (
        article.revid,
        article.parentid,
        article.latest_revid,
        article.is_latest,
    )
    assert ("Stubs",) == article.categories
    assert "The engine." == article.wikitext
    assert [("9", "categories|langlinks|properties")] == [
        (p["oldid"], p["prop"]) for p in parse
    ]
    assert parse[0] == dict(article.provenance.related[0].params)
    assert any("action=parse" in s for s in article.provenance.steps)


def test_old_revid_extract_comes_from_its_wikitext(fake: FakeClient) -> None:
    """TextExtracts describes the latest revision, so an old one's text is stripped."""
    article = fake.client.article(revid=11, extract=True)

    assert "The engine." == article.extract
    assert any("strip_code" in s for s in article.provenance.steps)


def test_old_revid_contributors_stop_at_that_revision(fake: FakeClient) -> None:
    """Authors of revision 10 are Alice and one IP, not later editors."""
    article = fake.client.article(revid=10, contributors=True)
    people = article.contributors

    history = [
        p for p in sent(fake) if p.get("prop") == "revisions" and "rvslots" not in p
    ]

    assert people is not None
    assert people.provenance is not None
    assert (("Alice",), 1, 10) == (people.names, people.anonymous, people.up_to_revid)
    assert ("10", history[0]) == (
        history[0]["rvstartid"],
        dict(people.provenance.params),
    )


def test_unknown_revid_raises_not_found(fake: FakeClient) -> None:
    """A revision id the wiki does not have is a PageNotFoundError(nosuchrevid)."""
    with pytest.raises(PageNotFoundError) as caught:
        fake.client.article(revid=999999)

    assert "nosuchrevid" == caught.value.code


# --- HTML, extract, contributors ---------------------------------------------


def test_html_is_the_exact_revision_with_etag(fake: FakeClient) -> None:
    """html=True asks REST /v1/revision/{id}/html and keeps its ETag."""
    article = fake.client.article(revid=10, html=True)
    rest = [r.url for r in fake.adapter.sent if "rest.php" in (r.url or "")]

    assert ["https://en.wikipedia.org/w/rest.php/v1/revision/10/html"] == rest
    assert ("<html><body>The engine!</body></html>", '"10/abc"') == (
        article.html,
        article.html_etag,
    )
    assert '"10/abc"' in [r.etag for r in article.provenance.related]


def test_extract_of_latest_comes_from_textextracts(fake: FakeClient) -> None:
    """extract=True adds prop=extracts&explaintext to the same query."""
    article = fake.client.article("Ada Lovelace", extract=True)
    params = content_requests(fake)[0]

    assert "Extract of Ada Lovelace." == article.extract
    assert ("1", "1") == (params["explaintext"], params["exlimit"])
    assert "extracts" in params["prop"].split("|")


def test_contributors_of_latest_come_in_the_same_query(fake: FakeClient) -> None:
    """contributors=True adds prop=contributors; no separate request.

    The temporary account ``~2025-1`` the API lists with the registered is
    counted with the anonymous contributors, never named.
    """
    article = fake.client.article("Analytical Engine", contributors=True)
    people = article.contributors

    assert people is not None
    assert (("Alice", "Bob", "Botty"), 2) == (people.names, people.anonymous)
    assert 2 == len(fake.adapter.sent)


def test_contributors_exclude_bots_in_the_query(fake: FakeClient) -> None:
    """exclude_bots=True sends pcexcludegroup=bot."""
    article = fake.client.article(
        "Analytical Engine", contributors=True, exclude_bots=True
    )

    assert article.contributors is not None
    assert "Botty" not in article.contributors.names
    assert article.contributors.bots_excluded
    assert "bot" == content_requests(fake)[0]["pcexcludegroup"]


# --- batches ---------------------------------------------------------------------


def test_batch_outcomes_in_input_order(fake: FakeClient) -> None:
    """Found, normalised, redirected, missing and invalid, each in its place."""
    inputs = [
        "Ada Lovelace",
        "A[b]",
        "ada_Lovelace",
        "Nope",
        "Lovelace",
        "Ada Lovelace",
    ]
    outcomes = fake.client.articles(inputs)

    assert inputs == [o.requested for o in outcomes]
    assert [
        FetchStatus.FOUND,
        FetchStatus.INVALID,
        FetchStatus.NORMALISED,
        FetchStatus.MISSING,
        FetchStatus.REDIRECTED,
        FetchStatus.FOUND,
    ] == [o.status for o in outcomes]
    assert [
        "Ada Lovelace",
        "A[b]",
        "Ada Lovelace",
        "Nope",
        "Ada Lovelace",
        "Ada Lovelace",
    ] == [o.title for o in outcomes]
    assert "invalid characters" in outcomes[1].reason
    assert 1 == len(content_requests(fake))
    assert (
        "Ada Lovelace|A[b]|ada_Lovelace|Nope|Lovelace"
        == content_requests(fake)[0]["titles"]
    )


def _resolve_answer(titles: list[str], answer: dict[str, Any]) -> list[Any]:
    """resolve_titles on one response body, merged as the fetcher merges it."""
    merger = PageMerger()
    merger.add(answer)
    merged = merger.result()
    interwiki = [(i["title"], i["iw"]) for i in answer["query"].get("interwiki", ())]
    resolved = resolve_titles(
        titles,
        merged["pages"],
        normalized=merged["normalized"],
        redirects=merged["redirects"],
        interwiki=interwiki,
    )
    return [resolved[t] for t in titles]


def test_non_nfc_title_is_matched_through_fromencoded() -> None:
    """MediaWiki percent-encodes a non-NFC 'from' (fromencoded); it still matches."""
    # As MediaWiki 1.39 answers titles=A\u0301da Lovelace (a decomposed Á).
    answer = {
        "query": {
            "normalized": [
                {
                    "fromencoded": True,
                    "from": "A%CC%81da%20Lovelace",
                    "to": "\u00c1da Lovelace",
                }
            ],
            "pages": [{"ns": 0, "title": "\u00c1da Lovelace", "missing": True}],
        }
    }
    (got,) = _resolve_answer(["A\u0301da Lovelace"], answer)

    assert (FetchStatus.MISSING, "\u00c1da Lovelace", "A\u0301da Lovelace") == (
        got.status,
        got.title,
        got.normalized_from,
    )


def test_normalised_then_converted_title_is_found() -> None:
    """On a wiki with script variants a title is normalised, then converted."""
    # MediaWiki converts the *normalised* title, so "converted" starts
    # where "normalized" ended (ApiPageSet lists both).
    answer = {
        "query": {
            "normalized": [{"from": "计算_机", "to": "计算 机"}],
            "converted": [{"from": "计算 机", "to": "計算 機"}],
            "pages": [{"pageid": 5, "ns": 0, "title": "計算 機"}],
        }
    }
    (got,) = _resolve_answer(["计算_机"], answer)

    assert (FetchStatus.NORMALISED, "計算 機", "计算_机") == (
        got.status,
        got.title,
        got.normalized_from,
    )


def test_redirect_loops_and_interwiki_redirects_say_why() -> None:
    """A redirect loop and a redirect to another wiki are invalid, with the reason."""
    # As MediaWiki 1.39 answers: a loop's pages are dropped, only its hops
    # are listed; an interwiki target is listed under "interwiki".
    answer = {
        "query": {
            "normalized": [{"from": "WIKT:foo_bar", "to": "wikt:foo bar"}],
            "interwiki": [
                {"title": "wikt:foo", "iw": "wikt"},
                {"title": "wikt:foo bar", "iw": "wikt"},
            ],
            "redirects": [
                {"from": "Loop a", "to": "Loop b"},
                {"from": "To iw", "to": "wikt:foo", "tointerwiki": "wikt"},
                {"from": "Loop b", "to": "Loop a"},
            ],
            "pages": [],
        }
    }
    loop, away, typed = _resolve_answer(["Loop a", "To iw", "WIKT:foo_bar"], answer)

    assert [FetchStatus.INVALID] * 3 == [loop.status, away.status, typed.status]
    assert "a redirect loop: Loop a → Loop b → Loop a" == loop.reason
    assert (
        "redirects to 'wikt:foo': an interwiki link to 'wikt', not a page of this wiki"
        == away.reason
    )
    assert "an interwiki link to 'wikt', not a page of this wiki" == typed.reason


def _two_page_revision(revid: int, text: str) -> dict[str, Any]:
    return {
        "revid": revid,
        "parentid": 0,
        "timestamp": "2023-01-02T12:00:00Z",
        "size": len(text),
        "sha1": _sha1(text),
        "user": "Alice",
        "comment": "",
        "slots": {"main": {"contentmodel": "wikitext", "content": text}},
    }


# A content query for two pages with every prop continuing, shaped as
# MediaWiki answers it: the first response carries the revisions, info and
# the first slice of categories, contributors and extracts; the second only
# the rest, for modules not yet listed as done in "continue".
_FIRST = {
    "continue": {
        "clcontinue": "2|Zeta",
        "pccontinue": "2|12",
        "excontinue": 1,
        "continue": "||info|pageprops|langlinks|revisions",
    },
    "query": {
        "pages": [
            {
                "pageid": 1,
                "ns": 0,
                "title": "One",
                "lastrevid": 10,
                "revisions": [_two_page_revision(10, "One text.")],
                "categories": [{"ns": 14, "title": "Category:Alpha"}],
                "contributors": [{"userid": 11, "name": "Alice"}],
                "anoncontributors": 2,
                "extract": "One.",
            },
            {
                "pageid": 2,
                "ns": 0,
                "title": "Two",
                "lastrevid": 20,
                "revisions": [_two_page_revision(20, "Two text.")],
                "categories": [{"ns": 14, "title": "Category:Beta"}],
                "contributors": [{"userid": 11, "name": "Alice"}],
            },
        ]
    },
}
_SECOND = {
    "batchcomplete": True,
    "query": {
        "pages": [
            {"pageid": 1, "ns": 0, "title": "One"},
            {
                "pageid": 2,
                "ns": 0,
                "title": "Two",
                "categories": [{"ns": 14, "title": "Category:Zeta"}],
                "contributors": [{"userid": 12, "name": "Bob"}],
                "extract": "Two.",
            },
        ]
    },
}


def test_batch_merges_every_prop_across_continuations() -> None:
    """Categories, contributors and extracts in slices join each page's revision."""
    from wikireuse.testing import siteinfo

    def answer(request: requests.PreparedRequest) -> requests.Response:
        params = request_params(request)
        if params.get("meta") == "siteinfo":
            return make_response(json=siteinfo())
        return make_response(json=_SECOND if "continue" in params else _FIRST)

    fake = fake_client(answer)
    one, two = fake.client.articles(["One", "Two"], contributors=True, extract=True)
    queries = [p for p in sent(fake) if p.get("meta") != "siteinfo"]

    assert one.article is not None
    assert two.article is not None
    assert [(10, "One text.", "One."), (20, "Two text.", "Two.")] == [
        (a.revid, a.wikitext, a.extract) for a in (one.article, two.article)
    ]
    assert [("Alpha",), ("Beta", "Zeta")] == [
        a.categories for a in (one.article, two.article)
    ]
    assert one.article.contributors is not None
    assert two.article.contributors is not None
    assert [(("Alice",), 2), (("Alice", "Bob"), 0)] == [
        (c.names, c.anonymous)
        for c in (one.article.contributors, two.article.contributors)
    ]
    # Continuation keys are sent back as given, and never enter provenance.
    assert ("2|Zeta", "2|12", "1") == (
        queries[1]["clcontinue"],
        queries[1]["pccontinue"],
        queries[1]["excontinue"],
    )
    assert 2 == len(queries)
    assert not {"continue", "clcontinue", "pccontinue", "excontinue"} & set(
        dict(two.article.provenance.params)
    )


def test_batches_of_fifty(fake: FakeClient) -> None:
    """120 titles go as 50 + 50 + 20 in three content requests."""
    titles = [f"Filler {n:03d}" for n in range(1, 121)]
    outcomes = fake.client.articles(titles)

    assert [50, 50, 20] == [len(p["titles"].split("|")) for p in content_requests(fake)]
    assert titles == [o.article.title for o in outcomes if o.article is not None]


def test_duplicates_across_batches_are_fetched_once(fake: FakeClient) -> None:
    """A title repeated after its batch was fetched is answered without a request."""
    titles = [f"Filler {n:03d}" for n in range(1, 51)] + ["Filler 001"]
    outcomes = fake.client.articles(titles)

    assert 1 == len(content_requests(fake))
    assert (51, "Filler 001") == (len(outcomes), outcomes[-1].title)


def test_iter_articles_streams_batch_by_batch(fake: FakeClient) -> None:
    """The first batch is yielded before the rest of the input is read."""
    read: list[int] = []

    def titles() -> Iterator[str]:
        for n in range(1, 121):
            read.append(n)
            yield f"Filler {n:03d}"

    stream = fake.client.iter_articles(titles(), progress=False)
    first = next(stream)

    assert ("Filler 001", 50) == (first.title, len(read))
    assert 119 == sum(1 for _ in stream)


def test_iter_articles_checks_arguments_at_once(fake: FakeClient) -> None:
    """Bad arguments raise when iter_articles is called, not when iterated."""
    with pytest.raises(ConfigurationError):
        fake.client.iter_articles("Ada Lovelace")
    with pytest.raises(ConfigurationError):
        fake.client.iter_articles(["A"], pageids=[1])
    with pytest.raises(ConfigurationError):
        fake.client.iter_articles()


def test_non_string_title_in_batch_is_configuration_error(fake: FakeClient) -> None:
    """A title that is not a string is a caller error, not an outcome."""
    with pytest.raises(ConfigurationError):
        fake.client.articles(["Ada Lovelace", 7])  # type: ignore[list-item]


def test_progress_bar_on_stderr(
    fake: FakeClient, capsys: pytest.CaptureFixture[str]
) -> None:
    """progress=True draws a tqdm bar on stderr; False draws nothing."""
    list(fake.client.iter_articles(["Ada Lovelace"], progress=True))
    shown = capsys.readouterr().err
    list(fake.client.iter_articles(["Ada Lovelace"], progress=False))
    hidden = capsys.readouterr().err

    assert ("1/1" in shown, "") == (True, hidden)


def test_progress_none_follows_the_terminal(
    fake: FakeClient, capsys: pytest.CaptureFixture[str]
) -> None:
    """progress=None shows nothing when stderr is not a terminal (as under pytest)."""
    list(fake.client.iter_articles(["Ada Lovelace"]))

    assert "" == capsys.readouterr().err


def test_batch_extracts_follow_continuation(fake: FakeClient) -> None:
    """One extract per response: three pages take three requests, all filled."""
    outcomes = fake.client.articles(
        ["Ada Lovelace", "Analytical Engine", "Engine (disambiguation)"], extract=True
    )

    assert [
        "Extract of Ada Lovelace.",
        "Extract of Analytical Engine.",
        "Extract of Engine (disambiguation).",
    ] == [o.article.extract for o in outcomes if o.article is not None]
    assert 3 == len([p for p in sent(fake) if "extracts" in p.get("prop", "")])


def test_batch_disambiguation_flag(fake: FakeClient) -> None:
    """Pageprops disambiguation sets is_disambiguation."""
    (outcome,) = fake.client.articles(["Engine (disambiguation)"])

    assert outcome.article is not None
    assert outcome.article.is_disambiguation


def test_batch_by_pageids_resolves_redirect_pages(fake: FakeClient) -> None:
    """Page ids: a redirect page is followed by its title; a missing id is MISSING."""
    outcomes = fake.client.articles(pageids=[8, 7, 424242])

    assert [8, 7, 424242] == [o.requested for o in outcomes]
    assert [FetchStatus.REDIRECTED, FetchStatus.FOUND, FetchStatus.MISSING] == [
        o.status for o in outcomes
    ]
    first = outcomes[0].article
    assert first is not None
    assert ("Ada Lovelace", ("Lovelace",), "pageid:8") == (
        first.title,
        first.redirects,
        first.requested,
    )
    assert "redirects" not in content_requests(fake)[0]


def test_batch_html_per_page(fake: FakeClient) -> None:
    """html=True in a batch fetches each page's revision HTML."""
    outcomes = fake.client.articles(["Ada Lovelace", "Analytical Engine"], html=True)

    assert ['"7/abc"', '"13/abc"'] == [
        o.article.html_etag for o in outcomes if o.article is not None
    ]


# --- the store ---------------------------------------------------------------------


def store_client(wiki: FakeWiki, path: Path) -> tuple[FakeClient, Any]:
    """A client with a real Store and a retry budget of one attempt."""
    from wikireuse.store import Store

    store = Store(path / "snap.db")
    return fake_client(wiki, store=store, retry=RetryPolicy(max_attempts=1)), store


def test_fetched_articles_are_kept(wiki: FakeWiki, tmp_path: Path) -> None:
    """With client.store set, every live article is put in the store."""
    fake, store = store_client(wiki, tmp_path)
    fake.client.articles(["Ada Lovelace", "Lovelace", "Nope"])

    kept = store.latest(wiki=API, title="Lovelace")
    assert kept is not None
    assert (7, "Ada Lovelace") == (kept.revid, kept.title)
    assert ["Ada Lovelace", "Lovelace"] == [
        e.detail["requested"] for e in store.audit()
    ]
    store.close()


def test_unreachable_wiki_is_answered_from_store(
    wiki: FakeWiki, tmp_path: Path
) -> None:
    """When the wiki cannot be reached, the stored copy is served and says so."""
    fake, store = store_client(wiki, tmp_path)
    live = fake.client.article("Ada Lovelace")
    wiki.fail_with = requests.ConnectionError("down")
    offline = fake_client(wiki, store=store, retry=RetryPolicy(max_attempts=1)).client
    served = offline.article("Ada Lovelace")

    assert (live.revid, live.wikitext) == (served.revid, served.wikitext)
    assert (True, "store") == (served.from_store, served.provenance.served_from)
    assert "could not be reached" in served.provenance.note
    by_revid = offline.article(revid=7)
    assert by_revid.from_store
    store.close()


def test_unreachable_batch_from_store(wiki: FakeWiki, tmp_path: Path) -> None:
    """A batch is answered from the store when every input is stored."""
    fake, store = store_client(wiki, tmp_path)
    fake.client.articles(["Ada Lovelace", "Lovelace"])
    wiki.fail_with = requests.ConnectionError("down")
    offline = fake_client(wiki, store=store, retry=RetryPolicy(max_attempts=1)).client
    outcomes = offline.articles(["Lovelace", "Ada Lovelace"])

    assert [FetchStatus.REDIRECTED, FetchStatus.FOUND] == [o.status for o in outcomes]
    assert all(o.article is not None and o.article.from_store for o in outcomes)
    store.close()


def test_unreachable_and_not_stored_raises(wiki: FakeWiki, tmp_path: Path) -> None:
    """Without a stored copy the transport failure is raised."""
    _, store = store_client(wiki, tmp_path)
    wiki.fail_with = requests.ConnectionError("down")
    offline = fake_client(wiki, store=store, retry=RetryPolicy(max_attempts=1)).client

    with pytest.raises(RetryExhaustedError):
        offline.article("Ada Lovelace")
    with pytest.raises(RetryExhaustedError):
        offline.articles(["Ada Lovelace"])
    store.close()


def test_http_error_is_not_hidden_by_store(wiki: FakeWiki, tmp_path: Path) -> None:
    """A 4xx is an answer from the wiki: it is raised even if the store has the page."""
    fake, store = store_client(wiki, tmp_path)
    fake.client.article("Ada Lovelace")
    offline = fake_client(
        lambda r: make_response(403, text="forbidden"), store=store
    ).client

    with pytest.raises(HTTPStatusError):
        offline.article("Ada Lovelace")
    store.close()


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (lambda: make_response(429, text="slow down"), RateLimitedError),
        (
            lambda: make_response(
                json={"error": {"code": "ratelimited", "info": "too fast"}}
            ),
            RateLimitedError,
        ),
        (
            lambda: make_response(
                json={"error": {"code": "maxlag", "info": "lagged", "lag": 9}},
                headers={"Retry-After": "5"},
            ),
            MaxlagTimeoutError,
        ),
        (
            lambda: make_response(
                json={"error": {"code": "internal_api_error", "info": "boom"}}
            ),
            APIError,
        ),
    ],
)
def test_answers_that_ran_out_of_retries_are_not_hidden_by_store(
    wiki: FakeWiki,
    tmp_path: Path,
    response: Callable[[], requests.Response],
    error: type[Exception],
) -> None:
    """429, API 'ratelimited', maxlag and API errors are answers: raised, not stored."""
    fake, store = store_client(wiki, tmp_path)
    fake.client.article("Ada Lovelace")
    offline = fake_client(
        lambda r: response(), store=store, retry=RetryPolicy(max_attempts=1)
    ).client

    with pytest.raises(error):
        offline.article("Ada Lovelace")
    with pytest.raises(error):
        offline.articles(["Ada Lovelace"])
    store.close()


def test_server_errors_that_ran_out_of_retries_are_served_from_store(
    wiki: FakeWiki, tmp_path: Path
) -> None:
    """A wiki that only answers 503 cannot be reached: the store answers."""
    fake, store = store_client(wiki, tmp_path)
    live = fake.client.article("Ada Lovelace")
    offline = fake_client(
        lambda r: make_response(503, text="down for maintenance"),
        store=store,
        retry=RetryPolicy(max_attempts=1),
    ).client
    served = offline.article("Ada Lovelace")

    assert (live.revid, True) == (served.revid, served.from_store)
    store.close()


def test_store_fallback_with_a_minimal_store_object(wiki: FakeWiki) -> None:
    """Any object with latest()/get()/put() serves as the client's store."""
    fake = fake_client(wiki)
    live = fake.client.article("Ada Lovelace")

    class Memory:
        def put(self, article: Article) -> bool:
            return True

        def latest(
            self, *, wiki: str, title: str | None = None, pageid: int | None = None
        ) -> Article | None:
            return live if title == "Ada Lovelace" else None

        def get(self, *, wiki: str, revid: int) -> Article | None:
            return None

    wiki.fail_with = requests.ConnectionError("down")
    offline = fake_client(
        wiki, store=Memory(), retry=RetryPolicy(max_attempts=1)
    ).client

    assert offline.article("Ada Lovelace").from_store


# --- contributors and history -------------------------------------------------------


def test_contributors_follow_continuation(fake: FakeClient) -> None:
    """page_size=1: one request per listed user, all collected in order.

    The temporary account among them is counted, not named.
    """
    people = fake.client.contributors("Analytical Engine", page_size=1)
    asked = [p for p in sent(fake) if p.get("prop") == "contributors"]

    assert (("Alice", "Bob", "Botty"), 2) == (people.names, people.anonymous)
    assert (4, "1") == (len(asked), asked[0]["pclimit"])
    assert people.provenance is not None
    assert dict(people.provenance.params) == asked[0]


def test_contributors_of_an_article(fake: FakeClient) -> None:
    """A latest Article is asked for by page id; bots are excluded on request."""
    article = fake.client.article("Analytical Engine")
    people = fake.client.contributors(article, exclude_bots=True)
    asked = next(p for p in sent(fake) if p.get("prop") == "contributors")

    assert ("9", "bot", "max") == (
        asked["pageids"],
        asked["pcexcludegroup"],
        asked["pclimit"],
    )
    assert "Botty" not in people.names


def test_contributors_of_old_revision_exclude_bots_with_list_users(
    fake: FakeClient,
) -> None:
    """History-built lists ask list=users for groups, 50 names a request."""
    article = fake.client.article(revid=12)
    people = fake.client.contributors(article, exclude_bots=True)
    users = [p for p in sent(fake) if p.get("list") == "users"]

    assert (("Alice", "Bob"), 1, 12) == (
        people.names,
        people.anonymous,
        people.up_to_revid,
    )
    assert ["Alice|Bob|Botty"] == [p["ususers"] for p in users]
    assert people.provenance is not None
    assert 1 == len(people.provenance.related)


def test_contributors_of_missing_page(fake: FakeClient) -> None:
    """Contributors of a page that does not exist: PageNotFoundError."""
    with pytest.raises(PageNotFoundError):
        fake.client.contributors("Nope")


def test_contributors_reject_bad_page_size(fake: FakeClient) -> None:
    """page_size must be a positive integer."""
    with pytest.raises(ConfigurationError):
        fake.client.contributors("Analytical Engine", page_size=0)


def test_history_is_newest_first_and_continued(fake: FakeClient) -> None:
    """page_size=2: five revisions in three requests, newest first, with details."""
    history = fake.client.history("Analytical Engine", page_size=2)
    asked = [p for p in sent(fake) if p.get("prop") == "revisions"]

    assert [13, 12, 11, 10, 9] == [r.revid for r in history]
    assert 3 == len(asked)
    assert {
        "rvprop": "ids|timestamp|user|userid|comment|size|flags|sha1",
        "rvlimit": "2",
    }.items() <= asked[0].items()
    assert [True, False, False, True, False] == [r.anonymous for r in history]
    assert (True, None) == (history[2].minor, history[-1].parentid)


def test_history_limit_stops_early(fake: FakeClient) -> None:
    """limit=3 with page_size=2 stops after two requests."""
    history = fake.client.history("Analytical Engine", limit=3, page_size=2)

    assert [13, 12, 11] == [r.revid for r in history]
    assert 2 == len([p for p in sent(fake) if p.get("prop") == "revisions"])


def test_history_of_an_old_article_starts_at_its_revision(fake: FakeClient) -> None:
    """For an Article the history starts at its revision (rvstartid)."""
    article = fake.client.article(revid=11)
    history = fake.client.history(article)
    asked = next(p for p in sent(fake) if p.get("prop") == "revisions")

    assert [11, 10, 9] == [r.revid for r in history]
    assert ("11", "9") == (asked["rvstartid"], asked["pageids"])


def test_history_hidden_user_is_none(fake: FakeClient, wiki: FakeWiki) -> None:
    """A revision-deleted user name is None, not an empty string."""
    wiki.pages["Analytical Engine"].revs[1].userhidden = True
    history = fake.client.history("Analytical Engine", until_revid=10)

    assert [None, "Alice"] == [r.user for r in history]


def test_history_rejects_bad_limits(fake: FakeClient) -> None:
    """limit, until_revid and page_size must be positive integers."""
    for kwargs in ({"limit": 0}, {"until_revid": -3}, {"page_size": 0}):
        with pytest.raises(ConfigurationError):
            fake.client.history("Analytical Engine", **kwargs)


def test_history_of_invalid_title(fake: FakeClient) -> None:
    """History of a title that cannot exist is an InvalidTitleError."""
    with pytest.raises(InvalidTitleError):
        fake.client.history("A[b]")


def test_contributors_reject_other_types(fake: FakeClient) -> None:
    """An article must be an Article or a title string."""
    with pytest.raises(ConfigurationError):
        fake.client.contributors(7)  # type: ignore[arg-type]


def test_article_for_other_wiki_client(wiki: FakeWiki) -> None:
    """A client without a default wiki can still fetch with wiki= given."""
    fake = fake_client(wiki, wiki=None)
    article = fake.client.article("Ada Lovelace", wiki="en.wikipedia.org")

    assert API == article.wiki
    assert isinstance(fake.client, Client)


def test_store_fallback_finds_unnormalised_titles(
    wiki: FakeWiki, tmp_path: Path
) -> None:
    """An unnormalised title is looked up in the store under its normal form."""
    fake, store = store_client(wiki, tmp_path)
    fake.client.article("Ada Lovelace")
    wiki.fail_with = requests.ConnectionError("down")
    offline = fake_client(wiki, store=store, retry=RetryPolicy(max_attempts=1)).client
    (outcome,) = offline.articles(["ada_Lovelace"])

    assert (FetchStatus.NORMALISED, "Ada Lovelace") == (outcome.status, outcome.title)
    assert outcome.article is not None
    assert outcome.article.from_store
    store.close()


def test_stream_memory_is_bounded(
    fake: FakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the last REMEMBER outcomes are kept; an older repeat is fetched again."""
    import wikireuse.fetch._articles as module

    monkeypatch.setattr(module, "REMEMBER", 50)
    titles = [f"Filler {n:03d}" for n in range(1, 101)] + ["Filler 001", "Filler 100"]
    outcomes = list(fake.client.iter_articles(titles, progress=False))

    assert titles == [o.requested for o in outcomes]
    assert [50, 50, 1] == [len(p["titles"].split("|")) for p in content_requests(fake)]


# --- offline answers respect redirects= --------------------------------------------


def offline_client(wiki: FakeWiki, store: Any) -> Client:
    """A client on the same store whose wiki refuses connections."""
    wiki.fail_with = requests.ConnectionError("down")
    return fake_client(wiki, store=store, retry=RetryPolicy(max_attempts=1)).client


def test_offline_redirects_false_never_gives_the_target(
    wiki: FakeWiki, tmp_path: Path
) -> None:
    """A redirect followed when fetching does not answer redirects=False offline."""
    fake, store = store_client(wiki, tmp_path)
    fake.client.article("Lovelace")  # the title index: Lovelace -> Ada Lovelace
    offline = offline_client(wiki, store)

    with pytest.raises(RetryExhaustedError):
        offline.article("Lovelace", redirects=False)
    with pytest.raises(RetryExhaustedError):
        offline.articles(["Lovelace"], redirects=False)
    assert "Ada Lovelace" == offline.article("Lovelace").title
    store.close()


def test_offline_redirect_page_is_followed_in_the_store(
    wiki: FakeWiki, tmp_path: Path
) -> None:
    """A stored redirect page answers redirects=False; otherwise its target does."""
    fake, store = store_client(wiki, tmp_path)
    fake.client.article("Ada Lovelace")
    fake.client.articles(["Countess", "Lovelace"], redirects=False)
    offline = offline_client(wiki, store)

    followed = offline.article("Countess")  # Countess -> Lovelace -> Ada Lovelace
    outcomes = offline.articles(["Countess", "Lovelace"])
    itself = offline.article("Lovelace", redirects=False)
    by_id = offline.article(pageid=8)

    assert ("Ada Lovelace", True) == (followed.title, followed.from_store)
    assert [(FetchStatus.REDIRECTED, "Ada Lovelace")] * 2 == [
        (o.status, o.title) for o in outcomes
    ]
    assert ("Lovelace", "#REDIRECT [[Ada Lovelace]]") == (
        itself.title,
        itself.wikitext,
    )
    assert "Ada Lovelace" == by_id.title
    assert "Lovelace" == offline.article(pageid=8, redirects=False).title
    store.close()


def test_offline_redirect_without_a_stored_target_is_not_answered(
    wiki: FakeWiki, tmp_path: Path
) -> None:
    """A stored redirect page whose target is not stored is no answer."""
    fake, store = store_client(wiki, tmp_path)
    fake.client.article("Lovelace", redirects=False)
    offline = offline_client(wiki, store)

    with pytest.raises(RetryExhaustedError):
        offline.article("Lovelace")
    assert "Lovelace" == offline.article("Lovelace", redirects=False).title
    store.close()


def test_offline_redirect_loop_in_the_store_is_not_answered(
    wiki: FakeWiki, tmp_path: Path
) -> None:
    """Stored redirects that lead round in a loop give no answer."""
    from tests.test_store import make_article

    _, store = store_client(wiki, tmp_path)
    for pageid, title, target in ((21, "Loop A", "Loop B"), (22, "Loop B", "loop A")):
        store.put(
            make_article(
                wiki=API,
                pageid=pageid,
                revid=pageid,
                title=title,
                text=f"#redirect: [[{target}#Section|shown]]",
            )
        )
    offline = offline_client(wiki, store)

    with pytest.raises(RetryExhaustedError):
        offline.article("Loop A")
    assert "Loop B" == offline.article("Loop B", redirects=False).title
    store.close()
