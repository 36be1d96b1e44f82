"""Benchmark `clean()` on hostile input sizes: how its time and memory grow as one page grows
from about 1 MB to 50 MB, from 15,000 lines to a million, from 1,562 nested elements to 100,000.

    python -m benchmarks.size_bench [--max-mb 50] [--out benchmarks/results]

Four families of synthetic pages, each at 7 sizes doubling up to its target (the issue's):

- single line: English prose sentences (36 of them, names, places and numbers varied) with
  chrome glued in ("Share Tweet Email", "Advertisement", "Read more: ..."), no newline at all;
  ~0.8 MB to 50 MB.
- many lines: a live-blog page as a scraper prints it, one paragraph per line: menus, bylines,
  "Share", "Read more: ...", "Advertisement" between prose paragraphs; 15,625 to 1,000,000 lines.
- deep HTML: a headline and a few paragraphs inside <div>s nested N deep (1,562 to 100,000,
  0.08 to 5.6 MB; the cleaner flattens containers nested deeper than html.MAX_DEPTH on pages
  with at least html._DEEP_SUSPECT tags, so the smallest size is parsed as nested).
- wide HTML: N sibling blocks in one <article>: paragraphs with links, share bars, related
  links, ad slots, a menu on top; ~0.3 MB to 20 MB.

`--max-mb` scales every family's target by max-mb / 50 (`--max-mb 5`: 5 MB single line,
100,000 lines, 10,000 deep, 2 MB wide) for a quick run. Each size is cleaned in a fresh
process (`clean(text, Config(format=...))`, after a warm-up on a small page of the same family,
so imports, rule packs and regex compilation are not counted): the time of the call, best of 3
calls when one takes under a second; the peak resident memory during the first call minus the
resident memory just before it (the peak mark is reset through /proc/self/clear_refs), and the
peak RSS of the whole child process from a fresh wrapper (as batch_bench does). Writes
sizes.md in --out and prints it: per family a table, the log-log exponents of time and memory
on size (1 = linear, 2 = quadratic), and a list of what grows faster than linearly or takes
more than 5x the input in memory. The default run takes about 1.5 minutes on 2 cores and
needs about 1 GB of memory (the million-line page); `--gc-off` turns Python's cyclic garbage
collector off during the timed calls, to see what part of the curve is the collector's.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from .run import _memory_kb, _reset_peak, _slope, machine

ROOT = Path(__file__).resolve().parent.parent
STEPS = 7  # sizes per family: target / 2**(STEPS-1) ... target
REPEAT_UNDER = 1.0  # a call faster than this (seconds) is timed 3 times, the fastest kept
LINEAR = 1.15  # an exponent above this is reported as faster than linear
MEMORY_RATIO = 5.0  # memory growth above this many times the input is reported
MEMORY_FLOOR = 2.0  # MB: a smaller growth is mostly absorbed by memory the process already holds

# --- the pages ----------------------------------------------------------------------

_NAMES = ("Maria Alvarez", "James Chen", "Aisha Okafor", "Tom Becker", "Priya Nair", "Lars Holm", "Sofia Rossi")
_PLACES = ("Leeds", "Porto Alegre", "Osaka", "Nairobi", "Winnipeg", "Lyon", "Adelaide", "Gdansk", "Austin",
           "Hanoi", "Cork")
_SENTENCES = (
    "The city council voted {n} to 3 on Tuesday night to approve the new transit plan for {place}.",
    "{name}, who chairs the budget committee, said the vote was the result of two years of work.",
    "Opponents argued that the plan would raise property taxes by as much as {n} dollars a year.",
    "Construction of the first line is expected to begin next spring and to take about four years.",
    "Residents who spoke at the meeting were divided, and several asked for a public referendum.",
    "The project will be paid for with a mix of federal grants, state loans and a local sales tax.",
    "Officials in {place} said ridership on the existing bus network had grown {n} percent since 2019.",
    "\"We cannot keep building roads and expect the traffic to go away,\" {name} told reporters.",
    "A spokesperson for the regional transport authority declined to comment on the timetable.",
    "The plan includes twelve new stations, three park-and-ride lots and a maintenance depot.",
    "Critics have pointed to cost overruns on similar projects in other mid-sized cities.",
    "An independent review published last month estimated the total cost at {n} million dollars.",
    "Business owners along the proposed route have asked for compensation during construction.",
    "{name} said the council would hold a series of public workshops before the final design.",
    "The first trains are scheduled to run in {place} in the autumn of the year the line opens.",
    "Environmental groups welcomed the decision but said the plan did not go far enough.",
    "Under the agreement, the state will cover roughly a third of the construction costs.",
    "The mayor, who campaigned on the issue, called the vote a turning point for the region.",
    "Several council members said they had received hundreds of letters from constituents.",
    "Analysts expect the line to carry about {n} thousand passengers a day within five years.",
    "The transport authority will now begin the procurement process for the rolling stock.",
    "A similar proposal was rejected by voters in {place} by a narrow margin eleven years ago.",
    "{name} noted that the new plan had been redesigned to avoid demolishing any homes.",
    "The debate lasted more than six hours and ended shortly before midnight on Tuesday.",
    "Union leaders said the project would create thousands of construction jobs in the area.",
    "Some residents questioned whether the projected ridership figures were realistic.",
    "The council also approved a separate measure to expand bicycle lanes in the city centre.",
    "Engineers will spend the coming months surveying the route and testing the soil.",
    "A final vote on the financing package is expected before the end of the fiscal year.",
    "The authority said fares would be integrated with the existing bus and ferry services.",
    "In {place}, a comparable line opened in 2015 and now carries {n} thousand riders daily.",
    "{name} said the city had learned from the mistakes made by its neighbours.",
    "The opposition group said it would consider a legal challenge to the council's decision.",
    "Traffic congestion on the main arterial roads has worsened every year for a decade.",
    "The state transport minister is expected to visit the city next week to discuss the plan.",
    "Public consultation on the station designs will open in March and run for six weeks.",
)
_HEADLINES = (
    "Council approves transit plan after marathon debate", "Five things to know about the new rail line",
    "Opinion: the city finally chose the future", "Property taxes set to rise in {place}",
    "How the vote unfolded, minute by minute", "{name} on two years of negotiations",
    "Ridership on buses hits a record high", "What the plan means for commuters in {place}",
)
_MENU = ("Home", "News", "World", "Business", "Sport", "Opinion", "Culture", "Weather", "Podcasts", "Video")


def _fill(template: str, i: int) -> str:
    return template.format(name=_NAMES[i % 7], place=_PLACES[i % 11], n=(i * 37) % 997 + 3,
                           h=_HEADLINES[i % len(_HEADLINES)].format(name=_NAMES[i % 5], place=_PLACES[i % 9]))


def sentence(i: int) -> str:
    return _fill(_SENTENCES[i % len(_SENTENCES)], i // len(_SENTENCES) + i)


def headline(i: int) -> str:
    return _fill(_HEADLINES[i % len(_HEADLINES)], i)


def single_line(target_bytes: int) -> tuple[str, int]:
    """One line of prose with chrome glued in every so often (a scraper that dropped every
    newline); (text, characters)."""
    chrome = ("Share Tweet Email", "Advertisement", "Read more: {h}", "Sign up for our newsletter",
              "Photo: {name} / Reuters", "Related: {h}")
    parts, size, i = [], 0, 0
    while size < target_bytes:
        s = sentence(i)
        if i % 23 == 22:
            s = f"{_fill(chrome[(i // 23) % len(chrome)], i)} {s}"
        parts.append(s)
        size += len(s) + 1
        i += 1
    text = " ".join(parts)
    return text, len(text)


def many_lines(n_lines: int) -> tuple[str, int]:
    """A live blog as a scraper prints it, one paragraph per line: a menu, then entries (time
    stamp, headline, byline, 2-4 paragraphs, share bar, "Read more", an ad now and then)."""
    lines = ["Skip to main content", *_MENU, "Subscribe", "Sign in", "Live: council transit vote",
             "Last updated 14 minutes ago"]
    e = 0
    while len(lines) < n_lines:
        lines += [f"{(e * 7) % 24:02d}:{(e * 13) % 60:02d}", headline(e), f"By {_NAMES[e % 7]}"]
        for p in range(2 + e % 3):
            k = e * 12 + p * 4
            lines.append(" ".join(sentence(k + j) for j in range(2 + (e + p) % 3)))
        lines += ["Share", "Tweet", "Email", f"Read more: {headline(e + 3)}"]
        if e % 4 == 3:
            lines += ["Advertisement", "Story continues below advertisement"]
        if e % 10 == 9:
            lines += ["Sign up for our newsletter", "Enter your email address", "Subscribe"]
        e += 1
    del lines[n_lines - 2:]
    lines += ["Copyright 2026 The Daily Example. All rights reserved.", "Privacy policy | Terms of use | Contact us"]
    return "\n".join(lines), n_lines


def _html_head(title: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title} | The Daily Example'
            '</title></head>\n<body>\n')


def deep_html(depth: int) -> tuple[str, int]:
    """A headline and four paragraphs inside `depth` nested <div>s (~50 bytes a level)."""
    title = headline(0)
    opening = "".join(f'<div class="wrap-{k} section-inner" id="n{k}">' for k in range(depth))
    article = (f"<h1>{title}</h1>\n<p class=\"byline\">By {_NAMES[0]}</p>\n"
               + "".join(f"<p>{' '.join(sentence(p * 4 + j) for j in range(4))}</p>\n" for p in range(4))
               + '<div class="share-buttons"><a href="#">Share</a> <a href="#">Tweet</a></div>\n')
    html = _html_head(title) + opening + article + "</div>" * depth + "\n</body></html>\n"
    return html, depth


def wide_html(target_bytes: int) -> tuple[str, int]:
    """Sibling blocks in one <article>, a menu and a footer around it; (html, blocks)."""
    title = headline(0)
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in _MENU)
    top = (_html_head(title) + f'<header class="site-header"><nav class="main-menu"><ul>{menu}</ul></nav></header>\n'
           f'<main><article class="story"><h1>{title}</h1>\n<p class="byline">By {_NAMES[0]}</p>\n')
    bottom = ('</article></main>\n<footer class="site-footer"><p>Copyright 2026 The Daily Example. All rights reserved.</p>'
              f'<ul class="footer-links">{menu}</ul></footer>\n</body></html>\n')
    parts, size, i = [top], len(top) + len(bottom), 0
    while size < target_bytes:
        kind = i % 8
        if kind == 3:
            block = ('<div class="share-bar"><a href="#" class="share-facebook">Share</a> '
                     '<a href="#" class="share-twitter">Tweet</a> <a href="#">Email</a></div>\n')
        elif kind == 5:
            block = (f'<div class="related-links"><a href="/story/{i}">Read more: {headline(i)}</a></div>\n')
        elif kind == 7:
            block = '<div class="ad-slot advertisement"><span>Advertisement</span></div>\n'
        else:
            k = i * 3
            block = (f'<div class="story-body"><p>{sentence(k)} {sentence(k + 1)} '
                     f'<a href="/topic/{_PLACES[i % 11].lower().replace(" ", "-")}">{sentence(k + 2)}</a> '
                     f'{sentence(k + 3)}</p></div>\n' if kind % 2 else
                     f'<p>{sentence(k)} {sentence(k + 1)} {sentence(k + 2)}</p>\n')
        parts.append(block)
        size += len(block.encode("utf-8"))
        i += 1
    parts.append(bottom)
    return "".join(parts), i


# (key, title, unit of the count, generator, full-size target at --max-mb 50, warm-up size)
FAMILIES: dict[str, tuple[str, str, str, Callable[[int], tuple[str, int]], int, int]] = {
    "single-line": ("Single-line text page (no newline)", "text", "chars", single_line, 50_000_000, 20_000),
    "many-lines": ("Many-line text page (live blog: chrome and prose lines)", "text", "lines", many_lines,
                   1_000_000, 300),
    "deep-html": ("HTML, <div>s nested N deep around a few paragraphs", "html", "nesting depth", deep_html,
                  100_000, 50),
    "wide-html": ("HTML, N sibling blocks (paragraphs, links, share bars, related links, ads)", "html",
                  "sibling blocks", wide_html, 20_000_000, 20_000),
}


# --- one measurement (the child process) ---------------------------------------------


def child(family: str, path: Path, fmt: str, gc_off: bool = False) -> dict:
    """Clean the page at `path` after a warm-up; the figures as a dict (printed as JSON)."""
    from cleaner import Config, clean

    config = Config(format=fmt)
    warm, _ = FAMILIES[family][3](FAMILIES[family][5])
    clean(warm, config)  # imports, rule packs, compiled regexes, caches
    text = path.read_text(encoding="utf-8")
    del warm
    gc.collect()
    _trim()
    if gc_off:
        gc.disable()
    before = _reset_peak()
    reset = before is not None
    if before is None:
        before = _memory_kb("VmRSS")
    started = time.perf_counter()
    article = clean(text, config)
    seconds = time.perf_counter() - started
    peak = _memory_kb("VmHWM")
    body_chars, notes = len(article.body), list(article.notes)
    times = [seconds]
    del article
    gc.collect()
    while len(times) < 3 and seconds < REPEAT_UNDER:
        started = time.perf_counter()
        clean(text, config)
        times.append(time.perf_counter() - started)
    return {"seconds": min(times), "calls": len(times), "rss_before_kb": before, "peak_kb": peak,
            "reset": reset and peak is not None, "body_chars": body_chars, "notes": notes}


def _trim() -> None:
    """Hand the C heap's free memory back to the system (glibc), so that the call's growth is
    not hidden by memory the warm-up freed but the process still holds."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


