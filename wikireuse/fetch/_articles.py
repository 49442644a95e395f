"""Fetching articles, their authors and their history (behind Client methods).

The public entry points are :meth:`wikireuse.Client.article`,
:meth:`~wikireuse.Client.articles`, :meth:`~wikireuse.Client.iter_articles`,
:meth:`~wikireuse.Client.contributors` and :meth:`~wikireuse.Client.history`;
they delegate here. The parsing functions (:func:`parse_revision`,
:func:`resolve_titles`, ...) are pure, so recorded API responses can be read
with them directly.

Design, in short:

* text and revision id always come from **one** ``action=query`` response
  (``prop=revisions`` with ``rvslots=main`` next to
  ``info|pageprops|categories|langlinks``); the slot SHA-1 is checked against
  the text;
* titles and page ids go 50 a request; every continuation is followed and
  pages are merged across responses;
* for an old revision, the page facts that ``prop=`` modules report for the
  *current* page (categories, language links, page properties) come from
  ``action=parse&oldid=`` instead, and the plain-text extract is derived from
  the revision's own wikitext, because TextExtracts only describes the
  latest revision.
"""

from __future__ import annotations

import hashlib
import html
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from wikireuse.core import _json
from wikireuse.core._time import parse_timestamp
from wikireuse.exceptions import (
    ConfigurationError,
    FetchError,
    HTTPStatusError,
    InvalidResponseError,
    InvalidTitleError,
    MaxlagTimeoutError,
    PageNotFoundError,
    RetryExhaustedError,
    TransportError,
)
from wikireuse.records._pages import PageMerger, flag
from wikireuse.records._payload import integer, items, naming_request, string
from wikireuse.records.articles import (
    Article,
    ArticleOutcome,
    Contributor,
    Contributors,
    FetchStatus,
    LangLink,
    LicenseTimeline,
    PageLicense,
    Revision,
)
from wikireuse.records.persons import is_anonymous_name
from wikireuse.records.provenance import RequestRecord, content_hash
from wikireuse.records.titles import normalise

if TYPE_CHECKING:
    from wikireuse.client import Client
    from wikireuse.records._values import SiteInfo, Wiki
    from wikireuse.store import Store

__all__ = [
    "BATCH",
    "REMEMBER",
    "fetch_article",
    "fetch_articles",
    "fetch_contributors",
    "fetch_history",
    "info_by_pageid",
    "parse_categories",
    "parse_history_revision",
    "parse_langlinks",
    "parse_page_props",
    "parse_revision",
    "parse_revision_facts",
    "resolve_info",
    "resolve_titles",
]

BATCH: Final = 50
"""Titles or page ids per request: content is capped at 50 pages a request."""

REMEMBER: Final = 10_000
"""Outcomes a stream keeps to answer a repeated input without a request;
an input repeated after more distinct ones than this is fetched again."""

_CONTENT_RVPROP: Final = "ids|timestamp|sha1|slotsha1|size|content|flags|user|comment"
_HISTORY_RVPROP: Final = "ids|timestamp|user|userid|comment|size|flags|sha1"
_DECLARED: Final = LicenseTimeline(cutover=datetime.min.replace(tzinfo=timezone.utc))
_TAG_RE: Final = re.compile(r"<[^>]*>")


def _is_bool(_: Any, attribute: attrs.Attribute[bool], value: Any) -> None:
    if not isinstance(value, bool):
        raise ConfigurationError(
            message=f"{attribute.name} must be True or False, got {value!r}"
        )


@attrs.frozen(kw_only=True)
class _Options:
    """What to fetch besides the revision (the keyword flags of the Client methods)."""

    html: bool = attrs.field(default=False, validator=_is_bool)
    extract: bool = attrs.field(default=False, validator=_is_bool)
    contributors: bool = attrs.field(default=False, validator=_is_bool)
    exclude_bots: bool = attrs.field(default=False, validator=_is_bool)
    redirects: bool = attrs.field(default=True, validator=_is_bool)


# -- small helpers ----------------------------------------------------------------


