"""XML dumps and Enterprise snapshots: readers, licence by date, bad input.

Real inputs: the two recorded Special:Export files and the recorded
Enterprise records in ../shared/data, the sample dump in examples/data, and
(in test_integration_dumps.py) a dump written by the real MediaWiki.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED_DATA, skip_or_fail
from wikireuse.articles import Article
from wikireuse.dumps import read_enterprise, read_xml_dump
from wikireuse.exceptions import ConfigurationError, DumpError

SAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "data" / "sample-wiki.xml.bz2"
)
XML_DUMPS = SHARED_DATA / "xml-dumps"
ENTERPRISE = SHARED_DATA / "enterprise" / "articles_Squirrel_de_en_ru.json"


def shared(path: Path) -> Path:
    """A recorded file, or a skip (a failure under CI) when it is missing."""
    if not path.exists():
        skip_or_fail(f"recorded data missing: {path}")
    return path


def sha1_of(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()  # noqa: S324  # the checksum under test


# -- XML: the recorded exports --------------------------------------------------


def test_pear_history_all_revisions() -> None:
    """Export-0.3 'Pear': 4 revisions, parents chained, licence by date, file named."""
    path = shared(XML_DUMPS / "enwiki_Pear_export-0.3.xml")
    articles = list(read_xml_dump(path, revisions="all"))
    assert [a.revid for a in articles] == [185185, 185241, 185408, 188924]
    assert [a.parentid for a in articles] == [None, 185185, 185241, 185408]
    # Each but the last names a newer revision: only the last is the latest.
    assert [a.is_latest for a in articles] == [False, False, False, True]
    first = articles[0]
    assert first.wiki == "https://en.wikipedia.org/w/api.php"  # http:// upgraded
    assert first.site_name == "Wikipedia"
    assert first.language == "en"
    assert first.url == "https://en.wikipedia.org/wiki/Pear"
    assert first.permalink.endswith("index.php?title=Pear&oldid=185185")
    # A 2002 revision is not under the 4.0 licence of today.
    assert {a.license.spdx for a in articles} == {"CC-BY-SA-3.0"}
    params = dict(first.provenance.params)
    assert params["file"] == path.name
    assert params["sha1"] == sha1_of(path)
    assert first.provenance.endpoint == path.absolute().as_uri()
    assert any(path.name in step for step in first.provenance.steps)
    for article in articles:
        assert article.sha1 == hashlib.sha1(article.wikitext.encode()).hexdigest()  # noqa: S324
        assert article.size == len(article.wikitext.encode())


def test_latest_only_is_the_default() -> None:
    """revisions='latest' yields each page once: its newest revision in the dump."""
    path = shared(XML_DUMPS / "enwiki_Pyrus_export-0.3.xml")
    (article,) = list(read_xml_dump(path))
    assert article.revid == 238392911
    assert article.parentid == 238138507
    assert article.is_latest
    assert article.timestamp.year == 2008


def test_namespace_filter() -> None:
    """Pages outside the namespaces asked for are not yielded."""
    path = shared(XML_DUMPS / "enwiki_Pear_export-0.3.xml")
    assert list(read_xml_dump(path, namespaces=(1,))) == []
    assert len(list(read_xml_dump(path, namespaces=None))) == 1


# -- XML: the sample dump ---------------------------------------------------------


def test_sample_dump_reads_with_categories_and_licence_timeline() -> None:
    """The sample (bz2, export-0.11): categories from wikitext, SHA-1 checked."""
    stream = read_xml_dump(
        SAMPLE, rights="https://creativecommons.org/licenses/by-sa/4.0/"
    )
    articles = {a.title: a for a in stream}
    assert len(articles) >= 25
    assert stream.file.compression == "bz2"
    assert stream.file.sha1 == sha1_of(SAMPLE)
    assert stream.bytes_read == SAMPLE.stat().st_size
    maren = articles["Maren Olvik"]
    assert "Living people" in maren.categories
    assert maren.wiki == "https://valdmark.wikireuse.invalid/w/api.php"
    assert maren.license.spdx == "CC-BY-SA-4.0"
    assert "checked the SHA-1 of the wikitext against the dump's" in (
        maren.provenance.steps
    )


def test_sample_dump_unknown_licence_without_rights() -> None:
    """Outside Wikimedia a dump declares no licence: unknown, not a guess."""
    with read_xml_dump(SAMPLE) as stream:
        article = next(stream)
    assert article.license.is_unknown


def test_timeline_applies_to_a_mirror_when_asked() -> None:
    """With wikimedia_only=False, revisions before the cut-over get 3.0."""
    from wikireuse.articles import LicenseTimeline

    stream = read_xml_dump(
        SAMPLE,
        revisions="all",
        rights="https://creativecommons.org/licenses/by-sa/4.0/",
        license_timeline=LicenseTimeline(wikimedia_only=False),
    )
    by_year = {(a.timestamp.year, a.license.spdx) for a in stream}
    assert (2019, "CC-BY-SA-3.0") in by_year
    assert (2025, "CC-BY-SA-4.0") in by_year


def test_gzip_and_file_objects() -> None:
    """Gzip is recognised by content; a seekable file object works like a path."""
    raw = bz2.decompress(SAMPLE.read_bytes())
    packed = gzip.compress(raw, mtime=0)
    stream = read_xml_dump(io.BytesIO(packed))
    titles = [a.title for a in stream]
    assert titles == [a.title for a in read_xml_dump(SAMPLE)]
    assert stream.file.compression == "gzip"
    assert stream.file.name == "<stream>"
    assert stream.file.sha1 == hashlib.sha1(packed).hexdigest()  # noqa: S324


def test_bad_arguments() -> None:
    with pytest.raises(ConfigurationError):
        read_xml_dump(SAMPLE, revisions="some")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError):
        read_xml_dump(SAMPLE, namespaces=0)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError):
        read_xml_dump(12)  # type: ignore[arg-type]


# -- XML: bad input ----------------------------------------------------------------


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _read_all(path: Path) -> tuple[list[Article], DumpError]:
    got: list[Article] = []
    with pytest.raises(DumpError) as caught:
        got.extend(read_xml_dump(path, namespaces=None))
    return got, caught.value


def test_truncated_xml_names_file_and_position(tmp_path: Path) -> None:
    """Cut mid-page: the pages before are yielded whole, the error says where."""
    raw = bz2.decompress(SAMPLE.read_bytes())
    cut = raw.index(b"<title>Kelsmoor</title>") + 40
    path = _write(tmp_path, "cut.xml", raw[:cut])
    got, error = _read_all(path)
    assert [a.title for a in got] == ["Ostrel", "Harnby"]
    assert "cut.xml" in str(error)
    assert error.path == path.absolute().as_uri()
    assert "line " in error.position
    assert "column" in error.position
    assert "after page 'Harnby'" in error.position


def test_truncated_bz2(tmp_path: Path) -> None:
    """A bz2 file cut short is a DumpError naming the byte reached."""
    data = SAMPLE.read_bytes()
    path = _write(tmp_path, "cut.xml.bz2", data[: len(data) // 2])
    _, error = _read_all(path)
    assert "cut.xml.bz2" in str(error)
    assert "byte" in error.position


def test_corrupt_bz2(tmp_path: Path) -> None:
    """Flipped bytes inside the compressed stream: a DumpError, never wrong text."""
    data = bytearray(SAMPLE.read_bytes())
    for i in range(200, 260):
        data[i] ^= 0x5A
    path = _write(tmp_path, "corrupt.xml.bz2", bytes(data))
    _, error = _read_all(path)
    assert "corrupt.xml.bz2" in str(error)


def _compressed(kind: str, raw: bytes) -> bytes:
    """*raw* compressed as one stream, two streams, or with trailing bytes."""
    half = raw.index(b"<page>", len(raw) // 2)
    if kind == "bz2":
        return bz2.compress(raw)
    if kind == "bz2-multistream":  # as Wikimedia writes its big dumps
        return bz2.compress(raw[:half]) + bz2.compress(raw[half:])
    if kind == "bz2-trailing":
        return bz2.compress(raw) + b"not a stream"
    if kind == "gzip-members":
        return gzip.compress(raw[:half]) + gzip.compress(raw[half:]) + b"\0" * 8
    return gzip.compress(raw)


@pytest.mark.parametrize(
    "kind", ["bz2", "bz2-multistream", "bz2-trailing", "gzip", "gzip-members"]
)
def test_read_ahead_gives_the_same_articles(tmp_path: Path, kind: str) -> None:
    """Decompressing in a thread ahead of the parser changes nothing read."""
    raw = bz2.decompress(SAMPLE.read_bytes())
    path = _write(tmp_path, f"sample.{kind}", _compressed(kind, raw))
    ahead = read_xml_dump(path, revisions="all", namespaces=None, wall_clock=lambda: 0)
    articles = list(ahead)
    assert len(articles) == 37  # 29 pages in the main namespace, all revisions
    assert ahead.bytes_read == path.stat().st_size
    serial = read_xml_dump(
        path, revisions="all", namespaces=None, wall_clock=lambda: 0, read_ahead=False
    )
    assert articles == list(serial)


@pytest.mark.parametrize(
    "kind", ["bz2", "bz2-multistream", "bz2-trailing", "gzip", "gzip-members"]
)
def test_decompression_matches_the_standard_library(kind: str) -> None:
    """Our large-chunk decompression gives the bytes bz2/gzip.open give.

    And fails where they fail: a file cut short is an EOFError.
    """
    from wikireuse.dumps._source import _bz2_chunks, _gzip_chunks

    raw = bz2.decompress(SAMPLE.read_bytes()) * 40  # several bz2 blocks
    data = _compressed(kind, raw)
    chunks, opener = (
        (_bz2_chunks, bz2.open) if kind.startswith("bz2") else (_gzip_chunks, gzip.open)
    )
    with opener(io.BytesIO(data)) as standard:
        expected = standard.read()
    assert b"".join(chunks(io.BytesIO(data))) == expected
    cut = data[: len(data) * 3 // 4]  # inside a stream
    with pytest.raises(EOFError), opener(io.BytesIO(cut)) as standard:
        standard.read()
    with pytest.raises(EOFError):
        b"".join(chunks(io.BytesIO(cut)))


@pytest.mark.parametrize("kind", ["bz2", "gzip", "bz2-multistream"])
def test_truncated_compressed_file(tmp_path: Path, kind: str) -> None:
    """Cut short: the same DumpError and pages with or without read-ahead.

    Also when the cut is inside a later stream of a multi-stream file.
    """
    raw = bz2.decompress(SAMPLE.read_bytes())
    data = _compressed(kind, raw)
    path = _write(tmp_path, f"cut.{kind}", data[: len(data) * 3 // 4])
    results = []
    for read_ahead in (True, False):
        got: list[Article] = []
        with pytest.raises(DumpError) as caught:
            got.extend(read_xml_dump(path, namespaces=None, read_ahead=read_ahead))
        assert "cut." in str(caught.value)
        assert "byte" in caught.value.position
        results.append((got, type(caught.value.__cause__)))
    assert results[0] == results[1]


def test_stopping_early_ends_the_read_ahead(tmp_path: Path) -> None:
    """A stream closed after one article stops its thread and closes the file."""
    import threading

    with read_xml_dump(SAMPLE) as stream:
        next(stream)
    assert not [t for t in threading.enumerate() if t.name == "wikireuse-read-ahead"]


def test_wrong_xml_namespace(tmp_path: Path) -> None:
    """An export whose root is in another namespace is refused at once."""
    raw = bz2.decompress(SAMPLE.read_bytes()).replace(
        b"http://www.mediawiki.org/xml/export-0.11/", b"http://example.org/other/"
    )
    path = _write(tmp_path, "other.xml", raw)
    with pytest.raises(DumpError, match="wrong XML namespace") as caught:
        read_xml_dump(path).close()
    assert caught.value.position == "the <mediawiki> root element"


def test_not_an_export(tmp_path: Path) -> None:
    path = _write(tmp_path, "page.html", b"<html><body>hello</body></html>")
    with pytest.raises(DumpError, match="no <mediawiki> root"):
        read_xml_dump(path).close()


def test_text_that_does_not_match_its_sha1(tmp_path: Path) -> None:
    """A revision whose text was changed after the dump was written is refused."""
    raw = bz2.decompress(SAMPLE.read_bytes()).replace(
        b"Thursday on the sloping square", b"Friday on the sloping square"
    )
    path = _write(tmp_path, "edited.xml", raw)
    got, error = _read_all(path)
    assert "does not match the dump's" in str(error)
    assert "Ostrel" in str(error)
    assert got == []


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DumpError, match="cannot open"):
        read_xml_dump(tmp_path / "nope.xml")


# -- Enterprise --------------------------------------------------------------------


def _records() -> list[dict[str, Any]]:
    data = json.loads(shared(ENTERPRISE).read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def _ndjson(records: list[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def test_enterprise_recorded_records_licence_recomputed() -> None:
    """The 2023-08 enwiki record declares 3.0: 4.0 is kept, the conflict recorded."""
    articles = {a.wiki: a for a in read_enterprise(shared(ENTERPRISE))}
    en = articles["https://en.wikipedia.org/w/api.php"]
    assert en.revid == 1171934824
    assert en.pageid == 28492
    assert en.license.spdx == "CC-BY-SA-4.0"
    assert dict(en.provenance.params)["declared_license"] == "CC-BY-SA-3.0"
    assert "declares CC-BY-SA-3.0" in en.provenance.note
    assert en.wikidata_id == "Q9482"
    assert en.language == "en"
    # A 2018 dewiki revision really is 3.0: no disagreement recorded.
    de = articles["https://de.wikipedia.org/w/api.php"]
    assert de.license.spdx == "CC-BY-SA-3.0"
    assert "declared_license" not in dict(de.provenance.params)
    assert de.categories == ("Begriffsklärung",)


def test_enterprise_tar_gz_ndjson(tmp_path: Path) -> None:
    """The Snapshot API's .tar.gz with one NDJSON member reads like the array."""
    body = _ndjson(_records())
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo("enwiki_namespace_0_0.ndjson")
        info.size = len(body)
        archive.addfile(info, io.BytesIO(body))
    path = _write(tmp_path, "enwiki_namespace_0.tar.gz", buffer.getvalue())
    got = [(a.wiki, a.revid) for a in read_enterprise(path)]
    assert got == [(a.wiki, a.revid) for a in read_enterprise(ENTERPRISE)]


