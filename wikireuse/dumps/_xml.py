"""MediaWiki XML exports and dumps, read with mwxml."""

from __future__ import annotations

import hashlib
import io
import os
import re
import zlib
from collections.abc import Collection, Iterator
from typing import IO, Any, Final, Literal
from xml.etree.ElementTree import ParseError

import mwxml

from wikireuse.core._time import from_epoch, parse_timestamp
from wikireuse.dumps._build import DumpSite, categories_in, category_pattern, site_for
from wikireuse.dumps._source import (
    DumpStream,
    Prefixed,
    Source,
    open_source,
    read_time,
)
from wikireuse.exceptions import ConfigurationError, DumpError, WikiReuseError
from wikireuse.records._values import Wiki
from wikireuse.records.articles import Article, LicenseTimeline
from wikireuse.typing import WallClock

__all__ = ["read_xml_dump"]

_HEAD: Final = 1 << 16
_ROOT_RE: Final = re.compile(rb"<mediawiki\b[^>]*>", re.DOTALL)
_XMLNS_RE: Final = re.compile(rb'\sxmlns\s*=\s*["\']([^"\']*)["\']')
_EXPORT_NS_RE: Final = re.compile(r"^https?://www\.mediawiki\.org/xml/export-0\.\d+/$")
_CATEGORY_NS: Final = 14
_CATEGORY_STEP: Final = (
    "categories from the wikitext's category links (not those added by templates)"
)
# The provenance steps of a revision, by whether the dump gave its SHA-1.
_CHECKED: Final = (
    "checked the SHA-1 of the wikitext against the dump's",
    _CATEGORY_STEP,
)
_UNCHECKED: Final = (
    "the dump gives no SHA-1: the text could not be checked",
    _CATEGORY_STEP,
)
# What the parsers below raise on bad input: XML syntax (ParseError), a
# broken bz2/gzip stream (OSError, EOFError, zlib.error), mwxml's own checks
# (AssertionError on an unexpected element, ValueError/KeyError/TypeError on
# a bad field).
_READ_ERRORS: Final = (
    ParseError,
    OSError,
    EOFError,
    zlib.error,
    AssertionError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
)


def _check_root(source: Source, head: bytes) -> None:
    """Refuse a file that is not a MediaWiki export, before mwxml reads it."""
    root = _ROOT_RE.search(head)
    if root is None:
        raise source.error(
            "not a MediaWiki XML export: no <mediawiki> root element in the "
            "first 64 KiB",
            "the start of the file",
        )
    found = _XMLNS_RE.search(root.group(0))
    namespace = found.group(1).decode("utf-8", "replace") if found else ""
    if not _EXPORT_NS_RE.match(namespace):
        raise source.error(
            f"wrong XML namespace {namespace!r}: a MediaWiki export uses "
            "http://www.mediawiki.org/xml/export-0.N/",
            "the <mediawiki> root element",
        )


def _base36_to_hex(value: str) -> str | None:
    """A dump's ``<sha1>`` (base 36, as MediaWiki stores it) as 40 hex digits."""
    try:
        return format(int(value, 36), "040x")
    except ValueError:
        return None


def _where(source: Source, exc: BaseException, last: str) -> str:
    where = f"byte {source.bytes_read} of {source.file.size}"
    if isinstance(exc, ParseError) and exc.position:
        line, column = exc.position
        where = f"line {line}, column {column} of the XML; {where}"
    return f"{where}; {last}"


