"""End to end: a credits page rendered by Debian's headless Chromium.

The page is written to a temporary folder and opened as a ``file://`` URL.
Chromium is driven through the DevTools protocol over
``--remote-debugging-pipe`` (JSON messages ending in NUL on file descriptors
3 and 4): the standard library is enough, no WebSocket client and no
listening port are needed. ``Page.setBypassCSP`` switches the page's own
Content-Security-Policy off, so that "no script ran" is proved by the
escaping alone, not by the CSP.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import skip_or_fail
from tests.support.notices import BY_4, BY_SA_4
from wikireuse.attribution import Attribution, Byline, Work
from wikireuse.credits import Credits
from wikireuse.media import RichText

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
)
TIMEOUT = 60.0  # seconds for any one DevTools answer (a cold start is slow)

# Puts the two pipe ends on file descriptors 3 and 4, where Chromium's
# --remote-debugging-pipe expects them, then becomes Chromium. (A trampoline,
# not preexec_fn, which is unsafe in a threaded test process.)
_TRAMPOLINE = """
import fcntl, os, sys
given = [int(sys.argv[1]), int(sys.argv[2])]
# Copies above 3 and 4 first, so neither end is overwritten by the other.
high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in given]
for fd, wanted in zip(high, (3, 4)):
    os.dup2(fd, wanted, inheritable=True)
for fd in {*given, *high} - {3, 4}:
    os.close(fd)
os.execv(sys.argv[3], sys.argv[3:])
"""

HOSTILE_TITLE = (
    '<script>window.__pwned = 1; document.title = "pwned"</script>Ada <b>Lovelace</b>'
)
ARTIST_HTML = (
    '<a href="//commons.wikimedia.org/wiki/User:Jane_Doe">Jane Doe</a> '
    '<img src="x" onerror="window.__pwned = 2">'
    '<a href="javascript:window.__pwned = 3">more</a>'
)

_PROBE = """JSON.stringify({
  url: location.href,
  text: document.body.innerText,
  title: document.title,
  pwned: typeof window.__pwned,
  scripts: document.scripts.length,
  charset: document.characterSet,
  lang: document.documentElement.lang,
  links: Array.from(document.querySelectorAll("a"), (a) => ({
    href: a.getAttribute("href"),
    text: a.innerText,
    rel: a.getAttribute("rel"),
  })),
})"""


class DevTools:
    """Chromium under the DevTools protocol, over pipes."""

    def __init__(self, profile: Path, log: Path) -> None:
        to_browser, self._commands = os.pipe()
        self._events, from_browser = os.pipe()
        self._log = log.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _TRAMPOLINE,
                str(to_browser),
                str(from_browser),
                str(CHROMIUM),
                *FLAGS,
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            pass_fds=(to_browser, from_browser),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0
        self._pending: list[dict[str, Any]] = []

    def send(
        self, method: str, params: dict[str, Any] | None = None, **extra: Any
    ) -> int:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        message.update(extra)
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        return self._next_id

    def wait_for(self, accept: Any) -> dict[str, Any]:
        """The first message *accept* takes, reading with a deadline."""
        for message in self._pending:
            if accept(message):
                self._pending.remove(message)
                return message
        deadline = time.monotonic() + TIMEOUT
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                received: dict[str, Any] = json.loads(raw)
                if accept(received):
                    return received
                self._pending.append(received)
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self._events], [], [], left)
            if ready:
                chunk = os.read(self._events, 1 << 16)
                if not chunk:
                    raise EOFError(f"Chromium exited ({self.process.poll()})")
                self._buffer += chunk

    def call(
        self, method: str, params: dict[str, Any] | None = None, **extra: Any
    ) -> Any:
        number = self.send(method, params, **extra)
        answer = self.wait_for(lambda m: m.get("id") == number)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer["result"]

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                self.send("Browser.close")
                self.process.wait(timeout=TIMEOUT)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(timeout=TIMEOUT)
        finally:
            os.close(self._commands)
            os.close(self._events)
            self._log.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[DevTools]:
    """A fresh headless Chromium with its own profile folder."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        skip_or_fail(f"Debian's chromium is not installed at {CHROMIUM}")
    profile = tmp_path / "profile"
    profile.mkdir()
    devtools = DevTools(profile, tmp_path / "chromium.log")
    try:
        yield devtools
    finally:
        devtools.close()


