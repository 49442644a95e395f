"""The question bank: what reusers ask, answered from the licence texts.

Each entry is one question in our own words, the inputs that ask it, the
answer the published text gives and where that text is (licence clauses as
``§``; keys in brackets are those of the project's licence reference,
shared/reference/licences.md §8, or of the knowledge base's sources table).
A ``compatible`` answer where the bank expects anything else is a *false
permit*, the worst error the checker can make; the bank counts them apart.
"""

# ruff: noqa: E501  (a table of questions: one sentence or source per line)
from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from wikireuse.licenses import Status, check

C, X, K, U = "compatible", "incompatible", "conditional", "unknown"
CLOSED = "proprietary"


class Q(NamedTuple):
    """One question of the bank."""

    ask: str
    sources: str | tuple[str, ...]
    target: str
    expect: str
    source: str
    use: str = "adapt"
    ctx: dict[str, Any] = {}  # noqa: RUF012 - never mutated


def q(
    ask: str,
    sources: str | tuple[str, ...],
    target: str,
    expect: str,
    source: str,
    use: str = "adapt",
    **ctx: Any,
) -> Q:
    return Q(ask, sources, target, expect, source, use, ctx)


CLOSED_PRODUCTS = [
    q(
        "May I crop a CC BY 4.0 photo and ship it in my closed-source app?",
        "CC-BY-4.0",
        CLOSED,
        C,
        "CC BY 4.0 §3(a), §2(a)(1)(B): adapted material under any terms, with credit [CC-CHART]",
    ),
    q(
        "May I translate a CC BY-SA 4.0 article and sell it under my own all-rights-reserved terms?",
        "CC-BY-SA-4.0",
        CLOSED,
        X,
        "CC BY-SA 4.0 §3(b)(1): the adapter's licence must be BY-SA (or compatible) [CC-BYSA40]",
    ),
    q(
        "May an unmodified CC BY-SA 4.0 image sit in my closed e-book next to my own text?",
        "CC-BY-SA-4.0",
        CLOSED,
        K,
        "CC BY-SA interpretation: SA binds adaptations, not collections; the item keeps its licence [CC-SAI]",
        "collect",
    ),
    q(
        "May CC0 data go into my proprietary product, changed?",
        "CC0-1.0",
        CLOSED,
        C,
        "CC0 1.0 §2 waiver, §3 fallback [CC0]",
    ),
    q(
        "May I put CC0 material into a closed product with DRM?",
        "CC0-1.0",
        CLOSED,
        C,
        "CC0 1.0 §2: no conditions survive the waiver [CC0]",
        drm=True,
    ),
    q(
        "May MIT-licensed code be modified inside closed-source software?",
        "MIT",
        CLOSED,
        C,
        "MIT licence: 'deal in the Software without restriction', keep the notice [MIT]",
    ),
    q(
        "May Apache-2.0 code be changed and shipped closed?",
        "Apache-2.0",
        CLOSED,
        C,
        "Apache License 2.0 §4 redistribution with notices [APACHE2]",
    ),
    q(
        "May I modify GPLv3 code inside my proprietary program?",
        "GPL-3.0-only",
        CLOSED,
        X,
        "GPLv3 §5(c): the whole work under this License [GPL3]",
    ),
    q(
        "May a GPLv2 tool ship unmodified on the same disc as my closed program?",
        "GPL-2.0-only",
        CLOSED,
        K,
        "GPLv2 §2: mere aggregation does not bring the other work under the GPL [GPL2]",
        "collect",
    ),
    q(
        "May I change an LGPL 2.1 library itself and ship the changed library closed?",
        "LGPL-2.1-only",
        CLOSED,
        X,
        "LGPLv2.1 §2: modified libraries stay under this License [LGPL21]",
    ),
    q(
        "May I use a CC BY-NC 4.0 picture in a paid closed app?",
        "CC-BY-NC-4.0",
        CLOSED,
        X,
        "CC BY-NC 4.0 §1(i) NonCommercial, §2(a)(1) [CC-CHART]",
        "collect",
        commercial=True,
    ),
    q(
        "May a CC BY-NC 4.0 picture sit in a closed app when I do not say whether it is commercial?",
        "CC-BY-NC-4.0",
        CLOSED,
        K,
        "CC BY-NC 4.0 §2(a)(1): NonCommercial purposes only [CC-CHART]",
        "collect",
    ),
    q(
        "May an unchanged CC BY-ND 4.0 chart appear in my closed report?",
        "CC-BY-ND-4.0",
        CLOSED,
        C,
        "CC BY-ND 4.0 §2(a)(1)(A): reproduce and Share the material [CC-BYND40]",
        "verbatim",
    ),
    q(
        "May I redraw a CC BY-ND 4.0 chart for my closed report?",
        "CC-BY-ND-4.0",
        CLOSED,
        X,
        "CC BY-ND 4.0 §2(a)(1)(B): produce, not Share, Adapted Material [CC-BYND40]",
    ),
    q(
        "May a CC BY 4.0 photo go into my DRM-protected closed app?",
        "CC-BY-4.0",
        CLOSED,
        X,
        "CC BY 4.0 §2(a)(5)(C): no Effective Technological Measures [CC-BY40]",
        "collect",
        drm=True,
    ),
    q(
        "May an unmodified CC BY-SA 3.0 map sit in my DRM-locked app store product?",
        "CC-BY-SA-3.0",
        CLOSED,
        X,
        "CC BY-SA 3.0 §4(a): no effective technological measures, also in a Collection",
        "collect",
        drm=True,
    ),
    q(
        "May I rewrite a GFDL manual into my proprietary handbook?",
        "GFDL-1.3-only",
        CLOSED,
        X,
        "GFDL 1.3 §4: Modified Versions under precisely this License [GFDL13]",
    ),
    q(
        "May a map rendered from ODbL data be sold under my own terms?",
        "ODbL-1.0",
        CLOSED,
        C,
        "ODbL 1.0 §4.3: Produced Works under any terms, with a notice [ODBL]",
    ),
    q(
        "May I sell a database derived from ODbL data under closed terms?",
        "ODbL-1.0",
        CLOSED,
        X,
        "ODbL 1.0 §4.4: Derivative Databases share-alike [ODBL]",
        odbl_work="derivative-database",
    ),
    q(
        "May I reuse an 'All rights reserved' photo in my CC BY-SA article?",
        "All rights reserved",
        "CC-BY-SA-4.0",
        X,
        "Berne Art. 9(1), 12: reproduction and adaptation are the owner's exclusive rights [BERNE]",
    ),
    q(
        "May I copy a proprietary text verbatim into my collection?",
        CLOSED,
        "CC-BY-4.0",
        X,
        "Berne Art. 9(1): reproduction needs the rightsholder's permission [BERNE]",
        "verbatim",
    ),
    q(
        "May I quote a short passage of an all-rights-reserved text?",
        CLOSED,
        "CC-BY-SA-4.0",
        K,
        "Berne Art. 10(1): quotations compatible with fair practice [BERNE-10]",
        "verbatim",
        quotation=True,
    ),
    q(
        "May I adapt a Free Art License painting into my closed game?",
        "LAL-1.3",
        CLOSED,
        X,
        "Free Art License 1.3 §2.3: modified works stay under the FAL [LAL13]",
    ),
    q(
        "May I remix a CC BY 2.0 photo into a closed-source brochure?",
        "CC-BY-2.0",
        "closed source",
        C,
        "CC BY 2.0 §4(b): credit; no share-alike [CC-CHART]",
    ),
    q(
        "May I adapt Wikipedia text (CC BY-SA 4.0 or GFDL) into my proprietary encyclopedia?",
        "CC-BY-SA-4.0 OR GFDL-1.3-or-later",
        CLOSED,
        X,
        "CC BY-SA 4.0 §3(b)(1); GFDL 1.3 §4 [WP-COPY]",
    ),
    q(
        "May an author's {{PD-self}} photo go into my closed product?",
        "{{PD-self}}",
        CLOSED,
        C,
        "Commons {{PD-self}}: public domain, with a fallback grant for any purpose [COM-PD]",
    ),
    q(
        "May a Public Domain Mark picture go into my proprietary game?",
        "CC-PDM-1.0",
        CLOSED,
        C,
        "CC PDM 1.0: no known copyright restrictions [CC-CHART]",
    ),
    q(
        "May CC BY-SA and MIT files sit unmodified in my closed bundle?",
        ("CC-BY-SA-4.0", "MIT"),
        CLOSED,
        K,
        "CC BY-SA 4.0 §2(a)(1)(A) and collection interpretation [CC-SAI]; MIT notice",
        "collect",
    ),
    q(
        "May a CC BY 3.0 image appear unchanged in a commercial closed product?",
        "CC-BY-3.0",
        CLOSED,
        C,
        "CC BY 3.0 §3(b), §4(b): reproduce in Collections, with credit",
        "verbatim",
        commercial=True,
    ),
    q(
        "May an unmodified CC BY-NC-SA 4.0 item sit in my non-commercial closed collection?",
        "CC-BY-NC-SA-4.0",
        CLOSED,
        K,
        "CC BY-NC-SA 4.0 §2(a)(1)(A), §3(b): the item keeps its licence [CC-BYNCSA40]",
        "collect",
        commercial=False,
    ),
    q(
        "May a product under a 'commercial licence' include an adapted CC BY-SA 3.0 diagram?",
        "CC-BY-SA-3.0",
        "Commercial licence",
        X,
        "CC BY-SA 3.0 §4(b): only this, a later version or a compatible licence [CC-BYSA30]",
    ),
    q(
        "May an adapted CC BY-SA 2.5 work go into my EULA-licensed app?",
        "CC-BY-SA-2.5",
        "EULA",
        X,
        "CC BY-SA 2.5 §4(b): the same or a later BY-SA licence [CC-BYSA25]",
    ),
    q(
        "May I keep a CC BY-SA 4.0 adaptation private inside my company?",
        "CC-BY-SA-4.0",
        CLOSED,
        C,
        "CC BY-SA 4.0 §3(b) conditions apply when Adapted Material is Shared [CC-BYSA40]",
        shared=False,
    ),
]

