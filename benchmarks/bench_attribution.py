"""Attribution benchmarks: credits rendered per second, and one big credits page.

(a) ``render``: a deterministic mix of items, built offline — articles
credited by a link to their history and by a list of their authors, Commons
files parsed with :func:`wikireuse.media.parse_imageinfo` from realistic
``extmetadata`` (HTML ``Artist`` fields with user links, vCard spans, hidden
elements and "(talk)" links, requested credit lines, CC0, public domain,
several authors, personality rights, a missing author, an unknown licence),
and :class:`~wikireuse.attribution.Work` records — in four languages, some
modified, some with an access date. Measured: :func:`attribute` (building
the records), each of the five formats rendered from the built records, and
all five formats per item. Floors measured in the same run on the same
fields (title, author, source URL, licence name and URL): a naive f-string
TASL line with no escaping or checks, and ``html.escape`` of the same fields
in an HTML line.

(b) ``credits page``: :class:`wikireuse.credits.Credits` for the same kind of
mix, timed and (in a second, separate pass, since tracing slows everything)
its peak memory under :mod:`tracemalloc`: building it from the attributions,
``to_html``, ``to_markdown`` and ``reuse_toml``. Floor: joining as many
pre-rendered lines into one string.

Every timed loop runs with the cyclic garbage collector off, for every
subject alike, as :mod:`timeit` does; the best of *repeats* passes is kept.
"""

from __future__ import annotations

import gc
import html
import random
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from benchmarks._table import Row
from benchmarks._timing import no_gc

UTC = timezone.utc
FORMATS = ("text", "html", "markdown", "wikitext", "json")
LANGS = ("en", "de", "fr", "es")
NAIVE = "naive f-string TASL line, no escaping or checks"
ESCAPED = "html.escape of the same fields"
JOINED = "joining {n} pre-rendered lines"


@dataclass(frozen=True)
class Sizes:
    """How big one run is."""

    items: int  # attributions rendered in (a)
    credits: int  # items on the credits page in (b)
    repeats: int  # timed passes; the best is kept


FULL = Sizes(items=10_000, credits=10_000, repeats=3)
QUICK = Sizes(items=2_000, credits=2_000, repeats=2)
TINY = Sizes(items=24, credits=24, repeats=1)  # the smoke test's


# -- the items --------------------------------------------------------------------

_WIKIS = (
    "en.wikipedia.org",
    "de.wikipedia.org",
    "fr.wikipedia.org",
    "es.wikipedia.org",
)
_TITLES = (
    "Ada Lovelace {n}",
    "Rock 'n' Roll (band {n})",
    "C++ & C# compared, part {n}",
    "Ελληνική γλώσσα {n}",
    "Zürich – Hauptbahnhof {n}",
    "Les Misérables (tome {n})",
    "100% <pure> {n}",
)
_NAMES = (
    "Fleyx24",
    "Marie Curie-Skłodowska",
    "José Ramírez",
    "Ōta Kōji",
    "O'Brien & Söhne",
    "Anna_Müller",
    "李华",
    "Jean-Luc d'Arc",
)
_CUTOVER = datetime(2023, 6, 7, tzinfo=UTC)


def _meta(value: str, source: str = "commons-desc-page") -> dict[str, str]:
    return {"value": value, "source": source, "hidden": ""}


def _user_link(name: str) -> str:
    key = name.replace(" ", "_")
    href = f"//commons.wikimedia.org/wiki/User:{key}"
    return f'<a href="{href}" title="User:{key}">{name}</a>'


