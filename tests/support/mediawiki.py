"""A throwaway, real MediaWiki 1.39 on loopback, built from Debian's package.

Nothing outside the chosen directory is written: the document root is a farm
of symlinks into the read-only package tree (``/usr/share/mediawiki``) with a
writable ``images/`` directory, and every PHP process gets ``MW_CONFIG_FILE``
pointing at a ``LocalSettings.php`` inside the directory (honoured by
MediaWiki 1.38 and later). The wiki is served by ``php -S`` in its own process
group, so stopping it ends its worker processes too.

Layout of the directory::

    htdocs/w/        entry points (symlinks) and a real images/ dir
    htdocs/router.php  maps /wiki/Title to index.php (php -S has no rewrites)
    data/            the SQLite database
    cache/           localisation cache
    fixtures/        the XML export and the image imported at setup
    LocalSettings.php, LocalSettings.test.php  installer output + our overrides
    fake_lag         if present: seconds of replication lag the API reports
    setup.log, server.log

Run it by hand with ``python -m tests.support.mediawiki DIR``; it prints the
API URL and serves until interrupted.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import attrs

from tests.support import fixtures

__all__ = [
    "ADMIN_PASSWORD",
    "ADMIN_USER",
    "MW_CORE",
    "SCRIPT_PATH",
    "USER_PASSWORD",
    "MediaWiki",
    "MediaWikiError",
    "WikiServer",
    "missing_requirements",
    "running_wiki",
]

MW_CORE = Path(os.environ.get("WIKIREUSE_MW_CORE", "/usr/share/mediawiki"))
SCRIPT_PATH = "/w"  # Wikimedia-like: /w/api.php, /w/rest.php, /wiki/Title
ADMIN_USER = "Admin"
ADMIN_PASSWORD = "Admin-pass-4711"  # noqa: S105  # >= 10 chars, not a common one
USER_PASSWORD = "User-pass-4711"  # noqa: S105  # throwaway local accounts
_PHP_MODULES = ("sqlite3", "intl", "mbstring", "xml")
_READY_TIMEOUT = 20.0
_STOP_TIMEOUT = 5.0


class MediaWikiError(RuntimeError):
    """Setting up, running or driving the test wiki failed."""


def missing_requirements() -> str | None:
    """Return why the test wiki cannot run here, or ``None`` when it can."""
    php = shutil.which("php")
    if php is None:
        return "php is not installed (apt-get install php-cli)"
    if not (MW_CORE / "includes" / "WebStart.php").is_file():
        return f"MediaWiki is not installed in {MW_CORE} (apt-get install mediawiki)"
    out = subprocess.run([php, "-m"], capture_output=True, text=True, check=False)
    loaded = {line.strip().lower() for line in out.stdout.splitlines()}
    missing = [m for m in _PHP_MODULES if m not in loaded]
    if missing:
        pkgs = " ".join(f"php-{m}" for m in missing)
        return f"PHP modules missing: {', '.join(missing)} (apt-get install {pkgs})"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@attrs.frozen(kw_only=True)
class MediaWiki:
    """A running test wiki: its URLs, its directory and ways to change it.

    The mutating helpers run MediaWiki's own maintenance scripts, so what they
    do is exactly what an edit, deletion or move on a real wiki does.
    """

    base_url: str  # http://127.0.0.1:PORT  (= $wgServer)
    script_url: str  # base_url + /w
    api_url: str
    rest_url: str
    index_url: str
    article_url: str  # base_url + /wiki/  (append a title)
    dir: Path
    core: Path = MW_CORE

    @property
    def config_file(self) -> Path:
        """The ``LocalSettings.php`` every PHP process of this wiki reads."""
        return self.dir / "LocalSettings.php"

    def env(self) -> dict[str, str]:
        """Environment for a PHP process of this wiki."""
        return {**os.environ, "MW_CONFIG_FILE": str(self.config_file)}

    def php(self, script: str, *args: str, stdin: str | None = None) -> str:
        """Run ``maintenance/<script>.php`` with *args*; return its stdout.

        Raises:
            MediaWikiError: the script exited non-zero.
        """
        path = self.core / "maintenance" / f"{script.removesuffix('.php')}.php"
        proc = subprocess.run(
            ["php", str(path), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env(),
            timeout=120,
            check=False,
        )
        with (self.dir / "setup.log").open("a", encoding="utf-8") as log:
            log.write(f"$ {script} {' '.join(args)}\n{proc.stdout}{proc.stderr}\n")
        if proc.returncode != 0:
            msg = (
                f"maintenance/{script}.php {' '.join(args)} failed "
                f"({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
            )
            raise MediaWikiError(msg)
        return proc.stdout

    def edit(
        self,
        title: str,
        text: str,
        *,
        user: str = "Alice",
        summary: str = "Edited by a test",
        minor: bool = False,
    ) -> None:
        """Save *text* as a new revision of *title* (creating the page)."""
        args = ["--user", user, "--summary", summary]
        if minor:
            args.append("--minor")
        self.php("edit", *args, title, stdin=text)

    def delete(self, title: str, *, reason: str = "Deleted by a test") -> None:
        """Delete the page *title*."""
        self.php("deleteBatch", "-u", ADMIN_USER, "-r", reason, stdin=title + "\n")

    def move(
        self,
        old: str,
        new: str,
        *,
        reason: str = "Moved by a test",
        redirect: bool = True,
    ) -> None:
        """Move *old* to *new*, leaving a redirect unless *redirect* is false."""
        args = ["-u", ADMIN_USER, "-r", reason]
        if not redirect:
            args.append("--noredirects")
        self.php("moveBatch", *args, stdin=f"{old}|{new}\n")

    def set_lag(self, seconds: int | None) -> None:
        """Make the API report *seconds* of replication lag (``None``: 0 s)."""
        lag_file = self.dir / "fake_lag"
        if seconds is None:
            lag_file.unlink(missing_ok=True)
        else:
            lag_file.write_text(f"{int(seconds)}\n", encoding="ascii")

    def get(
        self, path: str, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        """GET *path* (below base_url) with the stdlib; no client library involved."""
        host, _, port = self.base_url.removeprefix("http://").partition(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            conn.request("GET", path, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, dict(resp.getheaders()), resp.read()
        finally:
            conn.close()


def _settings_php(base: str, directory: Path, docroot: Path) -> str:
    # Written once per wiki; $wgServer carries the port chosen for this run.
    code = docroot / SCRIPT_PATH.lstrip("/")
    return f"""<?php
