"""The benchmark suite: its metrics, its handling of crashing and hanging peers, and a smoke
run of `cleaner bench` end to end on the fixtures (which every clone has)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from benchmarks import metrics, peers, run
from benchmarks.sets import load_pages
from cleaner.cli import app


def test_kept_lines_matches_exact_wrapped_and_stripped_lines() -> None:
    lines = ["Home | News", "", "The first paragraph of the story goes on", "and on over two lines.",
             "logo The second paragraph, with a logo label glued to it.", "Share"]
    output = ("The first paragraph of the story goes on and on over two lines.\n\n"
              "The second paragraph, with a logo label glued to it.")
    assert metrics.kept_lines(lines, output) == [False, None, True, True, True, False]


def test_a_short_line_inside_a_kept_paragraph_is_not_kept() -> None:
    # "Share" occurs inside the paragraph, but a short line must be a paragraph of its own
    assert metrics.kept_lines(["Share"], "Share prices fell sharply on Monday.") == [False]


def test_a_soft_hyphen_is_no_word_break() -> None:
    assert metrics.tokenize("Vladi\u00admir Putin") == ["vladimir", "putin"]
    assert metrics.text_scores("Vladimir Putin", "Vladi\u00admir Putin")[0].f1 == 1.0


def test_line_counts_separate_chrome_kept_from_body_lost() -> None:
    gold = [True, False, None, False, True]
    tool = [True, True, None, False, False]
    c = metrics.line_counts(gold, tool)
    assert (c.dropped_right, c.chrome_kept, c.body_lost, c.body_kept) == (1, 1, 1, 1)
    assert c.dropped_precision == 0.5 and c.dropped_recall == 0.5


@pytest.mark.parametrize(
    ("field", "predicted", "gold", "outcome"),
    [
        ("date", "2022-09-07T07:47:00+07:00", "2022-09-07T07:47+07:00", "right"),
        ("date", "2022-09-07", "2022-09-07T07:47+07:00", "right"),  # less precise, not wrong
        ("date", "2022-09-07T08:47:00+07:00", "2022-09-07T07:47:00+07:00", "wrong"),
        ("date", "2022-09-07T07:47:00+00:00", "2022-09-07T07:47:00+07:00", "wrong"),
        ("date", "2022-09-08", "2022-09-07", "wrong"),
        ("author", "RENI ERINA and Budi", "budi, Reni  Erina", "right"),
        ("author", None, "Reni Erina", "missing"),
        ("author", "Reni Erina", None, "wrong"),  # gold says the page names no author
        ("author", None, None, "right"),
        ("title", "A  title", "A title", "right"),
        ("title", "a title", "A title", "wrong"),  # case matters outside names
        ("title", "‘Star Wars’ Cuts “Might” Return", "'Star Wars' Cuts \"Might\" Return", "right"),  # quote style does not
        ("title", "Star Wars Cuts", "'Star Wars' Cuts", "wrong"),
        ("language", "en", "en-US", "right"),
    ],
)
def test_field_outcome(field: str, predicted: str | None, gold: str | None, outcome: str) -> None:
    assert metrics.field_outcome(field, predicted, gold) == outcome


def test_a_crashing_or_hanging_peer_scores_empty_and_is_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    def crashes(text: str, lang: str | None) -> str:
        raise RuntimeError("boom")

    def hangs(text: str, lang: str | None) -> str:
        time.sleep(5)
        return text

    monkeypatch.setitem(peers.PEERS, "crashes", crashes)
    monkeypatch.setitem(peers.PEERS, "hangs", hangs)
    monkeypatch.setattr(run, "PEERS", peers.PEERS)
    pages, _ = load_pages(Path("/nonexistent"), FIXTURES, ["seeds"], 2, lambda m: None)
    started = time.perf_counter()
    result = run.evaluate(pages, ["crashes", "hangs", "keep_all"], timeout=0.2)
    assert time.perf_counter() - started < 4  # the hanging peer was cut off, page by page
    rows = {r["tool"]: r for r in result["summary"]}
    assert rows["crashes"]["crashes"] == 2 and rows["crashes"]["token_f1"] == 0.0
    assert rows["hangs"]["crashes"] == 2 and rows["hangs"]["timeouts"] == 2
    assert rows["keep_all"]["crashes"] == 0 and rows["keep_all"]["token_f1"] > 0.5


def test_cleaner_bench_smoke(tmp_path: Path) -> None:
    """`cleaner bench` end to end on two pages of each fixture set: every tool on every set in
    one table, line decisions, metadata, speed, scaling, the JSON, the report and the plots.
    No timing is asserted."""
    out = tmp_path / "results"
    res = CliRunner().invoke(app, ["bench", "--set", "seeds", "--set", "fixtures", "--set", "nosuch",
                                   "--limit", "2", "--data", str(tmp_path), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "set missing: nosuch" in res.output  # said clearly, and the run carried on
    result = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert result["sets"] == {"seeds": 2, "fixtures": 2}
    assert set(result["tools"]) == set(peers.PEERS) - set(result["unavailable_tools"])
    # the first fixtures (sorted) are HTML ones: every HTML tool runs there, every text tool on
    # the seeds; text tools' rows have line decisions (text fixtures are labelled line by line)
    ran = {(s["set"], s["tool"]) for s in result["summary"]}
    for tool in result["tools"]:
        assert ("seeds" if peers.INPUT[tool] == "text" else "fixtures", tool) in ran
    assert all("lines" in s for s in result["summary"] if s["input"] == "text")
    assert {m["field"] for m in result["metadata"] if m["tool"] == "cleaner"} >= {"title", "date", "language"}
    assert result["speed"]["cleaner"]["pages"] == 2 and result["speed"]["cleaner"]["pages_per_second"] > 0
    assert result["speed"]["cleaner-html"]["pages"] == 2
    assert result["scaling"]["factors"][-1] == 64 and "cleaner" in result["scaling"]["tools"]
    # F1 by language: the seeds are Indonesian, scored for every text tool
    by_lang = {(r["language"], r["tool"]): r for r in result["languages"] if r["scope"] == "fixtures"}
    assert by_lang["id", "cleaner"]["pages"] >= 2 and 0 <= by_lang["id", "cleaner"]["token_f1"] <= 1
    report = (out / "report.md").read_text(encoding="utf-8")
    for heading in ("Body accuracy", "Line decisions", "by language", "Metadata", "Speed", "Scaling", "Worst pages"):
        assert heading in report
    pytest.importorskip("matplotlib")
    for png in ("f1_vs_speed.png", "f1_by_set.png", "scaling.png"):
        assert (out / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("predicted", "gold"), [
    ("Brenda Goodman", "By Brenda  Goodman, MA\n          WebMD Health News"),
    ("Nathan Willis", "By Nathan Willis\n            March 25, 2015"),
    ("Scott Cunningham", "By\n\t\t\tScott Cunningham"),
    ("Martin Untersinger, Damien Leloup, Morgane Tual", "Martin Untersinger (avec Damien Leloup et Morgane Tual)"),
])
def test_a_byline_is_compared_on_its_names(predicted: str, gold: str) -> None:
    assert metrics.field_outcome("author", predicted, gold) == "right"


def test_batch_benchmark_smoke(shared_data: Path, tmp_path: Path) -> None:
    """The batch benchmark end to end on 20 pages (no timing asserted)."""
    from benchmarks import batch_bench

    assert batch_bench.main(["--pages", "20", "--no-dask", "--data", str(shared_data), "--out", str(tmp_path)]) == 0
    report = (tmp_path / "batch.md").read_text(encoding="utf-8")
    assert "| cleaner batch --jobs 2 | 20 (10x)" in report and "identical to --jobs 1: True" in report


def test_instruction_count_needs_valgrind_and_the_dev_sets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m benchmarks.instructions` refuses clearly what it cannot do (it is run by hand:
    about two minutes under valgrind)."""
    from benchmarks import instructions

    monkeypatch.setattr(instructions.shutil, "which", lambda name: None)
    with pytest.raises(SystemExit):
        instructions.main([])
    assert "valgrind is not installed" in capsys.readouterr().err
    monkeypatch.setattr(instructions.shutil, "which", lambda name: "/usr/bin/valgrind")
    with pytest.raises(SystemExit):
        instructions.main(["--data", str(tmp_path)])
    assert "dev sets missing" in capsys.readouterr().err


