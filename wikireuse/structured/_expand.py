"""The template expanders of the wikitext path: a documented, extensible registry.

Wikitext holds a template's *call*, not its output; ``{{cvt|10-14|cm}}``
is "10–14 cm (3.9–5.5 in)" to readers. An expander turns one call into the
text readers see, for the common formatting templates that carry content
(units, numbers, dates, names in other languages, pronunciations). A
template with no expander and no known-empty output is named in the
article's ``warnings``, never dropped silently.

Add your own to :data:`EXPANDERS` (or to a copy passed to
:func:`wikireuse.structure`)::

    >>> from wikireuse.structured import EXPANDERS, TemplateCall
    >>> registry = EXPANDERS.copy()
    >>> @registry.register("shout")
    ... def _shout(call: TemplateCall) -> str:
    ...     return call.arg(1).upper()
    >>> registry.expand(TemplateCall(name="Shout", args=("hi",)))
    'HI'

Expanders get the arguments as plain text (nested templates already
expanded) and return plain text.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Final

import attrs

from wikireuse.exceptions import ConfigurationError
from wikireuse.structured._common import (
    CONTAINERS,
    MONTHS,
    collapse,
    cs1_name,
    parse_date,
)

__all__ = ["EXPANDERS", "NO_TEXT", "Expander", "ExpanderRegistry", "TemplateCall"]


@attrs.frozen(kw_only=True)
class TemplateCall:
    """One template call, its arguments already plain text.

    Attributes:
        name: The template's name as written (any case).
        args: Positional arguments, ``{{{1}}}`` first.
        named: Named arguments.
    """

    name: str
    args: tuple[str, ...] = ()
    named: Mapping[str, str] = attrs.field(factory=dict)

    def arg(self, n: int, default: str = "") -> str:
        """Positional argument *n* (1-based), stripped."""
        return self.args[n - 1].strip() if len(self.args) >= n else default

    def get(self, name: str, default: str = "") -> str:
        """Named argument *name*, stripped."""
        return self.named.get(name, default).strip()


Expander = Callable[[TemplateCall], str]
"""A function from a :class:`TemplateCall` to the text readers see."""


def _key(name: str) -> str:
    return collapse(name.replace("_", " ")).lower()


@attrs.define
class ExpanderRegistry:
    """Template name → :data:`Expander`, case-insensitive; prefixes for families.

    Register under an exact name (``"cvt"``) or, with ``prefix=True``, for
    every template whose name starts with it (``"lang-"`` serves
    ``{{lang-de|…}}``).
    """

    _exact: dict[str, Expander] = attrs.field(factory=dict)
    _prefixes: dict[str, Expander] = attrs.field(factory=dict)

    def register(
        self, *names: str, prefix: bool = False
    ) -> Callable[[Expander], Expander]:
        """Decorator: register the function under each of *names*.

        Raises:
            ConfigurationError: When no name is given.
        """
        if not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise ConfigurationError(
                message=f"expander names must be non-empty strings, got {names!r}"
            )

        def add(func: Expander) -> Expander:
            table = self._prefixes if prefix else self._exact
            for name in names:
                table[_key(name)] = func
            return func

        return add

    def find(self, name: str) -> Expander | None:
        """The expander for the template called *name*, if any."""
        key = _key(name)
        found = self._exact.get(key)
        if found is not None:
            return found
        for start, func in self._prefixes.items():
            if key.startswith(start):
                return func
        return None

    def expand(self, call: TemplateCall) -> str | None:
        """The text of *call*, or ``None`` when no expander knows the template."""
        func = self.find(call.name)
        return None if func is None else func(call)

    def names(self) -> tuple[str, ...]:
        """The registered names, prefixes marked with a trailing ``*``."""
        return tuple(sorted(self._exact)) + tuple(
            sorted(p + "*" for p in self._prefixes)
        )

    def copy(self) -> ExpanderRegistry:
        """An independent copy, to extend without touching :data:`EXPANDERS`."""
        return ExpanderRegistry(dict(self._exact), dict(self._prefixes))


EXPANDERS: Final = ExpanderRegistry()
"""The default registry that :func:`wikireuse.structure` uses."""
_register = EXPANDERS.register


# -- templates whose output is no article text (metadata, navigation, boxes) --

_SILENT: Final = (
    "short description",
    "use dmy dates",
    "use mdy dates",
    "use british english",
    "use american english",
    "use oxford spelling",
    "use australian english",
    "use canadian english",
    "use indian english",
    "engvarb",
    "featured article",
    "good article",
    "pp",
    "reflist",
    "notelist",
    "notelist-ua",
    "refbegin",
    "refend",
    "authority control",
    "taxonbar",
    "portal",
    "portal bar",
    "commons",
    "commons category",
    "commons and category",
    "wikispecies",
    "wiktionary",
    "wikiquote",
    "wikisource",
    "sister project links",
    "anchor",
    "about",
    "for",
    "redirect",
    "other uses",
    "distinguish",
    "see also",
    "main",
    "main article",
    "further",
    "defaultsort",
    "clear",
    "clear left",
    "clear right",
    "-",
    "toc limit",
    "toc right",
    "tocright",
    "div col",
    "div col end",
    "col-begin",
    "col-end",
    "col-break",
    "stub",
    "multiple image",
    "wide image",
    "external media",
    "webarchive",
    "cbignore",
    "dead link",
    "page needed",
    "better source needed",
    "failed verification",
    "when",
    "which",
    "who",
    "by whom",
    "clarify",
    "update",
    "expand section",
    "more citations needed",
    "unreferenced",
    "sfnref",
    "harvid",
    "coord missing",
    "s-start",
    "s-end",
    "s-bef",
    "s-aft",
    "s-ttl",
    "s-ach",
    "s-off",
    "navbox",
    "sidebar",
    "wikidatacoord",
    "good article",
    "italic title",
    "dmy",
    "mdy",
)


def NO_TEXT(call: TemplateCall) -> str:
    """The expander of templates that put no article text on the page."""
    return ""


_register(*_SILENT)(NO_TEXT)
_register("pp-", "use ", "infobox", prefix=True)(NO_TEXT)


# -- text pass-through --------------------------------------------------------


@_register(
    "nowrap",
    "nobr",
    "nowrap begin",
    "small",
    "smaller",
    "big",
    "larger",
    "resize",
    "lang",
    "transl",
    "transliteration",
    "script",
    "sc",
    "smallcaps",
    "serif",
    "keypress",
    "code",
    "samp",
    "mono",
    "var",
    "em",
    "strong",
    "noitalic",
    "not a typo",
    "sic",
    "proper name",
    "vernacular",
    "linktext",
    "nowiki",
    "url",
    "notatypo",
    "tooltip",
    "abbr",
    "abbrlink",
    "lang-x",
    "wikt-lang",
    "term",
    "highlight",
    "flagicon",
    "flag",
    "nts",
    "ntsh",
    "sort",
    "sortname",
    "hs",
    "hidden sort key",
    "math",
    "mvar",
    "ipa",
    "ipa audiolink",
    "ipa-all",
)
def _first_meaningful(call: TemplateCall) -> str:
    key = _key(call.name)
    if key in ("lang", "transl", "transliteration", "script", "wikt-lang", "lang-x"):
        return (
            call.arg(3)
            if key in ("transl", "transliteration") and call.arg(3)
            else call.arg(2)
        )
    if key in ("sort", "hs", "hidden sort key"):
        return call.arg(2) or call.arg(1)
    if key == "sortname":
        return f"{call.arg(1)} {call.arg(2)}".strip()
    if key in ("nts", "ntsh"):
        return _format_number(call.arg(1))
    if key == "tooltip":
        return call.arg(1)
    if key == "flag":
        return call.arg(1)
    if key == "flagicon":
        return ""
    return call.arg(1)


@_register("lang-", "ipa-", "transl-", prefix=True)
def _last_positional(call: TemplateCall) -> str:
    return call.arg(2) if _key(call.name).startswith("transl-") else call.arg(1)


@_register("ipac-", "ipac", prefix=True)
def _ipac(call: TemplateCall) -> str:
    # IPAc-* spells a pronunciation in ASCII codes; the exact IPA glyphs need
    # the template's key tables, so the codes are joined as written.
    parts = [
        a
        for a in call.args
        if a.strip() and a.strip().lower() not in ("uk", "us", "lang", "pron", "local")
    ]
    return "/" + "".join(p.strip() for p in parts) + "/"


@_register("citation needed", "cn", "fact", "citation needed span")
def _citation_needed(call: TemplateCall) -> str:
    return (
        "[citation needed]"
        if _key(call.name) != "citation needed span"
        else call.get("text") or call.arg(1)
    )


@_register("mdash", "em dash", "emdash")
def _mdash(call: TemplateCall) -> str:
    return "—"


@_register("ndash", "en dash", "endash", "snd", "spaced ndash", "spnd", "dash")
def _ndash(call: TemplateCall) -> str:
    return " – " if _key(call.name) in ("snd", "spaced ndash", "spnd", "dash") else "–"


@_register("!")
def _pipe(call: TemplateCall) -> str:
    return "|"


@_register("=")
def _equals(call: TemplateCall) -> str:
    return "="


@_register("nbsp", "thinsp", "sp", "space")
def _space(call: TemplateCall) -> str:
    return " "


@_register("isbn", "issn", "oclc", "pmid", "doi", "lccn", "jstor")
def _identifier(call: TemplateCall) -> str:
    label = {
        "doi": "doi:",
        "isbn": "ISBN",
        "issn": "ISSN",
        "oclc": "OCLC",
        "pmid": "PMID",
    }.get(_key(call.name), call.name.upper())
    return " ".join(f"{label} {a.strip()}" for a in call.args if a.strip())


@_register("circa", "c.")
def _circa(call: TemplateCall) -> str:
    return f"c. {call.arg(1)}"


@_register("frac", "fraction", "sfrac")
def _frac(call: TemplateCall) -> str:
    args = [a.strip() for a in call.args]
    if len(args) == 3:
        return f"{args[0]} {args[1]}/{args[2]}"
    if len(args) == 2:
        return f"{args[0]}/{args[1]}"
    return f"1/{args[0]}" if args else ""


@_register("val")
def _val(call: TemplateCall) -> str:
    text = _format_number(call.arg(1))
    if call.arg(2):
        text += f" ± {call.arg(2)}"
    if call.get("e"):
        text += f"×10{call.get('e')}"
    unit = call.get("u") or call.get("ul")
    return f"{text} {unit}".strip()


@_register("formatnum")
def _formatnum(call: TemplateCall) -> str:
    return _format_number(call.arg(1))


def _format_number(text: str) -> str:
    """Thousands separators as enwiki's ``formatnum`` writes them."""
    match = re.fullmatch(r"(-?)(\d+)(\.\d+)?", text.strip().replace(",", ""))
    if match is None:
        return text.strip()
    sign, whole, frac = match.groups()
    return f"{sign}{int(whole):,}{frac or ''}"


