"""Fetch benchmarks on a real MediaWiki 1.39: requests counted at the server.

The benchmark starts its own throwaway wiki (``tests/support/mediawiki.py``)
and imports a generated corpus into it (``benchmarks/_fetch_corpus.py``):
1000 pages, 200 of them articles with several revisions by 3 to 6
contributors each, some of them anonymous.  Every library talks to the wiki
through a loopback counting proxy (``benchmarks/_counting_proxy.py``), so the
request counts are what reached the server, whatever the library thinks it
sent.  All subjects use the same identified User-Agent; wikireuse runs with
``min_interval=0`` (no pacing, as the peers have none).

(a) ``fetch``: the 200 articles with text, revision id, licence and
contributors.  wikireuse: one ``client.articles(titles, contributors=True)``
call.  mwclient: a plain loop as its documentation shows (``site.pages[t]``,
``page.text()``, ``page.revision``, ``page.revisions(prop="user")``) and one
``siteinfo`` request for the licence.  Wikipedia-API (``page.text`` and
``page.lastrevid``, which costs an extra ``prop=info`` request) and
``wikipedia`` (``page(t, auto_suggest=False)``, ``.content``,
``.revision_id``; what LangChain's loader uses) have no API for contributors
or the licence: their rows say n/a, and their request counts are for less
data than the others'.  Each subject runs twice through its own proxy; only
the second run is counted and timed (the first warms the wiki's caches, so
no subject profits from the one before it).  An article is *ok* when every
field the library delivers is right: the latest revision's text (a word only
that revision has), its revision id, and -- where delivered -- the
contributors (names and anonymous count, as generated) and the wiki's
licence.

The floor for wikireuse is ``ceil(n/50)`` content requests, plus the extra
requests ``prop=contributors`` needs when one 50-title batch has more than
500 registered contributors in all (asked of the API, batch by batch, and
checked against the generated data), plus one ``siteinfo``.

(b) ``delta sync``: ``client.sync(store, titles)`` of the 1000 pages into a
fresh store (the full first sync), then 10 pages are edited on the wiki
(spread over the title list) and a new client -- as a later run would --
syncs again.  The naive alternative, refetching all 1000 with
``client.articles()``, runs in the same session for the ratio.
"""

from __future__ import annotations

import math
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks._counting_proxy import Hit, breakdown, counting_proxy
from benchmarks._fetch_corpus import (
    BATCH,
    Corpus,
    PageSpec,
    api_get,
    build_corpus,
    continuations_from_data,
    contributors_from_api,
    latest_revids,
    seed_wiki,
    token,
)
from benchmarks._fetch_subjects import SUBJECTS, Fetched, Subject, run_subject
from benchmarks._subjects import UA
from benchmarks._table import Row
from tests.support.mediawiki import MediaWiki, missing_requirements, running_wiki

TARGET_RATIO = 20.0  # wikireuse should need at least 20x fewer requests


@dataclass(frozen=True)
class Sizes:
    """How big one run is."""

    articles: int  # fetched with contributors in (a)
    pages: int  # synced in (b); includes the articles
    changed: int  # edited between the two syncs
    users: int  # registered accounts in the corpus


FULL = Sizes(articles=200, pages=1000, changed=10, users=12)
QUICK = Sizes(articles=50, pages=250, changed=5, users=8)
TINY = Sizes(articles=6, pages=20, changed=2, users=6)  # the smoke test's


