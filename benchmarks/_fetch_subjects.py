"""The four libraries of the fetch benchmark, each used the way its docs show.

Each subject gets the Action API URL (of the counting proxy) and the titles,
and returns one :class:`Fetched` per title with what the library delivered:
the text, the revision id it reports, and -- where the library has a way to
get them -- the contributors and the licence.  ``None`` means "this library
has no way to get it", never "it failed"; a failure is an ``error``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from benchmarks._subjects import UA


@dataclass(frozen=True)
class Fetched:
    """What a library returned for one title."""

    title: str
    text: str | None = None
    revid: int | None = None
    registered: frozenset[str] | None = None
    anonymous: int | None = None
    license: str | None = None  # the licence URL (or name) the library reported
    error: str | None = None


@dataclass(frozen=True)
class Subject:
    """A library under test and which of the four fields it can deliver."""

    name: str
    fetch: Callable[[str, Sequence[str]], list[Fetched]]
    contributors: bool
    licence: bool
    how: str  # how the fields are obtained, for the table's note


def wikireuse_fetch(api_url: str, titles: Sequence[str]) -> list[Fetched]:
    """One ``client.articles(titles, contributors=True)`` call."""
    from wikireuse import Client

    # No pacing on loopback: the peers have none either, and 0 s between
    # requests keeps the client's politeness from dominating the wall time.
    with Client(UA, api_url=api_url, min_interval=0.0, cache=False) as client:
        outcomes = client.articles(list(titles), contributors=True)
    out = []
    for title, outcome in zip(titles, outcomes, strict=True):
        article = outcome.article
        if article is None:
            out.append(Fetched(title=title, error=f"{outcome.status}"))
            continue
        people = article.contributors
        out.append(
            Fetched(
                title=title,
                text=article.wikitext,
                revid=article.revid,
                registered=(
                    frozenset(c.name for c in people.registered)
                    if people is not None
                    else frozenset()
                ),
                anonymous=people.anonymous if people is not None else -1,
                license=article.license.url or article.license.spdx,
            )
        )
    return out


def mwclient_fetch(api_url: str, titles: Sequence[str]) -> list[Fetched]:
    """A plain loop: ``site.pages[t]``, ``.text()``, ``.revision``, ``.revisions()``."""
    import mwclient

    parts = urlsplit(api_url)
    site = mwclient.Site(
        parts.netloc,
        scheme=parts.scheme,
        path=parts.path.removesuffix("api.php"),
        clients_useragent=UA,
    )
    # The licence is the wiki's, asked once (mwclient has no call for it).
    rights = site.api("query", meta="siteinfo", siprop="rightsinfo")
    licence = rights["query"]["rightsinfo"].get("url") or rights["query"][
        "rightsinfo"
    ].get("text")
    out = []
    try:
        for title in titles:
            page = site.pages[title]
            text = page.text()
            users: set[str] = set()
            ips: set[str] = set()
            for rev in page.revisions(prop="user"):
                (ips if "anon" in rev else users).add(rev["user"])
            out.append(
                Fetched(
                    title=title,
                    text=text,
                    revid=page.revision,  # from the info request, not the text's
                    registered=frozenset(users),
                    anonymous=len(ips),
                    license=licence,
                )
            )
    finally:
        # Its keep-alive connections would otherwise outlive the benchmark.
        site.connection.close()
    return out


def wikipediaapi_fetch(api_url: str, titles: Sequence[str]) -> list[Fetched]:
    """``wiki.page(t).text`` and ``.lastrevid`` (an extra ``prop=info`` call)."""
    import wikipediaapi

    class LoopbackWikipedia(wikipediaapi.Wikipedia):
        # 0.16 has no base-URL option; its only hook is the URL builder.
        def _build_url(self, language: str) -> str:
            return api_url

    wiki = LoopbackWikipedia(user_agent=UA, language="en")
    out = []
    try:
        for title in titles:
            page = wiki.page(title)
            out.append(Fetched(title=title, text=page.text, revid=page.lastrevid))
    finally:
        # Its httpx client keeps connections open until closed.
        wiki._client.close()
    return out


def wikipedia_fetch(api_url: str, titles: Sequence[str]) -> list[Fetched]:
    """``wikipedia.page(t, auto_suggest=False)``, ``.content``, ``.revision_id``."""
    import wikipedia
    import wikipedia.wikipedia as module

    wikipedia.set_lang("en")
    wikipedia.set_user_agent(UA)
    module.API_URL = api_url  # set_lang only knows *.wikipedia.org
    out = []
    for title in titles:
        page = wikipedia.page(title, auto_suggest=False)
        text = page.content  # the request that also brings revision_id
        out.append(Fetched(title=title, text=text, revid=int(page.revision_id)))
    return out


SUBJECTS = (
    Subject(
        name="wikireuse",
        fetch=wikireuse_fetch,
        contributors=True,
        licence=True,
        how="client.articles(titles, contributors=True): one call",
    ),
    Subject(
        name="mwclient",
        fetch=mwclient_fetch,
        contributors=True,
        licence=True,
        how=(
            "per page: pages[t] (info), text(), revisions(prop=user); "
            "+1 siteinfo rightsinfo for the licence"
        ),
    ),
    Subject(
        name="Wikipedia-API",
        fetch=wikipediaapi_fetch,
        contributors=False,
        licence=False,
        how="per page: .text (extracts) + .lastrevid (info); no contributors/licence",
    ),
    Subject(
        name="wikipedia",
        fetch=wikipedia_fetch,
        contributors=False,
        licence=False,
        how=(
            "per page: page() (info) + .content/.revision_id (extracts+ids); "
            "no contributors/licence"
        ),
    ),
)


def run_subject(subject: Subject, api_url: str, titles: Sequence[str]) -> list[Fetched]:
    """Run *subject*; a crash is a result (every title gets the error)."""
    try:
        with warnings.catch_warnings():
            # A peer's deprecation or parser warnings are not the benchmark's
            # business (and the test suite turns warnings into errors).
            warnings.simplefilter("ignore")
            return subject.fetch(api_url, titles)
    except Exception as exc:  # any crash is a measured outcome
        message = f"{type(exc).__name__}: {' '.join(str(exc).split())[:160]}"
        return [Fetched(title=t, error=message) for t in titles]
