"""The :class:`Client` users construct: the transport with the content on top.

:class:`Client` is :class:`wikireuse.http.Transport` (User-Agent policy,
pacing, retries, cache, rate limits, :meth:`~wikireuse.http.Transport.query`
and the other API calls) plus the methods that fetch content through the
fetchers (:mod:`wikireuse.fetch`) and keep it in a snapshot store
(:mod:`wikireuse.store`): :meth:`Client.article`, :meth:`Client.articles`,
:meth:`Client.iter_articles`, :meth:`Client.contributors`,
:meth:`Client.history`, :meth:`Client.media`, :meth:`Client.entity` and
:meth:`Client.sync`. It sits above them all in the layers
(docs/architecture.md); ``wikireuse.Client`` is this class.

.. versionchanged:: 0.1.0
   Moved here from ``wikireuse.http``, which now holds the transport alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Final

from wikireuse.core._version import version
from wikireuse.exceptions import ConfigurationError
from wikireuse.http import Transport, TransportOptions, Wiki
from wikireuse.records.articles import LicenseTimeline
from wikireuse.records.provenance import Provenance

if TYPE_CHECKING:
    from datetime import datetime

    from typing_extensions import Unpack

    from wikireuse.records.articles import (
        Article,
        ArticleOutcome,
        Contributors,
        Revision,
    )
    from wikireuse.records.entities import Entity
    from wikireuse.records.media import MediaFile
    from wikireuse.records.provenance import RequestRecord
    from wikireuse.store import Store, SyncReport

__all__ = ["Client"]

_DEFAULT_TIMELINE: Final = LicenseTimeline()


class Client(Transport):
    """A polite, rate-limit-aware client for MediaWiki APIs and their content.

    Args:
        user_agent: Your tool's name, version and **your** contact, e.g.
            ``"MyTool/1.0 (https://mytool.net; ops@mytool.net)"``; see
            :class:`~wikireuse.http.Transport`.
        license_timeline: How the licence of an old revision is worked out
            (:class:`~wikireuse.articles.LicenseTimeline`; its cut-over date
            is configurable); ``None`` gives every revision the wiki's
            current declared licence.
        store: A :class:`~wikireuse.store.Store` that keeps every article
            fetched, and answers :meth:`article` / :meth:`articles` when the
            wiki cannot be reached (the result says so).
        **options: Every other argument of
            :class:`~wikireuse.http.Transport` (``wiki``, ``api_url``,
            ``profile``, pacing, ``retry``, ``timeout``, ``deadline``,
            ``max_response_bytes``, ``allow_redirect_hosts``, the cache, the
            injected ``session``, ``clock``, ``sleep``, ``wall_clock``,
            ``rng`` and ``on_event``).

    Raises:
        UserAgentError: When *user_agent* is not acceptable for the wiki.
        ConfigurationError: For any other bad argument.

    .. versionadded:: 0.1.0
    """

    _REPR_NAME = "wikireuse.Client"

    def __init__(
        self,
        user_agent: str,
        *,
        license_timeline: LicenseTimeline | None = _DEFAULT_TIMELINE,
        store: Store | None = None,
        **options: Unpack[TransportOptions],
    ) -> None:
        super().__init__(user_agent, **options)
        if license_timeline is not None and not isinstance(
            license_timeline, LicenseTimeline
        ):
            raise ConfigurationError(
                message=f"license_timeline must be a LicenseTimeline or None: "
                f"{license_timeline!r}"
            )
        self.license_timeline = license_timeline
        self.store = store

    def _provenance(
        self,
        *,
        wiki: Wiki,
        endpoint: str,
        params: Mapping[str, Any] | Iterable[tuple[str, Any]],
        revid: int | None,
        rev_timestamp: datetime | None,
        content_hash: str,
        related: Iterable[RequestRecord] = (),
        steps: Iterable[str] = (),
    ) -> Provenance:
        """A live :class:`~wikireuse.provenance.Provenance` stamped now."""
        return Provenance(
            wiki=wiki.api_url,
            endpoint=endpoint,
            params=params,
            revid=revid,
            rev_timestamp=rev_timestamp,
            content_hash=content_hash,
            fetched_at=self._fetched_at(),
            user_agent=self.wire_user_agent,
            wikireuse_version=version(),
            related=tuple(related),
            steps=tuple(steps),
        )

    # The fetcher's parameters again, on purpose: this is the signature users,
    # their IDEs and help() read, and fetch_article takes the same ones so the
    # call is a plain forward (a near-copy `duplicates` lists, kept).
    def article(
        self,
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
        """Fetch one revision of a page, with its record and licence.

        Give exactly one of *title*, *pageid* or *revid* (an exact, possibly
        old, revision). The wikitext and the revision id, parent, timestamp
        and SHA-1 come from one response; the SHA-1 is checked against the
        text.

        Args:
            title: Page title; normalised and followed through redirects.
            pageid: Page id, instead of a title.
            revid: Revision id: exactly that revision.
            wiki: The wiki, if not the client's default.
            html: Also fetch the revision's Parsoid HTML (REST
                ``/revision/{id}/html``), keeping its ETag.
            extract: Also fetch a plain-text extract of the revision (from
                TextExtracts in the same query for the latest revision; in a
                batch that is one more request per page, see :meth:`articles`).
            contributors: Also list the page's authors.
            exclude_bots: Leave bot accounts out of *contributors*.
            redirects: Follow redirects (otherwise a redirect page itself is
                returned).

        Returns:
            The article. When the client has a store and the wiki cannot be
            reached, the stored copy is returned and
            ``article.from_store`` is true.

        Raises:
            PageNotFoundError: No such page or revision.
            InvalidTitleError: The title cannot exist on the wiki.
            FetchError: The wiki could not be asked (and no store had it).
        """
        from wikireuse.fetch._articles import fetch_article

        return fetch_article(
            self,
            title,
            pageid=pageid,
            revid=revid,
            wiki=wiki,
            html=html,
            extract=extract,
            contributors=contributors,
            exclude_bots=exclude_bots,
            redirects=redirects,
        )

    def articles(
        self,
        titles: Iterable[str] | None = None,
        *,
        pageids: Iterable[int] | None = None,
        wiki: Wiki | str | None = None,
        html: bool = False,
        extract: bool = False,
        contributors: bool = False,
        exclude_bots: bool = False,
        redirects: bool = True,
    ) -> tuple[ArticleOutcome, ...]:
        """Fetch many pages, 50 a request, one outcome per input in input order.

        A missing or invalid title never fails the batch: it gets its own
        :class:`~wikireuse.articles.ArticleOutcome`. Arguments are those of
        :meth:`article`; see :meth:`iter_articles` for a streaming form.

        Cost: one request per 50 inputs plus its continuations (categories,
        language links or contributors beyond the API's 500 a response) and
        the wiki's site info once. ``contributors=True`` adds no request
        per page. ``extract=True`` does: TextExtracts gives one whole-article
        extract per response, so 50 pages take 50 requests. ``html=True``
        adds one REST request per page.
        """
        return tuple(
            self.iter_articles(
                titles,
                pageids=pageids,
                wiki=wiki,
                html=html,
                extract=extract,
                contributors=contributors,
                exclude_bots=exclude_bots,
                redirects=redirects,
                progress=False,
            )
        )

    # The parameters of articles() again: one fetch as a stream and as a
    # tuple, each forwarded by name (a near-copy `duplicates` lists, kept).
    def iter_articles(
        self,
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
        """Like :meth:`articles`, yielding outcomes batch by batch.

        The arguments are those of :meth:`articles`, and *progress* shows a
        tqdm progress bar on stderr: ``True``, ``False``, or ``None`` for only
        when stderr is a terminal.
        """
        from wikireuse.fetch._articles import fetch_articles

        return fetch_articles(
            self,
            titles,
            pageids=pageids,
            wiki=wiki,
            html=html,
            extract=extract,
            contributors=contributors,
            exclude_bots=exclude_bots,
            redirects=redirects,
            progress=progress,
        )

    def contributors(
        self,
        article: Article | str,
        *,
        wiki: Wiki | str | None = None,
        exclude_bots: bool = False,
        page_size: int | None = None,
    ) -> Contributors:
        """The authors of a page (``prop=contributors``, continued to the end).

        For an :class:`~wikireuse.articles.Article` that is not the page's
        latest revision, the list is built from the history up to that
        revision, so later authors are not credited for older text.

        Args:
            article: An article, or a title.
            wiki: The wiki, if not the article's or the client's default.
            exclude_bots: Leave out accounts in the ``bot`` group.
            page_size: Users per request (default: the API's maximum).
        """
        from wikireuse.fetch._articles import fetch_contributors

        return fetch_contributors(
            self, article, wiki=wiki, exclude_bots=exclude_bots, page_size=page_size
        )

    def history(
        self,
        article: Article | str,
        *,
        wiki: Wiki | str | None = None,
        limit: int | None = None,
        until_revid: int | None = None,
        page_size: int | None = None,
    ) -> tuple[Revision, ...]:
        """A page's revisions, newest first: user, time, comment and size.

        Args:
            article: An article, or a title.
            wiki: The wiki, if not the article's or the client's default.
            limit: At most this many revisions (default: all).
            until_revid: Start from this revision and go back (default: the
                article's revision, or the latest for a title).
            page_size: Revisions per request (default: the API's maximum).
        """
        from wikireuse.fetch._articles import fetch_history

        return fetch_history(
            self,
            article,
            wiki=wiki,
            limit=limit,
            until_revid=until_revid,
            page_size=page_size,
        )

    def media(
        self, title: str, *, wiki: Wiki | str | None = None, lang: str = "en"
    ) -> MediaFile:
        """A file's record and its parsed ``extmetadata`` (author, licence, ...).

        Args:
            title: ``File:...`` (a localised namespace name works too).
            wiki: The wiki, if not the client's default (e.g.
                ``commons.wikimedia.org``).
            lang: Language for the metadata's translatable fields.

        Raises:
            PageNotFoundError: No such file.
        """
        from wikireuse.fetch._media import fetch_media

        return fetch_media(self, title, wiki=wiki, lang=lang)

    def entity(
        self,
        entity_id: str,
        *,
        wiki: Wiki | str | None = None,
        languages: Iterable[str] | None = None,
    ) -> Entity:
        """A Wikidata (Wikibase) entity's labels, descriptions and sitelinks.

        Args:
            entity_id: ``Q42``, ``P31``, ...
            wiki: The Wikibase, if not ``www.wikidata.org``.
            languages: Only these languages (default: all).

        Raises:
            PageNotFoundError: No such entity.
        """
        from wikireuse.fetch._media import fetch_entity

        return fetch_entity(self, entity_id, wiki=wiki, languages=languages)

    def sync(
        self,
        store: Store,
        titles: Iterable[str] | None = None,
        *,
        wiki: Wiki | str | None = None,
        progress: bool | None = None,
        retention: timedelta = timedelta(days=90),
    ) -> SyncReport:
        """Bring *store* up to date, fetching only what changed.

        **Without titles**, every stored page of the wiki is brought up to
        date from the wiki's recent changes since the store's cursor (one
        ``list=recentchanges`` request per 500 changes): edited and moved
        pages are refetched by id (50 a request), deleted and restored ones
        checked by id, revisions the wiki hid (revision deletion) masked with
        :meth:`Store.redact`. The cost follows the changes, not the store:
        10 edits cost about 3 requests whether the store holds 200 or 10 000
        pages. With no cursor yet, or one older than *retention* (Wikimedia
        keeps recent changes 90 days), every stored title is checked as
        below instead, and the cursor starts at the wiki's newest change.
        The report's ``path`` says which (``changes`` or ``full``).

        **With titles**, those titles are checked: titles the store knows
        (under any name) with one ``prop=info&redirects=1`` request per 50
        titles, *by title*: a title that still leads to its stored page is
        unchanged, updated (newer revision, refetched by page id) or moved; a
        title that now leads to another page (a retargeted redirect, a page
        recreated under it) is fetched again by title and reported new, or
        updated when the store had that page. Stored pages that a title no
        longer leads to are asked for by page id (``prop=info&pageids=``, 50
        a request, only when there are any) to record deletions and moves
        without a redirect. Titles the store does not know are fetched like
        any batch. Nothing changed costs one request per 50 known titles.

        Returns:
            What happened: unchanged, updated, new, deleted, moved, missing
            or invalid titles, revisions masked, the path taken and the
            requests it cost.
        """
        from wikireuse.store._sync import sync

        return sync(
            self, store, titles, wiki=wiki, progress=progress, retention=retention
        )