def read_xml_dump(
    path_or_file: str | os.PathLike[str] | IO[bytes],
    *,
    namespaces: Collection[int] | None = (0,),
    revisions: Literal["latest", "all"] = "latest",
    wiki: Wiki | str | None = None,
    rights: str | None = None,
    language: str | None = None,
    license_timeline: LicenseTimeline | None = None,
    wall_clock: WallClock | None = None,
    read_ahead: bool = True,
) -> DumpStream[Article]:
    """Stream the pages of a MediaWiki XML export or dump as :class:`Article` s.

    Reads ``.xml``, ``.xml.bz2`` and ``.xml.gz`` (recognised by content) of
    any export version, page by page, in constant memory, with `mwxml
    <https://pypi.org/project/mwxml/>`_. The wiki, its name and URLs come
    from the dump's ``<siteinfo>`` (its ``<base>`` URL; old Wikimedia dumps'
    ``http://`` is upgraded to the ``https://`` their API has). Each
    revision gets the licence of its *date* from the licence timeline, and a
    provenance record naming the dump file and its SHA-1.

    Categories are those linked in the wikitext (``[[Category:...]]``);
    those added by templates are not in a dump. A revision whose text is
    hidden (revision deletion) is not yielded; :attr:`DumpStream.skipped`
    counts it.

    Args:
        path_or_file: A path, or a binary file object that can seek (its
            SHA-1 is computed before it is read).
        namespaces: Namespace numbers to keep; ``None`` for all.
        revisions: ``"latest"``: each page's newest revision in the dump;
            ``"all"``: every revision, oldest first (each but the last names
            the revision after it as ``latest_revid``, so ``is_latest`` is
            right without reading ahead).
        wiki: Where the wiki's API is, when the dump's ``<base>`` does not say
            (or says it wrongly).
        rights: The wiki's declared text licence (URL or name). By default
            CC BY-SA 4.0 for the Wikimedia projects that use it, else
            unknown.
        language: The content language (default: from a Wikimedia host name).
        license_timeline: Licence by revision date; the Wikimedia history by
            default.
        wall_clock: Seconds since the epoch, for the provenance's time read.
        read_ahead: Decompress a ``.bz2``/``.gz`` file in a thread ahead of
            the XML parser, which overlaps the two on a second core (the
            articles are the same either way; ``False`` reads in one
            thread).

    Returns:
        A :class:`DumpStream`: iterate it for articles; it also tells the
        bytes read so far and what was skipped.

    Raises:
        DumpError: While iterating, or at once for a file that is not a
            MediaWiki export (wrong root or XML namespace), truncated or
            corrupt input: naming the file and the position.
        ConfigurationError: For bad arguments.

    >>> from pathlib import Path
    >>> import wikireuse
    >>> repo = Path(wikireuse.__file__).parents[1]
    >>> pages = list(read_xml_dump(repo / "examples/data/sample-wiki.xml.bz2"))
    >>> len(pages), pages[0].title, pages[0].categories[0]
    (29, 'Ostrel', 'Settlements in Valdmark')

    .. versionadded:: 0.2.0
    """
    if revisions not in ("latest", "all"):
        raise ConfigurationError(
            message=f"revisions must be 'latest' or 'all', got {revisions!r}"
        )
    if namespaces is not None:
        if isinstance(namespaces, int | str) or not all(
            isinstance(n, int) and not isinstance(n, bool) for n in namespaces
        ):
            raise ConfigurationError(
                message=f"namespaces must be namespace numbers, got {namespaces!r}"
            )
        namespaces = frozenset(namespaces)
    timeline = license_timeline if license_timeline is not None else LicenseTimeline()
    if wall_clock is None:
        import time

        wall_clock = time.time
    source = open_source(path_or_file, read_ahead=read_ahead)
    try:
        try:
            head = source.stream.read(_HEAD)
            _check_root(source, head)
            dump = mwxml.Dump.from_file(
                io.BufferedReader(Prefixed(head, source.stream))
            )
        except _READ_ERRORS as exc:
            raise source.error(
                f"cannot read the <siteinfo>: {type(exc).__name__}: {exc}",
                _where(source, exc, "before the first page"),
            ) from exc
        info = dump.site_info
        found = site_for(
            base=info.base or "",
            sitename=info.name or "",
            wiki=wiki,
            rights=rights,
            language=language,
            wiki_id=info.dbname or "",
        )
        if found is None:
            raise source.error(
                "the <siteinfo> has no <base> URL saying which wiki this is: "
                "pass wiki=",
                "<siteinfo>",
            )
        target, site = found
    except (DumpError, ConfigurationError):
        source.close()
        raise
    category_names = ["Category"]
    for ns in info.namespaces or ():
        if ns.id == _CATEGORY_NS:
            category_names.extend(n for n in (ns.name, ns.canonical) if n)
            category_names.extend(ns.aliases or ())
    context = DumpSite(
        wiki=target,
        site=site,
        timeline=timeline,
        file=source.file,
        read_at=read_time(wall_clock),
        reader=f"mwxml {getattr(mwxml, '__version__', '')}".strip(),
    )
    reader = _Reader(
        context,
        source,
        dump,
        namespaces=namespaces,
        every=revisions == "all",
        categories=category_names,
        first_letter=(info.case or "first-letter") == "first-letter",
    )
    return DumpStream(source, reader.pages)


