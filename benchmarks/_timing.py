"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Time without the cyclic garbage collector, as :mod:`timeit` does.

    Garbage left by earlier work is collected first, so one measurement does
    not pay for another's.
    """
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