_MEASURE = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], check=True, capture_output=True, "
            "text=True); print(r.stdout.strip()); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def measure(family: str, path: Path, fmt: str, timeout: float, gc_off: bool = False) -> dict | None:
    """One size in a fresh child under a fresh wrapper; None when it ran out of time."""
    cmd = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "benchmarks.size_bench", "--child", family,
           str(path), fmt, "gc-off" if gc_off else "gc-on"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the wrapper's own group: it and the child
        proc.communicate()
        return None
    if proc.returncode:
        raise RuntimeError(f"{family} on {path}: exit {proc.returncode}\n{err[-2000:]}")
    *lines, maxrss = out.strip().splitlines()
    result = json.loads(lines[-1])
    result["process_peak_mb"] = int(maxrss) / 1024
    return result


# --- the report ------------------------------------------------------------------------


def sizes(target: int, steps: int) -> list[int]:
    return [max(1, round(target / 2 ** k)) for k in range(steps - 1, -1, -1)]



def exponent(points: list[dict], key: str, floor: float = 0.0) -> float | None:
    good = [p for p in points if p[key] > floor]
    return _slope([math.log(p["mb"]) for p in good], [math.log(p[key]) for p in good])


def _steps(points: list[dict], key: str) -> list[float | None]:
    """The log-log slope of `key` from each size to the next (None for the first)."""
    out: list[float | None] = [None]
    for a, b in pairwise(points):
        ok = a[key] > 0 and b[key] > 0
        out.append(math.log(b[key] / a[key]) / math.log(b["mb"] / a["mb"]) if ok else None)
    return out


