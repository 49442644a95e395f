"""Wikimedia Enterprise snapshot files: NDJSON, plain or in a ``.tar.gz``."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import zlib
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import IO, Any, Final, Literal, overload
from urllib.parse import urlsplit

from wikireuse.core._hosts import default_rights
from wikireuse.core._time import parse_timestamp
from wikireuse.dumps._build import DumpSite
from wikireuse.dumps._source import (
    DumpStream,
    PageChange,
    Prefixed,
    Source,
    open_source,
    read_time,
)
from wikireuse.exceptions import InvalidResponseError, WikiReuseError
from wikireuse.records.articles import Article, LicenseTimeline, declared_license_note
from wikireuse.typing import WallClock

__all__ = ["read_enterprise"]

_TAR_MAGIC: Final = b"ustar"
_READ_ERRORS: Final = (
    OSError,
    EOFError,
    zlib.error,
    tarfile.TarError,
    UnicodeDecodeError,
)


class _Fault(Exception):
    """A record that cannot become an article (turned into DumpError with its place)."""


def _field(record: Mapping[str, Any], *path: str) -> Any:
    value: Any = record
    for key in path:
        if not isinstance(value, Mapping) or key not in value or value[key] is None:
            raise _Fault(f"the record has no {'.'.join(path)}")
        value = value[key]
    return value


def _optional(record: Mapping[str, Any], *path: str) -> Any:
    try:
        return _field(record, *path)
    except _Fault:
        return None


def _integer(record: Mapping[str, Any], *path: str) -> int:
    value = _field(record, *path)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Fault(f"{'.'.join(path)} is not an integer: {value!r}")
    return value


def _text(record: Mapping[str, Any], *path: str) -> str:
    value = _field(record, *path)
    if not isinstance(value, str):
        raise _Fault(f"{'.'.join(path)} is not a string: {value!r}")
    return value


def _hidden(
    record: Mapping[str, Any],
) -> tuple[Literal["text", "user", "comment"], ...]:
    """What a record's ``visibility`` hides (a field set to false).

    The Enterprise schema names the author ``user``; ``editor`` (the
    ``version.editor`` object's name) is read as the same.
    """
    visibility = _optional(record, "visibility")
    if not isinstance(visibility, Mapping):
        return ()
    found: list[Literal["text", "user", "comment"]] = []
    if visibility.get("text") is False:
        found.append("text")
    if visibility.get("user") is False or visibility.get("editor") is False:
        found.append("user")
    if visibility.get("comment") is False:
        found.append("comment")
    return tuple(found)


class _Reader:
    def __init__(
        self, source: Source, timeline: LicenseTimeline, read_at: datetime
    ) -> None:
        self.source = source
        self.timeline = timeline
        self.read_at = read_at
        self.sites: dict[str, DumpSite] = {}

    def site(self, part_of: str) -> DumpSite:
        from wikireuse.records._values import SiteInfo, Wiki

        known = self.sites.get(part_of)
        if known is not None:
            return known
        parts = urlsplit(part_of)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise _Fault(f"is_part_of.url is not a wiki URL: {part_of!r}")
        server = f"https://{parts.netloc}"
        host = parts.hostname
        project = host.rsplit(".", 2)[-2] if host.count(".") >= 1 else host
        rights = default_rights(host)
        label = host.split(".", 1)[0]
        site = DumpSite(
            wiki=Wiki(api_url=f"{server}/w/api.php"),
            site=SiteInfo(
                sitename=project.capitalize(),
                lang=label if label not in {"www", "commons", "meta"} else "",
                server=server,
                server_url=server,
                articlepath="/wiki/$1",
                script_path="/w",
                rights_url=rights,
            ),
            timeline=self.timeline,
            file=self.source.file,
            read_at=self.read_at,
            reader="wikireuse's Enterprise NDJSON reader",
        )
        self.sites[part_of] = site
        return site

    def item(
        self, stream: DumpStream[Any], record: Any, *, changes: bool
    ) -> Iterator[Article | PageChange]:
        """The article of *record*, and with *changes* what it deletes or hides.

        Without *changes*, deletions and visibility changes are counted as
        skipped.
        """
        if not isinstance(record, Mapping):
            raise _Fault(f"a record must be a JSON object, got {type(record).__name__}")
        event = _optional(record, "event", "type")
        hidden = _hidden(record)
        if event in ("delete", "visibility-change"):
            if changes and (event == "delete" or hidden):
                kind: Literal["delete", "visibility"]
                kind = "delete" if event == "delete" else "visibility"
                yield self.change(record, kind, () if kind == "delete" else hidden)
            else:  # not asked for, or content shown again: nothing unmasks
                stream.skip(f"{event} events")
            return
        if "text" not in hidden:
            yield self.article(record)
        elif not changes:
            stream.skip("revision text hidden (visibility.text false)")
        if changes and hidden:
            # After its article: the revision is stored before it is masked.
            yield self.change(record, "visibility", hidden)

    def change(
        self,
        record: Mapping[str, Any],
        kind: Literal["delete", "visibility"],
        hidden: tuple[Literal["text", "user", "comment"], ...],
    ) -> PageChange:
        site = self.site(_text(record, "is_part_of", "url"))
        event = _optional(record, "event", "identifier")
        return PageChange(
            kind=kind,
            wiki=site.wiki.api_url,
            pageid=_integer(record, "identifier"),
            title=_text(record, "name"),
            revid=_integer(record, "version", "identifier")
            if kind == "visibility"
            else None,
            hidden=hidden,
            event=event if isinstance(event, str) else "",
        )

    def article(self, record: Mapping[str, Any]) -> Article:
        site = self.site(_text(record, "is_part_of", "url"))
        title = _text(record, "name")
        text = _text(record, "article_body", "wikitext")
        try:
            when = parse_timestamp(
                _text(record, "date_modified"), field="date_modified"
            )
        except InvalidResponseError as exc:
            raise _Fault(str(exc)) from exc
        revid = _integer(record, "version", "identifier")
        computed = site.license(when)
        declared_list = _optional(record, "license")
        declared = (
            declared_list[0].get("identifier")
            if isinstance(declared_list, list)
            and declared_list
            and isinstance(declared_list[0], Mapping)
            else None
        )
        params: list[tuple[str, str]] = []
        note = ""
        steps = [f"licence recomputed from the revision date ({computed.basis})"]
        if isinstance(declared, str) and declared != computed.spdx:
            params.append(("declared_license", declared))
            note = declared_license_note(declared, computed.spdx)
        parent = _optional(record, "previous_version", "identifier")
        categories = tuple(
            str(c["name"]).split(":", 1)[-1]
            for c in _optional(record, "categories") or ()
            if isinstance(c, Mapping) and isinstance(c.get("name"), str)
        )
        language = _optional(record, "in_language", "identifier")
        url = _optional(record, "url")
        wikidata = _optional(record, "main_entity", "identifier")
        return site.article(
            namespace=_integer(record, "namespace", "identifier")
            if _optional(record, "namespace") is not None
            else 0,
            title=title,
            pageid=_integer(record, "identifier"),
            revid=revid,
            parentid=parent if isinstance(parent, int) and parent > 0 else None,
            timestamp=when,
            sha1=hashlib.sha1(text.encode("utf-8")).hexdigest(),  # noqa: S324  # MediaWiki's checksum
            text=text,
            language=language if isinstance(language, str) else "",
            categories=categories,
            latest_revid=revid,
            url=url if isinstance(url, str) else "",
            wikidata_id=wikidata if isinstance(wikidata, str) else None,
            steps=steps,
            params=params,
            note=note,
        )


class _Position:
    """Where the reader is: archive member and line (item of an array)."""

    def __init__(self) -> None:
        self.member = ""
        self.number = 0

    def __str__(self) -> str:
        where = f"line {self.number}" if self.number else "the start"
        return f"{where} of {self.member}" if self.member else where


def _records(stream: IO[bytes], position: _Position) -> Iterator[Any]:
    """The records of NDJSON, or the items of one JSON array."""
    position.number = 0
    head = stream.read(1 << 16)
    rest = io.BufferedReader(Prefixed(head, stream))
    if head.lstrip()[:1] == b"[":
        # A JSON array (an On-demand API answer): small, read whole.
        items = json.loads(rest.read())
        if not isinstance(items, list):
            raise _Fault("the file is neither NDJSON nor a JSON array of records")
        for number, item in enumerate(items, start=1):
            position.number = number
            yield item
        return
    for number, line in enumerate(rest, start=1):
        position.number = number
        if line.strip():
            yield json.loads(line)


@overload
def read_enterprise(
    path_or_file: str | os.PathLike[str] | IO[bytes],
    *,
    license_timeline: LicenseTimeline | None = None,
    wall_clock: WallClock | None = None,
    read_ahead: bool = True,
    changes: Literal[False] = False,
) -> DumpStream[Article]: ...


@overload
def read_enterprise(
    path_or_file: str | os.PathLike[str] | IO[bytes],
    *,
    license_timeline: LicenseTimeline | None = None,
    wall_clock: WallClock | None = None,
    read_ahead: bool = True,
    changes: Literal[True],
) -> DumpStream[Article | PageChange]: ...


def read_enterprise(
    path_or_file: str | os.PathLike[str] | IO[bytes],
    *,
    license_timeline: LicenseTimeline | None = None,
    wall_clock: WallClock | None = None,
    read_ahead: bool = True,
    changes: bool = False,
) -> DumpStream[Article] | DumpStream[Article | PageChange]:
    """Stream the articles of a Wikimedia Enterprise snapshot file.

    Reads NDJSON (one article record a line; plain, ``.gz``, or the
    ``.tar.gz`` the Snapshot API gives) and the JSON array an On-demand
    answer is. Each record becomes an :class:`Article` with the licence
    **recomputed from the revision date**: where the record's declared
    ``license`` disagrees (the recorded 2023 enwiki record says CC BY-SA 3.0),
    the computed one is kept and the disagreement goes into the provenance
    (a ``declared_license`` parameter and a note), which
    :meth:`Store.ingest <wikireuse.store.Store.ingest>` counts.

    Records of ``delete`` and ``visibility-change`` events (and records
    whose ``visibility`` hides the text, the user or the comment) are not
    articles. With *changes*, they are yielded as :class:`PageChange`
    records in file order, which :meth:`Store.ingest
    <wikireuse.store.Store.ingest>` applies (the page marked deleted, the
    revision masked through the audited redaction path); otherwise they are
    counted in :attr:`DumpStream.skipped`. A record whose text is visible
    but whose user or comment is hidden gives both its article and, with
    *changes*, the change.

    Args:
        path_or_file: A path or a seekable binary file object.
        license_timeline: Licence by revision date (Wikimedia's by default).
        wall_clock: Seconds since the epoch, for the provenance's time read.
        read_ahead: Decompress a compressed file in a thread ahead of the
            reader (as :func:`~wikireuse.dumps.read_xml_dump` does).
        changes: Yield deletions and visibility changes as
            :class:`PageChange` records besides the articles.

    Raises:
        DumpError: While iterating: a line that is not JSON, a record without
            a required field (name, identifier, version.identifier,
            date_modified, is_part_of.url, article_body.wikitext), a corrupt
            archive; naming the file, the archive member and the line.

    .. versionadded:: 0.2.0
    """
    timeline = license_timeline if license_timeline is not None else LicenseTimeline()
    if wall_clock is None:
        import time

        wall_clock = time.time
    source = open_source(path_or_file, read_ahead=read_ahead)
    reader = _Reader(source, timeline, read_time(wall_clock))

    def files(position: _Position) -> Iterator[IO[bytes]]:
        head = source.stream.read(512)
        raw = io.BufferedReader(Prefixed(head, source.stream))
        if head[257:262] != _TAR_MAGIC:
            yield raw
            return
        with tarfile.open(fileobj=raw, mode="r|") as archive:
            for info in archive:
                handle = archive.extractfile(info) if info.isfile() else None
                if handle is not None:
                    position.member = info.name
                    yield handle

    def articles(stream: DumpStream[Any]) -> Iterator[Any]:
        position = _Position()
        try:
            for handle in files(position):
                for record in _records(handle, position):
                    yield from reader.item(stream, record, changes=changes)
        except _Fault as exc:
            raise source.error(str(exc), str(position)) from exc
        except WikiReuseError:
            raise
        except json.JSONDecodeError as exc:
            raise source.error(
                f"not JSON: {exc.msg} (column {exc.colno})", str(position)
            ) from exc
        except _READ_ERRORS as exc:
            raise source.error(f"{type(exc).__name__}: {exc}", str(position)) from exc
        finally:
            source.close()

    stream: DumpStream[Any] = DumpStream(source, articles)
    return stream
