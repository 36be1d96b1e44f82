"""The `cleaner` command: `cleaner clean [FILES]` (stdin when none); `cleaner batch` (many pages);
`cleaner bench` (benchmarks).

Exit codes: 0 ok; 1 an input could not be cleaned (binary, unreadable) - the others still are;
2 bad usage (unknown option, missing file, malformed rule file).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Optional

import typer

from cleaner import Article, BinaryInputError, Config, RuleError, clean, decode
from cleaner.batch import Summary
from cleaner.classify import FAVORS
from cleaner.pipeline import ENGINES, FORMATS, _ruleset

_FAVOR_HELP = "balanced; precision (less chrome, may lose some article) or recall (loses less, keeps more chrome)."

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__.split("\n")[0])

_COLOURS = {"body": "green", "dropped": "red"}


def _one_of(command: str, option: str, value: str, allowed: tuple[str, ...]) -> None:
    """Exit 2 with a clear message when an option's value is not one of `allowed`."""
    if value not in allowed:
        typer.echo(f"{command}: {option} must be one of {', '.join(allowed)}, not {value!r}", err=True)
        raise typer.Exit(2)


@app.callback()
def _main() -> None:
    """Strip site chrome from scraped article text; keep the body and its metadata."""


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


def _explain(article: Article, name: str | None, colour: bool) -> None:
    if name:
        typer.echo(f"==> {name} <==")
    meta = article.to_dict(lines=False)
    for k in ("title", "author", "date", "modified", "site", "source", "dateline", "editor", "description", "language", "url"):
        if meta[k]:
            source = article.sources.get(k)
            typer.echo(f"{k:>11}: {meta[k]}" + (f"  [from {source}]" if source and source != "text" else ""))
    for note in article.notes:
        typer.secho(f"       note: {note}", fg="yellow" if colour else None)
    typer.echo("")
    width = max((len(ln.decision) for ln in article.lines), default=4)
    for ln in article.lines:
        if not ln.text:
            continue
        mark = "+" if ln.decision == "body" else ("-" if ln.decision == "dropped" else "m")
        head = f"{ln.line:5} {mark} {ln.decision:<{width}}  {ln.reason:<34} "
        fg = _COLOURS.get(ln.decision, "cyan") if colour else None
        typer.secho(head + ln.text, fg=fg)