def _extmetadata(k: int, n: int, rnd: random.Random) -> dict[str, dict[str, str]]:
    """Commons-like metadata of one of ten kinds (*k*), for file number *n*."""
    name = rnd.choice(_NAMES)
    other = rnd.choice(_NAMES)
    own = '<span class="int-own-work" lang="en">Own work</span>'
    fields: dict[str, dict[str, str]] = {
        "ObjectName": _meta(f"Specimen photograph {n}", "mediawiki-metadata"),
        "ImageDescription": _meta(
            f'<p>A <b>specimen</b> photographed in <a href="/wiki/Lyon">Lyon</a>, '
            f"view {n}.</p>"
        ),
        "DateTime": _meta("2019-05-04 10:11:12", "mediawiki-metadata"),
    }
    by_sa = {
        "LicenseShortName": _meta("CC BY-SA 4.0"),
        "LicenseUrl": _meta("https://creativecommons.org/licenses/by-sa/4.0"),
        "License": _meta("cc-by-sa-4.0", "commons-templates"),
        "UsageTerms": _meta("Creative Commons Attribution-Share Alike 4.0"),
        "AttributionRequired": _meta("true"),
        "Copyrighted": _meta("True"),
    }
    if k == 0:  # own work, user link
        fields |= by_sa | {"Artist": _meta(_user_link(name)), "Credit": _meta(own)}
    elif k == 1:  # vCard creator, hidden element, external source, CC BY 2.0
        fields |= {
            "Artist": _meta(
                '<div class="fn value"><span class="vcard"><span class="fn" '
                f'id="creator">{html.escape(name)}</span></span>'
                '<span style="display:none">hidden note</span></div>'
            ),
            "Credit": _meta(
                f'<a rel="nofollow" class="external text" '
                f'href="https://www.flickr.com/photos/x{n}/{n}">Flickr</a>'
            ),
            "LicenseShortName": _meta("CC BY 2.0"),
            "LicenseUrl": _meta("https://creativecommons.org/licenses/by/2.0"),
            "License": _meta("cc-by-2.0", "commons-templates"),
            "AttributionRequired": _meta("true"),
        }
    elif k == 2:  # requested credit line, talk link in the Artist field
        fields |= by_sa | {
            "Artist": _meta(
                f'<a href="/wiki/User:{name}" title="User:{name}">{html.escape(name)}'
                f'</a> (<a href="/wiki/User_talk:{name}" title="User talk:{name}">'
                "talk</a>)"
            ),
            "Attribution": _meta(f"Photo: {html.escape(name)}, CC BY-SA 4.0"),
            "Credit": _meta(own),
        }
    elif k == 3:  # CC0
        fields |= {
            "Artist": _meta(_user_link(name)),
            "Credit": _meta(own),
            "LicenseShortName": _meta("CC0"),
            "LicenseUrl": _meta("http://creativecommons.org/publicdomain/zero/1.0/"),
            "License": _meta("cc0", "commons-templates"),
            "AttributionRequired": _meta("false"),
        }
    elif k == 4:  # public domain (old), interwiki artist link
        fields |= {
            "Artist": _meta(
                f'<a href="https://en.wikipedia.org/wiki/{name}" class="extiw" '
                f'title="en:{name}">{html.escape(name)}</a> (1863–1944)'
            ),
            "Credit": _meta(f"Museum catalogue, item {n}"),
            "LicenseShortName": _meta("Public domain"),
            "License": _meta("pd", "commons-templates"),
            "AttributionRequired": _meta("false"),
            "Copyrighted": _meta("False"),
        }
    elif k == 5:  # several authors
        fields |= by_sa | {
            "Artist": _meta(
                f"<ul><li>{_user_link(name)}</li><li>{_user_link(other)}</li></ul>"
            ),
            "AuthorCount": _meta("3"),
            "Credit": _meta(own),
        }
    elif k == 6:  # personality rights and a trademark
        fields |= by_sa | {
            "Artist": _meta(_user_link(name)),
            "Credit": _meta(own),
            "Restrictions": _meta("personality|trademarked"),
        }
    elif k == 7:  # no author, no source
        fields |= {
            "LicenseShortName": _meta("CC BY 4.0"),
            "LicenseUrl": _meta("https://creativecommons.org/licenses/by/4.0"),
            "License": _meta("cc-by-4.0", "commons-templates"),
        }
    elif k == 8:  # entities and plain text
        fields |= by_sa | {
            "Artist": _meta(f"{html.escape(name)} &amp; {html.escape(other)}"),
            "Credit": _meta("Scanned from the 1911 edition"),
        }
    else:  # a licence wikireuse does not know
        fields |= {
            "Artist": _meta(_user_link(name)),
            "Credit": _meta(own),
            "LicenseShortName": _meta("Some museum licence"),
        }
    return fields


def _media(n: int, kind: int, rnd: random.Random) -> Any:
    from wikireuse.media import parse_imageinfo

    name = f"Specimen photograph {n}.jpg"
    key = name.replace(" ", "_")
    page = {
        "pageid": 1_000_000 + n,
        "ns": 6,
        "title": f"File:{name}",
        "imagerepository": "local",
        "imageinfo": [
            {
                "timestamp": "2019-05-04T10:11:12Z",
                "user": "Uploader bot",
                "size": 1_234_567,
                "width": 4000,
                "height": 3000,
                "sha1": f"{n:040x}",
                "mime": "image/jpeg",
                "mediatype": "BITMAP",
                "url": f"https://upload.wikimedia.org/wikipedia/commons/a/ab/{key}",
                "descriptionurl": f"https://commons.wikimedia.org/wiki/File:{key}",
                "descriptionshorturl": (
                    f"https://commons.wikimedia.org/w/index.php?curid={n}"
                ),
                "extmetadata": _extmetadata(kind, n, rnd),
            }
        ],
    }
    return parse_imageinfo(page, wiki="https://commons.wikimedia.org/w/api.php")


