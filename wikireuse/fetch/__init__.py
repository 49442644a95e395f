"""Fetchers: articles, history, contributors, media files and entities over a transport.

:mod:`wikireuse.fetch._articles` and :mod:`wikireuse.fetch._media` read the
wiki through the transport (:mod:`wikireuse.http`) and build the records; the
public entry points are the methods of :class:`wikireuse.Client`.
"""
