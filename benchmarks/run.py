"""Run the benchmark: load the sets, run every tool on every page, score the outputs against
the gold, time the calls, and write the report.

Usage (from the repository root)::

    cleaner bench [--set NAME]... [--tool NAME]... [--limit N] [--out DIR] ...
    python -m benchmarks ...            # the same

Everything printed on stdout is deterministic except the speed figures; progress goes to
stderr.  ``--out`` (default ``benchmarks/results``) receives ``results.json`` (every per-page
figure), ``report.md`` and the plots.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import signal
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import metrics
from .peers import INPUT, PEERS, SPEED_REFERENCE, UNTIMED, Extraction, Peer, unavailable_reason
from .sets import FIXTURE_SETS, META_FIELDS, Page, default_dir, load_pages

WARMUP_PAGES = 10
WORST_PAGES = 10
WORST_TOKENS = 10  # extra / missing tokens shown per worst page
DEFAULT_TIMEOUT = 60.0  # seconds a tool may spend on one page before it scores it empty
SCALE_FACTORS = (1, 2, 4, 8, 16, 32, 64)
# Tools on the scaling curve unless --scaling-tool says otherwise: ours and one or two peers
# per input kind (the other peers' curves take minutes on 64 copies of a page's HTML).
SCALING_TOOLS = ("c4", "justext", "trafilatura", "cleaner", "trafilatura-html", "cleaner-html")

Progress = Callable[[str], None]


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
    meta: dict[str, str | None] | None
    seconds: float
    error: str | None


# --- running -------------------------------------------------------------------------


class _Timeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise _Timeout in the block after ``seconds`` (Unix main thread only; elsewhere no
    limit).  Pure-Python code is interrupted at once, a C extension when it returns."""
    usable = bool(seconds) and hasattr(signal, "setitimer")
    if usable:
        def expire(signum: int, frame: object) -> None:
            raise _Timeout

        try:
            previous = signal.signal(signal.SIGALRM, expire)
        except ValueError:  # not the main thread
            usable = False
    if not usable or seconds is None:
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def call_tool(peer: Peer, text: str, lang: str | None, timeout: float | None = None) -> Output:
    """Run one tool on one text, timing only the call; a crash or a timeout yields empty text."""
    meta = None
    result: object
    start = time.perf_counter()
    try:
        with _time_limit(timeout):
            result = peer(text, lang)
        error = None
    except _Timeout:
        result, error = "", f"timeout: no answer within {timeout:g} s"
    except Exception as exc:  # noqa: BLE001 - any crash is scored, not fatal
        result, error = "", f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
    seconds = time.perf_counter() - start
    if isinstance(result, Extraction):
        meta = result.meta
        result = result.body
    if not isinstance(result, str):
        result, error = "", error or f"returned {type(result).__name__}, not str"
    return Output(result, meta, seconds, error)


def _memory_kb(key: str) -> int | None:
    """A VmRSS/VmHWM figure of this process in kB (Linux), else None."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak() -> int | None:
    """Reset the peak-RSS mark to the current RSS (Linux 4.0+); return the current RSS in kB,
    or None where that cannot be done."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        return None
    return _memory_kb("VmRSS")


def run_tool(
    peer: Peer, pages: Sequence[Page], repeat: int = 1, timeout: float | None = DEFAULT_TIMEOUT,
    kind: str = "text",
) -> tuple[list[Output], float | None]:
    """Run ``peer`` over the ``kind`` input of ``pages`` (all must have one) after a warm-up
    pass over the first few; return the outputs and the peak resident-memory growth over the
    run in MB (None off Linux).

    The warm-up keeps one-off costs (lazy imports, caches, regex compilation) out of the
    timings.  With ``repeat`` > 1 each page is timed that many times and its fastest call
    kept, which damps noise from the rest of the machine."""
    inputs = [page.input(kind) or "" for page in pages]
    for page, text in zip(pages[:WARMUP_PAGES], inputs):
        call_tool(peer, text, page.lang, timeout)
    baseline = _reset_peak()
    outputs = [call_tool(peer, text, page.lang, timeout) for page, text in zip(pages, inputs)]
    peak = _memory_kb("VmHWM") if baseline is not None else None
    for _ in range(repeat - 1):
        for output, page, text in zip(outputs, pages, inputs):
            output.seconds = min(output.seconds, call_tool(peer, text, page.lang, timeout).seconds)
    growth = (peak - baseline) / 1024 if peak is not None and baseline is not None else None
    return outputs, growth


