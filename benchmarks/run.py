"""Run the benchmark: load the dev sets, run every tool on every page, score the
outputs against the gold bodies, time the tool calls, and print the report.

Usage (from the repository root)::

    python -m benchmarks [--set NAME]... [--tool NAME]... [--limit N]
                         [--data DIR] [--json PATH] [--repeat-speed N]

Everything printed on stdout is deterministic except the speed table; progress
goes to stderr.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import metrics
from .peers import PEERS, Peer, unavailable_reason

KNOWN_SETS = ("readability", "scrapinghub")
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
WARMUP_PAGES = 10
WORST_PAGES = 10
WORST_TOKENS = 10  # extra / missing tokens shown per worst page
SPEED_REFERENCE = "c4"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Page:
    """One dev-set page: the tool input (``text``) and the gold ``body``."""

    set: str
    id: str
    lang: str | None
    text: str
    body: str


@dataclass(frozen=True)
class Gold:
    """A gold body's token and shingle multisets, computed once for all tools."""

    tokens: Counter[str]
    shingles: Counter[tuple[str, ...]]

    @classmethod
    def of(cls, body: str) -> Gold:
        tokens = metrics.tokenize(body)
        return cls(Counter(tokens), metrics.shingles(tokens))


@dataclass
class Output:
    """What one tool returned for one page, and how long the call took."""

    text: str
    seconds: float
    error: str | None


# --- loading -------------------------------------------------------------------------


def find_sets(data_dir: Path, wanted: Sequence[str]) -> tuple[dict[str, Path], list[str]]:
    """Map each wanted set name to its file, and list the names with no file.

    With no ``wanted`` names, every ``*.jsonl.gz`` in ``data_dir`` is used and the
    known sets that are absent are reported missing.
    """
    if wanted:
        names = list(dict.fromkeys(wanted))
    else:
        found = sorted(p.name.removesuffix(".jsonl.gz") for p in data_dir.glob("*.jsonl.gz"))
        names = sorted(set(found) | set(KNOWN_SETS))
    paths = {name: data_dir / f"{name}.jsonl.gz" for name in names}
    present = {name: path for name, path in paths.items() if path.is_file()}
    return present, [name for name in names if name not in present]


def load_set(path: Path, name: str, limit: int | None = None) -> list[Page]:
    """Read the first ``limit`` pages (all if None) of a gzip JSON Lines set file."""
    pages: list[Page] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(pages) >= limit:
                break
            if not line.strip():
                continue
            record = json.loads(line)
            pages.append(
                Page(record.get("set") or name, str(record["id"]), record.get("lang"),
                     record["text"], record["body"])
            )
    return pages


# --- running -------------------------------------------------------------------------


def call_tool(peer: Peer, page: Page) -> Output:
    """Run one tool on one page, timing only the call; a crash yields empty text."""
    start = time.perf_counter()
    try:
        text = peer(page.text, page.lang)
        error = None
    except Exception as exc:  # noqa: BLE001 - any crash is scored, not fatal
        text, error = "", f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
    seconds = time.perf_counter() - start
    if error is None and not isinstance(text, str):
        text, error = "", f"returned {type(text).__name__}, not str"
    return Output(text, seconds, error)


def run_tool(peer: Peer, pages: Sequence[Page], repeat: int = 1) -> list[Output]:
    """Run ``peer`` over ``pages`` after a warm-up pass over the first few.

    The warm-up keeps one-off costs (lazy imports, caches, regex compilation) out
    of the timings.  With ``repeat`` > 1 each page is timed that many times and
    its fastest call kept, which damps noise from the rest of the machine.
    """
    for page in pages[:WARMUP_PAGES]:
        call_tool(peer, page)
    outputs = [call_tool(peer, page) for page in pages]
    for _ in range(repeat - 1):
        for output, page in zip(outputs, pages):
            output.seconds = min(output.seconds, call_tool(peer, page).seconds)
    return outputs


def page_figures(page: Page, tool: str, output: Output, gold: Gold) -> dict[str, Any]:
    """Every per-page figure of one tool on one page."""
    tokens = metrics.tokenize(output.text)
    tok = metrics.prf_counts(Counter(tokens), gold.tokens)
    shi = metrics.prf_counts(metrics.shingles(tokens), gold.shingles)
    return {
        "set": page.set, "id": page.id, "lang": page.lang, "tool": tool,
        "input_bytes": len(page.text.encode("utf-8")), "output_chars": len(output.text),
        "seconds": output.seconds, "crashed": output.error is not None, "error": output.error,
        "token_precision": tok.precision, "token_recall": tok.recall, "token_f1": tok.f1,
        "shingle_precision": shi.precision, "shingle_recall": shi.recall, "shingle_f1": shi.f1,
    }


