"""Instructions per page for the text path: a speed measure that does not drift with the load on
a shared machine, for judging changes (pages per second, in `cleaner bench`, is the figure a
user sees; this one tells whether a change made the work smaller).

    python -m benchmarks.instructions [--format text|html] [--data ../shared/data]

Runs a child Python under `valgrind --tool=callgrind` twice: once to import, load the dev sets
and warm up on 10 pages, once doing the same and then cleaning every page of the dev sets;
the difference in instructions, divided by the pages, is printed. Needs valgrind; takes about
two minutes. To compare with an older commit, run it from a checkout of that commit.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.sets import default_dir, find_dev_sets, load_dev_set

_CHILD = """
import sys
from pathlib import Path
from benchmarks.sets import load_dev_set
from cleaner import Config, clean
fmt, run, paths = sys.argv[1], sys.argv[2] == "run", sys.argv[3:]
pages = [p.input(fmt) or "" for path in paths for p in load_dev_set(Path(path), Path(path).name)]
for text in pages[:10]:
    clean(text, Config(format=fmt))
if run:
    for text in pages:
        clean(text, Config(format=fmt))
"""


def instructions(fmt: str, paths: list[str], run: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
             sys.executable, "-c", _CHILD, fmt, "run" if run else "base", *paths],
            capture_output=True, text=True, check=True,
        )
    found = re.search(r"Collected : (\d+)", proc.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{proc.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", choices=("text", "html"), default="text")
    parser.add_argument("--data", type=Path, default=default_dir("data"))
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed")
    found, missing = find_dev_sets(args.data, ["readability", "scrapinghub"])
    if missing:
        parser.error(f"dev sets missing from {args.data}: {', '.join(missing)}")
    paths = [str(p) for p in found.values()]
    n = sum(len(load_dev_set(Path(p), Path(p).name)) for p in paths)
    base = instructions(args.format, paths, run=False)
    total = instructions(args.format, paths, run=True)
    print(f"{(total - base) / n / 1e6:.1f}M instructions per page ({args.format}, {n} pages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
