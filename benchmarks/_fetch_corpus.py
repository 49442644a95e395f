"""The pages the fetch benchmark imports into a real MediaWiki, and the truth.

Everything is generated here, deterministically from a seed: ``articles``
pages with several revisions by 3 to 6 different contributors each (about a
third of them with one or two anonymous IP edits, from the documentation
address ranges), and one-revision "stub" pages up to ``pages`` in all.  The
pages are written as a MediaWiki XML export and loaded with
``importDump.php``; the accounts are created first, because the importer
keeps a user name only when the local account exists (otherwise the edit is
credited to an ``imported>`` name that no API lists as a registered user).

Each revision's text carries a word of its own (``fbtok...``), so a checker
can tell the latest revision's text from an older one's even after a
library has turned the wikitext into plain text.
"""

from __future__ import annotations

import json
import math
import random
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from tests.support.mediawiki import USER_PASSWORD, MediaWiki

BATCH = 50  # titles per content request (the API's cap for page content)
PCLIMIT = 500  # prop=contributors users per request without apihighlimits

_IPS = tuple(f"192.0.2.{n}" for n in range(10, 60)) + tuple(
    f"2001:db8::{n:x}" for n in range(1, 30)
)
_WORDS = (
    *("gear", "lever", "cam", "shaft", "column", "register", "carriage", "mill"),
    *("store", "card", "barrel", "drum", "ratchet", "wheel", "axle", "pinion"),
    *("spring", "crank", "tooth", "dial", "counter"),
)


@dataclass(frozen=True)
class Edit:
    """One revision: by a registered *user* or, if ``user`` is None, by *ip*."""

    user: str | None
    ip: str | None
    timestamp: str
    comment: str
    text: str


@dataclass(frozen=True)
class PageSpec:
    """A generated page and its revisions, oldest first."""

    title: str
    edits: tuple[Edit, ...]

    @property
    def registered(self) -> frozenset[str]:
        """Names of the registered accounts that edited the page."""
        return frozenset(e.user for e in self.edits if e.user is not None)

    @property
    def anonymous(self) -> int:
        """Distinct IP addresses that edited the page."""
        return len({e.ip for e in self.edits if e.user is None})

    @property
    def token(self) -> str:
        """The word only the latest revision's text contains."""
        return token(self.title, len(self.edits))


@dataclass(frozen=True)
class Corpus:
    """What the benchmark imports: accounts, multi-author articles and stubs."""

    prefix: str
    users: tuple[str, ...]
    articles: tuple[PageSpec, ...]
    stubs: tuple[PageSpec, ...]
    by_title: dict[str, PageSpec] = field(repr=False, compare=False)

    @property
    def pages(self) -> tuple[PageSpec, ...]:
        """Every page, articles first."""
        return self.articles + self.stubs

    @property
    def revisions(self) -> int:
        """Revisions in the export."""
        return sum(len(p.edits) for p in self.pages)


def token(title: str, revision: int) -> str:
    """A plain word naming *title*'s *revision* (1-based); survives plain-text."""
    letters = "".join(ch for ch in title.lower() if ch.isascii() and ch.isalnum())
    return f"fbtok{letters}r{revision}"


