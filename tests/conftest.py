"""Shared test helpers: where the fixtures and the public dev sets are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"


def fixture_dirs() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if (p / "expected.json").is_file())


def load_fixture(d: Path) -> tuple[str, str, dict]:
    """(input, expected body, expected.json) of a fixture; the input is input.html when the
    fixture is an HTML one, else input.txt."""
    html = d / "input.html"
    raw = (html if html.is_file() else d / "input.txt").read_text(encoding="utf-8")
    body = (d / "expected.txt").read_text(encoding="utf-8").strip("\n")
    meta = json.loads((d / "expected.json").read_text(encoding="utf-8"))
    return raw, body, meta


FIELDS = ("body", "title", "author", "date", "site", "source", "dateline", "editor", "description", "captions", "language")
HTML_FIELDS = (*FIELDS, "url")


def squash(text: str) -> str:
    return " ".join(text.split())


def field_ok(field: str, article: object, body: str, meta: dict) -> bool:
    """Does the cleaner's value of `field` match the label? Text fixtures compare exactly. HTML
    fixtures compare words in order, whitespace and paragraph breaks aside (fixtures/README.md),
    since where a block is cut is the walker's business, not the label's."""
    html = meta.get("format") == "html"
    got = getattr(article, field)
    if field == "body":
        return squash(got) == squash(body) if html else got == body
    want = meta.get(field)
    if html and field == "captions":
        return [squash(c) for c in got] == [squash(c) for c in want or []]
    if html and isinstance(got, str) and isinstance(want, str):
        return squash(got) == squash(want)
    return bool(got == want)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir() or not any(SHARED_DATA.glob("*.jsonl.gz")):
        pytest.skip(f"public dev sets not found at {SHARED_DATA} (a user's clone has no ../shared)")
    return SHARED_DATA
