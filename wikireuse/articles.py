"""The old import path of :mod:`wikireuse.records.articles`.

The article records moved into the ``records`` layer (see the layers in
docs/architecture.md); ``import wikireuse.articles`` keeps working and gives
the same objects. New code imports :mod:`wikireuse.records.articles`. This
module sits in the ``records`` layer too, beside what it re-exports.
"""

from wikireuse.records import articles as _articles
from wikireuse.records.articles import ARTICLE_SCHEMA as ARTICLE_SCHEMA
from wikireuse.records.articles import Article as Article
from wikireuse.records.articles import ArticleOutcome as ArticleOutcome
from wikireuse.records.articles import Contributor as Contributor
from wikireuse.records.articles import Contributors as Contributors
from wikireuse.records.articles import FetchStatus as FetchStatus
from wikireuse.records.articles import LangLink as LangLink
from wikireuse.records.articles import LicenseTimeline as LicenseTimeline
from wikireuse.records.articles import PageLicense as PageLicense
from wikireuse.records.articles import Revision as Revision

__all__ = _articles.__all__