# -- dates ----------------------------------------------------------------------

_MONTH_NAMES: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _date_text(parts: tuple[int, ...], dmy: bool) -> str:
    if len(parts) == 1:
        return str(parts[0])
    month = _MONTH_NAMES[parts[1] - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return (
        f"{parts[2]} {month} {parts[0]}" if dmy else f"{month} {parts[2]}, {parts[0]}"
    )


def _ymd(args: tuple[str, ...]) -> tuple[int, ...] | None:
    numbers: list[int] = []
    for arg in args[:3]:
        arg = arg.strip()
        if arg.isdigit():
            numbers.append(int(arg))
        elif arg.lower() in MONTHS and len(numbers) == 1:
            numbers.append(MONTHS[arg.lower()])
        else:
            break
    if not numbers or (len(numbers) > 1 and not 1 <= numbers[1] <= 12):
        return None
    return tuple(numbers)


@_register(
    "start date",
    "end date",
    "birth date",
    "death date",
    "start date and age",
    "end date and age",
    "birth date and age",
    "death date and age",
    "film date",
    "dts",
    "date",
    "birth year and age",
    "death year and age",
    "start year",
    "end year",
)
def _date(call: TemplateCall) -> str:
    dmy = bool(call.get("df") or call.get("day first") or call.get("df"))
    parts = _ymd(call.args)
    if parts is None:
        parsed = parse_date(call.arg(1))
        if parsed is None:
            return call.arg(1)
        parts = parsed
    return _date_text(parts, dmy)


@_register("as of")
def _as_of(call: TemplateCall) -> str:
    parts = _ymd(call.args)
    since = "since" if call.get("since") else "As of"
    return (
        f"{since} {_date_text(parts, bool(call.get('df'))) if parts else call.arg(1)}"
    )


# -- citations (rendered roughly like CS1, so the reference text reads) -------


def _cite(call: TemplateCall) -> str:
    get = call.get
    authors = (
        get("author")
        or get("last")
        or get("author1")
        or get("last1")
        or get("vauthors")
    )
    if authors and (get("first") or get("first1")):
        authors = f"{authors}, {get('first') or get('first1')}"
    pieces = [
        authors,
        f"({get('date') or get('year')})" if get("date") or get("year") else "",
    ]
    title = get("title") or get("chapter")
    pieces.append(f'"{title}".' if title else "")
    for key in (*CONTAINERS, "publisher"):
        if get(key):
            pieces.append(get(key) + ".")
    for key, label in (
        ("volume", ""),
        ("issue", ""),
        ("pages", "pp. "),
        ("page", "p. "),
    ):
        if get(key):
            pieces.append(label + get(key) + ".")
    for key, label in (
        ("doi", "doi:"),
        ("isbn", "ISBN "),
        ("pmid", "PMID "),
        ("pmc", "PMC "),
    ):
        if get(key):
            pieces.append(label + get(key) + ".")
    accessed = get("access-date") or get("accessdate")
    if accessed:
        pieces.append(f"Retrieved {accessed}.")
    return " ".join(p for p in pieces if p)


@_register("cite ", "citation", "vcite", prefix=True)
def _cite_any(call: TemplateCall) -> str:
    return _cite(call) if cs1_name(call.name) else ""


@_register("harvnb", "harv", "harvp", "harvtxt", "sfn", "sfnp")
def _harv(call: TemplateCall) -> str:
    names = [a for a in call.args if a and not a.strip().isdigit()]
    years = [a for a in call.args if a.strip().isdigit()]
    text = " & ".join(n.strip() for n in names[:3])
    if years:
        text += f" {years[0].strip()}"
    page = call.get("p") or call.get("pp") or call.get("loc")
    if page:
        text += f", p. {page}"
    return "" if _key(call.name).startswith("sfn") else text


@_register("rp")
def _rp(call: TemplateCall) -> str:
    return f":{call.arg(1)}"


# -- units: convert / cvt -----------------------------------------------------


@attrs.frozen
class _Unit:
    symbol: str
    name: str
    plural: str
    dimension: str
    factor: float  # to the dimension's base unit
    default: str  # default output unit key


_UNITS: Final = {
    "mm": _Unit("mm", "millimetre", "millimetres", "length", 0.001, "in"),
    "cm": _Unit("cm", "centimetre", "centimetres", "length", 0.01, "in"),
    "m": _Unit("m", "metre", "metres", "length", 1.0, "ft"),
    "km": _Unit("km", "kilometre", "kilometres", "length", 1000.0, "mi"),
    "in": _Unit("in", "inch", "inches", "length", 0.0254, "cm"),
    "ft": _Unit("ft", "foot", "feet", "length", 0.3048, "m"),
    "yd": _Unit("yd", "yard", "yards", "length", 0.9144, "m"),
    "mi": _Unit("mi", "mile", "miles", "length", 1609.344, "km"),
    "nmi": _Unit("nmi", "nautical mile", "nautical miles", "length", 1852.0, "km"),
    "mg": _Unit("mg", "milligram", "milligrams", "mass", 1e-6, "oz"),
    "g": _Unit("g", "gram", "grams", "mass", 0.001, "oz"),
    "kg": _Unit("kg", "kilogram", "kilograms", "mass", 1.0, "lb"),
    "t": _Unit("t", "tonne", "tonnes", "mass", 1000.0, "ST"),
    "lb": _Unit("lb", "pound", "pounds", "mass", 0.45359237, "kg"),
    "oz": _Unit("oz", "ounce", "ounces", "mass", 0.028349523125, "g"),
    "st": _Unit("st", "stone", "stone", "mass", 6.35029318, "kg"),
    "ST": _Unit("short tons", "short ton", "short tons", "mass", 907.18474, "t"),
    "m2": _Unit("m2", "square metre", "square metres", "area", 1.0, "sqft"),
    "km2": _Unit("km2", "square kilometre", "square kilometres", "area", 1e6, "sqmi"),
    "ha": _Unit("ha", "hectare", "hectares", "area", 1e4, "acre"),
    "acre": _Unit("acres", "acre", "acres", "area", 4046.8564224, "ha"),
    "sqmi": _Unit(
        "sq mi", "square mile", "square miles", "area", 2589988.110336, "km2"
    ),
    "sqft": _Unit("sq ft", "square foot", "square feet", "area", 0.09290304, "m2"),
    "l": _Unit("L", "litre", "litres", "volume", 0.001, "USgal"),
    "m3": _Unit("m3", "cubic metre", "cubic metres", "volume", 1.0, "cuft"),
    "cuft": _Unit("cu ft", "cubic foot", "cubic feet", "volume", 0.028316846592, "m3"),
    "USgal": _Unit("US gal", "US gallon", "US gallons", "volume", 0.003785411784, "l"),
    "km/h": _Unit(
        "km/h", "kilometre per hour", "kilometres per hour", "speed", 1 / 3.6, "mph"
    ),
    "mph": _Unit("mph", "mile per hour", "miles per hour", "speed", 0.44704, "km/h"),
    "kn": _Unit("kn", "knot", "knots", "speed", 1852 / 3600, "km/h"),
    "m/s": _Unit("m/s", "metre per second", "metres per second", "speed", 1.0, "ft/s"),
    "ft/s": _Unit("ft/s", "foot per second", "feet per second", "speed", 0.3048, "m/s"),
    "C": _Unit("°C", "degree Celsius", "degrees Celsius", "temperature", 1.0, "F"),
    "F": _Unit(
        "°F", "degree Fahrenheit", "degrees Fahrenheit", "temperature", 1.0, "C"
    ),
    "K": _Unit("K", "kelvin", "kelvins", "temperature", 1.0, "C"),
}
_UNIT_ALIASES: Final = {
    "metre": "m",
    "meter": "m",
    "metres": "m",
    "meters": "m",
    "kilometre": "km",
    "kilometer": "km",
    "kilometres": "km",
    "kilometers": "km",
    "foot": "ft",
    "feet": "ft",
    "mile": "mi",
    "miles": "mi",
    "inch": "in",
    "inches": "in",
    "yard": "yd",
    "yards": "yd",
    "km²": "km2",
    "sqkm": "km2",
    "m²": "m2",
    "sqm": "m2",
    "acres": "acre",
    "sq mi": "sqmi",
    "mi2": "sqmi",
    "ft2": "sqft",
    "sq ft": "sqft",
    "L": "l",
    "litre": "l",
    "liter": "l",
    "m³": "m3",
    "cuft": "cuft",
    "ft3": "cuft",
    "usgal": "USgal",
    "kph": "km/h",
    "kmh": "km/h",
    "km/h": "km/h",
    "°C": "C",
    "°F": "F",
    "degC": "C",
    "degF": "F",
    "lbs": "lb",
    "pound": "lb",
    "pounds": "lb",
    "kilogram": "kg",
    "kilograms": "kg",
    "gram": "g",
    "grams": "g",
    "tonne": "t",
    "tonnes": "t",
    "short ton": "ST",
    "knot": "kn",
    "knots": "kn",
}
_RANGE_WORDS: Final = {
    "-": "–",
    "–": "–",
    "to": " to ",
    "and": " and ",
    "or": " or ",
    "x": " × ",
    "×": " × ",
    "by": " by ",
    "+/-": " ± ",
    "±": " ± ",
    "to(-)": " to ",
}
_NUMBER: Final = re.compile(r"^-?\d[\d,]*(?:\.\d+)?$")


def _unit(key: str) -> _Unit | None:
    key = key.strip()
    found = _UNITS.get(key) or _UNITS.get(
        _UNIT_ALIASES.get(key, _UNIT_ALIASES.get(key.lower(), ""))
    )
    return found


def _convert_value(value: float, src: _Unit, dst: _Unit) -> float:
    if src.dimension == "temperature":
        celsius = {"C": value, "F": (value - 32) / 1.8, "K": value - 273.15}[
            _temp_key(src)
        ]
        return {"C": celsius, "F": celsius * 1.8 + 32, "K": celsius + 273.15}[
            _temp_key(dst)
        ]
    return value * src.factor / dst.factor


def _temp_key(unit: _Unit) -> str:
    return {"°C": "C", "°F": "F", "K": "K"}[unit.symbol]


def _significant(text: str) -> int:
    digits = text.replace(",", "").replace("-", "")
    if "." in digits:
        return len(digits.replace(".", "").lstrip("0")) or 1
    return len(digits.lstrip("0").rstrip("0")) or 1


def _round(value: float, figures: int) -> str:
    # Module:Convert's default keeps about the input's significance, and at
    # least two figures: 10 cm → 3.9 in, 8 kg → 18 lb, 1,000 km → 620 mi.
    if value == 0:
        return "0"
    places = figures - 1 - math.floor(math.log10(abs(value)))
    if places <= 0:
        step = 10 ** (-places)
        return f"{round(value / step) * step:,}"
    return f"{value:,.{places}f}"


@_register("convert", "cvt")
def _convert(call: TemplateCall) -> str:
    args = [a.strip() for a in call.args]
    if not args:
        return ""
    values, seps = [args[0]], []
    rest = args[1:]
    if "-" in args[0][1:] and not _NUMBER.match(args[0]):
        first, _, second = (
            args[0][0] + args[0][1:].partition("-")[0],
            "",
            args[0][1:].partition("-")[2],
        )
        values, seps = [first, second], ["–"]
    while len(rest) >= 2 and rest[0] in _RANGE_WORDS and _NUMBER.match(rest[1]):
        seps.append(_RANGE_WORDS[rest[0]])
        values.append(rest[1])
        rest = rest[2:]
    if not rest or not all(_NUMBER.match(v) for v in values):
        return " ".join(a for a in args if a)
    src = _unit(rest[0])
    abbr = _key(call.name) == "cvt" or call.get("abbr") in ("on", "in", "values")
    shown = [_format_input(v) for v in values]
    joined = shown[0] + "".join(sep + v for sep, v in zip(seps, shown[1:], strict=True))
    if src is None:
        return f"{joined} {rest[0]}"
    plural = any(float(v.replace(",", "")) != 1 for v in values)
    in_unit = src.symbol if abbr else (src.plural if plural else src.name)
    dst = (_unit(rest[1]) if len(rest) > 1 else None) or _UNITS[src.default]
    numbers = [float(v.replace(",", "")) for v in values]
    if src.symbol == "m" and dst.symbol == "ft" and all(n < 3 for n in numbers):
        out = [_feet_inches(n) for n in numbers]
        outs = out[0] + "".join(sep + o for sep, o in zip(seps, out[1:], strict=True))
        return f"{joined} {in_unit} ({outs})"
    converted = [
        _round(_convert_value(n, src, dst), max(2, _significant(v)))
        for n, v in zip(numbers, values, strict=False)
    ]
    out_text = converted[0] + "".join(
        sep + c for sep, c in zip(seps, converted[1:], strict=True)
    )
    return f"{joined} {in_unit} ({out_text} {dst.symbol})"


def _format_input(text: str) -> str:
    return (
        _format_number(text)
        if len(text.replace(",", "").split(".")[0].lstrip("-")) >= 4
        else text
    )


def _feet_inches(metres: float) -> str:
    inches = round(metres / 0.0254)
    feet, rest = divmod(inches, 12)
    return f"{feet} ft {rest} in" if feet else f"{rest} in"


@_register("coord")
def _coord(call: TemplateCall) -> str:
    args = [a.strip() for a in call.args]
    hemis = [i for i, a in enumerate(args) if a in ("N", "S", "E", "W")]
    try:
        if len(hemis) >= 2:
            lat_parts, lon_parts = args[: hemis[0]], args[hemis[0] + 1 : hemis[1]]
            lat = _dms(lat_parts, args[hemis[0]])
            lon = _dms(lon_parts, args[hemis[1]])
        else:
            lat, lon = float(args[0]), float(args[1])
    except (ValueError, IndexError):
        return " ".join(args)
    north, east = "N" if lat >= 0 else "S", "E" if lon >= 0 else "W"
    return f"{abs(lat):g}°{north} {abs(lon):g}°{east}"


def _dms(parts: list[str], hemi: str) -> float:
    value = sum(float(p) / 60.0**i for i, p in enumerate(parts) if p)
    return round(-value if hemi in "SW" else value, 6)