def test_enterprise_events_skipped(tmp_path: Path) -> None:
    """Delete and visibility-change events are not articles: counted, not yielded."""
    records = _records()
    records[0] = {**records[0], "event": {"type": "delete"}}
    records[1] = {**records[1], "visibility": {"text": False}}
    stream = read_enterprise(_write(tmp_path, "events.ndjson", _ndjson(records)))
    assert [a.revid for a in stream] == [records[2]["version"]["identifier"]]
    assert stream.skipped == {
        "delete events": 1,
        "revision text hidden (visibility.text false)": 1,
    }


def _enterprise_error(tmp_path: Path, data: bytes) -> tuple[list[Article], DumpError]:
    got: list[Article] = []
    with pytest.raises(DumpError) as caught:
        got.extend(read_enterprise(_write(tmp_path, "bad.ndjson", data)))
    return got, caught.value


def test_enterprise_missing_field_names_line(tmp_path: Path) -> None:
    records = _records()
    del records[1]["article_body"]["wikitext"]
    got, error = _enterprise_error(tmp_path, _ndjson(records))
    assert len(got) == 1
    assert "article_body.wikitext" in str(error)
    assert error.position == "line 2"
    assert "bad.ndjson" in str(error)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r.pop("name"), "no name"),
        (lambda r: r["version"].update(identifier="12"), "not an integer"),
        (lambda r: r.update(date_modified="yesterday"), "ISO 8601"),
        (lambda r: r["is_part_of"].update(url="enwiki"), "not a wiki URL"),
    ],
)
def test_enterprise_bad_fields(tmp_path: Path, mutate: Any, message: str) -> None:
    records = _records()[:1]
    mutate(records[0])
    _, error = _enterprise_error(tmp_path, _ndjson(records))
    assert message in str(error)
    assert error.position == "line 1"


def test_enterprise_truncated_line(tmp_path: Path) -> None:
    data = _ndjson(_records())
    got, error = _enterprise_error(tmp_path, data[: len(data) - 100])
    assert len(got) == 2
    assert "not JSON" in str(error)
    assert error.position == "line 3"
