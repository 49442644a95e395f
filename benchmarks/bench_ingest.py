"""Bulk ingest and change-driven sync (#15).

(a) ``ingest``: a dump of 100 000 pages (``--quick``: 10 000) built from
pieces of about 3 KB of the three recorded enwiki wikitexts
(``../shared/data/wikitext``), written as ``.xml.bz2``. Three passes over the
same file, each in a fresh Python process so memory is measured alone:
raw mwxml iteration (pages × revisions, text touched: the baseline),
``read_xml_dump`` alone, and ``Store.ingest(read_xml_dump(...))`` into a new
store; the last two both as they run by default (``read_ahead``: a thread
decompresses ahead of the parser) and in one thread (``read_ahead=False``).
Throughput is pages per second (the note adds the CPU seconds of the
process, all threads, a figure less moved by other load than the wall
time); memory is the growth of the peak RSS (``VmHWM``) over the RSS after
imports, while the whole file streams. With ``rounds`` > 1 the passes
run that many times, interleaved, and each figure is the median.

(b) ``change sync``: a real MediaWiki (``tests/support/mediawiki.py``) gets
10 000 generated pages (``importDump.php``); ``dumpBackup.php`` writes a
dump, and three stores are ingested from it holding the first 200, 1 000
and 10 000 of them. Each store gets its first sync (no cursor yet: the full
check), then 10 pages are edited on the wiki and each store is synced again
by a fresh client, as a later cron run would: requests are counted at the
loopback counting proxy (``benchmarks/_counting_proxy.py``). The baseline is
a title sync of the 1 000-page store (``client.sync(store, titles)``, the
only sync before #15). After each change sync the 10 edited pages in the
store are compared with a fresh fetch.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Final

from benchmarks._counting_proxy import CountingProxy, counting_proxy
from benchmarks._subjects import UA
from benchmarks._table import Row, render
from tests.conftest import SHARED_DATA
from tests.support.dumps import DumpPage, copies, write_dump
from tests.support.mediawiki import MediaWiki, missing_requirements, running_wiki

if TYPE_CHECKING:
    from wikireuse import Client
    from wikireuse.articles import Article
    from wikireuse.store import Store

REPO = Path(__file__).resolve().parents[1]
RIGHTS = "https://creativecommons.org/licenses/by-sa/4.0/"
_PIECE = 3000

# Each pass runs in a child: ``argv[1]`` is the pass, ``argv[2]`` the dump,
# ``argv[3]`` the store; it prints one JSON line.
_CHILD = r"""
import bz2, json, os, resource, sys, time
import mwxml
from wikireuse.dumps import read_xml_dump
from wikireuse.store import Store

def rss(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) * 1024
    return 0

kind, dump, db = sys.argv[1:4]
before = rss("VmRSS:")
started = time.perf_counter()
pages = 0
if kind == "raw":
    with bz2.open(dump) as stream:
        for page in mwxml.Dump.from_file(stream):
            for revision in page:
                pages += len(revision.text) > -1
elif kind in ("read", "read-serial"):
    for article in read_xml_dump(dump, read_ahead=kind == "read"):
        pages += 1
else:
    with Store(db) as store:
        pages = store.ingest(
            read_xml_dump(dump, read_ahead=kind == "ingest"), source="bench"
        ).added
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"pages": pages, "seconds": seconds,
                  "cpu": usage.ru_utime + usage.ru_stime,
                  "growth": rss("VmHWM:") - before}))