OR_TARGETS = [
    q(
        "May CC BY-SA 4.0 material be adapted into a work I offer under 'CC BY-SA 4.0 or MIT'?",
        "CC-BY-SA-4.0",
        "CC-BY-SA-4.0 OR MIT",
        X,
        "CC BY-SA 4.0 §3(b)(1): the MIT branch would publish it without share-alike [CC-BYSA40]",
    ),
    q(
        "May CC BY 4.0 material go into a work offered under 'CC BY-SA 4.0 or MIT'?",
        "CC-BY-4.0",
        "CC-BY-SA-4.0 OR MIT",
        C,
        "CC BY 4.0 §3(a): any adapter's licence, with credit [CC-CHART]",
    ),
    q(
        "May CC BY-SA 3.0 text go into a work under 'CC BY-SA 4.0 or CC BY-SA 3.0'?",
        "CC-BY-SA-3.0",
        "CC-BY-SA-4.0 OR CC-BY-SA-3.0",
        C,
        "CC BY-SA 3.0 §4(b)(i)-(ii): this or a later version [CC-BYSA30]",
    ),
    q(
        "May MIT code go into a program offered under 'GPL-2.0-only or Apache-2.0'?",
        "MIT",
        "GPL-2.0-only OR Apache-2.0",
        C,
        "MIT licence: any terms, keep the notice [MIT]",
    ),
    q(
        "May Apache-2.0 code go into a program offered under 'GPL-2.0-only or GPL-3.0-only'?",
        "Apache-2.0",
        "GPL-2.0-only OR GPL-3.0-only",
        X,
        "FSF licence list: Apache 2.0 is incompatible with GPLv2 [FSF-LIST]",
    ),
    q(
        "May CC BY-SA 4.0 material go into a work offered under 'CC BY-SA 4.0 or GPLv3'?",
        "CC-BY-SA-4.0",
        "CC-BY-SA-4.0 OR GPL-3.0-only",
        C,
        "CC BY-SA 4.0 §3(b)(1); GPLv3 declared one-way compatible 2015-10-08 [CC-GPL]",
    ),
    q(
        "May CC BY-SA 4.0 material go into a work offered under 'CC BY-SA 4.0 or GPL-3.0-or-later'?",
        "CC-BY-SA-4.0",
        "CC-BY-SA-4.0 OR GPL-3.0-or-later",
        K,
        "CC declared only GPLv3; or-later is an open question (licences.md §1.3) [CC-GPL]",
    ),
    q(
        "May CC BY-SA 4.0 material go into a work offered under 'Free Art License 1.3 or CC BY-SA 4.0'?",
        "CC-BY-SA-4.0",
        "LAL-1.3 OR CC-BY-SA-4.0",
        C,
        "FAL 1.3 two-way compatible with BY-SA 4.0 since 2014-10-21 [CC-FAL]",
    ),
    q(
        "May CC0 material go into a work offered under 'MIT or proprietary terms'?",
        "CC0-1.0",
        "MIT OR proprietary",
        C,
        "CC0 1.0 §2 [CC0]",
    ),
    q(
        "May CC BY-SA 4.0 material be adapted into a work offered under 'CC BY-SA 4.0 or a commercial licence'?",
        "CC-BY-SA-4.0",
        "CC-BY-SA-4.0 OR proprietary",
        X,
        "CC BY-SA 4.0 §3(b)(1): the closed branch is not a BY-SA licence [CC-BYSA40]",
    ),
    q(
        "May GPL-2.0-or-later code go into a program under 'GPL-2.0-only or GPL-3.0-only'?",
        "GPL-2.0-or-later",
        "GPL-2.0-only OR GPL-3.0-only",
        C,
        "GPLv2 §9: this version or any later version [GPL2]",
    ),
    q(
        "May a CC BY-NC 4.0 work be adapted into one offered under 'CC BY-NC 4.0 or CC BY 4.0'?",
        "CC-BY-NC-4.0",
        "CC-BY-NC-4.0 OR CC-BY-4.0",
        X,
        "CC chart: BY-NC adaptations only under NC licences; the BY branch drops NC [CC-CHART]",
        commercial=False,
    ),
    q(
        "May CC BY 4.0 material go into a work under 'CC BY 4.0 or some licence nobody recognises'?",
        "CC-BY-4.0",
        "CC-BY-4.0 OR Acme Public Licence",
        U,
        "An unrecognised branch is never assumed compatible (licences.md §6)",
    ),
    q(
        "May a CC BY-ND 4.0 film be adapted into a work under two unrecognised licences?",
        "CC-BY-ND-4.0",
        "Foo Licence OR Bar Licence",
        X,
        "CC BY-ND 4.0 §2(a)(1)(B): adaptations may not be Shared, whatever the target [CC-BYND40]",
    ),
    q(
        "May an unmodified CC BY-SA 4.0 image sit in a collection whose own parts are 'MIT or Apache-2.0'?",
        "CC-BY-SA-4.0",
        "MIT OR Apache-2.0",
        C,
        "CC BY-SA collection interpretation: each item keeps its own licence [CC-SAI]",
        "collect",
    ),
    q(
        "May GPLv3 code go into a program offered under 'GPL-3.0-only or AGPL-3.0-only'?",
        "GPL-3.0-only",
        "GPL-3.0-only OR AGPL-3.0-only",
        C,
        "GPLv3 §13: combination with AGPLv3 works [GPL3]",
    ),
]