// wikireuse test-wiki overrides (tests/support/mediawiki.py)
$wgServer = '{base}';
$wgCanonicalServer = '{base}';
$wgScriptPath = '{SCRIPT_PATH}';
$wgArticlePath = '/wiki/$1';
$wgResourceBasePath = '{SCRIPT_PATH}';
$wgLogos = [ '1x' => '{SCRIPT_PATH}/resources/assets/change-your-logo.svg' ];
$wgRightsUrl = 'https://creativecommons.org/licenses/by-sa/4.0/';
$wgRightsText = 'Creative Commons Attribution-Share Alike 4.0';
$wgEnableUploads = true;
$wgUploadDirectory = '{code}/images';
$wgUploadPath = '{SCRIPT_PATH}/images';
$wgCacheDirectory = '{directory}/cache';
$wgUseImageMagick = false;       // no server-side scaling: same output on every host
$wgJobRunRate = 0;               // jobs run at setup time (runJobs.php)
$wgRCMaxAge = 20 * 365 * 86400;  // keep the 2023-dated fixture edits in recentchanges
$wgPasswordAttemptThrottle = [];
$wgPageLanguageUseDB = true;     // the German fixture page has page language "de"
$wgShowExceptionDetails = true;
wfLoadExtension( 'Cite' );
wfLoadExtension( 'CiteThisPage' );
wfLoadExtension( 'ParserFunctions' );
wfLoadExtension( 'TextExtracts' );
wfLoadExtension( 'PageImages' );

// Core 1.39 has no __DISAMBIG__ (the Disambiguator extension provides it, and
// Debian does not package that extension).  Register the same double-underscore
// word so that pages using it get the page property "disambiguation", as on
// Wikimedia wikis.  This imitates only that one feature of the extension.
$wgExtensionMessagesFiles['WikireuseTestDisambig'] = __DIR__ . '/disambig.magic.php';
$wgHooks['GetDoubleUnderscoreIDs'][] = static function ( &$ids ) {{
    $ids[] = 'disambiguation';
}};

