"""The pages a benchmark runs on, and their gold.

Three kinds of set, all turned into :class:`Page`:

- the public dev sets, ``<data>/<name>.jsonl.gz`` (gold body, and for readability gold
  metadata where its origin has a value: a missing value there means "unknown");
- ``fixtures``: the hand-labelled dev-set pages in ``fixtures/`` (gold body, and complete gold
  metadata: a ``null`` there means the page does not state the field);
- ``seeds``: the five seed pages, hand-labelled the same way (``fixtures/seed-*``).

A set that cannot be found is reported as missing by name, and the run goes on without it.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# Known dev sets (reported missing when absent) and the sets read from fixtures/.
DEV_SETS = ("readability", "scrapinghub")
FIXTURE_SETS = ("fixtures", "seeds")
_HERE = Path(__file__).resolve().parent
# Metadata fields the benchmark scores, with the key each gold source uses for them.
META_FIELDS = ("title", "author", "date", "site", "source", "description", "language")
_DEV_META_KEYS = {"title": "title", "author": "author", "date": "date", "site": "site",
                  "description": "description", "language": "lang"}


@dataclass(frozen=True)
class Page:
    """One page: the tool input (``text``), the gold ``body`` and what else is known."""

    set: str
    id: str
    lang: str | None
    text: str
    body: str
    # field -> gold value (None: the page does not state it); only fields whose gold is known
    meta: dict[str, str | None] = field(default_factory=dict)
    # hand-labelled: the body follows fixtures/README.md line by line, so line decisions count
    labelled_lines: bool = False
    html: str | None = None  # the page's HTML source, where the set has it

    def input(self, kind: str) -> str | None:
        """The tool input of ``kind`` ("text" or "html"); None when the page lacks it."""
        return self.html if kind == "html" else (self.text or None)


def default_dir(name: str) -> Path:
    """``../shared/data`` or ``fixtures`` next to the working directory when it has one (a
    user runs from the clone), else next to this package's checkout."""
    relative = Path("..") / "shared" / "data" if name == "data" else Path(name)
    here = Path.cwd() / relative
    return (here if here.is_dir() else _HERE.parent / relative).resolve()


def find_dev_sets(data_dir: Path, wanted: Sequence[str]) -> tuple[dict[str, Path], list[str]]:
    """Map each wanted dev-set name to its file, and list the names with no file.

    With no ``wanted`` names, every ``*.jsonl.gz`` in ``data_dir`` is used and the known sets
    that are absent are reported missing."""
    if wanted:
        names = list(dict.fromkeys(wanted))
    else:
        found = sorted(p.name.removesuffix(".jsonl.gz") for p in data_dir.glob("*.jsonl.gz"))
        names = sorted(set(found) | set(DEV_SETS))
    paths = {name: data_dir / f"{name}.jsonl.gz" for name in names}
    present = {name: path for name, path in paths.items() if path.is_file()}
    return present, [name for name in names if name not in present]


def load_dev_set(path: Path, name: str, limit: int | None = None) -> list[Page]:
    """Read the first ``limit`` pages (all if None) of a gzip JSON Lines set file."""
    pages: list[Page] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(pages) >= limit:
                break
            if not line.strip():
                continue
            record = json.loads(line)
            meta_in = record.get("meta") or {}
            meta: dict[str, str | None] = {}
            for ours, theirs in _DEV_META_KEYS.items():
                value = meta_in.get(theirs)
                if value:  # dev-set gold is partial: a missing value is unknown, not absent
                    meta[ours] = str(value)
            pages.append(Page(record.get("set") or name, str(record["id"]), record.get("lang"),
                              record["text"], record["body"], meta, html=record.get("html")))
    return pages


def load_fixture_set(fixtures_dir: Path, name: str, limit: int | None = None) -> list[Page]:
    """The hand-labelled fixtures: ``seeds`` = the seed pages, ``fixtures`` = the others."""
    pages: list[Page] = []
    for folder in sorted(p for p in fixtures_dir.iterdir() if (p / "expected.json").is_file()):
        if (name == "seeds") != folder.name.startswith("seed-"):
            continue
        if limit is not None and len(pages) >= limit:
            break
        gold = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        meta = {f: gold.get(f) for f in META_FIELDS}  # complete: None means "not stated"
        # A text fixture labels input.txt line by line; an HTML fixture (input.html) is for
        # the HTML tools only.
        html = folder / "input.html"
        is_html = html.is_file()
        pages.append(Page(
            name, folder.name, gold.get("language"),
            "" if is_html else (folder / "input.txt").read_text(encoding="utf-8"),
            (folder / "expected.txt").read_text(encoding="utf-8").strip("\n"),
            meta, labelled_lines=not is_html,
            html=html.read_text(encoding="utf-8") if is_html else None,
        ))
    return pages


def load_pages(
    data_dir: Path, fixtures_dir: Path, wanted: Sequence[str], limit: int | None,
    say: Callable[[str], None],
) -> tuple[dict[str, list[Page]], list[str]]:
    """Load the wanted sets (every one found when none is named), telling ``say`` about each
    missing one; return the pages by set and the missing names."""
    wanted_dev = [w for w in wanted if w not in FIXTURE_SETS]
    wanted_fix = [w for w in wanted if w in FIXTURE_SETS] if wanted else list(FIXTURE_SETS)
    pages: dict[str, list[Page]] = {}
    missing: list[str] = []
    for name in wanted_fix:
        if fixtures_dir.is_dir():
            pages[name] = load_fixture_set(fixtures_dir, name, limit)
        else:
            missing.append(name)
            say(f"set missing: {name} (no fixtures folder at {fixtures_dir}); carrying on without it")
    if wanted_dev or not wanted:
        if not data_dir.is_dir():
            say(f"data directory not found: {data_dir} (pass --data DIR)")
        files, missing_dev = find_dev_sets(data_dir, wanted_dev)
        for name in missing_dev:
            say(f"set missing: {name} (no {data_dir / (name + '.jsonl.gz')}); carrying on without it")
        missing += missing_dev
        for name, path in files.items():
            pages[name] = load_dev_set(path, name, limit)
    return {name: p for name, p in pages.items() if p}, missing
