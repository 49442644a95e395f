"""Fetch pages one per request with one client library, in its own process.

``python -m benchmarks._subjects SUBJECT API_URL PAGES PER_MINUTE``

Each subject fetches the wikitext (or plain text) of ``PAGES`` titles the way
its documentation shows, one page at a time.  After each page whose text
matches what the server holds it prints ``page <n>``; when it stops it prints
``end ok`` or ``end error <ExceptionType>: <message>``.  The parent counts
those lines, so a run killed at its time bound still reports its progress.
A separate process keeps one library's sleeps, retries and global state away
from the next and lets the parent stop it hard.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from benchmarks._ratelimited_server import expected_text

if TYPE_CHECKING:
    # Only for annotations: each subject imports its own library when it runs.
    from wikireuse import Client

UA = (
    "wikireuse-benchmark/1.0 "
    "(https://example.invalid/wikireuse-bench; bench@example.invalid)"
)


BOT_SUBJECT = "wikireuse (bot profile, faster than R)"


def titles(n: int) -> list[str]:
    """The benchmark's page titles."""
    return [f"Bench page {i:04d}" for i in range(n)]


def _wikireuse_text(client: Client, name: str) -> str:
    """The wikitext of page *name*, in one request."""
    result = client.query_pages(
        {"prop": "revisions", "rvprop": "ids|content", "rvslots": "main"},
        titles=[name],
    )
    (page,) = result.pages
    text: str = page["revisions"][0]["slots"]["main"]["content"]
    return text


def _wikireuse(api_url: str, names: list[str], per_minute: float) -> Iterator[str]:
    from wikireuse import Client

    with Client(
        UA, api_url=api_url, min_interval=60.0 / per_minute, cache=False
    ) as client:
        for name in names:
            yield _wikireuse_text(client, name)


def _wikireuse_bot(api_url: str, names: list[str], per_minute: float) -> Iterator[str]:
    """The ``bot`` profile (0.03 s, 3 in flight): configured faster than R.

    Three worker threads share the client, as a bot using its concurrency
    would; a sequential caller never has more than one request in flight.
    The server's limit is learnt from its 429s, not from ``per_minute``.
    """
    from concurrent.futures import ThreadPoolExecutor

    from wikireuse import Client

    with Client(UA, api_url=api_url, profile="bot", cache=False) as client:
        pool = ThreadPoolExecutor(max_workers=3)
        try:
            # map() yields in order, so "page n" lines stay in order too
            yield from pool.map(partial(_wikireuse_text, client), names)
        finally:
            # on an error, do not fetch the queued rest before reporting it
            pool.shutdown(wait=True, cancel_futures=True)


def _mwclient(api_url: str, names: list[str], per_minute: float) -> Iterator[str]:
    import mwclient

    parts = urlsplit(api_url)
    # Defaults as documented (retries, retry_timeout, max_lag); the UA as the
    # docs recommend.  Site() fetches siteinfo first.
    site = mwclient.Site(
        parts.netloc,
        scheme=parts.scheme,
        path=parts.path.removesuffix("api.php"),
        clients_useragent=UA,
    )
    for name in names:
        yield site.pages[name].text()


def _wikipediaapi(api_url: str, names: list[str], per_minute: float) -> Iterator[str]:
    import wikipediaapi

    class LoopbackWikipedia(wikipediaapi.Wikipedia):
        # 0.16 has no base-URL option; its only hook is the URL builder.
        def _build_url(self, language: str) -> str:
            return api_url

    wiki = LoopbackWikipedia(user_agent=UA, language="en")
    for name in names:
        yield wiki.page(name).text


def _wikipedia(api_url: str, names: list[str], per_minute: float) -> Iterator[str]:
    import wikipedia
    import wikipedia.wikipedia as module

    wikipedia.set_lang("en")
    wikipedia.set_user_agent(UA)
    module.API_URL = api_url  # set_lang only knows *.wikipedia.org
    for name in names:
        # auto_suggest=False: the title is exact, no search round-trip
        yield wikipedia.page(name, auto_suggest=False).content


SUBJECTS: dict[str, Callable[[str, list[str], float], Iterator[str]]] = {
    "wikireuse": _wikireuse,
    "mwclient": _mwclient,
    "Wikipedia-API": _wikipediaapi,
    "wikipedia": _wikipedia,
    BOT_SUBJECT: _wikireuse_bot,
}


def _matches(name: str, text: str) -> bool:
    """Every sentence of the page is there (libraries reformat headings)."""
    plain = text.replace("'''", "")
    sentences = [
        line.replace("'''", "")
        for line in expected_text(name).splitlines()
        if line and not line.startswith("==")
    ]
    return all(s in plain for s in sentences)


def main(argv: list[str]) -> int:
    """Run one subject (``SUBJECT API_URL PAGES PER_MINUTE``); always exit 0."""
    subject, api_url, pages, per_minute = argv
    names = titles(int(pages))
    out = sys.stdout
    done = 0
    try:
        for name, text in zip(
            names, SUBJECTS[subject](api_url, names, float(per_minute)), strict=False
        ):
            if not _matches(name, text):
                print(
                    f"end error WrongContent: {name!r}: {text[:60]!r}",
                    file=out,
                    flush=True,
                )
                return 0
            done += 1
            print(f"page {done}", file=out, flush=True)
    except Exception as exc:  # any crash is a measured outcome
        message = " ".join(str(exc).split())[:160]
        print(f"end error {type(exc).__name__}: {message}", file=out, flush=True)
        return 0
    print("end ok", file=out, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
