"""The public dev sets (../shared/data): skipped with a reason on a clone that lacks them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from cleaner import clean


def test_every_dev_page_cleans_without_error(shared_data: Path) -> None:
    n = 0
    for path in sorted(shared_data.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                a = clean(rec["text"])
                assert isinstance(a.body, str)
                assert len(a.lines) == rec["text"].count("\n") + 1 or rec["text"] == ""
                n += 1
    assert n > 100


def test_benchmark_smoke(shared_data: Path) -> None:
    from benchmarks.run import run_smoke

    from benchmarks.peers import INPUT

    result = run_smoke(limit=3)
    assert not result.get("missing_sets")
    ran = {(s["set"], s["tool"]) for s in result["summary"]}
    # every available tool, text and HTML, on every dev set, in one table
    for set_name in ("readability", "scrapinghub"):
        for tool in result["tools"]:
            assert (set_name, tool) in ran
    assert {INPUT[t] for t in result["tools"]} == {"text", "html"}
