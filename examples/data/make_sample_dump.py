# ruff: noqa: E501  # prose and wikitext lines read better unbroken
"""Write ``sample-wiki.xml.bz2``: a small MediaWiki export of invented pages.

Every page is about the invented river valley of Valdmark and was written for
wikireuse (no text is copied from any wiki); see README.md beside this file.
Run ``python examples/data/make_sample_dump.py`` to rebuild the file; the
output is byte-for-byte the same on every run (fixed timestamps, no mtime in
the bz2 stream).
"""

from __future__ import annotations

import bz2
import hashlib
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).with_name("sample-wiki.xml.bz2")
BASE = "https://valdmark.wikireuse.invalid/wiki/Main_Page"

# (title, infobox kind, facts, lead, body sections, categories, living?)
TOWNS = [
    (
        "Ostrel",
        4120,
        1214,
        "the oldest market town of the valley, on the left bank of the Vald",
        "Its charter market still meets every Thursday on the sloping square below the tithe barn.",
    ),
    (
        "Harnby",
        2890,
        1302,
        "a former ferry village that grew around a timber bridge",
        "The bridge was rebuilt in stone in 1788 after the spring flood carried the old one away.",
    ),
    (
        "Kelsmoor",
        1530,
        1350,
        "a moorland parish known for slate quarrying",
        "Three of the four quarries closed between 1961 and 1974; the last now supplies roof repairs only.",
    ),
    (
        "Lindqvay",
        6240,
        1189,
        "the valley's largest town and the seat of the district council",
        "A railway halt opened in 1871 and turned the town into the valley's wool-trading centre.",
    ),
    (
        "Pellow Cross",
        870,
        1420,
        "a crossroads hamlet with a ruined wayside chapel",
        "Pilgrims to the shrine at Saint Audra's spring rested at the chapel until the Reformation.",
    ),
    (
        "Tamsford",
        3310,
        1277,
        "a river town at the lowest ford of the Vald",
        "Flood marks cut into the church tower record the high waters of 1839, 1903 and 2007.",
    ),
    (
        "Wrennet",
        1975,
        1396,
        "an upland village of scattered farmsteads",
        "Its dry-stone field walls are listed as a heritage landscape by the district council.",
    ),
    (
        "Brackwater",
        2410,
        1512,
        "a fishing village where the Vald meets the estuary",
        "The herring fleet numbered forty boats in 1890; two family boats still land crab and lobster.",
    ),
]
RIVERS = [
    (
        "Vald",
        74,
        "Kelsmoor Fell",
        "the Brackwater estuary",
        "Ostrel, Harnby, Lindqvay and Tamsford",
    ),
    ("Oster Beck", 18, "Wrennet Moss", "the Vald at Ostrel", "Wrennet and Ostrel"),
    ("Sallow Water", 23, "the Pellow hills", "the Vald below Harnby", "Pellow Cross"),
    ("Greyburn", 11, "Kelsmoor quarries", "the Oster Beck", "no settlement"),
]
PEOPLE = [
    (
        "Maren Olvik",
        1971,
        None,
        "cartographer",
        "Lindqvay",
        "She drew the first complete footpath map of the valley, published in 2004.",
        True,
    ),
    (
        "Tobias Renquist",
        1958,
        None,
        "civil engineer",
        "Tamsford",
        "He led the design of the Tamsford flood barrier completed in 2012.",
        True,
    ),
    (
        "Ilse Farrow",
        1984,
        None,
        "fiddler and folk-song collector",
        "Wrennet",
        "Her recordings of upland work songs were issued on three albums between 2011 and 2019.",
        True,
    ),
    (
        "Jonas Keld",
        1802,
        1871,
        "slate merchant",
        "Kelsmoor",
        "He opened the Greyburn quarry in 1834 and paid for the village school.",
        False,
    ),
    (
        "Agathe Lunn",
        1849,
        1930,
        "schoolteacher and diarist",
        "Harnby",
        "Her diaries, kept for sixty years, describe the ferry trade and the coming of the railway.",
        False,
    ),
    (
        "Per Osgood",
        1990,
        None,
        "rower",
        "Brackwater",
        "He won the estuary single sculls four times between 2010 and 2016.",
        True,
    ),
]
THINGS = [
    (
        "Valdmark",
        "the river valley of the Vald, about seventy kilometres long, from Kelsmoor Fell to the sea",
        "Geography",
        "The valley floor is mostly meadow; the upper slopes are sheep pasture and conifer plantation.",
        ["Valdmark"],
    ),
    (
        "Valdmark Railway",
        "a single-track branch line opened in 1871 and closed to passengers in 1963",
        "History",
        "A heritage group reopened four kilometres between Lindqvay and Harnby in 1998.",
        ["Railways of Valdmark", "Heritage railways"],
    ),
    (
        "Tamsford flood barrier",
        "a set of tidal gates across the Vald completed in 2012",
        "Design",
        "The gates close about twelve times a year, mostly during autumn storm tides.",
        ["Flood control", "Buildings and structures in Tamsford"],
    ),
    (
        "Ostrel Thursday Market",
        "a weekly market held in Ostrel since its charter of 1214",
        "Traditions",
        "Stallholders still pay a toll of one penny, now collected once a year by the mayor.",
        ["Markets", "Ostrel"],
    ),
    (
        "Valdmark slate",
        "a blue-grey roofing slate quarried around Kelsmoor",
        "Uses",
        "It splits thinly and was shipped from Brackwater to towns along the coast.",
        ["Geology of Valdmark", "Building stone"],
    ),
    (
        "Saint Audra's spring",
        "a holy well near Pellow Cross, visited by pilgrims in the Middle Ages",
        "Legend",
        "Local tradition holds that the water never freezes, although it did in the winter of 1963.",
        ["Holy wells", "Pellow Cross"],
    ),
    (
        "Brackwater lighthouse",
        "a white tower of 1866 guarding the estuary bar",
        "Keepers",
        "It was automated in 1989; the keepers' cottages are now a small museum.",
        ["Lighthouses", "Brackwater"],
    ),
    (
        "Valdmark wool",
        "the coarse fleece of the valley's hill sheep and the cloth woven from it",
        "Trade",
        "Lindqvay's wool hall sold fleeces by auction every June until 1957.",
        ["Economy of Valdmark", "Wool"],
    ),
    (
        "Kelsmoor Fell",
        "the highest hill of the valley, 612 metres, where the Vald rises",
        "Climbing",
        "A cairn marks the summit; the usual route starts at the old quarry road.",
        ["Hills of Valdmark", "Kelsmoor"],
    ),
    (
        "Valdmark District Council",
        "the local authority of the valley, based in Lindqvay",
        "Elections",
        "Its twenty-one members are elected every four years, most recently in 2022.",
        ["Local government in Valdmark", "Lindqvay"],
    ),
]