def _article(n: int, rnd: random.Random, *, with_authors: bool) -> Any:
    from wikireuse.articles import Article, Contributor, Contributors, LicenseTimeline
    from wikireuse.provenance import Provenance, content_hash
    from wikireuse.titles import url_path

    domain = _WIKIS[n % len(_WIKIS)]
    title = _TITLES[n % len(_TITLES)].format(n=n)
    stamp = _CUTOVER + timedelta(days=rnd.randint(-3000, 900))
    text = f"'''{title}''' is page number {n} of the benchmark."
    revid = 10_000_000 + n
    api = f"https://{domain}/w/api.php"
    path = url_path(title)
    license = LicenseTimeline().license_for(
        rights_url="https://creativecommons.org/licenses/by-sa/4.0/",
        rights_text="Creative Commons Attribution-Share Alike 4.0",
        timestamp=stamp,
        wikimedia=True,
    )
    contributors = None
    if with_authors:
        registered = tuple(
            Contributor(name=f"{rnd.choice(_NAMES)} {k}", userid=100 + k)
            for k in range(rnd.randint(3, 40))
        )
        contributors = Contributors(
            title=title,
            pageid=n + 1,
            registered=registered,
            anonymous=rnd.randint(0, 9),
        )
    return Article(
        wiki=api,
        requested=title,
        namespace=0,
        title=title,
        pageid=n + 1,
        revid=revid,
        parentid=revid - 1,
        timestamp=stamp,
        sha1=None,
        size=len(text.encode()),
        wikitext=text,
        url=f"https://{domain}/wiki/{path}",
        permalink=f"https://{domain}/w/index.php?title={path}&oldid={revid}",
        history_url=f"https://{domain}/w/index.php?title={path}&action=history",
        license=license,
        contributors=contributors,
        provenance=Provenance(
            wiki=api,
            endpoint=api,
            params=(("action", "query"), ("titles", title)),
            revid=revid,
            rev_timestamp=stamp,
            content_hash=content_hash(text),
            fetched_at=datetime(2026, 11, 27, 12, 0, tzinfo=UTC),
            user_agent="wikireuse-bench/1.0 (https://example.org/; bench@example.org)",
            wikireuse_version="0.1.0",
        ),
    )


def _work(n: int, rnd: random.Random) -> Any:
    from wikireuse.attribution import Work

    licence = ("CC BY 4.0", "CC-BY-SA-3.0", "ODbL-1.0", "MIT", "CC0-1.0")[n % 5]
    authors = tuple(rnd.sample(_NAMES, k=rnd.randint(1, 3)))
    return Work(
        title=f"Survey data <set {n}> & notes",
        authors=authors,
        author_urls=tuple(
            f"https://example.org/people/{k}" for k in range(len(authors))
        ),
        source_url=f"https://zenodo.example.org/records/{n}",
        source_name="Zenodo",
        license=licence,
        copyright_notice=f"© {2000 + n % 25} the authors" if n % 4 == 0 else "",
        modifications=("translated",) if n % 6 == 0 else (),
    )


def build_items(
    count: int, *, seed: int = 20261127
) -> list[tuple[Any, dict[str, Any]]]:
    """*count* items with the options each is credited with, the same every run.

    The mix, by position: 30 % articles credited by their history, 15 %
    articles with their author list, 40 % Commons files (the ten kinds of
    metadata in turn), 15 % work records.
    """
    rnd = random.Random(seed)
    items: list[tuple[Any, dict[str, Any]]] = []
    files = 0
    for n in range(count):
        slot = n % 20
        options: dict[str, Any] = {"lang": LANGS[n % len(LANGS)]}
        if slot < 6:
            item = _article(n, rnd, with_authors=False)
        elif slot < 9:
            item = _article(n, rnd, with_authors=True)
            options["authors"] = "list"
        elif slot < 17:
            item = _media(n, files % 10, rnd)
            files += 1
        else:
            item = _work(n, rnd)
        if n % 3 == 0:
            options["modified"] = "cropped and colour-corrected"
            options["modified_by"] = "Example Press"
        elif n % 5 == 0:
            options["modified"] = True
        if n % 2 == 0:
            options["accessed"] = date(2026, 11, 27)
        items.append((item, options))
    return items


# -- timing ------------------------------------------------------------------------