def _paragraph(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = rng.sample(_WORDS, 8)
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def _text(title: str, revision: int, body: Sequence[str]) -> str:
    # The token sits in a plain sentence of the lead, where extracts keep it.
    lead = (
        f"'''{title}''' is a page generated for the wikireuse fetch benchmark. "
        f"Its revision word is {token(title, revision)}."
    )
    sections = "\n\n".join(
        f"== Part {n} ==\n{para}" for n, para in enumerate(body, start=1)
    )
    return f"{lead}\n\n{sections}\n\n[[Category:Fetch benchmark pages]]"


def build_corpus(
    *,
    prefix: str = "Fetchbench",
    articles: int = 200,
    pages: int = 1000,
    users: int = 12,
    seed: int = 20260101,
) -> Corpus:
    """Generate the benchmark's pages (deterministic for a given seed)."""
    if pages < articles or articles < 1 or users < 6:
        msg = f"need pages >= articles >= 1 and users >= 6: {pages=} {articles=}"
        raise ValueError(msg)
    rng = random.Random(seed)
    names = tuple(f"{prefix} user {n:02d}" for n in range(1, users + 1))
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    step = timedelta(minutes=7)
    clock = iter(start + i * step for i in range(10**7))

    def stamp() -> str:
        return next(clock).strftime("%Y-%m-%dT%H:%M:%SZ")

    made: list[PageSpec] = []
    for i in range(articles):
        title = f"{prefix} article {i:04d}"
        people = rng.randint(3, 6)
        ips = rng.choice((0, 0, 0, 0, 1, 2)) if people > 3 else rng.choice((0, 0, 1))
        authors: list[tuple[str | None, str | None]] = [
            (u, None) for u in rng.sample(names, people - ips)
        ] + [(None, ip) for ip in rng.sample(_IPS, ips)]
        # Everyone edits once or twice; the first edit is by a registered user.
        sequence = [a for a in authors for _ in range(rng.randint(1, 2))]
        rng.shuffle(sequence)
        first = next(k for k, a in enumerate(sequence) if a[0] is not None)
        sequence.insert(0, sequence.pop(first))
        body: list[str] = []
        edits = []
        for n, (user, ip) in enumerate(sequence, start=1):
            body.append(_paragraph(rng, rng.randint(3, 6)))
            edits.append(
                Edit(
                    user=user,
                    ip=ip,
                    timestamp=stamp(),
                    comment=f"Revision {n}",
                    text=_text(title, n, body),
                )
            )
        made.append(PageSpec(title=title, edits=tuple(edits)))
    stubs = []
    for i in range(pages - articles):
        title = f"{prefix} page {i:04d}"
        edit = Edit(
            user=rng.choice(names),
            ip=None,
            timestamp=stamp(),
            comment="Stub",
            text=_text(title, 1, [_paragraph(rng, 2)]),
        )
        stubs.append(PageSpec(title=title, edits=(edit,)))
    everything = {p.title: p for p in (*made, *stubs)}
    return Corpus(
        prefix=prefix,
        users=names,
        articles=tuple(made),
        stubs=tuple(stubs),
        by_title=everything,
    )


def export_xml(corpus: Corpus) -> Iterator[str]:
    """The corpus as lines of a MediaWiki XML export (format 0.11)."""
    yield (
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" '
        'version="0.11" xml:lang="en">'
    )
    yield "  <siteinfo><sitename>TestWiki</sitename><case>first-letter</case>"
    yield '    <namespaces><namespace key="0" case="first-letter" /></namespaces>'
    yield "  </siteinfo>"
    rev_id = 5_000_000  # the importer renumbers; these only need to be distinct
    for page_id, page in enumerate(corpus.pages, start=5_000_000):
        yield f"  <page><title>{escape(page.title)}</title><ns>0</ns>"
        yield f"    <id>{page_id}</id>"
        parent: int | None = None
        for edit in page.edits:
            rev_id += 1
            who = (
                f"<username>{escape(edit.user)}</username>"
                if edit.user is not None
                else f"<ip>{escape(edit.ip or '')}</ip>"
            )
            yield "    <revision>"
            yield f"      <id>{rev_id}</id>"
            if parent is not None:
                yield f"      <parentid>{parent}</parentid>"
            yield f"      <timestamp>{edit.timestamp}</timestamp>"
            yield f"      <contributor>{who}</contributor>"
            yield f"      <comment>{escape(edit.comment)}</comment>"
            yield "      <model>wikitext</model><format>text/x-wiki</format>"
            yield f'      <text xml:space="preserve">{escape(edit.text)}</text>'
            yield "    </revision>"
            parent = rev_id
        yield "  </page>"
    yield "</mediawiki>"


def seed_wiki(mw: MediaWiki, corpus: Corpus, workdir: Path) -> None:
    """Create the corpus's accounts on *mw* and import its pages."""
    for user in corpus.users:
        # --force: the account may exist already (a second run on one wiki).
        mw.php("createAndPromote", "--force", user, USER_PASSWORD)
    workdir.mkdir(parents=True, exist_ok=True)
    xml = workdir / f"{corpus.prefix.lower()}-pages.xml"
    with xml.open("w", encoding="utf-8") as out:
        for line in export_xml(corpus):
            out.write(line + "\n")
    mw.php("importDump", "--no-updates", str(xml))


# -- the truth, asked of the wiki directly (not through the counting proxy) --


def api_get(api_url: str, params: dict[str, str]) -> dict[str, Any]:
    """One Action API GET with the stdlib, bypassing every library under test."""
    query = urllib.parse.urlencode({**params, "format": "json", "formatversion": "2"})
    request = urllib.request.Request(
        f"{api_url}?{query}",
        headers={"User-Agent": "wikireuse-benchmark-truth/1.0 (loopback)"},
    )
    with urllib.request.urlopen(request, timeout=60) as resp:
        data: dict[str, Any] = json.load(resp)
    if "error" in data:
        msg = f"API error for {params}: {data['error']}"
        raise RuntimeError(msg)
    return data


def _batches(items: Sequence[str], size: int = BATCH) -> Iterator[Sequence[str]]:
    for k in range(0, len(items), size):
        yield items[k : k + size]


def latest_revids(api_url: str, titles: Sequence[str]) -> dict[str, int]:
    """The current revision id of each title, by ``prop=info``."""
    found: dict[str, int] = {}
    for batch in _batches(titles):
        data = api_get(
            api_url, {"action": "query", "prop": "info", "titles": "|".join(batch)}
        )
        for page in data["query"]["pages"]:
            if "missing" in page:
                msg = f"page {page['title']!r} was not imported"
                raise RuntimeError(msg)
            found[page["title"]] = int(page["lastrevid"])
    return found


@dataclass(frozen=True)
class ContributorTruth:
    """What ``prop=contributors`` says about the articles, and what it cost."""

    registered: dict[str, frozenset[str]]
    anonymous: dict[str, int]
    requests: int  # requests needed, batch by batch, with pclimit=max
    batches: int


def contributors_from_api(api_url: str, titles: Sequence[str]) -> ContributorTruth:
    """List every article's contributors as a 50-title batch client would."""
    registered: dict[str, set[str]] = {t: set() for t in titles}
    anonymous: dict[str, int] = dict.fromkeys(titles, 0)
    requests = 0
    batches = 0
    for batch in _batches(titles):
        batches += 1
        params = {
            "action": "query",
            "prop": "contributors",
            "pclimit": "max",
            "titles": "|".join(batch),
        }
        extra: dict[str, str] = {}
        while True:
            data = api_get(api_url, {**params, **extra})
            requests += 1
            for page in data["query"]["pages"]:
                title = page["title"]
                registered[title].update(
                    u["name"] for u in page.get("contributors", [])
                )
                anonymous[title] = max(
                    anonymous[title], page.get("anoncontributors", 0)
                )
            more = data.get("continue")
            if not isinstance(more, dict):
                break
            extra = {k: str(v) for k, v in more.items()}
    return ContributorTruth(
        registered={t: frozenset(v) for t, v in registered.items()},
        anonymous=anonymous,
        requests=requests,
        batches=batches,
    )


def continuations_from_data(pages: Sequence[PageSpec]) -> int:
    """Extra ``prop=contributors`` requests 50-title batches need, by counting.

    The limit counts listed users over all pages of a request, so a batch
    whose pages have *u* registered contributors in all needs
    ``ceil(u / 500)`` requests: ``ceil(u / 500) - 1`` beyond the first.
    """
    extra = 0
    for k in range(0, len(pages), BATCH):
        users = sum(len(p.registered) for p in pages[k : k + BATCH])
        extra += max(0, math.ceil(users / PCLIMIT) - 1)
    return extra
