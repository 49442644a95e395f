"""Passwords, tokens and cookies: which parameters carry them, and masking logs.

MediaWiki takes credentials as parameters (``lgpassword``, ``password``,
``retype``, ``token`` and every ``*token``: ``lgtoken``, ``logintoken``,
``csrftoken``, ...). They must travel in a POST body, never in a URL, which
ends up in logs and access logs; and nothing wikireuse logs may show them,
nor a session cookie.

>>> secret_names(["action", "lgname", "lgpassword", "lgtoken"])
('lgpassword', 'lgtoken')
>>> redact("GET /w/api.php?action=login&lgpassword=hunter2&lgtoken=ab%2B%5C")
'GET /w/api.php?action=login&lgpassword=***&lgtoken=***'
>>> redact('{"csrftoken": "ab+cd"}')
'{"csrftoken": "***"}'
>>> redact("Set-Cookie: enwikiSession=abc; path=/")
'Set-Cookie: ***'
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Final

__all__ = ["MASK", "RedactingFilter", "redact", "secret_names"]

MASK: Final = "***"

# A parameter name that carries a credential when sent.
_SECRET_PARAM: Final = re.compile(
    r"(?:.*(?:password|passwd|token|secret)|retype)", re.IGNORECASE
)
# Names worth masking in a log line: credentials, and session cookies
# (MediaWiki's are ``<wiki>Session``, ``<wiki>Token``, ``centralauth_*``).
_NAME: Final = (
    r"[\w.\-]*(?:password|passwd|token|secret|session|centralauth)[\w.\-]*|retype"
)
_PATTERNS: Final = (
    # Header lines: everything after the colon.
    (
        re.compile(
            r"^(\s*(?:set-cookie|cookie|authorization|proxy-authorization)\s*:\s*).*$",
            re.IGNORECASE | re.MULTILINE,
        ),
        rf"\g<1>{MASK}",
    ),
    # JSON or Python repr: "name": "value" / 'name': 'value'.
    (
        re.compile(
            rf"""(["'](?:{_NAME})["']\s*:\s*)(["'])(?:\\.|(?!\2).)*\2""",
            re.IGNORECASE,
        ),
        rf"\g<1>\g<2>{MASK}\g<2>",
    ),
    # Query strings, form bodies, cookie pairs: name=value.
    (
        re.compile(rf"""(?<![\w.\-])((?:{_NAME})=)[^&\s;,"'<>]*""", re.IGNORECASE),
        rf"\g<1>{MASK}",
    ),
)


def secret_names(names: Iterable[str]) -> tuple[str, ...]:
    """The names among *names* whose values are credentials."""
    return tuple(name for name in names if _SECRET_PARAM.fullmatch(name))


def redact(text: str) -> str:
    """*text* with the values of passwords, tokens and cookies masked."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Masks credentials in every record of the logger it is attached to.

    The message is formatted first (arguments included), so a secret in an
    argument is masked too.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message masked; never drops a record."""
        message = record.getMessage()
        masked = redact(message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True