def family_report(
    key: str, points: list[dict], skipped: list[int], timeout: float,
) -> tuple[list[str], list[str], dict]:
    """The Markdown section of one family, its findings (growth faster than linear, memory
    above MEMORY_RATIO times the input) and its summary figures."""
    title, _, unit = FAMILIES[key][:3]
    lines = [f"### {key}: {title}", "",
             (f"| input MB | {unit} | seconds | MB/s | time exp. (step) | memory growth MB | x input "
              "| mem exp. (step) | process peak MB | body chars |"),
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    t_steps, m_steps = _steps(points, "seconds"), _steps(points, "growth_mb")
    for p, st, sm in zip(points, t_steps, m_steps):
        best = "" if p["calls"] == 1 else f" (best of {p['calls']})"
        lines.append(f"| {p['mb']:.2f} | {p['count']:,} | {p['seconds']:.3f}{best} | {p['mb'] / p['seconds']:.2f} "
                     f"| {_f(st)} | {p['growth_mb']:.1f} | {p['growth_mb'] / p['mb']:.1f} | {_f(sm)} "
                     f"| {p['process_peak_mb']:.0f} | {p['body_chars']:,} |")
    t_exp, m_exp = exponent(points, "seconds"), exponent(points, "growth_mb", MEMORY_FLOOR)
    lines += ["", (f"Log-log exponent over the curve (1 = linear, 2 = quadratic): time {_f(t_exp)}, "
                   f"memory {_f(m_exp)} (sizes whose growth is at least {MEMORY_FLOOR:g} MB).")]
    notes = sorted({n for p in points for n in p["notes"]})
    if notes:
        lines.append("Notes the cleaner gave: " + "; ".join(f'"{n}"' for n in notes) + ".")
    if skipped:
        lines.append(f"Stopped: the process for {skipped[0]:,} {unit} ran over {timeout:g} s and was killed"
                     + (f"; not run: {', '.join(f'{c:,}' for c in skipped[1:])} {unit}." if skipped[1:] else "."))

    findings = []
    fast = [f"{a['mb']:.2f} to {b['mb']:.2f} MB ({a['count']:,} to {b['count']:,} {unit}): {st:.2f}, "
            f"{a['seconds']:.2f} s to {b['seconds']:.2f} s"
            for (a, b), st in zip(pairwise(points), t_steps[1:])
            if st is not None and st > LINEAR and b["seconds"] > 0.05]
    if t_exp is not None and t_exp > LINEAR:
        findings.append(f"{key}: time exponent over the whole curve {t_exp:.2f}")
    if fast:
        findings.append(f"{key}: time steps above {LINEAR}: " + "; ".join(fast))
    grow = [f"{a['mb']:.2f} to {b['mb']:.2f} MB: {sm:.2f}, {a['growth_mb']:.0f} MB to {b['growth_mb']:.0f} MB"
            for (a, b), sm in zip(pairwise(points), m_steps[1:])
            if sm is not None and sm > LINEAR and a["growth_mb"] >= MEMORY_FLOOR]
    if m_exp is not None and m_exp > LINEAR:
        findings.append(f"{key}: memory exponent over the whole curve {m_exp:.2f}")
    if grow:
        findings.append(f"{key}: memory steps above {LINEAR}: " + "; ".join(grow))
    high = [p for p in points if p["growth_mb"] / p["mb"] > MEMORY_RATIO and p["growth_mb"] >= MEMORY_FLOOR]
    if high:
        top = max(high, key=lambda p: p["growth_mb"] / p["mb"])
        findings.append(f"{key}: memory growth above {MEMORY_RATIO:g}x the input at {len(high)} of {len(points)} "
                        f"sizes, from {high[0]['mb']:.2f} MB ({high[0]['growth_mb'] / high[0]['mb']:.1f}x) to "
                        f"{high[-1]['mb']:.2f} MB ({high[-1]['growth_mb']:.0f} MB, "
                        f"{high[-1]['growth_mb'] / high[-1]['mb']:.1f}x); highest {top['growth_mb'] / top['mb']:.1f}x "
                        f"at {top['mb']:.2f} MB")
    if skipped:
        findings.append(f"{key}: {skipped[0]:,} {unit} ran over the {timeout:g} s limit (killed); "
                        f"{len(skipped) - 1} larger sizes not run")
    first, last = (points[0], points[-1]) if points else ({}, {})
    summary = {"key": key, "unit": unit, "first": first, "last": last, "t_exp": t_exp, "m_exp": m_exp}
    return lines, findings, summary


def summary_table(rows: list[dict]) -> list[str]:
    out = [("| family | largest size | seconds | MB/s (smallest -> largest) | time exponent "
            "| memory growth MB | x input | memory exponent |"),
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        a, b = r["first"], r["last"]
        if not b:
            out.append(f"| {r['key']} | - | - | - | - | - | - | - |")
            continue
        out.append(f"| {r['key']} | {b['mb']:.1f} MB, {b['count']:,} {r['unit']} | {b['seconds']:.2f} "
                   f"| {a['mb'] / a['seconds']:.1f} -> {b['mb'] / b['seconds']:.1f} | {_f(r['t_exp'])} "
                   f"| {b['growth_mb']:.0f} | {b['growth_mb'] / b['mb']:.1f} | {_f(r['m_exp'])} |")
    return out


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.size_bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--max-mb", type=float, default=50.0,
                   help="the single-line target in MB; every family's target scales with it (default 50)")
    p.add_argument("--family", action="append", choices=list(FAMILIES), help="run only these (repeatable)")
    p.add_argument("--steps", type=int, default=STEPS, help=f"sizes per family, doubling (default {STEPS})")
    p.add_argument("--timeout", type=float, default=240.0,
                   help="seconds one size's process may run, start-up included; then it is killed and the "
                        "family's larger sizes are not run (default 240)")
    p.add_argument("--gc-off", action="store_true",
                   help="disable Python's cyclic garbage collector during the timed calls (a diagnostic)")
    p.add_argument("--out", type=Path, default=Path("benchmarks/results"))
    args = p.parse_args(argv)
    if args.max_mb <= 0 or args.steps < 2:
        p.error("--max-mb must be positive and --steps at least 2")
    args.out.mkdir(parents=True, exist_ok=True)
    work = args.out / "size-work"
    work.mkdir(exist_ok=True)
    scale = args.max_mb / 50.0
    started = time.perf_counter()
    sections, findings, summaries = [], [], []
    for key in args.family or list(FAMILIES):
        _, fmt, unit, make, target, _ = FAMILIES[key]
        points: list[dict] = []
        skipped: list[int] = []
        path = work / f"{key}.{'html' if fmt == 'html' else 'txt'}"
        for n in sizes(max(1, round(target * scale)), args.steps):
            if skipped:
                skipped.append(n)
                continue
            text, count = make(n)
            path.write_text(text, encoding="utf-8")
            mb = len(text.encode("utf-8")) / 1e6
            del text
            r = measure(key, path, fmt, args.timeout, args.gc_off)
            if r is None:
                print(f"{key}: {count:,} {unit} ({mb:.1f} MB): over {args.timeout:.0f} s, larger sizes skipped",
                      file=sys.stderr, flush=True)
                skipped.append(n)
                continue
            # Without the peak reset, the whole process's peak stands in (loading the input included).
            peak_mb = r["peak_kb"] / 1024 if r["reset"] else r["process_peak_mb"]
            growth = peak_mb - r["rss_before_kb"] / 1024
            points.append({"count": count, "mb": mb, "seconds": r["seconds"], "calls": r["calls"],
                           "growth_mb": growth, "process_peak_mb": r["process_peak_mb"],
                           "body_chars": r["body_chars"], "notes": r["notes"]})
            print(f"{key}: {count:,} {unit} ({mb:.1f} MB): {r['seconds']:.2f} s, +{growth:.0f} MB "
                  f"(process peak {r['process_peak_mb']:.0f} MB)", file=sys.stderr, flush=True)
        path.unlink(missing_ok=True)
        section, found, summary = family_report(key, points, skipped, args.timeout)
        sections += ["", *section]
        findings += found
        summaries.append(summary)
    wall = time.perf_counter() - started
    try:
        work.rmdir()
    except OSError:
        pass
    command = " ".join(["python -m benchmarks.size_bench", *(argv if argv is not None else sys.argv[1:])])
    lines = [
        (f"Machine: {machine()['cpu']}, {os.cpu_count()} cores, Python {platform.python_version()}. "
         f"`{command}`: {wall:.0f} s wall in all (page generation and process start-up included)."),
        "",
        ("Each size is cleaned in a fresh process after a warm-up on a small page of its family: "
         f"seconds of the `clean()` call (best of 3 when under {REPEAT_UNDER:g} s); memory growth = peak "
         "resident memory during the call minus resident memory just before it (the input string already "
         "loaded, the C heap's free memory handed back first; the process still holds a few MB of free "
         "memory that it reuses, so growths of a few MB read low); process peak = the child's peak RSS "
         "(interpreter, imports and input included); body = the output's body. \"time exp. (step)\": "
         "log-log slope from the size before (1 = linear, 2 = quadratic). The inputs are ASCII, which "
         "Python holds at 1 byte a character; a page with one non-ASCII character is held at 2 (4 with "
         "an emoji), so its memory ratios would be up to that much higher."
         + (" Python's cyclic garbage collector was off during the timed calls (--gc-off)."
            if args.gc_off else "")),
        "",
        *summary_table(summaries),
        *sections,
        "",
        (f"### Faster than linear, or memory above {MEMORY_RATIO:g}x the input (step exponent above "
         f"{LINEAR}; calls over 0.05 s, memory growth of {MEMORY_FLOOR:g} MB or more)"),
        "",
        *([f"- {f}" for f in findings] or ["- none"]),
    ]
    report = "\n".join(lines) + "\n"
    (args.out / "sizes.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], Path(sys.argv[3]), sys.argv[4], sys.argv[5] == "gc-off")))
        raise SystemExit(0)
    raise SystemExit(main())