"""

_LABELS: Final = {
    "raw": "mwxml iteration (raw)",
    "read": "read_xml_dump",
    "read-serial": "read_xml_dump(read_ahead=False)",
    "ingest": "Store.ingest(read_xml_dump)",
    "ingest-serial": "Store.ingest(read_xml_dump(read_ahead=False))",
}


def _say(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def _pieces() -> list[str]:
    """About 3 KB pieces of the recorded wikitexts, cut at paragraph breaks."""
    pieces: list[str] = []
    for path in sorted((SHARED_DATA / "wikitext").glob("*.wikitext")):
        current = ""
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            current += paragraph + "\n\n"
            if len(current) >= _PIECE:
                pieces.append(current)
                current = ""
    return pieces


def _pass(kind: str, dump: Path, db: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(dump), str(db)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def ingest_rows(pages: int, workdir: Path, rounds: int = 1) -> list[Row]:
    pieces = _pieces()
    if not pieces:
        return [Row("ingest", "all", "skipped", 0, display="no recorded wikitext")]
    dump = workdir / "bench.xml.bz2"
    _say(f"ingest: writing a {pages}-page dump ...")
    write_dump(dump, copies(pieces, pages, prefix="Bench page", first_revid=10**6))
    rows: list[Row] = []
    name = f"ingest {pages:,} pages (.xml.bz2, {dump.stat().st_size / 2**20:.0f} MiB)"
    runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in _LABELS}
    for round_number in range(1, rounds + 1):
        for kind in _LABELS:
            _say(f"ingest: {kind} pass ({round_number}/{rounds}) ...")
            db = workdir / f"{kind}.db"
            db.unlink(missing_ok=True)
            runs[kind].append(_pass(kind, dump, db))
    for kind, results in runs.items():
        speed = statistics.median(r["pages"] / r["seconds"] for r in results)
        cpu = statistics.median(r["cpu"] for r in results)
        rows.append(
            Row(
                name,
                _LABELS[kind],
                "pages/s",
                speed,
                baseline=None if kind == "raw" else _LABELS["raw"],
                note=f"{results[0]['pages']:.0f} pages, {cpu:.1f} CPU s"
                + (f", median of {rounds}" if rounds > 1 else ""),
            )
        )
        rows.append(
            Row(
                name,
                _LABELS[kind],
                "max RSS growth",
                max(r["growth"] for r in results) / 2**20,
                unit="MiB",
                higher_is_better=False,
            )
        )
    return rows


# -- (b) change sync ---------------------------------------------------------


def _bench_pages(count: int) -> list[DumpPage]:
    return [
        DumpPage(
            title=f"Syncbench {n:05d}",
            pageid=n,
            revid=n,
            timestamp="2024-03-01T00:00:00Z",
            text=f"Page {n} of the sync benchmark.\n\n[[Category:Syncbench]]\n",
        )
        for n in range(1, count + 1)
    ]


def sync_rows(total: int, sizes: tuple[int, ...], workdir: Path) -> list[Row]:
    from wikireuse.dumps import read_xml_dump
    from wikireuse.store import Store

    reason = missing_requirements()
    if reason is not None:
        return [Row("change sync", "all", "skipped", 0, display=f"skipped: {reason}")]
    rows: list[Row] = []
    with running_wiki(workdir / "wiki") as mw:
        source_base = mw.article_url + "Main_Page"
        _say(f"sync: importing {total} pages into MediaWiki ...")
        started = time.perf_counter()
        # In parts of 500: the test bed gives a maintenance script 120 s.
        pages = _bench_pages(total)
        for start in range(0, total, 500):
            part = workdir / f"import-{start}.xml"
            write_dump(part, pages[start : start + 500], base=source_base)
            mw.php("importDump", "--no-updates", str(part))
        _say(f"sync: imported in {time.perf_counter() - started:.0f} s")
        dump = workdir / "backup.xml.gz"
        mw.php("dumpBackup", "--current", "--quiet", f"--output=gzip:{dump}")
        with counting_proxy(mw.base_url) as proxy:
            api_url = proxy.url_for(mw.api_url)
            articles = sorted(
                (
                    a
                    for a in read_xml_dump(dump, wiki=api_url, rights=RIGHTS)
                    if a.title.startswith("Syncbench ")
                ),
                key=lambda a: a.title,
            )
            stores: dict[int, Store] = {}
            for size in sizes:
                store = Store(workdir / f"store-{size}.db")
                store.ingest(articles[:size], source=f"first {size}")
                stores[size] = store
            try:
                rows += _sync_passes(mw, proxy, api_url, stores, articles)
            finally:
                for store in stores.values():
                    store.close()
    return rows


def _sync_passes(
    mw: MediaWiki,
    proxy: CountingProxy,
    api_url: str,
    stores: dict[int, Store],
    articles: list[Article],
) -> list[Row]:
    from wikireuse import Client

    rows: list[Row] = []

    def client() -> Client:
        # A fresh client per pass: a later run has nothing cached.
        return Client(UA, api_url=api_url, min_interval=0.0, cache=False)

    for size, store in stores.items():
        proxy.reset()
        with client() as c:
            report = c.sync(store)
        rows.append(
            Row(
                "change sync",
                f"first sync of a store of {size:,} (path {report.path})",
                "requests",
                len(proxy.hits),
                higher_is_better=False,
                note=report.note,
            )
        )
    changed = [a.title for a in articles[:200:20]]
    for title in changed:
        mw.edit(title, f"{title}: changed between two syncs.")
    for size, store in stores.items():
        proxy.reset()
        with client() as c:
            started = time.perf_counter()
            report = c.sync(store)
            seconds = time.perf_counter() - started
            hits = len(proxy.hits)
            fresh = {
                o.article.title: o.article.revid
                for o in c.articles(changed)
                if o.article is not None
            }
        stored = {}
        for title in changed:
            kept = store.latest(wiki=api_url, title=title)
            stored[title] = kept.revid if kept is not None else None
        same = "store = fresh fetch" if stored == fresh else "DIFFERS from a fetch"
        right = sorted(report.updated) == sorted(changed)
        rows.append(
            Row(
                "change sync",
                f"after 10 edits, store of {size:,} (path {report.path})",
                "requests",
                hits,
                baseline="title sync of the 1,000 store",
                higher_is_better=False,
                note=f"{len(report.updated)} updated"
                f"{' (the edited ones)' if right else ''}, {same}, "
                f"{seconds:.1f} s",
            )
        )
    if 1000 in stores:
        proxy.reset()
        store = stores[1000]
        titles = [p.title for p in store.pages()]
        with client() as c:
            c.sync(store, titles)
        rows.append(
            Row(
                "change sync",
                "title sync of the 1,000 store",
                "requests",
                len(proxy.hits),
                higher_is_better=False,
                note="client.sync(store, titles): one prop=info per 50 titles",
            )
        )
    return rows


def run(quick: bool) -> list[Row]:
    """The rows of (a) and (b)."""
    with tempfile.TemporaryDirectory(prefix="wikireuse-bench-ingest-") as folder:
        workdir = Path(folder)
        rows = ingest_rows(10_000 if quick else 100_000, workdir, 1 if quick else 3)
        # Shown at once: the sync part below takes minutes more.
        _say(render(rows))
        rows += sync_rows(
            2_000 if quick else 10_000,
            (200, 1_000, 2_000) if quick else (200, 1_000, 10_000),
            workdir,
        )
    return rows