OR_SOURCES = [
    q(
        "May Wikipedia text under 'CC BY-SA 4.0 or GFDL' be adapted into CC BY-SA 4.0?",
        "CC-BY-SA-4.0 OR GFDL-1.3-or-later",
        "CC-BY-SA-4.0",
        C,
        "Multi-licensing: the reuser picks a licence [COM-REUSE-LIC]; CC BY-SA 4.0 §3(b)(1)",
    ),
    q(
        "May a {{self|GFDL|cc-by-sa-3.0}} photo be adapted into CC BY-SA 4.0?",
        "{{self|GFDL|cc-by-sa-3.0}}",
        "CC-BY-SA-4.0",
        C,
        "Commons {{self}}: every listed licence is offered; BY-SA 3.0 §4(b)(ii) [CC-BYSA30]",
    ),
    q(
        "May a file under 'GFDL 1.2 only or CC BY-SA 1.0' be adapted into CC BY-SA 4.0?",
        "GFDL-1.2-only OR CC-BY-SA-1.0",
        "CC-BY-SA-4.0",
        X,
        "CC BY-SA 1.0 §4(b): only 1.0; GFDL 1.2 §4: only GFDL 1.2 [CC-BYSA10]",
    ),
    q(
        "May code offered under 'MIT or GPLv3' be closed?",
        "MIT OR GPL-3.0-only",
        CLOSED,
        C,
        "The MIT branch may be chosen [MIT]",
    ),
    q(
        "May a {{self|cc-by-sa-3.0,2.5,2.0,1.0}} image be adapted into CC BY-SA 4.0?",
        "{{self|cc-by-sa-3.0,2.5,2.0,1.0}}",
        "CC-BY-SA-4.0",
        C,
        "BY-SA 3.0 §4(b)(ii): a later version [CC-BYSA30]",
    ),
    q(
        "May a work under 'CC BY-NC 4.0 or CC BY-SA 4.0' be used commercially in a BY-SA adaptation?",
        "CC-BY-NC-4.0 OR CC-BY-SA-4.0",
        "CC-BY-SA-4.0",
        C,
        "The BY-SA branch has no NC restriction [CC-BYSA40]",
        commercial=True,
    ),
    q(
        "May a work under 'CC BY-ND 4.0 or CC BY 4.0' be adapted into MIT-licensed material?",
        "CC-BY-ND-4.0 OR CC-BY-4.0",
        "MIT",
        C,
        "The CC BY branch allows adaptations under any licence [CC-CHART]",
    ),
    q(
        "May a work under 'CC BY-ND 4.0 or CC BY-NC 4.0' be adapted commercially into an unrecognised licence?",
        "CC-BY-ND-4.0 OR CC-BY-NC-4.0",
        "Acme Licence",
        X,
        "ND §2(a)(1)(B) and NC §2(a)(1) forbid it on every branch [CC-CHART]",
        commercial=True,
    ),
    q(
        "May code under 'Apache-2.0 or MIT' go into a GPLv2-only program?",
        "Apache-2.0 OR MIT",
        "GPL-2.0-only",
        C,
        "The MIT branch may be chosen; Apache 2.0 is not GPLv2-compatible [FSF-LIST]",
    ),
    q(
        "May code under 'GPLv2 only or GPLv3 only' be combined into an AGPLv3 program?",
        "GPL-2.0-only OR GPL-3.0-only",
        "AGPL-3.0-only",
        C,
        "GPLv3 §13: combination with AGPLv3 [GPL3]",
    ),
    q(
        "May a {{GFDL|migration=relicense}} photo be adapted into CC BY-SA 4.0?",
        "{{GFDL|migration=relicense}}",
        "CC-BY-SA-4.0",
        C,
        "Template:License migration 'relicense' adds CC BY-SA 3.0 [COM-LM]; BY-SA 3.0 §4(b)(ii)",
    ),
    q(
        "May a file under 'CC BY-SA 4.0 or an unrecognised licence' be adapted into CC BY-SA 4.0?",
        "CC-BY-SA-4.0 OR Acme Licence",
        "CC-BY-SA-4.0",
        C,
        "The recognised BY-SA branch may be chosen [CC-BYSA40]",
    ),
]

SEVERAL_SOURCES = [
    q(
        "May I merge CC BY-SA 3.0 text with a CC BY 2.0 photo into a CC BY-SA 4.0 work?",
        ("CC-BY-SA-3.0", "CC-BY-2.0"),
        "CC-BY-SA-4.0",
        C,
        "BY-SA 3.0 §4(b)(ii); CC chart BY → BY-SA [CC-CHART]",
    ),
    q(
        "May I remix CC BY-SA 4.0 with CC BY-NC-SA 4.0 material into BY-NC-SA 4.0?",
        ("CC-BY-SA-4.0", "CC-BY-NC-SA-4.0"),
        "CC-BY-NC-SA-4.0",
        X,
        "BY-SA 4.0 §3(b)(1) and BY-NC-SA 4.0 §3(b)(1) name different elements [ISSUE-KPBS60]",
        commercial=False,
    ),
    q(
        "May CC BY-SA 4.0 text and GPLv3 code be merged into a GPLv3 program?",
        ("CC-BY-SA-4.0", "GPL-3.0-only"),
        "GPL-3.0-only",
        C,
        "BY-SA 4.0 → GPLv3 one-way since 2015-10-08 [CC-GPL]",
    ),
    q(
        "May CC BY-SA 4.0 text and GPLv2 code be merged into a GPLv2 program?",
        ("CC-BY-SA-4.0", "GPL-2.0-only"),
        "GPL-2.0-only",
        X,
        "CC declared compatibility with GPLv3 only [CC-GPL]",
    ),
    q(
        "May a Free Art License drawing and a CC BY-SA 4.0 photo be combined into a BY-SA 4.0 collage?",
        ("CC-BY-SA-4.0", "LAL-1.3"),
        "CC-BY-SA-4.0",
        C,
        "FAL 1.3 ↔ BY-SA 4.0 two-way since 2014-10-21 [CC-FAL]",
    ),
    q(
        "May MIT, Apache-2.0 and CC0 parts become one Apache-2.0 program?",
        ("MIT", "Apache-2.0", "CC0-1.0"),
        "Apache-2.0",
        C,
        "Permissive terms with notices [MIT] [APACHE2] [CC0]",
    ),
    q(
        "May an OpenStreetMap rendering and a CC BY-SA 4.0 photo make one BY-SA 4.0 poster?",
        ("CC-BY-SA-4.0", "ODbL-1.0"),
        "CC-BY-SA-4.0",
        C,
        "ODbL §4.3 Produced Work [OSMF-FAQ]; BY-SA 4.0 §3(b)(1)",
    ),
    q(
        "May CC BY-SA 3.0 and CC BY-SA 1.0 text be merged into CC BY-SA 4.0?",
        ("CC-BY-SA-3.0", "CC-BY-SA-1.0"),
        "CC-BY-SA-4.0",
        X,
        "CC BY-SA 1.0 §4(b): only 1.0 [CC-BYSA10]",
    ),
    q(
        "May two CC BY-SA 4.0 sources be merged into CC BY-SA 4.0?",
        ("CC-BY-SA-4.0", "CC-BY-SA-4.0"),
        "CC-BY-SA-4.0",
        C,
        "CC BY-SA 4.0 §3(b)(1) [CC-BYSA40]",
    ),
    q(
        "May GFDL-1.2-only text and CC BY-SA 4.0 text be merged into CC BY-SA 4.0?",
        ("GFDL-1.2-only", "CC-BY-SA-4.0"),
        "CC-BY-SA-4.0",
        X,
        "GFDL 1.2 §4; Commons:LU — 1.2-only was never relicensable [COM-LU]",
    ),
    q(
        "May a CC BY 4.0 photo and a photo under an unrecognised licence go into a BY-SA 4.0 work?",
        ("CC-BY-4.0", "Acme Licence"),
        "CC-BY-SA-4.0",
        U,
        "An unrecognised licence is never assumed compatible (licences.md §6)",
    ),
    q(
        "May a CC BY-ND 4.0 clip and an unrecognised one be edited together under an unrecognised licence?",
        ("CC-BY-ND-4.0", "Acme Licence"),
        "Other Licence",
        X,
        "CC BY-ND 4.0 §2(a)(1)(B): no shared adaptations, whatever the rest [CC-BYND40]",
    ),
    q(
        "May BY-SA 4.0 and BY-ND 4.0 items be collected, unmodified, in a BY-SA 4.0 anthology?",
        ("CC-BY-SA-4.0", "CC-BY-ND-4.0"),
        "CC-BY-SA-4.0",
        C,
        "CC FAQ: ND allows unmodified reproduction in a collection [CC-CHART]",
        "collect",
    ),
    q(
        "May AGPLv3 and GPLv3 code be combined into an AGPLv3 program?",
        ("AGPL-3.0-only", "GPL-3.0-only"),
        "AGPL-3.0-only",
        C,
        "GPLv3 §13 / AGPLv3 §13 combination [GPL3] [AGPL3]",
    ),
    q(
        "May Apache-2.0 and GPLv2-only code be merged into a GPLv2-only program?",
        ("Apache-2.0", "GPL-2.0-only"),
        "GPL-2.0-only",
        X,
        "FSF: Apache 2.0 patent terms are further restrictions under GPLv2 §6 [FSF-LIST]",
    ),
    q(
        "May CC BY 4.0 and CC BY-SA 2.0 material be adapted together into CC BY-SA 4.0?",
        ("CC-BY-4.0", "CC-BY-SA-2.0"),
        "CC-BY-SA-4.0",
        C,
        "BY-SA 2.0 §4(b): a later version [CC-BYSA20]; CC chart BY → BY-SA",
    ),
]

