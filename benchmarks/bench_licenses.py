"""Licence checker benchmarks: import cost, throughput, and flict on the same cases.

(a) ``cold import``: ``import wikireuse.licenses`` in a fresh interpreter,
median of N runs (target: at most 50 ms); the same for flict's Python API
(``flict.flictlib.arbiter``) as the baseline. ``fresh process``: import,
loading the data and the first answer, for both tools.

(b) ``throughput``: verdicts per second for one repeated question (served
from the memo) and for distinct licence pairs with every memo cleared first
(each verdict computed).

(c) ``vs flict``: every case of ``tests/data/compat_cases.json`` through
``wikireuse.licenses.check()`` and through flict's ``Arbiter`` (the API
behind ``flict verify``), in the same run. flict gets the sources joined with
``AND`` and the target; it has no use mode or context, so cases that differ
only by context get flict's one answer. Reported per tool: cases answered
(a result rather than an error), definite answers (compatible or
incompatible rather than unknown/check), answers agreeing with the table,
and time per answer, twice: with every memo cleared before each pass
(wikireuse's parse/pair/verdict memos; flict's licence-normalisation memos in
flame) so each answer is computed, and with warm memos, as a loop over
repeated questions would see them. One untimed pass first pays both tools'
one-off lazy imports and data loading; timed loops run with the cyclic
garbage collector off for both tools, as :mod:`timeit` does (target: every
case answered and at least 100x flict's speed per answer).

(d) ``hostile input``: the worst wall time of ``parse``, ``check``,
``outbound``, ``explain``, ``is_known`` and ``suggest`` over crafted inputs
(5000 nested parentheses, a 100 000-term expression, a 10 MB string, and the
largest inputs the limits still admit), memos cleared before each call
(target: under 100 ms each).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._table import Row
from benchmarks._timing import no_gc

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "compat_cases.json"
IMPORT_TARGET_MS = 50.0

_TIMED_SNIPPET = (
    "import time\n"
    "t = time.perf_counter()\n"
    "{code}\n"
    "print((time.perf_counter() - t) * 1000.0)\n"
)
_FIRST_ANSWER = {
    "wikireuse": (
        "from wikireuse.licenses import check\ncheck('CC-BY-SA-3.0', 'CC-BY-SA-4.0')"
    ),
    "flict": (
        "import logging\n"
        "logging.disable(logging.CRITICAL)\n"
        "from flict.flictlib.arbiter import Arbiter\n"
        "Arbiter().verify_outbound_inbound(['GPL-2.0-only'], ['MIT'])"
    ),
}


def _cold_ms(code: str, runs: int) -> float:
    """Median wall time of running *code* in a fresh interpreter.

    Bytecode caching is on (into a temporary prefix, not the source tree) and
    one untimed run fills it, as an installed package would have its ``.pyc``
    files: with ``PYTHONDONTWRITEBYTECODE`` every run would time the compiler.
    """
    with tempfile.TemporaryDirectory(prefix="wikireuse-bench-pyc-") as prefix:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = prefix
        times = []
        for _ in range(runs + 1):
            out = subprocess.run(
                [sys.executable, "-c", _TIMED_SNIPPET.format(code=code)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                env=env,
                check=True,
                timeout=120,
            ).stdout
            times.append(float(out.strip().splitlines()[-1]))
    return statistics.median(times[1:])


def _load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(CASES.read_text(encoding="utf-8"))["cases"]
    return cases


def _wikireuse_pass(
    cases: list[dict[str, Any]], *, cold: bool
) -> tuple[float, list[str]]:
    from wikireuse.licenses import check
    from wikireuse.licenses._check import clear_caches

    # Arguments are prepared outside the timed loop, as for flict.
    calls = [
        (
            c["sources"],
            c["target"],
            {"use": c.get("use", "adapt"), **c.get("context", {})},
        )
        for c in cases
    ]
    if cold:
        clear_caches()
    with no_gc():
        start = time.perf_counter()
        verdicts = [
            check(sources, target, **kwargs) for sources, target, kwargs in calls
        ]
        elapsed = time.perf_counter() - start
    return elapsed, [v.status.value for v in verdicts]


def _flict_inbound(sources: list[str]) -> str:
    return " AND ".join(f"({s})" if " " in s else s for s in sources)


def _flict_status(result: dict[str, Any] | None) -> str:
    if result is None:
        return "error"
    res = result["result"]
    if res["allowed_outbound_licenses"]:
        return "compatible"
    if res["problems"]:
        return "unknown"
    return "incompatible"


def _clear_flict_memos() -> None:
    """Empty flict's licence-normalisation memos (flame, behind flict's parser)."""
    from flict.flictlib.license import compatible_license

    db = getattr(compatible_license, "fl", None)
    for name in ("compat_cache", "license_cache"):
        memo = getattr(db, name, None)
        if isinstance(memo, dict):
            memo.clear()


def _flict_verify(arbiter: Any, target: str, inbound: str) -> dict[str, Any] | None:
    try:
        result: dict[str, Any] = arbiter.verify_outbound_inbound([target], [inbound])
    except Exception:
        return None
    return result


def _flict_pass(cases: list[dict[str, Any]], *, cold: bool) -> tuple[float, list[str]]:
    from flict.flictlib.arbiter import Arbiter

    arbiter = Arbiter()
    calls = [(c["target"], _flict_inbound(c["sources"])) for c in cases]
    if cold:
        _clear_flict_memos()
    with no_gc():
        start = time.perf_counter()
        results = [_flict_verify(arbiter, target, inbound) for target, inbound in calls]
        elapsed = time.perf_counter() - start
    return elapsed, [_flict_status(r) for r in results]


def _summary(
    subject: str, bench: str, cases: list[dict[str, Any]], statuses: list[str]
) -> list[Row]:
    answered = sum(1 for s in statuses if s != "error")
    definite = sum(1 for s in statuses if s in ("compatible", "incompatible"))
    agree = sum(1 for c, s in zip(cases, statuses, strict=True) if c["expect"] == s)
    baseline = None if subject == "flict" else "flict"
    of = f"of {len(cases)}"
    return [
        Row(bench, subject, "cases answered", answered, of, baseline),
        Row(bench, subject, "definite answers", definite, of, baseline),
        Row(bench, subject, "agreeing with the table", agree, of, baseline),
    ]


def _speed(subject: str, bench: str, label: str, seconds: float) -> Row:
    return Row(
        bench,
        subject,
        f"time per answer, {label}",
        seconds * 1e6,
        "µs",
        None if subject == "flict" else "flict",
        higher_is_better=False,
    )


def _throughput(quick: bool) -> list[Row]:
    from wikireuse.licenses import all_licenses, check
    from wikireuse.licenses._check import clear_caches

    bench = "licences: throughput"
    n_repeat = 20_000 if quick else 200_000
    check(["CC-BY-SA-3.0", "CC-BY-2.0"], "CC-BY-SA-4.0")
    start = time.perf_counter()
    for _ in range(n_repeat):
        check(["CC-BY-SA-3.0", "CC-BY-2.0"], "CC-BY-SA-4.0")
    repeated = n_repeat / (time.perf_counter() - start)

    ids = [lic.id for lic in all_licenses()]
    rnd = random.Random(20260101)
    n_pairs = 500 if quick else 5_000
    pairs = list(
        dict.fromkeys(
            (rnd.choice(ids), rnd.choice(ids), rnd.choice(("adapt", "collect")))
            for _ in range(n_pairs * 2)
        )
    )[:n_pairs]
    clear_caches()
    start = time.perf_counter()
    for source, target, use in pairs:
        check(source, target, use=use)
    distinct = len(pairs) / (time.perf_counter() - start)
    return [
        Row(bench, "wikireuse", "verdicts/s, one repeated question", repeated, "/s"),
        Row(
            bench,
            "wikireuse",
            f"verdicts/s, {len(pairs)} distinct pairs, memos cleared",
            distinct,
            "/s",
        ),
    ]


def _hostile_inputs() -> dict[str, tuple[object, object]]:
    """Crafted inputs (issue: no input may crash or take over 100 ms).

    Each maps to (source, target). Beyond the limits: refused; at the limits:
    the largest answer the checker still computes (distinct licences, so no
    memo helps).
    """
    from wikireuse.licenses import LIMITS, all_licenses

    ids = [lic.id for lic in all_licenses()]
    n = LIMITS.terms
    return {
        "5000 nested parentheses": ("(" * 5000 + "MIT" + ")" * 5000, "MIT"),
        "100 000-term expression": (" OR ".join(["MIT"] * 100_000), "MIT"),
        "10 MB string": ("CC-BY-SA-4.0 " * 800_000, "MIT"),
        f"{n} distinct OR {n} distinct (at the limit)": (
            " OR ".join(ids[:n]),
            " OR ".join(ids[-n:]),
        ),
        f"{n} distinct AND terms (at the limit)": (" AND ".join(ids[:n]), "MIT"),
        "longest text, words only (at the limit)": (
            ("Creative Commons licence text " * 400)[:10_000],
            "MIT",
        ),
    }


def _hostile(quick: bool) -> list[Row]:
    """Worst wall time of each public function over the crafted inputs."""
    from wikireuse.exceptions import LicenseError
    from wikireuse.licenses import check, explain, is_known, outbound, parse, suggest
    from wikireuse.licenses._check import clear_caches

    calls: dict[str, Any] = {
        "parse": lambda s, t: parse(s),
        "check": lambda s, t: check(s, t),
        "outbound": lambda s, t: outbound(s),
        "explain": lambda s, t: explain(s),
        "is_known": lambda s, t: is_known(s),
        "suggest": lambda s, t: suggest(s[:80]),
    }
    bench = "licences: hostile input (target: every call under 100 ms)"
    rows = []
    inputs = _hostile_inputs()
    for name, call in calls.items():
        worst, worst_input = 0.0, ""
        for label, (source, target) in inputs.items():
            for _ in range(1 if quick else 3):
                clear_caches()
                start = time.perf_counter()
                with contextlib.suppress(LicenseError):  # a refusal is an answer
                    call(source, target)
                elapsed = (time.perf_counter() - start) * 1000.0
                if elapsed > worst:
                    worst, worst_input = elapsed, label
        rows.append(
            Row(
                bench,
                "wikireuse",
                f"{name}: worst ms ({worst_input})",
                worst,
                "ms",
                higher_is_better=False,
            )
        )
    return rows


def run(quick: bool) -> list[Row]:
    """Measure and return the rows (see the module docstring)."""
    logging.disable(logging.CRITICAL)  # flict logs every unknown pair
    try:
        return _run(quick)
    finally:
        logging.disable(logging.NOTSET)


def _run(quick: bool) -> list[Row]:
    runs = 5 if quick else 15
    rows = [
        Row(
            "licences: cold import",
            "wikireuse",
            "median ms",
            _cold_ms("import wikireuse.licenses", runs),
            "ms",
            "flict",
            higher_is_better=False,
        ),
        Row(
            "licences: cold import",
            "flict",
            "median ms",
            _cold_ms("import flict.flictlib.arbiter", runs),
            "ms",
            higher_is_better=False,
        ),
        Row(
            "licences: cold import",
            "target",
            "median ms",
            IMPORT_TARGET_MS,
            "ms",
            higher_is_better=False,
        ),
    ]
    for subject, code in _FIRST_ANSWER.items():
        rows.append(
            Row(
                "licences: fresh process",
                subject,
                "import + data + first answer, median ms",
                _cold_ms(code, runs),
                "ms",
                None if subject == "flict" else "flict",
                higher_is_better=False,
            )
        )
    rows.extend(_throughput(quick))
    rows.extend(_hostile(quick))

    cases = _load_cases()
    passes = 2 if quick else 10
    bench = f"licences: vs flict ({len(cases)} cases)"
    # One untimed pass pays both tools' lazy imports and data loading.
    _wikireuse_pass(cases, cold=True)
    _flict_pass(cases, cold=True)
    for cold, label in ((True, "memos cleared"), (False, "memos warm")):
        w_time, f_time = 0.0, 0.0
        w_statuses: list[str] = []
        f_statuses: list[str] = []
        for _ in range(passes):
            seconds, w_statuses = _wikireuse_pass(cases, cold=cold)
            w_time += seconds
            seconds, f_statuses = _flict_pass(cases, cold=cold)
            f_time += seconds
        answers = passes * len(cases)
        if cold:
            rows.extend(_summary("wikireuse", bench, cases, w_statuses))
            rows.extend(_summary("flict", bench, cases, f_statuses))
        rows.append(_speed("wikireuse", bench, label, w_time / answers))
        rows.append(_speed("flict", bench, label, f_time / answers))
    return rows


if __name__ == "__main__":  # pragma: no cover
    from benchmarks._table import render

    print(render(run(quick="--quick" in sys.argv)))
