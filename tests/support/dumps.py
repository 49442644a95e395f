"""Writing MediaWiki XML dumps of many pages, for tests and benchmarks.

The text of every page is given by the caller (recorded pages, the sample
dump's pages); this only lays them out as an export-0.11 file with correct
``bytes`` and base-36 ``sha1``, as dumpBackup.php writes them.
"""

from __future__ import annotations

import bz2
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, NamedTuple
from xml.sax.saxutils import escape

__all__ = ["DumpPage", "copies", "write_dump"]

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


class DumpPage(NamedTuple):
    """One page (with one revision) to write."""

    title: str
    pageid: int
    revid: int
    timestamp: str
    text: str


def copies(
    texts: Sequence[str], count: int, *, prefix: str, first_revid: int
) -> Iterator[DumpPage]:
    """*count* pages cycling through *texts*, each marked with its number.

    The mark makes every page's text (and so its SHA-1) its own.
    """
    for n in range(1, count + 1):
        yield DumpPage(
            title=f"{prefix} {n}",
            pageid=n,
            revid=first_revid + n,
            timestamp="2024-03-01T00:00:00Z",
            text=f"{texts[n % len(texts)]}\n<!-- page {n} -->",
        )


def _base36_sha1(text: str) -> str:
    value = int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)  # noqa: S324  # MediaWiki's checksum
    out = ""
    while value:
        value, rem = divmod(value, 36)
        out = _DIGITS[rem] + out
    return out.rjust(31, "0")


def _write(out: IO[bytes], pages: Iterable[DumpPage], base: str) -> int:
    out.write(
        b'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" '
        b'version="0.11" xml:lang="en">\n  <siteinfo>\n'
        b"    <sitename>Bench Wiki</sitename>\n    <dbname>benchwiki</dbname>\n"
        + f"    <base>{escape(base)}</base>\n".encode()
        + b"    <case>first-letter</case>\n    <namespaces>\n"
        b'      <namespace key="0" case="first-letter" />\n'
        b'      <namespace key="14" case="first-letter">Category</namespace>\n'
        b"    </namespaces>\n  </siteinfo>\n"
    )
    count = 0
    for page in pages:
        size = len(page.text.encode("utf-8"))
        out.write(
            (
                f"  <page>\n    <title>{escape(page.title)}</title>\n    <ns>0</ns>\n"
                f"    <id>{page.pageid}</id>\n    <revision>\n"
                f"      <id>{page.revid}</id>\n"
                f"      <timestamp>{page.timestamp}</timestamp>\n"
                "      <contributor><username>Bench</username><id>1</id>"
                "</contributor>\n      <model>wikitext</model>\n"
                "      <format>text/x-wiki</format>\n"
                f'      <text bytes="{size}" xml:space="preserve">'
                f"{escape(page.text)}</text>\n"
                f"      <sha1>{_base36_sha1(page.text)}</sha1>\n"
                "    </revision>\n  </page>\n"
            ).encode()
        )
        count += 1
    out.write(b"</mediawiki>\n")
    return count


def write_dump(
    path: Path,
    pages: Iterable[DumpPage],
    *,
    base: str = "https://bench.wikireuse.invalid/wiki/Main_Page",
) -> int:
    """Write *pages* to *path* (bz2 for a ``.bz2`` name); return how many."""
    if path.suffix == ".bz2":
        with bz2.open(path, "wb", compresslevel=1) as out:
            return _write(out, pages, base)
    with path.open("wb") as out:
        return _write(out, pages, base)
