"""Generate ``wikireuse/licenses/_data/licenses.json`` from the tables below.

The knowledge base is data, and this script is the one place that data is
written by hand: every table below is a fact taken from a published source
(keys in :data:`SOURCES`; the full list with dates is in
``wikireuse/licenses/_data/PROVENANCE.md``). The script derives the repetitive
parts (the Creative Commons suite, its ports, URL forms and the explicit
adapter-licence lists) and writes a compact, deterministic JSON file: running
it twice gives the same bytes, and ``tests/test_licenses_kb.py`` checks that
the committed file is exactly what this script produces.

Usage::

    python tools/build_license_data.py          # rewrite the JSON
    python tools/build_license_data.py --check  # exit 1 if it is stale
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

OUTPUT = (
    Path(__file__).resolve().parents[1]
    / "wikireuse"
    / "licenses"
    / "_data"
    / "licenses.json"
)
SCHEMA = 1
GENERATED = "2026-11-27"

Record = dict[str, Any]

# --------------------------------------------------------------------------
# Sources: key -> (title, url). Rules cite these keys with a clause.
# --------------------------------------------------------------------------
SOURCES: dict[str, tuple[str, str]] = {
    "CC-SAC": (
        "Creative Commons wiki: ShareAlike compatibility",
        "https://wiki.creativecommons.org/wiki/ShareAlike_compatibility",
    ),
    "CC-SAwiki": (
        "Creative Commons wiki: Share Alike (oldid 24144)",
        "https://wiki.creativecommons.org/index.php?title=Share_Alike&oldid=24144",
    ),
    "CC-SAI": (
        "Creative Commons wiki: ShareAlike interpretation",
        "https://wiki.creativecommons.org/wiki/ShareAlike_interpretation",
    ),
    "CC-GPL": (
        "Creative Commons wiki: ShareAlike compatibility: GPLv3",
        "https://wiki.creativecommons.org/wiki/ShareAlike_compatibility:_GPLv3",
    ),
    "CC-BLOG-2015": (
        "CC blog, 2015-10-08: CC BY-SA 4.0 now one-way compatible with GPLv3",
        "https://creativecommons.org/tag/compatibility",
    ),
    "CC-FAL": (
        "Creative Commons wiki: ShareAlike compatibility: FAL",
        "https://wiki.creativecommons.org/wiki/ShareAlike_compatibility:_FAL",
    ),
    "CC-CHART": (
        "Creative Commons adapter's licence chart and FAQ (CC BY 4.0 copy, UTSA)",
        "https://libguides.utsa.edu/cclicenses/compatibility",
    ),
    "CC-EDU": (
        "Creative Commons for Educators and Librarians (en.wikisource)",
        "https://en.wikisource.org/wiki/Page:Creative_Commons_for_Educators_and_Librarians.pdf/98",
    ),
    "CC-COMPAT-LIST": (
        "Creative Commons: Compatible Licenses",
        "https://creativecommons.org/compatiblelicenses",
    ),
    "CC-PORTS": (
        "Commons: Copyright tags/Free Creative Commons licenses (porting suspended)",
        "https://commons.wikimedia.org/wiki/Commons:Copyright_tags/Free_Creative_Commons_licenses",
    ),
    "CC0": (
        "CC0 1.0 Universal legal code",
        "https://creativecommons.org/publicdomain/zero/1.0/legalcode",
    ),
    "GFDL13": (
        "GNU Free Documentation License 1.3",
        "https://www.gnu.org/licenses/fdl-1.3.html",
    ),
    "GFDL12": (
        "GNU Free Documentation License 1.2",
        "https://www.gnu.org/licenses/old-licenses/fdl-1.2.html",
    ),
    "GFDL11": (
        "GNU Free Documentation License 1.1",
        "https://www.gnu.org/licenses/old-licenses/fdl-1.1.html",
    ),
    "GPL2": (
        "GNU General Public License 2.0",
        "https://www.gnu.org/licenses/old-licenses/gpl-2.0.html",
    ),
    "GPL3": (
        "GNU General Public License 3.0",
        "https://www.gnu.org/licenses/gpl-3.0.html",
    ),
    "LGPL20": (
        "GNU Library General Public License 2.0",
        "https://www.gnu.org/licenses/old-licenses/lgpl-2.0.html",
    ),
    "LGPL21": (
        "GNU Lesser General Public License 2.1",
        "https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html",
    ),
    "LGPL3": (
        "GNU Lesser General Public License 3.0",
        "https://www.gnu.org/licenses/lgpl-3.0.html",
    ),
    "AGPL3": (
        "GNU Affero General Public License 3.0",
        "https://www.gnu.org/licenses/agpl-3.0.html",
    ),
    "FSF-2015": (
        "FSF blog, 2015-10-09: CC BY-SA 4.0 declared one-way compatible with GPLv3",
        "https://www.fsf.org/blogs/licensing/creative-commons-by-sa-4-0-declared-one-way-compatible-with-gnu-gpl-version-3",
    ),
    "WMF-2008": (
        "Erik Möller, foundation-l 2008-11-03: GFDL 1.3 Release",
        "https://lists.wikimedia.org/pipermail/foundation-l/2008-November/046996.html",
    ),
    "COM-LU": (
        "Commons: GFDL 1.3 relicensing criteria",
        "https://commons.wikimedia.org/wiki/Commons:LU",
    ),
    "COM-L": (
        "Commons: Licensing",
        "https://commons.wikimedia.org/wiki/Commons:Licensing",
    ),
    "COM-PD": (
        "Commons: Copyright tags/Public domain",
        "https://commons.wikimedia.org/wiki/Commons:Copyright_tags/Public_domain",
    ),
    "COM-CCT": (
        "Commons: Copyright tags/Free Creative Commons licenses",
        "https://commons.wikimedia.org/wiki/Commons:Copyright_tags/Free_Creative_Commons_licenses",
    ),
    "COM-VFL": (
        "Commons: Copyright tags/Various free licenses",
        "https://commons.wikimedia.org/wiki/Commons:Copyright_tags/Various_free_licenses",
    ),
    "COM-MRD": (
        "Commons: Machine-readable data",
        "https://commons.wikimedia.org/wiki/Commons:Machine-readable_data",
    ),
    "CM-LP": (
        "CommonsMetadata extension, src/LicenseParser.php",
        "https://github.com/wikimedia/mediawiki-extensions-CommonsMetadata/blob/master/src/LicenseParser.php",
    ),
    "ODBL": (
        "Open Database License 1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
    "OSMF-FAQ": (
        "OSMF Licence and Legal FAQ (produced works vs derivative databases)",
        "https://wiki.osmfoundation.org/wiki/Licence/Licence_and_Legal_FAQ",
    ),
    "DBCL": (
        "Open Data Commons Database Contents License 1.0",
        "https://opendatacommons.org/licenses/dbcl/1-0/",
    ),
    "ODC-BY": (
        "Open Data Commons Attribution License 1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
    "PDDL": (
        "Open Data Commons Public Domain Dedication and License 1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
    ),
    "LAL13": (
        "Free Art License 1.3 (Licence Art Libre)",
        "https://artlibre.org/licence/lal/en/",
    ),
    "LAL12": (
        "Free Art License 1.2 (Licence Art Libre)",
        "https://artlibre.org/licence/lal/licence-art-libre-12/",
    ),
    "MIT": ("MIT License (SPDX)", "https://opensource.org/licenses/MIT"),
    "BSD2": (
        "BSD 2-Clause License (SPDX)",
        "https://opensource.org/licenses/BSD-2-Clause",
    ),
    "BSD3": (
        "BSD 3-Clause License (SPDX)",
        "https://opensource.org/licenses/BSD-3-Clause",
    ),
    "ISC": ("ISC License (SPDX)", "https://opensource.org/licenses/ISC"),
    "APACHE2": (
        "Apache License 2.0",
        "https://www.apache.org/licenses/LICENSE-2.0",
    ),
    "FSF-LIST": (
        "FSF: Various Licenses and Comments about Them (GNU licence list)",
        "https://www.gnu.org/licenses/license-list.html",
    ),
    "FSF-COMPAT": (
        "FSF: License Compatibility and Relicensing",
        "https://www.gnu.org/licenses/license-compatibility.html",
    ),
    "APACHE-GPL": (
        "Apache Software Foundation: Apache License v2.0 and GPL Compatibility",
        "https://www.apache.org/licenses/GPL-compatibility.html",
    ),
    "UNLICENSE": ("The Unlicense", "https://unlicense.org/"),
    "OGL": (
        "UK Open Government Licence",
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/",
    ),
    "ETALAB": (
        "Licence Ouverte / Open Licence 2.0 (Etalab)",
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    ),
    "DL-DE": (
        "Datenlizenz Deutschland 2.0",
        "https://www.govdata.de/lizenzen",
    ),
    "WD-LIC": (
        "Wikidata: Licensing",
        "https://www.wikidata.org/wiki/Wikidata:Licensing",
    ),
    "BERNE": (
        "Berne Convention for the Protection of Literary and Artistic Works",
        "https://www.wipo.int/wipolex/en/text/283698",
    ),
    "COM-LM": (
        "Wikimedia Commons: Template:License migration (documentation)",
        "https://commons.wikimedia.org/wiki/Template:License_migration",
    ),
}

# --------------------------------------------------------------------------
# Creative Commons suite
# --------------------------------------------------------------------------
# kind code -> (elements, name words <=3.0, name words 4.0)
CC_KINDS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "by": (("BY",), "Attribution", "Attribution"),
    "by-sa": (("BY", "SA"), "Attribution-ShareAlike", "Attribution-ShareAlike"),
    "by-nd": (("BY", "ND"), "Attribution-NoDerivs", "Attribution-NoDerivatives"),
    "by-nc": (("BY", "NC"), "Attribution-NonCommercial", "Attribution-NonCommercial"),
    "by-nc-sa": (
        ("BY", "NC", "SA"),
        "Attribution-NonCommercial-ShareAlike",
        "Attribution-NonCommercial-ShareAlike",
    ),
    "by-nc-nd": (
        ("BY", "NC", "ND"),
        "Attribution-NonCommercial-NoDerivs",
        "Attribution-NonCommercial-NoDerivatives",
    ),
}
# Commons writes "Share Alike" in its long names (UsageTerms).
COMMONS_WORDS = {"by-sa": "Attribution-Share Alike", "by": "Attribution"}
CC_VERSIONS = ("1.0", "2.0", "2.5", "3.0", "4.0")
CC_SUFFIX = {
    "1.0": "Generic",
    "2.0": "Generic",
    "2.5": "Generic",
    "3.0": "Unported",
    "4.0": "International",
}
# The 1.0 "NoDerivs-NonCommercial" licence is at by-nd-nc/1.0 (SPDX CC-BY-NC-ND-1.0).
CC_PATH_OVERRIDE = {("by-nc-nd", "1.0"): "by-nd-nc"}
CC_NAME_OVERRIDE = {("by-nc-nd", "1.0"): "Attribution-NoDerivs-NonCommercial"}

JURISDICTIONS: dict[str, str] = {
    "ar": "Argentina",
    "at": "Austria",
    "au": "Australia",
    "be": "Belgium",
    "bg": "Bulgaria",
    "br": "Brazil",
    "ca": "Canada",
    "ch": "Switzerland",
    "cl": "Chile",
    "cn": "China Mainland",
    "co": "Colombia",
    "cz": "Czech Republic",
    "de": "Germany",
    "dk": "Denmark",
    "ee": "Estonia",
    "es": "Spain",
    "fr": "France",
    "gr": "Greece",
    "hk": "Hong Kong",
    "hr": "Croatia",
    "hu": "Hungary",
    "ie": "Ireland",
    "igo": "IGO",
    "il": "Israel",
    "in": "India",
    "it": "Italy",
    "jp": "Japan",
    "kr": "Korea",
    "lu": "Luxembourg",
    "mk": "Macedonia",
    "mt": "Malta",
    "mx": "Mexico",
    "my": "Malaysia",
    "nl": "Netherlands",
    "no": "Norway",
    "nz": "New Zealand",
    "pe": "Peru",
    "ph": "Philippines",
    "pl": "Poland",
    "pt": "Portugal",
    "ro": "Romania",
    "rs": "Serbia",
    "scotland": "Scotland",
    "se": "Sweden",
    "sg": "Singapore",
    "si": "Slovenia",
    "th": "Thailand",
    "tw": "Taiwan",
    "uk": "England and Wales",
    "us": "United States",
    "vn": "Vietnam",
    "za": "South Africa",
}

# Ports Wikimedia Commons has licence tags for (BY and BY-SA); CC's own port
# catalogue. The port texts themselves were not read (see PROVENANCE.md).
COMMONS_PORTS: dict[str, tuple[str, ...]] = {
    "2.0": (
        "at", "be", "br", "cl", "de", "fr", "hr", "it", "jp", "kr", "nl", "tw", "uk",
    ),
    "2.1": ("au", "es", "jp"),
    "2.5": (
        "ar", "au", "bg", "br", "ca", "ch", "cn", "co", "dk", "es", "hu", "il", "in",
        "it", "mk", "mt", "mx", "my", "nl", "pe", "pl", "pt", "scotland", "se", "si",
        "tw", "za",
    ),
    "3.0": (
        "at", "au", "br", "ch", "cl", "cn", "cz", "de", "ee", "es", "fr", "gr", "hk",
        "hr", "ie", "igo", "it", "lu", "nl", "no", "nz", "ph", "pl", "pt", "ro", "rs",
        "sg", "th", "tw", "us", "vn", "za",
    ),
}  # fmt: skip
COMMONS_PORT_KINDS = ("by", "by-sa")

# Ports on the SPDX licence list (license-expression's bundled SPDX 3.27 index).
SPDX_PORTS: frozenset[str] = frozenset(
    {
        "CC-BY-SA-2.0-UK", "CC-BY-SA-2.1-JP", "CC-BY-SA-3.0-AT", "CC-BY-SA-3.0-DE",
        "CC-BY-SA-3.0-IGO", "CC-BY-2.5-AU", "CC-BY-3.0-AT", "CC-BY-3.0-AU",
        "CC-BY-3.0-DE", "CC-BY-3.0-IGO", "CC-BY-3.0-NL", "CC-BY-3.0-US",
        "CC-BY-NC-3.0-DE", "CC-BY-NC-ND-3.0-DE", "CC-BY-NC-ND-3.0-IGO",
        "CC-BY-NC-SA-2.0-DE", "CC-BY-NC-SA-2.0-FR", "CC-BY-NC-SA-2.0-UK",
        "CC-BY-NC-SA-3.0-DE", "CC-BY-NC-SA-3.0-IGO", "CC-BY-ND-3.0-DE",
    }
)  # fmt: skip

WIKIDATA_QIDS = {
    "CC-BY-SA-4.0": "Q18199165",
    "CC-BY-4.0": "Q20007257",
    "CC0-1.0": "Q6938433",
    "CC-BY-SA-3.0": "Q14946043",
    "CC-BY-NC-SA-4.0": "Q42553662",
}

# Attribution elements per CC version (licences.md §1.6; legal codes §4(b)/(c)
# for 1.0-2.5, §4(c) for 3.0, §3(a) for 4.0).
CC_ATTRIBUTION = {
    "1.0": (
        "creator", "title", "copyright-notice", "license-notice", "disclaimer-notice",
        "license-uri", "credit-in-adaptation",
    ),
    "2.0": (
        "creator", "title", "uri", "copyright-notice", "license-notice",
        "disclaimer-notice", "license-uri", "credit-in-adaptation",
    ),
    "3.0": (
        "creator", "title", "uri", "copyright-notice", "license-notice",
        "disclaimer-notice", "license-uri", "credit-in-adaptation", "indicate-changes",
    ),
    "4.0": (
        "creator", "copyright-notice", "license-notice", "disclaimer-notice", "uri",
        "license-uri", "indicate-changes", "keep-change-notes",
    ),
}  # fmt: skip
CC_ATTRIBUTION["2.1"] = CC_ATTRIBUTION["2.0"]
CC_ATTRIBUTION["2.5"] = CC_ATTRIBUTION["2.0"]

CC_ATTRIBUTION_CLAUSE = {
    "1.0": "§4(b)-(c)",
    "2.0": "§4(b)-(c)",
    "2.1": "§4(b)-(c)",
    "2.5": "§4(b)-(c)",
    "3.0": "§4(c), §3(b)",
    "4.0": "§3(a)",
}
CC_DRM_CLAUSE = {
    "1.0": "§4(a)",
    "2.0": "§4(a)",
    "2.1": "§4(a)",
    "2.5": "§4(a)",
    "3.0": "§4(a)",
    "4.0": "§2(a)(5)(C), §3(b)(3)",
}
CC_DRM_NOTE = {
    "1.0": "No technological measures that control access or use of the Work "
    "inconsistently with the licence, also for the Work inside a collective work.",
    "3.0": "No effective technological measures on the Work that restrict a "
    "recipient's exercise of the licensed rights, also inside a Collection.",
    "4.0": "No additional terms and no Effective Technological Measures that "
    "restrict any recipient's exercise of the Licensed Rights (also for Adapted "
    "Material under the adapter's licence).",
}
CC40_DRM_NOTE_NO_SA = (
    "No additional terms and no Effective Technological Measures that restrict "
    "any recipient's exercise of the Licensed Rights in the Licensed Material."
)
# 3.0 Unported numbers §4 per kind: the attribution clause follows the
# ShareAlike (BY-SA §4(b)) and NonCommercial (BY-NC §4(b)) clauses; §3(b)
# (label the changes in an Adaptation) does not exist in the ND licences.
CC30_ATTRIBUTION_CLAUSE = {
    "by": "§4(b), §3(b)",
    "by-sa": "§4(c), §3(b)",
    "by-nc": "§4(c), §3(b)",
    "by-nc-sa": "§4(d), §3(b)",
    "by-nd": "§4(b)",
    "by-nc-nd": "§4(c)",
}
CC_DRM_NOTE["2.0"] = CC_DRM_NOTE["1.0"]
CC_DRM_NOTE["2.1"] = CC_DRM_NOTE["1.0"]
CC_DRM_NOTE["2.5"] = CC_DRM_NOTE["1.0"]
UK_DRM_NOTE = (
    "England & Wales 2.0 §2.1: no digital rights management technology that "
    "alters or restricts the terms of the licence."
)

# --------------------------------------------------------------------------
# Public-domain tags (Commons unless said otherwise): id suffix, templates,
# plain-words meaning with its jurisdiction.
# --------------------------------------------------------------------------
PD_TAGS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "PD-old",
        ("PD-old",),
        "Old tag: the author died long enough ago that the work is in the public "
        "domain in its source country and in countries with a term of life + 70 "
        "years or less. Status elsewhere (notably the US) must be checked.",
    ),
    (
        "PD-old-70",
        ("PD-old-70",),
        "Public domain in the source country and in countries with a term of "
        "life + 70 years or less (author died more than 70 years ago). US status "
        "is a separate question.",
    ),
    (
        "PD-old-70-expired",
        ("PD-old-70-expired",),
        "Author died more than 70 years ago and the work is also public domain "
        "in the United States because it was published before the US cut-off.",
    ),
    (
        "PD-old-80",
        ("PD-old-80",),
        "Public domain in countries with a term of life + 80 years or less.",
    ),
    (
        "PD-old-90",
        ("PD-old-90",),
        "Public domain in countries with a term of life + 90 years or less.",
    ),
    (
        "PD-old-100",
        ("PD-old-100",),
        "Public domain in countries with a term of life + 100 years or less.",
    ),
    (
        "PD-old-auto",
        ("PD-old-auto",),
        "Public domain in countries whose term ends the given number of years "
        "after the author's death (the tag computes it from the death year).",
    ),
    (
        "PD-old-auto-expired",
        ("PD-old-auto-expired",),
        "As PD-old-auto, and also public domain in the United States because it "
        "was published before the US cut-off.",
    ),
    (
        "PD-US",
        ("PD-US",),
        "Public domain in the United States; status in other countries must be "
        "checked.",
    ),
    (
        "PD-US-expired",
        ("PD-US-expired", "PD-1923"),
        "Public domain in the United States because it was published before the "
        "rolling 95-year cut-off; status elsewhere must be checked.",
    ),
    (
        "PD-US-no-notice",
        ("PD-US-no notice", "PD-US-no-notice"),
        "Public domain in the United States: published there 1928-1977 without a "
        "copyright notice. Status elsewhere must be checked.",
    ),
    (
        "PD-US-not-renewed",
        ("PD-US-not renewed", "PD-US-not-renewed"),
        "Public domain in the United States: published 1928-1963 and the "
        "copyright was not renewed. Status elsewhere must be checked.",
    ),
    (
        "PD-1996",
        ("PD-1996",),
        "Public domain in the United States: it was in the public domain in its "
        "source country on the URAA date (1 January 1996) and never registered "
        "in the US.",
    ),
    (
        "PD-USGov",
        ("PD-USGov",),
        "Work of the US federal government (17 U.S.C. §105): no US copyright; it "
        "may be protected in other countries.",
    ),
    (
        "PD-USGov-NASA",
        ("PD-USGov-NASA",),
        "Work of NASA (US federal government, 17 U.S.C. §105); NASA insignia and "
        "logos have usage restrictions that are not copyright.",
    ),
    (
        "PD-USGov-Military",
        ("PD-USGov-Military",),
        "Work of the US armed forces (US federal government, 17 U.S.C. §105).",
    ),
    (
        "PD-self",
        ("PD-self",),
        "The author releases the work into the public domain; where that is not "
        "legally possible, anyone may use it for any purpose without conditions. "
        "Whether an author can dedicate to the public domain depends on the "
        "jurisdiction.",
    ),
    (
        "PD-author",
        ("PD-author",),
        "The named author released the work into the public domain (same "
        "fallback grant and jurisdiction caveat as PD-self).",
    ),
    (
        "PD-user",
        ("PD-user",),
        "The named wiki user released the work into the public domain (same "
        "fallback grant and jurisdiction caveat as PD-self).",
    ),
    (
        "PD-ineligible",
        ("PD-ineligible",),
        "Not eligible for copyright: too simple or not original enough (threshold "
        "of originality, which differs between countries).",
    ),
    (
        "PD-textlogo",
        ("PD-textlogo",),
        "A logo of simple text and shapes below the threshold of originality; it "
        "may still be a registered trademark.",
    ),
    (
        "PD-shape",
        ("PD-shape",),
        "Simple geometric shapes below the threshold of originality.",
    ),
    (
        "PD-Art",
        ("PD-Art",),
        "Faithful photographic reproduction of a two-dimensional public-domain "
        "work of art; the reproduction itself is not protected in the US "
        "(Bridgeman v. Corel) and many other countries, but some countries "
        "protect such photographs.",
    ),
    (
        "PD-scan",
        ("PD-scan",),
        "Faithful scan of a public-domain work; the scan adds no new copyright "
        "in most countries.",
    ),
    (
        "PD-because",
        ("PD-because",),
        "Public domain for the reason stated in the tag's free-text parameter; "
        "the reason must be checked.",
    ),
    (
        "PD-EU-no-author-disclosure",
        ("PD-EU-no author disclosure", "PD-EU-no-author-disclosure"),
        "Anonymous or pseudonymous work published more than 70 years ago (EU "
        "term for works whose author was never disclosed).",
    ),
    (
        "PD-alt-100",
        (),
        "German Wikipedia's local tag: the regular term (70 years after the "
        "author's death) under German, Austrian and Swiss law has presumably "
        "expired ('Regelschutzfrist … vermutlich abgelaufen').",
    ),
)

# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _cc_id(kind: str, version: str, port: str | None) -> str:
    base = f"CC-{kind.upper()}-{version}"
    if port is None:
        return base
    spdx = f"{base}-{port.upper()}"
    return spdx if spdx in SPDX_PORTS else f"LicenseRef-wikireuse-{spdx}"


def _cc_url(kind: str, version: str, port: str | None) -> str:
    path = CC_PATH_OVERRIDE.get((kind, version), kind)
    tail = f"{port}/" if port else ""
    return f"https://creativecommons.org/licenses/{path}/{version}/{tail}"


def _url_forms(url: str, *suffixes: str) -> list[str]:
    """Every form of *url*: http and https, with and without each suffix."""
    bases = [url]
    if url.startswith("https://"):
        bases.append("http://" + url[len("https://") :])
    forms: list[str] = []
    for base in bases:
        forms.append(base)
        stem = base.rstrip("/")
        if stem != base:
            forms.append(stem)
        for suffix in suffixes:
            forms.append(f"{stem}/{suffix}")
    return forms


def _legal_source(rec_id: str, title: str, url: str) -> str:
    key = f"legalcode:{rec_id}"
    SOURCES.setdefault(key, (f"{title} — legal code", url))
    return key


def _rule(
    mode: str,
    targets: list[str] | tuple[str, ...] = (),
    *,
    sources: list[tuple[str, str]],
    note: str,
    conditional: list[str] | tuple[str, ...] = (),
    excluded: list[str] | tuple[str, ...] = (),
    compatible: list[dict[str, str]] | tuple[dict[str, str], ...] = (),
) -> dict[str, Any]:
    return {
        "mode": mode,
        "targets": list(targets),
        "compatible": list(compatible),
        "conditional": list(conditional),
        "excluded": list(excluded),
        "note": note,
        "sources": [[key, clause] for key, clause in sources],
    }


def _record(**fields: Any) -> Record:
    rec: Record = {
        "id": fields.pop("id"),
        "name": fields.pop("name"),
        "family": fields.pop("family"),
        "kind": fields.pop("kind", "license"),
        "version": fields.pop("version", None),
        "port": fields.pop("port", None),
        "elements": sorted(fields.pop("elements", ())),
        "or_later": fields.pop("or_later", False),
        "adaptation": fields.pop("adaptation"),
        "drm": fields.pop("drm", "none"),
        "no_additional_restrictions": fields.pop("no_additional_restrictions", False),
        "attribution": list(fields.pop("attribution", ())),
        "private_adaptation_ok": fields.pop("private_adaptation_ok", False),
        "legal_code_url": fields.pop("legal_code_url"),
        "deed_url": fields.pop("deed_url", ""),
        "commons_templates": list(fields.pop("commons_templates", ())),
        "commons_categories": list(fields.pop("commons_categories", ())),
        "extmetadata_names": list(fields.pop("extmetadata_names", ())),
        "aliases": list(fields.pop("aliases", ())),
        "urls": list(fields.pop("urls", ())),
        "deprecated": fields.pop("deprecated", False),
        "sources": [list(s) for s in fields.pop("sources", ())],
        "notes": list(fields.pop("notes", ())),
        "spdx": fields.pop("spdx", True),
        "wikidata": fields.pop("wikidata", ""),
        "drm_note": fields.pop("drm_note", ""),
    }
    if fields:  # a typo in a table must not vanish silently
        raise TypeError(f"unknown record fields: {sorted(fields)}")
    return rec


# --------------------------------------------------------------------------
# Creative Commons records
# --------------------------------------------------------------------------


def _cc_skeletons() -> list[dict[str, Any]]:
    """(kind, version, port) triples of every CC licence in the knowledge base."""
    out: list[dict[str, Any]] = []
    for version in CC_VERSIONS:
        for kind in CC_KINDS:
            out.append({"kind": kind, "version": version, "port": None})
    for version, ports in COMMONS_PORTS.items():
        for port in ports:
            for kind in COMMONS_PORT_KINDS:
                out.append({"kind": kind, "version": version, "port": port})
    have = {_cc_id(s["kind"], s["version"], s["port"]) for s in out}
    for spdx in sorted(SPDX_PORTS - have):
        parts = spdx.split("-")
        port = parts[-1].lower()
        version = parts[-2]
        kind = "-".join(parts[1:-2]).lower()
        out.append({"kind": kind, "version": version, "port": port})
    return out


def _vkey(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def _cc_adaptation(sk: dict[str, Any], all_sk: list[dict[str, Any]]) -> dict[str, Any]:
    kind, version, port = sk["kind"], sk["version"], sk["port"]
    me = _cc_id(kind, version, port)
    legal = f"legalcode:{me}"
    same_kind = [s for s in all_sk if s["kind"] == kind]

    def ids(pred: Any) -> list[str]:
        return sorted(
            _cc_id(s["kind"], s["version"], s["port"]) for s in all_sk if pred(s)
        )

    if kind == "by":
        note = (
            "An adaptation may be licensed under any licence, including "
            "BY-SA, BY-NC and ND licences (CC's chart marks some combinations as "
            "allowed but not advised); the attribution duties of this licence "
            "remain for the material taken from the work."
        )
        srcs = [("CC-CHART", "adapter's licence chart: BY row"), ("CC-SAC", "")]
        gpl: list[dict[str, str]] = []
        if version == "4.0" and port is None:
            # FSF licence list, entry #ccby: CC BY 4.0 "is compatible with all
            # versions of the GNU GPL". No such statement for earlier versions,
            # whose anti-DRM term (§4(a)) stays an open question against GPL.
            gpl = [
                {
                    "target": f"GPL-{v}-{s}",
                    "direction": "one-way",
                    "since": "",
                    "source": "FSF-LIST",
                }
                for v in ("2.0", "3.0")
                for s in ("only", "or-later")
            ]
            note += (
                " The FSF lists CC BY 4.0 as compatible with all versions of the "
                "GNU GPL (licence list, entry 'Creative Commons Attribution 4.0')."
            )
            srcs.append(
                (
                    "FSF-LIST",
                    "compatibility: CC BY 4.0 is compatible with all versions of "
                    "the GNU GPL (#ccby)",
                )
            )
        return _rule("any", compatible=gpl, sources=srcs, note=note)
    if kind in {"by-nd", "by-nc-nd"}:
        if version == "4.0":
            note = (
                "Adapted Material may be produced and reproduced but not shared "
                "(§2(a)(1)(B)); private adaptations are allowed."
            )
            srcs = [(legal, "§2(a)(1)(B)"), ("CC-CHART", "ND rows")]
        else:
            note = (
                "No adaptations: the pre-4.0 ND licences grant no right to make "
                "or distribute Derivative Works/Adaptations; unmodified copies "
                "inside a collection remain allowed."
            )
            srcs = [(legal, "§3"), ("CC-CHART", "ND rows and CC FAQ")]
        return _rule("none", sources=srcs, note=note)
    if kind == "by-nc":
        return _rule(
            "listed",
            ids(lambda s: "NC" in CC_KINDS[s["kind"]][0]),
            sources=[("CC-CHART", "adapter's licence chart: BY-NC row")],
            note="An adaptation may carry any licence that keeps NonCommercial "
            "(BY-NC, BY-NC-SA, BY-NC-ND, any version); never a licence that "
            "allows commercial use.",
        )
    # ShareAlike kinds: by-sa and by-nc-sa.
    label = "BY-SA" if kind == "by-sa" else "BY-NC-SA"
    if version == "1.0":
        return _rule(
            "same",
            [me],
            sources=[
                (legal, "§4(b)"),
                ("CC-SAwiki", "1.0 has no later-version clause"),
            ],
            note=f"Derivative Works only under the terms of this licence: {label} "
            "1.0 has no upgrade path to later versions or ports.",
        )
    if version == "4.0":
        compatible: list[dict[str, str]] = []
        targets = [me]
        conditional: list[str] = []
        note = (
            f"Adapter's licence: a Creative Commons licence with the same License "
            f"Elements, this version or later, or a {label} Compatible License. "
            "No earlier version (4.0 → 3.0 is not allowed)."
        )
        srcs = [(legal, "§3(b)(1)"), ("CC-COMPAT-LIST", "")]
        if kind == "by-sa":
            compatible = [
                {
                    "target": "LAL-1.3",
                    "direction": "two-way",
                    "since": "2014-10-21",
                    "source": "CC-FAL",
                },
                {
                    "target": "GPL-3.0-only",
                    "direction": "one-way",
                    "since": "2015-10-08",
                    "source": "CC-GPL",
                },
            ]
            targets += ["GPL-3.0-only", "LAL-1.3"]
            conditional = ["GPL-3.0-or-later"]
            note += (
                " BY-SA Compatible Licenses: Free Art License 1.3 (two-way, since "
                "2014-10-21) and GNU GPL v3 (one-way BY-SA 4.0 → GPLv3, since "
                "2015-10-08; a GPLv3 work may not be adapted under BY-SA). "
                "GPL-3.0-or-later is conditional: CC declared compatibility with "
                "GPLv3 only, and an 'or later' adapter's licence would extend the "
                "§2(a)(5)(B) offer to GPL versions CC has not reviewed; use "
                "GPL-3.0-only."
            )
            srcs += [
                ("CC-FAL", "determination 2014-10-21"),
                ("CC-GPL", "one-way, announced 2015-10-08"),
                ("CC-BLOG-2015", ""),
                ("CC-SAC", "both licences apply to the adaptation"),
            ]
        return _rule(
            "same-or-later",
            sorted(targets),
            compatible=compatible,
            conditional=conditional,
            sources=srcs,
            note=note,
        )
    if port == "uk" and version == "2.0":
        everything = ids(lambda s: s["kind"] == kind)
        if kind == "by-sa":
            return _rule(
                "same-elements",
                everything,
                sources=[(legal, "§2.3"), ("CC-SAwiki", "")],
                note="England & Wales 2.0 §2.3: the same terms, a later version of "
                "the licence, or any other Creative Commons licence with the same "
                "Licence Elements (any version or port).",
            )
        return _rule(
            "same-elements",
            [me],
            conditional=[i for i in everything if i != me],
            sources=[(legal, "§2.3"), ("CC-SAwiki", "")],
            note="England & Wales 2.0 suite: BY-SA 2.0 UK §2.3 allows any CC "
            "licence with the same Licence Elements; this NC-SA text was not "
            "checked separately, so every other NC-SA licence is conditional "
            "until it is.",
        )
    if version in {"2.0", "2.1", "2.5"}:
        later = ids(
            lambda s: s["kind"] == kind and _vkey(s["version"]) >= _vkey(version)
        )
        if port is None:
            igo_ids = [i for i in later if i.endswith("-IGO")]
            return _rule(
                "same-or-later",
                [i for i in later if i not in igo_ids],
                conditional=igo_ids,
                sources=[
                    (legal, "§4(b)"),
                    ("CC-SAwiki", "2.0 or higher: any later version"),
                    ("CC-EDU", "p. 98"),
                ],
                note="Adapter's licence: this licence, a later version with the "
                "same License Elements, or a Creative Commons jurisdiction "
                "('iCommons') licence with the same elements (read conservatively "
                "as a port of this or a later version). 2.x → 4.0 directly is "
                "allowed. The 3.0 IGO variant is conditional: it is not a "
                "jurisdiction port and its clauses have not been verified.",
            )
        return _rule(
            "same-or-later",
            [me],
            conditional=[i for i in later if i != me],
            sources=[(legal, "§4(b)"), ("CC-SAwiki", "")],
            note=f"Jurisdiction port of {label} {version}: the unported text allows "
            "later versions and iCommons ports, but this port's own §4(b) text "
            "has not been checked, so whether its 'later version of this "
            "License' reaches other ports, the unported licences or 4.0 "
            "International is conditional (licences.md §1.2, §9).",
        )
    # 3.0 and its ports.
    v3_or_4 = ids(
        lambda s: (
            s["kind"] == kind
            and (
                s["version"] == "4.0" or (s["version"] == "3.0" and s["port"] != "igo")
            )
        )
    )
    igo = _cc_id(kind, "3.0", "igo")
    igo_exists = any(s["port"] == "igo" and s["version"] == "3.0" for s in same_kind)
    if port == "igo":
        return _rule(
            "same-or-later",
            [me],
            conditional=v3_or_4,
            sources=[(legal, "§4(b)")],
            note=f"{label} 3.0 IGO is a variant for intergovernmental organisations, "
            "not a jurisdiction port; its upgrade clause has not been verified, "
            "so other 3.0 licences and 4.0 are conditional (licences.md §9).",
        )
    if port is None:
        srcs = [(legal, "§4(b)"), ("CC-COMPAT-LIST", "§1(c) Compatible License")]
        basis = "the 3.0 Unported text"
    else:
        srcs = [(legal, "§4(b)")]
        if kind == "by-sa":
            srcs.append(("legalcode:CC-BY-SA-3.0-DE", "§4(b)"))
        basis = (
            "this text"
            if port == "de"
            else "the 3.0 DE text, the typical 3.0 port; this port's own text "
            "was not checked"
        )
    return _rule(
        "same-or-later",
        v3_or_4,
        conditional=[igo] if igo_exists else [],
        sources=srcs,
        note=f"Adapter's licence ({basis}): this licence, a later version, a "
        "Creative Commons jurisdiction licence of version 3.0 or later with the "
        "same License Elements, or a Creative Commons Compatible License (none "
        "is declared for 3.0; the FAL and GPLv3 declarations are for BY-SA 4.0). "
        "3.0 → 4.0 is allowed; the 3.0 IGO variant is conditional because its "
        "clause has not been verified.",
    )


def _cc_record(sk: dict[str, Any], all_sk: list[dict[str, Any]]) -> Record:
    kind, version, port = sk["kind"], sk["version"], sk["port"]
    rid = _cc_id(kind, version, port)
    elements, words3, words4 = CC_KINDS[kind]
    words = words4 if version == "4.0" else words3
    words = CC_NAME_OVERRIDE.get((kind, version), words)
    where = JURISDICTIONS[port] if port else CC_SUFFIX[version]
    name = f"Creative Commons {words} {version} {where}"
    url = _cc_url(kind, version, port)
    legal_url = url + "legalcode"
    legal = _legal_source(rid, name, legal_url)
    upper = kind.upper()
    tail = f" {port}" if port else ""
    dash_tail = f"-{port}" if port else ""
    ext = [f"CC {upper} {version}{tail}", f"cc-{kind}-{version}{dash_tail}"]
    templates: list[str] = []
    categories: list[str] = []
    aliases = [name]
    if kind in COMMONS_PORT_KINDS:
        templates.append(f"Cc-{kind}-{version}{dash_tail}")
        categories.append(f"CC-{upper}-{version}{dash_tail.upper()}")
        aliases.append(f"Creative Commons {COMMONS_WORDS[kind]} {version}{tail}")
        if port is None and version in {"3.0", "4.0"}:
            templates.append(f"CC {upper} {version}")
    if rid == "CC-BY-SA-3.0":
        templates += [
            "Cc-by-sa-3.0-migrated",
            "Cc-by-sa-3.0-migrated-with-disclaimers",
        ]
        ext.append("cc-by-sa-3.0-migrated")
    if rid == "CC-BY-SA-4.0":
        aliases.append("Attribution-Share Alike 4.0 International")
    notes: list[str] = []
    if port:
        notes.append(
            f"Jurisdiction port for {JURISDICTIONS[port]}"
            + ("" if rid in SPDX_PORTS else "; not on the SPDX licence list")
            + ". CC has suspended porting and recommends the 4.0 licences."
        )
    if rid == "CC-BY-SA-3.0":
        notes.append(
            "Commons' Cc-by-sa-3.0-migrated tag marks a GFDL file relicensed "
            "under CC BY-SA 3.0 through GFDL 1.3 §11 (eligible files only); it "
            "means this licence."
        )
    if "NC" in elements or "ND" in elements:
        notes.append("Not accepted on Wikimedia Commons (no NC or ND licences).")
    drm_clause = (
        "§2.1" if (port == "uk" and version == "2.0") else CC_DRM_CLAUSE[version]
    )
    drm_note = (
        UK_DRM_NOTE if (port == "uk" and version == "2.0") else CC_DRM_NOTE[version]
    )
    if version == "4.0" and "SA" not in elements:
        # §3(b) is the ShareAlike section: only BY-SA and BY-NC-SA have it.
        drm_clause = "§2(a)(5)(C)"
        drm_note = CC40_DRM_NOTE_NO_SA
    adaptation = _cc_adaptation(sk, all_sk)
    sources = [(legal, "whole text")]
    attribution_clause = CC_ATTRIBUTION_CLAUSE[version]
    if version == "3.0":
        attribution_clause = CC30_ATTRIBUTION_CLAUSE[kind]
    sources.append((legal, f"attribution {attribution_clause}"))
    sources.append((legal, f"technological measures {drm_clause}"))
    return _record(
        id=rid,
        name=name,
        family="CC",
        version=version,
        port=port,
        elements=elements,
        adaptation=adaptation,
        drm="forbidden",
        drm_note=drm_note,
        no_additional_restrictions=True,
        attribution=CC_ATTRIBUTION[version],
        private_adaptation_ok=version == "4.0" and "ND" in elements,
        legal_code_url=legal_url,
        deed_url=url,
        commons_templates=templates,
        commons_categories=categories,
        extmetadata_names=ext,
        aliases=aliases,
        urls=_url_forms(url, "legalcode", "deed.en"),
        sources=sources,
        notes=notes,
        spdx=not rid.startswith("LicenseRef-"),
        wikidata=WIKIDATA_QIDS.get(rid, ""),
    )


def cc_records() -> list[Record]:
    """Every Creative Commons licence record, unported and ported."""
    all_sk = _cc_skeletons()
    recs = [_cc_record(sk, all_sk) for sk in all_sk]
    sa_url = "https://creativecommons.org/licenses/sa/1.0/"
    recs.append(
        _record(
            id="CC-SA-1.0",
            name="Creative Commons ShareAlike 1.0",
            family="CC",
            version="1.0",
            elements=("SA",),
            adaptation=_rule(
                "same",
                ["CC-SA-1.0"],
                sources=[
                    (
                        _legal_source(
                            "CC-SA-1.0", "CC ShareAlike 1.0", sa_url + "legalcode"
                        ),
                        "§4(b)",
                    )
                ],
                note="Derivative Works only under the terms of this licence (1.0 "
                "has no upgrade path).",
            ),
            drm="forbidden",
            drm_note=CC_DRM_NOTE["1.0"],
            no_additional_restrictions=True,
            attribution=(
                "copyright-notice",
                "license-notice",
                "disclaimer-notice",
                "license-uri",
            ),
            legal_code_url=sa_url + "legalcode",
            deed_url=sa_url,
            extmetadata_names=("CC SA 1.0", "cc-sa-1.0"),
            urls=_url_forms(sa_url, "legalcode", "deed.en"),
            sources=[("legalcode:CC-SA-1.0", "§4(b)")],
            notes=("One of the 1.0 licences without the Attribution element.",),
        )
    )
    return recs


# --------------------------------------------------------------------------
# CC0, Public Domain Mark, PD tags
# --------------------------------------------------------------------------
PD_RULE_NOTE = (
    "No licence applies: an adaptation may be licensed under anything. "
    "Attribution is not legally required but recommended; the public-domain "
    "status itself depends on the jurisdiction."
)


def pd_records() -> list[Record]:
    """CC0, the CC public-domain instruments and Commons public-domain tags."""
    recs: list[Record] = []
    zero = "https://creativecommons.org/publicdomain/zero/1.0/"
    recs.append(
        _record(
            id="CC0-1.0",
            name="Creative Commons Zero v1.0 Universal",
            family="CC0",
            kind="waiver",
            version="1.0",
            adaptation=_rule(
                "any",
                sources=[("CC-CHART", "PD/CC0 row"), ("CC0", "§2 waiver, §3 fallback")],
                note="Rights are waived (with a fallback licence): an adaptation "
                "may be licensed under anything. Mark it 'with CC0', not "
                "'licensed under'.",
            ),
            legal_code_url=zero + "legalcode",
            deed_url=zero,
            commons_templates=("Cc-zero", "CC0", "CC-zero"),
            commons_categories=("CC-Zero",),
            extmetadata_names=("CC0", "cc0", "CC0 1.0", "CC-Zero", "cc-zero"),
            aliases=(
                "CC0 1.0 Universal",
                "Creative Commons Zero",
                "Creative Commons Zero, Public Domain Dedication",
                "CC0 1.0 Universal Public Domain Dedication",
            ),
            urls=_url_forms(zero, "legalcode", "deed.en"),
            sources=[("CC0", "§2 waiver, §3 fallback licence"), ("CC0", "§4(c)")],
            notes=(
                "CC0 §4(c): the affirmer disclaims responsibility for clearing the "
                "rights of other persons (e.g. database rights in imported data).",
                "Wikidata's structured data (main, Property and Lexeme "
                "namespaces) is CC0.",
            ),
            wikidata=WIKIDATA_QIDS["CC0-1.0"],
        )
    )
    mark = "https://creativecommons.org/publicdomain/mark/1.0/"
    recs.append(
        _record(
            id="CC-PDM-1.0",
            name="Creative Commons Public Domain Mark 1.0",
            family="PDM",
            kind="public-domain",
            version="1.0",
            adaptation=_rule(
                "any",
                sources=[("CC-CHART", "PD row")],
                note=PD_RULE_NOTE,
            ),
            legal_code_url=mark,
            deed_url=mark,
            commons_categories=("CC-PD-Mark",),
            extmetadata_names=("PDM 1.0", "Public Domain Mark 1.0", "pdm"),
            aliases=("Public Domain Mark", "CC PDM 1.0"),
            urls=_url_forms(mark, "deed.en"),
            sources=[("CC-CHART", "PD row")],
            notes=(
                "A label that a work is free of known copyright restrictions, not "
                "a licence or waiver; it is only as good as the facts behind it.",
            ),
        )
    )
    pddc = "https://creativecommons.org/licenses/publicdomain/"
    recs.append(
        _record(
            id="CC-PDDC",
            name="Creative Commons Public Domain Dedication and Certification",
            family="PD",
            kind="public-domain",
            adaptation=_rule(
                "any", sources=[("CC-CHART", "PD row")], note=PD_RULE_NOTE
            ),
            legal_code_url=pddc,
            deed_url=pddc,
            commons_templates=("Cc-pd", "CC-PD"),
            extmetadata_names=("CC-PD", "cc-pd"),
            aliases=("Public Domain Dedication and Certification",),
            urls=_url_forms(pddc),
            sources=[("CC-CHART", "PD row"), ("CC-PORTS", "{{CC-PD}} accepted")],
            notes=("CC's retired public-domain dedication/certification.",),
            deprecated=True,
        )
    )
    recs.append(
        _record(
            id="LicenseRef-wikireuse-PD",
            name="Public domain (basis not stated)",
            family="PD",
            kind="public-domain",
            adaptation=_rule("any", sources=[("COM-PD", "")], note=PD_RULE_NOTE),
            legal_code_url=SOURCES["COM-PD"][1],
            extmetadata_names=("Public domain", "pd", "Public Domain"),
            sources=[("COM-PD", ""), ("CM-LP", "'Public Domain' → pd")],
            notes=(
                "Commons' extmetadata reports every public-domain tag as 'Public "
                "domain'; the basis (and so the jurisdiction) is in the tag on the "
                "file page.",
            ),
            spdx=False,
        )
    )
    for suffix, templates, meaning in PD_TAGS:
        rid = f"LicenseRef-wikireuse-{suffix}"
        recs.append(
            _record(
                id=rid,
                name=f"Public domain: {suffix}",
                family="PD",
                kind="public-domain",
                adaptation=_rule(
                    "any",
                    sources=[("COM-PD", suffix), ("CC-CHART", "PD row")],
                    note=PD_RULE_NOTE,
                ),
                legal_code_url=SOURCES["COM-PD"][1],
                commons_templates=templates,
                extmetadata_names=(suffix,),
                sources=[("COM-PD", suffix), ("CC-CHART", "PD row")],
                notes=(meaning,),
                spdx=False,
            )
        )
    return recs


# --------------------------------------------------------------------------
# GNU family
# --------------------------------------------------------------------------
GFDL_VERSIONS = ("1.1", "1.2", "1.3")
GFDL_VARIANTS = ("", "invariants-", "no-invariants-")
GFDL_URL = {
    "1.1": "https://www.gnu.org/licenses/old-licenses/fdl-1.1.html",
    "1.2": "https://www.gnu.org/licenses/old-licenses/fdl-1.2.html",
    "1.3": "https://www.gnu.org/licenses/fdl-1.3.html",
}
GFDL_SRC = {"1.1": "GFDL11", "1.2": "GFDL12", "1.3": "GFDL13"}
GFDL_TEMPLATES = {
    "GFDL-1.2-no-invariants-or-later": (
        "GFDL",
        "GFDL-self",
        "GFDL-self-with-disclaimers",
        "GFDL-with-disclaimers",
        "GFDL-user",
        "GFDL-self-en",
    ),
    "GFDL-1.2-no-invariants-only": ("GFDL-1.2",),
}
GFDL_EXT = {
    "GFDL-1.2-no-invariants-or-later": ("GFDL", "gfdl"),
    "GFDL-1.2-no-invariants-only": ("GFDL 1.2", "GFDL-1.2"),
    "GFDL-1.3-no-invariants-only": ("GFDL 1.3",),
}


def gnu_records() -> list[Record]:
    """GFDL (every SPDX variant), GPL, LGPL and AGPL."""
    recs: list[Record] = []
    for version in GFDL_VERSIONS:
        for variant in GFDL_VARIANTS:
            for later in (False, True):
                stem = f"GFDL-{version}-{variant}"
                rid = stem + ("or-later" if later else "only")
                src = GFDL_SRC[version]
                kind_words = {
                    "": "",
                    "invariants-": " with Invariant Sections",
                    "no-invariants-": " with no Invariant Sections",
                }[variant]
                name = (
                    f"GNU Free Documentation License v{version}"
                    f"{' or later' if later else ' only'}{kind_words}"
                )
                if later:
                    targets = sorted(
                        f"GFDL-{v}-{variant}{suffix}"
                        for v in GFDL_VERSIONS
                        if _vkey(v) >= _vkey(version)
                        for suffix in ("only", "or-later")
                    )
                    mode = "same-or-later"
                    note = (
                        "Modified Versions must be released under precisely this "
                        "License (§4); because the grant is 'version "
                        f"{version} or any later version' (§10), a later GFDL "
                        "version may be chosen. Relicensing to CC BY-SA 3.0 under "
                        "GFDL 1.3 §11 was an operator-only option for eligible "
                        "wiki content before 2009-08-01, not an adapter's choice."
                    )
                    clause = "§4, §10"
                else:
                    targets = [rid]
                    mode = "same"
                    note = (
                        "Modified Versions must be released under precisely this "
                        "License (§4); no later version may be chosen."
                    )
                    clause = "§4"
                notes = []
                if rid == "GFDL-1.2-no-invariants-or-later":
                    notes.append(
                        "Commons' {{GFDL}} template: 'Version 1.2 or any later "
                        "version … with no Invariant Sections, no Front-Cover "
                        "Texts, and no Back-Cover Texts'. Eligible files may also "
                        "be used under CC BY-SA 3.0 ({{License migration}}); "
                        "GFDL-only uploads are no longer accepted on Commons "
                        "(cut-off 2018-10-15)."
                    )
                if variant == "":
                    notes.append(
                        "Whether the work has Invariant Sections or Cover Texts "
                        "is not stated by this identifier."
                    )
                ext = list(GFDL_EXT.get(rid, ()))
                aliases: list[str] = []
                urls: list[str] = []
                if variant == "" and not later:
                    urls = _url_forms(GFDL_URL[version])
                    urls += [GFDL_URL[version].replace(".html", ".txt")]
                    aliases.append(f"GNU Free Documentation License {version}")
                    if version != "1.2":  # {{GFDL-1.2}} is the no-invariants tag
                        ext.append(f"GFDL-{version}")  # deprecated SPDX id
                if variant == "" and later:
                    aliases.append(f"GNU Free Documentation License {version} or later")
                    ext.append(f"GFDL-{version}+")
                recs.append(
                    _record(
                        id=rid,
                        name=name,
                        family="GFDL",
                        version=version,
                        elements=("BY", "SA"),
                        or_later=later,
                        adaptation=_rule(
                            mode,
                            targets,
                            sources=[(src, clause)],
                            note=note,
                        ),
                        drm="forbidden",
                        drm_note="§2: no technical measures to obstruct or control "
                        "the reading or further copying of the copies you make or "
                        "distribute.",
                        no_additional_restrictions=True,
                        attribution=(
                            "license-notice",
                            "copyright-notice",
                            "license-text",
                            "history-section",
                            "title-page-credit",
                            "keep-invariant-sections",
                        ),
                        legal_code_url=GFDL_URL[version],
                        commons_templates=GFDL_TEMPLATES.get(rid, ()),
                        commons_categories=("GFDL",)
                        if rid == "GFDL-1.2-no-invariants-or-later"
                        else (),
                        extmetadata_names=ext,
                        aliases=aliases,
                        urls=urls,
                        sources=[
                            (src, clause),
                            (src, "§2 verbatim copying"),
                            (src, "§4 modifications"),
                        ]
                        + (
                            [("COM-LU", ""), ("WMF-2008", "")]
                            if version != "1.1"
                            else []
                        ),
                        notes=notes,
                    )
                )
    gpl = [
        (
            "GPL",
            "2.0",
            "GPL2",
            "https://www.gnu.org/licenses/old-licenses/gpl-2.0.html",
            "GNU General Public License",
            "§2(b)",
            "§9",
        ),
        (
            "GPL",
            "3.0",
            "GPL3",
            "https://www.gnu.org/licenses/gpl-3.0.html",
            "GNU General Public License",
            "§5(c)",
            "§14",
        ),
        (
            "LGPL",
            "2.0",
            "LGPL20",
            "https://www.gnu.org/licenses/old-licenses/lgpl-2.0.html",
            "GNU Library General Public License",
            "§2(c), §3",
            "§13",
        ),
        (
            "LGPL",
            "2.1",
            "LGPL21",
            "https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html",
            "GNU Lesser General Public License",
            "§2(c), §3",
            "§13",
        ),
        (
            "LGPL",
            "3.0",
            "LGPL3",
            "https://www.gnu.org/licenses/lgpl-3.0.html",
            "GNU Lesser General Public License",
            "§0-§2",
            "§6",
        ),
        (
            "AGPL",
            "3.0",
            "AGPL3",
            "https://www.gnu.org/licenses/agpl-3.0.html",
            "GNU Affero General Public License",
            "§5(c), §13",
            "§14",
        ),
    ]
    gpl_templates = {
        "GPL-2.0-or-later": (("GPL",), ("GPL", "GPL-2.0+")),
        "GPL-2.0-only": (("GPLv2 only",), ("GPL-2.0",)),
        "GPL-3.0-only": (("GPLv3 only",), ("GPL-3.0",)),
        "GPL-3.0-or-later": (("GPLv3",), ("GPL-3.0+",)),
        "LGPL-2.1-or-later": (("LGPL",), ("LGPL", "LGPL-2.1+")),
        "LGPL-2.1-only": ((), ("LGPL-2.1",)),
        "LGPL-2.0-or-later": ((), ("LGPL-2.0+",)),
        "LGPL-2.0-only": ((), ("LGPL-2.0",)),
        "LGPL-3.0-only": ((), ("LGPL-3.0",)),
        "LGPL-3.0-or-later": ((), ("LGPL-3.0+",)),
        "AGPL-3.0-only": ((), ("AGPL-3.0",)),
        "AGPL-3.0-or-later": ((), ("AGPL-3.0+",)),
    }
    for family, version, src, url, title, copyleft_clause, later_clause in gpl:
        for later in (False, True):
            rid = f"{family}-{version}-{'or-later' if later else 'only'}"
            # GPL versions a work may move to.
            gpl_targets: list[str]
            if family == "GPL":
                gpl_targets = [rid]
                if later:
                    gpl_targets = [
                        f"GPL-{v}-{s}"
                        for v in ("2.0", "3.0")
                        if _vkey(v) >= _vkey(version)
                        for s in ("only", "or-later")
                    ]
                note = (
                    "A work based on the Program must be licensed as a whole under "
                    f"this License ({copyleft_clause})"
                    + (
                        f"; 'or any later version' ({later_clause}) lets the adapter "
                        "choose a later GPL version."
                        if later
                        else "; no later version may be chosen."
                    )
                )
            elif family == "LGPL" and version in {"2.0", "2.1"}:
                own = (
                    [rid]
                    if not later
                    else [
                        f"LGPL-{v}-{s}"
                        for v in ("2.0", "2.1", "3.0")
                        if _vkey(v) >= _vkey(version)
                        for s in ("only", "or-later")
                    ]
                )
                gpl_targets = own + [
                    f"GPL-{v}-{s}" for v in ("2.0", "3.0") for s in ("only", "or-later")
                ]
                note = (
                    "Modified libraries stay under this License (§2), or may be "
                    "converted to the ordinary GNU GPL version 2 or any later "
                    "version (§3)."
                    + (
                        f" 'Or any later version' ({later_clause}) allows later "
                        "LGPL versions."
                        if later
                        else ""
                    )
                )
            elif family == "LGPL":
                gpl_targets = [rid, "GPL-3.0-only"] + (
                    ["LGPL-3.0-only", "GPL-3.0-or-later"] if later else []
                )
                note = (
                    "LGPLv3 is GPLv3 plus additional permissions (LGPLv3 "
                    "preamble; GPLv3 §7 allows removing additional permissions), "
                    "so an adaptation may be under LGPLv3 or GPLv3."
                )
            else:  # AGPL
                gpl_targets = [rid] + (["AGPL-3.0-only"] if later else [])
                note = (
                    "A work based on the Program must be licensed as a whole under "
                    "this License (§5(c)); §13 allows combining with GPLv3 works, "
                    "each part keeping its own licence."
                )
            combination = _gnu_combination(family, version, later)
            templates, gpl_ext = gpl_templates.get(rid, ((), ()))
            urls = [*_url_forms(url), url.replace(".html", ".txt")] if not later else []
            recs.append(
                _record(
                    id=rid,
                    name=f"{title} v{version} {'or later' if later else 'only'}",
                    family=family,
                    version=version,
                    elements=("BY", "SA"),
                    or_later=later,
                    adaptation=_rule(
                        "copyleft",
                        sorted(set(gpl_targets)),
                        sources=[
                            (src, f"{copyleft_clause}, {later_clause}")
                            if later
                            else (src, copyleft_clause)
                        ]
                        + ([(src, "§13")] if combination else []),
                        note=note
                        + (" " + GNU_COMBINATION_NOTE[family] if combination else ""),
                        compatible=combination,
                    ),
                    drm="none",
                    drm_note=(
                        "No ban on technical measures; GPLv3 §3 waives "
                        "anti-circumvention claims and §6 requires Installation "
                        "Information for User Products."
                        if version.startswith("3")
                        else "No clause on technical measures."
                    ),
                    no_additional_restrictions=True,
                    attribution=(
                        "copyright-notice",
                        "license-notice",
                        "license-text",
                        "indicate-changes",
                        "source-code",
                    ),
                    legal_code_url=url,
                    commons_templates=templates,
                    extmetadata_names=gpl_ext,
                    aliases=(f"{title} {version}{' or later' if later else ''}",),
                    urls=urls,
                    sources=[(src, copyleft_clause), (src, later_clause)],
                    notes=(
                        (
                            "The legal-code URL gives the text; whether the grant is "
                            "'only' or 'or later' is stated in the licence notice. A "
                            "bare URL is read as 'only'.",
                        )
                        if not later
                        else ()
                    ),
                )
            )
    return recs


# GPLv3 §13 and AGPLv3 §13 ("Use with the GNU Affero/General Public License"):
# a covered work may be combined with a work under the other licence into one
# combined work; each part keeps its licence and the AGPL's network-interaction
# requirement applies to the combination. A GPL-2.0-or-later work reaches this
# clause by choosing version 3 (GPLv2 §9). Dates: GPLv3 and AGPLv3 publication.
GNU_COMBINATION_NOTE = {
    "GPL": "GPLv3 §13 permits combining with a work under AGPLv3 into one "
    "combined work: the GPL part stays under the GPL, and the AGPL's network "
    "clause (AGPLv3 §13) applies to the combination as such.",
    "AGPL": "AGPLv3 §13 permits combining with a work under GPLv3 into one "
    "combined work: the AGPL part stays under the AGPL and its network clause "
    "applies to the combination; the other part stays under the GPL.",
}


def _gnu_combination(family: str, version: str, later: bool) -> list[dict[str, str]]:
    """The combination permissions of GPLv3 §13 / AGPLv3 §13 for one record."""
    reaches_v3 = version == "3.0" or (family == "GPL" and later)
    if family == "GPL" and reaches_v3:
        other, src, since = "AGPL", "GPL3", "2007-06-29"
    elif family == "AGPL":
        other, src, since = "GPL", "AGPL3", "2007-11-19"
    else:
        return []
    return [
        {
            "target": f"{other}-3.0-{suffix}",
            "direction": "combination",
            "since": since,
            "source": src,
        }
        for suffix in ("only", "or-later")
    ]


# --------------------------------------------------------------------------
# Other free licences
# --------------------------------------------------------------------------


# Permissive licences whose terms are not accepted by every copyleft licence.
# Apache-2.0's patent-termination and indemnification terms (§3, §9) are
# "further restrictions" under GPLv2 §6 and LGPLv2.x §10; GPLv3 §7/§10 accept
# them (FSF licence list, entry "Apache License, Version 2.0"; ASF's own GPL
# compatibility page). Version 3 of the GNU licences includes LGPLv3 (GPLv3 plus
# permissions) and AGPLv3 (GPLv3 §13 compatible).
PERMISSIVE_RULES: dict[str, dict[str, Any]] = {
    "Apache-2.0": _rule(
        "any",
        excluded=["GPL-2.0-only", "LGPL-2.0-only", "LGPL-2.1-only"],
        conditional=["GPL-2.0-or-later", "LGPL-2.0-or-later", "LGPL-2.1-or-later"],
        sources=[
            ("APACHE2", "§4 redistribution"),
            (
                "FSF-LIST",
                "compatibility: Apache License 2.0 is compatible with GPLv3, "
                "not with GPLv2 (patent termination and indemnification)",
            ),
            ("APACHE-GPL", "compatibility: may be included in GPLv3 works"),
            ("FSF-COMPAT", "compatibility: Apache 2.0 patent clauses vs GPLv2"),
        ],
        note="Apache-2.0 material may go into an adaptation under any licence "
        "except the version-2 GNU licences: the FSF holds that its "
        "patent-termination and indemnification terms are further restrictions "
        "that GPLv2 §6 and LGPLv2.x §10 forbid, so GPL-2.0-only, LGPL-2.0-only "
        "and LGPL-2.1-only are incompatible. GPLv3, LGPLv3 and AGPLv3 accept it "
        "(FSF, ASF). Under GPL-2.0-or-later or LGPL-2.x-or-later the combined "
        "work can only be used under version 3 or later of the GNU licence: "
        "label it GPL-3.0-or-later (or LGPL-3.0-or-later) to say so.",
    ),
}


def other_records() -> list[Record]:
    """FAL, Open Data Commons, permissive software and government licences."""
    recs: list[Record] = []
    lal13 = "https://artlibre.org/licence/lal/en/"
    recs.append(
        _record(
            id="LAL-1.3",
            name="Free Art License 1.3 (Licence Art Libre)",
            family="FAL",
            version="1.3",
            elements=("BY", "SA"),
            adaptation=_rule(
                "copyleft",
                ["CC-BY-SA-4.0", "LAL-1.3"],
                compatible=[
                    {
                        "target": "CC-BY-SA-4.0",
                        "direction": "two-way",
                        "since": "2014-10-21",
                        "source": "CC-FAL",
                    }
                ],
                sources=[
                    ("LAL13", "§2.3 share-alike"),
                    ("CC-FAL", "determination 2014-10-21"),
                ],
                note="Copies and modified works stay under the Free Art License; "
                "CC declared FAL 1.3 and CC BY-SA 4.0 two-way compatible "
                "(2014-10-21): an adaptation may be licensed under either, and "
                "both authors must be attributed.",
            ),
            drm="none",
            drm_note="The FAL 1.3 text was not checked for a "
            "technological-measures clause.",
            attribution=(
                "creator",
                "license-notice",
                "license-uri",
                "indicate-changes",
            ),
            legal_code_url=lal13,
            deed_url=lal13,
            commons_templates=("FAL", "Free Art License"),
            commons_categories=("Free Art License",),
            extmetadata_names=("FAL", "FAL 1.3", "Free Art License"),
            aliases=("Licence Art Libre 1.3", "Free Art License 1.3", "LAL 1.3"),
            urls=_url_forms(lal13) + _url_forms("https://artlibre.org/licence/lal/"),
            sources=[("LAL13", "whole text"), ("CC-FAL", "")],
            notes=(
                "Commons' {{FAL}} tag names no version; it is read as 1.3, the "
                "version artlibre.org publishes.",
            ),
        )
    )
    lal12 = "https://artlibre.org/licence/lal/licence-art-libre-12/"
    recs.append(
        _record(
            id="LAL-1.2",
            name="Free Art License 1.2 (Licence Art Libre)",
            family="FAL",
            version="1.2",
            elements=("BY", "SA"),
            adaptation=_rule(
                "copyleft",
                ["LAL-1.2"],
                conditional=["LAL-1.3"],
                sources=[("LAL12", "share-alike")],
                note="Modified works stay under the Free Art License. Whether 1.2 "
                "lets an adapter choose 1.3 (and so reach CC BY-SA 4.0) depends on "
                "its version clause, which has not been checked: conditional.",
            ),
            attribution=(
                "creator",
                "license-notice",
                "license-uri",
                "indicate-changes",
            ),
            legal_code_url=lal12,
            extmetadata_names=("FAL 1.2",),
            aliases=("Licence Art Libre 1.2", "Free Art License 1.2"),
            urls=_url_forms(lal12),
            sources=[("LAL12", "whole text")],
        )
    )
    odbl = "https://opendatacommons.org/licenses/odbl/1-0/"
    recs.append(
        _record(
            id="ODbL-1.0",
            name="Open Data Commons Open Database License v1.0",
            family="ODbL",
            version="1.0",
            elements=("BY", "SA"),
            adaptation=_rule(
                "copyleft",
                ["ODbL-1.0"],
                sources=[("ODBL", "§4.4"), ("OSMF-FAQ", "produced works")],
                note="A publicly used Derivative Database must be offered under "
                "this licence, a later version similar in spirit, or a compatible "
                "licence (§4.4; none is declared). A Produced Work (e.g. a map "
                "image) may carry any licence but needs the §4.3 notice.",
            ),
            drm="parallel-distribution",
            drm_note="§4.7: technological measures are allowed only if an "
            "unrestricted copy is also made available.",
            attribution=("license-notice", "copyright-notice", "produced-work-notice"),
            legal_code_url=odbl,
            deed_url="https://opendatacommons.org/licenses/odbl/summary/",
            commons_templates=("ODbL", "ODbL OpenStreetMap"),
            extmetadata_names=("ODbL", "ODbL 1.0"),
            aliases=("Open Database License", "Open Database License 1.0"),
            urls=_url_forms(odbl)
            + _url_forms("https://opendatacommons.org/licenses/odbl/1.0/"),
            sources=[("ODBL", "§4.3, §4.4, §4.7"), ("OSMF-FAQ", "")],
            notes=(
                "CC BY-SA and ODbL are not compatible (Wikidata cannot import "
                "ODbL databases).",
            ),
        )
    )
    # id, name, family, kind, source key, legal url, templates, extmetadata
    # names, attribution, note
    simple: list[tuple[Any, ...]] = [
        (
            "LicenseRef-wikireuse-DbCL-1.0",
            "Open Data Commons Database Contents License v1.0",
            "ODbL",
            "license",
            "DBCL",
            "https://opendatacommons.org/licenses/dbcl/1-0/",
            (),
            ("DbCL", "DbCL 1.0", "DbCL-1.0"),
            (),
            "Licence for the individual contents of an ODbL database; it sets no "
            "conditions on their reuse.",
        ),
        (
            "ODC-By-1.0",
            "Open Data Commons Attribution License v1.0",
            "ODC",
            "license",
            "ODC-BY",
            "https://opendatacommons.org/licenses/by/1-0/",
            (),
            ("ODC-BY", "ODC-By 1.0"),
            ("license-notice", "copyright-notice"),
            "Attribution-only database licence.",
        ),
        (
            "PDDL-1.0",
            "Open Data Commons Public Domain Dedication and License v1.0",
            "PDDL",
            "waiver",
            "PDDL",
            "https://opendatacommons.org/licenses/pddl/1-0/",
            (),
            ("PDDL",),
            (),
            "Public-domain dedication for databases.",
        ),
        (
            "MIT",
            "MIT License",
            "MIT",
            "license",
            "MIT",
            "https://opensource.org/licenses/MIT",
            ("MIT", "Expat"),
            ("MIT", "MIT License", "Expat"),
            ("copyright-notice", "license-text"),
            "Permissive: keep the copyright and "
            "permission notice in copies and substantial portions.",
        ),
        (
            "BSD-2-Clause",
            'BSD 2-Clause "Simplified" License',
            "BSD",
            "license",
            "BSD2",
            "https://opensource.org/licenses/BSD-2-Clause",
            ("BSD-2-Clause",),
            ("BSD-2-Clause",),
            ("copyright-notice", "license-text"),
            "Permissive: keep the notices.",
        ),
        (
            "BSD-3-Clause",
            'BSD 3-Clause "New" or "Revised" License',
            "BSD",
            "license",
            "BSD3",
            "https://opensource.org/licenses/BSD-3-Clause",
            ("BSD-3-Clause",),
            ("BSD-3-Clause",),
            ("copyright-notice", "license-text", "no-endorsement"),
            "Permissive: keep the notices; no endorsement using contributors' names.",
        ),
        (
            "ISC",
            "ISC License",
            "ISC",
            "license",
            "ISC",
            "https://opensource.org/licenses/ISC",
            (),
            ("ISC",),
            ("copyright-notice", "license-text"),
            "Permissive: keep the notices.",
        ),
        (
            "Apache-2.0",
            "Apache License 2.0",
            "Apache",
            "license",
            "APACHE2",
            "https://www.apache.org/licenses/LICENSE-2.0",
            ("Apache-2.0",),
            ("Apache 2.0", "Apache-2.0"),
            ("copyright-notice", "license-text", "indicate-changes", "notice-file"),
            "Permissive (§4): give recipients a copy of the licence, mark modified "
            "files, keep notices and the NOTICE file.",
        ),
        (
            "Unlicense",
            "The Unlicense",
            "Unlicense",
            "waiver",
            "UNLICENSE",
            "https://unlicense.org/",
            (),
            ("Unlicense",),
            (),
            "Public-domain dedication with a permissive fallback.",
        ),
        (
            "OGL-UK-1.0",
            "Open Government Licence v1.0",
            "OGL",
            "license",
            "OGL",
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/1/",
            ("OGL",),
            ("OGL", "OGL 1.0"),
            ("creator", "license-notice", "license-uri"),
            "UK public-sector information; attribution statement required.",
        ),
        (
            "OGL-UK-2.0",
            "Open Government Licence v2.0",
            "OGL",
            "license",
            "OGL",
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/2/",
            ("OGL2", "OGL-2.0"),
            ("OGL 2.0", "OGL2"),
            ("creator", "license-notice", "license-uri"),
            "UK public-sector information; attribution statement required.",
        ),
        (
            "OGL-UK-3.0",
            "Open Government Licence v3.0",
            "OGL",
            "license",
            "OGL",
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            ("OGL3", "OGL-3.0"),
            ("OGL 3.0", "OGL3", "OGL v3.0"),
            ("creator", "license-notice", "license-uri"),
            "UK public-sector information; attribution statement required. Designed "
            "to be compatible with CC BY 4.0 and ODC-By.",
        ),
        (
            "etalab-2.0",
            "Etalab Open License 2.0",
            "Etalab",
            "license",
            "ETALAB",
            "https://www.etalab.gouv.fr/wp-content/uploads/2017/04/ETALAB-Licence-Ouverte-v2.0.pdf",
            ("Licence Ouverte 2", "Licence Ouverte 2.0"),
            ("Licence Ouverte 2.0", "LO 2.0"),
            ("creator", "uri", "date"),
            "French public-sector licence; attribution "
            "(source and date of last update) required.",
        ),
        (
            "DL-DE-BY-2.0",
            "Data licence Germany – attribution – version 2.0",
            "DL-DE",
            "license",
            "DL-DE",
            "https://www.govdata.de/dl-de/by-2-0",
            (),
            ("DL-DE-BY-2.0", "dl-de/by-2-0"),
            ("creator", "license-notice", "license-uri", "indicate-changes"),
            "German public-sector data licence; attribution required.",
        ),
        (
            "DL-DE-ZERO-2.0",
            "Data licence Germany – Zero – version 2.0",
            "DL-DE",
            "license",
            "DL-DE",
            "https://www.govdata.de/dl-de/zero-2-0",
            (),
            ("DL-DE-ZERO-2.0", "dl-de/zero-2-0"),
            (),
            "German public-sector data licence without conditions.",
        ),
        (
            "LicenseRef-wikireuse-Attribution",
            "Attribution (Commons tag)",
            "Attribution",
            "license",
            "COM-VFL",
            "https://commons.wikimedia.org/wiki/Template:Attribution",
            ("Attribution",),
            ("Attribution",),
            ("creator",),
            "Commons {{Attribution}}: the file may be used for any purpose provided "
            "the copyright holder is properly attributed.",
        ),
        (
            "LicenseRef-wikireuse-Copyrighted-free-use",
            "Copyrighted free use (Commons tag)",
            "Other",
            "license",
            "COM-VFL",
            "https://commons.wikimedia.org/wiki/Template:Copyrighted_free_use",
            ("Copyrighted free use",),
            ("Copyrighted free use",),
            (),
            "Commons {{Copyrighted free use}}: the copyright holder allows anyone to "
            "use the work for any purpose, including unrestricted redistribution, "
            "commercial use and modification.",
        ),
    ]
    for rid, name, family, kind, src, url, templates, ext, attribution, note in simple:
        rule = PERMISSIVE_RULES.get(rid) or _rule(
            "any",
            sources=[(src, "")],
            note="Permissive: an adaptation may be licensed under any "
            "licence; the notices this licence requires stay with the "
            "material taken from the work.",
        )
        urls = (
            _url_forms(url)
            if not url.startswith(SOURCES["COM-VFL"][1].split("/wiki")[0])
            else []
        )
        if rid == "Apache-2.0":
            urls += [
                "https://www.apache.org/licenses/LICENSE-2.0.txt",
                "https://www.apache.org/licenses/LICENSE-2.0.html",
            ]
        if rid.startswith(("ODC", "LicenseRef-wikireuse-DbCL", "PDDL")):
            urls += _url_forms(url.replace("/1-0/", "/1.0/"))
        version = next((p for p in rid.split("-") if p[:1].isdigit()), None)
        recs.append(
            _record(
                id=rid,
                name=name,
                family=family,
                kind=kind,
                version=version,
                elements=("BY",) if attribution else (),
                adaptation=rule,
                attribution=attribution,
                legal_code_url=url,
                commons_templates=templates,
                extmetadata_names=ext,
                aliases=(name,),
                urls=urls,
                sources=[(src, "")],
                notes=(note,),
                spdx=not rid.startswith("LicenseRef-"),
            )
        )
    return recs


# Commons templates that offer several licences at once (the reuser chooses):
# name -> the licence ids of the OR-expression. {{Cc-by-sa-all}} reads "Creative
# Commons Attribution-Share Alike 3.0 Unported, 2.5 Generic, 2.0 Generic and
# 1.0 Generic"; it is the licence of the common {{self|GFDL|cc-by-sa-all}}.
MULTI_TEMPLATES: dict[str, tuple[str, ...]] = {
    "Cc-by-sa-all": ("CC-BY-SA-3.0", "CC-BY-SA-2.5", "CC-BY-SA-2.0", "CC-BY-SA-1.0"),
}


# GNU licence names without a version, read by the licence's own terms: "If
# the Program does not specify a version number of this License, you may
# choose any version ever published by the Free Software Foundation" (GPLv2
# §9, GPLv3 §14, AGPLv3 §14; LGPLv2.1 §13 and GFDL §10 likewise). The oldest
# version held here "or later" is that choice (GPL/AGPL 1.0 are not held,
# which only removes options). Commons' unversioned tags ({{GPL}}, {{LGPL}},
# {{GFDL}}) state their versions and keep their own records.
GNU_UNVERSIONED = {
    "GPL-2.0-or-later": ("GNU General Public License", "GNU GPL"),
    "LGPL-2.0-or-later": (
        "GNU Lesser General Public License",
        "GNU Library General Public License",
        "GNU LGPL",
    ),
    "AGPL-3.0-or-later": ("GNU Affero General Public License", "GNU AGPL", "AGPL"),
    "GFDL-1.1-or-later": ("GNU Free Documentation License", "GNU FDL", "FDL"),
}

PROPRIETARY_ID = "LicenseRef-wikireuse-proprietary"


def proprietary_record() -> Record:
    """A closed target: "proprietary", "all rights reserved", "closed source".

    Not a licence text but the default of copyright law: the rightsholder
    keeps the exclusive rights to reproduce and adapt (Berne Art. 9, 12), so
    as a *source* it permits nothing, and as a *target* it is whatever terms
    the publisher of a closed product sets.
    """
    return _record(
        id=PROPRIETARY_ID,
        name="Proprietary licence (all rights reserved)",
        family="PROPRIETARY",
        adaptation=_rule(
            "none",
            sources=[("BERNE", "Art. 9(1), Art. 12")],
            note="All rights reserved: no licence lets others copy, share or "
            "adapt the material; only the rightsholder's permission (or a "
            "copyright exception such as quotation) does.",
        ),
        legal_code_url=SOURCES["BERNE"][1],
        aliases=(
            "Proprietary",
            "Proprietary licence",
            "Proprietary license",
            "All rights reserved",
            "Copyright, all rights reserved",
            "Closed source",
            "Closed-source licence",
            "Closed-source license",
            "Closed licence",
            "Closed license",
            "Commercial licence",
            "Commercial license",
            "Proprietary software licence",
            "Proprietary software license",
            "EULA",
            "End-user licence agreement",
            "End-user license agreement",
        ),
        sources=[("BERNE", "Art. 9(1) reproduction"), ("BERNE", "Art. 12 adaptations")],
        notes=(
            "As a target: a closed product whose publisher grants its own, "
            "restrictive terms. Attribution-only sources may go into it with "
            "their notices; share-alike and copyleft sources may not be adapted "
            "into it, and may sit in it as a collection only if they stay under "
            "their own licence.",
        ),
        spdx=False,
    )


def unknown_record() -> Record:
    """The explicit unknown: what ``parse`` returns for text it cannot resolve."""
    return _record(
        id="LicenseRef-wikireuse-unknown",
        name="Unknown licence",
        family="UNKNOWN",
        kind="unknown",
        adaptation=_rule(
            "none",
            sources=[("COM-L", "per-file licences must be verified")],
            note="Nothing is known about this licence, so no use can be "
            "judged: find the actual licence first.",
        ),
        legal_code_url="",
        sources=[("COM-L", "")],
        notes=("The input text did not name a licence the knowledge base knows.",),
        spdx=False,
    )


# --------------------------------------------------------------------------
# assembly
# --------------------------------------------------------------------------


def norm_key(text: str) -> str:
    """Lookup key: case-folded, underscores as spaces, whitespace collapsed.

    ``wikireuse.licenses._kb`` normalises with the same rule.
    """
    return " ".join(text.replace("_", " ").casefold().split())


def _check(records: list[Record]) -> None:
    """Fail loudly on inconsistent data instead of writing it."""
    owner: dict[str, str] = {}
    for r in records:
        names = [r["id"], r["name"], *r["commons_templates"], *r["commons_categories"]]
        names += [*r["extmetadata_names"], *r["aliases"]]
        for name in names:
            key = norm_key(name)
            if owner.setdefault(key, r["id"]) != r["id"]:
                raise ValueError(f"{name!r} names both {owner[key]} and {r['id']}")
    ids = [r["id"] for r in records]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise ValueError(f"duplicate ids: {sorted(dupes)}")
    known = set(ids)
    for r in records:
        rule = r["adaptation"]
        for target in rule["targets"] + rule["conditional"] + rule["excluded"]:
            if target not in known:
                raise ValueError(f"{r['id']}: unknown adaptation target {target}")
        for comp in rule["compatible"]:
            if comp["target"] not in known or comp["source"] not in SOURCES:
                raise ValueError(f"{r['id']}: bad compatibility {comp}")
        if not rule["sources"]:
            raise ValueError(f"{r['id']}: adaptation rule without sources")
        for key, _clause in rule["sources"] + r["sources"]:
            if key not in SOURCES:
                raise ValueError(f"{r['id']}: unknown source key {key}")


def build() -> dict[str, Any]:
    """Every record plus the sources table, checked for consistency."""
    records = cc_records() + pd_records() + gnu_records() + other_records()
    records.append(proprietary_record())
    records.append(unknown_record())
    for r in records:
        r["aliases"] += list(GNU_UNVERSIONED.get(r["id"], ()))
    # Rule sources are also record sources, so a record names every text it uses.
    for r in records:
        have = {tuple(s) for s in r["sources"]}
        for s in r["adaptation"]["sources"]:
            if tuple(s) not in have:
                r["sources"].append(list(s))
                have.add(tuple(s))
    records.sort(key=lambda r: r["id"])
    _check(records)
    known = {r["id"] for r in records}
    # A multi-licence template must not shadow a single licence's name.
    single = {
        norm_key(n)
        for r in records
        for n in (r["id"], *r["commons_templates"], *r["extmetadata_names"])
    }
    for name, ids in MULTI_TEMPLATES.items():
        if not set(ids) <= known or norm_key(name) in single:
            raise ValueError(f"bad multi-licence template {name}: {ids}")
    used = {k for r in records for k, _ in r["sources"]}
    used.add("COM-CCT")
    used |= {c["source"] for r in records for c in r["adaptation"]["compatible"]}
    return {
        "schema": SCHEMA,
        "generated": GENERATED,
        "data_license": "CC0-1.0",
        "sources": {
            k: {"title": t, "url": u}
            for k, (t, u) in sorted(SOURCES.items())
            if k in used
        },
        "multi_templates": {
            name: {"licenses": list(ids), "source": "COM-CCT"}
            for name, ids in sorted(MULTI_TEMPLATES.items())
        },
        "licenses": records,
    }


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def render() -> str:
    """The JSON text: compact, one record per line, deterministic."""
    data = build()
    lines = ["{"]
    for key, value in data.items():
        if key not in {"licenses", "sources", "multi_templates"}:
            lines.append(f"{json.dumps(key)}:{json.dumps(value, ensure_ascii=False)},")
    lines.append('"sources":{')
    lines.append(
        ",\n".join(f"{json.dumps(k)}:{_compact(v)}" for k, v in data["sources"].items())
    )
    lines.append("},")
    lines.append(f'"multi_templates":{_compact(data["multi_templates"])},')
    lines.append('"licenses":[')
    lines.append(",\n".join(_compact(rec) for rec in data["licenses"]))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` verify) the JSON file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if stale")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = (
            args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        )
        if current != text:
            print(f"{args.output} is stale; run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(build()['licenses'])} records)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