def ref(n: int, title: str, year: int) -> str:
    return (
        f'<ref name="src{n}">{{{{cite book |title={title} |publisher=Valdmark '
        f"Historical Society |year={year} |page={10 + n * 7}}}}}</ref>"
    )


def town(name: str, pop: int, founded: int, lead: str, detail: str) -> str:
    return f"""{{{{Infobox settlement
| name = {name}
| country = Valdmark
| population_total = {pop}
| established_date = {founded}
}}}}
'''{name}''' is {lead} in [[Valdmark]].{ref(1, "A Gazetteer of Valdmark", 1998)}

== History ==
The settlement is first recorded in {founded}. {detail}{ref(2, "Valdmark Through the Centuries", 2006)}

== Geography ==
{name} lies in the valley of the [[Vald]]. In the census of 2021 it had {pop} inhabitants.

== References ==
{{{{Reflist}}}}

[[Category:Settlements in Valdmark]]
[[Category:Populated places established in the {founded // 100 + 1}th century]]
"""


def river(name: str, length: int, source: str, mouth: str, towns: str) -> str:
    return f"""{{{{Infobox river
| name = {name}
| length_km = {length}
| source = {source}
| mouth = {mouth}
}}}}
The '''{name}''' is a river of [[Valdmark]], {length} km long, rising on {source} and flowing into {mouth}.{ref(3, "Rivers of the North Valleys", 2011)}

== Course ==
It passes {towns}.

== References ==
{{{{Reflist}}}}

[[Category:Rivers of Valdmark]]
"""