def test_scraper_variants_render_the_same_page_as_other_scrapers_do() -> None:
    from benchmarks.sets import Page
    from benchmarks.variants import VARIANTS, text_nodes

    html = "<html><body><script>var x = 1;</script><p>The mayor said on <a href='#'>Monday</a> that it&#8217;s done.</p></body></html>"
    assert text_nodes(html) == "The mayor said on\nMonday\nthat it\u2019s done."
    page = Page(set="s", id="p", lang="en", text="Title\n\n* item\nA line & \"more\"", body="", html=None)
    made = {name: make(page) for name, make in VARIANTS.items()}
    assert made["one text node a line"] is None  # no HTML: the variant is not made
    assert made["no blank lines"] == "Title\n* item\nA line & \"more\""
    assert made["double-spaced"] == "Title\n\n* item\n\nA line & \"more\""
    assert made["entities left"] == "Title\n\n* item\nA line &amp; &quot;more&quot;"
    assert made["indented"].split("\n")[2] == "\t\t* item  " and made["CRLF"].count("\r\n") == 3


def test_scraper_variants_smoke(shared_data: Path, tmp_path: Path) -> None:
    from benchmarks import variants

    assert variants.main(["--limit", "2", "--tool", "cleaner", "--tool", "c4", "--out", str(tmp_path), "--data", str(shared_data)]) == 0
    report = (tmp_path / "variants.md").read_text(encoding="utf-8")
    assert "| one text node a line | 2 |" in report and "| cleaner | c4 |" in report