// One SQLite database has no replicas, so core reports a lag of -1 and
// maxlag=-1 never fails.  Report at least 0 s (as Wikimedia does) so maxlag=-1
// always errors, and let tests fake lag N by writing N into DIR/fake_lag.
$wgHooks['ApiMaxLagInfo'][] = static function ( &$lagInfo ) {{
    $lagInfo['lag'] = max( $lagInfo['lag'], 0 );
    $file = __DIR__ . '/fake_lag';
    if ( is_readable( $file ) ) {{
        $lagInfo = [
            'host' => 'fake-replica',
            'lag' => (int)trim( (string)file_get_contents( $file ) ),
            'type' => 'db',
        ];
    }}
}};
"""


_DISAMBIG_MAGIC = """<?php
$magicWords = [];
$magicWords['en'] = [ 'disambiguation' => [ 0, '__DISAMBIG__' ] ];
"""

# php -S has no rewrite rules: send /wiki/<title> to index.php, which reads the
# title from REQUEST_URI using $wgArticlePath; everything else is served as usual.
_ROUTER = """<?php
$path = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
if ( is_string( $path ) && strncmp( $path, '/wiki/', 6 ) === 0 ) {
    $_SERVER['SCRIPT_NAME'] = '%(script)s/index.php';
    $_SERVER['SCRIPT_FILENAME'] = __DIR__ . '%(script)s/index.php';
    $_SERVER['PHP_SELF'] = '%(script)s/index.php';
    chdir( __DIR__ . '%(script)s' );
    require __DIR__ . '%(script)s/index.php';
    return true;
}
return false;
"""


class WikiServer:
    """Installs, fills, serves and stops one throwaway wiki in *directory*."""

    def __init__(self, directory: Path, *, port: int | None = None, workers: int = 2):
        self.directory = directory.resolve()
        self.port = port or _free_port()
        self.workers = workers
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.wiki = MediaWiki(
            base_url=self.base_url,
            script_url=self.base_url + SCRIPT_PATH,
            api_url=f"{self.base_url}{SCRIPT_PATH}/api.php",
            rest_url=f"{self.base_url}{SCRIPT_PATH}/rest.php",
            index_url=f"{self.base_url}{SCRIPT_PATH}/index.php",
            article_url=f"{self.base_url}/wiki/",
            dir=self.directory,
        )
        self._proc: subprocess.Popen[bytes] | None = None
        self.timings: dict[str, float] = {}

    @property
    def docroot(self) -> Path:
        """The directory ``php -S`` serves."""
        return self.directory / "htdocs"

    def _timed(self, label: str, started: float) -> None:
        self.timings[label] = time.perf_counter() - started

    def install(self) -> None:
        """Build the docroot and run the CLI installer with SQLite."""
        started = time.perf_counter()
        code = self.docroot / SCRIPT_PATH.lstrip("/")
        for sub in (code / "images", self.directory / "data", self.directory / "cache"):
            sub.mkdir(parents=True, exist_ok=True)
        skip = {"LocalSettings.php", "images", "extensions", "config"}
        for entry in MW_CORE.iterdir():
            if entry.name not in skip:
                (code / entry.name).symlink_to(entry)
        extensions = MW_CORE / "extensions-core"
        if not extensions.is_dir():
            extensions = MW_CORE / "extensions"
        (code / "extensions").symlink_to(extensions)
        (self.docroot / "router.php").write_text(
            _ROUTER % {"script": SCRIPT_PATH}, encoding="utf-8"
        )
        self.wiki.php(
            "install",
            "--dbtype=sqlite",
            f"--dbpath={self.directory / 'data'}",
            "--dbname=testwiki",
            f"--server={self.base_url}",
            f"--scriptpath={SCRIPT_PATH}",
            "--lang=en",
            f"--pass={ADMIN_PASSWORD}",
            f"--confpath={self.directory}",
            "--skins=Vector",
            "TestWiki",
            ADMIN_USER,
        )
        (self.directory / "disambig.magic.php").write_text(
            _DISAMBIG_MAGIC, encoding="utf-8"
        )
        (self.directory / "LocalSettings.test.php").write_text(
            _settings_php(self.base_url, self.directory, self.docroot),
            encoding="utf-8",
        )
        with self.wiki.config_file.open("a", encoding="utf-8") as settings:
            settings.write('\nrequire __DIR__ . "/LocalSettings.test.php";\n')
        self._timed("install", started)

    def seed(self) -> None:
        """Create the users, import the pages and upload the image."""
        started = time.perf_counter()
        files = fixtures.write_fixtures(self.directory / "fixtures")
        # importDump keeps a user name only if that account already exists.
        for user in fixtures.USERS:
            self.wiki.php("createAndPromote", user, USER_PASSWORD)
        self.wiki.php("importDump", str(files.pages_xml))
        self._set_page_language(fixtures.GERMAN_PAGE, "de")
        self.wiki.php(
            "importImages",
            "--user=Alice",
            "--timestamp=20230301000000",
            "--summary=Upload the fixture drawing",
            "--comment=A striped drawing made by code for the wikireuse test wiki.",
            f"--license={fixtures.IMAGE_LICENCE_TEMPLATE}",
            str(files.upload_dir),
        )
        self.wiki.php("rebuildrecentchanges")
        self.wiki.php("initSiteStats", "--update")
        self.wiki.php("runJobs")
        self._timed("seed", started)

    def _set_page_language(self, title: str, lang: str) -> None:
        # Core has no maintenance script for Special:PageLanguage; with
        # $wgPageLanguageUseDB the language lives in page.page_lang.
        db = sqlite3.connect(self.directory / "data" / "testwiki.sqlite")
        try:
            with db:
                # page_touched moves too, so no cached rendering outlives the change.
                cur = db.execute(
                    "UPDATE page SET page_lang = ?, page_touched = ? "
                    "WHERE page_namespace = 0 AND page_title = ?",
                    (
                        lang,
                        time.strftime("%Y%m%d%H%M%S", time.gmtime()),
                        title.replace(" ", "_"),
                    ),
                )
                if cur.rowcount != 1:
                    msg = f"page {title!r} not found to set its language"
                    raise MediaWikiError(msg)
        finally:
            db.close()

    def serve(self) -> None:
        """Start ``php -S`` in its own process group and wait until it answers."""
        started = time.perf_counter()
        log = (self.directory / "server.log").open("ab")
        env = {**self.wiki.env(), "PHP_CLI_SERVER_WORKERS": str(self.workers)}
        try:
            self._proc = subprocess.Popen(
                [
                    "php",
                    "-S",
                    f"127.0.0.1:{self.port}",
                    "-t",
                    str(self.docroot),
                    str(self.docroot / "router.php"),
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,  # setsid: one group for the server and workers
            )
        finally:
            log.close()
        self._wait_ready()
        self._timed("serve", started)

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + _READY_TIMEOUT
        path = f"{SCRIPT_PATH}/api.php?action=query&meta=siteinfo&format=json"
        while time.monotonic() < deadline:
            assert self._proc is not None
            if self._proc.poll() is not None:
                msg = f"php -S exited ({self._proc.returncode}); see server.log"
                raise MediaWikiError(msg)
            try:
                status, _, body = self.wiki.get(path)
            except OSError:
                time.sleep(0.05)
                continue
            if status == 200 and "sitename" in json.loads(body).get("query", {}).get(
                "general", {}
            ):
                return
            time.sleep(0.05)
        self.stop()
        msg = f"the wiki did not answer on {self.base_url} within {_READY_TIMEOUT} s"
        raise MediaWikiError(msg)

    def start(self) -> MediaWiki:
        """Install, seed and serve; return the running wiki."""
        started = time.perf_counter()
        try:
            self.install()
            self.seed()
            self.serve()
        except BaseException:
            self.stop()
            raise
        self._timed("total", started)
        return self.wiki

    def stop(self) -> None:
        """Stop the server's whole process group (idempotent)."""
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        # The group id is the server's pid (start_new_session); killing the group
        # also ends the PHP_CLI_SERVER_WORKERS children, which would otherwise
        # keep listening as orphans.
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                proc.wait(timeout=_STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                continue
            return


@contextmanager
def running_wiki(directory: Path, *, port: int | None = None) -> Iterator[MediaWiki]:
    """Run a fresh test wiki in *directory* for the duration of the block."""
    server = WikiServer(directory, port=port)
    wiki = server.start()
    try:
        yield wiki
    finally:
        server.stop()


def _main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.support.mediawiki EMPTY_DIR", file=sys.stderr)
        return 2
    reason = missing_requirements()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    server = WikiServer(Path(argv[0]))
    wiki = server.start()
    print(f"api: {wiki.api_url}\nrest: {wiki.rest_url}\ndir: {wiki.dir}")
    print(", ".join(f"{k} {v:.2f} s" for k, v in server.timings.items()))

    def _interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)  # even when started with SIGINT ignored
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
