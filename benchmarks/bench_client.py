"""HTTP client benchmarks: pacing under a 429 limiter, and per-request overhead.

(a) ``429 pacing``: a loopback ``api.php`` admits R requests per minute per
client (a sliding window; see below) and answers 429 + ``Retry-After``
beyond it.  wikireuse, mwclient, Wikipedia-API and ``wikipedia`` each fetch
the same pages one page per request, each in its own process, one after the
other, each against a fresh server and within a time bound of 3x the ideal
run (plus 5 s for the child to start).  wikireuse runs twice: configured at
R (``min_interval=60/R``, sequential), and with the ``bot`` profile (0.03 s,
3 in flight, fetched by a pool of 3 threads), i.e. configured faster than
the server allows, so that its 429 handling has to find R.  Reported per
subject: pages completed (text checked), requests sent (libraries differ in
requests per page), 429s received, requests sent before an announced
``Retry-After`` had run out, and the effective rate: admitted requests per
minute as % of R, counted from the first request to the last one plus one
slot of 60/R s -- or, when the run did not complete every page (crashed or
stopped at the bound), to 3x the ideal run time, since such a run never
finishes the job.

The window: with a literal 60-s window a 300-page run at R=600/min never
reaches the limit, however fast it sends.  The server therefore enforces the
same rate on a shorter window, ``R * window / 60`` requests per ``window``
seconds (10 s full, 5 s quick), so a client that bursts meets a 429 within
the run.  A client that bursts and then waits exactly the announced
``Retry-After`` can exceed 100 % of R over a short run (it gets one free
window's worth up front); its 429 count shows the price.

(b) ``client overhead``: the same tiny ``meta=siteinfo`` request through
``wikireuse.Client`` (no pacing, no cache) and through a raw
``requests.Session`` with the same wire parameters, alternated request by
request against a server in another process.  Reported: median and p95
latency of each, and the median of the paired differences.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks._ratelimited_server import Arrival, SlidingWindowLimiter, serve
from benchmarks._subjects import SUBJECTS, UA
from benchmarks._table import Row

ROOT = Path(__file__).resolve().parents[1]
STARTUP_GRACE = 5.0  # seconds for a child interpreter to import its library


@dataclass(frozen=True)
class PacingConfig:
    """One pacing run: how many pages, at what limit R, over what window."""

    pages: int
    per_minute: int
    window: float  # seconds; the limiter admits per_minute * window / 60 per window
    bound_factor: float = 3.0

    @property
    def ideal(self) -> float:
        """Seconds for one request per page at exactly R."""
        return self.pages * 60.0 / self.per_minute

    @property
    def charged(self) -> float:
        """Seconds an unfinished run is charged for, from its first request."""
        return self.bound_factor * self.ideal

    @property
    def bound(self) -> float:
        """Wall-time limit of one subject's process, start-up included."""
        return self.bound_factor * self.ideal + STARTUP_GRACE

    @property
    def burst(self) -> int:
        """Requests the limiter admits per window."""
        return max(1, round(self.per_minute * self.window / 60.0))


@dataclass(frozen=True)
class PacingResult:
    """What one subject achieved in a pacing run."""

    subject: str
    pages: int
    sent: int
    too_many: int
    inside_retry_after: int
    rate_pct: float
    ending: str  # "ok", "error ...", or "killed at the time bound"
    seconds: float


def summarize(
    subject: str,
    arrivals: list[Arrival],
    lines: list[str],
    *,
    config: PacingConfig,
) -> PacingResult:
    """Turn a subject's server log and output lines into its figures."""
    pages = sum(1 for line in lines if line.startswith("page "))
    ends = [line[4:] for line in lines if line.startswith("end ")]
    ending = ends[-1] if ends else "killed at the time bound"
    admitted = [a.at for a in arrivals if a.status == 200]
    slot = 60.0 / config.per_minute
    rate = 0.0
    seconds = 0.0
    if arrivals:
        first = arrivals[0].at
        finished = ending == "ok" and pages == config.pages
        end = arrivals[-1].at + slot if finished else first + config.charged
        seconds = max(end - first, slot)
        rate = 100.0 * len(admitted) / (seconds * config.per_minute / 60.0)
    return PacingResult(
        subject=subject,
        pages=pages,
        sent=len(arrivals),
        too_many=sum(1 for a in arrivals if a.status == 429),
        inside_retry_after=sum(1 for a in arrivals if a.inside_retry_after),
        rate_pct=rate,
        ending=ending,
        seconds=seconds,
    )


def run_subject(subject: str, config: PacingConfig) -> PacingResult:
    """Run one subject in a child process against a fresh limited server."""
    limiter = SlidingWindowLimiter(limit=config.burst, window=config.window)
    with serve(limiter, lifetime=config.bound + 30.0) as server:
        cmd = [
            sys.executable,
            "-m",
            "benchmarks._subjects",
            subject,
            server.api_url,
            str(config.pages),
            str(config.per_minute),
        ]
        proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        try:
            out, err = proc.communicate(timeout=config.bound)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        arrivals = list(server.arrivals)
    lines = out.splitlines()
    if not any(line.startswith("end ") for line in lines) and proc.returncode not in (
        0,
        -9,
    ):
        tail = " | ".join(err.strip().splitlines()[-3:])
        lines.append(f"end error exit {proc.returncode}: {tail[:200]}")
    return summarize(subject, arrivals, lines, config=config)