USE_MODES = [
    q(
        "May a CC BY-SA 4.0 photo be copied unchanged onto my MIT-licensed site?",
        "CC-BY-SA-4.0",
        "MIT",
        C,
        "CC BY-SA 4.0 §2(a)(1)(A): reproduce and Share [CC-BYSA40]",
        "verbatim",
    ),
    q(
        "Is converting a CC BY-SA 4.0 SVG to PNG an adaptation?",
        "CC-BY-SA-4.0",
        "CC-BY-4.0",
        C,
        "CC BY-SA 4.0 §2(a)(4): technical modifications never produce Adapted Material",
        "format-convert",
    ),
    q(
        "May CC BY-SA 3.0 music be synched to my CC BY 4.0 video?",
        "CC-BY-SA-3.0",
        "CC-BY-4.0",
        X,
        "CC BY-SA 3.0 §1(a): synching is an Adaptation [CC-BYSA30]",
        "synch",
    ),
    q(
        "May CC BY-ND 3.0 music be synched to a video?",
        "CC-BY-ND-3.0",
        "CC-BY-ND-3.0",
        X,
        "CC BY-ND 3.0 §1(a) synching is an Adaptation; ND forbids adaptations [CC-CHART]",
        "synch",
    ),
    q(
        "May I adapt a CC BY-ND 4.0 text privately, without sharing it?",
        "CC-BY-ND-4.0",
        "CC-BY-ND-4.0",
        C,
        "CC BY-ND 4.0 §2(a)(1)(B): produce Adapted Material, not Share it [CC-BYND40]",
        shared=False,
    ),
    q(
        "May I adapt a CC BY-ND 3.0 text privately?",
        "CC-BY-ND-3.0",
        "CC-BY-ND-3.0",
        X,
        "Pre-4.0 ND grants no right to make adaptations (CC FAQ) [CC-CHART]",
        shared=False,
    ),
    q(
        "May a CC BY-NC-ND 4.0 poster be reprinted unchanged for a school?",
        "CC-BY-NC-ND-4.0",
        "CC-BY-NC-ND-4.0",
        C,
        "CC BY-NC-ND 4.0 §2(a)(1)(A) for NonCommercial purposes",
        "verbatim",
        commercial=False,
    ),
    q(
        "May a GPLv3 program ship unmodified in an MIT-licensed collection?",
        "GPL-3.0-only",
        "MIT",
        C,
        "GPLv3 §5: aggregates do not extend the License [GPL3]",
        "collect",
    ),
    q(
        "May a CC BY-SA 1.0 image be used unchanged in a CC BY-SA 4.0 article?",
        "CC-BY-SA-1.0",
        "CC-BY-SA-4.0",
        C,
        "Help:Adding open-license text: 1.0 images fine, text not [WP-OPENTEXT]",
        "verbatim",
    ),
    q(
        "May a CC BY-SA 1.0 image sit unmodified in a CC BY-SA 4.0 collection?",
        "CC-BY-SA-1.0",
        "CC-BY-SA-4.0",
        C,
        "CC BY-SA 1.0 §1(a) Collective Works are not Derivative Works [CC-BYSA10]",
        "collect",
    ),
    q(
        "May CC BY-SA 1.0 text be rewritten into a CC BY-SA 4.0 article?",
        "CC-BY-SA-1.0",
        "CC-BY-SA-4.0",
        X,
        "CC BY-SA 1.0 §4(b): Derivative Works only under 1.0 [CC-BYSA10]",
    ),
    q(
        "May I translate a CC BY 4.0 article into a CC BY-SA 4.0 one?",
        "CC-BY-4.0",
        "CC-BY-SA-4.0",
        C,
        "CC ShareAlike compatibility: BY is one-way compatible with BY-SA [CC-SAC]",
    ),
    q(
        "May I adapt a CC BY-SA 4.0 article and license it CC BY 4.0?",
        "CC-BY-SA-4.0",
        "CC-BY-4.0",
        X,
        "CC ShareAlike compatibility: not BY-SA → BY [CC-SAC]",
    ),
    q(
        "May an unmodified CC BY-NC-SA 4.0 image appear in a CC BY-SA 4.0 wiki?",
        "CC-BY-NC-SA-4.0",
        "CC-BY-SA-4.0",
        C,
        "Collections keep each item's licence [CC-SAI]; NonCommercial use",
        "collect",
        commercial=False,
    ),
    q(
        "May I format-convert a CC BY-ND 4.0 video to another codec?",
        "CC-BY-ND-4.0",
        "CC-BY-ND-4.0",
        C,
        "CC BY-ND 4.0 §2(a)(4): technical modifications allowed",
        "format-convert",
    ),
    q(
        "May I adapt a CC BY-SA 4.0 photo privately for my own desk?",
        "CC-BY-SA-4.0",
        "CC-BY-4.0",
        C,
        "CC BY-SA 4.0 §3(b): conditions when Shared",
        shared=False,
    ),
]

