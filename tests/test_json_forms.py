"""The JSON wikireuse prints is the same data and opens no tag where embedded."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wikireuse import InvalidTitleError
from wikireuse.core._json import pretty
from wikireuse.titles import url_path

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_pretty_json_reads_back_and_holds_no_angle_bracket(value: Any) -> None:
    """Hostile strings (``</script>``, tags, lone surrogates) stay data."""
    text = pretty(value)

    assert "<" not in text
    assert ">" not in text
    assert value == json.loads(text)
    text.encode("utf-8")  # printable: lone surrogates are escaped


def test_url_path_of_a_lone_surrogate_is_an_invalid_title() -> None:
    """No URL can carry a lone surrogate: a typed error, not UnicodeEncodeError."""
    with pytest.raises(InvalidTitleError, match="lone surrogate"):
        url_path("Ada \ud800")
