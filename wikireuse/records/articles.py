"""Wiki pages as fetched: one revision's text bound to its record.

An :class:`Article` is one revision of one page: its wikitext and the
revision id, parent, timestamp and hash **from the same API response**, the
page's URLs (canonical, permalink, history), the licence that applies to that
revision (:class:`PageLicense`), how the requested title was resolved
(normalisation and redirects), page facts (categories, language links,
Wikidata item, disambiguation) and a :class:`~wikireuse.provenance.Provenance`
record. A batch returns one :class:`ArticleOutcome` per input, in input order.

The licence of a revision is worked out by :class:`LicenseTimeline`: on
Wikimedia wikis whose text licence is CC BY-SA 4.0, revisions saved before the
Terms of Use update of 7 June 2023 were contributed under CC BY-SA 3.0. The
cut-over date is configurable because the sources do not give the exact hour
of the switch.

>>> from datetime import datetime, timezone
>>> timeline = LicenseTimeline()
>>> old = timeline.license_for(
...     rights_url="https://creativecommons.org/licenses/by-sa/4.0/", rights_text="",
...     timestamp=datetime(2012, 4, 3, tzinfo=timezone.utc), wikimedia=True)
>>> old.spdx, old.url
('CC-BY-SA-3.0', 'https://creativecommons.org/licenses/by-sa/3.0/')

All types here are frozen and serialise to JSON-safe dicts with
``to_dict()`` and back with ``from_dict()`` without loss.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any, Final

import attrs

from wikireuse.core import _json
from wikireuse.core._time import format_timestamp, parse_timestamp
from wikireuse.exceptions import ConfigurationError, InvalidResponseError, RecordError
from wikireuse.records.persons import is_anonymous_name
from wikireuse.records.provenance import Provenance

__all__ = [
    "ARTICLE_SCHEMA",
    "Article",
    "ArticleOutcome",
    "Contributor",
    "Contributors",
    "FetchStatus",
    "LangLink",
    "LicenseTimeline",
    "PageLicense",
    "Revision",
    "declared_license_note",
]

ARTICLE_SCHEMA: Final = "wikireuse.article/1"
"""The ``schema`` value of :meth:`Article.to_dict`."""

_UTC = timezone.utc


class FetchStatus(str, enum.Enum):
    """What became of one requested title.

    ``REDIRECTED`` wins over ``NORMALISED`` when both happened; the
    :class:`Article` records both.
    """

    FOUND = "found"
    """The page exists under exactly the title asked for."""
    NORMALISED = "normalised"
    """Found after the wiki normalised the title (case, underscores, ...)."""
    REDIRECTED = "redirected"
    """Found by following one or more redirects."""
    MISSING = "missing"
    """No such page (never created, or deleted)."""
    INVALID = "invalid"
    """The title cannot exist (bad characters, special page, interwiki)."""

    def __str__(self) -> str:
        return self.value


# -- licence of a revision -----------------------------------------------------


@attrs.frozen(kw_only=True)
class PageLicense:
    """The licence that applies to one revision's text.

    Attributes:
        spdx: SPDX id (``"CC-BY-SA-4.0"``), or
            ``"LicenseRef-wikireuse-unknown"`` when the wiki declares none
            that wikireuse knows: never a guess.
        name: Full name as the knowledge base or the wiki gives it.
        url: The licence's URL.
        basis: Why this licence, in words (the site's declared licence, or
            the Wikimedia licence history and the revision date).

    .. versionadded:: 0.1.0
    """

    spdx: str
    name: str
    url: str
    basis: str

    @property
    def is_unknown(self) -> bool:
        """True when the licence could not be determined."""
        from wikireuse.licenses import UNKNOWN_ID

        return self.spdx == UNKNOWN_ID

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PageLicense:
        """Read what :meth:`to_dict` wrote."""
        return cls(
            spdx=str(data["spdx"]),
            name=str(data["name"]),
            url=str(data["url"]),
            basis=str(data["basis"]),
        )


def _aware(value: datetime) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ConfigurationError(
            message=f"cutover must be a timezone-aware datetime, got {value!r}"
        )
    return value


def declared_license_note(declared: str, computed: str) -> str:
    """What a reader says when a record's declared licence is not its date's.

    One wording for the Enterprise readers (``read_enterprise`` and
    ``from_enterprise``), which both keep the computed licence.

    >>> note = declared_license_note("CC-BY-SA-3.0", "CC-BY-SA-4.0")
    >>> note.startswith("the Enterprise record declares CC-BY-SA-3.0; the revision")
    True
    """
    return (
        f"the Enterprise record declares {declared}; the revision's date "
        f"gives {computed}, which is kept"
    )


@attrs.frozen(kw_only=True)
class LicenseTimeline:
    """The documented licence history of Wikimedia project text.

    Wikimedia wikis declare their *current* text licence (``rightsinfo``);
    none shows the licence of an old revision, so it is computed here: when a
    Wikimedia wiki's declared licence is *after*, revisions saved before
    *cutover* are under *before*. Every other wiki, and Wikimedia wikis with
    another licence (Wikinews' CC BY, Wikidata's CC0), get their declared
    licence as it is.

    Attributes:
        cutover: When *after* took effect. Default 2023-06-07T00:00:00Z, the
            day the updated Terms of Use came into force; the hour of the
            technical switch is not documented, so revisions of that day may
            be either: set it if you know better.
        before: SPDX id for revisions before *cutover*.
        after: SPDX id of the licence that the timeline applies to.
        wikimedia_only: Apply the timeline only to Wikimedia wikis (set it
            false for a mirror or test wiki that shares Wikimedia's history).

    .. versionadded:: 0.1.0
    """

    cutover: datetime = attrs.field(
        default=datetime(2023, 6, 7, tzinfo=_UTC), converter=_aware
    )
    before: str = "CC-BY-SA-3.0"
    after: str = "CC-BY-SA-4.0"
    wikimedia_only: bool = True

    def license_for(
        self,
        *,
        rights_url: str,
        rights_text: str,
        timestamp: datetime,
        wikimedia: bool,
    ) -> PageLicense:
        """The licence of a revision saved at *timestamp* on a wiki.

        Args:
            rights_url: The wiki's ``rightsinfo`` URL.
            rights_text: The wiki's ``rightsinfo`` text.
            timestamp: When the revision was saved.
            wikimedia: Whether the wiki is run by Wikimedia.
        """
        from wikireuse.exceptions import LicenseInputError
        from wikireuse.licenses import UNKNOWN_ID, LicenseRef, get, parse

        declared = None
        for text in (rights_url, rights_text):
            if text.strip():
                try:
                    expr = parse(text)
                except LicenseInputError:  # past the limits: not a licence name
                    continue
                if isinstance(expr, LicenseRef) and not expr.license.is_unknown:
                    declared = expr.license
                    break
        if declared is None:
            shown = rights_text or rights_url or "nothing"
            return PageLicense(
                spdx=UNKNOWN_ID,
                name=rights_text,
                url=rights_url,
                basis=f"the wiki declares {shown!r}, which is not a licence "
                "wikireuse knows",
            )
        applies = wikimedia or not self.wikimedia_only
        if applies and declared.id == self.after and timestamp < self.cutover:
            older = get(self.before)
            return PageLicense(
                spdx=older.id,
                name=older.name,
                url=older.deed_url or older.legal_code_url,
                basis=f"Wikimedia licence history: saved "
                f"{format_timestamp(timestamp)}, before the switch to "
                f"{declared.id} on {format_timestamp(self.cutover)}",
            )
        return PageLicense(
            spdx=declared.id,
            name=declared.name,
            url=rights_url or declared.deed_url or declared.legal_code_url,
            basis="the wiki's declared content licence (siteinfo rightsinfo)",
        )


# -- page facts ------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class LangLink:
    """A link to the same topic on a wiki in another language.

    Attributes:
        lang: Language code of the other wiki (``"de"``).
        title: Title there.
        url: Full URL there, when the wiki gave it.
    """

    lang: str
    title: str
    url: str = ""


@attrs.frozen(kw_only=True)
class Contributor:
    """A registered user who edited a page.

    Attributes:
        name: User name.
        userid: User id on the wiki (0 when unknown, e.g. imported edits).
    """

    name: str
    userid: int = 0


@attrs.frozen(kw_only=True)
class Contributors:
    """The authors of a page, for print attribution.

    Attributes:
        title: The page.
        pageid: Its id.
        registered: Registered users, in the wiki's order (by user id for
            ``prop=contributors``, first edit first when built from history);
            never an IP address or a temporary account
            (:func:`~wikireuse.records.persons.is_anonymous_name`): those
            are counted in *anonymous*.
        anonymous: How many edits by IP addresses or temporary accounts
            (``prop=contributors`` counts distinct addresses).
        bots_excluded: Whether bot accounts were left out.
        up_to_revid: The revision the list runs up to; ``None`` for the
            page's latest.
        provenance: Where the list came from.

    .. versionadded:: 0.1.0
    """

    title: str
    pageid: int
    registered: tuple[Contributor, ...]
    anonymous: int = 0
    bots_excluded: bool = False
    up_to_revid: int | None = None
    provenance: Provenance | None = None

    def __attrs_post_init__(self) -> None:
        for n, person in enumerate(self.registered):
            if is_anonymous_name(person.name):
                # the message must not repeat the name: it is personal data
                raise ConfigurationError(
                    message=f"Contributors of {self.title!r}: registered[{n}] is an "
                    "IP address or a temporary account; count it in anonymous"
                )

    @property
    def names(self) -> tuple[str, ...]:
        """The registered users' names."""
        return tuple(c.name for c in self.registered)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "title": self.title,
            "pageid": self.pageid,
            "registered": [attrs.asdict(c) for c in self.registered],
            "anonymous": self.anonymous,
            "bots_excluded": self.bots_excluded,
            "up_to_revid": self.up_to_revid,
            "provenance": (
                self.provenance.to_dict() if self.provenance is not None else None
            ),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Contributors:
        """Read what :meth:`to_dict` wrote.

        Raises:
            RecordError: When *data* is not a contributors record.
        """
        try:
            prov = data.get("provenance")
            listed = [
                Contributor(name=str(c["name"]), userid=int(c.get("userid", 0)))
                for c in data.get("registered", ())
            ]
            # a record stored by an older version may name IP addresses or
            # temporary accounts among the registered: count them instead
            named = tuple(c for c in listed if not is_anonymous_name(c.name))
            return cls(
                title=str(data["title"]),
                pageid=int(data["pageid"]),
                registered=named,
                anonymous=int(data.get("anonymous", 0)) + len(listed) - len(named),
                bots_excluded=bool(data.get("bots_excluded", False)),
                up_to_revid=data.get("up_to_revid"),
                provenance=Provenance.from_dict(prov) if prov is not None else None,
            )
        except RecordError:
            raise  # the provenance's own, more precise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise RecordError(message=f"incomplete contributors record: {exc}") from exc


