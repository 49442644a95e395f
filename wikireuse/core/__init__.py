"""Foundations: the small pure helpers every layer may use.

JSON reading and writing (:mod:`wikireuse.core._json`), MediaWiki
timestamps (:mod:`wikireuse.core._time`), which hosts are Wikimedia's
(``_hosts``), counted words (``_words``), the installed version
(``_version``), read-only record mappings (``_mapping``) and the ``with``
protocol (``_closing``). Together with
:mod:`wikireuse.exceptions` and :mod:`wikireuse.typing` this is the lowest
layer: it imports nothing else of wikireuse (see docs/architecture.md).
"""
