"""Run every benchmark and print one table: ``python -m benchmarks [--quick]``."""

from __future__ import annotations

import argparse
import importlib
import sys

from benchmarks._table import Row, render

# Each module exposes ``run(quick: bool) -> list[Row]``.
MODULES = [
    "benchmarks.bench_client",
    "benchmarks.bench_licenses",
    "benchmarks.bench_fetch",
    "benchmarks.bench_attribution",
    "benchmarks.bench_structured",
    "benchmarks.bench_ingest",
    "benchmarks.bench_chunks",
    "benchmarks.bench_parallel",
    "benchmarks.bench_search",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help="module suffix, e.g. licenses or attribution",
    )
    args = parser.parse_args(argv)
    rows: list[Row] = []
    for name in MODULES:
        if args.only and not any(name.endswith(o) for o in args.only):
            continue
        module = importlib.import_module(name)
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows.extend(module.run(quick=args.quick))
    print(render(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