@attrs.frozen(kw_only=True)
class Revision:
    """One entry of a page's history.

    Attributes:
        revid: Revision id.
        parentid: The revision before it (``None`` for the first).
        timestamp: When it was saved.
        user: Who saved it; ``None`` when the name is hidden (revision
            deletion).
        userid: Their user id (0 for IP editors and imports).
        anonymous: Saved by an IP address or a temporary account.
        comment: The edit summary; ``None`` when hidden.
        size: Size of the page after the edit, in bytes.
        minor: Marked as a minor edit.
        sha1: SHA-1 of the content, when given and not hidden.

    .. versionadded:: 0.1.0
    """

    revid: int
    parentid: int | None
    timestamp: datetime
    user: str | None
    userid: int = 0
    anonymous: bool = False
    comment: str | None = None
    size: int = 0
    minor: bool = False
    sha1: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        data = attrs.asdict(self)
        data["timestamp"] = format_timestamp(self.timestamp)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Revision:
        """Read what :meth:`to_dict` wrote.

        Raises:
            RecordError: When *data* is not a revision record.
        """
        try:
            values = dict(data)
            values["timestamp"] = parse_timestamp(values["timestamp"])
            return cls(**values)
        except (KeyError, TypeError, ValueError, InvalidResponseError) as exc:
            raise RecordError(message=f"incomplete revision record: {exc}") from exc


