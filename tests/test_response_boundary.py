"""Bodies that cannot be trusted are refused where they are decoded.

Deeply nested JSON, invalid UTF-8 and lone surrogates each raise an
:class:`~wikireuse.InvalidResponseError` naming the request (and the JSON
path, where one value is to blame), over the same HTTP path every feature
uses; nothing reaches a parser, the store or a JSON writer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests

from wikireuse import InvalidResponseError, Store
from wikireuse.records._payload import MAX_DEPTH
from wikireuse.testing import (
    fake_client,
    make_response,
    page,
    query_pages,
    request_params,
    siteinfo,
)

TEXT = "Ada \U0001f600 Lovelace"  # a paired surrogate when escaped: valid


def content_page(text_json: str) -> bytes:
    """A content answer whose revision text is the JSON string *text_json*."""
    body = query_pages(
        [
            page(
                "Ada Lovelace",
                7,
                lastrevid=70,
                revisions=[
                    {
                        "revid": 70,
                        "timestamp": "2024-01-02T03:04:05Z",
                        "slots": {"main": {"content": "@CONTENT@"}},
                    }
                ],
            )
        ]
    )
    return json.dumps(body).replace('"@CONTENT@"', text_json).encode()


def serve(body: bytes) -> Any:
    """A fake wiki: siteinfo as usual, every other query answered with *body*."""

    def handler(request: requests.PreparedRequest) -> requests.Response:
        if request_params(request).get("meta") == "siteinfo":
            return make_response(json=siteinfo())
        return make_response(
            content=body, headers={"Content-Type": "application/json; charset=utf-8"}
        )

    return fake_client(handler).client


def test_deeply_nested_body_is_an_invalid_response() -> None:
    """5 000 nested arrays: the decoder's RecursionError becomes our error."""
    body = b'{"query": ' + b"[" * 5000 + b"]" * 5000 + b"}"

    with pytest.raises(InvalidResponseError, match="nested too deep") as caught:
        serve(body).action({"action": "query", "meta": "userinfo"})

    assert "api.php" in caught.value.url


def test_nesting_past_the_limit_names_the_path() -> None:
    """Decodable, but deeper than any wiki answers: refused with its path."""
    deep = "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    body = ('{"query": {"pages": ' + deep + "}}").encode()

    with pytest.raises(InvalidResponseError, match="nested deeper") as caught:
        serve(body).action({"action": "query", "meta": "userinfo"})

    assert caught.value.field.startswith("query.pages[0][0]")


def test_invalid_utf8_is_reported_not_replaced() -> None:
    """A stray 0xFF byte in the text is an error, not a U+FFFD in the article."""
    body = content_page('"Ada \xff"').replace(b"\xc3\xbf", b"\xff")

    with pytest.raises(InvalidResponseError, match="not UTF-8") as caught:
        serve(body).article("Ada Lovelace")

    assert "api.php" in caught.value.url


def test_invalid_utf8_in_a_rest_answer_is_reported_not_replaced() -> None:
    """REST bodies (Parsoid HTML, JSON) are decoded strictly too; raw GETs are not."""
    body = b"<p>caf\xe9</p>"

    def handler(request: requests.PreparedRequest) -> requests.Response:
        return make_response(content=body, headers={"Content-Type": "text/html"})

    client = fake_client(handler).client

    with pytest.raises(InvalidResponseError, match=r"not UTF-8 \(byte 6\)") as caught:
        client.rest("v1/page/Ada_Lovelace/html")

    assert "rest.php" in caught.value.url
    assert body == client.get("https://upload.wikimedia.org/x.bin").content


def test_lone_surrogate_in_content_is_refused_with_its_path() -> None:
    """A lone surrogate cannot be stored, hashed or written as UTF-8: refused."""
    client = serve(content_page(r'"Ada \ud800 Lovelace"'))

    with pytest.raises(InvalidResponseError) as caught:
        client.article("Ada Lovelace")

    assert "query.pages[0].revisions[0].slots.main.content" == caught.value.field
    assert "api.php" in caught.value.url


def test_lone_surrogate_never_reaches_the_store(tmp_path: Path) -> None:
    """Syncing that answer into a store: our error, and nothing is written."""
    client = serve(content_page(r'"Ada \udc00"'))

    with Store(tmp_path / "s.sqlite") as store:
        with pytest.raises(InvalidResponseError):
            client.sync(store, ["Ada Lovelace"])
        assert () == store.revisions(wiki=client.wiki.api_url, pageid=7)


def test_paired_surrogate_escapes_are_text(tmp_path: Path) -> None:
    """An escaped emoji (a surrogate pair) is valid: stored and written as JSON."""
    escaped = json.dumps(TEXT)  # ensure_ascii: the emoji as \ud83d\ude00
    assert "\\ud83d\\ude00" in escaped
    client = serve(content_page(escaped))

    article = client.article("Ada Lovelace")
    with Store(tmp_path / "s.sqlite") as store:
        store.put(article)
        stored = store.get(wiki=client.wiki.api_url, revid=70)

    assert TEXT == article.wikitext
    assert stored is not None
    assert TEXT == stored.wikitext
    assert TEXT in article.to_json()


@pytest.mark.parametrize(
    ("replace", "field"),
    [
        ('"pageid": 7', "query.pages['Ada Lovelace'].pageid"),
        ('"ns": 0', "query.pages['Ada Lovelace'].ns"),
    ],
)
def test_wrong_type_names_the_field_and_the_request(replace: str, field: str) -> None:
    """A page id or namespace "x": the field and the API, not a ValueError."""
    body = content_page('"Ada"').replace(
        replace.encode(), replace.split(":")[0].encode() + b': "x"'
    )

    with pytest.raises(InvalidResponseError) as caught:
        serve(body).article("Ada Lovelace")

    assert field == caught.value.field
    assert "api.php" in caught.value.url