@app.command("clean")
def clean_cmd(
    files: Annotated[Optional[list[str]], typer.Argument(help="Text files to clean; none or '-' reads stdin.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON object per input (JSON Lines).")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Every line, kept or dropped, with its reason.")] = False,
    rules: Annotated[Optional[list[Path]], typer.Option("--rules", help="Extra rule file (TOML); repeatable.")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language hint (ISO 639-1), wins over detection.")] = None,
    no_lines: Annotated[bool, typer.Option("--no-lines", help="With --json: leave out per-line decisions.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="Input format: auto (HTML detected), html or text.")] = "auto",
    format_out: Annotated[str, typer.Option("--format-out", help="Body as: text, or markdown (headings, lists, quotes).")] = "text",
    engine: Annotated[str, typer.Option("--engine", help="cleaner (ours), or trafilatura.")] = "cleaner",
    favor: Annotated[str, typer.Option("--favor", help=_FAVOR_HELP)] = "balanced",
    fetched_at: Annotated[Optional[str], typer.Option(
        "--fetched-at", help="When the page was fetched (ISO 8601): relative dates ('2 hours ago') are read against it.")] = None,
) -> None:
    """Clean a scraped article, text or HTML: print the body (default), JSON, or a line-by-line explanation."""
    if json_out and explain:
        raise typer.BadParameter("choose one of --json and --explain")
    paths = files or ["-"]
    for p in paths:
        if p != "-" and not Path(p).is_file():
            typer.echo(f"cleaner: {p}: no such file", err=True)
            raise typer.Exit(2)
    for option, value, allowed in (("--format", fmt, FORMATS), ("--format-out", format_out, ("text", "markdown")),
                                   ("--engine", engine, ENGINES), ("--favor", favor, FAVORS)):
        _one_of("cleaner", option, value, allowed)
    try:
        reference = datetime.fromisoformat(fetched_at) if fetched_at else None
    except ValueError:
        typer.echo(f"cleaner: --fetched-at must be an ISO 8601 time (2024-03-05T09:30:00+07:00), not {fetched_at!r}", err=True)
        raise typer.Exit(2) from None
    cfg = Config(language=lang, rules=tuple(str(r) for r in rules or ()), format=fmt, engine=engine, reference=reference,
                 favor=favor)
    try:
        _ruleset(cfg.rules, cfg.builtin_rules)  # validate rule files before reading any input
    except RuleError as e:
        typer.echo(f"cleaner: bad rule file: {e}", err=True)
        raise typer.Exit(2) from None
    colour = sys.stdout.isatty()
    failed = 0
    for n, p in enumerate(paths):
        name = None if p == "-" else p
        try:
            article = clean(decode(_read(p)), cfg)
        except (BinaryInputError, OSError) as e:
            failed += 1
            typer.echo(f"cleaner: {p}: {e}", err=True)
            if json_out:
                typer.echo(_json_error(name, str(e)))
            continue
        except RuleError as e:  # a user rule whose pattern backtracks without end on this page
            typer.echo(f"cleaner: {p}: bad rule file: {e}", err=True)
            raise typer.Exit(2) from None
        if json_out:
            d = article.to_dict(lines=not no_lines)
            if name is not None:
                d = {"file": name, **d}
            typer.echo(_dumps(d))
        elif explain:
            if n:
                typer.echo("")
            _explain(article, name if len(paths) > 1 else None, colour)
        else:
            if len(paths) > 1:
                typer.echo(f"{'' if n == 0 else chr(10)}==> {p} <==")
            body = article.markdown() if format_out == "markdown" else article.body
            if body:
                typer.echo(body)
            for note in article.notes:
                typer.echo(f"cleaner: {p}: {note}", err=True)
    if failed:
        raise typer.Exit(1)


@app.command(
    "bench",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,  # --help goes to the benchmark's own parser, which lists its options
)
def bench_cmd(ctx: typer.Context) -> None:
    """Benchmark the cleaner against its peers on the same pages (see `cleaner bench --help`).

    Needs the repository's benchmarks package and, for peers, tables and plots, the extras:
    pip install -e '.[bench]'."""
    try:
        from cleaner_bench.run import main  # installed (pip install -e '.[bench]')
    except ImportError:
        try:
            from benchmarks.run import main  # a source checkout on the path
        except ImportError as e:
            typer.echo(f"cleaner bench: the benchmark suite is not installed ({e})", err=True)
            raise typer.Exit(2) from None
    raise typer.Exit(main(ctx.args, prog="cleaner bench"))


@app.command("batch")
def batch_cmd(
    inputs: Annotated[list[Path], typer.Argument(help="JSON Lines (.jsonl, .gz, .zst; '-' for stdin), folders of .txt/.html files, WARC/WET files.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output file ('-' for stdout, JSON Lines only).")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl, or parquet (needs pyarrow).")] = "jsonl",
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")] = 0,
    unordered: Annotated[bool, typer.Option("--unordered", help="Write records as they finish, not in input order.")] = False,
    resume: Annotated[bool, typer.Option("--resume", help="Skip the records the output already holds (by id) and append.")] = False,
    text_field: Annotated[str, typer.Option("--text-field", help="JSON field holding the page's text.")] = "text",
    html_field: Annotated[str, typer.Option("--html-field", help="JSON field holding its HTML (used when present).")] = "html",
    id_field: Annotated[str, typer.Option("--id-field", help="JSON field holding its id (else file:line).")] = "id",
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language hint for every page.")] = None,
    favor: Annotated[str, typer.Option("--favor", help=_FAVOR_HELP)] = "balanced",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a page may take before it becomes an error record (0: no limit).")] = 60.0,
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal).")] = None,
) -> None:
    """Clean many pages: every input record becomes one output record, with `error` set when it could not be cleaned."""
    from cleaner import batch

    for p in inputs:
        if str(p) != "-" and not p.exists():
            typer.echo(f"cleaner batch: {p}: no such file or folder", err=True)
            raise typer.Exit(2)
    _one_of("cleaner batch", "--favor", favor, FAVORS)
    if fmt not in ("jsonl", "parquet") or (fmt == "parquet" and str(out) == "-"):
        typer.echo("cleaner batch: --format must be jsonl or parquet (parquet needs a file, not '-')", err=True)
        raise typer.Exit(2)
    if resume and (fmt != "jsonl" or str(out) == "-"):
        typer.echo("cleaner batch: --resume needs a JSON Lines output file", err=True)
        raise typer.Exit(2)
    show = sys.stderr.isatty() if progress is None else progress
    total = 0 if any(str(p) == "-" for p in inputs) else sum(batch.input_size(p) for p in inputs)  # stdin: no ETA
    summary = batch.run(
        inputs, out, config=Config(language=lang, favor=favor), fields=batch.Fields(text_field, html_field, id_field),
        jobs=jobs, ordered=not unordered, fmt=fmt, resume=resume, timeout=timeout or None,
        progress=_bar(total) if show else None,
    )
    if show:
        sys.stderr.write("\n")
    typer.echo(summary.line(str(out)), err=True)
    if summary.interrupted:
        raise typer.Exit(130)


def _bar(total: int) -> Callable[[Summary], None]:
    """A one-line progress report on stderr: pages, pages/s, MB/s and, from the bytes read so
    far against the inputs' size, an estimate of the time left (compressed inputs make it rough)."""

    def show(s: Summary) -> None:
        pages, secs, size, read = s.pages, s.seconds or 1e-9, s.bytes, s.read
        bar = eta = ""
        if total and read:
            done = min(1.0, read / total)
            bar = "[" + "#" * int(20 * done) + "." * (20 - int(20 * done)) + f"] {100 * done:.0f}% "
            eta = f", about {secs * (1 - done) / done:.0f} s left" if done < 1 else ""
        sys.stderr.write(f"\r{bar}{pages} pages, {pages / secs:.0f} pages/s, {size / 1e6 / secs:.1f} MB/s{eta}   ")
        sys.stderr.flush()

    return show


def _dumps(d: dict) -> str:
    import json

    return json.dumps(d, ensure_ascii=False)


def _json_error(name: str | None, error: str) -> str:
    return _dumps({"file": name, "error": error})


if __name__ == "__main__":  # pragma: no cover
    app()