# -- the article -------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Article:
    """One revision of one wiki page, with everything needed to reuse it.

    Attributes:
        wiki: The wiki's Action API URL.
        requested: What the caller asked for (a title, ``"pageid:N"`` or
            ``"revid:N"``).
        namespace: Namespace number (0 for articles).
        title: The title as the wiki normalised it (after redirects).
        pageid: Page id.
        revid: Revision id of *wikitext*.
        parentid: The revision before it (``None`` for a page's first).
        timestamp: When the revision was saved.
        sha1: SHA-1 of the content as the wiki reports it (checked against
            *wikitext* when fetched); ``None`` if hidden.
        size: Size in bytes as the wiki reports it.
        wikitext: The revision's wikitext (main slot).
        content_model: ``wikitext`` for ordinary pages.
        language: The page's content language.
        site_name: The wiki's name (``siteinfo`` ``sitename``, e.g.
            ``Wikipedia``): where the page was published. ``""`` when unknown,
            e.g. in a record stored before the field existed.
        url: Canonical URL of the page.
        permalink: URL of exactly this revision (``index.php?...&oldid=``).
        history_url: URL of the page's history (where its authors are listed).
        license: Licence of this revision's text.
        normalized_from: The title as asked, when the wiki normalised it.
        redirects: Titles passed through on the way, in order (the first
            redirect first); empty when no redirect was followed.
        is_disambiguation: The page is a disambiguation page.
        categories: Categories, without the namespace prefix.
        langlinks: Links to other languages.
        wikidata_id: The Wikidata item (``"Q42"``), if connected.
        latest_revid: The page's newest revision when fetched.
        html: Parsoid HTML of this revision, when asked for.
        html_etag: The HTML response's ``ETag``.
        extract: Plain-text extract, when asked for.
        contributors: The page's authors, when asked for.
        provenance: Where and how it was fetched.

    .. versionadded:: 0.1.0
    """

    wiki: str
    requested: str
    namespace: int
    title: str
    pageid: int
    revid: int
    parentid: int | None
    timestamp: datetime
    sha1: str | None
    size: int
    wikitext: str
    content_model: str = "wikitext"
    language: str = ""
    site_name: str = ""
    url: str
    permalink: str
    history_url: str
    license: PageLicense
    normalized_from: str | None = None
    redirects: tuple[str, ...] = ()
    is_disambiguation: bool = False
    categories: tuple[str, ...] = ()
    langlinks: tuple[LangLink, ...] = ()
    wikidata_id: str | None = None
    latest_revid: int | None = None
    html: str | None = None
    html_etag: str | None = None
    extract: str | None = None
    contributors: Contributors | None = None
    provenance: Provenance

    @property
    def is_latest(self) -> bool:
        """Whether this was the page's newest revision when fetched."""
        return self.latest_revid is None or self.latest_revid == self.revid

    @property
    def from_store(self) -> bool:
        """Whether a :class:`~wikireuse.store.Store` served it, not the wiki."""
        return self.provenance.served_from == "store"

    def _repr_html_(self) -> str:
        """A table for notebooks: every value escaped, only http(s) links."""
        from wikireuse.core._words import counted
        from wikireuse.records._repr import html_table

        page_license = self.license
        named = page_license.name and page_license.name != page_license.spdx
        rows = [
            ("title", self.title, self.permalink),
            (
                "revision",
                f"{self.revid} of {format_timestamp(self.timestamp)}",
                self.permalink,
            ),
            (
                "licence",
                f"{page_license.spdx} ({page_license.name})"
                if named
                else page_license.spdx,
                page_license.url,
            ),
            ("wiki", self.site_name or self.wiki, self.url),
            (
                "text",
                f"{counted(len(self.wikitext), 'character')} of {self.content_model}",
                "",
            ),
            ("served from", self.provenance.served_from, ""),
            ("note", self.provenance.note, ""),
        ]
        return html_table("article", [row for row in rows if row[1]])

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values with stable names (schema ``wikireuse.article/1``)."""
        return {
            "schema": ARTICLE_SCHEMA,
            "wiki": self.wiki,
            "requested": self.requested,
            "namespace": self.namespace,
            "title": self.title,
            "pageid": self.pageid,
            "revid": self.revid,
            "parentid": self.parentid,
            "timestamp": format_timestamp(self.timestamp),
            "sha1": self.sha1,
            "size": self.size,
            "wikitext": self.wikitext,
            "content_model": self.content_model,
            "language": self.language,
            "site_name": self.site_name,
            "url": self.url,
            "permalink": self.permalink,
            "history_url": self.history_url,
            "license": self.license.to_dict(),
            "normalized_from": self.normalized_from,
            "redirects": list(self.redirects),
            "is_disambiguation": self.is_disambiguation,
            "categories": list(self.categories),
            "langlinks": [attrs.asdict(link) for link in self.langlinks],
            "wikidata_id": self.wikidata_id,
            "latest_revid": self.latest_revid,
            "html": self.html,
            "html_etag": self.html_etag,
            "extract": self.extract,
            "contributors": (
                self.contributors.to_dict() if self.contributors is not None else None
            ),
            "provenance": self.provenance.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Read what :meth:`to_dict` wrote.

        Raises:
            RecordError: When *data* is not an article record.
        """
        if not isinstance(data, Mapping) or data.get("schema") != ARTICLE_SCHEMA:
            raise RecordError(
                message=f"not a {ARTICLE_SCHEMA} record: {str(data)[:200]!r}"
            )
        try:
            contributors = data.get("contributors")
            return cls(
                wiki=str(data["wiki"]),
                requested=str(data["requested"]),
                namespace=int(data["namespace"]),
                title=str(data["title"]),
                pageid=int(data["pageid"]),
                revid=int(data["revid"]),
                parentid=data.get("parentid"),
                timestamp=parse_timestamp(data["timestamp"]),
                sha1=data.get("sha1"),
                size=int(data["size"]),
                wikitext=str(data["wikitext"]),
                content_model=str(data.get("content_model", "wikitext")),
                language=str(data.get("language", "")),
                site_name=str(data.get("site_name", "")),
                url=str(data["url"]),
                permalink=str(data["permalink"]),
                history_url=str(data["history_url"]),
                license=PageLicense.from_dict(data["license"]),
                normalized_from=data.get("normalized_from"),
                redirects=tuple(str(t) for t in data.get("redirects", ())),
                is_disambiguation=bool(data.get("is_disambiguation", False)),
                categories=tuple(str(c) for c in data.get("categories", ())),
                langlinks=tuple(LangLink(**link) for link in data.get("langlinks", ())),
                wikidata_id=data.get("wikidata_id"),
                latest_revid=data.get("latest_revid"),
                html=data.get("html"),
                html_etag=data.get("html_etag"),
                extract=data.get("extract"),
                contributors=(
                    Contributors.from_dict(contributors)
                    if contributors is not None
                    else None
                ),
                provenance=Provenance.from_dict(data["provenance"]),
            )
        except (KeyError, TypeError, ValueError, InvalidResponseError) as exc:
            raise RecordError(message=f"incomplete article record: {exc}") from exc

    def to_json(self) -> str:
        """:meth:`to_dict` as compact JSON."""
        return _json.compact(self.to_dict())

    @classmethod
    def from_json(cls, text: str) -> Article:
        """Read what :meth:`to_json` wrote.

        Raises:
            RecordError: When *text* is not an article record.
        """
        return cls.from_dict(_json.load(text))


