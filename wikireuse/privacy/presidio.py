"""A :class:`~wikireuse.privacy.Redactor` over Microsoft Presidio (extra ``presidio``).

``pip install 'wikireuse[presidio]'`` brings ``presidio-analyzer`` and
``presidio-anonymizer``. By default :class:`PresidioRedactor` runs Presidio's
**pattern recognisers only** — e-mail addresses, phone numbers, IP addresses,
credit-card and IBAN numbers — which need no language model and nothing from
the network. Names and places need a named-entity model (a spaCy model such
as ``en_core_web_lg``, installed by you beforehand): pass an
``AnalyzerEngine`` built on it as ``analyzer=`` and name the entities.

>>> redact = PresidioRedactor()
>>> redact("Mail ada@example.org from 192.0.2.7.")
'Mail <EMAIL_ADDRESS> from <IP_ADDRESS>.'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from wikireuse.exceptions import ConfigurationError

__all__ = ["PATTERN_ENTITIES", "PresidioRedactor"]

PATTERN_ENTITIES: Final = (
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "IP_ADDRESS",
    "CREDIT_CARD",
    "IBAN_CODE",
)
"""What the pattern recognisers find without a language model."""


def _pattern_recognisers() -> tuple[Any, ...]:
    try:
        import tldextract
        from presidio_analyzer.predefined_recognizers import (
            CreditCardRecognizer,
            EmailRecognizer,
            IbanRecognizer,
            IpRecognizer,
            PhoneRecognizer,
        )
    except ImportError as exc:
        raise ConfigurationError(
            message="PresidioRedactor needs the presidio extra: "
            "pip install 'wikireuse[presidio]'"
        ) from exc
    # Presidio checks an address's domain with tldextract's default
    # extractor, which fetches the public-suffix list from the network on
    # first use; this one reads the snapshot tldextract ships, and caches
    # nothing on disk.
    offline = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=())

    class _OfflineEmailRecognizer(EmailRecognizer):
        def validate_result(self, pattern_text: str) -> bool:
            return bool(offline(pattern_text).fqdn)

    return (
        _OfflineEmailRecognizer(),
        PhoneRecognizer(),
        IpRecognizer(),
        CreditCardRecognizer(),
        IbanRecognizer(),
    )


def _anonymizer() -> Any:
    try:
        from presidio_anonymizer import AnonymizerEngine
    except ImportError as exc:
        raise ConfigurationError(
            message="PresidioRedactor needs the presidio extra: "
            "pip install 'wikireuse[presidio]'"
        ) from exc
    return AnonymizerEngine()  # type: ignore[no-untyped-call]


@attrs.frozen(kw_only=True)
class PresidioRedactor:
    """Replace what Presidio finds in a text by ``<ENTITY_TYPE>``.

    A :class:`~wikireuse.privacy.Redactor`: give it to a
    :class:`~wikireuse.privacy.MinimisationPolicy` as ``redactor=``.

    Attributes:
        entities: The entity types to replace (default
            :data:`PATTERN_ENTITIES`).
        language: The texts' language, for an *analyzer*.
        analyzer: A ``presidio_analyzer.AnalyzerEngine`` (with the NLP
            model you installed) to use instead of the pattern recognisers.
        score_threshold: Findings scored lower are left alone.
    """

    entities: tuple[str, ...] = PATTERN_ENTITIES
    language: str = "en"
    analyzer: Any = None
    score_threshold: float = 0.0
    _recognisers: tuple[Any, ...] = attrs.field(
        init=False,
        default=attrs.Factory(
            lambda self: () if self.analyzer is not None else _pattern_recognisers(),
            takes_self=True,
        ),
    )
    _anonymizer: Any = attrs.field(init=False, factory=lambda: _anonymizer())

    def __call__(self, text: str) -> str:
        """*text* with every finding replaced by ``<ENTITY_TYPE>``."""
        if not text.strip():
            return text
        wanted = list(self.entities)
        if self.analyzer is not None:
            found = self.analyzer.analyze(
                text=text, entities=wanted, language=self.language
            )
        else:
            found = [
                result
                for recogniser in self._recognisers
                if set(recogniser.supported_entities) & set(wanted)
                for result in recogniser.analyze(
                    text, entities=wanted, nlp_artifacts=None
                )
            ]
        found = [r for r in found if r.score >= self.score_threshold]
        if not found:
            return text
        redacted: str = self._anonymizer.anonymize(
            text=text, analyzer_results=found
        ).text
        return redacted