class _Reader:
    def __init__(
        self,
        context: DumpSite,
        source: Source,
        dump: Any,
        *,
        namespaces: frozenset[int] | None,
        every: bool,
        categories: list[str],
        first_letter: bool,
    ) -> None:
        self.context = context
        self.source = source
        self.dump = dump
        self.namespaces = namespaces
        self.every = every
        self.pattern = category_pattern(categories)
        self.first_letter = first_letter
        self.last = "before the first page"

    def pages(self, stream: DumpStream[Article]) -> Iterator[Article]:
        try:
            for page in self.dump:
                self.last = f"in page {page.title!r} (id {page.id})"
                if (
                    self.namespaces is not None
                    and page.namespace not in self.namespaces
                ):
                    continue
                yield from self.revisions(stream, page)
                self.last = f"after page {page.title!r} (id {page.id})"
        except WikiReuseError:
            raise
        except _READ_ERRORS as exc:
            raise self.source.error(
                f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__,
                _where(self.source, exc, self.last),
            ) from exc
        finally:
            self.source.close()

    def revisions(self, stream: DumpStream[Article], page: Any) -> Iterator[Article]:
        held: Any = None
        previous: int | None = None
        held_parent: int | None = None
        for revision in page:
            if revision.deleted.text or revision.text is None:
                stream.skip("revision text hidden (revision deletion)")
                continue
            if held is not None:
                if self.every:
                    yield self.article(page, held, held_parent, latest=revision.id)
                previous = held.id
            held, held_parent = revision, revision.parent_id or previous
        if held is not None:
            yield self.article(page, held, held_parent, latest=held.id)

    def article(
        self, page: Any, revision: Any, parent: int | None, *, latest: int
    ) -> Article:
        text = revision.text
        data = text.encode("utf-8")
        actual = hashlib.sha1(data).hexdigest()  # noqa: S324  # MediaWiki's checksum
        declared = _base36_to_hex(revision.sha1) if revision.sha1 else None
        if declared is not None:
            if declared != actual:
                raise self.source.error(
                    f"revision {revision.id} of {page.title!r}: the text's SHA-1 "
                    f"{actual} does not match the dump's {declared}",
                    _where(self.source, ValueError(), self.last),
                )
            steps = _CHECKED
        else:
            steps = _UNCHECKED
        # mwxml has parsed the timestamp already: no second strptime per
        # revision on the ingest hot path (a missing one is still refused).
        stamp = revision.timestamp
        when = from_epoch(stamp.unix()) if stamp is not None else parse_timestamp(stamp)
        return self.context.article(
            namespace=page.namespace,
            title=page.title,
            pageid=page.id,
            revid=revision.id,
            parentid=parent,
            timestamp=when,
            sha1=actual,
            text=text,
            utf8=data,
            content_model=revision.model or "wikitext",
            categories=categories_in(
                text, self.pattern, first_letter=self.first_letter
            ),
            latest_revid=latest,
            steps=steps,
        )