def _positive_id(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigurationError(
            message=f"{what} must be a positive integer, got {value!r}"
        )
    return value


def _page_size(value: int | None) -> int | Literal["max"]:
    if value is None:
        return "max"
    return _positive_id(value, "page_size")


def _target(
    client: Client, wiki: Wiki | str | None, article: Article | str | None = None
) -> Wiki:
    """The wiki to ask: *wiki*, else the article's, else the client's default."""
    if wiki is None and isinstance(article, Article):
        own = client.wiki
        if own is not None and own.api_url == article.wiki:
            return own
        wiki = article.wiki
    return client._target(wiki)


def _sent(client: Client, params: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """The parameters as the client puts them on the wire."""
    return tuple(client._action_params(params).items())


def _license(client: Client, site: SiteInfo, wiki: Wiki, when: datetime) -> PageLicense:
    timeline = client.license_timeline or _DECLARED
    return timeline.license_for(
        rights_url=site.rights_url,
        rights_text=site.rights_text,
        timestamp=when,
        wikimedia=wiki.is_wikimedia,
    )


# -- pure parsing ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _ParsedRevision:
    revid: int
    parentid: int | None
    timestamp: datetime
    sha1: str | None
    size: int
    text: str
    content_model: str


def parse_revision(
    page: Mapping[str, Any], revid: int | None = None
) -> _ParsedRevision:
    """The revision (with content) of a page object, its SHA-1 checked.

    Reads ``formatversion=2`` and 1, with or without ``rvslots``.

    Raises:
        InvalidResponseError: No revision, no content, or a SHA-1 that does
            not match the text.
        PageNotFoundError: The revision's text is hidden (revision deletion).
    """
    title = string(page, "title", where="query.pages[]")
    revisions = page.get("revisions")
    if not isinstance(revisions, list) or not revisions:
        raise InvalidResponseError(message=f"no revision in the answer for {title!r}")
    chosen = revisions[0]
    if revid is not None:
        matching = [
            r for r in revisions if isinstance(r, Mapping) and r.get("revid") == revid
        ]
        if not matching:
            raise InvalidResponseError(
                message=f"revision {revid} is not in the answer for {title!r}"
            )
        chosen = matching[0]
    if not isinstance(chosen, Mapping):
        raise InvalidResponseError(message=f"bad revision object for {title!r}")
    slots = chosen.get("slots")
    slot: Mapping[str, Any] = chosen
    if isinstance(slots, Mapping) and isinstance(slots.get("main"), Mapping):
        slot = slots["main"]
    number = chosen.get("revid")
    if not isinstance(number, int):
        raise InvalidResponseError(message=f"revision without an id for {title!r}")
    if flag(slot, "texthidden") or flag(chosen, "texthidden"):
        raise PageNotFoundError(
            message=f"the text of revision {number} of {title!r} is hidden "
            "(revision deletion)",
            code="texthidden",
            title=title,
        )
    text = slot.get("content", slot.get("*"))
    if not isinstance(text, str):
        raise InvalidResponseError(
            message=f"revision {number} of {title!r} came without content"
        )
    hidden = flag(chosen, "sha1hidden")
    sha1 = None if hidden else (slot.get("sha1") or chosen.get("sha1"))
    if sha1 is not None:
        actual = hashlib.sha1(text.encode("utf-8")).hexdigest()  # noqa: S324  # MediaWiki's checksum
        if actual != str(sha1).lower():
            raise InvalidResponseError(
                message=f"revision {number} of {title!r}: the text's SHA-1 {actual} "
                f"does not match the wiki's {sha1}"
            )
    parent = chosen.get("parentid")
    size = chosen.get("size")
    return _ParsedRevision(
        revid=number,
        parentid=parent if isinstance(parent, int) and parent > 0 else None,
        timestamp=parse_timestamp(chosen.get("timestamp")),
        sha1=str(sha1).lower() if sha1 is not None else None,
        size=size if isinstance(size, int) else len(text.encode("utf-8")),
        text=text,
        content_model=str(
            slot.get("contentmodel", page.get("contentmodel", "wikitext"))
        ),
    )


def _where(page: Mapping[str, Any]) -> str:
    """The JSON path of a page object, by title: merged pages lose their index."""
    title = page.get("title")
    return f"query.pages[{title!r}]" if isinstance(title, str) else "query.pages[]"


def _namespace(page: Mapping[str, Any]) -> int | None:
    return integer(page, "ns", where=_where(page), default=None)


def _pageid(page: Mapping[str, Any]) -> int:
    return integer(page, "pageid", where=_where(page)) or 0


def _strip_prefix(title: str) -> str:
    return title.split(":", 1)[1] if ":" in title else title


def parse_categories(page: Mapping[str, Any]) -> tuple[str, ...]:
    """Category names (without ``Category:``) of a ``prop=categories`` page."""
    found = page.get("categories")
    if not isinstance(found, list):
        return ()
    return tuple(
        _strip_prefix(str(c["title"]))
        for c in found
        if isinstance(c, Mapping) and "title" in c
    )


def parse_langlinks(page: Mapping[str, Any]) -> tuple[LangLink, ...]:
    """Language links of a ``prop=langlinks`` page or an ``action=parse`` result."""
    found = page.get("langlinks")
    if not isinstance(found, list):
        return ()
    links = []
    for link in found:
        if isinstance(link, Mapping) and "lang" in link:
            title = link.get("title", link.get("*", ""))
            links.append(
                LangLink(
                    lang=str(link["lang"]),
                    title=str(title),
                    url=str(link.get("url", "")),
                )
            )
    return tuple(links)


def parse_revision_facts(
    parsed: Mapping[str, Any],
) -> tuple[tuple[str, ...], tuple[LangLink, ...], bool, str | None]:
    """The page facts of an ``action=parse`` result for one revision.

    Reads ``prop=categories|langlinks|properties`` and returns categories,
    language links, the disambiguation flag and the Wikidata item.
    """
    categories = tuple(
        str(c.get("category", c.get("*", ""))).replace("_", " ")
        for c in items(parsed, "categories", where="parse")
        if isinstance(c, Mapping)
    )
    props = parsed.get("properties", {})
    if isinstance(props, list):  # formatversion=1: [{"name": ..., "*": ...}]
        props = {
            str(p.get("name")): p.get("*", "") for p in props if isinstance(p, Mapping)
        }
    if not isinstance(props, Mapping):
        props = {}
    item = props.get("wikibase_item")
    return (
        categories,
        parse_langlinks(parsed),
        "disambiguation" in props,
        str(item) if item else None,
    )


def parse_page_props(page: Mapping[str, Any]) -> tuple[bool, str | None]:
    """The disambiguation flag and Wikidata item from a page's ``pageprops``."""
    props = page.get("pageprops")
    if not isinstance(props, Mapping):
        return False, None
    item = props.get("wikibase_item")
    return "disambiguation" in props, str(item) if item else None


def _comment(item: Mapping[str, Any]) -> str | None:
    if flag(item, "commenthidden"):
        return None
    comment = item.get("comment")
    if isinstance(comment, str):
        return comment
    parsed = item.get("parsedcomment")
    if isinstance(parsed, str):
        # Only the HTML form was asked for: keep its text.
        return html.unescape(_TAG_RE.sub("", parsed))
    return None


def parse_history_revision(item: Mapping[str, Any]) -> Revision:
    """One ``prop=revisions`` entry (no content) as a :class:`Revision`.

    Hidden user names, comments and hashes become ``None``; IP editors
    (``anon``) and temporary accounts (``temp``) are marked anonymous.

    Raises:
        InvalidResponseError: When the entry has no revision id or timestamp.
    """
    if not isinstance(item, Mapping):
        raise InvalidResponseError(
            message=f"a revision that is not an object: {str(item)[:80]!r}",
            field="query.pages[].revisions[]",
        )
    revid = item.get("revid")
    if not isinstance(revid, int):
        raise InvalidResponseError(
            message=f"revision without an id: {str(dict(item))[:200]}",
            field="query.pages[].revisions[].revid",
        )
    parent = item.get("parentid")
    user = None if flag(item, "userhidden") else item.get("user")
    userid = item.get("userid")
    size = item.get("size")
    sha1 = None if flag(item, "sha1hidden") else item.get("sha1")
    return Revision(
        revid=revid,
        parentid=parent if isinstance(parent, int) and parent > 0 else None,
        timestamp=parse_timestamp(item.get("timestamp")),
        user=str(user) if user is not None else None,
        userid=userid if isinstance(userid, int) else 0,
        anonymous=flag(item, "anon") or flag(item, "temp"),
        comment=_comment(item),
        size=size if isinstance(size, int) else 0,
        minor=flag(item, "minor"),
        sha1=str(sha1) if sha1 else None,
    )


@attrs.frozen(kw_only=True)
class _Resolved:
    status: FetchStatus
    page: Mapping[str, Any] | None = None
    title: str | None = None
    normalized_from: str | None = None
    redirects: tuple[str, ...] = ()
    reason: str = ""


def _chain(start: str, redirects: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    """Where following *redirects* from *start* ends, and the titles passed."""
    current = start
    passed: list[str] = []
    while current in redirects and len(passed) <= len(redirects):
        if current in passed:
            break  # a redirect loop: stop where the wiki stopped
        passed.append(current)
        current = redirects[current]
    return current, tuple(passed)


def _no_page_reason(
    asked: Sequence[str], final: str, passed: Sequence[str], iw: Mapping[str, str]
) -> str:
    """Why the answer holds no page for a title that led to *final*.

    *asked* are the title as sent and as normalised: MediaWiki 1.39 lists
    the normal form under ``interwiki``; the title as sent is looked up too,
    so that no answer shape turns an interwiki link into "no page".
    """
    if final in iw and passed:
        return (
            f"redirects to {final!r}: an interwiki link to {iw[final]!r}, "
            "not a page of this wiki"
        )
    prefix = next((iw[t] for t in (final, *asked) if t in iw), None)
    if prefix is not None:
        return f"an interwiki link to {prefix!r}, not a page of this wiki"
    if final in passed:
        # The API drops the pages of a redirect loop and lists only its hops.
        return "a redirect loop: " + " → ".join([*passed, final])
    return "the wiki answered no page for it (an empty title?)"


def resolve_titles(
    titles: Sequence[str],
    pages: Iterable[Mapping[str, Any]],
    *,
    normalized: Iterable[tuple[str, str]] = (),
    redirects: Iterable[tuple[str, str]] = (),
    interwiki: Iterable[tuple[str, str]] = (),
) -> dict[str, _Resolved]:
    """What became of each requested title, from a merged query answer.

    Args:
        titles: The titles as sent.
        pages: The answer's page objects.
        normalized: ``(from, to)`` normalisations and variant conversions.
        redirects: ``(from, to)`` redirects followed.
        interwiki: ``(title, prefix)`` of titles that point to other wikis.
    """
    by_title: dict[str, Mapping[str, Any]] = {}
    for item in pages:
        if isinstance(item.get("title"), str):
            by_title[item["title"]] = item
    norm = dict(normalized)
    hops = dict(redirects)
    iw = dict(interwiki)
    result: dict[str, _Resolved] = {}
    for title in titles:
        # A title can be normalised and then converted to another script
        # variant (zh, sr, ...): both are listed as (from, to) and chained.
        normal, _ = _chain(title, norm)
        final, passed = _chain(normal, hops)
        page = by_title.get(final)
        if page is None:
            result[title] = _Resolved(
                status=FetchStatus.INVALID,
                title=title,
                reason=_no_page_reason((title, normal), final, passed, iw),
            )
            continue
        from_ = title if normal != title else None
        if flag(page, "invalid"):
            reason = str(page.get("invalidreason", "invalid title"))
            result[title] = _Resolved(
                status=FetchStatus.INVALID, title=title, reason=reason
            )
        elif flag(page, "special") or (_namespace(page) or 0) < 0:
            result[title] = _Resolved(
                status=FetchStatus.INVALID,
                title=final,
                reason="a special or media page (namespace < 0): it has no "
                "content to fetch",
            )
        elif flag(page, "missing"):
            result[title] = _Resolved(
                status=FetchStatus.MISSING,
                title=final,
                normalized_from=from_,
                redirects=passed,
            )
        else:
            status = (
                FetchStatus.REDIRECTED
                if passed
                else FetchStatus.NORMALISED
                if from_ is not None
                else FetchStatus.FOUND
            )
            result[title] = _Resolved(
                status=status,
                page=page,
                title=final,
                normalized_from=from_,
                redirects=passed,
            )
    return result


# -- building an Article ----------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Query:
    """A merged ``action=query`` answer and the parameters first sent."""

    pages: tuple[dict[str, Any], ...]
    normalized: tuple[tuple[str, str], ...]
    redirects: tuple[tuple[str, str], ...]
    interwiki: tuple[tuple[str, str], ...]
    bad_revids: frozenset[int]
    sent: tuple[tuple[str, str], ...]
    url: str

    def resolve(self, titles: Sequence[str]) -> dict[str, _Resolved]:
        """What became of each of *titles* (see :func:`resolve_titles`)."""
        with naming_request(self.url):
            return resolve_titles(
                titles,
                self.pages,
                normalized=self.normalized,
                redirects=self.redirects,
                interwiki=self.interwiki,
            )


def _run_query(
    client: Client,
    wiki: Wiki,
    params: Mapping[str, Any],
    *,
    stop: Callable[[PageMerger], bool] | None = None,
) -> _Query:
    """Run a query to the end of its continuation (or until *stop* says so)."""
    merger = PageMerger()
    interwiki: dict[tuple[str, str], None] = {}
    bad: set[int] = set()
    for data in client.query(params, wiki):
        merger.add(data)
        query = data.get("query")
        if not isinstance(query, Mapping):
            continue
        for entry in query.get("interwiki", ()) or ():
            if isinstance(entry, Mapping) and "title" in entry:
                interwiki[(str(entry["title"]), str(entry.get("iw", "")))] = None
        badrevids = query.get("badrevids")
        if isinstance(badrevids, Mapping):
            badrevids = list(badrevids.values())
        for entry in badrevids or ():
            if isinstance(entry, Mapping) and isinstance(entry.get("revid"), int):
                bad.add(entry["revid"])
        if stop is not None and stop(merger):
            break  # no further continuation is requested
    merged = merger.result()
    return _Query(
        pages=merged["pages"],
        normalized=merged["normalized"],
        redirects=merged["redirects"],
        interwiki=tuple(interwiki),
        bad_revids=frozenset(bad),
        sent=_sent(client, params),
        url=wiki.api_url,
    )


def resolve_info(
    client: Client, wiki: Wiki, titles: Sequence[str]
) -> dict[str, _Resolved]:
    """Where each title leads now, from ``prop=info``: no content is fetched.

    One ``action=query&prop=info&redirects=1&titles=...`` request per
    :data:`BATCH` titles. Normalisation and redirects are followed and
    mapped back to each title as given, as :func:`resolve_titles` does for a
    content fetch; a found title's ``page`` holds the page's ``pageid``,
    ``title`` and ``lastrevid``.

    Args:
        client: The client that sends the requests.
        wiki: The wiki to ask.
        titles: Distinct titles, as given.

    Returns:
        Each title's resolution.
    """
    result: dict[str, _Resolved] = {}
    for start in range(0, len(titles), BATCH):
        batch = list(titles[start : start + BATCH])
        params = {"action": "query", "prop": "info", "redirects": True}
        answer = _run_query(client, wiki, {**params, "titles": batch})
        result.update(answer.resolve(batch))
    return result


def info_by_pageid(
    client: Client, wiki: Wiki, pageids: Sequence[int]
) -> dict[int, Mapping[str, Any]]:
    """``prop=info`` of pages by id, one request per :data:`BATCH` ids.

    Redirects are not followed: each id's own page is described (its
    ``title`` and ``lastrevid``), or marked ``missing`` when the wiki has no
    page with that id any more.

    Returns:
        The page object of each id the answer holds.
    """
    found: dict[int, Mapping[str, Any]] = {}
    for start in range(0, len(pageids), BATCH):
        batch = list(pageids[start : start + BATCH])
        answer = _run_query(
            client, wiki, {"action": "query", "prop": "info", "pageids": batch}
        )
        for page in answer.pages:
            pageid = page.get("pageid")
            if isinstance(pageid, int) and not isinstance(pageid, bool):
                found[pageid] = page
    return found


def _content_params(opts: _Options, *, follow: bool) -> dict[str, Any]:
    props = ["info", "pageprops", "categories", "langlinks", "revisions"]
    params: dict[str, Any] = {
        "action": "query",
        "prop": props,
        "inprop": "url",
        "ppprop": "disambiguation|wikibase_item",
        "cllimit": "max",
        "lllimit": "max",
        "llprop": "url",
        "rvprop": _CONTENT_RVPROP,
        "rvslots": "main",
        "redirects": follow,
    }
    if opts.contributors:
        props.append("contributors")
        params["pclimit"] = "max"
        if opts.exclude_bots:
            params["pcexcludegroup"] = "bot"
    if opts.extract:
        # Whole-article extracts come one page a response (exlimit is capped
        # at 1); asking for 1 avoids the warning, continuation does the rest.
        props.append("extracts")
        params["explaintext"] = True
        params["exlimit"] = 1
    return params


def _contributors_from_page(
    client: Client,
    wiki: Wiki,
    page: Mapping[str, Any],
    *,
    exclude_bots: bool,
    sent: tuple[tuple[str, str], ...],
) -> Contributors:
    where = _where(page)
    listed = [
        Contributor(
            name=str(c["name"]),
            userid=integer(c, "userid", where=f"{where}.contributors[{n}]") or 0,
        )
        for n, c in enumerate(items(page, "contributors", where=where))
        if isinstance(c, Mapping) and "name" in c
    ]
    # temporary accounts have user ids, so prop=contributors lists them with
    # the registered: they are counted as anonymous, never named
    registered = tuple(c for c in listed if not is_anonymous_name(c.name))
    anonymous = page.get("anoncontributors", 0)
    anonymous = anonymous if isinstance(anonymous, int) else 0
    anonymous += len(listed) - len(registered)
    record = _json.canonical(
        {"registered": [attrs.asdict(c) for c in registered], "anonymous": anonymous}
    )
    return Contributors(
        title=string(page, "title", where=where),
        pageid=_pageid(page),
        registered=registered,
        anonymous=anonymous,
        bots_excluded=exclude_bots,
        up_to_revid=None,
        provenance=client._provenance(
            wiki=wiki,
            endpoint=wiki.api_url,
            params=sent,
            revid=None,
            rev_timestamp=None,
            content_hash=content_hash(record),
        ),
    )


def _build_article(
    client: Client,
    wiki: Wiki,
    site: SiteInfo,
    page: Mapping[str, Any],
    **kwargs: Any,
) -> Article:
    """An Article from a page object of the content query (plus extra requests).

    A malformed page object is reported with the wiki's API as the request.
    """
    with naming_request(wiki.api_url):
        return _article_from_page(client, wiki, site, page, **kwargs)


def _article_from_page(
    client: Client,
    wiki: Wiki,
    site: SiteInfo,
    page: Mapping[str, Any],
    *,
    requested: str,
    sent: tuple[tuple[str, str], ...],
    opts: _Options,
    revid: int | None = None,
    normalized_from: str | None = None,
    redirects: tuple[str, ...] = (),
) -> Article:
    rev = parse_revision(page, revid)
    title = string(page, "title", where=_where(page))
    latest = page.get("lastrevid")
    latest_revid = latest if isinstance(latest, int) and latest > 0 else None
    is_latest = latest_revid is None or latest_revid == rev.revid
    related: list[RequestRecord] = []
    steps: list[str] = []
    if rev.sha1 is not None:
        steps.append("checked the SHA-1 of the wikitext against the revision's")
    else:
        steps.append("the revision's SHA-1 is hidden: the text could not be checked")
    if is_latest:
        categories = parse_categories(page)
        langlinks = parse_langlinks(page)
        disambiguation, wikidata = parse_page_props(page)
    else:
        parse_params = {
            "action": "parse",
            "oldid": rev.revid,
            "prop": "categories|langlinks|properties",
        }
        parsed = client.action(parse_params, wiki).get("parse", {})
        categories, langlinks, disambiguation, wikidata = parse_revision_facts(parsed)
        related.append(
            RequestRecord(endpoint=wiki.api_url, params=_sent(client, parse_params))
        )
        steps.append(
            f"categories, language links and page properties of revision "
            f"{rev.revid} from action=parse (the page's are for revision "
            f"{latest_revid})"
        )
    html_text = html_etag = None
    if opts.html:
        endpoint = f"{wiki.rest_url.rstrip('/')}/v1/revision/{rev.revid}/html"
        try:
            response = client.rest(f"v1/revision/{rev.revid}/html", wiki)
        except HTTPStatusError as exc:
            # Parsoid refuses some pages (CSS, Lua, JSON content models); one
            # such page must not fail a batch, so the article comes without
            # HTML and says why.
            related.append(RequestRecord(endpoint=endpoint))
            steps.append(f"no Parsoid HTML: the wiki answered {exc.status}")
        else:
            html_text, html_etag = response.text, response.etag
            related.append(RequestRecord(endpoint=endpoint, etag=response.etag))
    extract = None
    if opts.extract:
        if is_latest and isinstance(page.get("extract"), str):
            extract = page["extract"]
            steps.append("plain-text extract from TextExtracts (explaintext)")
        else:
            import mwparserfromhell

            extract = mwparserfromhell.parse(rev.text).strip_code().strip()
            why = (
                "TextExtracts gave none"
                if is_latest
                else "TextExtracts only describes the latest revision"
            )
            steps.append(
                "plain-text extract derived from this revision's wikitext with "
                f"mwparserfromhell strip_code() ({why})"
            )
    timestamp = rev.timestamp
    provenance = client._provenance(
        wiki=wiki,
        endpoint=wiki.api_url,
        params=sent,
        revid=rev.revid,
        rev_timestamp=timestamp,
        content_hash=content_hash(rev.text),
        related=related,
        steps=steps,
    )
    url = page.get("canonicalurl") or page.get("fullurl") or site.article_url(title)
    article = Article(
        wiki=wiki.api_url,
        requested=requested,
        namespace=_namespace(page) or 0,
        title=title,
        pageid=_pageid(page),
        revid=rev.revid,
        parentid=rev.parentid,
        timestamp=timestamp,
        sha1=rev.sha1,
        size=rev.size,
        wikitext=rev.text,
        content_model=rev.content_model,
        language=str(page.get("pagelanguage", site.lang)),
        site_name=site.sitename,
        url=str(url),
        permalink=site.index_url(title, oldid=rev.revid),
        history_url=site.index_url(title, action="history"),
        license=_license(client, site, wiki, timestamp),
        normalized_from=normalized_from,
        redirects=redirects,
        is_disambiguation=disambiguation,
        categories=categories,
        langlinks=langlinks,
        wikidata_id=wikidata,
        latest_revid=latest_revid,
        html=html_text,
        html_etag=html_etag,
        extract=extract,
        provenance=provenance,
    )
    if opts.contributors:
        if is_latest:
            people = _contributors_from_page(
                client, wiki, page, exclude_bots=opts.exclude_bots, sent=sent
            )
        else:
            people = fetch_contributors(
                client, article, wiki=wiki, exclude_bots=opts.exclude_bots
            )
        article = attrs.evolve(article, contributors=people)
    return article


# -- the store ---------------------------------------------------------------------


def _unreachable(error: FetchError) -> bool:
    """Whether *error* means the wiki could not be reached, so a store may answer.

    A transport failure, or retries that ran out on connection failures or
    5xx statuses, is "unreachable". An API error (``ratelimited`` included),
    a 4xx (429 included: the wiki answered "too fast") and persistent
    replication lag (``maxlag``: the wiki answered "not now") are answers,
    and a stored copy never hides them.
    """
    if isinstance(error, TransportError):
        return True
    if isinstance(error, MaxlagTimeoutError):
        return False
    return isinstance(error, RetryExhaustedError) and (
        error.status is None or error.status >= 500
    )


def _keep(client: Client, article: Article) -> Article:
    store = client.store
    if store is not None:
        store.put(article)
    return article


def _from_store(article: Article, error: Exception) -> Article:
    note = f"served from the store: the wiki could not be reached ({error})"
    return attrs.evolve(
        article,
        provenance=attrs.evolve(article.provenance, served_from="store", note=note),
    )


# The English magic word is understood by every MediaWiki, whatever its
# language; a redirect written only with a localised word is not recognised
# here (the stored page is then served as it was stored).
_REDIRECT_RE: Final = re.compile(
    r"\s*#REDIRECT\s*:?\s*\[\[\s*:?([^\]|#\n]+)", re.IGNORECASE
)
_STORED_HOPS: Final = 5  # redirects followed in the store, at most


def _normal(title: str) -> str | None:
    try:
        return normalise(title)
    except InvalidTitleError:
        return None


def _stored_title(store: Store, wiki: Wiki, title: str) -> Article | None:
    """The stored page the title index gives for *title* (as given or normalised)."""
    found = store.latest(wiki=wiki.api_url, title=title)
    if found is None:
        normal = _normal(title)
        if normal is not None and normal != title:
            found = store.latest(wiki=wiki.api_url, title=normal)
    return found


def _stored(
    client: Client,
    wiki: Wiki,
    key: str | int,
    *,
    revid: int | None = None,
    redirects: bool = True,
) -> Article | None:
    """The stored answer to a request the wiki could not answer, if any.

    The store's title index maps a title to the page it last led to,
    whichever way it was fetched, so the answer is checked against what the
    request asks for. With *redirects* false, a title gives only the stored
    page that has that very title (the redirect page itself, never its
    target). With *redirects* true, a stored page that is itself a redirect
    is not the answer: its target is looked up in the store instead (a few
    hops at most), and without a stored target there is no answer.
    """
    store = client.store
    if store is None:
        return None
    if revid is not None:
        return store.get(wiki=wiki.api_url, revid=revid)
    if isinstance(key, int):
        found = store.latest(wiki=wiki.api_url, pageid=key)
    else:
        found = _stored_title(store, wiki, key)
        if found is not None and not redirects and found.title != _normal(key):
            return None
    if not redirects:
        return found
    seen: set[int] = set()
    while found is not None:
        match = _REDIRECT_RE.match(found.wikitext)
        if match is None:
            return found
        seen.add(found.pageid)
        if len(seen) > _STORED_HOPS:
            return None
        found = _stored_title(store, wiki, match.group(1).strip())
        if found is not None and found.pageid in seen:
            return None  # a redirect loop
    return None


# -- single article ------------------------------------------------------------------


def fetch_article(
    client: Client,
    title: str | None = None,
    *,
    pageid: int | None = None,
    revid: int | None = None,
    wiki: Wiki | str | None = None,
    html: bool = False,
    extract: bool = False,
    contributors: bool = False,
    exclude_bots: bool = False,
    redirects: bool = True,
) -> Article:
    """See :meth:`wikireuse.Client.article`."""
    given = [
        name
        for name, v in (("title", title), ("pageid", pageid), ("revid", revid))
        if v is not None
    ]
    if len(given) != 1:
        raise ConfigurationError(
            message="give exactly one of title=, pageid= or revid= "
            f"(got {', '.join(given) or 'none'})"
        )
    if title is not None and not isinstance(title, str):
        raise ConfigurationError(message=f"a title must be a string, got {title!r}")
    if pageid is not None:
        _positive_id(pageid, "pageid")
    if revid is not None:
        _positive_id(revid, "revid")
    opts = _Options(
        html=html,
        extract=extract,
        contributors=contributors,
        exclude_bots=exclude_bots,
        redirects=redirects,
    )
    target = client._target(wiki)
    key: str | int = title if title is not None else (pageid or 0)
    try:
        if revid is not None:
            return _keep(client, _fetch_revision(client, target, revid, opts))
        outcome = _run_batch(client, target, [key], opts)[key]
    except FetchError as exc:
        if not _unreachable(exc):
            raise
        stored = _stored(client, target, key, revid=revid, redirects=redirects)
        if stored is None:
            raise
        return _from_store(stored, exc)
    if outcome.article is not None:
        return outcome.article
    shown = outcome.title or str(key)
    if outcome.status is FetchStatus.INVALID:
        raise InvalidTitleError(
            message=f"{target.host}: invalid title {str(key)!r}: {outcome.reason}",
            url=target.api_url,
            code="invalidtitle",
            info=outcome.reason,
            title=str(key),
            reason=outcome.reason,
        )
    raise PageNotFoundError(
        message=f"{target.host}: no page {shown!r}",
        url=target.api_url,
        code="nosuchpageid" if isinstance(key, int) else "missingtitle",
        title=shown,
    )


def _fetch_revision(client: Client, wiki: Wiki, revid: int, opts: _Options) -> Article:
    site = client.site_info(wiki)
    params = _content_params(opts, follow=False)
    params["revids"] = [revid]
    answer = _run_query(client, wiki, params)
    pages = [p for p in answer.pages if not flag(p, "missing")]
    if revid in answer.bad_revids or not pages:
        raise PageNotFoundError(
            message=f"{wiki.host}: no revision {revid}",
            url=wiki.api_url,
            code="nosuchrevid",
        )
    return _build_article(
        client,
        wiki,
        site,
        pages[0],
        requested=f"revid:{revid}",
        sent=answer.sent,
        opts=opts,
        revid=revid,
    )


# -- batches ---------------------------------------------------------------------


def _run_batch(
    client: Client, wiki: Wiki, keys: Sequence[str | int], opts: _Options
) -> dict[str | int, ArticleOutcome]:
    """Fetch up to 50 titles (or page ids) and say what became of each."""
    site = client.site_info(wiki)
    titles = [k for k in keys if isinstance(k, str)]
    ids = [k for k in keys if isinstance(k, int)]
    outcomes: dict[str | int, ArticleOutcome] = {}
    if titles:
        params = _content_params(opts, follow=opts.redirects)
        params["titles"] = titles
        answer = _run_query(client, wiki, params)
        resolved = answer.resolve(titles)
        for title in titles:
            outcomes[title] = _outcome(
                client, wiki, site, title, resolved[title], answer.sent, opts
            )
    if ids:
        outcomes.update(_run_pageids(client, wiki, site, ids, opts))
    return outcomes


def _outcome(
    client: Client,
    wiki: Wiki,
    site: SiteInfo,
    requested: str | int,
    resolved: _Resolved,
    sent: tuple[tuple[str, str], ...],
    opts: _Options,
) -> ArticleOutcome:
    if resolved.page is None:
        return ArticleOutcome(
            requested=requested,
            status=resolved.status,
            title=resolved.title,
            reason=resolved.reason,
        )
    article = _build_article(
        client,
        wiki,
        site,
        resolved.page,
        requested=requested if isinstance(requested, str) else f"pageid:{requested}",
        sent=sent,
        opts=opts,
        normalized_from=resolved.normalized_from,
        redirects=resolved.redirects,
    )
    return ArticleOutcome(
        requested=requested,
        status=resolved.status,
        article=_keep(client, article),
        title=article.title,
    )


def _run_pageids(
    client: Client, wiki: Wiki, site: SiteInfo, ids: Sequence[int], opts: _Options
) -> dict[str | int, ArticleOutcome]:
    # With pageids= the API resolves redirects without saying which id was
    # which redirect, so ids are asked for without it and redirect pages are
    # then resolved by their titles.
    params = _content_params(opts, follow=False)
    params["pageids"] = list(ids)
    answer = _run_query(client, wiki, params)
    by_id = {_pageid(p): p for p in answer.pages}
    outcomes: dict[str | int, ArticleOutcome] = {}
    redirected: dict[int, str] = {}
    for pageid in ids:
        page = by_id.get(pageid)
        if page is None or flag(page, "missing"):
            outcomes[pageid] = ArticleOutcome(
                requested=pageid, status=FetchStatus.MISSING
            )
        elif opts.redirects and flag(page, "redirect"):
            redirected[pageid] = str(page["title"])
        else:
            outcomes[pageid] = _outcome(
                client,
                wiki,
                site,
                pageid,
                _Resolved(status=FetchStatus.FOUND, page=page, title=page.get("title")),
                answer.sent,
                opts,
            )
    if redirected:
        via = _run_batch(client, wiki, list(dict.fromkeys(redirected.values())), opts)
        for pageid, title in redirected.items():
            outcome = via[title]
            article = outcome.article
            if article is not None:
                article = attrs.evolve(article, requested=f"pageid:{pageid}")
            outcomes[pageid] = attrs.evolve(outcome, requested=pageid, article=article)
    return outcomes


def _check_key(item: Any, field: str) -> str | int:
    if field == "titles":
        if not isinstance(item, str):
            raise ConfigurationError(message=f"a title must be a string, got {item!r}")
        return item
    return _positive_id(item, "a page id")


def _stored_outcome(
    article: Article, key: str | int, error: Exception
) -> ArticleOutcome:
    status = FetchStatus.FOUND
    if isinstance(key, str) and article.title != key:
        try:
            same = normalise(key) == article.title
        except InvalidTitleError:
            same = False
        status = FetchStatus.NORMALISED if same else FetchStatus.REDIRECTED
    return ArticleOutcome(
        requested=key,
        status=status,
        article=_from_store(article, error),
        title=article.title,
    )


def _batch_or_store(
    client: Client, wiki: Wiki, keys: Sequence[str | int], opts: _Options
) -> dict[str | int, ArticleOutcome]:
    try:
        return _run_batch(client, wiki, keys, opts)
    except FetchError as exc:
        if not _unreachable(exc):
            raise
        answered: dict[str | int, ArticleOutcome] = {}
        for key in keys:
            stored = _stored(client, wiki, key, redirects=opts.redirects)
            if stored is None:
                raise
            answered[key] = _stored_outcome(stored, key, exc)
        return answered


def fetch_articles(
    client: Client,
    titles: Iterable[str] | None = None,
    *,
    pageids: Iterable[int] | None = None,
    wiki: Wiki | str | None = None,
    html: bool = False,
    extract: bool = False,
    contributors: bool = False,
    exclude_bots: bool = False,
    redirects: bool = True,
    progress: bool | None = None,
) -> Iterator[ArticleOutcome]:
    """See :meth:`wikireuse.Client.iter_articles`.

    Arguments are checked at once; the fetching happens as the iterator is
    consumed, 50 distinct inputs a batch. A repeated input is answered from
    the last :data:`REMEMBER` outcomes without a request.
    """
    if (titles is None) == (pageids is None):
        raise ConfigurationError(message="give titles or pageids= (exactly one)")
    if isinstance(titles, str):
        raise ConfigurationError(
            message="titles must be an iterable of titles, not one string"
        )
    if progress is not None and not isinstance(progress, bool):
        raise ConfigurationError(
            message=f"progress must be a bool or None: {progress!r}"
        )
    field = "titles" if titles is not None else "pageids"
    source: Iterable[Any] = titles if titles is not None else (pageids or ())
    opts = _Options(
        html=html,
        extract=extract,
        contributors=contributors,
        exclude_bots=exclude_bots,
        redirects=redirects,
    )
    target = client._target(wiki)
    show = sys.stderr.isatty() if progress is None else progress
    total = len(source) if isinstance(source, Sequence | set | frozenset) else None
    return _stream(client, target, source, field, opts, show, total)


def _stream(
    client: Client,
    wiki: Wiki,
    source: Iterable[Any],
    field: str,
    opts: _Options,
    show: bool,
    total: int | None,
) -> Iterator[ArticleOutcome]:
    from tqdm import tqdm

    done: dict[str | int, ArticleOutcome] = {}
    pending: list[str | int] = []
    fresh: list[str | int] = []
    with tqdm(
        total=total, disable=not show, unit="page", desc="articles", file=sys.stderr
    ) as bar:

        def flush() -> Iterator[ArticleOutcome]:
            if fresh:
                done.update(_batch_or_store(client, wiki, fresh, opts))
                fresh.clear()
            for key in pending:
                yield done[key]
                bar.update(1)
            pending.clear()
            # Remember recent outcomes for repeated inputs, but not without
            # bound: a long stream must not keep every article's text.
            for old in list(done)[: max(0, len(done) - REMEMBER)]:
                del done[old]

        for item in source:
            key = _check_key(item, field)
            pending.append(key)
            if key not in done and key not in fresh:
                fresh.append(key)
                if len(fresh) == BATCH:
                    yield from flush()
        yield from flush()


# -- authors and history --------------------------------------------------


def _page_selector(article: Article | str) -> dict[str, Any]:
    if isinstance(article, Article):
        return {"pageids": [article.pageid]}
    if isinstance(article, str):
        return {"titles": [article], "redirects": True}
    raise ConfigurationError(
        message=f"expected an Article or a title, got {type(article).__name__}"
    )


def _single_page(answer: _Query, article: Article | str, wiki: Wiki) -> dict[str, Any]:
    if isinstance(article, str):
        resolved = answer.resolve([article])[article]
        if resolved.status is FetchStatus.INVALID:
            raise InvalidTitleError(
                message=f"{wiki.host}: invalid title {article!r}: {resolved.reason}",
                url=wiki.api_url,
                code="invalidtitle",
                info=resolved.reason,
                title=article,
                reason=resolved.reason,
            )
        page = resolved.page
    else:
        page = next(
            (p for p in answer.pages if p.get("pageid") == article.pageid), None
        )
        if page is not None and flag(page, "missing"):
            page = None
    if page is None:
        shown = article if isinstance(article, str) else f"pageid {article.pageid}"
        raise PageNotFoundError(
            message=f"{wiki.host}: no page {shown!r}",
            url=wiki.api_url,
            code="missingtitle",
            title=shown,
        )
    return dict(page)


def fetch_history(
    client: Client,
    article: Article | str,
    *,
    wiki: Wiki | str | None = None,
    limit: int | None = None,
    until_revid: int | None = None,
    page_size: int | None = None,
) -> tuple[Revision, ...]:
    """See :meth:`wikireuse.Client.history`."""
    revisions, _ = _history(
        client,
        article,
        wiki=wiki,
        limit=limit,
        until_revid=until_revid,
        page_size=page_size,
    )
    return revisions


def _history(
    client: Client,
    article: Article | str,
    *,
    wiki: Wiki | str | None,
    limit: int | None,
    until_revid: int | None,
    page_size: int | None,
) -> tuple[tuple[Revision, ...], tuple[tuple[str, str], ...]]:
    """The history, and the parameters of its first request as sent."""
    if limit is not None:
        _positive_id(limit, "limit")
    size = _page_size(page_size)
    if size == "max" and limit is not None and limit <= 500:
        size = limit
    if until_revid is None and isinstance(article, Article):
        until_revid = article.revid
    if until_revid is not None:
        _positive_id(until_revid, "until_revid")
    target = _target(client, wiki, article)
    params: dict[str, Any] = {
        "action": "query",
        "prop": "revisions",
        "rvprop": _HISTORY_RVPROP,
        "rvlimit": size,
        **_page_selector(article),
    }
    if until_revid is not None:
        params["rvstartid"] = until_revid

    def enough(merger: PageMerger) -> bool:
        pages = merger.result()["pages"]
        have = max(
            (len(items(p, "revisions", where=_where(p))) for p in pages), default=0
        )
        return limit is not None and have >= limit

    answer = _run_query(client, target, params, stop=enough)
    page = _single_page(answer, article, target)
    with naming_request(target.api_url):
        revisions = tuple(
            parse_history_revision(r)
            for r in items(page, "revisions", where=_where(page))
            if isinstance(r, Mapping)
        )
    return (revisions[:limit] if limit is not None else revisions), answer.sent


def _bots(
    client: Client, wiki: Wiki, names: Sequence[str]
) -> tuple[set[str], list[RequestRecord]]:
    """Which of *names* are in the ``bot`` group now (``list=users``, 50 a request)."""
    bots: set[str] = set()
    records: list[RequestRecord] = []
    for start in range(0, len(names), BATCH):
        params = {
            "action": "query",
            "list": "users",
            "ususers": list(names[start : start + BATCH]),
            "usprop": "groups",
        }
        data = client.action(params, wiki)
        records.append(
            RequestRecord(endpoint=wiki.api_url, params=_sent(client, params))
        )
        for user in data.get("query", {}).get("users", ()):
            if isinstance(user, Mapping) and "bot" in (user.get("groups") or ()):
                bots.add(str(user.get("name")))
    return bots, records


def fetch_contributors(
    client: Client,
    article: Article | str,
    *,
    wiki: Wiki | str | None = None,
    exclude_bots: bool = False,
    page_size: int | None = None,
) -> Contributors:
    """See :meth:`wikireuse.Client.contributors`."""
    size = _page_size(page_size)
    target = _target(client, wiki, article)
    if isinstance(article, Article) and not article.is_latest:
        return _contributors_from_history(
            client, target, article, exclude_bots=exclude_bots, page_size=page_size
        )
    params: dict[str, Any] = {
        "action": "query",
        "prop": "contributors",
        "pclimit": size,
        **_page_selector(article),
    }
    if exclude_bots:
        params["pcexcludegroup"] = "bot"
    answer = _run_query(client, target, params)
    page = _single_page(answer, article, target)
    return _contributors_from_page(
        client, target, page, exclude_bots=exclude_bots, sent=answer.sent
    )


def _contributors_from_history(
    client: Client,
    wiki: Wiki,
    article: Article,
    *,
    exclude_bots: bool,
    page_size: int | None,
) -> Contributors:
    history, sent = _history(
        client,
        article,
        wiki=wiki,
        limit=None,
        until_revid=article.revid,
        page_size=page_size,
    )
    registered: dict[str, int] = {}
    anonymous: set[str] = set()
    for rev in reversed(history):  # first edit first
        if rev.user is None:
            continue  # hidden by revision deletion: nobody to credit
        if rev.anonymous or is_anonymous_name(rev.user):
            anonymous.add(rev.user)
        elif rev.user not in registered:
            registered[rev.user] = rev.userid
    related: list[RequestRecord] = []
    if exclude_bots and registered:
        bots, related = _bots(client, wiki, list(registered))
        registered = {n: i for n, i in registered.items() if n not in bots}
    people = tuple(Contributor(name=n, userid=i) for n, i in registered.items())
    record = _json.canonical(
        {"registered": [attrs.asdict(c) for c in people], "anonymous": len(anonymous)}
    )
    steps = [
        f"built from the history up to revision {article.revid}: distinct "
        "registered names, first edit first; IP addresses and temporary "
        "accounts counted as anonymous; hidden user names left out"
    ]
    if exclude_bots:
        steps.append("bot accounts (current 'bot' group, list=users) left out")
    return Contributors(
        title=article.title,
        pageid=article.pageid,
        registered=people,
        anonymous=len(anonymous),
        bots_excluded=exclude_bots,
        up_to_revid=article.revid,
        provenance=client._provenance(
            wiki=wiki,
            endpoint=wiki.api_url,
            params=sent,
            revid=article.revid,
            rev_timestamp=article.timestamp,
            content_hash=content_hash(record),
            related=related,
            steps=steps,
        ),
    )
