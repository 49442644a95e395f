"""Foundations: the small pure helpers every layer may use.

JSON reading and writing (:mod:`wikireuse.core._json`) and MediaWiki
timestamps (:mod:`wikireuse.core._time`). Together with
:mod:`wikireuse.exceptions` and :mod:`wikireuse.typing` this is the lowest
layer: it imports nothing else of wikireuse (see docs/architecture.md).
"""
