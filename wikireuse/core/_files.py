"""Output directories: created when missing, refused when they hold anything."""

from __future__ import annotations

import os
from pathlib import Path

from wikireuse.exceptions import ConfigurationError

__all__ = ["empty_directory"]


def empty_directory(directory: str | os.PathLike[str]) -> Path:
    """*directory*, created if missing; refused unless it is empty.

    An export never mixes its files with others', so a re-run cannot leave
    a stale shard beside new ones.

    Raises:
        ConfigurationError: The directory is not empty or cannot be made.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     empty_directory(Path(tmp) / "out").is_dir()
    True
    """
    target = Path(directory)
    try:
        target.mkdir(parents=True, exist_ok=True)
        if any(target.iterdir()):
            raise ConfigurationError(
                message=f"export directory {str(target)!r} is not empty"
            )
    except OSError as exc:
        raise ConfigurationError(
            message=f"cannot write to {str(target)!r}: {exc}"
        ) from exc
    return target