def person(
    name: str, born: int, died: int | None, job: str, home: str, deed: str, living: bool
) -> str:
    dates = f"born {born}" if died is None else f"{born}–{died}"
    cats = ["People from " + home, f"{born} births"]
    cats.append("Living people" if living else f"{died} deaths")
    return (
        f"""{{{{Infobox person
| name = {name}
| birth_date = {born}
| birth_place = [[{home}]]
| occupation = {job}
}}}}
'''{name}''' ({dates}) is {"a" if job[0] not in "aeiou" else "an"} {job} from [[{home}]], [[Valdmark]].{ref(4, "Who Was Who in Valdmark", 2015)}

== Life and work ==
{deed}

== References ==
{{{{Reflist}}}}

"""
        + "\n".join(f"[[Category:{c}]]" for c in cats)
        + "\n"
    )


def thing(name: str, lead: str, heading: str, body: str, cats: list[str]) -> str:
    return (
        f"""'''{name}''' is {lead}.{ref(5, "Notes on Valdmark", 2019)}

== {heading} ==
{body}

== See also ==
* [[Valdmark]]

== References ==
{{{{Reflist}}}}

"""
        + "\n".join(f"[[Category:{c}]]" for c in cats)
        + "\n"
    )


def pages() -> list[tuple[str, list[str]]]:
    """(title, revision texts oldest first)."""
    out: list[tuple[str, list[str]]] = []
    for t in TOWNS:
        text = town(*t)
        # Two revisions: a stub, then the article (to show revisions="all").
        stub = f"'''{t[0]}''' is a place in [[Valdmark]].\n\n[[Category:Settlements in Valdmark]]\n"
        out.append((t[0], [stub, text]))
    out.extend((r[0], [river(*r)]) for r in RIVERS)
    out.extend((p[0], [person(*p)]) for p in PEOPLE)
    out.extend((x[0], [thing(*x)]) for x in THINGS)
    out.append(("Vald river", ["#REDIRECT [[Vald]]\n"]))
    return out


# Revisions on both sides of the 2023-06-07 licence change of Wikimedia wikis.
STAMPS = [
    "2019-05-04T09:12:00Z",
    "2021-11-20T16:40:00Z",
    "2023-08-02T07:05:00Z",
    "2025-02-14T12:30:00Z",
]
USERS = [("Cartographer", 2), ("Valdfan", 3), ("Estuary", 4)]


def sha1_base36(text: str) -> str:
    value = int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)  # noqa: S324  # MediaWiki's checksum
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while value:
        value, rem = divmod(value, 36)
        out = digits[rem] + out
    return out.rjust(31, "0")


def build() -> bytes:
    lines = [
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">',
        "  <siteinfo>",
        "    <sitename>Valdmark Wiki</sitename>",
        "    <dbname>valdmarkwiki</dbname>",
        f"    <base>{BASE}</base>",
        "    <generator>MediaWiki 1.39.10</generator>",
        "    <case>first-letter</case>",
        "    <namespaces>",
        '      <namespace key="0" case="first-letter" />',
        '      <namespace key="10" case="first-letter">Template</namespace>',
        '      <namespace key="14" case="first-letter">Category</namespace>',
        "    </namespaces>",
        "  </siteinfo>",
    ]
    revid = 100
    for pageid, (title, texts) in enumerate(pages(), start=1):
        lines += [
            "  <page>",
            f"    <title>{escape(title)}</title>",
            "    <ns>0</ns>",
            f"    <id>{pageid}</id>",
        ]
        if texts[-1].startswith("#REDIRECT"):
            lines.append('    <redirect title="Vald" />')
        parent = None
        for n, text in enumerate(texts):
            revid += 1
            user, uid = USERS[(pageid + n) % len(USERS)]
            stamp = STAMPS[(pageid + n * 2) % len(STAMPS)] if n == 0 else STAMPS[3]
            lines += ["    <revision>", f"      <id>{revid}</id>"]
            if parent is not None:
                lines.append(f"      <parentid>{parent}</parentid>")
            size = len(text.encode("utf-8"))
            lines += [
                f"      <timestamp>{stamp}</timestamp>",
                f"      <contributor><username>{user}</username><id>{uid}</id></contributor>",
                "      <comment>Written for the wikireuse sample</comment>",
                "      <model>wikitext</model>",
                "      <format>text/x-wiki</format>",
                f'      <text bytes="{size}" xml:space="preserve">{escape(text)}</text>',
                f"      <sha1>{sha1_base36(text)}</sha1>",
                "    </revision>",
            ]
            parent = revid
        lines.append("  </page>")
    lines.append("</mediawiki>\n")
    return "\n".join(lines).encode("utf-8")


if __name__ == "__main__":
    OUT.write_bytes(bz2.compress(build(), 9))
    print(f"wrote {OUT}")
