"""The content the throwaway test wiki is filled with.

Everything here is written for this project (no text is copied from any wiki):
an XML export (MediaWiki export format 0.11) that ``importDump.php`` loads, and
a small PNG that ``importImages.php`` uploads. Tests look pages up by the
titles defined here, never by page or revision ids (the importer renumbers
them).

Content: templates Infobox person, Cite web (uses ``#if``), CC-BY-SA-4.0 and
Disambiguation; :data:`ARTICLE` (infobox, lead image, a named ``<ref>`` used
three times, a ``{{Cite web}}`` ref, h2/h3 sections, two categories);
:data:`REDIRECT` to it; :data:`HISTORY_PAGE` (Alice, Bob, Carol-minor);
:data:`BUSY_PAGE` (12 revisions); :data:`DISAMBIG_PAGE` (``__DISAMBIG__``);
:data:`GERMAN_PAGE` (page language ``de``); :data:`FRENCH_PAGE`
(``{{DISPLAYTITLE}}``); pages the tests may change (:data:`EDIT_TARGET`,
:data:`DELETE_TARGET`, :data:`MOVE_TARGET`); 120 :data:`FILLER_TITLES` in
Category:Filler pages; and the file :data:`IMAGE_FILE` (200x150 PNG with
tEXt metadata, tagged CC-BY-SA-4.0). Special:CiteThisPage shows CiteThisPage's
own default English ``citethispage-content`` message (no local override), so
that wikireuse's citations can be compared with it.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import attrs

__all__ = [
    "ARTICLE",
    "BUSY_PAGE",
    "BUSY_REVISIONS",
    "DELETE_TARGET",
    "DISAMBIG_PAGE",
    "EDIT_TARGET",
    "FILLER_COUNT",
    "FILLER_TITLES",
    "FRENCH_PAGE",
    "GERMAN_PAGE",
    "HISTORY_PAGE",
    "IMAGE_FILE",
    "IMAGE_LICENCE_TEMPLATE",
    "MOVE_TARGET",
    "REDIRECT",
    "USERS",
    "FixtureFiles",
    "Revision",
    "export_xml",
    "png_bytes",
    "write_fixtures",
]

USERS = ("Alice", "Bob", "Carol")
ARTICLE = "Ada Lovelace"
REDIRECT = "Lovelace"
HISTORY_PAGE = "Analytical Engine"  # 3 revisions: Alice, Bob, Carol (minor)
BUSY_PAGE = "Punched card"  # many small revisions, for rvlimit continuation
BUSY_REVISIONS = 12
DISAMBIG_PAGE = "Engine (disambiguation)"
GERMAN_PAGE = "Differenzmaschine"  # page language "de" (set in the DB)
FRENCH_PAGE = "Machine analytique"  # French text with a {{DISPLAYTITLE}}
IMAGE_FILE = "File:Analytical Engine.png"
IMAGE_LICENCE_TEMPLATE = "CC-BY-SA-4.0"
EDIT_TARGET = "Edit target"  # tests may edit it
DELETE_TARGET = "Delete me"  # tests may delete it
MOVE_TARGET = "Move me"  # tests may move it
FILLER_COUNT = 120
FILLER_TITLES = tuple(f"Filler {n:03d}" for n in range(1, FILLER_COUNT + 1))

_NS_TEMPLATE = 10


@attrs.frozen(kw_only=True)
class Revision:
    """One revision of a page in the export."""

    user: str
    timestamp: str
    comment: str
    text: str
    minor: bool = False


@attrs.frozen(kw_only=True)
class FixtureFiles:
    """Where :func:`write_fixtures` put the import material."""

    pages_xml: Path
    upload_dir: Path
    image_path: Path


# --- page texts -----------------------------------------------------------

_INFOBOX = """\
{| class="infobox vcard" style="float:right; width:22em; border:1px solid #a2a9b1"
|+ class="fn" | {{{name|{{PAGENAME}}}}}
{{#if:{{{image|}}}|
{{!}} colspan="2" {{!}} [[File:{{{image}}}|200px]]
{{!}}-}}
! Born
| {{{birth_date|unknown}}}
|-
! Field
| {{{field|}}}
|-
! Remembered for
| {{{known_for|}}}
|}<noinclude>
A deliberately small person infobox used by the wikireuse test wiki.
Parameters: name, image, birth_date, field, known_for.
</noinclude>"""

_CITE_WEB = """\
<span class="citation web">{{#if:{{{author|}}}|{{{author}}}. }}\
[{{{url}}} "{{{title}}}"]{{#if:{{{website|}}}|. ''{{{website}}}''}}\
{{#if:{{{access-date|}}}|. Retrieved {{{access-date}}}}}.</span><noinclude>
Minimal web citation template for the wikireuse test wiki.
</noinclude>"""

_CC_BY_SA_4 = """\
{| class="licensetpl" style="border:1px solid #88a"
| This work is released under the \
[https://creativecommons.org/licenses/by-sa/4.0/ Creative Commons \
Attribution-ShareAlike 4.0 International] licence (CC BY-SA 4.0). \
Credit the author and share adaptations under the same terms.
|}<includeonly>[[Category:CC-BY-SA-4.0 files]]</includeonly><noinclude>
Licence tag for files of the wikireuse test wiki.
</noinclude>"""

_DISAMBIGUATION_TEMPLATE = """\
''This page lists articles that share a similar title. If a link sent you \
here, you may want to change it to point straight at the intended article.''\
__DISAMBIG__<includeonly>[[Category:Disambiguation pages]]</includeonly><noinclude>
Marks a disambiguation page (test wiki). __DISAMBIG__ is provided by a small
hook in the test wiki's settings, since core MediaWiki 1.39 has no such word.
</noinclude>"""

_ARTICLE = """\
{{Infobox person
| name = Ada Lovelace
| birth_date = 10 December 1815, London
| field = Mathematics
| known_for = Notes on the [[Analytical Engine]]
}}
[[File:Analytical Engine.png|thumb|A drawing made for this test wiki]]
'''Ada Lovelace''' (1815–1852) was an English mathematician who wrote \
at length about a calculating machine that was designed but never \
finished.<ref name="notes">Test Press (2020). ''A fixture about early \
computing'', p.&nbsp;3.</ref> Her commentary went further than a \
description of the hardware: she argued that such a machine could handle \
symbols of any kind, not only numbers.<ref>{{Cite web \
|url=https://example.org/fixtures/ada |title=Reading the Notes again \
|author=Fixture Author |website=Example Notes |access-date=1 March 2023}}</ref>

== Early years ==
She was taught mathematics from a young age by private tutors.\
<ref name="notes" />

== The Notes ==
In 1843 she published a translation of a paper on the engine together \
with her own notes, which were longer than the paper itself.\
<ref name="notes" />

=== Note G ===
The last note sets out, step by step, how the machine could compute \
Bernoulli numbers.

== References ==
<references />

[[Category:Mathematicians]]
[[Category:Test articles]]"""

_HISTORY_REVISIONS = (
    Revision(
        user="Alice",
        timestamp="2023-02-01T09:00:00Z",
        comment="New stub",
        text="The '''Analytical Engine''' is a calculating machine design.",
    ),
    Revision(
        user="Bob",
        timestamp="2023-02-02T10:30:00Z",
        comment="Name the designer",
        text=(
            "The '''Analytical Engine''' is a design for a general-purpose "
            "mechanical calculating machine by [[Charles Babbage]]."
        ),
    ),
    Revision(
        user="Carol",
        timestamp="2023-02-03T14:45:00Z",
        comment="Add a history section",
        minor=True,
        text=(
            "The '''Analytical Engine''' is a design for a general-purpose "
            "mechanical calculating machine by [[Charles Babbage]].\n\n"
            "== History ==\nThe design was first sketched in 1837. "
            "[[Ada Lovelace]] described a program for it.\n\n"
            "[[File:Analytical Engine.png|thumb|Fixture drawing]]\n\n"
            "[[Category:Test articles]]"
        ),
    ),
)

_DISAMBIG = """\
'''Engine''' may refer to:

* [[Analytical Engine]], a design for a mechanical general-purpose computer
* [[Difference engine]], a machine for tabulating polynomial functions
* [[Steam engine]], a heat engine driven by steam

{{Disambiguation}}"""

_GERMAN = """\
Eine '''Differenzmaschine''' ist eine mechanische Rechenmaschine, die \
Tabellen von Polynomwerten mit der Methode der Differenzen berechnet. \
Dabei genügen Additionen, um jede neue Zeile aus der vorigen zu gewinnen.

== Aufbau ==
Jede Spalte der Maschine speichert eine Differenz. Bei jeder Umdrehung \
wird eine Spalte zur nächsten addiert.

[[Category:Test articles]]"""

_FRENCH = """\
{{DISPLAYTITLE:''Machine analytique''}}
La '''machine analytique''' est un projet de calculateur mécanique \
programmable. Les instructions devaient être lues sur des cartes \
perforées, comme pour les métiers à tisser de l'époque.

[[Category:Test articles]]"""


def _filler_text(n: int) -> str:
    # Short, distinct, deterministic text so tests can check they got *this* page.
    return (
        f"Filler page number {n} exists so that tests can page through more "
        f"than fifty titles. Its checksum word is ''filler-{n:03d}''.\n\n"
        "[[Category:Filler pages]]"
    )


def _busy_revisions() -> tuple[Revision, ...]:
    revisions = []
    for i in range(BUSY_REVISIONS):
        user = USERS[i % len(USERS)]
        holes = "o" * (i + 1)
        revisions.append(
            Revision(
                user=user,
                timestamp=f"2023-04-{i + 1:02d}T08:00:00Z",
                comment=f"Step {i + 1}",
                text=(
                    "A '''punched card''' stores data as holes in stiff paper. "
                    f"This revision has {i + 1} hole(s): {holes}"
                ),
            )
        )
    return tuple(revisions)


_Page = tuple[str, int, tuple[Revision, ...], str | None]
"""``(title, namespace, revisions, redirect target)`` of one exported page."""


def _one_revision(
    title: str,
    user: str,
    timestamp: str,
    comment: str,
    text: str,
    *,
    ns: int = 0,
    redirect: str | None = None,
) -> _Page:
    """A page with a single revision."""
    revision = Revision(user=user, timestamp=timestamp, comment=comment, text=text)
    return (title, ns, (revision,), redirect)


def _pages() -> list[_Page]:
    return [
        _one_revision(
            "Template:Infobox person",
            "Alice",
            "2023-01-01T00:00:00Z",
            "Infobox for tests",
            _INFOBOX,
            ns=_NS_TEMPLATE,
        ),
        _one_revision(
            "Template:Cite web",
            "Alice",
            "2023-01-01T00:01:00Z",
            "Citation template",
            _CITE_WEB,
            ns=_NS_TEMPLATE,
        ),
        _one_revision(
            f"Template:{IMAGE_LICENCE_TEMPLATE}",
            "Alice",
            "2023-01-01T00:02:00Z",
            "Licence tag",
            _CC_BY_SA_4,
            ns=_NS_TEMPLATE,
        ),
        _one_revision(
            "Template:Disambiguation",
            "Bob",
            "2023-01-01T00:03:00Z",
            "Disambiguation box",
            _DISAMBIGUATION_TEMPLATE,
            ns=_NS_TEMPLATE,
        ),
        _one_revision(
            ARTICLE, "Alice", "2023-01-02T12:00:00Z", "Write the article", _ARTICLE
        ),
        _one_revision(
            REDIRECT,
            "Bob",
            "2023-01-02T12:05:00Z",
            f"Redirect to [[{ARTICLE}]]",
            f"#REDIRECT [[{ARTICLE}]]",
            redirect=ARTICLE,
        ),
        (HISTORY_PAGE, 0, _HISTORY_REVISIONS, None),
        (BUSY_PAGE, 0, _busy_revisions(), None),
        _one_revision(
            DISAMBIG_PAGE,
            "Carol",
            "2023-01-05T10:00:00Z",
            "List the engines",
            _DISAMBIG,
        ),
        _one_revision(
            GERMAN_PAGE, "Bob", "2023-01-06T10:00:00Z", "Neuer Artikel", _GERMAN
        ),
        _one_revision(
            FRENCH_PAGE, "Carol", "2023-01-06T11:00:00Z", "Nouvel article", _FRENCH
        ),
        _one_revision(
            EDIT_TARGET,
            "Alice",
            "2023-01-07T10:00:00Z",
            "Page for edit tests",
            "This page is edited by the test suite.",
        ),
        _one_revision(
            DELETE_TARGET,
            "Alice",
            "2023-01-07T10:01:00Z",
            "Page for delete tests",
            "This page is deleted by the test suite.",
        ),
        _one_revision(
            MOVE_TARGET,
            "Alice",
            "2023-01-07T10:02:00Z",
            "Page for move tests",
            "This page is moved by the test suite.",
        ),
        *(
            _one_revision(
                title, USERS[n % 3], "2023-03-15T00:00:00Z", "Filler", _filler_text(n)
            )
            for n, title in enumerate(FILLER_TITLES, start=1)
        ),
    ]


# --- XML export -----------------------------------------------------------


def _revision_xml(rev: Revision, rev_id: int, parent: int | None) -> Iterable[str]:
    yield "    <revision>"
    yield f"      <id>{rev_id}</id>"
    if parent is not None:
        yield f"      <parentid>{parent}</parentid>"
    yield f"      <timestamp>{rev.timestamp}</timestamp>"
    # The importer keeps a user name only when that local account exists, so the
    # accounts are created before the import (see tests/support/mediawiki.py).
    yield f"      <contributor><username>{escape(rev.user)}</username></contributor>"
    if rev.minor:
        yield "      <minor />"
    yield f"      <comment>{escape(rev.comment)}</comment>"
    yield "      <model>wikitext</model>"
    yield "      <format>text/x-wiki</format>"
    yield f'      <text xml:space="preserve">{escape(rev.text)}</text>'
    yield "    </revision>"


def export_xml() -> str:
    """Return the whole XML export the wiki is filled from."""
    lines = [
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" '
        'version="0.11" xml:lang="en">',
        "  <siteinfo>",
        "    <sitename>TestWiki</sitename>",
        "    <dbname>testwiki</dbname>",
        "    <case>first-letter</case>",
        "    <namespaces>",
        '      <namespace key="0" case="first-letter" />',
        '      <namespace key="8" case="first-letter">MediaWiki</namespace>',
        '      <namespace key="10" case="first-letter">Template</namespace>',
        "    </namespaces>",
        "  </siteinfo>",
    ]
    rev_id = 1000
    for page_id, (title, ns, revisions, redirect) in enumerate(_pages(), start=100):
        lines += [
            "  <page>",
            f"    <title>{escape(title)}</title>",
            f"    <ns>{ns}</ns>",
            f"    <id>{page_id}</id>",
        ]
        if redirect is not None:
            lines.append(f"    <redirect title={quoteattr(redirect)} />")
        parent = None
        for rev in revisions:
            rev_id += 1
            lines += _revision_xml(rev, rev_id, parent)
            parent = rev_id
        lines.append("  </page>")
    lines.append("</mediawiki>")
    return "\n".join(lines) + "\n"


# --- PNG ------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png_bytes(
    width: int = 200,
    height: int = 150,
    text: Sequence[tuple[str, str]] = (
        ("Title", "Analytical Engine (wikireuse fixture)"),
        ("Author", "Alice, wikireuse test fixture"),
        ("Description", "Stripes drawn by code for the wikireuse test wiki"),
        ("Copyright", "CC BY-SA 4.0"),
    ),
) -> bytes:
    """Return a deterministic RGB PNG with ``tEXt`` metadata chunks.

    200 px wide by default: PageImages ignores images narrower than 120 px.
    """
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter type "none"
        for x in range(width):
            band = (x // 20 + y // 15) % 2
            rows += bytes((40 + band * 150, 90 + (x * 100) // width, 160 - band * 60))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunks = [_chunk(b"IHDR", header)]
    chunks += [
        _chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1"))
        for key, value in text
    ]
    chunks.append(_chunk(b"IDAT", zlib.compress(bytes(rows), 9)))
    chunks.append(_chunk(b"IEND", b""))
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


def write_fixtures(directory: Path) -> FixtureFiles:
    """Write the XML export and the image to upload into *directory*."""
    directory.mkdir(parents=True, exist_ok=True)
    pages_xml = directory / "pages.xml"
    pages_xml.write_text(export_xml(), encoding="utf-8")
    upload_dir = directory / "upload"
    upload_dir.mkdir(exist_ok=True)
    image_path = upload_dir / (IMAGE_FILE.removeprefix("File:").replace(" ", "_"))
    image_path.write_bytes(png_bytes())
    return FixtureFiles(
        pages_xml=pages_xml, upload_dir=upload_dir, image_path=image_path
    )