NC_ND_DRM = [
    q(
        "May I adapt CC BY-NC 4.0 material commercially?",
        "CC-BY-NC-4.0",
        "CC-BY-NC-4.0",
        X,
        "CC BY-NC 4.0 §2(a)(1) NonCommercial [CC-CHART]",
        commercial=True,
    ),
    q(
        "May I adapt CC BY-NC 4.0 material when commercial use is not stated?",
        "CC-BY-NC-4.0",
        "CC-BY-NC-4.0",
        K,
        "CC BY-NC 4.0 §2(a)(1): only for NonCommercial purposes [CC-CHART]",
    ),
    q(
        "May a non-profit adapt CC BY-NC 4.0 material under BY-NC 4.0?",
        "CC-BY-NC-4.0",
        "CC-BY-NC-4.0",
        C,
        "CC chart BY-NC → BY-NC [CC-CHART]",
        commercial=False,
    ),
    q(
        "May CC BY-NC-SA 3.0 material be adapted into BY-NC-SA 4.0 by a school?",
        "CC-BY-NC-SA-3.0",
        "CC-BY-NC-SA-4.0",
        C,
        "CC BY-NC-SA 3.0 §4(b): a later version [CC-SAwiki]",
        commercial=False,
    ),
    q(
        "May CC BY-NC-SA 4.0 material be adapted into CC BY-SA 4.0?",
        "CC-BY-NC-SA-4.0",
        "CC-BY-SA-4.0",
        X,
        "CC BY-NC-SA 4.0 §3(b)(1): same License Elements [CC-BYNCSA40]",
        commercial=False,
    ),
    q(
        "May CC BY-NC 4.0 material be used commercially in a work whose licence I cannot name?",
        "CC-BY-NC-4.0",
        "Our own licence",
        X,
        "NC forbids commercial use whatever the target [CC-CHART]",
        commercial=True,
    ),
    q(
        "May CC BY-NC 4.0 material be used non-commercially in a work under an unrecognised licence?",
        "CC-BY-NC-4.0",
        "Our own licence",
        U,
        "The target decides; it is not recognised (licences.md §6)",
        commercial=False,
    ),
    q(
        "May I adapt a CC BY-ND 4.0 photo for a work under an unrecognised licence?",
        "CC-BY-ND-4.0",
        "Our own licence",
        X,
        "CC BY-ND 4.0 §2(a)(1)(B) [CC-BYND40]",
    ),
    q(
        "May an unchanged CC BY-ND 4.0 photo go into a work under an unrecognised licence?",
        "CC-BY-ND-4.0",
        "Our own licence",
        U,
        "ND allows verbatim copies; the unrecognised target decides the rest",
        "verbatim",
    ),
    q(
        "May I sell a CC BY-SA 4.0 e-book with DRM?",
        "CC-BY-SA-4.0",
        "CC-BY-SA-4.0",
        X,
        "CC BY-SA 4.0 §2(a)(5)(C), §3(b)(3): no Effective Technological Measures [CC-BYSA40]",
        "verbatim",
        drm=True,
    ),
    q(
        "May CC BY-SA 4.0 text go behind DRM in a product under an unrecognised licence?",
        "CC-BY-SA-4.0",
        "Our own licence",
        X,
        "CC BY-SA 4.0 §2(a)(5)(C): the DRM ban applies whatever the target [CC-BYSA40]",
        drm=True,
    ),
    q(
        "May GPLv3 software be distributed with DRM?",
        "GPL-3.0-only",
        "GPL-3.0-only",
        C,
        "GPLv3 §3 has no ban on technical measures, it waives anti-circumvention claims [GPL3]",
        "verbatim",
        drm=True,
    ),
    q(
        "May a GFDL manual be sold with copy protection?",
        "GFDL-1.3-only",
        "GFDL-1.3-only",
        X,
        "GFDL 1.3 §2: no technical measures to obstruct reading or copying [GFDL13]",
        "verbatim",
        drm=True,
    ),
    q(
        "May a CC BY 2.0 photo be shipped with DRM?",
        "CC-BY-2.0",
        "CC-BY-2.0",
        X,
        "CC BY 2.0 §4(a): no technological measures inconsistent with the licence",
        "verbatim",
        drm=True,
    ),
    q(
        "May CC BY-SA 2.0 England & Wales material carry DRM?",
        "CC-BY-SA-2.0-UK",
        "CC-BY-SA-2.0-UK",
        X,
        "CC BY-SA 2.0 UK §2.1: no digital rights management [CC-BYSA20UK]",
        "verbatim",
        drm=True,
    ),
    q(
        "May MIT code ship inside a DRM-protected product?",
        "MIT",
        CLOSED,
        C,
        "MIT licence has no clause on technical measures [MIT]",
        drm=True,
    ),
    q(
        "May a CC BY-NC-ND 4.0 text be adapted for a non-commercial shared project?",
        "CC-BY-NC-ND-4.0",
        "CC-BY-NC-ND-4.0",
        X,
        "CC BY-NC-ND 4.0 §2(a)(1)(B): no Shared Adapted Material",
        commercial=False,
    ),
    q(
        "May a CC BY-ND 2.5 text be adapted privately?",
        "CC-BY-ND-2.5",
        "CC-BY-ND-2.5",
        X,
        "Pre-4.0 ND: no right to make adaptations [CC-CHART]",
        shared=False,
    ),
    q(
        "May a CC BY-NC-SA 2.0 photo be put in a commercial collection?",
        "CC-BY-NC-SA-2.0",
        "CC-BY-SA-4.0",
        X,
        "CC BY-NC-SA 2.0 §4(c): not for commercial advantage [CC-CHART]",
        "collect",
        commercial=True,
    ),
    q(
        "May a CC BY-NC-SA 4.0 photo be copied when commercial use is not stated?",
        "CC-BY-NC-SA-4.0",
        "CC-BY-NC-SA-4.0",
        K,
        "CC BY-NC-SA 4.0 §2(a)(1)(A): NonCommercial purposes only",
        "verbatim",
    ),
    q(
        "May I quote a CC BY-NC 4.0 passage in a commercial book?",
        "CC-BY-NC-4.0",
        "CC-BY-SA-4.0",
        K,
        "Berne Art. 10(1): quotation relies on the exception, not the licence [BERNE-10]",
        "verbatim",
        commercial=True,
        quotation=True,
    ),
]