def summarise(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Macro averages (over pages) and spread of one (set, tool) group of page rows."""

    def mean(key: str) -> float:
        return statistics.fmean(r[key] for r in rows) if rows else 0.0

    f1s = [r["token_f1"] for r in rows]
    return {
        "pages": len(rows),
        "token_precision": mean("token_precision"),
        "token_recall": mean("token_recall"),
        "token_f1": mean("token_f1"),
        "token_f1_median": statistics.median(f1s) if f1s else 0.0,
        "token_f1_p10": metrics.percentile(f1s, 10),
        "shingle_precision": mean("shingle_precision"),
        "shingle_recall": mean("shingle_recall"),
        "shingle_f1": mean("shingle_f1"),
        # scrapinghub's own aggregate, comparable with the figures they publish
        "shingle_f1_hm": metrics.harmonic_mean_f1(
            [r["shingle_precision"] for r in rows], [r["shingle_recall"] for r in rows]
        ),
        "crashes": sum(r["crashed"] for r in rows),
    }


def worst_pages(
    tool: str, rows: Sequence[dict[str, Any]], outputs: dict[tuple[str, str], str],
    golds: dict[tuple[str, str], Gold], count: int = WORST_PAGES,
) -> list[dict[str, Any]]:
    """The ``count`` lowest token-F1 pages of ``tool``, each with its most frequent
    extra tokens (kept, not in gold) and missing tokens (in gold, not kept)."""
    mine = [r for r in rows if r["tool"] == tool]
    mine.sort(key=lambda r: (r["token_f1"], r["set"], r["id"]))  # name breaks ties: stable
    worst = []
    for row in mine[:count]:
        key = (row["set"], row["id"])
        predicted = Counter(metrics.tokenize(outputs[key]))
        gold = golds[key].tokens
        worst.append({
            "set": row["set"], "id": row["id"], "token_f1": row["token_f1"],
            "token_precision": row["token_precision"], "token_recall": row["token_recall"],
            "predicted_tokens": sum(predicted.values()), "gold_tokens": sum(gold.values()),
            "error": row["error"],
            "extra": (predicted - gold).most_common(WORST_TOKENS),
            "missing": (gold - predicted).most_common(WORST_TOKENS),
        })
    return worst


def evaluate(
    pages_by_set: dict[str, list[Page]], tools: Sequence[str], repeat: int = 1,
    worst_tool: str = "cleaner", progress: Progress | None = None,
) -> dict[str, Any]:
    """Run ``tools`` over the pages and return every figure as a JSON-ready dict.

    Keys: ``tools`` (those run), ``unavailable_tools`` ({name: reason}),
    ``summary`` (one row per set and tool), ``speed`` ({tool: figures}),
    ``worst`` (lowest token-F1 pages of ``worst_tool``) and ``pages`` (one row
    per page and tool).
    """
    unavailable = {t: r for t in tools if (r := unavailable_reason(t)) is not None}
    runnable = [t for t in tools if t not in unavailable]
    pages = [page for set_pages in pages_by_set.values() for page in set_pages]
    golds = {(p.set, p.id): Gold.of(p.body) for p in pages}
    total_mb = sum(len(p.text.encode("utf-8")) for p in pages) / 1e6

    rows: list[dict[str, Any]] = []
    speed: dict[str, dict[str, Any]] = {}
    worst_outputs: dict[tuple[str, str], str] = {}
    for tool in runnable:
        started = time.perf_counter()
        outputs = run_tool(PEERS[tool], pages, repeat)
        for page, output in zip(pages, outputs):
            rows.append(page_figures(page, tool, output, golds[(page.set, page.id)]))
            if tool == worst_tool:
                worst_outputs[(page.set, page.id)] = output.text
        seconds = sum(o.seconds for o in outputs)
        speed[tool] = {
            "pages": len(pages), "input_mb": total_mb, "seconds": seconds,
            "pages_per_second": len(pages) / seconds if seconds else 0.0,
            "mb_per_second": total_mb / seconds if seconds else 0.0,
        }
        if progress:
            crashes = sum(o.error is not None for o in outputs)
            progress(f"{tool}: {len(pages)} pages, {seconds:.2f} s in calls "
                     f"({time.perf_counter() - started:.1f} s wall), {crashes} crashes")

    reference = speed.get(SPEED_REFERENCE, {}).get("pages_per_second")
    for figures in speed.values():
        figures["relative_to_c4"] = figures["pages_per_second"] / reference if reference else None

    summary = []
    for set_name in pages_by_set:
        for tool in runnable:
            group = [r for r in rows if r["set"] == set_name and r["tool"] == tool]
            summary.append({"set": set_name, "tool": tool, **summarise(group)})

    worst = None
    if worst_tool in runnable:
        worst = {"tool": worst_tool, "pages": worst_pages(worst_tool, rows, worst_outputs, golds)}
    return {
        "sets": {name: len(set_pages) for name, set_pages in pages_by_set.items()},
        "tools": runnable,
        "unavailable_tools": unavailable,
        "summary": summary,
        "speed": speed,
        "worst": worst,
        "pages": rows,
    }


def load_pages(
    data_dir: Path, wanted: Sequence[str], limit: int | None, say: Progress
) -> tuple[dict[str, list[Page]], list[str]]:
    """Load the wanted sets (all found if none), telling ``say`` about each missing one."""
    files, missing = find_sets(data_dir, wanted)
    if not data_dir.is_dir():
        say(f"data directory not found: {data_dir} (pass --data DIR)")
    for name in missing:
        say(f"set missing: {name} (no {data_dir / (name + '.jsonl.gz')}); carrying on without it")
    return {name: load_set(path, name, limit) for name, path in files.items()}, missing


def run_smoke(limit: int = 3) -> dict[str, Any]:
    """Run every available tool on the first ``limit`` pages of each set found in
    the default data directory, printing nothing, and return the result dict of
    :func:`evaluate` (plus ``missing_sets``).  Meant for tests: a clone without
    ``../shared/data`` gets a result with no set and no row."""
    pages_by_set, missing = load_pages(DEFAULT_DATA_DIR, [], limit, lambda _message: None)
    result = evaluate(pages_by_set, list(PEERS))
    result["missing_sets"] = missing
    return result


# --- report --------------------------------------------------------------------------


def print_table(
    title: str, headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1
) -> None:
    """Print an aligned table, its first ``left`` columns left-aligned and the
    others (numbers) right-aligned, with rich when it is installed."""
    print(f"\n{title}")
    try:
        from rich import box
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text
    except ImportError:
        widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows)]
        for line in [headers, ["-" * w for w in widths], *rows]:
            cells = [c.ljust(w) if i < left else c.rjust(w)
                     for i, (c, w) in enumerate(zip(line, widths))]
            print("  ".join(cells).rstrip())
        return
    console = Console()
    if not console.is_terminal:
        # rich would squeeze the table into 80 columns when piped to a file
        console = Console(width=200)
    table = Table(box=box.SIMPLE_HEAD)
    for i, header in enumerate(headers):
        table.add_column(header, justify="left" if i < left else "right", no_wrap=True)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))  # Text: ids are not markup
    console.print(table)


def _ratio(value: float | None) -> str:
    """A speed ratio, readable whether it is 0.0123 or 1234."""
    if value is None:
        return "-"
    return f"{value:.0f}" if value >= 100 else f"{value:.3g}"


def report(result: dict[str, Any]) -> None:
    """Print the quality table, the speed table and the worst pages."""
    for tool, reason in result["unavailable_tools"].items():
        print(f"tool unavailable, skipped: {tool} ({reason})")
    if not result["summary"]:
        print("nothing to report: no page was run")
        return

    quality = [
        [s["set"], s["tool"], str(s["pages"]),
         *(f"{s[k]:.3f}" for k in ("token_precision", "token_recall", "token_f1",
                                   "token_f1_median", "token_f1_p10", "shingle_precision",
                                   "shingle_recall", "shingle_f1", "shingle_f1_hm")),
         str(s["crashes"])]
        for s in result["summary"]
    ]
    print_table(
        "Quality (macro averages over pages)",
        ["set", "tool", "pages", "tok P", "tok R", "tok F1", "F1 med", "F1 p10",
         "sh P", "sh R", "sh F1", "sh F1hm", "crashes"],
        quality,
        left=2,
    )
    print("tok = word tokens, sh = 4-gram shingles; F1 med / F1 p10 = median / 10th percentile "
          "of token F1;\nsh F1hm = F1 of mean sh P and mean sh R (scrapinghub's published figure)")
    for tool in result["tools"]:
        crashed = [r for r in result["pages"] if r["tool"] == tool and r["crashed"]]
        if crashed:
            first = crashed[0]
            print(f"{tool} crashed on {len(crashed)} pages, first {first['set']}/{first['id']}: "
                  f"{first['error']}")

    speed = result["speed"]
    print_table(
        "Speed (one process, tool calls only, after a warm-up; varies run to run)",
        ["tool", "pages", "input MB", "seconds", "pages/s", "MB/s", "× c4"],
        [
            [tool, str(f["pages"]), f"{f['input_mb']:.2f}", f"{f['seconds']:.2f}",
             f"{f['pages_per_second']:.1f}", f"{f['mb_per_second']:.2f}",
             _ratio(f["relative_to_c4"])]
            for tool, f in speed.items()
        ],
    )
    if SPEED_REFERENCE in speed:
        for tool, f in speed.items():
            ratio = f["relative_to_c4"]
            if tool == SPEED_REFERENCE or not ratio:
                continue
            if ratio >= 1:
                print(f"  {tool}: {_ratio(ratio)}× as fast as {SPEED_REFERENCE}")
            else:
                print(f"  {tool}: {_ratio(1 / ratio)}× slower than {SPEED_REFERENCE}")
    else:
        print(f"  (no speed ratios: {SPEED_REFERENCE} was not run)")

    worst = result["worst"]
    if worst is None:
        return
    print(f"\nLowest token F1 for {worst['tool']} (extra = kept but not in gold, "
          "missing = in gold but not kept; token×count)")
    for rank, page in enumerate(worst["pages"], 1):
        print(f"{rank:2}. {page['set']}/{page['id']}  F1 {page['token_f1']:.3f} "
              f"(P {page['token_precision']:.3f}, R {page['token_recall']:.3f}), "
              f"kept {page['predicted_tokens']} tokens, gold {page['gold_tokens']}"
              + (f", CRASHED: {page['error']}" if page["error"] else ""))
        for label in ("extra", "missing"):
            tokens = ", ".join(f"{token}×{n}" for token, n in page[label]) or "-"
            print(f"    {label + ':':8} {tokens}")


# --- command line --------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Score the cleaner and its peers on the dev sets' gold article bodies.",
    )
    parser.add_argument("--set", dest="sets", action="append", default=[], metavar="NAME",
                        help="a set to run (repeatable; default: every set found)")
    parser.add_argument("--tool", dest="tools", action="append", default=[], metavar="NAME",
                        choices=list(PEERS),
                        help=f"a tool to run (repeatable; default: all of {', '.join(PEERS)})")
    parser.add_argument("--limit", type=int, metavar="N", help="first N pages of each set")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, metavar="DIR",
                        help=f"folder of the <set>.jsonl.gz files (default: {DEFAULT_DATA_DIR})")
    parser.add_argument("--json", type=Path, metavar="PATH",
                        help="write every figure, per page too, as JSON")
    parser.add_argument("--repeat-speed", type=int, default=1, metavar="N",
                        help="time each call N times and keep the fastest (default 1)")
    parser.add_argument("--worst-tool", default="cleaner", choices=list(PEERS),
                        help="tool whose lowest-F1 pages are listed (default: cleaner)")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.repeat_speed < 1:
        parser.error("--repeat-speed must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    args = parse_args(argv)
    tools = list(dict.fromkeys(args.tools)) or list(PEERS)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    pages_by_set, missing = load_pages(args.data, args.sets, args.limit, print)
    if not pages_by_set:
        print(f"no data set found in {args.data}: nothing to run (pass --data DIR)")
        return 1
    print("sets: " + ", ".join(f"{name} ({len(p)} pages)" for name, p in pages_by_set.items()))
    say(f"running {', '.join(tools)} (warm-up {WARMUP_PAGES} pages, repeat {args.repeat_speed})")

    result = evaluate(pages_by_set, tools, args.repeat_speed, args.worst_tool, say)
    result["data_dir"] = str(args.data)
    result["missing_sets"] = missing
    report(result)
    if args.worst_tool not in result["tools"]:
        print(f"\n(no worst-page list: {args.worst_tool} was not run)")
    if args.json:
        text = json.dumps(result, indent=1, ensure_ascii=False)
        args.json.write_text(text + "\n", encoding="utf-8")
        say(f"wrote {args.json}")
    return 0
