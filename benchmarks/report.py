"""The report of a run: the same tables on the terminal (rich when installed) and in
``report.md``, and the plots (matplotlib when installed)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .sets import META_FIELDS


class Table(NamedTuple):
    title: str
    headers: list[str]
    rows: list[list[str]]
    left: int = 1  # leading text columns; the others are numbers, right-aligned
    note: str = ""


def _ratio(value: float | None) -> str:
    """A speed ratio, readable whether it is 0.0123 or 1234."""
    if value is None:
        return "-"
    return f"{value:.0f}" if value >= 100 else f"{value:.3g}"


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def tables(result: dict[str, Any]) -> list[Table]:
    """Every table of the report, in order."""
    out = []
    out.append(Table(
        "Body accuracy (macro averages over pages)",
        ["set", "tool", "input", "pages", "tok P", "tok R", "tok F1", "F1 med", "F1 p10",
         "sh P", "sh R", "sh F1", "sh F1hm", "crashes"],
        [[s["set"], s["tool"], s.get("input", "text"), str(s["pages"]),
          *(f"{s[k]:.3f}" for k in ("token_precision", "token_recall", "token_f1",
                                    "token_f1_median", "token_f1_p10", "shingle_precision",
                                    "shingle_recall", "shingle_f1", "shingle_f1_hm")),
          str(s["crashes"]) + (f" ({s['timeouts']} timeouts)" if s["timeouts"] else "")]
         for s in result["summary"]],
        left=3,
        note="tok = word tokens (lowercased, multiset overlap), sh = 4-gram shingles; F1 med / "
        "F1 p10 = median / 10th percentile of token F1; sh F1hm = F1 of mean sh P and mean sh R "
        "(the scrapinghub benchmark's published protocol).",
    ))
    lines = [s for s in result["summary"] if "lines" in s]
    if lines:
        out.append(Table(
            "Line decisions on the hand-labelled pages (lines pooled over the set)",
            ["set", "tool", "chrome lines", "chrome kept", "body lines", "body lost",
             "dropped P", "dropped R"],
            [[s["set"], s["tool"], str(s["lines"]["chrome_dropped"] + s["lines"]["chrome_kept"]),
              str(s["lines"]["chrome_kept"]), str(s["lines"]["body_kept"] + s["lines"]["body_lost"]),
              str(s["lines"]["body_lost"]), f"{s['lines']['dropped_precision']:.3f}",
              f"{s['lines']['dropped_recall']:.3f}"] for s in lines],
            left=2,
            note="dropped P = share of the lines a tool dropped that were chrome (low: body "
            "lost); dropped R = share of the chrome lines it dropped (low: chrome kept).",
        ))
    out.extend(_language_tables(result))
    meta = result.get("metadata") or []
    if meta:
        order = {f: i for i, f in enumerate(META_FIELDS)}
        meta = sorted(meta, key=lambda m: (m["set"], m["tool"], order.get(m["field"], 99)))
        out.append(Table(
            "Metadata (share of pages with a gold value, or a gold 'not stated')",
            ["set", "tool", "field", "pages", "right", "missing", "wrong"],
            [[m["set"], m["tool"], m["field"], str(m["pages"]), _pct(m["right"]),
              _pct(m["missing"]), _pct(m["wrong"])] for m in meta],
            left=3,
            note="Values compared normalised: whitespace, names without case or order, dates to "
            "the minute with their zone, languages by primary subtag. Fixture gold says when a "
            "page does not state a field (then any value is wrong); dev-set gold is partial, so "
            "only its stated values count. Only tools that return metadata appear.",
        ))
    speed = result["speed"]
    for kind in ("text", "html"):
        mine = {tool: f for tool, f in speed.items() if f.get("input", "text") == kind}
        if not mine:
            continue
        reference = next(iter(mine.values()))["reference"]
        pages = ", ".join(result.get("speed_pages", []))
        out.append(Table(
            f"Speed on {kind} input ({pages}; one process, tool calls only, after a warm-up; "
            "varies run to run)",
            ["tool", "pages", "input MB", "seconds", "pages/s", "MB/s", "peak mem MB", f"× {reference}"],
            [[tool, str(f["pages"]), f"{f['input_mb']:.2f}", f"{f['seconds']:.2f}",
              f"{f['pages_per_second']:.1f}", f"{f['mb_per_second']:.2f}",
              "-" if f["peak_memory_mb"] is None else f"{f['peak_memory_mb']:.1f}",
              _ratio(f["relative"])] for tool, f in mine.items()],
            note="peak mem = growth of the process's peak resident memory over the timed pass "
            "(Linux VmHWM), outputs kept for scoring included.",
        ))
    scale = result.get("scaling")
    if scale:
        factors = scale["factors"]
        out.append(Table(
            f"Scaling: milliseconds per call on {scale['page']} concatenated 1x to {factors[-1]}x",
            ["tool", *(f"{k}x" for k in factors), "s/MB last÷first", "exponent"],
            [[tool, *(f"{1000 * p['seconds']:.3g}" for p in c["points"]),
              "-" if c["linearity"] is None else f"{c['linearity']:.2f}",
              "-" if c["exponent"] is None else f"{c['exponent']:.2f}"]
             for tool, c in scale["tools"].items()],
            note="exponent = slope of log(time) on log(size): 1 is linear, 2 quadratic.",
        ))
    return out


def _language_tables(result: dict[str, Any]) -> list[Table]:
    """Token F1 by language, one column per tool, for the dev sets and for the fixtures."""
    out = []
    for scope in ("dev sets", "fixtures"):
        rows = [r for r in result.get("languages") or [] if r["scope"] == scope]
        if not rows:
            continue
        tools = list(dict.fromkeys(r["tool"] for r in rows))
        by_lang: dict[str, dict[str, dict[str, Any]]] = {}
        for r in rows:
            by_lang.setdefault(r["language"], {})[r["tool"]] = r
        order = sorted(by_lang, key=lambda lang: (-max(r["pages"] for r in by_lang[lang].values()), lang))
        out.append(Table(
            f"Body token F1 by language ({scope})",
            ["language", "pages", *tools],
            [[lang, str(max(r["pages"] for r in by_lang[lang].values())),
              *(f"{by_lang[lang][t]['token_f1']:.3f}" if t in by_lang[lang] else "-" for t in tools)]
             for lang in order],
            note="A page's language: its set's label where it has one, else its gold body's as the "
            "cleaner's detector reads it. Pages: the most any tool scored (text tools also get the "
            "seeds and text fixtures, HTML tools the HTML fixtures).",
        ))
    return out


def worst_lines(result: dict[str, Any]) -> list[str]:
    worst = result.get("worst")
    if not worst:
        return []
    out = [(f"Lowest token F1 for {worst['tool']} (extra = kept but not in gold, "
            "missing = in gold but not kept; token×count)")]
    for rank, page in enumerate(worst["pages"], 1):
        out.append(f"{rank:2}. {page['set']}/{page['id']}  F1 {page['token_f1']:.3f} "
                   f"(P {page['token_precision']:.3f}, R {page['token_recall']:.3f}), "
                   f"kept {page['predicted_tokens']} tokens, gold {page['gold_tokens']}"
                   + (f", CRASHED: {page['error']}" if page["error"] else ""))
        for label in ("extra", "missing"):
            tokens = ", ".join(f"{token}×{n}" for token, n in page[label]) or "-"
            out.append(f"    {label + ':':8} {tokens}")
    return out


def notices(result: dict[str, Any]) -> list[str]:
    out = [f"set missing: {name}" for name in result.get("missing_sets", [])]
    out += [f"tool unavailable, skipped: {tool} ({reason})"
            for tool, reason in result["unavailable_tools"].items()]
    for tool in result["tools"]:
        crashed = [r for r in result["pages"] if r["tool"] == tool and r["crashed"]]
        if crashed:
            first = crashed[0]
            out.append(f"{tool} crashed or timed out on {len(crashed)} pages (scored empty), "
                       f"first {first['set']}/{first['id']}: {first['error']}")
    return out


def terminal(result: dict[str, Any]) -> None:
    """Print the report on stdout."""
    for line in notices(result):
        print(line)
    if not result["summary"]:
        print("nothing to report: no page was run")
        return
    for table in tables(result):
        _print_table(table)
    print()
    for line in worst_lines(result):
        print(line)


def _print_table(table: Table) -> None:
    print(f"\n{table.title}")
    try:
        from rich import box
        from rich.console import Console
        from rich.table import Table as RichTable
        from rich.text import Text
    except ImportError:
        widths = [max(len(c) for c in column) for column in zip(table.headers, *table.rows)]
        for line in [table.headers, ["-" * w for w in widths], *table.rows]:
            cells = [c.ljust(w) if i < table.left else c.rjust(w)
                     for i, (c, w) in enumerate(zip(line, widths))]
            print("  ".join(cells).rstrip())
    else:
        console = Console()
        if not console.is_terminal:
            console = Console(width=200)  # rich would squeeze the table into 80 columns
        rich_table = RichTable(box=box.SIMPLE_HEAD)
        for i, header in enumerate(table.headers):
            rich_table.add_column(header, justify="left" if i < table.left else "right", no_wrap=True)
        for row in table.rows:
            rich_table.add_row(*(Text(cell) for cell in row))  # Text: ids are not markup
        console.print(rich_table)
    if table.note:
        print(table.note)


def markdown(result: dict[str, Any], plots: Sequence[Path] = ()) -> str:
    """The report as Markdown: machine, command, notices, every table, plots, worst pages."""
    m = result.get("machine", {})
    out = ["# Benchmark report", "",
           f"Command: `{result.get('command', '')}`  ",
           f"Machine: {m.get('cpu', '?')}, Python {m.get('python', '?')}, {m.get('platform', '?')}  ",
           f"Date: {m.get('date', '?')}  ",
           "Sets: " + ", ".join(f"{k} ({v} pages)" for k, v in result["sets"].items()), ""]
    out += [f"- {line}" for line in notices(result)]
    for table in tables(result):
        out += ["", f"## {table.title}", "",
                "| " + " | ".join(table.headers) + " |",
                "| " + " | ".join("---" if i < table.left else "---:" for i in range(len(table.headers))) + " |"]
        out += ["| " + " | ".join(row) + " |" for row in table.rows]
        if table.note:
            out += ["", table.note]
    if plots:
        out += ["", "## Plots", ""] + [f"![{p.stem}]({p.name})" for p in plots]
    worst = worst_lines(result)
    if worst:
        out += ["", "## Worst pages", "", "```", *worst, "```"]
    return "\n".join(out) + "\n"


def plots(result: dict[str, Any], out: Path, say: Callable[[str], None]) -> list[Path]:
    """Write the PNG plots into ``out``; return their paths (none without matplotlib)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        say("matplotlib not installed (pip install '.[bench]'): no plots")
        return []
    written = []
    tools = result["tools"]
    colours = {t: f"C{i}" for i, t in enumerate(tools)}
    summary = result["summary"]
    sets = list(result["sets"])

    speed = result["speed"]
    if speed:
        from matplotlib.lines import Line2D

        fig, ax = plt.subplots(figsize=(7, 4.5))
        markers = {n: "osD^v<>"[i % 7] for i, n in enumerate(sets)}
        for s in summary:
            pps = speed.get(s["tool"], {}).get("pages_per_second")
            if pps:
                ax.scatter(pps, s["token_f1"], s=60, color=colours[s["tool"]], marker=markers[s["set"]])
        ax.set_xscale("log")
        ax.set_xlabel("pages per second (log scale; timed on "
                      + ", ".join(result.get("speed_pages", [])) + ")")
        ax.set_ylabel("token F1 (macro over pages)")
        ax.set_title("Accuracy against speed: up and to the right is better")
        ax.grid(True, alpha=0.3)
        tool_keys = [Line2D([], [], color=colours[t], marker="o", linestyle="", label=t) for t in tools]
        set_keys = [Line2D([], [], color="grey", marker=markers[n], linestyle="", label=n) for n in sets]
        first = ax.legend(handles=tool_keys, fontsize=8, loc="lower left", title="tool")
        ax.add_artist(first)
        ax.legend(handles=set_keys, fontsize=8, loc="lower right", title="set")
        written.append(_save(fig, out / "f1_vs_speed.png"))

    fig, ax = plt.subplots(figsize=(max(7, 0.25 * len(tools) * len(sets) + 2), 5))
    width = 0.8 / max(1, len(tools))
    for ti, tool in enumerate(tools):
        values = [next((s["token_f1"] for s in summary if s["set"] == n and s["tool"] == tool), 0.0)
                  for n in sets]
        ax.bar([i + ti * width for i in range(len(sets))], values, width, label=tool, color=colours[tool])
    ax.set_xticks([i + width * (len(tools) - 1) / 2 for i in range(len(sets))])
    ax.set_xticklabels([f"{n}\n({result['sets'][n]} pages)" for n in sets])
    ax.set_ylim(0, 1)
    ax.set_ylabel("token F1 (macro over pages)")
    ax.set_title("Body accuracy per set")
    ax.legend(fontsize=7, ncol=min(4, len(tools)), loc="upper center", bbox_to_anchor=(0.5, -0.15))
    written.append(_save(fig, out / "f1_by_set.png"))

    scale = result.get("scaling")
    if scale:
        fig, ax = plt.subplots(figsize=(7, 4.5))
        for tool, curve in scale["tools"].items():
            xs = [p["mb"] for p in curve["points"]]
            ys = [p["seconds"] for p in curve["points"]]
            ax.plot(xs, ys, "o-", color=colours.get(tool), label=f"{tool} (exponent {curve['exponent']:.2f})")
            ax.plot(xs, [ys[0] * x / xs[0] for x in xs], ":", color=colours.get(tool), alpha=0.5)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(f"input MB (one page, {scale['page'][:28]}..., repeated "
                      f"{scale['factors'][0]}x to {scale['factors'][-1]}x)")
        ax.set_ylabel("seconds per call")
        ax.set_title("Time against input size (dotted: linear from the 1x point)")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
        written.append(_save(fig, out / "scaling.png"))
    return written


def _save(fig: Any, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return path
