"""Articles from dump records: URLs, licence by date, provenance naming the file."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Final
from urllib.parse import urlsplit

import attrs

from wikireuse.core._hosts import default_rights, is_wikimedia_host
from wikireuse.core._version import version
from wikireuse.dumps._source import DumpFile
from wikireuse.records._values import SiteInfo, Wiki, to_wiki
from wikireuse.records.articles import Article, LicenseTimeline, PageLicense
from wikireuse.records.provenance import Provenance, content_hash
from wikireuse.records.titles import url_path

__all__ = ["DumpSite", "category_pattern", "site_for"]

_LANG_RE: Final = re.compile(r"^[a-z]{2,3}(-[a-z0-9]+)*$")


def _language(host: str) -> str:
    label = host.split(".", 1)[0]
    if is_wikimedia_host(host) and _LANG_RE.match(label) and label not in {"www"}:
        return label
    return ""


@attrs.frozen(kw_only=True)
class DumpSite:
    """What every article of one dump shares: wiki, URLs, licence rules."""

    wiki: Wiki
    site: SiteInfo
    timeline: LicenseTimeline
    file: DumpFile
    read_at: datetime
    reader: str
    # Looked up once: the package version is read from its metadata.
    version: str = attrs.field(factory=version)
    # What every article of the dump shares, worked out on first use (the
    # per-revision cost of a dump is what ingest throughput is made of):
    # the licence of revisions saved after the timeline's cutover (it does
    # not depend on the date), and the provenance's first step.
    _shared: dict[str, Any] = attrs.field(
        factory=dict, init=False, repr=False, eq=False
    )

    def license(self, when: datetime) -> PageLicense:
        """The licence of a revision saved at *when*, by the wiki's timeline."""
        after = when >= self.timeline.cutover
        if after and "license" in self._shared:
            found: PageLicense = self._shared["license"]
            return found
        found = self.timeline.license_for(
            rights_url=self.site.rights_url,
            rights_text=self.site.rights_text,
            timestamp=when,
            wikimedia=self._wikimedia,
        )
        if after:
            self._shared["license"] = found
        return found

    @property
    def _wikimedia(self) -> bool:
        if "wikimedia" not in self._shared:
            self._shared["wikimedia"] = self.wiki.is_wikimedia
        return bool(self._shared["wikimedia"])

    @property
    def _read_step(self) -> str:
        if "step" not in self._shared:
            self._shared["step"] = (
                f"read from the dump file {self.file.name} (SHA-1 {self.file.sha1}) "
                f"with {self.reader}"
            )
        return str(self._shared["step"])

    def article(
        self,
        *,
        namespace: int,
        title: str,
        pageid: int,
        revid: int,
        parentid: int | None,
        timestamp: datetime,
        sha1: str | None,
        text: str,
        utf8: bytes | None = None,
        content_model: str = "wikitext",
        language: str = "",
        categories: Sequence[str] = (),
        latest_revid: int | None,
        url: str = "",
        wikidata_id: str | None = None,
        steps: Iterable[str] = (),
        params: Iterable[tuple[str, str]] = (),
        note: str = "",
    ) -> Article:
        """One revision as an :class:`Article` with a provenance naming the file.

        *utf8* is *text* encoded, when the caller has it already (it is
        hashed and measured, not encoded again).
        """
        data = text.encode("utf-8") if utf8 is None else utf8
        api_url = self.wiki.api_url
        site = self.site
        provenance = Provenance(
            wiki=api_url,
            endpoint=self.file.uri or self.file.name,
            params=(("file", self.file.name), ("sha1", self.file.sha1), *params),
            revid=revid,
            rev_timestamp=timestamp,
            content_hash=content_hash(data),
            fetched_at=self.read_at,
            user_agent="",
            wikireuse_version=self.version,
            steps=(self._read_step, *steps),
            note=note,
        )
        # The title's URL form once, for the three URLs (as SiteInfo's
        # article_url and index_url make them).
        path = url_path(title)
        index = f"{site.server_url}{site.script_path}/index.php?title={path}"
        return Article(
            wiki=api_url,
            requested=f"pageid:{pageid}",
            namespace=namespace,
            title=title,
            pageid=pageid,
            revid=revid,
            parentid=parentid,
            timestamp=timestamp,
            sha1=sha1,
            size=len(data),
            wikitext=text,
            content_model=content_model,
            language=language or site.lang,
            site_name=site.sitename,
            url=url or site.server_url + site.articlepath.replace("$1", path),
            permalink=f"{index}&oldid={revid}",
            history_url=f"{index}&action=history",
            license=self.license(timestamp),
            categories=tuple(categories),
            wikidata_id=wikidata_id,
            latest_revid=latest_revid,
            provenance=provenance,
        )