FAMILY_RULES = [
    q(
        "May GPL-2.0-or-later code be upgraded to GPLv3 in my program?",
        "GPL-2.0-or-later",
        "GPL-3.0-only",
        C,
        "GPLv2 §9: 'or any later version' [GPL2]",
    ),
    q(
        "May GPLv2-only code go into a GPLv3 program?",
        "GPL-2.0-only",
        "GPL-3.0-only",
        X,
        "GPLv2 §2(b), no later-version grant [GPL2]",
    ),
    q(
        "May LGPL-2.1-or-later code be modified under LGPLv3?",
        "LGPL-2.1-or-later",
        "LGPL-3.0-only",
        C,
        "LGPLv2.1 §13: any later version [LGPL21]",
    ),
    q(
        "May an LGPL 2.1 library be converted to the ordinary GPL?",
        "LGPL-2.1-only",
        "GPL-2.0-only",
        C,
        "LGPLv2.1 §3: you may apply the ordinary GNU GPL instead [LGPL21]",
    ),
    q(
        "May GFDL 1.2-or-later text be republished under GFDL 1.3?",
        "GFDL-1.2-or-later",
        "GFDL-1.3-only",
        C,
        "GFDL 1.2 §10: 'or any later version' [GFDL12]",
    ),
    q(
        "May GFDL 1.2-only text be republished under GFDL 1.3?",
        "GFDL-1.2-only",
        "GFDL-1.3-only",
        X,
        "GFDL 1.2 §4: precisely this License [GFDL12]",
    ),
    q(
        "May GFDL 1.3-or-later text go to GFDL 1.2?",
        "GFDL-1.3-or-later",
        "GFDL-1.2-only",
        X,
        "GFDL §10 allows later versions only [GFDL13]",
    ),
    q(
        "May code under 'the GNU General Public License' (no version) be used in a GPLv3 program?",
        "GNU General Public License",
        "GPL-3.0-only",
        C,
        "GPLv3 §14 / GPLv2 §9: no version stated → any version ever published",
    ),
    q(
        "May a manual under 'the GNU Free Documentation License' (no version) be republished under GFDL 1.3?",
        "GNU Free Documentation License",
        "GFDL-1.3-only",
        C,
        "GFDL §10: no version stated → any version ever published [GFDL13]",
    ),
    q(
        "May code under 'the GNU Affero General Public License' (no version) go into an AGPLv3 program?",
        "GNU Affero General Public License",
        "AGPL-3.0-only",
        C,
        "AGPLv3 §14: no version stated → any version published by the FSF [AGPL3]",
    ),
    q(
        "Is 'Creative Commons Attribution-ShareAlike' without a version enough to adapt into BY-SA 4.0?",
        "Creative Commons Attribution-ShareAlike",
        "CC-BY-SA-4.0",
        U,
        "CC licences have no unversioned form; versions differ in §4(b)/§3(b)(1)",
    ),
    q(
        "May CC BY-SA 4.0 material be adapted into a GPLv3 program?",
        "CC-BY-SA-4.0",
        "GPL-3.0-only",
        C,
        "CC declared BY-SA 4.0 → GPLv3 one-way, 2015-10-08 [CC-GPL] [CC-BLOG-2015]",
    ),
    q(
        "May GPLv3 code be adapted into a CC BY-SA 4.0 work?",
        "GPL-3.0-only",
        "CC-BY-SA-4.0",
        X,
        "One-way: 'People may not adapt a GPLv3-licensed work and use BY-SA' [CC-GPL]",
    ),
    q(
        "May CC BY-SA 3.0 material be adapted into a GPLv3 program?",
        "CC-BY-SA-3.0",
        "GPL-3.0-only",
        X,
        "The GPLv3 declaration covers BY-SA 4.0 only [CC-GPL]",
    ),
    q(
        "May a Free Art License 1.3 work be adapted into CC BY-SA 4.0?",
        "LAL-1.3",
        "CC-BY-SA-4.0",
        C,
        "FAL 1.3 ↔ BY-SA 4.0 two-way since 2014-10-21 [CC-FAL]",
    ),
    q(
        "May a CC BY-SA 4.0 work be adapted under the Free Art License 1.3?",
        "CC-BY-SA-4.0",
        "LAL-1.3",
        C,
        "BY-SA 4.0 §3(b)(1) BY-SA Compatible License FAL 1.3 [CC-FAL]",
    ),
    q(
        "May CC BY-SA 4.0 material go into a GPL-3.0-or-later program?",
        "CC-BY-SA-4.0",
        "GPL-3.0-or-later",
        K,
        "Open question: CC assessed GPLv3, not later versions (licences.md §1.3)",
    ),
    q(
        "May CC BY-NC-SA 4.0 material go into a GPLv3 program?",
        "CC-BY-NC-SA-4.0",
        "GPL-3.0-only",
        X,
        "The GPLv3 declaration covers BY-SA 4.0, not BY-NC-SA [CC-GPL]",
        commercial=False,
    ),
    q(
        "May GPLv3 code be combined with AGPLv3 code in an AGPLv3 program?",
        "GPL-3.0-only",
        "AGPL-3.0-only",
        C,
        "GPLv3 §13: permission to combine with AGPLv3 works [GPL3]",
    ),
    q(
        "May AGPLv3 code be combined into a GPLv3 program?",
        "AGPL-3.0-only",
        "GPL-3.0-only",
        C,
        "AGPLv3 §13: permission to combine with GPLv3 works [AGPL3]",
    ),
    q(
        "May GPLv2-only code be combined into an AGPLv3 program?",
        "GPL-2.0-only",
        "AGPL-3.0-only",
        X,
        "GPLv2 has no AGPL clause and no later-version grant [GPL2]",
    ),
    q(
        "May GPL-2.0-or-later code be combined into an AGPLv3 program?",
        "GPL-2.0-or-later",
        "AGPL-3.0-only",
        C,
        "GPLv2 §9 → GPLv3, then GPLv3 §13 [GPL3]",
    ),
    q(
        "May AGPLv3 code go into a GPLv2-only program?",
        "AGPL-3.0-only",
        "GPL-2.0-only",
        X,
        "AGPLv3 §13 names GPLv3 only [AGPL3]",
    ),
    q(
        "May a GFDL image the uploader relicensed in 2009 be adapted into CC BY-SA 4.0?",
        "GFDL-1.2-no-invariants-or-later",
        "CC-BY-SA-4.0",
        C,
        "GFDL 1.3 §11; Commons:LU criteria; BY-SA 3.0 §4(b)(ii) [COM-LU]",
        gfdl_migration_eligible=True,
    ),
    q(
        "May a GFDL-1.2-only image be treated as CC BY-SA 3.0 after the 2009 migration?",
        "GFDL-1.2-only",
        "CC-BY-SA-3.0",
        X,
        "Commons:LU: 'GFDL 1.2 only' was not eligible [COM-LU]",
        gfdl_migration_eligible=True,
    ),
    q(
        "May GFDL text with invariant sections be used as CC BY-SA 3.0?",
        "GFDL-1.3-invariants-only",
        "CC-BY-SA-3.0",
        X,
        "GFDL 1.3 §11: only works without invariant sections or cover texts [GFDL13]",
        gfdl_migration_eligible=True,
    ),
    q(
        "May a GFDL image of unknown migration status be adapted into CC BY-SA 4.0?",
        "GFDL-1.2-no-invariants-or-later",
        "CC-BY-SA-4.0",
        K,
        "GFDL 1.3 §11 conditions must be checked [COM-LU]",
    ),
    q(
        "May a GFDL image known to be ineligible be adapted into CC BY-SA 4.0?",
        "GFDL-1.2-no-invariants-or-later",
        "CC-BY-SA-4.0",
        X,
        "GFDL 1.2 §4: Modified Versions under the GFDL [GFDL12]",
        gfdl_migration_eligible=False,
    ),
    q(
        "May a {{GFDL|migration=not-eligible}} photo be adapted into CC BY-SA 4.0?",
        "{{GFDL|migration=not-eligible}}",
        "CC-BY-SA-4.0",
        X,
        "Template:License migration: 'not-eligible' [COM-LM]",
    ),
    q(
        "May a {{GFDL|migration=opt-out}} photo be adapted into CC BY-SA 4.0?",
        "{{GFDL|migration=opt-out}}",
        "CC-BY-SA-4.0",
        X,
        "Template:License migration: the copyright holder opted out [COM-LM]",
    ),
    q(
        "May a {{GFDL|migration=redundant}} photo's GFDL grant alone be adapted into CC BY-SA 4.0?",
        "{{GFDL|migration=redundant}}",
        "CC-BY-SA-4.0",
        X,
        "Template:License migration: 'redundant' — the CC licence is in its own tag [COM-LM]",
    ),
    q(
        "May a {{GFDL|migration=needs-review}} photo be adapted into CC BY-SA 4.0?",
        "{{GFDL|migration=needs-review}}",
        "CC-BY-SA-4.0",
        K,
        "Template:License migration: 'needs-review' — eligibility not determined [COM-LM]",
    ),
    q(
        "May a {{GFDL|migration=}} photo (not yet reviewed) be adapted into CC BY-SA 4.0?",
        "{{GFDL|migration=}}",
        "CC-BY-SA-4.0",
        K,
        "Template:License migration: empty keyword — a candidate, not reviewed [COM-LM]",
    ),
    q(
        "May a {{PD-self}} photo be reused in Germany, where authors cannot waive copyright?",
        "{{PD-self}}",
        "CC-BY-SA-4.0",
        C,
        "{{PD-self}} fallback grant: any purpose, without conditions [COM-PD]",
        jurisdiction="de",
    ),
    q(
        "May a {{PD-author}} image be adapted anywhere?",
        "{{PD-author}}",
        "MIT",
        C,
        "{{PD-author}}: the same fallback grant as PD-self [COM-PD]",
    ),
    q(
        "May a {{PD-old-70}} painting be reused without saying where?",
        "{{PD-old-70}}",
        "CC-BY-SA-4.0",
        K,
        "PD-old-70: public domain only where the term is life + 70 years [COM-PD]",
    ),
    q(
        "May a US federal government photo be reused in the United States?",
        "{{PD-USGov}}",
        "CC-BY-SA-4.0",
        C,
        "PD-USGov: works of the US federal government, 17 U.S.C. §105 [COM-PD]",
        jurisdiction="us",
    ),
    q(
        "May a US federal government photo be reused in Germany?",
        "{{PD-USGov}}",
        "CC-BY-SA-4.0",
        K,
        "PD-USGov establishes public domain for the US only [COM-PD]",
        jurisdiction="de",
    ),
    q(
        "May a CC0 dataset be merged into an ODbL database?",
        "CC0-1.0",
        "ODbL-1.0",
        C,
        "CC0 §2; §4(c) third-party rights not cleared [OSM-ODBL]",
        odbl_work="derivative-database",
    ),
    q(
        "May CC BY-SA 2.0 material be adapted directly into CC BY-SA 4.0?",
        "CC-BY-SA-2.0",
        "CC-BY-SA-4.0",
        C,
        "CC BY-SA 2.0 §4(b): a later version; CC-EDU p. 98 [CC-EDU]",
    ),
    q(
        "May CC BY-SA 4.0 material be adapted into CC BY-SA 3.0?",
        "CC-BY-SA-4.0",
        "CC-BY-SA-3.0",
        X,
        "CC BY-SA 4.0 §3(b)(1): this version or later [CC-BYSA40]",
    ),
    q(
        "May CC BY-SA 2.5 material be adapted into CC BY-SA 2.0?",
        "CC-BY-SA-2.5",
        "CC-BY-SA-2.0",
        X,
        "CC BY-SA 2.5 §4(b): this or a later version [CC-BYSA25]",
    ),
]

