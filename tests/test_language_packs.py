"""Every language rule pack meets a real page of its language (a hand-labelled fixture).

For each pack under cleaner/rules/ (the language-neutral one aside): at least one fixture in the
pack's language exists; on every such page, every line the pack's rules drop or move to a field
is one the labeller left out of the body (the pack never costs the article a line); and on at
least one of them the pack's rules fire (it recognises that language's real chrome) and the
cleaner keeps the labelled body (token recall and precision against expected.txt)."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from cleaner import clean
from cleaner.rules.engine import PACK_DIR
from conftest import FIXTURES, fixture_dirs, load_fixture, squash

PACKS = sorted(p for p in PACK_DIR.glob("*.toml") if p.stem != "neutral")
# The body the cleaner keeps on a pack's page: most of the labelled words, few others. (Exact
# bodies are test_fixtures' business, with its recorded known failures.)
MIN_RECALL, MIN_PRECISION = 0.9, 0.8
# Packs with no real page to test on: none in the dev sets, none under a licence in the public
# test corpora searched (newspaper4k, newspaper, goose3, trafilatura, htmldate, go-trafilatura,
# postlight/parser, readability.php, extractus), and a page may not be invented. Their rules
# are checked by their examples (test_rules.py) until a real page is found.
NO_REAL_PAGE = {
    "tr": "no licensed real Turkish article page available offline",
    "vi": "no licensed real Vietnamese article page available offline",
    "nl": "no licensed real Dutch article page available offline",
    "ms": "no licensed real Malay article page available offline",
}
_WORD = re.compile(r"\w+")


def _pack(path: Path) -> tuple[list[str], set[str]]:
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    return doc["pack"]["languages"], {r["id"] for r in doc["rule"]}


def _fixtures_in(languages: list[str]) -> list[Path]:
    out = []
    for d in fixture_dirs():
        _, _, meta = load_fixture(d)
        if meta.get("language") in languages:
            out.append(d)
    return out


def _prf(got: str, want: str) -> tuple[float, float]:
    """Token recall and precision; a page with no article is right when nothing comes out."""
    g, w = Counter(_WORD.findall(got.lower())), Counter(_WORD.findall(want.lower()))
    if not w:
        return (1.0, 1.0) if not g else (1.0, 0.0)
    common = sum((g & w).values())
    return common / sum(w.values()), common / max(1, sum(g.values()))


def test_every_required_language_has_a_pack() -> None:
    required = {"id", "ms", "en", "es", "pt", "fr", "de", "it", "nl", "ru", "tr", "vi", "pl", "ar"}
    covered = {lang for p in PACKS for lang in _pack(p)[0]}
    assert required <= covered, sorted(required - covered)
    assert covered & {"zh", "ja", "ko"}, "no CJK pack"


@pytest.mark.parametrize("path", PACKS, ids=[p.stem for p in PACKS])
def test_pack_on_a_real_page_of_its_language(path: Path) -> None:
    languages, ids = _pack(path)
    dirs = _fixtures_in(languages)
    if not dirs and languages[0] in NO_REAL_PAGE:
        pytest.xfail(NO_REAL_PAGE[languages[0]])
    assert dirs, f"no hand-labelled fixture in {languages} for {path.name}"
    works_on = []
    for d in dirs:
        raw, body, _ = load_fixture(d)
        article = clean(raw)
        kept = squash(body)
        fired = 0
        for line in article.lines:
            if line.reason in ids and line.decision != "body":
                fired += 1
                # on every page of the language: what the pack takes out, the labeller left out
                assert squash(line.text) not in kept or len(squash(line.text)) < 25, (d.name, line.reason, line.text)
        recall, precision = _prf(article.body, body)
        if fired and recall >= MIN_RECALL and precision >= MIN_PRECISION:
            works_on.append(d.name)
    # and on at least one real page, the pack fires and the article comes out whole and clean
    assert works_on, f"{path.name}: on none of {[d.name for d in dirs]} does it fire with the body kept"
