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
    raw = (d / "input.txt").read_text(encoding="utf-8")
    body = (d / "expected.txt").read_text(encoding="utf-8").strip("\n")
    meta = json.loads((d / "expected.json").read_text(encoding="utf-8"))
    return raw, body, meta


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir() or not any(SHARED_DATA.glob("*.jsonl.gz")):
        pytest.skip(f"public dev sets not found at {SHARED_DATA} (a user's clone has no ../shared)")
    return SHARED_DATA