NAMES = [
    q(
        "May 'Creative Commons Attribution-ShareAlike 4.0 International' be adapted into 'CC BY-SA 4.0'?",
        "Creative Commons Attribution-ShareAlike 4.0 International",
        "CC BY-SA 4.0",
        C,
        "Same licence, CC's full name and short name [CC-BYSA40]",
    ),
    q(
        "May 'Attribution-ShareAlike 3.0 Unported' go into the licence at creativecommons.org/licenses/by-sa/4.0/?",
        "Attribution-ShareAlike 3.0 Unported",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        C,
        "CC BY-SA 3.0 §4(b)(ii) [CC-BYSA30]",
    ),
    q(
        "May a {{Cc-by-sa-3.0-de}} photo be adapted into CC BY-SA 4.0?",
        "{{Cc-by-sa-3.0-de}}",
        "CC-BY-SA-4.0",
        C,
        "CC BY-SA 3.0 DE §4(b)(ii): a later version [CC-BYSA30DE]",
    ),
    q(
        "May a {{GPL}} file be used in a GPLv3 work?",
        "{{GPL}}",
        "GPL-3.0-only",
        C,
        "Commons {{GPL}}: version 2 or any later version; GPLv2 §9 [COM-VFL]",
    ),
    q(
        "May a {{GPLv2 only}} file be used in a GPLv3 work?",
        "{{GPLv2 only}}",
        "GPL-3.0-only",
        X,
        "GPLv2 without 'or later' [GPL2]",
    ),
    q(
        "May a {{LGPL}} file be converted to GPLv2?",
        "{{LGPL}}",
        "GPL-2.0-only",
        C,
        "LGPLv2.1 §3 [LGPL21]; Commons {{LGPL}} [COM-VFL]",
    ),
    q(
        "May a {{FAL}} artwork be adapted into CC BY-SA 4.0?",
        "{{FAL}}",
        "CC-BY-SA-4.0",
        C,
        "Commons {{FAL}} = Free Art License 1.3; two-way with BY-SA 4.0 [CC-FAL]",
    ),
    q(
        "May a map tagged {{ODbL OpenStreetMap}} be printed in a closed atlas?",
        "{{ODbL OpenStreetMap}}",
        CLOSED,
        C,
        "ODbL §4.3 Produced Work [ODBL]",
    ),
    q(
        "May data tagged {{ODbL}} be turned into a CC BY-SA 4.0 database?",
        "{{ODbL}}",
        "CC-BY-SA-4.0",
        X,
        "ODbL §4.4: Derivative Databases under ODbL [ODBL]",
        odbl_work="derivative-database",
    ),
    q(
        "May a {{GFDL-self}} photo be used under GFDL 1.3?",
        "{{GFDL-self}}",
        "GFDL-1.3-no-invariants-only",
        C,
        "{{GFDL-self}}: version 1.2 or any later version [GFDL12]",
    ),
    q(
        "May a {{Cc-zero}} icon go into a closed app?",
        "{{Cc-zero}}",
        CLOSED,
        C,
        "CC0 1.0 §2 [CC0]",
    ),
    q(
        "May {{MIT}} code go into a GPLv2 program?",
        "{{MIT}}",
        "GPL-2.0-only",
        C,
        "MIT licence: any terms, keep the notice [MIT]",
    ),
    q(
        "May {{Apache-2.0}} code go into a GPLv2-only program?",
        "{{Apache-2.0}}",
        "GPL-2.0-only",
        X,
        "FSF licence list: Apache 2.0 not GPLv2-compatible [FSF-LIST]",
    ),
    q(
        "May code under 'GNU GPL v3 or later' go into a GPLv3-only program?",
        "GNU GPL v3 or later",
        "GPL-3.0-only",
        C,
        "GPLv3 §14: 'or any later version' lets you choose v3 [GPL3]",
    ),
    q(
        "May a library under 'GNU Lesser General Public License v2.1' become GPLv2?",
        "GNU Lesser General Public License v2.1",
        "GPL-2.0-only",
        C,
        "LGPLv2.1 §3 [LGPL21]",
    ),
    q(
        "May text under 'GNU General Public License v3.0' go into a GPL-2.0-only work?",
        "GNU General Public License v3.0",
        "GPL-2.0-only",
        X,
        "GPLv3 §5(c): the whole work under GPLv3 [GPL3]",
    ),
    q(
        "May a work marked 'CC BY 4.0' go into one marked 'Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)'?",
        "CC BY 4.0",
        "Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)",
        C,
        "CC ShareAlike compatibility: BY → BY-SA [CC-SAC]",
    ),
    q(
        "May a work under 'CC BY-SA 3.0 de' (extmetadata short name) become CC BY-SA 3.0?",
        "CC BY-SA 3.0 de",
        "CC-BY-SA-3.0",
        C,
        "CC BY-SA 3.0 DE §4(b)(iv): CC Unported 3.0 or later [CC-BYSA30DE]",
    ),
    q(
        "May a {{Cc-by-sa-3.0-migrated}} photo be adapted into CC BY-SA 4.0?",
        "{{Cc-by-sa-3.0-migrated}}",
        "CC-BY-SA-4.0",
        C,
        "CommonsMetadata alias: migrated = CC BY-SA 3.0; §4(b)(ii) [CM-LP]",
    ),
    q(
        "May a {{self|cc-by-sa-4.0|GFDL|migration=redundant}} photo be adapted into CC BY-SA 4.0?",
        "{{self|cc-by-sa-4.0|GFDL|migration=redundant}}",
        "CC-BY-SA-4.0",
        C,
        "{{self}} offers each licence; CC BY-SA 4.0 may be chosen [COM-REUSE-LIC]",
    ),
    q(
        "May a work under 'Public domain' (extmetadata, basis not stated) go into a closed product?",
        "Public domain",
        CLOSED,
        K,
        "Commons PD tags depend on the jurisdiction; the basis is in the file's tag [COM-PD]",
    ),
]