def open_page(devtools: DevTools, url: str) -> dict[str, Any]:
    """Load *url* in a new tab and read what a reader would see."""
    target = devtools.call("Target.createTarget", {"url": "about:blank"})
    session = devtools.call(
        "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}
    )["sessionId"]
    devtools.call("Page.enable", sessionId=session)
    devtools.call(
        "Page.setLifecycleEventsEnabled", {"enabled": True}, sessionId=session
    )
    devtools.call("Page.setBypassCSP", {"enabled": True}, sessionId=session)
    loader = devtools.call("Page.navigate", {"url": url}, sessionId=session)["loaderId"]
    # The load event of this navigation, not a late one of about:blank.
    devtools.wait_for(
        lambda m: (
            m.get("method") == "Page.lifecycleEvent"
            and m.get("sessionId") == session
            and m["params"].get("name") == "load"
            and m["params"].get("loaderId") == loader
        )
    )
    result = devtools.call(
        "Runtime.evaluate",
        {"expression": _PROBE, "returnByValue": True},
        sessionId=session,
    )
    return dict(json.loads(result["result"]["value"]))


def credits_page() -> Credits:
    """A few items: a hostile article title, a Commons Artist link, data, a mystery."""
    article = Attribution(
        kind="article",
        title=HOSTILE_TITLE,
        source_url="https://en.wikipedia.org/w/index.php?title=Ada_Lovelace&oldid=7",
        page_url="https://en.wikipedia.org/wiki/Ada_Lovelace",
        site_name="Wikipedia",
        history_url="https://en.wikipedia.org/w/index.php?title=Ada_Lovelace&action=history",
        license=BY_SA_4,
        revid=7,
    )
    page = "https://commons.wikimedia.org/wiki/File:Z%C3%BCrich.jpg"
    photo = Attribution(
        kind="media",
        title="Zürich – “Altstadt”",
        source_url=page,
        site_name="Wikimedia Commons",
        authors=(Byline.from_rich(RichText.from_html(ARTIST_HTML, page_url=page)),),
        license=BY_4,
    )
    data = Work(
        title="Population of Zürich",
        license="CC0",
        source_url="https://www.wikidata.org/wiki/Q72",
        source_name="Wikidata",
    )
    mystery = Work(
        title="Mystery map",
        authors=("Anon",),
        license="Home-made licence",
        source_url="https://example.org/map",
    )
    return Credits([article, photo, data, mystery])


def test_chromium_shows_the_credits_page_and_runs_no_script(
    browser: DevTools, tmp_path: Path
) -> None:
    """The visible text and links are right, and the hostile strings stay text."""
    credits = credits_page()
    html_file = tmp_path / "credits.html"
    html_file.write_text(credits.to_html(into="CC-BY-SA-4.0"), encoding="utf-8")

    seen = open_page(browser, html_file.as_uri())

    assert (html_file.as_uri(), "Credits", "undefined", 0, "UTF-8", "en") == (
        seen["url"],
        seen["title"],
        seen["pwned"],
        seen["scripts"],
        seen["charset"],
        seen["lang"],
    )
    text = seen["text"]
    for visible in (
        f"“{HOSTILE_TITLE}”",
        "Zürich – “Altstadt”",
        "Jane Doe",
        "Licensed under CC BY-SA 4.0",
        "Licensed under CC BY 4.0",
        "Marked with CC0 1.0",
        "Licence unknown",
        "Licence check",
        "could not be determined",
        "Check these items",
        "Mystery map: licence not recognised",
    ):
        assert visible in text, visible
    assert "onerror" not in text
    links = {(link["href"], link["text"]) for link in seen["links"]}
    assert (
        "https://commons.wikimedia.org/wiki/User:Jane_Doe",
        "Jane Doe",
    ) in links
    assert (
        "https://en.wikipedia.org/w/index.php?title=Ada_Lovelace&oldid=7",
        f"“{HOSTILE_TITLE}”",
    ) in links
    licence_links = {
        (link["href"], link["text"])
        for link in seen["links"]
        if "license" in (link["rel"] or "").split()
    }
    assert {
        ("https://creativecommons.org/licenses/by-sa/4.0/", "CC BY-SA 4.0"),
        ("https://creativecommons.org/licenses/by/4.0/", "CC BY 4.0"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0"),
    } <= licence_links
    assert all(
        link["href"].startswith(("https://", "http://")) for link in seen["links"]
    ), seen["links"]
