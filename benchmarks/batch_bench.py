"""Benchmark `cleaner batch` at scale: pages/s with one process and with --jobs 2, peak memory
as the input grows 10x, and the same records through cleaner.dask on a LocalCluster.

    python -m benchmarks.batch_bench [--pages 10000] [--field html] [--out benchmarks/results]

The input is the dev sets' pages (../shared/data), repeated with fresh ids up to --pages, as
one gzip JSON Lines file. Each `cleaner batch` run is its own process: its wall time, and the
peak resident memory of its largest process (the parent or a worker: ru_maxrss of the
children). Writes batch.md in --out and prints it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

from .sets import default_dir


def make_input(data: Path, pages: int, field: str, path: Path) -> int:
    """`pages` records cycled from the dev sets; returns the uncompressed bytes."""
    source = []
    for name in ("scrapinghub", "readability"):
        with gzip.open(data / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
            source += [json.loads(line) for line in f]
    size = 0
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for i in range(pages):
            r = source[i % len(source)]
            line = json.dumps({"id": f"{r['set']}/{r['id']}/{i}", field: r[field], "url": r.get("url")}) + "\n"
            size += len(line.encode())
            out.write(line)
    return size


_MEASURE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def run_batch(src: Path, out: Path, jobs: int) -> tuple[float, float]:
    """(seconds, peak RSS MB of the largest process) of one `cleaner batch` run, measured from a
    fresh wrapper process whose only descendants are that run's (ru_maxrss is a running max)."""
    started = time.perf_counter()
    res = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "cleaner.cli", "batch", str(src),
                          "-o", str(out), "-j", str(jobs), "--no-progress"], check=True, capture_output=True, text=True)
    return time.perf_counter() - started, int(res.stdout.strip()) / 1024


def shard(src: Path, folder: Path, parts: int) -> list[Path]:
    """The input cut into `parts` gzip files of consecutive records, as crawls come: one Dask
    partition each (a gzip file cannot be split)."""
    folder.mkdir(exist_ok=True)
    with gzip.open(src, "rt", encoding="utf-8") as f:
        lines = f.readlines()
    paths = []
    step = -(-len(lines) // parts)
    for k in range(parts):
        path = folder / f"part-{k:03d}.jsonl.gz"
        with gzip.open(path, "wt", encoding="utf-8") as out:
            out.writelines(lines[k * step : (k + 1) * step])
        paths.append(path)
    return paths


def run_dask(shards: list[Path], workers: int) -> tuple[float, list[dict]]:
    import dask.bag as db
    from distributed import Client, LocalCluster

    from cleaner.dask import clean_bag

    with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster):
        started = time.perf_counter()
        records = clean_bag(db.read_text([str(p) for p in shards], blocksize=None).map(json.loads)).compute()
        return time.perf_counter() - started, records


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.batch_bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--pages", type=int, default=10_000)
    p.add_argument("--field", choices=("html", "text"), default="html")
    p.add_argument("--data", type=Path, default=default_dir("data"))
    p.add_argument("--out", type=Path, default=Path("benchmarks/results"))
    p.add_argument("--no-dask", action="store_true")
    args = p.parse_args(argv)
    if not (args.data / "scrapinghub.jsonl.gz").is_file():
        print(f"dev sets not found in {args.data}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    work = args.out / "batch-work"
    work.mkdir(exist_ok=True)
    small, big = work / "small.jsonl.gz", work / "big.jsonl.gz"
    small_mb = make_input(args.data, args.pages // 10, args.field, small) / 1e6
    big_mb = make_input(args.data, args.pages, args.field, big) / 1e6

    rows = []
    for label, src, pages, mb, jobs in (("1x", small, args.pages // 10, small_mb, 1), ("10x", big, args.pages, big_mb, 1),
                                        ("1x", small, args.pages // 10, small_mb, 2), ("10x", big, args.pages, big_mb, 2)):
        out = work / f"out-{label}-{jobs}.jsonl"
        seconds, peak = run_batch(src, out, jobs)
        rows.append((f"cleaner batch --jobs {jobs}", f"{pages:,} ({label})", mb, seconds, peak))
        print(f"{rows[-1][0]} on {rows[-1][1]} pages: {seconds:.1f} s, peak {peak:.0f} MB", file=sys.stderr)
    serial = [json.loads(line) for line in (work / "out-10x-1.jsonl").read_text(encoding="utf-8").splitlines()]
    two = [json.loads(line) for line in (work / "out-10x-2.jsonl").read_text(encoding="utf-8").splitlines()]
    lines = [
        f"Input: {args.pages:,} pages (the dev sets' `{args.field}` field, cycled, fresh ids), "
        f"{big_mb:.0f} MB of JSON Lines (gzip); and its first tenth.", "",
        "| run | pages | input MB | seconds | pages/s | MB/s | peak RSS MB (largest process) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, pages, mb, seconds, peak in rows:
        n = int(pages.split()[0].replace(",", ""))
        lines.append(f"| {name} | {pages} | {mb:.0f} | {seconds:.1f} | {n / seconds:.0f} | {mb / seconds:.1f} | {peak:.0f} |")
    speedup = rows[1][3] / rows[3][3]
    lines += ["", f"--jobs 2 / --jobs 1 on {args.pages:,} pages: {speedup:.2f}x (2 cores).",
              f"--jobs 2 output identical to --jobs 1: {two == serial}."]
    if not args.no_dask:
        shards = shard(big, work / "shards", 16)
        seconds, records = run_dask(shards, 2)
        lines.append(f"cleaner.dask.clean_bag on a LocalCluster (2 workers, 1 thread each), the input in 16 gzip "
                     f"shards (one partition each): {seconds:.1f} s "
                     f"({args.pages / seconds:.0f} pages/s, cluster start-up excluded); records identical to "
                     f"`cleaner batch --jobs 1`: {records == serial} ({len(records):,} records).")
    report = "\n".join(lines) + "\n"
    (args.out / "batch.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