def site_for(
    *,
    base: str,
    sitename: str,
    wiki: Wiki | str | None,
    rights: str | None,
    language: str | None,
    wiki_id: str = "",
) -> tuple[Wiki, SiteInfo] | None:
    """The wiki and its URL scheme from a dump's base URL (or *wiki*).

    Old Wikimedia dumps name ``http://`` hosts; their API is ``https`` now,
    and a store keys pages by API URL, so the scheme is upgraded for them.
    Returns ``None`` when neither *base* nor *wiki* says where the wiki is.
    """
    parts = urlsplit(base or "")
    if wiki is not None:
        target = to_wiki(wiki)
        server_url = f"{target.scheme}://{target.netloc}"
        script = target.script_path.rstrip("/")
        articlepath = (
            parts.path.rsplit("/", 1)[0] + "/$1"
            if parts.path and "index.php" not in parts.path
            else f"{script}/index.php?title=$1"
        )
    else:
        if not parts.scheme or not parts.hostname:
            return None
        host = parts.hostname
        scheme = "https" if is_wikimedia_host(host) else parts.scheme
        server_url = f"{scheme}://{parts.netloc}"
        path = parts.path
        if "/index.php" in path:
            script = path.split("/index.php", 1)[0]
            articlepath = (
                f"{script}/index.php/$1"
                if "/index.php/" in path
                else f"{script}/index.php?title=$1"
            )
        else:
            # /wiki/$1 with scripts in /w, as Wikimedia and most wikis lay out.
            articlepath = path.rsplit("/", 1)[0] + "/$1"
            script = "/w"
        target = Wiki(api_url=f"{server_url}{script}/api.php")
    if rights is None:
        rights = default_rights(target.host)
    site = SiteInfo(
        sitename=sitename,
        lang=language if language is not None else _language(target.host),
        server=server_url,
        server_url=server_url,
        articlepath=articlepath,
        script_path=script,
        base=base,
        wiki_id=wiki_id,
        rights_url=rights if "://" in rights else "",
        rights_text="" if "://" in rights else rights,
    )
    return target, site


def category_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """A pattern of ``[[Category:Name|sort]]`` links, for the namespace's names."""
    alternatives = "|".join(
        sorted({re.escape(n).replace(r"\ ", "[ _]") for n in names if n}, key=len)[::-1]
    )
    return re.compile(
        r"\[\[\s*(?::\s*)?(?:"
        + alternatives
        + r")\s*:\s*([^\]|\n]+?)\s*(?:\|[^\]]*)?\]\]",
        re.IGNORECASE,
    )


def categories_in(
    text: str, pattern: re.Pattern[str], *, first_letter: bool
) -> tuple[str, ...]:
    """Category names linked in *text* (not those added by templates), in order."""
    found: dict[str, None] = {}
    for match in pattern.finditer(text):
        if match.group(0).replace(" ", "")[2] == ":":
            continue  # [[:Category:X]] links to the category, it does not add one
        name = " ".join(match.group(1).replace("_", " ").split())
        if first_letter and name:
            name = name[0].upper() + name[1:]
        if name:
            found[name] = None
    return tuple(found)
