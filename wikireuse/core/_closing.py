"""One ``with`` protocol for the objects that hold a resource until closed."""

from __future__ import annotations

import abc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import TracebackType

    from typing_extensions import Self

__all__ = ["Closing"]


class Closing(abc.ABC):
    """A context manager whose exit calls :meth:`close` (a session, a database).

    >>> class Door(Closing):
    ...     def close(self) -> None:
    ...         print("closed")
    >>> with Door() as door:
    ...     print(type(door).__name__)
    Door
    closed
    """

    @abc.abstractmethod
    def close(self) -> None:
        """Release the resource; each subclass says which."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