def _best(fn: Callable[[], object], repeats: int) -> float:
    """The shortest of *repeats* timed calls of *fn*, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        with no_gc():
            start = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - start)
    return best


def _peak(fn: Callable[[], object]) -> float:
    """Peak memory allocated while *fn* runs (what it keeps included), in MiB."""
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
        del result
    finally:
        tracemalloc.stop()
    return max(0, peak - before) / (1024 * 1024)


def _fields(credit: Any) -> tuple[str, str, str, str, str]:
    """The TASL fields the floors print: title, author, source, licence, URL."""
    if credit.credit_line is not None:
        author = credit.credit_line.text
    elif credit.authors:
        author = ", ".join(a.text for a in credit.authors)
    else:
        author = credit.site_name + " contributors"
    lic = credit.license
    return credit.title, author, credit.source_url, lic.short_name, lic.url


def _naive(fields: Sequence[tuple[str, str, str, str, str]]) -> list[str]:
    return [f'"{t}" by {a}, {s}, {n} ({u})' for t, a, s, n, u in fields]


def _escaped(fields: Sequence[tuple[str, str, str, str, str]]) -> list[str]:
    esc = html.escape
    return [
        f'<a href="{esc(s)}">{esc(t)}</a> by {esc(a)}, '
        f'<a rel="license" href="{esc(u)}">{esc(n)}</a>'
        for t, a, s, n, u in fields
    ]


def _render_rows(sizes: Sizes) -> list[Row]:
    from wikireuse.attribution import attribute

    items = build_items(sizes.items)
    bench = f"attribution: render ({len(items)} items)"
    metric = "attributions/s"
    credits: list[Any] = []

    def build() -> None:
        credits[:] = [attribute(item, **options) for item, options in items]

    built = _best(build, sizes.repeats)
    fields = [_fields(c) for c in credits]
    n = len(credits)
    rows = [
        Row(bench, NAIVE, metric, n / _best(lambda: _naive(fields), sizes.repeats)),
        Row(bench, ESCAPED, metric, n / _best(lambda: _escaped(fields), sizes.repeats)),
        Row(
            bench,
            "wikireuse attribute() (build)",
            metric,
            n / built,
            baseline=NAIVE,
            note="the records, no text yet",
        ),
    ]
    for fmt in FORMATS:
        seconds = _best(lambda fmt=fmt: [c.render(fmt) for c in credits], sizes.repeats)
        rows.append(
            Row(
                bench,
                f"wikireuse render, {fmt}",
                metric,
                n / seconds,
                baseline=ESCAPED if fmt == "html" else NAIVE,
            )
        )
    every = _best(
        lambda: [c.render(fmt) for c in credits for fmt in FORMATS], sizes.repeats
    )
    rows.append(
        Row(
            bench,
            "wikireuse render, all formats",
            metric,
            n / every,
            baseline=NAIVE,
            note="each item in all five formats",
        )
    )
    return rows


def _credits_rows(sizes: Sizes) -> list[Row]:
    from wikireuse.attribution import attribute
    from wikireuse.credits import Credits

    items = build_items(sizes.credits, seed=20261128)
    credits_list = [attribute(item, **options) for item, options in items]
    n = len(credits_list)
    bench = f"attribution: credits page ({n} items)"
    lines = [line + "\n" for line in _naive([_fields(c) for c in credits_list])]
    # Each item as a file shipped in a repository, so that reuse_toml()
    # annotates every one of them.
    pairs = [(f"assets/item-{k:05d}", c) for k, c in enumerate(credits_list)]
    page = Credits(pairs)
    joined = JOINED.format(n=n)
    subjects: list[tuple[str, Callable[[], object], str | None]] = [
        (joined, lambda: "".join(lines), None),
        ("wikireuse Credits(items)", lambda: Credits(pairs), joined),
        ("wikireuse to_html()", page.to_html, joined),
        ("wikireuse to_markdown()", page.to_markdown, joined),
        ("wikireuse reuse_toml()", page.reuse_toml, joined),
    ]
    rows: list[Row] = []
    for subject, fn, baseline in subjects:
        seconds = _best(fn, sizes.repeats)
        rows.append(
            Row(bench, subject, "time ms", seconds * 1000, "ms", baseline, False)
        )
    for subject, fn, baseline in subjects:
        rows.append(Row(bench, subject, "peak MiB", _peak(fn), "MiB", baseline, False))
    return rows


def measure(sizes: Sizes) -> list[Row]:
    """Both benchmarks at *sizes*."""
    return _render_rows(sizes) + _credits_rows(sizes)


def run(quick: bool) -> list[Row]:
    """Measure and return the rows (see the module docstring)."""
    return measure(QUICK if quick else FULL)


if __name__ == "__main__":  # pragma: no cover
    from benchmarks._table import render

    print(render(run(quick="--quick" in sys.argv)))