def line_scores(page: Page, output: str) -> metrics.LineCounts:
    """A tool's line decisions on a hand-labelled page, against the labels.  Input, gold and
    output are normalised as the cleaner normalises (entities, odd spaces, mojibake), so a
    line matches its labelled copy whichever tool kept it."""
    from cleaner.normalize import normalize

    lines = normalize(page.text).split("\n")
    gold = metrics.kept_lines(lines, normalize(page.body))
    return metrics.line_counts(gold, metrics.kept_lines(lines, normalize(output)))


def page_language(page: Page) -> str:
    """The page's language: the set's own label (a fixture's, a dev set's `lang`), else the
    language of its gold body as the cleaner's detector reads it (the dev sets leave many
    pages unlabelled), else "unknown". Primary subtag only."""
    if page.lang:
        return page.lang.split("-")[0].lower()
    from cleaner.lang import detect  # the benchmark's only use of the cleaner's internals

    return detect(page.body) or "unknown"


def page_figures(page: Page, tool: str, output: Output, gold: Gold, language: str) -> dict[str, Any]:
    """Every per-page figure of one tool on one page."""
    tokens = metrics.tokenize(output.text)
    tok = metrics.prf_counts(Counter(tokens), gold.tokens)
    shi = metrics.prf_counts(metrics.shingles(tokens), gold.shingles)
    row: dict[str, Any] = {
        "set": page.set, "id": page.id, "lang": page.lang, "language": language,
        "tool": tool, "input": INPUT.get(tool, "text"),
        "input_bytes": len((page.input(INPUT.get(tool, "text")) or "").encode("utf-8")),
        "output_chars": len(output.text),
        "seconds": output.seconds, "crashed": output.error is not None, "error": output.error,
        "token_precision": tok.precision, "token_recall": tok.recall, "token_f1": tok.f1,
        "shingle_precision": shi.precision, "shingle_recall": shi.recall, "shingle_f1": shi.f1,
    }
    if page.labelled_lines and page.text:
        row["lines"] = line_scores(page, output.text).astuple()
    if output.meta is not None and page.meta:
        row["meta"] = {f: {"outcome": metrics.field_outcome(f, output.meta.get(f), page.meta[f]),
                           "predicted": output.meta.get(f), "gold": page.meta[f]}
                       for f in META_FIELDS if f in page.meta}
    return row


