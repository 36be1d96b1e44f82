"""Every hand-labeled fixture: the exact body and every metadata field.

A field the cleaner does not get right yet is listed in the fixture's `known_failures` with the
reason; it runs as a strict xfail, so the day it passes, the list must be updated."""

from __future__ import annotations

import pytest

from cleaner import clean
from conftest import FIELDS, FIXTURES, HTML_FIELDS, field_ok, fixture_dirs, load_fixture, squash

CASES = [(d.name, f) for d in fixture_dirs() for f in (HTML_FIELDS if (d / "input.html").is_file() else FIELDS)]
_cache: dict[str, object] = {}


def _cleaned(name: str):
    if name not in _cache:
        raw, _, meta = load_fixture(FIXTURES / name)
        _cache[name] = clean(raw)
    return _cache[name]


@pytest.mark.parametrize(("name", "field"), CASES, ids=[f"{n}:{f}" for n, f in CASES])
def test_fixture_field(name: str, field: str, request: pytest.FixtureRequest) -> None:
    _, body, meta = load_fixture(FIXTURES / name)
    known = meta.get("known_failures", {})
    if field in known:
        request.applymarker(pytest.mark.xfail(reason=known[field], strict=True))
    article = _cleaned(name)
    assert field_ok(field, article, body, meta), (getattr(article, field), body if field == "body" else meta.get(field))


def test_fixtures_are_well_formed() -> None:
    """Each fixture's body paragraphs are text of its input: labels are decisions, not rewrites."""
    from cleaner.html import parse
    from cleaner.normalize import normalize

    dirs = fixture_dirs()
    assert len(dirs) >= 35
    for d in dirs:
        raw, body, meta = load_fixture(d)
        html = meta.get("format") == "html"
        assert html == (d / "input.html").is_file(), d.name
        lines = normalize(parse(raw).text if html else raw).split("\n")
        if html:
            lines = [squash(line) for line in lines]
        # a dev set, a seed, or a public repository's test page ("owner/name", path as its id)
        origin = meta["origin"]["set"]
        assert origin in ("seed", "scrapinghub", "readability") or origin.count("/") == 1, d.name
        assert meta["origin"].get("id"), d.name
        for field in ("title", "author", "date", "site", "source", "dateline", "editor", "description", "language"):
            assert field in meta, (d.name, field)
        pos = 0
        for para in filter(None, body.split("\n\n")):
            para = squash(para) if html else para
            # Inline chrome may have been cut from a line, so look for the line that holds it.
            hit = next((i for i in range(pos, len(lines)) if para in lines[i]), None)
            assert hit is not None, (d.name, para[:60])
            pos = hit + 1