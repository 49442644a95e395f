"""Helpers both body readers share: names, infobox identity, values, CSL-JSON."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any, Final
from urllib.parse import unquote

from wikireuse.structured.model import Value

__all__ = [
    "CONTAINERS",
    "CS1_TYPES",
    "collapse",
    "cs1_name",
    "csl_from_params",
    "identifiers_from_params",
    "is_infobox",
    "link_title",
    "parse_date",
    "template_name",
    "title_from_href",
    "values_from_text",
]


def collapse(text: str) -> str:
    r"""*text* with runs of whitespace (incl. no-break spaces) as one space, trimmed.

    >>> collapse("  10\u00a0cm \n (3.9 in) ")
    '10 cm (3.9 in)'
    """
    return " ".join(text.split())  # str.split() knows Unicode spaces, and is fast


def template_name(raw: str) -> str:
    r"""A template's name as written, normalised: no namespace, no underscores.

    >>> template_name(" Automatic_taxobox\n")
    'Automatic taxobox'
    >>> template_name("Template:cite web")
    'Cite web'
    """
    name = collapse(raw.replace("_", " "))
    if name[:9].lower() == "template:":
        name = name[9:].strip()
    return name[:1].upper() + name[1:]


def title_from_href(href: str) -> str:
    """The page title of a Parsoid wiki link ``./Title#frag`` (or a ``/wiki/`` URL).

    >>> title_from_href("./Prevost's_squirrel")
    "Prevost's squirrel"
    >>> title_from_href("https://en.wikipedia.org/wiki/C%2B%2B#History")
    'C++'
    """
    path = href.split("#", 1)[0].split("?", 1)[0]
    if path.startswith("./"):
        path = path[2:]
    elif "/wiki/" in path:
        path = path.split("/wiki/", 1)[1]
    if "%" in path:
        path = unquote(path)
    return path.replace("_", " ").strip()


def link_title(url: str) -> str:
    """The page a link URL points to (``./Title``, ``…/wiki/Title``), else ``""``.

    Both body readers and the Enterprise reader use it, so a link's title
    is always the one its URL gives.

    >>> link_title("./Okapi"), link_title("https://example.org/x")
    ('Okapi', '')
    """
    if url.startswith("./") or "/wiki/" in url:
        return title_from_href(url)
    return ""


# -- which template is the infobox ---------------------------------------------

# The names infoboxes go by on the Wikipedias (checked against the recorded
# pages and the Enterprise records): "Infobox …", the biota boxes, ruwiki's
# "Карточка …", ptwiki's "Info/…", arwiki's "صندوق معلومات …".
_INFOBOX_NAME: Final = re.compile(
    r"^(?:infobox|automatic taxobox|taxobox|speciesbox|subspeciesbox|"
    r"infraspeciesbox|hybridbox|virusbox|paraphyletic group|ichnobox|oobox|"
    r"карточка|info/|bilgi kutusu|صندوق معلومات|ficha de)"
    r"|\binfobox\b|\bfiche\b",
    re.IGNORECASE,
)


def is_infobox(name: str) -> bool:
    """Whether the template called *name* is an infobox (not a maintenance box).

    >>> [is_infobox(n) for n in ("Automatic taxobox", "Pp-semi-indef", "Infobox venue")]
    [True, False, True]
    """
    return bool(_INFOBOX_NAME.search(template_name(name)))


# -- typed values ---------------------------------------------------------------

MONTHS: Final = {
    name: n
    for n, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH: Final = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATES: Final = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})-(\d{2})$"), ("y", "m")),
    (re.compile(rf"^(\d{{1,2}}) {_MONTH},? (\d{{3,4}})$", re.I), ("d", "M", "y")),
    (re.compile(rf"^{_MONTH} (\d{{1,2}}),? (\d{{3,4}})$", re.I), ("M", "d", "y")),
    (re.compile(rf"^{_MONTH},? (\d{{3,4}})$", re.I), ("M", "y")),
    (re.compile(r"^(\d{3,4})$"), ("y",)),
)
_DATE_IN_TEXT: Final = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}} {_MONTH},? \d{{4}}|"
    rf"{_MONTH} \d{{1,2}},? \d{{4}})\b",
    re.IGNORECASE,
)


def parse_date(text: str) -> tuple[int, ...] | None:
    """(year, month, day) — as many as *text* gives — or ``None``.

    >>> parse_date("24 November 2013"), parse_date("Nov 2013"), parse_date("2013-11-24")
    ((2013, 11, 24), (2013, 11), (2013, 11, 24))
    >>> parse_date("sometime") is None
    True
    """
    text = collapse(text)
    if (
        len(text) == 10
        and text[4] == text[7] == "-"
        and text[:4].isdecimal()
        and text[5:7].isdecimal()
        and text[8:].isdecimal()
    ):
        # The ISO form, as the first pattern reads it (most access dates).
        return _valid((int(text[:4]), int(text[5:7]), int(text[8:])))
    for pattern, order in _DATES:
        match = pattern.match(text)
        if match is None:
            continue
        found: dict[str, int] = {}
        for key, value in zip(order, match.groups(), strict=False):
            if key == "M":
                found["m"] = MONTHS[value.lower().rstrip(".")]
            else:
                found[key] = int(value)
        return _valid(tuple(found[k] for k in ("y", "m", "d") if k in found))
    return None


def _valid(parts: tuple[int, ...]) -> tuple[int, ...] | None:
    """*parts* (year, month, day) when the month and day can be, else None."""
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return None
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        return None
    return parts


def _iso(parts: tuple[int, ...]) -> str:
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts))


_COORD: Final = re.compile(
    r"(\d+(?:\.\d+)?)°\s*(?:(\d+(?:\.\d+)?)′\s*)?(?:(\d+(?:\.\d+)?)″\s*)?([NS])"
    r"[\s,]+(\d+(?:\.\d+)?)°\s*(?:(\d+(?:\.\d+)?)′\s*)?(?:(\d+(?:\.\d+)?)″\s*)?([EW])"
)
_QUANTITY: Final = re.compile(
    r"(?<![\w.,])(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)"
    r"(?:\s?(%|[A-Za-zµ°²³/]+(?:\s?[²³])?))?"
)


def _degrees(deg: str, minutes: str | None, seconds: str | None, hemi: str) -> float:
    value = float(deg) + float(minutes or 0) / 60 + float(seconds or 0) / 3600
    return round(-value if hemi in "SW" else value, 6)


def values_from_text(text: str) -> tuple[Value, ...]:
    """The coordinates, dates and numbers in an infobox value's text.

    Only the unambiguous: coordinates in degrees, full dates, numbers with
    an optional unit (the unit is the word right after the number).

    >>> found = values_from_text("10 December 1815, London")
    >>> [(v.kind, v.number or v.date) for v in found]
    [('date', '1815-12-10')]
    >>> [(v.number, v.unit) for v in values_from_text("1,250 m")]
    [(1250.0, 'm')]
    """
    found: list[Value] = []
    rest = text
    for match in _COORD.finditer(text):
        g = match.groups()
        found.append(
            Value(
                kind="coordinates",
                text=match.group(0),
                latitude=_degrees(g[0], g[1], g[2], g[3]),
                longitude=_degrees(g[4], g[5], g[6], g[7]),
            )
        )
        rest = rest.replace(match.group(0), " ")
    for match in _DATE_IN_TEXT.finditer(rest):
        parts = parse_date(match.group(0))
        if parts is not None:
            found.append(Value(kind="date", text=match.group(0), date=_iso(parts)))
            rest = rest.replace(match.group(0), " ")
    for match in _QUANTITY.finditer(rest):
        number = float(match.group(1).replace(",", ""))
        found.append(
            Value(
                kind="number",
                text=match.group(0).strip(),
                number=number,
                unit=(match.group(2) or "").strip(),
            )
        )
    return tuple(found)


# -- CS1/CS2 citation templates → CSL-JSON --------------------------------------

CS1_TYPES: Final = {
    "cite web": "webpage",
    "cite news": "article-newspaper",
    "cite journal": "article-journal",
    "cite book": "book",
    "cite encyclopedia": "entry-encyclopedia",
    "cite encyclopaedia": "entry-encyclopedia",
    "cite dictionary": "entry-dictionary",
    "cite thesis": "thesis",
    "cite conference": "paper-conference",
    "cite report": "report",
    "cite magazine": "article-magazine",
    "cite press release": "webpage",
    "cite av media": "motion_picture",
    "cite episode": "broadcast",
    "cite map": "map",
    "cite patent": "patent",
    "cite speech": "speech",
    "cite interview": "interview",
    "cite arxiv": "article",
    "cite biorxiv": "article",
    "cite podcast": "song",
    "cite tech report": "report",
    "cite mailing list": "post",
    "cite newsgroup": "post",
    "cite sign": "document",
    "cite serial": "broadcast",
    "cite document": "document",
    "citation": "document",
}
"""CS1/CS2 template → CSL ``type`` (``citation`` is refined from its parameters)."""

_ALIASES: Final = {
    "cite": "citation",
    "cite paper": "cite journal",
    "vcite journal": "cite journal",
}


def cs1_name(name: str) -> str | None:
    """The CS1/CS2 template *name* stands for (lower case), or ``None``.

    >>> cs1_name("Cite_Web"), cs1_name("Citation"), cs1_name("Reflist")
    ('cite web', 'citation', None)
    """
    key = template_name(name).lower()
    key = _ALIASES.get(key, key)
    return key if key in CS1_TYPES else None


CONTAINERS: Final = (
    "work",
    "website",
    "journal",
    "newspaper",
    "magazine",
    "encyclopedia",
    "encyclopaedia",
    "periodical",
    "dictionary",
    "series",
)
"""CS1 parameters that name the work a citation is part of, in order of preference."""
_PLAIN_FIELDS: Final = (
    ("volume", "volume"),
    ("issue", "issue"),
    ("number", "issue"),
    ("publisher", "publisher"),
    ("location", "publisher-place"),
    ("place", "publisher-place"),
    ("language", "language"),
    ("edition", "edition"),
    ("doi", "DOI"),
    ("isbn", "ISBN"),
    ("issn", "ISSN"),
    ("pmid", "PMID"),
    ("url", "URL"),
    ("page", "page"),
    ("pages", "page"),
    ("at", "page"),
)


_PERSON_KEY: Final = re.compile(
    r"^(author|editor)?-?(last|surname|first|given)?(\d*)-?(last|surname|first|given)?$"
)


@functools.lru_cache(maxsize=1024)
def _person_key(key: str) -> tuple[str, str | None, int] | None:
    """(role, part, number) of a CS1 name parameter (``editor2-last``), else None.

    Cached: parameter names are a small vocabulary that every citation of
    every page repeats.
    """
    match = _PERSON_KEY.match(key)
    if match is None:
        return None
    who, part, number, part2 = match.groups()
    part = part or part2
    if who is None and part is None:
        return None
    return who or "author", part, int(number or 1)


def _names(
    params: Mapping[str, str], plain: Callable[[str], str]
) -> dict[str, list[dict[str, str]]]:
    # One pass over the keys for both roles: last/first/author ("author")
    # and editor-last/editor1-first/editor ("editor"), numbered or not.
    people: dict[str, dict[int, dict[str, str]]] = {"author": {}, "editor": {}}
    for key, value in params.items():
        person = _person_key(key) if value else None
        if person is None:
            continue
        role, part, number = person
        slot = people[role].setdefault(number, {})
        if part in ("first", "given"):
            slot.setdefault("given", plain(value))
        elif part in ("last", "surname"):
            slot.setdefault("family", plain(value))
        else:
            slot.setdefault("literal", plain(value))
    found: dict[str, list[dict[str, str]]] = {}
    for role, numbered in people.items():
        found[role] = []
        for n in sorted(numbered):
            slot = numbered[n]
            if "family" in slot:
                found[role].append({k: v for k, v in slot.items() if k != "literal"})
            elif "literal" in slot:
                found[role].append({"literal": slot["literal"]})
    for key in ("vauthors", "authors"):
        if params.get(key):
            found["author"].extend(
                {"literal": collapse(a)}
                for a in plain(params[key]).split(",")
                if a.strip()
            )
    return found


def _date_var(text: str) -> dict[str, Any]:
    parts = parse_date(text)
    if parts is None:
        return {"raw": text}
    return {"date-parts": [list(parts)]}


def csl_from_params(
    template: str, params: Mapping[str, str], plain: Callable[[str], str]
) -> dict[str, Any]:
    """CSL-JSON for a CS1/CS2 *template* with *params* (raw wikitext values).

    *plain* turns a value's wikitext into plain text.

    >>> csl = csl_from_params("cite web", {"title": "Sciuridae", "url": "http://x.example/f.pdf",
    ...     "last": "Seebeck", "first": "J. H.", "access-date": "2013-11-24"}, str)
    >>> csl["type"], csl["title"], csl["author"]
    ('webpage', 'Sciuridae', [{'family': 'Seebeck', 'given': 'J. H.'}])
    >>> csl["accessed"]
    {'date-parts': [[2013, 11, 24]]}
    """
    kind = cs1_name(template) or "citation"
    params = {k.strip().lower(): v.strip() for k, v in params.items() if v.strip()}
    csl: dict[str, Any] = {"type": CS1_TYPES[kind]}
    title = (
        params.get("title")
        or params.get("trans-title")
        or params.get("script-title")
        or ""
    )
    chapter = (
        params.get("chapter")
        or params.get("contribution")
        or params.get("entry")
        or params.get("article")
        or ""
    )
    if kind == "cite book" and chapter:
        csl["type"] = "chapter"
        csl["title"], csl["container-title"] = plain(chapter), plain(title)
    elif kind == "cite encyclopedia" and (params.get("article") or params.get("entry")):
        csl["title"] = plain(chapter)
        container = params.get("encyclopedia") or params.get("encyclopaedia") or title
        if container:
            csl["container-title"] = plain(container)
    else:
        csl["title"] = plain(title or chapter)
    for key in CONTAINERS:
        if params.get(key) and "container-title" not in csl:
            csl["container-title"] = plain(params[key])
    if kind == "citation":
        if params.get("journal"):
            csl["type"] = "article-journal"
        elif params.get("newspaper"):
            csl["type"] = "article-newspaper"
        elif params.get("isbn") or params.get("publisher"):
            csl["type"] = "book"
        elif params.get("url"):
            csl["type"] = "webpage"
    for role, people in _names(params, plain).items():
        if people:
            csl[role] = people
    issued = params.get("date") or params.get("year") or params.get("publication-date")
    if issued:
        csl["issued"] = _date_var(plain(issued))
    accessed = params.get("access-date") or params.get("accessdate")
    if accessed:
        csl["accessed"] = _date_var(plain(accessed))
    for key, field in _PLAIN_FIELDS:
        if params.get(key) and field not in csl:
            value = plain(params[key])
            csl[field] = value
    if params.get("pmc"):
        csl["PMCID"] = "PMC" + plain(params["pmc"]).removeprefix("PMC")
    archive = {
        k: plain(params[p])
        for k, p in (
            ("url", "archive-url"),
            ("date", "archive-date"),
            ("status", "url-status"),
        )
        if params.get(p)
    }
    if archive:
        csl["archive"] = archive
    return csl


_ID_KEYS: Final = {
    "doi": "doi",
    "isbn": "isbn",
    "pmid": "pmid",
    "pmc": "pmc",
    "arxiv": "arxiv",
    "eprint": "arxiv",
    "issn": "issn",
    "oclc": "oclc",
    "jstor": "jstor",
    "bibcode": "bibcode",
    "url": "url",
    "archive-url": "archive_url",
    "archiveurl": "archive_url",
}


def identifiers_from_params(
    params: Mapping[str, str], plain: Callable[[str], str]
) -> dict[str, str]:
    """The identifiers among a citation's parameters, by kind.

    >>> identifiers_from_params({"doi": "10.1/x", "title": "T"}, str)
    {'doi': '10.1/x'}
    """
    found: dict[str, str] = {}
    for key, value in params.items():
        kind = _ID_KEYS.get(key.strip().lower())
        if kind and value.strip() and kind not in found:
            found[kind] = plain(value.strip())
    return found