@attrs.frozen(kw_only=True)
class ArticleOutcome:
    """What a batch fetch did with one input.

    Attributes:
        requested: The input, as given (a title or a page id).
        status: Found, normalised, redirected, missing or invalid.
        article: The article, for the three found statuses.
        title: The resolved title (for a missing page: the normalised title
            that does not exist; for an invalid one: the input).
        reason: Why a title is invalid, in the wiki's words.

    .. versionadded:: 0.1.0
    """

    requested: str | int
    status: FetchStatus
    article: Article | None = None
    title: str | None = None
    reason: str = ""

    @property
    def found(self) -> bool:
        """Whether an article came back."""
        return self.article is not None

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "requested": self.requested,
            "status": self.status.value,
            "title": self.title,
            "reason": self.reason,
            "article": self.article.to_dict() if self.article is not None else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ArticleOutcome:
        """Read what :meth:`to_dict` wrote.

        Raises:
            RecordError: When *data* is not an outcome record.
        """
        try:
            requested = data["requested"]
            if isinstance(requested, bool) or not isinstance(requested, str | int):
                raise TypeError(
                    f"requested must be a title or a page id: {requested!r}"
                )
            article = data.get("article")
            return cls(
                requested=requested,
                status=FetchStatus(data["status"]),
                article=Article.from_dict(article) if article is not None else None,
                title=data.get("title"),
                reason=str(data.get("reason", "")),
            )
        except RecordError:
            raise  # the article's own, more precise
        except (KeyError, TypeError, ValueError) as exc:
            raise RecordError(message=f"incomplete outcome record: {exc}") from exc
