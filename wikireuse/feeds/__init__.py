"""Following a wiki's changes as they happen: Wikimedia EventStreams.

:func:`iter_changes` reads the ``mediawiki.page_change.v1`` stream (Server-
Sent Events, https://stream.wikimedia.org) through the client's paced,
User-Agent-carrying session, framed by `sseclient-py
<https://pypi.org/project/sseclient-py/>`_. When the connection drops it
waits as long as the server's last ``retry:`` asked and reconnects with
``Last-Event-ID``, so no event is lost and none is seen twice.
:func:`follow` applies each event to a :class:`~wikireuse.store.Store`:
edits, creations, moves and undeletions refetch the page, deletions mark it,
``visibility_change`` masks the hidden revision (:meth:`Store.redact`), and
the stream position is kept in the store so a follower resumes where it
stopped.

Only pages the store already holds are followed; the stream's other events
are read and skipped.

.. versionadded:: 0.2.0
"""

from wikireuse.feeds._events import STREAM_URL, ChangeEvent, follow, iter_changes

__all__ = ["STREAM_URL", "ChangeEvent", "follow", "iter_changes"]