def summarise(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Macro averages (over pages) and spread of one (set, tool) group of page rows, with the
    line decisions pooled over the group's labelled lines."""

    def mean(key: str) -> float:
        return statistics.fmean(r[key] for r in rows) if rows else 0.0

    f1s = [r["token_f1"] for r in rows]
    out: dict[str, Any] = {
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
        "timeouts": sum(bool(r["error"] and r["error"].startswith("timeout")) for r in rows),
    }
    labelled = [metrics.LineCounts(*r["lines"]) for r in rows if "lines" in r]
    if labelled:
        total = sum(labelled, metrics.LineCounts())
        out["lines"] = {"chrome_dropped": total.dropped_right, "chrome_kept": total.chrome_kept,
                        "body_lost": total.body_lost, "body_kept": total.body_kept,
                        "dropped_precision": total.dropped_precision,
                        "dropped_recall": total.dropped_recall}
    return out


def summarise_languages(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Token F1 by page language, tool and scope: the dev sets pooled, and the fixtures (the
    hand-labelled pages, whose languages the dev sets barely hold) apart."""
    groups: dict[tuple[str, str, str], list[float]] = {}
    for r in rows:
        scope = "fixtures" if r["set"] in FIXTURE_SETS else "dev sets"
        groups.setdefault((scope, r.get("language") or "unknown", r["tool"]), []).append(r["token_f1"])
    return [{"scope": scope, "language": lang, "tool": tool, "pages": len(f1s), "token_f1": statistics.fmean(f1s)}
            for (scope, lang, tool), f1s in sorted(groups.items())]


def summarise_meta(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per set, tool and field: pages scored and the share right, missing and wrong."""
    groups: dict[tuple[str, str, str], Counter[str]] = {}
    for r in rows:
        for f, figures in r.get("meta", {}).items():
            groups.setdefault((r["set"], r["tool"], f), Counter())[figures["outcome"]] += 1
    out = []
    for (set_name, tool, f), c in groups.items():
        n = sum(c.values())
        out.append({"set": set_name, "tool": tool, "field": f, "pages": n,
                    **{k: c[k] / n for k in (metrics.RIGHT, metrics.MISSING, metrics.WRONG)}})
    return out


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


def scaling(
    tools: Sequence[str], page: Page, factors: Sequence[int] = SCALE_FACTORS,
    timeout: float | None = DEFAULT_TIMEOUT, progress: Progress | None = None,
) -> dict[str, Any]:
    """Time each tool on ``page`` concatenated 1x, 2x, ... 64x: the curve must be linear.

    Each size is timed at least 3 times, small ones more (fastest kept), so that no point,
    least of all the 1x point every ratio is taken against, is noise; a call over a second
    is timed once.  ``linearity`` = seconds per MB at the largest
    factor over seconds per MB at 1x (1.0 = perfectly linear); ``exponent`` = the slope of
    log(time) against log(size) (1.0 = linear, 2.0 = quadratic)."""
    curves: dict[str, list[dict[str, float]]] = {}
    for tool in tools:
        peer, source = PEERS[tool], page.input(INPUT.get(tool, "text"))
        if not source:
            continue
        call_tool(peer, source, page.lang, timeout)  # warm-up
        points = []
        for k in factors:
            text = "\n".join([source] * k)
            seconds = call_tool(peer, text, page.lang, timeout).seconds
            for _ in range(max(2, 64 // k) if seconds < 1.0 else 0):  # a slow call is its own average
                seconds = min(seconds, call_tool(peer, text, page.lang, timeout).seconds)
            points.append({"factor": k, "mb": len(text.encode("utf-8")) / 1e6, "seconds": seconds})
        curves[tool] = points
        if progress:
            progress(f"scaling {tool}: {points[-1]['seconds']:.2f} s at {factors[-1]}x")
    out: dict[str, Any] = {"page": f"{page.set}/{page.id}", "factors": list(factors), "tools": {}}
    for tool, points in curves.items():
        per_mb = [p["seconds"] / p["mb"] for p in points]
        xs = [math.log(p["mb"]) for p in points]
        ys = [math.log(max(p["seconds"], 1e-9)) for p in points]
        out["tools"][tool] = {"points": points, "linearity": per_mb[-1] / per_mb[0] if per_mb[0] else None,
                              "exponent": _slope(xs, ys)}
    return out


def _slope(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    if len(xs) < 2:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else None


def evaluate(
    pages_by_set: dict[str, list[Page]], tools: Sequence[str], repeat: int = 1,
    worst_tool: str = "cleaner", progress: Progress | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Run ``tools`` over the pages and return every figure as a JSON-ready dict.

    Keys: ``sets`` ({name: pages}), ``tools`` (those run), ``unavailable_tools`` ({name:
    reason}), ``summary`` (one row per set and tool), ``metadata`` (one row per set, tool and
    field), ``speed`` ({tool: figures}), ``worst`` (lowest token-F1 pages of ``worst_tool``)
    and ``pages`` (one row per page and tool).  Speed is measured on the dev sets' pages (the
    fixtures and seeds, which repeat some of them, would count those twice) unless only
    fixture sets were loaded."""
    unavailable = {t: r for t in tools if (r := unavailable_reason(t)) is not None}
    runnable = [t for t in tools if t not in unavailable]
    pages = [page for set_pages in pages_by_set.values() for page in set_pages]
    golds = {(p.set, p.id): Gold.of(p.body) for p in pages}
    languages = {(p.set, p.id): page_language(p) for p in pages}
    # Speed on the dev sets' pages (fixtures and seeds repeat some of them) unless only
    # fixture sets were loaded.
    timed_sets = {p.set for p in pages if p.set not in FIXTURE_SETS} or {p.set for p in pages}

    rows: list[dict[str, Any]] = []
    speed: dict[str, dict[str, Any]] = {}
    worst_outputs: dict[tuple[str, str], str] = {}
    for tool in runnable:
        kind = INPUT.get(tool, "text")
        # The timed pages first: a tool must not have seen them already, in the fixtures that
        # repeat some of them (our rule and feature memos would answer from memory).
        mine = sorted((p for p in pages if p.input(kind)), key=lambda p: p.set not in timed_sets)
        if not mine:
            continue
        started = time.perf_counter()
        outputs, memory = run_tool(PEERS[tool], mine, repeat, timeout, kind)
        seconds = 0.0
        n_timed = 0
        mb = 0.0
        for page, output in zip(mine, outputs):
            key = (page.set, page.id)
            rows.append(page_figures(page, tool, output, golds[key], languages[key]))
            if page.set in timed_sets:
                seconds += output.seconds
                n_timed += 1
                mb += len((page.input(kind) or "").encode("utf-8")) / 1e6
            if tool == worst_tool:
                worst_outputs[(page.set, page.id)] = output.text
        if tool not in UNTIMED:
            speed[tool] = {
                "input": kind, "pages": n_timed, "input_mb": mb, "seconds": seconds,
                "pages_per_second": n_timed / seconds if seconds else 0.0,
                "mb_per_second": mb / seconds if seconds else 0.0,
                "peak_memory_mb": memory,
            }
        if progress:
            crashes = sum(o.error is not None for o in outputs)
            progress(f"{tool}: {len(mine)} pages, {seconds:.2f} s in timed calls "
                     f"({time.perf_counter() - started:.1f} s wall), {crashes} crashes")

    for figures in speed.values():
        reference = SPEED_REFERENCE[figures["input"]]
        ref_pps = speed.get(reference, {}).get("pages_per_second")
        figures["reference"] = reference
        figures["relative"] = figures["pages_per_second"] / ref_pps if ref_pps else None

    summary = []
    for set_name in pages_by_set:
        for tool in runnable:
            group = [r for r in rows if r["set"] == set_name and r["tool"] == tool]
            if group:
                summary.append({"set": set_name, "tool": tool, "input": INPUT.get(tool, "text"), **summarise(group)})

    worst = None
    if worst_tool in runnable:
        worst = {"tool": worst_tool, "pages": worst_pages(worst_tool, rows, worst_outputs, golds)}
    return {
        "sets": {name: len(set_pages) for name, set_pages in pages_by_set.items()},
        "tools": runnable,
        "unavailable_tools": unavailable,
        "summary": summary,
        "metadata": summarise_meta(rows),
        "languages": summarise_languages(rows),
        "speed": speed,
        "speed_pages": sorted(timed_sets),
        "worst": worst,
        "pages": rows,
    }


def scaling_page(pages_by_set: dict[str, list[Page]]) -> Page | None:
    """The page the scaling curve repeats: the median-sized page of the dev sets (of every
    set when only fixtures were loaded)."""
    pages = [p for name, ps in pages_by_set.items() if name not in FIXTURE_SETS for p in ps]
    pages = pages or [p for ps in pages_by_set.values() for p in ps]
    if not pages:
        return None
    ordered = sorted(pages, key=lambda p: (len(p.text), p.set, p.id))
    return ordered[len(ordered) // 2]


def default_out() -> Path:
    """benchmarks/results in a source checkout; ./cleaner-bench-results for an installed
    package (never inside site-packages)."""
    here = Path(__file__).resolve().parent
    return here / "results" if here.name == "benchmarks" else Path.cwd() / "cleaner-bench-results"


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": cpu, "python": platform.python_version(), "platform": platform.platform(),
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}


def run_smoke(limit: int = 3) -> dict[str, Any]:
    """Run every available tool on the first ``limit`` pages of each set found (dev sets in
    the default data folder, fixtures, seeds), printing nothing, and return the result dict
    of :func:`evaluate` (plus ``missing_sets``).  Meant for tests."""
    pages_by_set, missing = load_pages(default_dir("data"), default_dir("fixtures"), [], limit,
                                       lambda _message: None)
    result = evaluate(pages_by_set, list(PEERS))
    result["missing_sets"] = missing
    return result


# --- command line --------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None, prog: str = "python -m benchmarks") -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Score the cleaner and its peers on the same pages, side by side: body "
        "accuracy, line decisions, metadata, speed, memory and scaling.",
    )
    parser.add_argument("--set", dest="sets", action="append", default=[], metavar="NAME",
                        help="a set to run: a dev-set name, 'fixtures' or 'seeds' (repeatable; "
                        "default: every set found)")
    parser.add_argument("--tool", dest="tools", action="append", default=[], metavar="NAME",
                        choices=list(PEERS),
                        help=f"a tool to run (repeatable; default: all of {', '.join(PEERS)})")
    parser.add_argument("--limit", type=int, metavar="N", help="first N pages of each set")
    parser.add_argument("--data", type=Path, default=default_dir("data"), metavar="DIR",
                        help="folder of the <set>.jsonl.gz files (default: %(default)s)")
    parser.add_argument("--fixtures", type=Path, default=default_dir("fixtures"), metavar="DIR",
                        help="folder of the hand-labelled fixtures (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=default_out(),
                        metavar="DIR", help="where results.json, report.md and the plots go "
                        "(default: %(default)s)")
    parser.add_argument("--json", type=Path, metavar="PATH",
                        help="also write every figure, per page too, as JSON here")
    parser.add_argument("--repeat-speed", type=int, default=1, metavar="N",
                        help="time each call N times and keep the fastest (default 1)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help="a tool's time limit per page; past it the page scores empty "
                        "(default %(default)g)")
    parser.add_argument("--no-scaling", action="store_true",
                        help="skip the input-size scaling curve")
    parser.add_argument("--scaling-tool", dest="scaling_tools", action="append", default=[],
                        metavar="NAME", choices=list(PEERS),
                        help=f"a tool on the scaling curve (repeatable; default: {', '.join(SCALING_TOOLS)})")
    parser.add_argument("--no-plots", action="store_true", help="write no PNG plots")
    parser.add_argument("--worst-tool", default="cleaner", choices=list(PEERS),
                        help="tool whose lowest-F1 pages are listed (default: cleaner)")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.repeat_speed < 1:
        parser.error("--repeat-speed must be at least 1")
    if args.timeout <= 0:
        parser.error("--timeout must be positive")
    return args


def main(argv: Sequence[str] | None = None, prog: str = "python -m benchmarks") -> int:
    """Command-line entry point; returns the exit status."""
    from . import report

    args = parse_args(argv, prog)
    tools = list(dict.fromkeys(args.tools)) or list(PEERS)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    pages_by_set, missing = load_pages(args.data, args.fixtures, args.sets, args.limit, print)
    if not pages_by_set:
        print(f"no set found (data: {args.data}, fixtures: {args.fixtures}): nothing to run")
        return 1
    print("sets: " + ", ".join(f"{name} ({len(p)} pages)" for name, p in pages_by_set.items()))
    say(f"running {', '.join(tools)} (warm-up {WARMUP_PAGES} pages, repeat {args.repeat_speed})")

    result = evaluate(pages_by_set, tools, args.repeat_speed, args.worst_tool, say, args.timeout)
    page = scaling_page(pages_by_set)
    if not args.no_scaling and page is not None and result["tools"]:
        scaled = [t for t in result["tools"] if t in (args.scaling_tools or SCALING_TOOLS)]
        result["scaling"] = scaling(scaled, page, timeout=args.timeout, progress=say)
    result["data_dir"] = str(args.data)
    result["missing_sets"] = missing
    result["machine"] = machine()
    result["command"] = " ".join([prog, *(argv if argv is not None else sys.argv[1:])])
    report.terminal(result)
    if args.worst_tool not in result["tools"]:
        print(f"\n(no worst-page list: {args.worst_tool} was not run)")
    args.out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=1, ensure_ascii=False) + "\n"
    for path in [args.out / "results.json", *([args.json] if args.json else [])]:
        path.write_text(text, encoding="utf-8")
    plots = [] if args.no_plots else report.plots(result, args.out, say)
    (args.out / "report.md").write_text(report.markdown(result, plots), encoding="utf-8")
    say(f"wrote {args.out / 'results.json'}, {args.out / 'report.md'}"
        + (f" and {len(plots)} plots" if plots else ""))
    return 0