PORTS = [
    q(
        "May CC BY-SA 3.0 Germany material go into CC BY-SA 4.0?",
        "CC-BY-SA-3.0-DE",
        "CC-BY-SA-4.0",
        C,
        "CC BY-SA 3.0 DE §4(b)(ii) [CC-BYSA30DE]",
    ),
    q(
        "May CC BY-SA 3.0 Unported material be adapted under the German 3.0 port?",
        "CC-BY-SA-3.0",
        "CC-BY-SA-3.0-DE",
        C,
        "CC BY-SA 3.0 §4(b)(iii): a jurisdiction licence of this or a later version [CC-BYSA30]",
    ),
    q(
        "May CC BY-SA 2.0 England & Wales material go into CC BY-SA 4.0?",
        "CC-BY-SA-2.0-UK",
        "CC-BY-SA-4.0",
        C,
        "CC BY-SA 2.0 UK §2.3: any CC licence with the same Licence Elements [CC-BYSA20UK]",
    ),
    q(
        "May CC BY-SA 2.0 England & Wales material go into the German 3.0 port?",
        "CC-BY-SA-2.0-UK",
        "CC-BY-SA-3.0-DE",
        C,
        "CC BY-SA 2.0 UK §2.3 [CC-BYSA20UK]",
    ),
    q(
        "May a {{Cc-by-sa-2.5-pl}} image be adapted into CC BY-SA 4.0?",
        "{{Cc-by-sa-2.5-pl}}",
        "CC-BY-SA-4.0",
        K,
        "2.x ports: their own §4(b) was not verified (licences.md §9)",
    ),
    q(
        "May CC BY-SA 2.1 Japan material go into CC BY-SA 4.0?",
        "CC-BY-SA-2.1-JP",
        "CC-BY-SA-4.0",
        K,
        "2.x ports not verified (licences.md §1.2, §9)",
    ),
    q(
        "May CC BY-SA 3.0 IGO material go into CC BY-SA 4.0?",
        "CC-BY-SA-3.0-IGO",
        "CC-BY-SA-4.0",
        K,
        "3.0 IGO upgrade clause not verified (licences.md §9)",
    ),
    q(
        "May CC BY-SA 4.0 material be adapted under the German 3.0 port?",
        "CC-BY-SA-4.0",
        "CC-BY-SA-3.0-DE",
        X,
        "CC BY-SA 4.0 §3(b)(1): this version or later [CC-BYSA40]",
    ),
    q(
        "May CC BY-SA 3.0 Austria material go into CC BY-SA 4.0?",
        "CC-BY-SA-3.0-AT",
        "CC-BY-SA-4.0",
        C,
        "3.0 ports: a later version (modelled on 3.0 DE §4(b)) [CC-BYSA30DE]",
    ),
    q(
        "May a {{Cc-by-sa-3.0-nl}} photo be adapted into CC BY-SA 4.0?",
        "{{Cc-by-sa-3.0-nl}}",
        "CC-BY-SA-4.0",
        C,
        "3.0 ports: a later version [CC-PORTS]",
    ),
    q(
        "May CC BY 3.0 US material be adapted into CC BY-SA 4.0?",
        "CC-BY-3.0-US",
        "CC-BY-SA-4.0",
        C,
        "CC chart: BY → BY-SA [CC-CHART]",
    ),
    q(
        "May a {{Cc-by-2.0-fr}} photo be adapted into CC BY-SA 4.0?",
        "{{Cc-by-2.0-fr}}",
        "CC-BY-SA-4.0",
        C,
        "CC chart: BY → any licence [CC-CHART]",
    ),
    q(
        "May CC BY-SA 2.0 Germany material go into CC BY-SA 4.0?",
        "CC-BY-SA-2.0-DE",
        "CC-BY-SA-4.0",
        K,
        "2.x ports not verified (licences.md §9)",
    ),
    q(
        "May a CC BY-SA 3.0 Germany photo sit unmodified in a CC BY 4.0 collection?",
        "CC-BY-SA-3.0-DE",
        "CC-BY-4.0",
        C,
        "Collections keep each item's licence [CC-SAI]",
        "collect",
    ),
    q(
        "May a CC BY-SA 3.0 Germany photo be adapted into CC BY 4.0?",
        "CC-BY-SA-3.0-DE",
        "CC-BY-4.0",
        X,
        "CC BY-SA 3.0 DE §4(b): BY-SA licences only [CC-BYSA30DE]",
    ),
]

BANK: list[Q] = (
    CLOSED_PRODUCTS
    + OR_TARGETS
    + OR_SOURCES
    + SEVERAL_SOURCES
    + USE_MODES
    + NC_ND_DRM
    + FAMILY_RULES
    + NAMES
    + PORTS
)


def _ask(question: Q) -> Status:
    return check(
        question.sources, question.target, use=question.use, **question.ctx
    ).status


def test_the_bank_has_at_least_150_distinct_questions() -> None:
    """The issue asks for at least 150 questions, each with its source."""
    assert len(BANK) >= 150
    assert len({b.ask for b in BANK}) == len(BANK)
    assert all(b.source and b.expect in (C, X, K, U) for b in BANK)


@pytest.mark.parametrize("question", BANK, ids=[b.ask[:70] for b in BANK])
def test_question(question: Q) -> None:
    """The checker gives the answer the licence text gives."""
    assert question.expect == _ask(question).value, question.source


def test_no_false_permits() -> None:
    """No question the texts answer with 'no' or 'only if' gets a plain yes."""
    false = [b.ask for b in BANK if b.expect != C and _ask(b) is Status.COMPATIBLE]
    assert [] == false


# Each family rule, with the words of the text it rests on (quoted from the
# source named) and the source and clause the verdict must cite.
FAMILY_CITATIONS = [
    (
        "GPLv2 §9: 'If the Program specifies a version number of this License "
        'which applies to it and "any later version", you have the option of '
        "following the terms and conditions either of that version or of any "
        "later version'",
        ("GPL-2.0-or-later", "GPL-3.0-only", {}),
        ("GPL2", "§9"),
    ),
    (
        "CC blog 2015-10-08: 'CC BY-SA 4.0 now one-way compatible with GPLv3'",
        ("CC-BY-SA-4.0", "GPL-3.0-only", {}),
        ("CC-GPL", "2015-10-08"),
    ),
    (
        "CC wiki, ShareAlike compatibility: FAL: BY-SA 4.0 and FAL 1.3 are "
        "compatible in both directions (determination 2014-10-21)",
        ("LAL-1.3", "CC-BY-SA-4.0", {}),
        ("CC-FAL", ""),
    ),
    (
        "GPLv3 §13: 'you have permission to link or combine any covered work with "
        "a work licensed under version 3 of the GNU Affero General Public License "
        "into a single combined work'",
        ("GPL-3.0-only", "AGPL-3.0-only", {}),
        ("GPL3", "§13"),
    ),
    (
        "AGPLv3 §13: 'you have permission to link or combine any covered work with "
        "a work licensed under version 3 of the GNU General Public License into a "
        "single combined work'",
        ("AGPL-3.0-only", "GPL-3.0-only", {}),
        ("AGPL3", "§13"),
    ),
    (
        "GFDL 1.3 §11: an MMC is eligible for relicensing if works first published "
        "elsewhere 'had no cover texts or invariant sections' and were "
        "incorporated 'prior to November 1, 2008'; the operator may republish "
        "under CC-BY-SA 'at any time before August 1, 2009'",
        (
            "GFDL-1.2-no-invariants-or-later",
            "CC-BY-SA-4.0",
            {"gfdl_migration_eligible": True},
        ),
        ("COM-LU", "§11"),
    ),
    (
        "Template:License migration: 'opt-out: … the copyright holder for the image "
        "explicitly requests that they do not wish for this image to participate'",
        ("{{GFDL|migration=opt-out}}", "CC-BY-SA-4.0", {}),
        ("COM-LM", "migration="),
    ),
    (
        "{{PD-self}}: where a release into the public domain is not legally "
        "possible, 'I grant anyone the right to use this work for any purpose, "
        "without any conditions, unless such conditions are required by law'",
        ("{{PD-self}}", "MIT", {"jurisdiction": "de"}),
        ("COM-PD", "fallback grant"),
    ),
    (
        "Berne Convention Art. 9(1): authors 'shall have the exclusive right of "
        "authorizing the reproduction of these works'",
        ("All rights reserved", "MIT", {}),
        ("BERNE", "Art. 9(1)"),
    ),
    (
        "CC BY-NC 4.0 §1(i): NonCommercial 'means not primarily intended for or "
        "directed towards commercial advantage or monetary compensation'",
        ("CC-BY-NC-4.0", "CC-BY-NC-4.0", {}),
        ("", "NonCommercial"),
    ),
]


@pytest.mark.parametrize(("quote", "ask", "cited"), FAMILY_CITATIONS)
def test_family_rule_cites_its_clause(
    quote: str, ask: tuple[str, str, dict[str, Any]], cited: tuple[str, str]
) -> None:
    """The verdict names the source and clause the quoted text comes from."""
    sources, target, ctx = ask
    verdict = check(sources, target, **ctx)
    key, clause = cited
    assert any(
        (not key or r.source_key == key) and clause in r.clause for r in verdict.reasons
    ), (quote, verdict.reasons)
    assert quote  # the text the rule rests on, for the reader
