"""The ``if __name__ == "__main__":`` guard: worker processes must not rerun the caller.

Worker processes started with the ``spawn`` or ``forkserver`` method (dask's
process scheduler, a ``dask.distributed`` nanny) import the parent's main
module again, as ``__mp_main__``, before they take any work. A script that
starts a parallel run from its top-level code, outside the guard, would
start it again in every worker: ``multiprocessing`` then refuses in the
child, the child dies, and the parent sees a broken process pool. Two
checks turn that into a :class:`~wikireuse.exceptions.MainGuardError`:

- in the parent, before any process starts: is the call running in the
  main script's top-level code, outside an ``if __name__ == "__main__":``
  block? (read from the script's source);
- in a child, as a fallback when the source cannot be read: is this a
  worker process still importing ``__mp_main__``?
"""

from __future__ import annotations

import ast
import sys
from types import FrameType

from wikireuse.exceptions import MainGuardError

__all__ = ["bootstrapping_child", "check_main_guard", "unguarded_caller"]

_FIX = (
    'put the code that starts it under `if __name__ == "__main__":` (worker '
    "processes import the main script again, and would run it again)"
)


def _frames() -> list[FrameType]:
    frames = []
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        frames.append(frame)
        frame = frame.f_back
    return frames


def bootstrapping_child() -> bool:
    """Whether this is a worker process still importing its parent's main script.

    True only while a ``spawn``/``forkserver`` child runs the main module's
    top-level code as ``__mp_main__`` (how multiprocessing, dask's process
    scheduler and distributed's nanny prepare a worker); False in the parent
    and in a worker that is running tasks.

    >>> bootstrapping_child()
    False
    """
    # multiprocessing runs the script with runpy as "__mp_main__" while it
    # prepares the child (parent_process() is still None then): top-level
    # code of a module of that name is running only in that phase.
    return any(
        f.f_code.co_name == "<module>" and f.f_globals.get("__name__") == "__mp_main__"
        for f in _frames()
    )


def _is_guard(test: ast.expr) -> bool:
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_is_guard(value) for value in test.values)
    if not (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Eq)
    ):
        return False
    sides = (test.left, test.comparators[0])
    return any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides) and any(
        isinstance(s, ast.Constant) and s.value == "__main__" for s in sides
    )


def unguarded_caller() -> str | None:
    """The main script's file, when this call runs in its top-level code unguarded.

    Looks for the main module's top-level frame in the call stack and, in the
    script's source, for an ``if __name__ == "__main__":`` block around the
    line it is running. ``None`` when the call is guarded, when it does not
    come from the script's top-level code (a thread, a REPL, ``python -c``,
    a notebook: nothing a worker would import again), or when the source
    cannot be read.

    >>> unguarded_caller() is None  # doctests run inside a function
    True
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or not isinstance(path, str):
        return None
    top = [
        f
        for f in _frames()
        if f.f_code.co_name == "<module>" and f.f_globals is vars(main)
    ]
    if not top:
        return None
    line = top[-1].f_lineno
    try:
        with open(path, encoding="utf-8") as file:
            tree = ast.parse(file.read(), filename=path)
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if (
            isinstance(node, ast.If)
            and _is_guard(node.test)
            and node.body[0].lineno <= line <= (node.body[-1].end_lineno or line)
        ):
            return None
    return path


def check_main_guard(what: str, *, start_method: str) -> None:
    """Raise when starting *what* now would make every worker run the caller again.

    Args:
        what: What is being started, for the message.
        start_method: How its worker processes start (``spawn``,
            ``forkserver`` or ``fork``); ``fork`` imports nothing again.

    Raises:
        MainGuardError: In a worker that is importing the main script, or in
            the parent when the call comes from the script's unguarded
            top-level code.

    >>> check_main_guard("a test", start_method="spawn")  # from a function: fine
    """
    if start_method == "fork":
        return
    if bootstrapping_child():
        raise MainGuardError(
            message=f"{what} was started again by a worker process importing the "
            f"main script: {_FIX}",
            script=str(getattr(sys.modules.get("__mp_main__"), "__file__", "")),
        )
    script = unguarded_caller()
    if script is not None:
        raise MainGuardError(
            message=f"{script} starts {what} from its top-level code: {_FIX}",
            script=script,
        )