def pacing_rows(results: list[PacingResult], config: PacingConfig) -> list[Row]:
    """The table rows of the pacing benchmark, five per subject."""
    bench = f"429 pacing (R={config.per_minute}/min, {config.pages} pages)"
    rows: list[Row] = []
    for r in results:
        # (metric, value, unit, higher is better, informative: no baseline)
        metrics: list[tuple[str, float, str, bool, bool]] = [
            ("pages completed", r.pages, f"/ {config.pages}", True, False),
            ("requests sent", r.sent, "", False, True),
            ("429s received", r.too_many, "", False, False),
            ("requests inside Retry-After", r.inside_retry_after, "", False, False),
            # Already a ratio (to R), and above 100 % is not "better": a
            # client over R only borrowed from the window; no baseline ratio.
            ("effective rate", round(r.rate_pct, 1), "% of R", True, True),
        ]
        for metric, value, unit, higher, informative in metrics:
            compare = not informative and r.subject != "mwclient"
            rows.append(
                Row(
                    benchmark=bench,
                    subject=r.subject,
                    metric=metric,
                    value=value,
                    unit=unit,
                    baseline="mwclient" if compare else None,
                    higher_is_better=higher,
                )
            )
    return rows


def run_pacing(config: PacingConfig) -> list[Row]:
    """Run every subject in turn against its own limited server."""
    results = []
    for subject in SUBJECTS:
        print(f"  429 pacing: {subject} ...", file=sys.stderr, flush=True)
        result = run_subject(subject, config)
        print(
            f"    {result.pages}/{config.pages} pages, {result.sent} requests, "
            f"{result.too_many} x 429, {result.inside_retry_after} inside Retry-After, "
            f"{result.rate_pct:.1f} % of R over {result.seconds:.1f} s; "
            f"ended: {result.ending}",
            file=sys.stderr,
            flush=True,
        )
        results.append(result)
    return pacing_rows(results, config)


# ---------------------------------------------------------------------------
# (b) per-request overhead


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(pct / 100.0 * (len(ordered) - 1))))
    return ordered[k]


def run_overhead(n: int) -> list[Row]:
    """Time *n* paired requests through wikireuse and through bare requests."""
    import requests

    from wikireuse import Client

    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks._ratelimited_server", "120"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        api_url = server.stdout.readline().strip()
        params = {"action": "query", "meta": "siteinfo", "siprop": "general"}
        client = Client(UA, api_url=api_url, min_interval=0, cache=False)
        # the same wire request wikireuse sends, made by hand
        wire = {**params, "format": "json", "formatversion": "2", "maxlag": "5"}
        session = requests.Session()
        session.headers["User-Agent"] = client.wire_user_agent
        session.headers["Accept-Encoding"] = "gzip"

        def raw() -> None:
            resp = session.get(api_url, params=wire, timeout=(6.05, 45.0))
            resp.raise_for_status()
            if "error" in resp.json():
                raise RuntimeError(resp.text)

        def ours() -> None:
            client.action(params)

        for _ in range(min(100, n)):  # warm up connections and code paths
            raw()
            ours()
        t_raw: list[float] = []
        t_ours: list[float] = []
        clock = time.perf_counter
        for i in range(n):
            # alternate which goes first, so drift hits both equally
            order = ((raw, t_raw), (ours, t_ours))
            for fn, sink in order if i % 2 == 0 else order[::-1]:
                t0 = clock()
                fn()
                sink.append((clock() - t0) * 1000.0)
        client.close()
        session.close()
    finally:
        if server.stdin is not None:
            server.stdin.close()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    bench = f"client overhead ({n} requests, loopback)"
    diffs = [a - b for a, b in zip(t_ours, t_raw, strict=True)]
    rows = []
    for subject, times in (("requests", t_raw), ("wikireuse", t_ours)):
        for metric, value in (
            ("median latency", statistics.median(times)),
            ("p95 latency", _percentile(times, 95)),
        ):
            rows.append(
                Row(
                    benchmark=bench,
                    subject=subject,
                    metric=metric,
                    value=value,
                    unit="ms",
                    baseline=None if subject == "requests" else "requests",
                    higher_is_better=False,
                )
            )
    rows.append(
        Row(
            benchmark=bench,
            subject="wikireuse",
            metric="median overhead (paired)",
            value=statistics.median(diffs),
            unit="ms",
            higher_is_better=False,
        )
    )
    return rows


def run(quick: bool) -> list[Row]:
    """Both client benchmarks; ``quick`` shrinks them to well under a minute."""
    if quick:
        pacing = PacingConfig(pages=100, per_minute=600, window=5.0)
        n = 300
    else:
        pacing = PacingConfig(pages=300, per_minute=600, window=10.0)
        n = 2000
    rows = run_pacing(pacing)
    print("  client overhead ...", file=sys.stderr, flush=True)
    rows += run_overhead(n)
    return rows
