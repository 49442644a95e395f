"""The privacy step of the chunk pipelines: classify, structure, minimise.

Shared by :meth:`wikireuse.Store.build_chunks` and
:func:`wikireuse.parallel.export_shard`, so a revision chunked in a store and
the same revision chunked from a dump shard go through the same step and
give the same chunks.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Final, Literal

from wikireuse.core import _json
from wikireuse.exceptions import ConfigurationError
from wikireuse.privacy._classify import classify_person
from wikireuse.privacy._minimise import MinimisationPolicy, minimise
from wikireuse.records.articles import Article
from wikireuse.structured import StructuredArticle, structure

__all__ = ["check_options", "policy_identity", "prepared"]

_DIGEST_CHARS: Final = 16


def check_options(*, classify: object, policy: object, today: object, who: str) -> None:
    """Refuse privacy options that do not fit together, naming *who* took them."""
    if not isinstance(classify, bool):
        raise ConfigurationError(
            message=f"{who}: classify must be True or False, got {classify!r}"
        )
    if policy is not None and not isinstance(policy, MinimisationPolicy):
        raise ConfigurationError(
            message=f"{who}: policy must be a MinimisationPolicy or None, "
            f"got {policy!r}"
        )
    if policy is not None and not classify:
        # minimise() needs the status: without it, whether the page is
        # about a living person is unknown, and guessing would be wrong
        raise ConfigurationError(
            message=f"{who}: a minimisation policy needs classify=True "
            "(or give policy=None)"
        )
    if today is not None and (
        isinstance(today, datetime) or not isinstance(today, date)
    ):
        raise ConfigurationError(
            message=f"{who}: today must be a datetime.date, got {today!r}"
        )


def prepared(
    article: Article,
    *,
    classify: bool,
    policy: MinimisationPolicy | None,
    today: date,
    body: Literal["auto", "html", "wikitext"] = "auto",
) -> StructuredArticle:
    """*article* structured, with its person status, minimised under *policy*.

    Raises:
        WikiReuseError: When the article cannot be classified or structured.
    """
    person = classify_person(article, today=today) if classify else None
    doc = structure(article, body=body, person=person)
    return doc if policy is None else minimise(doc, policy)


def policy_identity(policy: MinimisationPolicy) -> str:
    """The policy's name and a digest of what it does, for build settings.

    Two policies that differ in any rule (statuses, fields, sections,
    references, the redactor's qualified name) have different identities,
    even under one name; the same policy always has the same one. A
    redactor counts by its qualified name only: what it does is code.

    >>> from wikireuse.privacy import DEFAULT_POLICY
    >>> policy_identity(DEFAULT_POLICY)[:8]
    'default@'
    """
    redactor = policy.redactor
    rules = {
        "name": policy.name,
        "statuses": [s.value for s in policy.statuses],
        "fields": [
            [f.field, list(f.names), list(f.labels), f.action] for f in policy.fields
        ],
        "sections": [[p.pattern, p.flags] for p in policy.sections],
        "drop_orphaned_references": policy.drop_orphaned_references,
        "redactor": None if redactor is None else _qualified(redactor),
    }
    digest = hashlib.sha256(_json.canonical(rules).encode("utf-8")).hexdigest()
    return f"{policy.name}@{digest[:_DIGEST_CHARS]}"


def _qualified(thing: object) -> str:
    """``module.qualname`` of a function, else of its class."""
    name = getattr(thing, "__qualname__", None) or type(thing).__qualname__
    module = getattr(thing, "__module__", None) or type(thing).__module__
    return f"{module}.{name}"