def _say(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def fetch_name(sizes: Sizes) -> str:
    """The benchmark column of (a)."""
    return f"fetch {sizes.articles} articles (text+revid+licence+contributors)"


def sync_name(sizes: Sizes) -> str:
    """The benchmark column of (b)."""
    return f"delta sync ({sizes.pages} stored, {sizes.changed} changed)"


def skipped(reason: str, sizes: Sizes = FULL) -> list[Row]:
    """The rows printed when there is no MediaWiki to measure against."""
    text = f"skipped: MediaWiki not installed ({reason})"
    return [
        Row(fetch_name(sizes), "all subjects", "status", 0, display=text),
        Row(sync_name(sizes), "wikireuse", "status", 0, display=text),
    ]


def run(quick: bool) -> list[Row]:
    """Both fetch benchmarks on a wiki of their own (``quick``: a quarter size)."""
    sizes = QUICK if quick else FULL
    reason = missing_requirements()
    if reason is not None:
        _say(f"fetch: {reason}")
        return skipped(reason, sizes)
    with tempfile.TemporaryDirectory(prefix="wikireuse-bench-fetch-") as tmp:
        started = time.perf_counter()
        with running_wiki(Path(tmp) / "wiki") as mw:
            _say(f"fetch: wiki up in {time.perf_counter() - started:.1f} s")
            return measure(mw, sizes, workdir=Path(tmp) / "work")


def measure(
    mw: MediaWiki, sizes: Sizes, *, workdir: Path, prefix: str = "Fetchbench"
) -> list[Row]:
    """Import a corpus of *sizes* into *mw* and run (a) and (b) against it."""
    corpus = build_corpus(
        prefix=prefix, articles=sizes.articles, pages=sizes.pages, users=sizes.users
    )
    started = time.perf_counter()
    seed_wiki(mw, corpus, workdir)
    _say(
        f"fetch: imported {len(corpus.pages)} pages, {corpus.revisions} revisions "
        f"in {time.perf_counter() - started:.1f} s"
    )
    rows = fetch_benchmark(mw, corpus, sizes)
    rows += sync_benchmark(mw, corpus, sizes, workdir=workdir)
    return rows


# -- (a) fetch ---------------------------------------------------------------


@dataclass(frozen=True)
class Truth:
    """What the right answers are, and the request floor they imply."""

    revids: dict[str, int]
    rights_url: str
    continuations: int

    def floor(self, n: int) -> int:
        """ceil(n/50) content requests + continuations + 1 siteinfo."""
        return math.ceil(n / BATCH) + self.continuations + 1


def _truth(mw: MediaWiki, corpus: Corpus) -> Truth:
    titles = [p.title for p in corpus.articles]
    people = contributors_from_api(mw.api_url, titles)
    for page in corpus.articles:
        got = (people.registered[page.title], people.anonymous[page.title])
        if got != (page.registered, page.anonymous):
            msg = (
                f"the wiki credits {page.title!r} to {got}, the corpus to "
                f"{(page.registered, page.anonymous)}: the import went wrong"
            )
            raise RuntimeError(msg)
    continuations = people.requests - people.batches
    counted = continuations_from_data(corpus.articles)
    if counted != continuations:
        _say(
            f"fetch: the API needed {continuations} contributor continuations, "
            f"the data says {counted}; the floor uses the API's figure"
        )
    rights = api_get(
        mw.api_url, {"action": "query", "meta": "siteinfo", "siprop": "rightsinfo"}
    )["query"]["rightsinfo"]
    return Truth(
        revids=latest_revids(mw.api_url, titles),
        rights_url=str(rights["url"]),
        continuations=continuations,
    )


def _same_licence(reported: str | None, rights_url: str) -> bool:
    if not reported:
        return False

    def norm(url: str) -> str:
        return url.split("://", 1)[-1].rstrip("/").lower()

    return norm(reported) == norm(rights_url)


def problem(subject: Subject, got: Fetched, page: PageSpec, truth: Truth) -> str | None:
    """Why *got* is not right for *page*, or ``None`` when it is."""
    if got.error is not None:
        return got.error
    if got.text is None or page.token not in got.text:
        return f"text is not the latest revision's (no {page.token!r})"
    if got.revid != truth.revids[page.title]:
        return f"revid {got.revid}, expected {truth.revids[page.title]}"
    if subject.contributors and (got.registered, got.anonymous) != (
        page.registered,
        page.anonymous,
    ):
        return (
            f"contributors {sorted(got.registered or ())} + {got.anonymous} anon, "
            f"expected {sorted(page.registered)} + {page.anonymous} anon"
        )
    if subject.licence and not _same_licence(got.license, truth.rights_url):
        return f"licence {got.license!r}, expected {truth.rights_url!r}"
    return None


@dataclass(frozen=True)
class FetchResult:
    """One subject's run of (a)."""

    subject: Subject
    ok: int
    hits: tuple[Hit, ...]
    seconds: float
    first_problem: str | None


def fetch_one(
    subject: Subject, mw: MediaWiki, corpus: Corpus, truth: Truth
) -> FetchResult:
    """Run *subject* through a fresh counting proxy and check what it returned."""
    titles = [p.title for p in corpus.articles]
    with counting_proxy(mw.base_url) as proxy:
        api_url = proxy.url_for(mw.api_url)
        # An untimed, uncounted pass first: it fills the wiki's parser cache
        # (text extracts parse each page) and pays the library's lazy imports,
        # so no subject profits from the one that ran before it.
        run_subject(subject, api_url, titles)
        proxy.reset()
        started = time.perf_counter()
        fetched = run_subject(subject, api_url, titles)
        seconds = time.perf_counter() - started
        hits = proxy.hits
    ok = 0
    first: str | None = None
    by_title = {f.title: f for f in fetched}
    for page in corpus.articles:
        got = by_title.get(page.title, Fetched(title=page.title, error="not returned"))
        why = problem(subject, got, page, truth)
        if why is None:
            ok += 1
        elif first is None:
            first = f"{page.title}: {why}"
    return FetchResult(
        subject=subject, ok=ok, hits=hits, seconds=seconds, first_problem=first
    )


def fetch_rows(results: Sequence[FetchResult], truth: Truth, n: int) -> list[Row]:
    """The table rows of (a)."""
    bench = f"fetch {n} articles (text+revid+licence+contributors)"
    rows: list[Row] = []
    for r in results:
        name = r.subject.name
        base = None if name == "wikireuse" else "wikireuse"
        fields = "text, revid" + (
            ", licence, contributors"
            if r.subject.contributors and r.subject.licence
            else "; contributors n/a, licence n/a (no API)"
        )
        ok_note = r.subject.how
        if r.first_problem is not None:
            ok_note += f"; first problem: {r.first_problem[:160]}"
        sent = len(r.hits)
        size = sum(h.response_bytes for h in r.hits) / 1024.0
        rows += [
            Row(bench, name, "fields delivered", 0, display=fields),
            Row(bench, name, "articles ok", r.ok, f"/ {n}", note=ok_note),
            Row(
                bench,
                name,
                "HTTP requests (at the server)",
                sent,
                baseline=base,
                higher_is_better=False,
                note=breakdown(r.hits),
            ),
            Row(
                bench,
                name,
                "requests per article",
                round(sent / n, 2),
                higher_is_better=False,
            ),
            Row(
                bench,
                name,
                "wall time",
                round(r.seconds, 2),
                "s",
                baseline=base,
                higher_is_better=False,
                note="min_interval=0 (no pacing on loopback)"
                if name == "wikireuse"
                else "",
            ),
            Row(bench, name, "response bytes", round(size, 1), "KiB"),
        ]
    ours = next((r for r in results if r.subject.name == "wikireuse"), None)
    peers = [r for r in results if r.subject.name != "wikireuse" and r.hits]
    if ours is not None:
        floor = truth.floor(n)
        sent = len(ours.hits)
        content = math.ceil(n / BATCH)
        rows.append(
            Row(
                bench,
                "wikireuse",
                "request floor",
                floor,
                note=(
                    f"ceil({n}/{BATCH}) = {content} content + {truth.continuations} "
                    f"contributor continuations + 1 siteinfo"
                ),
            )
        )
        verdict = "yes" if 0 < sent <= floor else "no"
        sign = "<=" if sent <= floor else ">"
        rows.append(
            Row(
                bench,
                "wikireuse",
                "within the floor",
                float(sent <= floor),
                display=f"{verdict} ({sent} {sign} {floor})",
                note="" if ours.ok == n else f"but only {ours.ok}/{n} articles ok",
            )
        )
        if peers and sent:
            best = min(peers, key=lambda r: len(r.hits))
            ratio = len(best.hits) / sent
            met = "met" if ratio >= TARGET_RATIO else "NOT met"
            rows.append(
                Row(
                    bench,
                    "wikireuse",
                    "fewer requests than the best peer",
                    round(ratio, 1),
                    "x",
                    note=(
                        f"best peer: {best.subject.name}, {len(best.hits)} requests"
                        f" for less data; target >= {TARGET_RATIO:.0f}x: {met}"
                    ),
                )
            )
    return rows


def fetch_benchmark(mw: MediaWiki, corpus: Corpus, sizes: Sizes) -> list[Row]:
    """(a): every subject fetches the articles; one result per subject."""
    truth = _truth(mw, corpus)
    results = []
    for subject in SUBJECTS:
        _say(f"fetch: {subject.name} ...")
        result = fetch_one(subject, mw, corpus, truth)
        _say(
            f"  {result.ok}/{len(corpus.articles)} ok, {len(result.hits)} requests "
            f"({breakdown(result.hits)}), {result.seconds:.2f} s"
            + (f"; {result.first_problem}" if result.first_problem else "")
        )
        results.append(result)
    return fetch_rows(results, truth, len(corpus.articles))


# -- (b) delta sync ----------------------------------------------------------


@dataclass(frozen=True)
class SyncRun:
    """One measured pass of (b)."""

    subject: str
    hits: tuple[Hit, ...]
    seconds: float
    refetched: int
    note: str


def changed_titles(titles: Sequence[str], k: int) -> list[str]:
    """*k* titles spread evenly over *titles* (so over k different batches)."""
    step = max(1, len(titles) // k)
    return list(titles[::step][:k])


def _change(mw: MediaWiki, corpus: Corpus, titles: Sequence[str]) -> None:
    for title in titles:
        page = corpus.by_title[title]
        n = len(page.edits) + 1
        text = page.edits[-1].text.replace(
            token(title, len(page.edits)), token(title, n)
        )
        mw.edit(
            title,
            text + "\n\nA sentence added between two syncs.",
            user=corpus.users[0],
            summary="Benchmark change",
        )


def sync_passes(
    mw: MediaWiki, corpus: Corpus, sizes: Sizes, *, workdir: Path
) -> list[SyncRun]:
    """Full sync, edits, delta sync and the naive refetch, each counted."""
    from wikireuse import Client
    from wikireuse.store import Store

    titles = [p.title for p in corpus.pages]
    changed = changed_titles(titles, sizes.changed)
    runs: list[SyncRun] = []
    store_path = workdir / "sync-store.sqlite"
    store_path.unlink(missing_ok=True)
    with counting_proxy(mw.base_url) as proxy, Store(store_path) as store:
        api_url = proxy.url_for(mw.api_url)

        def client() -> Client:
            # A fresh client per pass: a delta sync is a later run (cron),
            # which has no site facts cached.
            return Client(UA, api_url=api_url, min_interval=0.0, cache=False)

        def timed_sync(label: str) -> None:
            proxy.reset()
            with client() as c:
                started = time.perf_counter()
                report = c.sync(store, titles)
                seconds = time.perf_counter() - started
            counts = report.counts
            note = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
            if label.endswith("delta"):
                right = sorted(report.updated) == sorted(changed)
                note += " (the edited ones)" if right else f" (edited: {changed})"
            runs.append(
                SyncRun(
                    subject=label,
                    hits=proxy.hits,
                    seconds=seconds,
                    refetched=counts["updated"] + counts["new"],
                    note=note,
                )
            )

        _say("sync: first (full) sync ...")
        timed_sync("wikireuse sync, first (full)")
        _change(mw, corpus, changed)  # maintenance scripts: not through the proxy
        _say("sync: delta sync ...")
        timed_sync("wikireuse sync, delta")
        _say("sync: naive refetch with articles() ...")
        proxy.reset()
        with client() as c:
            started = time.perf_counter()
            outcomes = c.articles(titles)
            seconds = time.perf_counter() - started
        found = sum(1 for o in outcomes if o.article is not None)
        runs.append(
            SyncRun(
                subject="wikireuse articles(), refetch all",
                hits=proxy.hits,
                seconds=seconds,
                refetched=found,
                note=f"{found} found",
            )
        )
    return runs


def sync_rows(runs: Sequence[SyncRun], sizes: Sizes) -> list[Row]:
    """The table rows of (b)."""
    bench = sync_name(sizes)
    naive = "wikireuse articles(), refetch all"
    rows: list[Row] = []
    for r in runs:
        base = naive if r.subject.endswith("delta") else None
        rows += [
            Row(bench, r.subject, "pages fetched", r.refetched, note=r.note),
            Row(
                bench,
                r.subject,
                "HTTP requests (at the server)",
                len(r.hits),
                baseline=base,
                higher_is_better=False,
                note=breakdown(r.hits),
            ),
            Row(
                bench,
                r.subject,
                "wall time",
                round(r.seconds, 2),
                "s",
                baseline=base,
                higher_is_better=False,
            ),
            Row(
                bench,
                r.subject,
                "response bytes",
                round(sum(h.response_bytes for h in r.hits) / 1024.0, 1),
                "KiB",
                baseline=base,
                higher_is_better=False,
            ),
        ]
    return rows


def sync_benchmark(
    mw: MediaWiki, corpus: Corpus, sizes: Sizes, *, workdir: Path
) -> list[Row]:
    """(b), or one row saying why it could not run."""
    try:
        runs = sync_passes(mw, corpus, sizes, workdir=workdir)
    except Exception as exc:  # a crash is a result, shown in the table
        message = f"error: {type(exc).__name__}: {' '.join(str(exc).split())[:160]}"
        _say(f"sync: {message}")
        return [Row(sync_name(sizes), "wikireuse", "status", 0, display=message)]
    for r in runs:
        _say(
            f"  {r.subject}: {len(r.hits)} requests ({breakdown(r.hits)}), "
            f"{r.seconds:.2f} s, {r.note}"
        )
    return sync_rows(runs, sizes)
