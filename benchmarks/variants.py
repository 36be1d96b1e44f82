"""Body F1 when the same pages are scraped differently: the text tools given each page's text as
other scrapers render it.

    python -m benchmarks.variants [--set NAME] [--tool NAME] [--limit N] [--out benchmarks/results]

Real scraped text varies with the scraper. Each variant below is made from a dev-set page the
same way for every tool, and every tool is scored against the same gold (token F1, macro over
pages, as `cleaner bench` scores it):

- as given: the set's `text` field;
- one text node a line: the page's HTML rendered as BeautifulSoup's
  `get_text("\\n", strip=True)` renders it (scripts and styles removed), so a link or an
  emphasis inside a paragraph is a line of its own (selectolax's `text(separator="\\n",
  strip=True)` does the same);
- no blank lines: the given text with its empty lines removed;
- double-spaced: a blank line after every line;
- indented: nested lines (list items, short lines) indented with tabs, trailing spaces left;
- entities left: `&amp;`, `&#8217;`, `&quot;`, `&nbsp;`, `&#39;` where the text had the
  characters;
- CRLF: Windows line ends.

Writes variants.md in --out and prints it. About two minutes on this machine with the default
tools (the cleaner, the C4-style filter, jusText, trafilatura on `<p>`-wrapped text, keep-all).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import metrics
from .peers import PEERS, unavailable_reason
from .run import call_tool, default_out
from .sets import DEV_SETS, Page, default_dir, find_dev_sets, load_dev_set

TOOLS = ("cleaner", "c4", "justext", "trafilatura", "keep_all")


def text_nodes(html: str) -> str:
    """One text node a line, stripped, no blank lines: `get_text("\\n", strip=True)`."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    tree.strip_tags(["script", "style", "noscript", "template"])
    root = tree.body or tree.root
    return root.text(deep=True, separator="\n", strip=True) if root is not None else ""


def _indented(text: str) -> str:
    out = []
    for line in text.split("\n"):
        level = 2 if line[:2] in ("* ", "+ ", "o ", "- ") else (1 if 0 < len(line) < 60 else 0)
        out.append("\t" * level + line + ("  " if level else ""))
    return "\n".join(out)


_ENTITIES = (("&", "&amp;"), ("\u2019", "&#8217;"), ('"', "&quot;"), ("\u00a0", "&nbsp;"), ("'", "&#39;"))


def _entities(text: str) -> str:
    for char, entity in _ENTITIES:
        text = text.replace(char, entity)
    return text


# name -> how the variant is made from a page (None: the page lacks what it needs)
VARIANTS: dict[str, Callable[[Page], str | None]] = {
    "as given": lambda p: p.text or None,
    "one text node a line": lambda p: text_nodes(p.html) if p.html else None,
    "no blank lines": lambda p: "\n".join(ln for ln in p.text.split("\n") if ln.strip()) if p.text else None,
    "double-spaced": lambda p: "\n\n".join(ln for ln in p.text.split("\n") if ln.strip()) if p.text else None,
    "indented": lambda p: _indented(p.text) if p.text else None,
    "entities left": lambda p: _entities(p.text) if p.text else None,
    "CRLF": lambda p: p.text.replace("\n", "\r\n") if p.text else None,
}


def run(pages_by_set: dict[str, list[Page]], tools: Sequence[str],
        say: Callable[[str], None] = lambda m: None) -> dict[str, dict[str, dict[str, float]]]:
    """{set: {variant: {tool: mean token F1}}} over the pages that have the variant's input."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for set_name, pages in pages_by_set.items():
        out[set_name] = {}
        gold = {p.id: metrics.tokenize(p.body) for p in pages}
        for variant, make in VARIANTS.items():
            made = [(p, text) for p in pages if (text := make(p))]
            if not made:
                continue
            row = {}
            for tool in tools:
                f1s = [metrics.token_prf(metrics.tokenize(call_tool(PEERS[tool], text, p.lang).text), gold[p.id]).f1
                       for p, text in made]
                row[tool] = statistics.fmean(f1s)
            row["pages"] = len(made)
            out[set_name][variant] = row
            say(f"{set_name} / {variant}: " + ", ".join(f"{t} {row[t]:.3f}" for t in tools))
    return out


def markdown(result: dict[str, dict[str, dict[str, float]]], tools: Sequence[str], command: str) -> str:
    lines = ["## Scraped text as other scrapers render it", "",
             f"Token F1 (macro over pages) of each text tool on the same pages rendered differently. Command: `{command}`", ""]
    for set_name, rows in result.items():
        lines += [f"### {set_name}", "", "| variant | pages | " + " | ".join(tools) + " |",
                  "| --- | ---: | " + " | ".join("---:" for _ in tools) + " |"]
        for variant, row in rows.items():
            best = max(row[t] for t in tools)
            cells = [f"**{row[t]:.3f}**" if row[t] == best else f"{row[t]:.3f}" for t in tools]
            lines.append(f"| {variant} | {int(row['pages'])} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.variants", description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", dest="sets", action="append", default=[], metavar="NAME",
                        help=f"a dev set (repeatable; default: {', '.join(DEV_SETS)})")
    parser.add_argument("--tool", dest="tools", action="append", default=[], choices=list(TOOLS),
                        help=f"a text tool (repeatable; default: {', '.join(TOOLS)})")
    parser.add_argument("--limit", type=int, metavar="N", help="first N pages of each set")
    parser.add_argument("--data", type=Path, default=default_dir("data"), metavar="DIR")
    parser.add_argument("--out", type=Path, default=default_out(), metavar="DIR")
    args = parser.parse_args(argv)
    tools = [t for t in (args.tools or TOOLS) if unavailable_reason(t) is None]
    files, missing = find_dev_sets(args.data, args.sets or list(DEV_SETS))
    for name in missing:
        print(f"set missing: {name} (no {args.data / (name + '.jsonl.gz')}): not run", file=sys.stderr)
    pages_by_set = {name: load_dev_set(path, name, args.limit) for name, path in files.items()}
    if not pages_by_set:
        print(f"no dev set found in {args.data}: nothing to run")
        return 1
    result = run(pages_by_set, tools, lambda m: print(m, file=sys.stderr, flush=True))
    command = "python -m benchmarks.variants" + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
    text = markdown(result, tools, command.strip())
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "variants.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
